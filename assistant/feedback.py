"""Users' 👍/👎 on answers, kept in the data folder, and turned into labelled questions for eval/."""
from __future__ import annotations

import fcntl
import json
from datetime import datetime, timezone
from pathlib import Path

from assistant.types import Answer

FILE = "feedback.jsonl"


def feedback_path(data_dir: Path) -> Path:
    """Where the feedback of one data folder is kept."""
    return Path(data_dir) / FILE


def record_feedback(data_dir: Path, answer: Answer, good: bool, remark: str = "", history: list[str] | None = None) -> dict:
    """Append one judgement with the question, the answer and its citations; safe with several writers."""
    entry = {
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "verdict": "goed" if good else "fout",
        "remark": remark.strip(),
        "question": answer.question,
        "history": list(history or []),
        "standalone_question": answer.standalone_question or answer.question,
        "answer": answer.text,
        "answered": answer.answered,
        "mode": answer.mode,
        "citations": [c.to_dict() for c in answer.citations],
    }
    path = feedback_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # one whole line per writer, never two interleaved
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return entry


def load_feedback(data_dir: Path) -> list[dict]:
    """Every judgement, oldest first; a damaged line is skipped, not fatal."""
    path = feedback_path(data_dir)
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return entries


def as_questions(entries: list[dict]) -> str:
    """JSONL in the question-set format of eval/questions.jsonl: a 👍 answer's quotes become its gold.

    A 👎 keeps the question with empty gold and `answerable` unset, to be labelled by hand; the remark goes along.
    """
    lines = []
    for i, e in enumerate(entries, start=1):
        good = e["verdict"] == "goed"
        item = {
            "id": f"f{i:03d}", "q": e["question"], "gold": [c["quote"] for c in e["citations"]] if good else [], "facts": [],
            "answerable": e["answered"] if good else None, "kind": "followup" if e.get("history") else "feedback",
        }
        if e.get("history"):
            item["history"] = e["history"]
            item["full"] = e.get("standalone_question", e["question"])
        item["feedback"] = {"verdict": e["verdict"], "remark": e.get("remark", ""), "time": e.get("time", ""), "answer": e.get("answer", "")}
        lines.append(json.dumps(item, ensure_ascii=False))
    return "\n".join(lines) + ("\n" if lines else "")
