"""A small logistic model: fitted by a deterministic Newton method, stored as readable JSON beside the code."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).resolve().parent / "model.json"


@dataclass
class Logistic:
    """P(y=1 | x) = sigmoid(bias + sum(weight_i * (x_i - mean_i) / scale_i))."""

    features: list[str]
    weights: list[float]
    bias: float
    mean: list[float]
    scale: list[float]
    threshold: float = 0.5
    report: dict = field(default_factory=dict)
    english: dict[str, float] = field(default_factory=dict)  # added to these features of an English question (see below)

    def for_language(self, values: dict[str, float], english: bool) -> dict[str, float]:
        return for_language(values, self.english, english)

    def probability(self, values: dict[str, float]) -> float:
        z = self.bias + sum(w * (values.get(f, 0.0) - m) / s for f, w, m, s in zip(self.features, self.weights, self.mean, self.scale))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_dict(self) -> dict:
        return {"features": self.features, "weights": [round(w, 5) for w in self.weights], "bias": round(self.bias, 5),
                "mean": [round(m, 5) for m in self.mean], "scale": [round(s, 5) for s in self.scale],
                "threshold": round(self.threshold, 4), "report": self.report} | ({"english": self.english} if self.english else {})

    @classmethod
    def from_dict(cls, data: dict) -> "Logistic":
        return cls(data["features"], data["weights"], data["bias"], data["mean"], data["scale"], data.get("threshold", 0.5),
                   data.get("report", {}), data.get("english", {}))


def for_language(values: dict[str, float], shift: dict[str, float], english: bool) -> dict[str, float]:
    """The features as the model reads them: an English question's shifted by what the embedder gives less across languages
    than within one (the documents are Dutch), fitted with the model, so it is read against its own language."""
    if not english or not shift:
        return values
    return {**values, **{f: values.get(f, 0.0) + amount for f, amount in shift.items()}}


def fit(features: list[str], rows: list[dict[str, float]], labels: list[int], l2: float = 1.0, weights: list[float] | None = None) -> Logistic:
    """Fit by Newton's method with an L2 penalty on standardised features: the same data always gives the same model."""
    x = np.array([[r.get(f, 0.0) for f in features] for r in rows], dtype=np.float64)
    y = np.array(labels, dtype=np.float64)
    w_obs = np.ones(len(y)) if weights is None else np.array(weights, dtype=np.float64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([np.ones((len(y), 1)), (x - mean) / scale])
    beta = np.zeros(z.shape[1])
    penalty = np.eye(z.shape[1]) * l2
    penalty[0, 0] = 0.0  # the intercept is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -30, 30)))
        gradient = z.T @ (w_obs * (p - y)) + penalty @ beta
        hessian = (z * (w_obs * p * (1 - p))[:, None]).T @ z + penalty
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return Logistic(list(features), beta[1:].tolist(), float(beta[0]), mean.tolist(), scale.tolist())


def load_models(path: Path = MODEL_FILE) -> tuple[Logistic, Logistic] | None:
    """The fitted evidence and answerability models, or None before the first `make train`."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Logistic.from_dict(data["evidence"]), Logistic.from_dict(data["answerable"])
