"""`python -m assistant.answer.evidence.train` (or `make train`): fit the evidence and answerability models on the tune split.

Reads eval/tune.jsonl only (never eval/test.jsonl), answers each question's retrieval through the configured index of
corpus/, labels every candidate sentence by whether it holds the question's gold evidence, fits both models, chooses the
answerability threshold for at most 5% false refusals on tune (counting those of the slot check), writes model.json beside this file and prints a report.
The same index and questions always give the same file.
"""
from __future__ import annotations

import argparse
import json
import re
import unicodedata
from pathlib import Path

from assistant.answer.evidence.features import ANSWERABLE_FEATURES, FEATURES, analyse, answerable_features, candidates
from assistant.answer.evidence.model import MODEL_FILE, Logistic, fit
from assistant.answer.extractive import gate
from assistant.answer.question import standalone
from assistant.answer.spelling import corrected
from ingest.settings import Settings

ROOT = Path(__file__).resolve().parents[3]
TUNE = ROOT / "eval" / "tune.jsonl"
# Off-topic questions (the set's writers wrote near-misses): so the answerability model also sees questions about nothing here.
EXTRA = ROOT / "eval" / "tune_extra.jsonl"
MAX_FALSE_REFUSALS = 0.03  # chosen on tune: 5% refused clear list and figure questions


def norm(text: str) -> str:
    """The scorer's normalisation (../shared/eval/score.py): the same rule decides what holds the gold."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = re.sub(r"[\u2018\u2019\u201c\u201d'\"*_]", "", text)
    return re.sub(r"[^0-9a-z\u00e0-\u00ff\u20ac%]+", " ", text).strip()


def holds_gold(text: str, gold: list[str]) -> bool:
    t = norm(text)
    return any((g := norm(x)) and (g in t or len(t) > 30 and t in g) for x in gold)


def collect(questions: list[dict], retriever, k: int):
    """Per question: its analysis, passages and candidates, with every candidate labelled."""
    lexical = retriever.snapshot().lexical
    out = []
    for item in questions:
        text = corrected(standalone(item["q"], item.get("history") or []), lexical)  # as the chain reads it
        passages = retriever.retrieve(text, k)
        q = analyse(text, lexical)
        found = candidates(q, passages, lexical)
        for c in found:
            c.label = int(item["answerable"] and holds_gold(c.span.text, item["gold"]))
        out.append((item, q, passages, found))
    return out


def choose_threshold(scores: list[tuple[float, bool]], false_refusals: int = 0) -> float:
    """The highest threshold at which, with the `false_refusals` the slot check already makes, at most 5% of the answerable
    questions are refused."""
    answerable = sorted(p for p, ok in scores if ok)
    allowed = int(MAX_FALSE_REFUSALS * (len(answerable) + false_refusals)) - false_refusals
    if not answerable:
        return 0.5
    return answerable[allowed] - 1e-6 if allowed >= 0 else 0.0


def train(settings: Settings, questions_path: Path | list[Path] = TUNE, out: Path = MODEL_FILE) -> dict:
    """Fit both models on one file of labelled questions or several, and write them; return the report."""
    from assistant.answer.retrieve import Retriever

    paths = list(questions_path) if isinstance(questions_path, list) else [questions_path]
    paths += [EXTRA] if paths == [TUNE] and EXTRA.exists() else []
    questions = [json.loads(line) for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    retriever = Retriever(settings)
    lexical = retriever.snapshot().lexical
    data = collect(questions, retriever, settings.retrieval_k)
    rows = [(c.features, c.label) for item, _, _, found in data if item["answerable"] for c in found]
    evidence = fit(list(FEATURES), [r for r, _ in rows], [y for _, y in rows], l2=2.0)
    hits1 = hits3 = with_gold = 0
    q_rows, q_labels, gated = [], [], []
    for item, q, passages, found in data:
        for c in found:
            c.probability = evidence.probability(c.features)
        ranked = sorted(found, key=lambda c: -c.probability)
        if item["answerable"] and any(c.label for c in found):
            with_gold += 1
            hits1 += bool(ranked[0].label)
            hits3 += any(c.label for c in ranked[:3])
        slot, ranked = gate(q, ranked, lexical)
        if slot is not None and not ranked:
            gated.append(bool(item["answerable"]))  # refused by its slot: no sentence states the asked thing
            continue
        q_rows.append(answerable_features(q, ranked, passages, lexical))
        q_labels.append(int(item["answerable"]))
    answerable = fit(list(ANSWERABLE_FEATURES), q_rows, q_labels, l2=10.0)  # few questions, related features: a firm penalty
    scores = [(answerable.probability(r), bool(y)) for r, y in zip(q_rows, q_labels)]
    answerable.threshold = choose_threshold(scores, false_refusals=sum(gated))
    n_ok = sum(1 for _, ok in scores if ok) + sum(gated)
    n_not = sum(1 for _, ok in scores if not ok) + len(gated) - sum(gated)
    refused = (sum(1 for p, ok in scores if not ok and p < answerable.threshold) + len(gated) - sum(gated)) / max(1, n_not)
    answered = sum(1 for p, ok in scores if ok and p >= answerable.threshold) / max(1, n_ok)
    evidence.report = {"questions": len(questions), "candidates": len(rows), "positives": sum(y for _, y in rows),
                       "questions_with_gold_candidate": with_gold,
                       "top1_holds_gold": round(hits1 / max(with_gold, 1), 3), "top3_holds_gold": round(hits3 / max(with_gold, 1), 3)}
    answerable.report = {"answered_when_answerable": round(answered, 3), "refused_when_unanswerable": round(refused, 3)}
    model = {"trained_on": " ".join(path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path) for path in paths),
             "evidence": evidence.to_dict(), "answerable": answerable.to_dict()}
    out.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return model


def report(model: dict) -> str:
    """The features and their weights, largest first, and the fit's figures on tune."""
    lines = []
    for name in ("evidence", "answerable"):
        m = Logistic.from_dict(model[name])
        lines.append(f"{name} model ({model['trained_on']}): " + json.dumps(m.report))
        if name == "answerable":
            lines.append(f"  threshold {m.threshold:.4f} (at most {MAX_FALSE_REFUSALS:.0%} false refusals on tune)")
        for f, w in sorted(zip(m.features, m.weights), key=lambda fw: -abs(fw[1])):
            lines.append(f"  {w:+8.3f}  {f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.answer.evidence.train", description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, nargs="+", default=[TUNE],
                        help="the labelled questions to fit on, one file or several (default: the tune split)")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args(argv)
    settings = Settings()
    from ingest.pipeline import ingest

    ingest([settings.corpus_dir], settings)  # a no-op when the index is current
    print(report(train(settings, args.questions, args.out)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
