"""Answers for a person at a terminal: text from documents and questions never reaches the terminal as escape codes."""
from __future__ import annotations

import re

from assistant.types import Answer, Passage

# C0/C1 controls (ESC starts terminal escapes) and bidirectional overrides; newlines and tabs stay.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Text as it may be printed: control characters and direction overrides removed."""
    return CONTROL.sub("", text)


def print_answer(answer: Answer) -> None:
    """An answer for a person at a terminal."""
    print(safe(answer.text))
    if answer.citations:
        print()
        for c in answer.citations:
            print(safe(f"[{c.n}] {c.label}\n    “{c.quote}”"))
    elif answer.passages:
        print("\nDichtstbijzijnde bronnen:")
        for p in answer.passages[:3]:
            print(safe(f"  - {p.title} ({p.date_label}): {p.text[:120]}…"))


def print_passages(passages: list[Passage]) -> None:
    """Ranked passages, one short block each."""
    for p in passages:
        print(safe(f"{p.rank:2d}. [{p.score:.4f}] {p.title} ({p.date_label}) — {p.section}\n    {p.text[:200]}"))
