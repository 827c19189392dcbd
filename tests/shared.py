"""Where the shared material lies that tests and benchmarks read (the scorer, the dev set, real PDFs from several
producers): beside the project in `../shared`, or wherever SHARED_DIR says."""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SHARED_DIR") or ROOT.parent / "shared").resolve()
PDFS = SHARED / "pdfs"
EVAL = SHARED / "eval"


def missing() -> str | None:
    """Why the shared material cannot be used, or None when it is there."""
    if (EVAL / "score.py").is_file() and PDFS.is_dir():
        return None
    return (f"the tests read the shared material (eval/score.py, eval/dev.jsonl, pdfs/) from {SHARED}, which does not hold it: "
            "put the project beside that folder (../shared) or set SHARED_DIR to it")


def scorer():
    """The shared scorer (eval/score.py) as a module: its runner of the contract, its normalisation and its figures."""
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
