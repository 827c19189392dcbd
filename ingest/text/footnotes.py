"""Footnotes: find the markers that cite them and put each note after the paragraph it belongs to, in linear time."""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.text.clean import Para

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPER_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")
PLAIN_MARKER = re.compile(r"(?<=[a-zA-Z.)\]])(\d+)(?=[\s,.;:)]|$)")
SUPER_MARKER = re.compile(f"(?<![{SUPERSCRIPTS}])([{SUPERSCRIPTS}]+)(?![{SUPERSCRIPTS}])")


def plain_markers(text: str) -> set[int]:
    """The plain-digit footnote markers in a text ('kosten.3')."""
    return {int(n) for n in PLAIN_MARKER.findall(text) if len(n) <= 3}


def markers(text: str) -> tuple[set[int], set[int]]:
    """The plain-digit and superscript footnote markers in a text ('kosten.3', 'kosten³')."""
    plain = plain_markers(text)
    sup = {int(n.translate(SUPER_TO_DIGIT)) for n in SUPER_MARKER.findall(text) if len(n) <= 3}
    return plain, sup


def place_footnotes(body: list[Para], footnotes: list[Para]) -> list[Para]:
    """Put each footnote after the nearest paragraph before it that carries its marker (numbering may restart per chapter)."""
    orders = [para.order for para in body]
    where: dict[tuple[bool, int], list[int]] = {}  # (plain, number) -> indices of body paragraphs with that marker, ascending
    for i, para in enumerate(body):
        plain, sup = markers(para.text)
        for n in plain:
            where.setdefault((True, n), []).append(i)
        for n in sup:
            where.setdefault((False, n), []).append(i)
    after: dict[int, list[Para]] = {}
    unplaced: list[Para] = []
    for note in footnotes:
        candidates = where.get((note.text[:1] in "0123456789", note.footnote), [])
        here = bisect.bisect_left(orders, note.order) - 1  # the last body paragraph before the footnote
        before = bisect.bisect_right(candidates, here) - 1
        if before >= 0:
            after.setdefault(candidates[before], []).append(note)
        elif candidates:  # the marker comes later (a footnote printed before its reference): the first one
            after.setdefault(candidates[0], []).append(note)
        else:
            unplaced.append(note)
    ordered: list[Para] = []
    for i, para in enumerate(body):
        ordered.append(para)
        ordered.extend(sorted(after.get(i, []), key=lambda p: p.footnote))
    return ordered + unplaced
