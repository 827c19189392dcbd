"""The answer chain (LangChain runnables): condense → retrieve → answer → check citations → decide."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

from langchain_core.runnables import RunnableLambda

from ingest.settings import Settings

from .cite import verify
from .extractive import extractive_answer, missing_terms, salient
from .question import is_english, standalone
from .retrieve import Retriever
from .types import Answer, Citation, Filters, Passage

log = logging.getLogger(__name__)


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
    coverage: float = 0.0
    mode: str = "extractive"
    notice: str | None = None
    incomplete: bool = False


def refusal_text(question: str, missing: list[str]) -> str:
    """Why the assistant declines, in the question's language."""
    if is_english(question):
        return "The documents I have do not answer this question. The nearest passages are listed below, in case they help."
    about = f" Over {', '.join(repr(m) for m in missing[:3])} vond ik niets in de documenten." if missing else ""
    return f"Dit staat niet in de bronnen die ik heb.{about} Hieronder staan de passages die er het dichtst bij komen; misschien helpen die verder."


class Assistant:
    """Questions in, checked answers out."""

    def __init__(self, settings: Settings, retriever: Retriever | None = None):
        self.settings = settings
        self.retriever = retriever or Retriever(settings)
        self._documents: dict[tuple[str, str], str] = {}
        self.chain = (
            RunnableLambda(self._condense, name="condense")
            | RunnableLambda(self._retrieve, name="retrieve")
            | RunnableLambda(self._answer, name="answer")
            | RunnableLambda(self._check, name="check_citations")
        )

    def ask(self, question: str, history: list[str] | None = None, filters: Filters | None = None) -> Answer:
        """Answer one question; `history` holds the earlier questions of the conversation."""
        turn = self.chain.invoke(Turn(question.strip(), list(history or []), filters))
        return self._finish(turn)

    def stream(self, question: str, history: list[str] | None = None, filters: Filters | None = None) -> Iterator[tuple[str, object]]:
        """Events for a UI: ('passages', list), then ('answer', Answer). Extractive answers arrive whole."""
        turn = self._retrieve(self._condense(Turn(question.strip(), list(history or []), filters)))
        yield "passages", turn.passages
        yield "answer", self._finish(self._check(self._answer(turn)))

    def search(self, question: str, k: int | None = None, filters: Filters | None = None) -> list[Passage]:
        """Ranked passages only."""
        return self.retriever.retrieve(question, k, filters)

    # Stages -----------------------------------------------------------------------------------------

    def _condense(self, turn: Turn) -> Turn:
        turn.standalone = standalone(turn.question, turn.history)
        return turn

    def _retrieve(self, turn: Turn) -> Turn:
        turn.passages = self.retriever.retrieve(turn.standalone, self.settings.retrieval_k, turn.filters)
        return turn

    def _answer(self, turn: Turn) -> Turn:
        lexical = self.retriever.snapshot().lexical
        turn.text, turn.citations, turn.coverage = extractive_answer(
            turn.standalone, turn.passages, lexical, self.settings.answer_sentences
        )
        return turn

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
        missing = missing_terms(turn.standalone, self.retriever.snapshot().lexical)
        answered = self.supported(turn, missing)
        if not answered:
            return Answer(turn.question, refusal_text(turn.question, missing), False, [], turn.passages,
                          turn.mode, turn.standalone, turn.notice, filters=turn.filters)
        return Answer(turn.question, turn.text, True, turn.citations, turn.passages, turn.mode,
                      turn.standalone, turn.notice, turn.incomplete, turn.filters)

    def supported(self, turn: Turn, missing: list[str]) -> bool:
        """Whether the evidence is strong enough to answer."""
        if not turn.passages or not turn.citations:
            return False
        named = salient(turn.standalone, missing, self.retriever.snapshot().lexical)
        log.info("coverage %.3f, missing %s, salient %s", turn.coverage, missing, named)
        if named:
            return False
        return turn.coverage >= self.settings.min_evidence

    def document_text(self, source: str) -> str | None:
        """A document's cleaned text, cached per version."""
        record = self.retriever.snapshot().documents.get(source)
        if record is None:
            return None
        key = (source, record["hash"])
        if key not in self._documents:
            self._documents[key] = self.retriever.index.document_text(source)
        return self._documents[key]
