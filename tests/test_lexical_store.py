"""The BM25 index saved at ingest and loaded memory-mapped: same rankings as one built in memory, kept up to date."""
from __future__ import annotations

import json
from collections import Counter

import bm25s
import numpy as np
import pytest

from ingest.index.embed import FakeEmbeddings
from ingest.index.lexical import LexicalIndex, analyze
from ingest.index.lexical_store import revision_folder, store_root
from ingest.pipeline import ingest

from .conftest import ROOT


def in_memory_index(retriever) -> LexicalIndex:
    """The BM25 index as every process built it before it was saved: from every passage's text in Chroma."""
    documents = retriever.index.complete_documents()
    got = retriever.index.chunks.get(where={"doc_hash": {"$in": sorted({m["hash"] for m in documents.values()})}},
                                     include=["documents", "metadatas"])
    ids = [i for i, m in zip(got["ids"], got["metadatas"]) if documents[m["source"]]["hash"] == m["doc_hash"]]
    texts = [f"{m.get('title', '')}\n{m.get('section', '')}\n{t}" for t, m in zip(got["documents"], got["metadatas"]) if documents[m["source"]]["hash"] == m["doc_hash"]]
    extra = [" ".join(str(m.get(k, "")) for k in ("title", "subject", "signer", "publisher")) for m in documents.values()]
    index = LexicalIndex(ids, texts, retriever.settings.lexical_analyzer, extra)
    # bm25s's own indexing and counting, as before the index was saved, so that the comparison is with the original.
    tokens = [analyze(text, index.analyzer) or ["_"] for text in texts]
    index.bm25 = bm25s.BM25()
    index.bm25.index(tokens, show_progress=False)
    index.df = Counter(t for chunk in tokens for t in set(chunk))
    return index


def test_the_saved_index_ranks_the_tune_questions_as_the_in_memory_one(assistant):
    from assistant.answer.question import search_text

    retriever = assistant.retriever
    snap = retriever.refresh()
    assert revision_folder(retriever.settings, snap.revision).is_dir()  # saved by the ingest, loaded from disk
    saved, memory = snap.lexical, in_memory_index(retriever)
    assert saved.df == memory.df and saved.vocabulary == memory.vocabulary and len(saved.ids) == len(memory.ids)
    questions = [json.loads(line)["q"] for line in open(ROOT / "eval" / "tune.jsonl", encoding="utf-8") if line.strip()]
    some = set(list(snap.passages)[::3])
    for q in questions:
        text = search_text(q)
        for allowed in (None, some):
            got, want = saved.search(text, 40, allowed), memory.search(text, 40, allowed)
            assert np.allclose([s for _, s in got], [s for _, s in want], atol=1e-4), q
            # Equal scores may come in another order (and tie at the cut-off); above it, the same passages.
            cutoff = want[-1][1] + 1e-4 if want else 0
            assert {i for i, s in got if s > cutoff} == {i for i, s in want if s > cutoff}, q
        assert saved.expand(q) == memory.expand(q) and saved.known(q) == memory.known(q)


def test_a_question_reads_its_candidates_not_the_collection(assistant):
    from assistant.answer.retrieve import Retriever

    retriever = Retriever(assistant.retriever.settings, embeddings=assistant.retriever.embeddings)  # a process that just started
    passages = retriever.retrieve("Hoeveel geld krijgen scholen voor het leerplusarrangement?")
    stored = retriever.index.chunks.get(ids=[p.id for p in passages], include=["documents"])
    assert dict(zip(stored["ids"], stored["documents"])) == {p.id: p.text for p in passages}
    snap = retriever.snapshot()
    # Dense and BM25 candidates at most (fewer, as they overlap); the other passages of the collection stay on disk.
    assert len(snap.passages._cache) <= 3 * retriever.settings.candidates < len(snap.passages)


