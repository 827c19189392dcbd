"""The answer chain (LangChain runnables): condense → retrieve → answer → check citations → decide."""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ingest.settings import Settings
from ingest.index.lexical import words
from ingest.index.store import reachable

from assistant.answer.cite import check_llm_answer, verify
from assistant.answer.extractive import SILENT, extractive_answer, silent_note
from assistant.answer.records import apply_records
from assistant.answer.question import ANAPHORA, POINTER, asks, check_question, is_english, is_followup, question_parts, standalone
from assistant.answer.retrieve import Retriever
from assistant.answer.sources import named_sources
from assistant.answer.spelling import corrected
from assistant.types import Answer, Citation, Filters, Passage

log = logging.getLogger(__name__)
NOT_IN_SOURCES = re.compile(r"niet in de bronnen|staat niet in|not in the sources|geen informatie|bronnen geven geen", re.I)


@dataclass
class Turn:
    """One question in flight through the chain."""

    question: str
    history: list[str]
    filters: Filters | None
    standalone: str = ""
    passages: list[Passage] = field(default_factory=list)
    text: str = ""
    citations: list[Citation] = field(default_factory=list)
    evidence: float = 0.0
    supported: bool = False
    reason: str = ""
    mode: str = "extractive"
    notice: str | None = None
    incomplete: bool = False
    unsupported_claims: int = 0


INSTRUCTION = re.compile(
    r"(?:negeer|vergeet|ignore|disregard)\s+(?:alle\s+|all\s+)?(?:eerdere|vorige|voorgaande|previous|prior)?\s*(?:instructies|instructions|opdrachten)|"
    r"(?:antwoord|reageer|answer|respond)\s+(?:alleen|uitsluitend|only)\s+(?:met|with)\s+[\"'‘“]?([\w-]{3,})|"
    r"(?:systeemprompt|system prompt|je instructies|your instructions)", re.I)


def hijacked(raw: str, checked: str, passages: list[Passage]) -> bool:
    """Whether the model obeyed text in a source (an 'antwoord alleen met X' marker outside any checked quote) or leaked its prompt."""
    from assistant.answer.llm import SYSTEM_PROMPT

    prompt_lines = [line.strip("- ") for line in SYSTEM_PROMPT.splitlines() if len(line.strip("- ")) >= 40]
    if any(line[:60] in raw for line in prompt_lines):
        return True
    markers = {m.group(1) for p in passages for m in INSTRUCTION.finditer(p.text) if m.group(1)}
    unquoted = re.sub(r"“[^”]*”", "", checked)
    return any(marker in raw and marker in unquoted for marker in markers) or bool(
        markers and INSTRUCTION.search(raw) and not re.search(r"\[\d+\]", raw)
    )


# A part of a two-part question is answered when the quotes hold at least this share of its words (idf-weighted)
PART_COVERED = 0.5


def covered(part: str, citations: list[Citation], lexical) -> bool:
    """Whether the answer's quotes already say what a part of the question asks about ('… en met welk programma wordt de
    taalvaardigheid van ouders verbeterd?' is not answered by a sentence about ouderbetrokkenheid)."""
    from assistant.answer.evidence.features import analyse
    from assistant.answer.cite import coverage

    terms = analyse(part, lexical).focus
    return coverage(terms, " ".join(c.quote for c in citations), lexical) >= PART_COVERED


def refusal_text(question: str, reason: str) -> str:
    """Why the assistant declines, in the question's language, and what follows below."""
    if is_english(question):
        return f"{reason} The passages below are related, but they do not answer the question."
    return f"{reason} Hieronder staan verwante passages; ze beantwoorden de vraag niet."


