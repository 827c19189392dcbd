"""Page script: the feedback on answers."""
from ui.feedback_page import page

page()
