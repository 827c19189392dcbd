"""`python -m assistant ask|search|chat`: the command-line contract of ../shared/eval/README.md."""
from __future__ import annotations

import argparse
import json
import logging
import sys

from ingest.settings import Settings
from ingest.index.store import IndexError_

from assistant.answer.question import QuestionRejected, check_question
from assistant.terminal import print_answer, print_passages
from assistant.types import Filters


def filters_from(args: argparse.Namespace) -> Filters | None:
    f = Filters(kinds=args.kind or [], sources=args.doc or [], sectors=args.sector or [], date_from=args.date_from, date_to=args.date_to)
    return None if f.is_empty() else f


def print_register(settings: Settings, which: str, as_json: bool) -> int:
    """`toezeggingen` or `maatregelen`, as JSON lines or a readable list."""
    from assistant.answer.retrieve import Retriever
    from assistant.registers.register import Registers
    from ingest.index.store import open_for_reading

    try:  # stored registers: no embedder and no answer chain to load
        registers = Registers(Retriever(settings, index=open_for_reading(settings)))
    except IndexError_ as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if which == "toezeggingen":
        for c in registers.toezeggingen():
            if as_json:
                print(json.dumps(c.to_dict(), ensure_ascii=False))
            else:
                print(f"[{c.status}] {c.deadline_text or 'geen termijn'} ({c.due_from or '…'} – {c.due_to or '…'}) · {c.actor}")
                print(f"    “{c.quote}” — {c.title}, {c.date}")
        return 0
    for m in registers.maatregelen():
        if as_json:
            print(json.dumps(m.to_dict(), ensure_ascii=False))
        else:
            money = "; ".join(f"{a.text} ({a.period})" for a in m.amounts)
            print(f"{m.name} — {', '.join(m.themes)} [{', '.join(m.sectors) or 'alle sectoren'}]{' · ' + money if money else ''}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant", description="Kansenwijzer: vragen over kansengelijkheid in het onderwijs.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("ask", "search", "chat"):
        p = sub.add_parser(name)
        if name != "chat":
            p.add_argument("question", nargs="?", help="the question (default: one per line on stdin)")
            p.add_argument("--json", action="store_true", help="one JSON object per question")
        if name == "search":
            p.add_argument("-k", type=int, default=10, help="passages to show")
        p.add_argument("--kind", action="append", help="document kind (kamerbrief, brief, webpagina, advies, overzicht)")
        p.add_argument("--doc", action="append", help="only this document (its source path)")
        p.add_argument("--sector", action="append", choices=["vve", "po", "vo", "mbo", "ho"])
        p.add_argument("--date-from", help="earliest document date (YYYY[-MM[-DD]])")
        p.add_argument("--date-to", help="latest document date (YYYY[-MM[-DD]])")
    for name, help_text in (("toezeggingen", "the commitments register"), ("maatregelen", "the measures overview")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--json", action="store_true", help="one JSON object per entry")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings()
    if args.command in ("toezeggingen", "maatregelen"):
        return print_register(settings, args.command, args.json)
    try:
        from assistant.answer.chain import Assistant

        assistant = Assistant(settings)
    except IndexError_ as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    filters = filters_from(args)
    if filters is not None and (problems := filters.problems(assistant.retriever.snapshot().documents)):
        print("error: " + "\n       ".join(problems), file=sys.stderr)
        return 2
    if args.command == "chat":
        from assistant.chat import chat

        return chat(assistant, filters)
    if args.question is not None and not args.question.strip():
        print("error: the question is empty; ask something, or leave the argument out to read questions from standard input", file=sys.stderr)
        return 2
    lines = [args.question] if args.question is not None else (line.rstrip("\n") for line in sys.stdin)
    for line in lines:
        if not line.strip():
            continue
        question, history = parse_line(line)
        try:
            check_question(question)
        except QuestionRejected as e:
            if args.json:  # the contract: one JSON object for every question, also a refused one
                print(json.dumps({"question": question[:200], "answer": str(e), "answered": False, "error": str(e),
                                  "citations": [], "sources": []}, ensure_ascii=False), flush=True)
            else:
                print(f"error: {e}", file=sys.stderr)
            continue
        if args.command == "ask":
            answer = assistant.ask(question, history, filters=filters)
            if args.json:
                print(json.dumps(answer.to_dict(), ensure_ascii=False), flush=True)
            else:
                print_answer(answer)
        else:
            passages = assistant.search(question, args.k, filters)
            if args.json:
                print(json.dumps({"question": question, "sources": [p.to_source() for p in passages]}, ensure_ascii=False), flush=True)
            else:
                print_passages(passages)
    return 0


def parse_line(line: str) -> tuple[str, list[str]]:
    """A plain question, or a follow-up as {"question": …, "history": [earlier questions]} (the contract's JSON line)."""
    text = line.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            return text, []
        if isinstance(data, dict) and isinstance(data.get("question"), str):
            history = [h for h in data.get("history") or [] if isinstance(h, str)]
            return data["question"].strip(), history
    return text, []
