"""`python -m ui`: start the Streamlit app on this computer only (http://127.0.0.1:8501 by default)."""
import os
import sys
from pathlib import Path

from ingest.settings import Settings

root = Path(__file__).resolve().parent.parent
settings = Settings()
os.execv(sys.executable, [sys.executable, "-m", "streamlit", "run", str(root / "ui" / "server.py"),
                          "--server.port", str(settings.port), "--server.address", settings.address, "--server.headless", "true"])
