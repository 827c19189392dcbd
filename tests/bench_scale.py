"""`python -m tests.bench_scale [--chunks 25000]`: a ministry-size collection of generated letters, and what it costs.

Deterministic Dutch-like Kamerbrieven (letterhead, headings, footnotes, amounts, dates, commitments) are written once to
/tmp, indexed with the fake embedder so that only the project's own overhead counts, and measured: ingest overhead, no-op
and one-file re-ingest, a cold `python -m assistant ask`, warm retrieval p50/p95, peak memory, and the register pages.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
CHUNKS_PER_LETTER = 50  # measured: one generated letter of ~30 000 characters splits into about this many chunks
PROMISE = re.compile(r"\b(zal|zullen|informeer|informeren|terug|toe|Kamer|kabinet|ik|wij|we)\b", re.I)
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()
TOPICS = ["kansengelijkheid", "lerarentekort", "basisvaardigheden", "onderwijsachterstanden", "schoolmaaltijden",
          "passend onderwijs", "burgerschap", "huisvesting van scholen", "studiefinanciering", "inburgering",
          "laaggeletterdheid", "digitale geletterdheid", "zij-instromers", "thuiszitters", "kinderopvang",
          "vroegschoolse educatie", "praktijkonderwijs", "mbo-stages", "internationalisering", "toetsing"]
COMMITMENTS = ["Ik zal uw Kamer voor de zomer van {year} informeren over de voortgang van {topic}.",
               "Voor het einde van {year} stuur ik uw Kamer een evaluatie van {topic}.",
               "In het voorjaar van {year} kom ik bij uw Kamer terug op {topic}.",
               "Ik informeer uw Kamer uiterlijk {day} {month} {year} over de uitkomsten van het onderzoek naar {topic}."]
MEASURES = ["Met het programma {name} investeert het kabinet structureel {amount} in {topic}.",
            "Voor de regeling {name} is in {year} een bedrag van {amount} beschikbaar.",
            "De subsidieregeling {name} ondersteunt scholen bij {topic} met {amount} per jaar."]


def corpus_sentences() -> list[str]:
    """Real Dutch sentences from the bundled corpus: the vocabulary and rhythm of the generated letters."""
    sentences = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        for s in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8")):
            s = " ".join(s.split())
            # Promises come from the templates below, a few per letter, as in real letters; not from every borrowed sentence.
            if 60 <= len(s) <= 400 and not s.startswith(("#", "*", ">")) and not PROMISE.search(s):
                sentences.append(s)
    return sentences


def letter(n: int, rng: random.Random, sentences: list[str]) -> str:
    """One Kamerbrief of about 30 000 characters with headings, footnotes, amounts, dates and commitments."""
    year = 2015 + n % 10
    topic = TOPICS[n % len(TOPICS)]
    day, month = rng.randint(1, 28), MONTHS[rng.randrange(12)]
    lines = ["Ministerie van Onderwijs, Cultuur en Wetenschap", "", "> Retouradres Postbus 16375 2500 BJ Den Haag", "",
             "De voorzitter van de Tweede Kamer der Staten-Generaal", "Postbus 20018", "2500 EA DEN HAAG", "",
             f"Onze referentie", f"{30000000 + n * 7919 % 9000000}", "", f"Datum {day} {month} {year}",
             f"Betreft Voortgang {topic} ({n})", ""]
    footnotes = []
    for section in range(1, 9):
        lines += [f"**{section}. {rng.choice(TOPICS).capitalize()} in {rng.choice(['het po', 'het vo', 'het mbo', 'de regio'])}**", ""]
        for _ in range(5):
            paragraph = [rng.choice(sentences) for _ in range(rng.randint(3, 6))]
            if rng.random() < 0.3:
                amount = f"€ {rng.randint(2, 950)},{rng.randint(0, 9)} miljoen"
                paragraph.append(rng.choice(MEASURES).format(name=f"{rng.choice(TOPICS).capitalize()} {n % 97}", amount=amount,
                                                             topic=topic, year=year))
            if rng.random() < 0.15:
                paragraph.append(rng.choice(COMMITMENTS).format(year=year + 1, topic=rng.choice(TOPICS), day=rng.randint(1, 28),
                                                                month=rng.choice(MONTHS)))
            if rng.random() < 0.3:
                footnotes.append(f"Kamerstukken II {year - 1}/{year}, {31000 + rng.randint(0, 5000)}, nr. {rng.randint(1, 400)}.")
                paragraph[-1] += str(len(footnotes))
            lines += [" ".join(paragraph), ""]
    lines += ["Hoogachtend,", "", "de minister voor Primair en Voortgezet Onderwijs,", "", "M.L.J. Paul", ""]
    lines += [f"{i} {text}" for i, text in enumerate(footnotes, 1)]
    return "\n".join(lines) + "\n"


def generate(chunks: int) -> Path:
    """The generated collection for about `chunks` chunks, written once and reused (same seed, same files)."""
    letters = max(1, chunks // CHUNKS_PER_LETTER)
    folder = Path(tempfile.gettempdir()) / f"kansenwijzer-scale-v2-{letters}"
    if (folder / ".complete").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sentences = corpus_sentences()
    for n in range(letters):
        rng = random.Random(n)
        (folder / f"kamerbrief-{n:06d}.txt").write_text(letter(n, rng, sentences), encoding="utf-8")
    (folder / ".complete").write_text(str(letters))
    return folder


def run(args: list[str], env: dict, timeout: float | None = None) -> tuple[str, float, float]:
    """Run a module in a fresh interpreter; its stdout, wall seconds and peak memory in MB."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", PEAK_WRAPPER, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{args} failed: {proc.stderr[-2000:]}")
    out, _, peak = proc.stdout.rpartition("PEAK_MB ")
    return out, wall, float(peak)


