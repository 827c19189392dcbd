"""What kind of question this is: language, expected answer type, and whether it follows up on the last one."""
from __future__ import annotations

import re

from ingest.index.lexical import words

ENGLISH = set("the what how many much which who when why does do is are was were of for to in on with already get".split())
DUTCH = set("de het een wat hoe hoeveel welke wie wanneer waarom is zijn wordt worden van voor naar in op met er".split())
FIGURE = re.compile(r"\b(hoeveel|bedrag|geld|budget|kost|kosten|miljoen|miljard|euro|aantal|percentage|procent|how (many|much)|amount|cost)\b", re.I)
DATE = re.compile(r"\b(wanneer|sinds|vanaf|per wanneer|tot wanneer|welk jaar|datum|deadline|termijn|when|since|which year)\b", re.I)
WHO = re.compile(r"\b(wie|welke minister|who)\b", re.I)
HOWTO = re.compile(r"\b(wat kan|wat kunnen|hoe kan|hoe kunnen|hoe maak|wat moet|wat doe|wat te doen|what can|how can|how do)\b", re.I)
LIST = re.compile(r"\b(welke (vijf|vier|drie|twee|zes|maatregelen|terreinen|acties|stappen)|noem|what are|which)\b", re.I)
FOLLOWUP_START = re.compile(r"^\s*(en|maar|ook|and|what about|hoe zit het met)\b", re.I)
ANAPHORA = re.compile(r"\b(dat|dit|deze|die|daar\w*|hier\w*|het programma|die regeling|it|that|this|they)\b", re.I)


def is_english(question: str) -> bool:
    """A rough language guess from function words."""
    tokens = re.findall(r"[a-zA-Z']+", question.lower())
    return sum(t in ENGLISH for t in tokens) > sum(t in DUTCH for t in tokens)


def answer_type(question: str) -> str:
    """figure, date, who, howto, list or open."""
    if FIGURE.search(question):
        return "figure"
    if DATE.search(question):
        return "date"
    if WHO.search(question):
        return "who"
    if HOWTO.search(question):
        return "howto"
    if LIST.search(question):
        return "list"
    return "open"


def is_followup(question: str) -> bool:
    """A question that leans on the previous one ('En voor het mbo?', 'Wanneer?')."""
    content = words(question)
    if FOLLOWUP_START.match(question) and len(content) <= 5:
        return True
    if len(content) <= 1:
        return True
    return len(content) <= 4 and bool(ANAPHORA.search(question))


def search_text(question: str) -> str:
    """The text the lexical side searches: an English question gets its Dutch terms added."""
    if is_english(question):
        from assistant.answer.translate import to_dutch

        return f"{question} {to_dutch(question)}"
    return question


def standalone(question: str, previous: list[str]) -> str:
    """In extractive mode: carry the previous question's subject into a follow-up."""
    if not previous or not is_followup(question):
        return question
    base = previous[-1]
    if FOLLOWUP_START.match(question):
        # 'En voor het mbo?' swaps the subject's qualifier but keeps what was asked.
        return f"{base.rstrip(' ?')} — {question.strip()}"
    return f"{question.strip()} ({base.rstrip(' ?')})"
