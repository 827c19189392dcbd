"""Split the labelled question set once, by a hash of each id: 60% tune (fit and choose on it), 40% test (report only).

`python eval/split.py` rewrites eval/tune.jsonl and eval/test.jsonl from eval/questions.jsonl (and, for each, the follow-ups
written out in full without history: *_followups_full.jsonl); the same ids always land
on the same side, so adding questions never moves an old one.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TUNE_SHARE = 60


def side(question_id: str) -> str:
    """'tune' or 'test' for an id, fixed forever by its hash."""
    return "tune" if int(hashlib.sha256(question_id.encode()).hexdigest()[:8], 16) % 100 < TUNE_SHARE else "test"


def main() -> None:
    questions = [json.loads(line) for line in (HERE / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    parts: dict[str, list[dict]] = {"tune": [], "test": []}
    for q in questions:
        parts[side(q["id"])].append(q)
    for name, items in parts.items():
        (HERE / f"{name}.jsonl").write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in items), encoding="utf-8")
        # The same follow-ups written out in full, without history: what the rewrite should reach.
        full = [{**q, "id": q["id"] + "-full", "q": q["full"], "history": []} for q in items if q.get("history") and q.get("full")]
        (HERE / f"{name}_followups_full.jsonl").write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in full), encoding="utf-8")
        kinds = Counter(q["kind"] for q in items)
        print(f"{name}: {len(items)} questions, {sum(not q['answerable'] for q in items)} unanswerable;",
              ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))


if __name__ == "__main__":
    main()
