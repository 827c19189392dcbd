import sys

from assistant.cli import main

try:
    sys.exit(main())
except BrokenPipeError:  # `… | head` closed the pipe: not an error
    sys.exit(0)
