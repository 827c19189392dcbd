"""Deadlines as written ('voor de zomer van 2023', 'binnenkort') resolved to date ranges against the letter's date."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from ingest.text.metadata import MONTHS

MONTH = "(" + "|".join(MONTHS) + ")"
SEASONS = {"voorjaar": ((3, 1), (5, 31)), "zomer": ((6, 21), (9, 22)), "najaar": ((9, 1), (11, 30)), "winter": ((12, 1), (2, 28))}
WORDS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5}


@dataclass
class Deadline:
    """A deadline as written and as a date range; None bounds mean open."""

    text: str
    due_from: date | None
    due_to: date | None
    start: int = 0  # where the phrase stands in its sentence


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def season(name: str, year: int) -> tuple[date, date]:
    (m1, d1), (m2, d2) = SEASONS[name]
    end_year = year + 1 if name == "winter" else year
    return date(year, m1, d1), date(end_year, m2, d2)


def next_season(name: str, after: date) -> tuple[date, date]:
    """The first such season that has not ended on `after`."""
    start, end = season(name, after.year)
    return (start, end) if end >= after else season(name, after.year + 1)


def month_year(month: str, year: str | None, letter: date) -> int:
    """The year of a month named without one: this year, or next if it has passed."""
    if year:
        return int(year)
    number = MONTHS[month.lower()]
    return letter.year if number >= letter.month else letter.year + 1


def _rules(letter: date):
    """(pattern, resolver) pairs; a resolver gets the match and returns (due_from, due_to)."""
    y = letter.year
    return [
        (rf"met ingang van (\d{{1,2}}) {MONTH} (\d{{4}})|per (\d{{1,2}}) {MONTH} (\d{{4}})",
         lambda m: (lambda d: (d, d))(date(int(m.group(3) or m.group(6)), MONTHS[(m.group(2) or m.group(5)).lower()], int(m.group(1) or m.group(4))))),
        (rf"(?:uiterlijk |vóór |voor )(\d{{1,2}}) {MONTH} (\d{{4}})",
         lambda m: (letter, date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))))),
        (r"(?:uiterlijk )?(?:vóór|voor) de zomer(?: van (\d{4}))?",
         lambda m: (letter, season("zomer", int(m.group(1)))[0] if m.group(1) else next_season("zomer", letter)[0])),
        (r"na de zomer(?: van (\d{4}))?",
         lambda m: (date(int(m.group(1) or y), 9, 1), date(int(m.group(1) or y), 12, 31))),
        (r"(uiterlijk )?in het (voorjaar|najaar|zomer|winter) van (\d{4})",
         lambda m: (letter if m.group(1) else season(m.group(2).lower(), int(m.group(3)))[0], season(m.group(2).lower(), int(m.group(3)))[1])),
        (r"\b(dit|deze|komend|komende|volgend) (voorjaar|najaar|zomer|winter)",
         lambda m: season(m.group(2).lower(), y + 1) if m.group(1).lower() == "volgend" else
         season(m.group(2).lower(), y) if m.group(1).lower() in ("dit", "deze") else next_season(m.group(2).lower(), letter)),
        (rf"\b(?:vóór|voor) het begin van het nieuwe schooljaar",
         lambda m: (letter, date(y if letter.month < 8 else y + 1, 8, 31))),
        (rf"\b(?:uiterlijk |vóór |voor ){MONTH}(?: (\d{{4}}))?",
         lambda m: (letter, (lambda yr, mo: month_end(yr - 1, 12) if mo == 1 else month_end(yr, mo - 1))(
             month_year(m.group(1), m.group(2), letter), MONTHS[m.group(1).lower()]))),
        (rf"\btot en met {MONTH} (\d{{4}})",
         lambda m: (letter, month_end(int(m.group(2)), MONTHS[m.group(1).lower()]))),
        (rf"\b(begin|half|medio|eind|eind van) {MONTH}(?: (\d{{4}}))?",
         lambda m: (lambda yr, mo, part: {"begin": (date(yr, mo, 1), date(yr, mo, 10)), "half": (date(yr, mo, 10), date(yr, mo, 20)),
                                          "medio": (date(yr, mo, 10), date(yr, mo, 20))}.get(part, (date(yr, mo, 20), month_end(yr, mo))))(
             month_year(m.group(2), m.group(3), letter), MONTHS[m.group(2).lower()], m.group(1).lower())),
        (rf"\bin {MONTH} (\d{{4}})|\b{MONTH} (\d{{4}})",
         lambda m: (lambda yr, mo: (date(yr, mo, 1), month_end(yr, mo)))(int(m.group(2) or m.group(4)), MONTHS[(m.group(1) or m.group(3)).lower()])),
        (r"\b(begin|medio|halverwege|eind) (\d{4})",
         lambda m: {"begin": (date(int(m.group(2)), 1, 1), date(int(m.group(2)), 3, 31)),
                    "eind": (date(int(m.group(2)), 10, 1), date(int(m.group(2)), 12, 31))}.get(
             m.group(1).lower(), (date(int(m.group(2)), 5, 1), date(int(m.group(2)), 8, 31)))),
        (r"\bin de loop van (\d{4})|\b(?:in|gedurende) (?:het jaar |kalenderjaar )?(\d{4})\b",
         lambda m: (date(int(m.group(1) or m.group(2)), 1, 1), date(int(m.group(1) or m.group(2)), 12, 31))),
        (r"\b(?:vanaf|per|met ingang van) (?:kalenderjaar |schooljaar )?(\d{4})\b",
         lambda m: (date(int(m.group(1)), 1, 1), date(int(m.group(1)), 1, 1))),
        (r"\blater dit jaar|\bdit jaar\b|\bin dit jaar\b",
         lambda m: (letter, date(y, 12, 31))),
        (r"\bvolgend jaar\b",
         lambda m: (date(y + 1, 1, 1), date(y + 1, 12, 31))),
        (r"\bdit schooljaar\b",
         lambda m: (letter, date(y if letter.month < 8 else y + 1, 7, 31))),
        (r"\b(?:in|binnen) (een|twee|drie|vier|vijf|\d) jaar\b",
         lambda m: (letter, date(y + (WORDS.get(m.group(1)) or int(m.group(1))), letter.month, min(letter.day, 28)))),
        (r"\bbinnenkort\b", lambda m: (letter, None)),
        (r"\bte zijner tijd\b|\bop een later moment\b|\bde komende (?:periode|tijd|jaren)\b|\bin de komende (?:periode|tijd|jaren)\b|"
         r"\bvoor de langere termijn\b|\bop termijn\b", lambda m: (None, None)),
    ]


def inside_parentheses(sentence: str, position: int) -> bool:
    return sentence.count("(", 0, position) > sentence.count(")", 0, position)


def resolve_deadline(sentence: str, letter: date | None) -> Deadline | None:
    """The sentence's deadline: the first concrete one outside parentheses, else a vague one ('binnenkort'), else None."""
    letter = letter or date.today()
    found: list[Deadline] = []
    for priority, (pattern, resolve) in enumerate(_rules(letter)):
        for m in re.finditer(pattern, sentence, re.IGNORECASE):
            if inside_parentheses(sentence, m.start()):
                continue
            try:
                due_from, due_to = resolve(m)
            except ValueError:  # an impossible date such as 31 februari
                continue
            found.append(Deadline(m.group(0).strip(), due_from, due_to, m.start()))
    if not found:
        return None
    concrete = [d for d in found if d.due_to is not None]
    pool = concrete or found
    # Several phrases: the earliest in the sentence; for one span matched by several rules, the longest phrase.
    return sorted(pool, key=lambda d: (d.start, -len(d.text)))[0]
