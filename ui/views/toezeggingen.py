"""Page script: the commitments register."""
from ui.toezeggingen_page import page

page()
