"""Answers for a person at a terminal."""
from __future__ import annotations

from assistant.types import Answer


def print_answer(answer: Answer) -> None:
    """An answer for a person at a terminal."""
    print(answer.text)
    if answer.citations:
        print()
        for c in answer.citations:
            print(f"[{c.n}] {c.label}\n    “{c.quote}”")
    elif answer.passages:
        print("\nDichtstbijzijnde bronnen:")
        for p in answer.passages[:3]:
            print(f"  - {p.title} ({p.date_label}): {p.text[:120]}…")
