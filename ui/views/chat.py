"""Page script: the chat (Streamlit runs page files as scripts)."""
from ui.chat_page import page

page()
