"""A blind judge's view beside score.py: the assistant's and the baseline's answers, packed as A and B for a judge, then tallied.

    python eval/judge/judge.py pack eval/unseen8.jsonl --out /tmp/judging     # answers both ways, A/B by a hash of the id
    # a helper session that never saw the assistant follows eval/judge/PROTOCOL.md and writes <set>-verdicts.jsonl there
    python eval/judge/judge.py tally eval/unseen8.jsonl --out /tmp/judging    # counts per system and per kind

score.py counts a citation as right only when it holds the one gold snippet; a judge reads the documents and also accepts
another sentence that answers, and marks answers that are only partly right or answer something else. Packing prints
nothing of the questions or answers, and the key (which letter is the assistant) is kept beside the packets, not in them, so
a held-out set stays unread by whoever works on the assistant: only the tallies are looked at.
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.shared import scorer  # noqa: E402  (../shared beside the project, or SHARED_DIR)

GOOD = ("correct", "refused_right")


def assistant_is(qid: str) -> str:
    """Which letter the assistant's answer gets: half A, half B, fixed by the id."""
    return "B" if int(hashlib.sha256(qid.encode()).hexdigest(), 16) % 2 else "A"


def shown(result: dict) -> dict:
    return {"answered": result.get("answered"), "answer": result.get("answer", ""),
            "citations": [{"source": c.get("source"), "quote": c.get("quote")} for c in result.get("citations", [])]}


def pack(questions_path: Path, out: Path) -> None:
    score = scorer()
    questions = [json.loads(line) for line in questions_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    ours, _ = score.run(questions, [sys.executable, "-m", "assistant", "ask", "--json"], 3600)
    base, _ = score.run(questions, [sys.executable, str(ROOT / "eval" / "baseline.py")], 3600)
    out.mkdir(parents=True, exist_ok=True)
    keys = out.parent / f"{out.name}-keys"
    keys.mkdir(exist_ok=True)
    name = questions_path.stem
    with open(out / f"{name}-packet.jsonl", "w", encoding="utf-8") as f:
        for q, a, b in zip(questions, ours, base):
            first, second = (shown(a), shown(b)) if assistant_is(q["id"]) == "A" else (shown(b), shown(a))
            f.write(json.dumps({"id": q["id"], "question": q["q"], "history": q.get("history") or [], "A": first, "B": second},
                               ensure_ascii=False) + "\n")
    (keys / f"{name}-key.json").write_text(json.dumps({q["id"]: assistant_is(q["id"]) for q in questions}), encoding="utf-8")
    print(f"{len(questions)} questions packed in {out / f'{name}-packet.jsonl'}; the key is in {keys}")


def tally(questions_path: Path, out: Path) -> None:
    kinds = {(q := json.loads(line))["id"]: q["kind"] for line in questions_path.read_text(encoding="utf-8").splitlines() if line.strip()}
    verdicts = [json.loads(line) for line in (out / f"{questions_path.stem}-verdicts.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]
    counts = {"assistant": collections.Counter(), "baseline": collections.Counter()}
    better = collections.Counter()
    per_kind = collections.defaultdict(lambda: [0, 0, 0])
    for v in verdicts:
        ours = assistant_is(v["id"])
        theirs = "B" if ours == "A" else "A"
        counts["assistant"][v[ours]] += 1
        counts["baseline"][v[theirs]] += 1
        better["assistant" if v["better"] == ours else "baseline" if v["better"] == theirs else "tie"] += 1
        row = per_kind[kinds.get(v["id"], "?")]
        row[0] += 1
        row[1] += v[ours] in GOOD
        row[2] += v[theirs] in GOOD
    n = len(verdicts)
    for system, c in counts.items():
        print(f"{system:9} " + "  ".join(f"{k} {c[k]}" for k in ("correct", "partial", "wrong", "refused_right", "refused_wrong"))
              + f"  -> correct or rightly refused {sum(c[k] for k in GOOD) / max(n, 1):.3f}")
    print("better: " + "  ".join(f"{k} {v}" for k, v in better.most_common()))
    print("per kind, correct or rightly refused (assistant / baseline): "
          + "  ".join(f"{k} {a}/{b} of {t}" for k, (t, a, b) in sorted(per_kind.items())))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["pack", "tally"])
    ap.add_argument("questions", type=Path)
    ap.add_argument("--out", type=Path, default=Path("/tmp/judging"))
    args = ap.parse_args()
    (pack if args.command == "pack" else tally)(args.questions, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
