"""`python -m ui`: start the chat app."""
import sys

from assistant.cli import main

sys.exit(main(["chat"]))
