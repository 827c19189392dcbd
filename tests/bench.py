"""Benchmarks: `python -m tests.bench [ingest|query|scale|startup|load|tables|tables-full|scans|experiments|reliability|all]`; figures printed and saved in bench-results/."""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.shared import EVAL, ROOT  # noqa: E402
RESULTS = ROOT / "bench-results"

from tests.bench_reliability import bench_reliability  # noqa: E402


def run_json(args: list[str], env: dict) -> tuple[dict, float, float]:
    """Run a command that prints JSON last; return it, wall seconds and the child's peak memory in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return json.loads(proc.stdout.strip().splitlines()[-1]), wall, max(peak, before) / 1024


def bench_ingest() -> dict:
    """End-to-end ingest of the corpus with the bundled embedder, a no-op re-ingest, and peak memory."""
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "KANSENWIJZER_DATA_DIR": data, "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "2")}
        cmd = [sys.executable, "-m", "ingest", "--json", "--quiet"]
        first, wall, peak = run_json(cmd, env)
        again, noop_wall, _ = run_json(cmd, env)
    return {
        "passages": first["chunks_written"],
        "ingest_seconds": round(wall, 2),
        "passages_per_second": round(first["chunks_written"] / wall, 2),
        "noop_reingest_seconds": round(noop_wall, 2),
        "noop_chunks_written": again["chunks_written"],
        "peak_memory_mb": round(peak, 1),
    }


def percentiles(values: list[float]) -> dict:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return {"p50_ms": round(statistics.median(values) * 1000, 1), "p95_ms": round(p95 * 1000, 1)}


def bench_query() -> dict:
    """Warm retrieval and extractive answers over the dev and own questions; a cold `ask` in a new process."""
    sys.path.insert(0, str(ROOT))
    from assistant.answer.chain import Assistant
    from ingest.pipeline import ingest
    from ingest.settings import Settings

    settings = Settings()
    ingest([settings.corpus_dir], settings)
    assistant = Assistant(settings)
    questions = []
    for path in (EVAL / "dev.jsonl", ROOT / "tests" / "data" / "questions.jsonl"):
        questions += [json.loads(l)["q"] for l in open(path, encoding="utf-8") if l.strip()]
    for q in questions[:3]:
        assistant.ask(q)  # warm up
    retrieval, answers = [], []
    clear = getattr(getattr(assistant.retriever.embeddings, "_query", None), "cache_clear", lambda: None)
    for _ in range(3):
        for q in questions:
            clear()  # every measurement embeds its question: no cached query vectors
            start = time.perf_counter()
            assistant.search(q)
            retrieval.append(time.perf_counter() - start)
            clear()
            start = time.perf_counter()
            assistant.ask(q)
            answers.append(time.perf_counter() - start)
    cold = []
    for q in questions[:3]:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "assistant", "ask", q, "--json"], cwd=ROOT, capture_output=True, check=True)
        cold.append(time.perf_counter() - start)
    return {"questions": len(questions), "retrieval": percentiles(retrieval), "extractive_answer": percentiles(answers),
            "cold_ask_seconds": round(max(cold), 2)}


def bench_scale(n: int = 100_000, dim: int = 384) -> dict:
    """n synthetic passages with precomputed vectors into Chroma and the BM25 index: write time and search latency."""
    import numpy as np

    sys.path.insert(0, str(ROOT))
    from ingest.index.lexical import LexicalIndex
    from ingest.settings import Settings
    from ingest.index.store import open_index

    rng = np.random.default_rng(7)
    vocabulary = [w for w in (ROOT / "corpus" / "kamerbrief-visie-kansengelijkheid-funderend-onderwijs-2023-03-10.txt").read_text(encoding="utf-8").split() if w.isalpha()]
    texts = [" ".join(rng.choice(vocabulary, 60)) for _ in range(n)]
    vectors = rng.standard_normal((n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    with tempfile.TemporaryDirectory() as data:
        settings = Settings(data_dir=Path(data), collection="scale")
        index = open_index(settings, "synthetic", dim)
        batch = min(5000, index.client.get_max_batch_size())
        start = time.perf_counter()
        for i in range(0, n, batch):
            ids = [f"s::{j:07d}" for j in range(i, min(n, i + batch))]
            index.chunks.add(ids=ids, embeddings=vectors[i:i + batch], documents=texts[i:i + batch],
                             metadatas=[{"source": "synthetic", "doc_hash": "h"} for _ in ids])
        chroma_write = time.perf_counter() - start
        start = time.perf_counter()
        lexical = LexicalIndex([f"s::{j:07d}" for j in range(n)], texts, "snowball")
        bm25_build = time.perf_counter() - start
        dense_times, filtered_times, lexical_times = [], [], []
        for q in range(30):
            query = vectors[q] + 0.1 * rng.standard_normal(dim).astype(np.float32)
            start = time.perf_counter()
            index.chunks.query(query_embeddings=[query], n_results=60)
            dense_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            index.chunks.query(query_embeddings=[query], n_results=160, where={"source": {"$in": ["synthetic"]}})
            filtered_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            lexical.search(" ".join(rng.choice(vocabulary, 6)), 40)
            lexical_times.append(time.perf_counter() - start)
    return {"passages": n, "chroma_write_seconds": round(chroma_write, 1), "bm25_build_seconds": round(bm25_build, 1),
            "dense_search": percentiles(dense_times), "dense_search_with_document_filter": percentiles(filtered_times),
            "bm25_search": percentiles(lexical_times)}


def corpus_index(data: Path) -> Path:
    """A fresh index of corpus/ in `data` (the bundled embedder), for benchmarks that serve the app."""
    env = {**os.environ, "KANSENWIJZER_DATA_DIR": str(data)}
    subprocess.run([sys.executable, "-m", "ingest", "--quiet"], cwd=ROOT, env=env, check=True, capture_output=True)
    return data


def bench_startup() -> dict:
    """A cold app server on an existing index: seconds to its health answer and to the first rendered page in a browser."""
    from playwright.sync_api import sync_playwright

    from tests.loadtest import BROWSER_ARGS, CHROMIUM, free_port, wait_healthy

    with tempfile.TemporaryDirectory() as tmp:
        data = corpus_index(Path(tmp) / "data")
        runs = []
        for _ in range(3):
            port = free_port()
            env = {**os.environ, "KANSENWIJZER_DATA_DIR": str(data)}
            start = time.perf_counter()
            app = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app.py"), "--server.port", str(port),
                                    "--server.headless", "true"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                health = wait_healthy(port, app)
                with sync_playwright() as p:
                    browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
                    page = browser.new_page()
                    page.set_default_timeout(0)
                    page.goto(f"http://127.0.0.1:{port}")
                    page.get_by_text("Zoeken in", exact=True).first.wait_for()
                    first_page = time.perf_counter() - start
                    timings = {}
                    for path, marker in (("/toezeggingen", "toezeggingen"), ("/maatregelen", "maatregelen")):
                        for attempt in ("cold", "warm"):
                            t = time.perf_counter()
                            page.goto(f"http://127.0.0.1:{port}{path}")
                            page.get_by_text(" van ", exact=False).first.wait_for()
                            timings[f"{marker}_{attempt}_seconds"] = round(time.perf_counter() - t, 2)
                    browser.close()
            finally:
                app.terminate()
                app.wait(timeout=60)
            runs.append({"health_seconds": round(health, 2), "first_page_seconds": round(first_page, 2), **timings})
    return {"runs": runs, **{k: max(r[k] for r in runs) for k in runs[0]}}


def bench_load(users: int = 20, turns: int = 2) -> dict:
    """20 browser users asking 2 questions each at once, against `streamlit run` over a `chroma run` server."""
    from tests.loadtest import run_users, served_app

    with tempfile.TemporaryDirectory() as tmp:
        data = corpus_index(Path(tmp) / "data")
        with served_app(data, Path(tmp)) as url:
            _, report = run_users(url, users, turns)
    return report


def score(questions: Path, env: dict) -> dict:
    proc = subprocess.run([sys.executable, str(EVAL / "score.py"), str(questions), "--json"], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def experiments() -> dict:
    """Chunk size, fusion and BM25 analysis compared on the dev set and our own questions."""
    results = {}
    variants = [
        {"KANSENWIJZER_CHUNK_SIZE": "500", "KANSENWIJZER_CHUNK_MAX": "900"},
        {"KANSENWIJZER_CHUNK_SIZE": "700", "KANSENWIJZER_CHUNK_MAX": "1200"},
        {"KANSENWIJZER_CHUNK_SIZE": "1000", "KANSENWIJZER_CHUNK_MAX": "1600"},
    ]
    retrieval_variants = [{}, {"KANSENWIJZER_FUSION": "weighted"}, {"KANSENWIJZER_LEXICAL_ANALYZER": "simplemma"},
                          {"KANSENWIJZER_DENSE_WEIGHT": "0.0001"}, {"KANSENWIJZER_DENSE_WEIGHT": "1000"}]
    for chunking in variants:
        with tempfile.TemporaryDirectory() as data:
            env = {**os.environ, "KANSENWIJZER_DATA_DIR": data, **chunking}
            subprocess.run([sys.executable, "-m", "ingest", "--quiet"], cwd=ROOT, env=env, check=True, capture_output=True)
            for extra in retrieval_variants if chunking["KANSENWIJZER_CHUNK_SIZE"] == "700" else [{}]:
                name = ",".join(f"{k.removeprefix('KANSENWIJZER_').lower()}={v}" for k, v in {**chunking, **extra}.items())
                results[name] = {
                    label: {k: v for k, v in score(path, {**env, **extra}).items() if k in ("recall_at_5", "mrr_at_10", "cited_gold", "fact_coverage", "answered_when_answerable", "refused_when_unanswerable")}
                    for label, path in (("dev", EVAL / "dev.jsonl"), ("own", ROOT / "tests" / "data" / "questions.jsonl"))
                }
                print(name, json.dumps(results[name]), flush=True)
    return results


def bench_tables(n: int = 10_000, sample: int = 256) -> dict:
    """A generated 10,000-row .xlsx index ingested with the fast fake embedder, its calls timed: everything ingest does
    besides embedding (reading the sheet in its child, records, Chroma writes of 384-d vectors, BM25), measured; against
    the bundled model embedding `sample` of the same record texts, scaled to n (all 10,000 take most of an hour here)."""
    from ingest.index.embed import FakeEmbeddings, get_embeddings
    from ingest.pipeline import ingest
    from ingest.settings import Settings

    class Timed(FakeEmbeddings):
        seconds = 0.0
        texts: list[str] = []

        def embed_documents(self, texts):
            Timed.texts += texts[: max(0, sample - len(Timed.texts))]
            start = time.perf_counter()
            try:
                return super().embed_documents(texts)
            finally:
                Timed.seconds += time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:
        path = table_index(Path(tmp) / "interventie-index-10k.xlsx", n)
        settings = Settings(root=Path(tmp), data_dir=Path(tmp) / "data", embedding_backend="fake", table_max_rows=n + 10)
        start = time.perf_counter()
        summary = ingest([path], settings, embeddings=Timed(384))  # the bundled model's dimension, so Chroma writes the same
        total = time.perf_counter() - start
    if summary.failed:
        raise SystemExit(f"the index was not ingested: {summary.failed}")
    overhead = total - Timed.seconds
    model = get_embeddings(Settings())
    model.embed_documents(Timed.texts[:2])  # warm-up
    start = time.perf_counter()
    for i in range(0, len(Timed.texts), 16):
        model.embed_documents(Timed.texts[i:i + 16])
    per_row = (time.perf_counter() - start) / len(Timed.texts)
    return {"rows": summary.chunks_written, "ingest_without_embedding_seconds": round(overhead, 1),
            "bundled_model_seconds_per_row": round(per_row, 4), "embedding_seconds_for_all_rows": round(per_row * n, 1),
            "overhead_percent": round(100 * overhead / (per_row * n), 1)}


def bench_tables_full(n: int = 10_000) -> dict:
    """The same generated 10,000-row index ingested with the bundled model, every row embedded (about 8 minutes on two
    cores): the overhead is the whole run minus the time inside the model, measured in the same run, not extrapolated."""
    from ingest.index.embed import get_embeddings
    from ingest.pipeline import ingest
    from ingest.settings import Settings

    class Timed:
        """The bundled model, its calls timed."""

        def __init__(self, model):
            self.model, self.seconds, self.texts = model, 0.0, 0
            self.name, self.dim = model.name, model.dim

        def embed_documents(self, texts):
            start = time.perf_counter()
            try:
                return self.model.embed_documents(texts)
            finally:
                self.seconds += time.perf_counter() - start
                self.texts += len(texts)

        def embed_query(self, text):
            return self.model.embed_query(text)

    with tempfile.TemporaryDirectory() as tmp:
        path = table_index(Path(tmp) / "interventie-index-10k.xlsx", n)
        settings = Settings(root=Path(tmp), data_dir=Path(tmp) / "data", table_max_rows=n + 10)
        timed = Timed(get_embeddings(settings))
        timed.embed_documents(["query: opwarmen"])  # the model's load is not the ingest's
        timed.seconds, timed.texts = 0.0, 0
        start = time.perf_counter()
        summary = ingest([path], settings, embeddings=timed)
        total = time.perf_counter() - start
    if summary.failed or timed.texts < n:
        raise SystemExit(f"the index was not ingested whole: {summary.failed}, {timed.texts} rows embedded")
    return {"rows": summary.chunks_written, "embedded": timed.texts, "total_seconds": round(total, 1),
            "embedding_seconds": round(timed.seconds, 1), "overhead_seconds": round(total - timed.seconds, 1),
            "overhead_percent": round(100 * (total - timed.seconds) / timed.seconds, 1)}


def table_index(path: Path, n: int) -> Path:
    """A generated .xlsx intervention index of n rows under a title row, every row its own name (no vector is reused)."""
    from openpyxl import Workbook

    from tests.tablegen import HEADER, ROWS, TITLE

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Index")
    ws.append([TITLE])
    ws.append([])
    ws.append(HEADER)
    for i in range(n):
        row = ROWS[i % len(ROWS)]
        ws.append([f"{row[0]} {i + 1}", *row[1:]])
    wb.save(path)
    return path


def bench_scans(questions: str = "dev.jsonl") -> dict:
    """The corpus letters printed to PDF, scanned (rendered at 200 dpi, wrapped back into image-only PDFs) and read by OCR:
    recall of the question set against the text version."""
    import textwrap

    import pypdfium2

    from tests.pdfgen import write_pdf

    with tempfile.TemporaryDirectory() as tmp:
        scans = Path(tmp) / "scans"
        scans.mkdir()
        for txt in sorted((ROOT / "corpus").glob("*.txt")):
            lines = [w for line in txt.read_text(encoding="utf-8").splitlines() for w in (textwrap.wrap(line, 90) or [""])]
            lines = [line.encode("cp1252", "replace").decode("cp1252") for line in lines]
            text_pdf = write_pdf(Path(tmp) / f"{txt.stem}.text.pdf", [lines[i:i + 52] for i in range(0, len(lines), 52)])
            images = [page.render(scale=200 / 72).to_pil().convert("L") for page in pypdfium2.PdfDocument(text_pdf)]
            images[0].save(scans / f"{txt.stem}.pdf", save_all=True, append_images=images[1:], resolution=200)
        figures = {}
        for name, paths in (("text", [str(ROOT / "corpus")]), ("scan", [str(scans)])):
            env = {**os.environ, "KANSENWIJZER_DATA_DIR": str(Path(tmp) / name), "KANSENWIJZER_PARSE_TIMEOUT": "900"}
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "ingest", "--quiet", *paths], cwd=ROOT, env=env, check=True, capture_output=True)
            result = score(EVAL / questions if "/" not in questions else Path(questions), env)
            figures[name] = {"ingest_seconds": round(time.perf_counter() - start, 1),
                             **{k: result[k] for k in ("recall_at_5", "mrr_at_10", "cited_gold", "answered_when_answerable")}}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("what", nargs="?", default="all", choices=["ingest", "query", "scale", "startup", "load", "tables", "tables-full", "scans", "experiments", "reliability", "all"])
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    jobs = {"ingest": bench_ingest, "query": bench_query, "scale": bench_scale, "startup": bench_startup, "load": bench_load,
            "tables": bench_tables, "tables-full": bench_tables_full, "scans": bench_scans, "experiments": experiments,
            "reliability": bench_reliability}
    chosen = [args.what] if args.what != "all" else ["ingest", "query", "scale", "startup", "load"]
    for name in chosen:
        figures = jobs[name]()
        print(f"{name}: {json.dumps(figures, indent=2)}")
        (RESULTS / f"{name}.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
