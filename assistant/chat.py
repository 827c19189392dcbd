"""An interactive terminal conversation with follow-up questions."""
from __future__ import annotations

from assistant.terminal import print_answer
from assistant.types import Filters


def chat(assistant, filters: Filters | None = None) -> int:
    """Read questions until 'stop' or end of input; earlier questions give follow-ups their context."""
    history: list[str] = []
    print("Kansenwijzer — stel een vraag over kansengelijkheid in het onderwijs. 'nieuw' begint opnieuw, 'stop' sluit af.")
    while True:
        try:
            question = input("\nVraag: ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not question:
            continue
        if question.lower() in ("stop", "exit", "quit"):
            return 0
        if question.lower() in ("nieuw", "nieuw gesprek"):
            history.clear()
            print("Nieuw gesprek.")
            continue
        answer = assistant.ask(question, history, filters)
        print()
        print_answer(answer)
        history.append(answer.standalone_question or question)
