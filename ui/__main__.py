"""`python -m ui`: start the Streamlit app (http://localhost:8501 by default)."""
import os
import sys
from pathlib import Path

from ingest.settings import Settings

root = Path(__file__).resolve().parent.parent
os.execv(sys.executable, [sys.executable, "-m", "streamlit", "run", str(root / "ui" / "app.py"),
                          "--server.port", str(Settings().port), "--server.headless", "true"])
