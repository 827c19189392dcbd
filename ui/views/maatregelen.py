"""Page script: the measures overview."""
from ui.maatregelen_page import page

page()
