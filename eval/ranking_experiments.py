"""How well could another evidence ranker do? Leave-one-tune-set-out figures for the candidates the assistant ranks.

    python eval/ranking_experiments.py            # about a minute on two cores (embeds ~800 candidate sentences once)

For every answerable question of the tune sets (never a held-out set: eval/README.md) it collects the candidate sentences
as `make train` does, labels those that hold the gold, and reports in how many questions the top 1 / top 4 candidates hold
it for: the fitted model as committed (model.json, fitted on tune); the same logistic fitted with each tune set left out
in turn on all the others; a conditional logit (a softmax over each question's candidates) fitted the same way; and both
with one more feature, the bundled embedder's similarity of the question and each *sentence* (the `dense` feature is the
passage's). Figures of 7 December 2026 and what came of them: README, Measured.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.answer.evidence.features import FEATURES  # noqa: E402
from assistant.answer.evidence.model import fit, load_models  # noqa: E402
from assistant.answer.evidence.train import EXTRA, TUNE, collect, read  # noqa: E402

SETS = {"tune": [TUNE, EXTRA]} | {n: [ROOT / "eval" / f"{n}.jsonl"] for n in (
    "unseen7", "unseen4", "unseen5", "english2", "followups2", "nearmiss2", "tune_nearmiss")}


def with_sentence_similarity(data: dict, embeddings) -> None:
    """Adds `sentence_dense`: the question's similarity to the sentence, less the best of its question's candidates."""
    texts = sorted({c.span.text for found in data.values() for _, _, _, cs in found for c in cs})
    vectors = dict(zip(texts, np.array(embeddings.embed_documents(texts), dtype=np.float32)))
    for found in data.values():
        for _, q, _, cs in found:
            query = np.array(embeddings.embed_query(q.text), dtype=np.float32)
            sims = [float(vectors[c.span.text] @ query) for c in cs]
            for c, s in zip(cs, sims):
                c.features["sentence_dense"] = s - max(sims)


def groups(data: dict, names: list[str], features: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per answerable question with a gold candidate: its candidates' features and labels."""
    return [(np.array([[c.features.get(f, 0.0) for f in features] for c in cs]), np.array([c.label for c in cs], dtype=float))
            for n in names for item, _, _, cs in data[n] if item["answerable"] and any(c.label for c in cs)]


def conditional_logit(train: list, l2: float = 10.0):
    """Newton's method with a halving step on the softmax loss, every gold candidate an equal share of the target."""
    x_all = np.vstack([x for x, _ in train])
    mean, scale = x_all.mean(0), x_all.std(0)
    scale[scale < 1e-9] = 1.0
    data = [((x - mean) / scale, y / y.sum()) for x, y in train]

    def loss(w):
        total = 0.5 * l2 * w @ w
        for x, t in data:
            s = x @ w
            total -= t @ (s - s.max() - np.log(np.exp(s - s.max()).sum()))
        return total

    w, current = np.zeros(x_all.shape[1]), loss(np.zeros(x_all.shape[1]))
    for _ in range(100):
        gradient, hessian = l2 * w, l2 * np.eye(len(w))
        for x, t in data:
            p = np.exp(x @ w - (x @ w).max())
            p /= p.sum()
            gradient += x.T @ (p - t)
            hessian += (x * p[:, None]).T @ x - np.outer(x.T @ p, x.T @ p)
        step, rate = np.linalg.solve(hessian, gradient), 1.0
        while rate > 1e-4 and (after := loss(w - rate * step)) > current:
            rate /= 2
        if rate <= 1e-4 or current - after < 1e-9:
            break
        w, current = w - rate * step, after
    return lambda x: ((x - mean) / scale) @ w


def logistic(train: list, features: list[str]):
    rows = [(dict(zip(features, r)), int(y)) for x, ys in train for r, y in zip(x, ys)]
    model = fit(features, [r for r, _ in rows], [y for _, y in rows], l2=2.0)
    return lambda x: np.array([model.probability(dict(zip(features, r))) for r in x])


def hits(score, test: list, k: int) -> int:
    return sum(bool(y[np.argsort(-score(x), kind="stable")[:k]].any()) for x, y in test)


def report(label: str, per: dict) -> None:
    print(f"{label:58} {sum(a for a, _ in per.values()):5} {sum(b for _, b in per.values()):5}  "
          + " ".join(f"{n} {a}/{b}" for n, (a, b) in per.items()))


def main() -> int:
    from assistant.answer.retrieve import Retriever
    from ingest.index.embed import get_embeddings
    from ingest.settings import Settings

    settings = Settings()
    retriever = Retriever(settings)
    data = {name: collect(read(paths), retriever, settings.retrieval_k) for name, paths in SETS.items()}
    with_sentence_similarity(data, get_embeddings(settings))
    names = list(SETS)
    print(f"{'ranker':58} {'top1':>5} {'top4':>5}  per set (top1/top4)")
    committed = load_models()
    if committed:
        evidence = committed[0]

        def score(x):
            return np.array([evidence.probability(dict(zip(FEATURES, r))) for r in x])
        per = {n: (hits(score, groups(data, [n], list(FEATURES)), 1), hits(score, groups(data, [n], list(FEATURES)), 4)) for n in names}
        report("committed model.json (fitted on tune)", per)
    for label, features, make in (
            ("logistic (as make train)", list(FEATURES), lambda tr, fs: logistic(tr, fs)),
            ("conditional logit", list(FEATURES), lambda tr, fs: conditional_logit(tr)),
            ("logistic + sentence similarity", list(FEATURES) + ["sentence_dense"], lambda tr, fs: logistic(tr, fs)),
            ("conditional logit + sentence similarity", list(FEATURES) + ["sentence_dense"], lambda tr, fs: conditional_logit(tr))):
        per = {}
        for held in names:
            score = make(groups(data, [n for n in names if n != held], features), features)
            test = groups(data, [held], features)
            per[held] = (hits(score, test, 1), hits(score, test, 4))
        report(f"{label}, each set left out", per)
    print(f"questions with a gold candidate: {sum(len(groups(data, [n], list(FEATURES))) for n in names)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
