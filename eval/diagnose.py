"""Per-question view of a scored run: which questions miss the gold citation, refuse wrongly or answer wrongly, and why.

    python eval/diagnose.py eval/tune.jsonl             # runs the contract once, keeps the answers in /tmp
    python eval/diagnose.py eval/tune.jsonl --cached    # re-reads the kept answers

Use it on tune only: looking at test questions one by one is tuning on them.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.shared import scorer  # noqa: E402  (../shared beside the project, or SHARED_DIR)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("questions")
    ap.add_argument("--cached", action="store_true")
    args = ap.parse_args()
    if "test" in Path(args.questions).name:
        print("note: this is the test split; its figures are for reporting, not for looking at one by one", file=sys.stderr)
    s = scorer()
    questions = [json.loads(line) for line in open(args.questions, encoding="utf-8") if line.strip()]
    keep = Path("/tmp") / f"diagnose-{Path(args.questions).stem}.json"
    if args.cached and keep.exists():
        results = json.loads(keep.read_text())
    else:
        results, _ = s.run(questions, [sys.executable, "-m", "assistant", "ask", "--json"], 3600)
        keep.write_text(json.dumps(results, ensure_ascii=False))
    for q, r in zip(questions, results):
        quotes = [c.get("quote", "") for c in r.get("citations", [])]
        texts = [x.get("text", "") for x in r.get("sources", [])]
        if q["answerable"]:
            cited = any(s.contains(qt, g) or s.contains(g, qt) and len(s.norm(qt)) > 30 for qt in quotes for g in q["gold"])
            rank = next((i for i, t in enumerate(texts[:10]) if any(s.contains(t, g) for g in q["gold"])), None)
            first = os.path.basename(r["citations"][0]["source"]) if r.get("citations") else None
            wrong_doc = bool(q.get("doc")) and first not in q["doc"].split("|")
            if cited and r.get("answered") and not wrong_doc:
                continue
            why = [w for w, bad in (("REFUSED", not r.get("answered")), ("NOT-CITED", not cited),
                                     (f"DOC={first}", wrong_doc)) if bad]
            print(f"{q['id']} [{q.get('kind')}] {' '.join(why)} gold-rank={rank}")
        else:
            if not r.get("answered"):
                continue
            print(f"{q['id']} [{q.get('kind')}] ANSWERED-UNANSWERABLE")
        if q.get("history"):
            print("   history:", " | ".join(q["history"]))
        print("   Q:", q["q"])
        if q["answerable"]:
            print("   gold:", q["gold"][0][:150])
        print("   A:", r.get("answer", "")[:300].replace("\n", " "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
