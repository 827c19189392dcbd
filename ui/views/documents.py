"""Page script: the documents."""
from ui.documents_page import page

page()