def test_a_changed_file_updates_the_saved_index_and_a_running_retriever_follows(make_settings):
    from assistant.answer.retrieve import Retriever

    settings = make_settings()
    settings.corpus_dir.mkdir(parents=True)
    (settings.corpus_dir / "a.txt").write_text("De schoolmaaltijden worden in 2025 uitgebreid naar alle scholen.\n", encoding="utf-8")
    (settings.corpus_dir / "b.txt").write_text("Het lerarentekort in de Randstad blijft groot.\n", encoding="utf-8")
    ingest([settings.corpus_dir], settings)
    kept = store_root(settings) / "documents"
    before = {p.name: p.stat().st_mtime_ns for p in kept.glob("*.json")}
    retriever = Retriever(settings, embeddings=FakeEmbeddings())
    assert not retriever.snapshot().lexical.search("zwemdiploma", 5)

    (settings.corpus_dir / "b.txt").write_text("Het zwemdiploma komt terug in het primair onderwijs.\n", encoding="utf-8")
    ingest([settings.corpus_dir], settings)
    after = {p.name: p.stat().st_mtime_ns for p in kept.glob("*.json")}
    # Only the changed file was analysed again; the other one's tokens were kept as they were.
    (same,) = before.keys() & after.keys()
    assert len(before) == len(after) == 2 and before[same] == after[same]
    found = retriever.refresh().lexical.search("zwemdiploma", 5)
    assert [retriever.snapshot().passages[i].source for i, _ in found] == ["corpus/b.txt"]
    assert not retriever.snapshot().lexical.search("lerarentekort", 5)
    assert len(list(store_root(settings).glob("rev-*"))) <= 2  # old revisions do not pile up


@pytest.mark.slow
def test_each_instance_of_a_shared_server_keeps_its_own_copy(chroma_server, make_settings, tmp_path):
    from assistant.answer.retrieve import Retriever

    server = dict(chroma_host=chroma_server["host"], chroma_port=chroma_server["port"], collection="lexicalshared", root=ROOT)
    writer = make_settings(**server)
    ingest([ROOT / "corpus"], writer)
    other = make_settings(**server, data_dir=tmp_path / "other-instance")
    assert not store_root(other).exists()
    first, second = Retriever(writer, embeddings=FakeEmbeddings()), Retriever(other, embeddings=FakeEmbeddings())
    question = "leerplusarrangement 52 mln"
    assert [p.id for p in second.retrieve(question)] == [p.id for p in first.retrieve(question)]
    assert revision_folder(other, second.snapshot().revision).is_dir()


def test_an_updated_index_ranks_as_a_full_rebuild_after_add_change_and_remove(make_settings):
    import shutil

    from assistant.answer.question import search_text
    from assistant.answer.retrieve import Retriever
    from ingest.index.lexical_store import open_lexical

    settings = make_settings()
    corpus = settings.corpus_dir
    corpus.mkdir(parents=True)
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        shutil.copy(path, corpus / f"copy-{path.name}")  # not the repository's paths: a removed copy must be gone
    names = sorted(p.name for p in corpus.glob("*.txt"))
    (corpus / "a-schoolreis.txt").write_text("De schoolreis naar de Veluwe kost ouders te veel geld.\n", encoding="utf-8")
    ingest([corpus], settings)
    retriever = Retriever(settings, embeddings=FakeEmbeddings())
    before = retriever.snapshot().revision

    # Change one document (new words, a different length), remove one, add one: the next revision is updated from this one.
    changed = corpus / names[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nHet zwemdiploma komt terug in het primair onderwijs.\n", encoding="utf-8")
    (corpus / names[1]).unlink()
    (corpus / "z-stage.txt").write_text("Stagediscriminatie in het mbo wordt aangepakt met een meldpunt.\n", encoding="utf-8")
    ingest([corpus], settings)
    snap = retriever.refresh()
    assert snap.revision != before and len(list(store_root(settings).glob("rev-*"))) == 2
    updated, catalog = snap.lexical, snap.passages.catalog

    for old in store_root(settings).glob("rev-*"):  # no revision to copy from: every document analysed again
        shutil.rmtree(old)
    full, full_catalog = open_lexical(retriever.index, snap.documents, snap.revision, settings)
    assert updated.ids == full.ids and updated.df == full.df and updated.vocabulary == full.vocabulary
    for column in ("source", "kind", "date", "sectors", "record"):
        assert getattr(catalog, column) == getattr(full_catalog, column), column
    assert "zwemdiploma" in full.known("zwemdiploma") and not {p.source for p in map(snap.passages.info, snap.passages)} & {f"corpus/{names[1]}"}
    questions = [json.loads(line)["q"] for line in open(ROOT / "eval" / "tune.jsonl", encoding="utf-8") if line.strip()]
    some = set(updated.ids[::3])
    for q in questions + ["zwemdiploma", "stagediscriminatie mbo", "schoolreis Veluwe"]:
        for allowed in (None, some):
            assert updated.search(search_text(q), 40, allowed) == full.search(search_text(q), 40, allowed), q
