"""Page script: the interventions overview."""
from ui.interventies_page import page

page()
