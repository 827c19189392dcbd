"""Concurrent use: 20 browser users at once against `streamlit run` over a local Chroma server each get their own, right answers.

Correctness only: how long the answers take under this load is measured by `make bench` (`python -m tests.bench load`).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import ROOT
from .loadtest import CHROMIUM, run_users, served_app

USERS = 20
pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no chromium"),
              pytest.mark.timeout(1800)]  # a hang guard only: under load the answers may take long, and that is no failure


def test_twenty_users_at_once_get_their_own_answers(corpus_settings, tmp_path):
    with served_app(corpus_settings.data_dir, tmp_path) as url:
        results, report = run_users(url, USERS, turns=2)
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    (ROOT / "test-artifacts" / "concurrency.json").write_text(json.dumps({"report": report, "results": results}, indent=2), encoding="utf-8")
    problems = [r for r in results if not r["ok"] or r["failed"] or r["mixed"]]
    assert report["answers"] == 2 * USERS, report  # nothing lost
    assert not problems, problems  # no errors, no mixed-up answers, every answer right
