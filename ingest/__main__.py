import sys

from ingest.cli import main

try:
    sys.exit(main())
except BrokenPipeError:  # `… | head` closed the pipe: not an error
    sys.exit(0)
except KeyboardInterrupt:  # files written so far stay indexed; a file cut off is incomplete and the next run completes it
    print("\ninterrupted: what was written stays in the index; run again to complete the rest", file=sys.stderr)
    sys.exit(130)