# Runs a module as __main__ in a fresh interpreter and reports its peak RSS (with its largest child's).
PEAK_WRAPPER = """
import resource, runpy, sys
module, sys.argv = sys.argv[1], sys.argv[1:]
try:
    runpy.run_module(module, run_name="__main__", alter_sys=True)
except SystemExit as e:
    if e.code not in (0, None):
        raise
finally:
    sys.stdout.flush()
# The ingest prepares files in a child process: its peak is added (an upper bound of what both held at once).
print("PEAK_MB", round((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024, 1))
"""


def warm(what: str, questions: list[str]) -> dict:
    """In this process: warm retrieval latencies, or the register pages cold and warm."""
    from assistant.answer.retrieve import Retriever
    from assistant.registers.register import Registers
    from ingest.settings import Settings

    from tests.bench import percentiles

    retriever = Retriever(Settings())
    if what == "retrieval":
        for q in questions[:3]:
            retriever.retrieve(q)
        times = []
        for q in questions:
            start = time.perf_counter()
            retriever.retrieve(q)
            times.append(time.perf_counter() - start)
        return {"retrieval": percentiles(times)}
    registers = Registers(retriever)
    pages = {}
    for which in ("toezeggingen", "maatregelen"):
        for attempt in ("cold", "warm"):
            start = time.perf_counter()
            items = getattr(registers, which)()
            pages[f"{which}_{attempt}_seconds"] = round(time.perf_counter() - start, 2)
        pages[f"{which}_count"] = len(items)
    return pages