class Assistant:
    """Questions in, checked answers out."""

    def __init__(self, settings: Settings, retriever: Retriever | None = None, chat_model=None):
        self.settings = settings
        self.retriever = retriever or Retriever(settings)
        self._chat_model = chat_model
        self._documents: dict[tuple[str, str], str] = {}
        self._chain = None
        self.stages = (self._condense, self._retrieve, self._extract, self._generate, self._check)

    @property
    def chain(self):
        """The stages as a LangChain runnable (condense | retrieve | extract | generate | check_citations), built on first use."""
        if self._chain is None:
            from langchain_core.runnables import RunnableLambda  # 0.7 s of imports a cold extractive answer does not need

            names = ("condense", "retrieve", "extract", "generate", "check_citations")
            self._chain = RunnableLambda(self.stages[0], name=names[0])
            for stage, name in zip(self.stages[1:], names[1:]):
                self._chain = self._chain | RunnableLambda(stage, name=name)
        return self._chain

    @property
    def uses_llm(self) -> bool:
        return self.settings.answer_mode != "extractive"

    @property
    def chat_model(self):
        """The configured chat model, created on first use."""
        if self._chat_model is None and self.uses_llm:
            from assistant.answer.llm import load_chat_model

            self._chat_model = load_chat_model(self.settings)
        return self._chat_model

    def ask(self, question: str, history: list[str] | None = None, filters: Filters | None = None) -> Answer:
        """Answer one question; `history` holds the earlier (standalone) questions of the conversation."""
        turn = Turn(check_question(question), list(history or []), filters)
        if self.uses_llm:  # through LangChain, whose callbacks an LLM deployment may trace
            return self._finish(self.chain.invoke(turn))
        for stage in self.stages:  # the same stages, without LangChain's start-up cost
            turn = stage(turn)
        return self._finish(turn)

    def stream(self, question: str, history: list[str] | None = None, filters: Filters | None = None) -> Iterator[tuple[str, object]]:
        """Events for a UI: ('passages', list), ('token', str) while an LLM writes, then ('answer', Answer)."""
        turn = self._extract(self._retrieve(self._condense(Turn(check_question(question), list(history or []), filters))))
        yield "passages", turn.passages
        if self.uses_llm and turn.supported:
            for event in self._generate_events(turn):
                yield "token", event
        yield "answer", self._finish(self._check(turn))

    def search(self, question: str, k: int | None = None, filters: Filters | None = None) -> list[Passage]:
        """Ranked passages only."""
        return self.retriever.retrieve(question, k, filters)

    # Stages -----------------------------------------------------------------------------------------

    def _condense(self, turn: Turn) -> Turn:
        turn.standalone = corrected(standalone(turn.question, turn.history), self.retriever.snapshot().lexical)
        if self.uses_llm and turn.history and is_followup(turn.question, turn.history[-1]):
            from assistant.answer.llm import rewrite_question

            try:
                turn.standalone = rewrite_question(self.chat_model, turn.question, turn.history)
            except Exception as e:  # the extractive rewrite stands in
                log.warning("question rewrite failed (%s); carrying the previous subject instead", type(e).__name__)
        return turn

    def _retrieve(self, turn: Turn) -> Turn:
        turn.passages = self.retriever.retrieve(turn.standalone, self.settings.retrieval_k, turn.filters)
        return turn

    def _extract(self, turn: Turn) -> Turn:
        """The extractive answer: the default, the evidence check, and the fallback when an LLM fails."""
        lexical = self.retriever.snapshot().lexical
        draft = extractive_answer(turn.standalone, turn.passages, lexical, self.settings.answer_sentences)
        turn.text, turn.citations, turn.evidence, turn.reason = draft.text, draft.citations, draft.probability, draft.reason
        turn.supported = bool(turn.passages) and draft.supported
        log.info("answerable %.3f (threshold %.3f)", draft.probability, draft.threshold)
        if turn.supported:
            self._answer_parts(turn, lexical)
        letters = [p for p in turn.passages if not p.record]
        def from_letters(question: str):  # the part of a question that asks a letter's writer, answered from the letters
            return extractive_answer(question, letters, lexical, self.settings.answer_sentences)

        apply_records(turn, self.retriever.snapshot().passages.records(), from_letters)  # an index question: from its rows
        return turn

    def _answer_parts(self, turn: Turn, lexical) -> None:
        """A question that joins two and asks a source in a part ('Wat adviseert de SER, en wat doet de minister?') gets
        evidence from that source: a part whose source the answer does not quote yet is searched and answered on its own
        (read as a follow-up of the first part when it points back: '… en wat doet de minister daaraan?')."""
        parts = question_parts(turn.standalone)
        if len(parts) != 2 or any(len(words(part)) < 2 or not asks(part) for part in parts):
            return  # one question, or a question and a remark ('…? Ik wil niet dat ze te laag uitkomen.')
        added = False
        for i, part in enumerate(parts):
            asked_of = named_sources(part)
            if asked_of and any(src.holds(c.passage) for src in asked_of for c in turn.citations):
                continue  # the answer quotes the source this part asks already
            if not asked_of and (i == 0 or covered(part, turn.citations, lexical)):
                continue  # a part without a source: only the second, and only when no quote says what it asks about
            leans = i > 0 and bool(POINTER.search(part) or ANAPHORA.search(part))
            asked = standalone(part, [parts[0]]) if leans else part
            passages = self.retriever.retrieve(asked, self.settings.retrieval_k, turn.filters)
            draft = extractive_answer(asked, passages, lexical, 1)
            if not draft.supported or asked_of and not any(src.holds(draft.citations[0].passage) for src in asked_of):
                continue
            if any(c.passage.source == draft.citations[0].passage.source and c.start == draft.citations[0].start for c in turn.citations):
                continue  # its best sentence is quoted already
            offset = len(turn.citations)
            text = re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + offset}]", draft.text)
            turn.citations += [Citation(c.n + offset, c.passage, c.quote, c.start, c.end) for c in draft.citations]
            turn.text = SILENT.sub("", turn.text).strip() + "\n\n" + text
            known = {p.id for p in turn.passages}
            turn.passages += [p for p in passages if p.id not in known]
            added = True
        sources = named_sources(turn.standalone)
        if added and len(sources) > 1:  # the note on silent sources, for what the answer quotes now
            note = silent_note(sources, [c.passage for c in turn.citations], is_english(turn.standalone))
            turn.text = re.sub(r"\n{3,}", "\n\n", SILENT.sub("", turn.text).strip()) + (f"\n\n{note}" if note else "")

    def _generate(self, turn: Turn) -> Turn:
        if self.uses_llm and turn.supported:
            for _ in self._generate_events(turn):
                pass
        return turn

    def _generate_events(self, turn: Turn) -> Iterator[str]:
        """Stream the LLM's answer into the turn; on failure keep the extractive answer with a notice."""
        from assistant.answer.llm import NOTICES, LLMFailure, stream_answer

        tokens: list[str] = []
        try:
            for token in stream_answer(self.chat_model, turn.standalone, turn.passages, self.settings):
                tokens.append(token)
                yield token
        except LLMFailure as failure:
            turn.notice = NOTICES[failure.kind].format(seconds=self.settings.llm_timeout)
            if failure.kind == "broken":
                turn.mode, turn.incomplete = self.settings.answer_mode, True
                turn.text, turn.citations = failure.partial, []
            return
        lexical = self.retriever.snapshot().lexical
        documents = {p.source: self.document_text(p.source) or "" for p in turn.passages}
        raw = "".join(tokens)
        text, citations, unsupported = check_llm_answer(raw, turn.passages, lexical, documents)
        if hijacked(raw, text, turn.passages):
            log.warning("LLM answer rejected: it followed an instruction from a document or revealed its instructions")
            turn.notice = NOTICES["hijacked"]
            return
        if not citations:
            if NOT_IN_SOURCES.search(text):
                turn.supported = False
            else:
                turn.notice = NOTICES["unsupported"]
            return
        turn.mode = self.settings.answer_mode
        turn.unsupported_claims = unsupported
        turn.text, turn.citations = text, citations

    def _check(self, turn: Turn) -> Turn:
        """Drop any citation whose quote is not verbatim in its document, and its marker with it."""
        kept = []
        for citation in turn.citations:
            if verify(citation, self.document_text(citation.passage.source)):
                kept.append(citation)
            else:
                log.warning("dropped a citation that failed verification: %s", citation.quote[:80])
                turn.text = turn.text.replace(f" [{citation.n}]", "")
        turn.citations = kept
        return turn

    def _finish(self, turn: Turn) -> Answer:
        if turn.incomplete:
            return Answer(turn.question, turn.text, False, [], turn.passages, turn.mode, turn.standalone,
                          turn.notice, True, turn.filters)
        if not turn.supported or not turn.citations:
            return Answer(turn.question, refusal_text(turn.question, turn.reason), False, [], turn.passages,
                          turn.mode, turn.standalone, turn.notice, filters=turn.filters)
        return Answer(turn.question, turn.text, True, turn.citations, turn.passages, turn.mode,
                      turn.standalone, turn.notice, False, turn.filters)

    def document_text(self, source: str) -> str | None:
        """A document's cleaned text, cached per version."""
        record = self.retriever.snapshot().documents.get(source)
        if record is None:
            return None
        key = (source, record["hash"])
        if key not in self._documents:
            with reachable(self.settings):
                self._documents[key] = self.retriever.index.document_text(source)
        return self._documents[key]
