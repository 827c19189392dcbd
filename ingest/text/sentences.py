"""Dutch sentence boundaries, abbreviation-aware, as character spans (so quotes stay verbatim)."""
from __future__ import annotations

import re

# After these a capital letter does not start a new sentence ("o.a. De Jong", "bijv. Amsterdam").
ABBREVIATIONS = {
    "bijv", "bv", "o.a", "e.d", "d.w.z", "m.b.t", "t.a.v", "ca", "zgn", "incl", "excl", "resp", "jl", "vs",
    "dhr", "mevr", "prof", "dr", "drs", "mr", "ir", "ing", "vgl", "e.a", "o.b.v", "i.p.v", "i.v.m", "m.u.v",
    "n.a.v", "pag", "blz", "nr", "nrs", "art", "z.s.m", "m.i.v", "t.b.v", "o.l.v", "a.s", "st", "j.l", "i.s.m",
}
SPACE = re.compile(r"\s*")
BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*[⁰¹²³⁴⁵⁶⁷⁸⁹]*\d{0,2}(?=\s+)|\n+")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split text[start:end] into sentence spans, trimmed of surrounding whitespace."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in BOUNDARY.finditer(text, start, end):
        if m.group().startswith("\n"):
            cut = m.start()
        else:
            cut = m.end()
            if not is_boundary(text, m.start(), cut, end):
                continue
        add_span(text, cursor, cut, spans)
        cursor = cut
    add_span(text, cursor, end, spans)
    return spans


def is_boundary(text: str, dot: int, cut: int, end: int) -> bool:
    """Whether the punctuation at `dot` ends a sentence."""
    after = SPACE.match(text, cut, end).end()  # not text[cut:end].lstrip(): a copy per boundary is quadratic on one long line
    if after >= end:
        return True
    first = text[after]
    if first.islower() or first in ",;:":
        return False
    if text[dot] != ".":
        return True
    word = re.search(r"([\w.]+)$", text[max(0, dot - 12):dot])
    token = word.group(1).lower() if word else ""
    if token in ABBREVIATIONS or token.rstrip(".") in ABBREVIATIONS:
        return False
    if len(token) == 1 and token.isalpha() and text[dot - 1].isupper():
        return False  # an initial: "J. de Vries"
    if first.isdigit() and dot > 0 and text[dot - 1].isdecimal():
        return False
    return True


def add_span(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append((a, b))


def sentences(text: str) -> list[str]:
    """The sentences of a text."""
    return [text[a:b] for a, b in sentence_spans(text)]