@contextmanager
def chroma_server(wanted: bool, path: Path):
    """A `chroma run` server for the run (host, port), or None for the embedded index."""
    if not wanted:
        yield None
        return
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = shutil.which("chroma", path=str(Path(sys.executable).parent)) or "chroma"
    proc = subprocess.Popen([exe, "run", "--path", str(path), "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("chroma server did not start")
                time.sleep(0.5)
        yield ("127.0.0.1", port)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def bench(chunks: int, save, server: bool = False) -> dict:
    """Every figure for one collection size, saved as it is measured."""
    folder = generate(chunks)
    questions = [json.loads(line)["q"] for line in open(ROOT / "eval" / "tune.jsonl", encoding="utf-8") if line.strip()][:60]
    figures: dict = {}

    def note(**values) -> None:
        figures.update(values)
        print(json.dumps(values), flush=True)
        save(figures)

    with tempfile.TemporaryDirectory() as data, chroma_server(server, Path(data) / "server") as address:
        env = {**os.environ, "KANSENWIJZER_DATA_DIR": data, "KANSENWIJZER_EMBEDDING_BACKEND": "fake", "PYTHONPATH": str(ROOT)}
        if address:
            env.update(KANSENWIJZER_CHROMA_HOST=address[0], KANSENWIJZER_CHROMA_PORT=str(address[1]))
        ingest = ["ingest", str(folder), "--json", "--quiet"]
        out, wall, peak = run(ingest, env)
        first = json.loads(out.strip().splitlines()[-1])
        note(letters=len(list(folder.glob("*.txt"))), chunks=first["chunks_in_index"], ingest_seconds=round(wall, 1),
             ingest_chunks_per_second=round(first["chunks_written"] / wall), ingest_peak_mb=peak)
        note(noop_reingest_seconds=round(run(ingest, env)[1], 2))
        changed = folder / "kamerbrief-000000.txt"
        original = changed.read_text(encoding="utf-8")
        try:
            changed.write_text(original + "\nIn het najaar van 2030 informeer ik uw Kamer over de nieuwe planning.\n", encoding="utf-8")
            note(one_file_reingest_seconds=round(run(ingest, env)[1], 2))
        finally:
            changed.write_text(original, encoding="utf-8")
        cold = [run(["assistant", "ask", q, "--json"], env) for q in questions[:3]]
        note(cold_ask_seconds=round(max(c[1] for c in cold), 2), cold_ask_peak_mb=max(c[2] for c in cold))
        for which in ("toezeggingen", "maatregelen"):  # the CLI: the first run after the ingest, then warm (worst of 2)
            first = run(["assistant", which, "--json"], env, timeout=1200)
            again = max(run(["assistant", which, "--json"], env)[1] for _ in range(2))
            note(**{f"{which}_cli_first_seconds": round(first[1], 2), f"{which}_cli_warm_seconds": round(again, 2)})
        for what in ("retrieval", "registers"):
            out, _, peak = run(["tests.bench_scale", "--warm", what], {**env, "BENCH_QUESTIONS": json.dumps(questions)}, timeout=1200)
            note(**json.loads(out.strip().splitlines()[-1]), **{f"{what}_process_peak_mb": peak})
        # The app after a restart: a new process opens the register pages of an unchanged collection.
        out, _, _ = run(["tests.bench_scale", "--warm", "registers"], {**env, "BENCH_QUESTIONS": "[]"}, timeout=1200)
        restarted = json.loads(out.strip().splitlines()[-1])
        note(toezeggingen_after_restart_seconds=restarted["toezeggingen_cold_seconds"],
             maatregelen_after_restart_seconds=restarted["maatregelen_cold_seconds"])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, nargs="+", default=[25_000], help="collection sizes (about this many chunks)")
    parser.add_argument("--warm", choices=["retrieval", "registers"], help=argparse.SUPPRESS)
    parser.add_argument("--label", default="", help="suffix of the results file (e.g. 'baseline')")
    parser.add_argument("--server", action="store_true", help="against a `chroma run` server instead of the embedded index")
    args = parser.parse_args()
    if args.warm:
        print(json.dumps(warm(args.warm, json.loads(os.environ["BENCH_QUESTIONS"]))))
        return
    RESULTS.mkdir(exist_ok=True)
    for chunks in args.chunks:
        label = "-".join(x for x in (args.label, "server" if args.server else "") if x)
        path = RESULTS / f"scale-{chunks}{'-' + label if label else ''}.json"
        bench(chunks, lambda figures: path.write_text(json.dumps(figures, indent=2), encoding="utf-8"), args.server)


if __name__ == "__main__":
    main()
