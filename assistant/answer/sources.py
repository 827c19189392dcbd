"""Who says it: sources a question names (the SER, the VO-raad, the minister, a Kamerbrief) and how an answer labels a speaker."""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.types import Passage


@dataclass(frozen=True)
class NamedSource:
    """A source as a question names it, and how to recognise its passages."""

    key: str
    pattern: re.Pattern
    publisher: str = ""  # a passage's publisher contains this …
    kind: str = ""  # … or its document kind is this
    title: str = ""  # … or its title contains this

    def holds(self, p: Passage) -> bool:
        """Whether a passage comes from this source."""
        return self.wrote(p.publisher, p.kind, p.title)

    def wrote(self, publisher: str | None, kind: str | None, title: str | None) -> bool:
        """Whether a document with this publisher, kind and title comes from this source."""
        return bool(
            self.publisher and self.publisher.lower() in (publisher or "").lower()
            or self.kind and kind == self.kind
            or self.title and self.title.lower() in (title or "").lower()
        )


SOURCES = [
    NamedSource("SER", re.compile(r"\bSER\b|sociaal[- ]economische raad|social and economic council", re.I), publisher="Sociaal-Economische Raad"),
    NamedSource("VO-raad", re.compile(r"\bvo-?raad\b|secondary(?:[- ]school)? council", re.I), publisher="VO-raad"),
    NamedSource("PO-raad", re.compile(r"\bpo-?raad\b", re.I), publisher="PO-raad"),
    NamedSource("Rijksoverheid", re.compile(r"\brijksoverheid\b|government website", re.I), publisher="Rijksoverheid"),
    NamedSource("Eckartcollege", re.compile(r"eckart|brief aan (?:de |een )?(?:leerlingen|school|scholieren)|letter to (?:the )?pupils", re.I),
                kind="brief"),
    NamedSource("Kamerbrief", re.compile(r"kamerbrief|brief aan de (?:tweede )?kamer|visiebrief|letter to (?:the )?parliament", re.I),
                kind="kamerbrief"),
    NamedSource("minister", re.compile(r"\bminister\b|\bministerie\b|\bOCW\b|\bkabinet\b|\bregering\b|staatssecretaris|\bcabinet\b", re.I),
                publisher="Onderwijs, Cultuur en Wetenschap"),
]
# The documents that tell schools what they can do (kind 'overzicht' in corpus/manifest.yaml): read for a school's own
# practical question even when it names no source.
PRACTICE = NamedSource("praktijk", re.compile(r"(?!)"), kind="overzicht")
SPEAKERS = {"Sociaal-Economische Raad": "de SER", "VO-raad": "de VO-raad", "PO-raad": "de PO-raad", "Rijksoverheid": "de Rijksoverheid",
            "Onderwijs, Cultuur en Wetenschap": "de minister"}
# A named source in a sentence, Dutch and English ('Over de VO-raad vind ik hierover niets …').
CALLED = {"SER": ("de SER", "the SER"), "VO-raad": ("de VO-raad", "the VO-raad"), "PO-raad": ("de PO-raad", "the PO-raad"),
          "Rijksoverheid": ("de Rijksoverheid", "the government website"), "Eckartcollege": ("de brief aan het Eckartcollege",
          "the letter to the Eckartcollege"), "Kamerbrief": ("de Kamerbrief", "the Kamerbrief"), "minister": ("de minister", "the minister")}
ENGLISH_SPEAKERS = {"de SER": "the SER", "de VO-raad": "the VO-raad", "de PO-raad": "the PO-raad", "de Rijksoverheid": "the government website",
                    "de minister": "the minister"}


# 'in een brief aan de Kamer', 'een nieuwe Kamerbrief', 'in a letter to parliament': a letter still to be written (what a
# question asks about, 'Wanneer wil de minister in een brief aan de Kamer uiteenzetten …'), not a document it asks to read.
A_LETTER_TO_COME = re.compile(r"\b(?:een|a|an)(?:\s+(?:nieuwe|volgende|aparte|aanvullende|new|separate|further))?\s+$"
                              r"|\b(?:nieuwe|volgende|komende|aparte|latere|new|next|separate|later|future)\s+$", re.I)


def named_sources(question: str) -> list[NamedSource]:
    """The sources a question names, most specific first (the SER before 'het kabinet'); a letter still to come names none."""
    found = [s for s in SOURCES if any(not (s.key == "Kamerbrief" and A_LETTER_TO_COME.search(question[:m.start()]))
                                       for m in s.pattern.finditer(question))]
    if any(s.key in ("Kamerbrief", "Eckartcollege") for s in found):
        found = [s for s in found if s.key != "minister"]  # 'de minister schrijft in de Kamerbrief' names one document
    return found


def speaker(p: Passage, english: bool = False) -> str:
    """Who says a passage: 'de SER', 'de minister', or the publisher as written."""
    who = next((label for key, label in SPEAKERS.items() if key.lower() in (p.publisher or "").lower()), "")
    if not who:
        who = p.publisher or p.title
    return ENGLISH_SPEAKERS.get(who, who) if english else who
