"""Memo exports: a quote with its citation line, an answer as Markdown or Word with footnotes, a conversation as Markdown."""
from __future__ import annotations

import io
import re
from datetime import date

AUTHOR = "Kansenwijzer"

from assistant.types import Answer, Citation

FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def file_name(subject: str, extension: str, today: date | None = None) -> str:
    """'kansenwijzer-toezeggingen-2026-11-25.xlsx': what it holds and when, so downloads do not overwrite each other."""
    slug = re.sub(r"[^a-z0-9]+", "-", subject.lower().translate(str.maketrans("àáâäèéêëìíîïòóôöùúûü", "aaaaeeeeiiiioooouuuu"))).strip("-")
    slug = slug[:48].rstrip("-") or "export"
    return f"kansenwijzer-{slug}-{(today or date.today()).isoformat()}.{extension}"


def citation_line(c: Citation) -> str:
    """'Kamerbrief 'Visie …', 10 maart 2023, kenmerk 35735585, p. 3' — pasteable under a quote."""
    return c.label


def quote_with_citation(c: Citation) -> str:
    """What 'Kopieer citaat' copies."""
    return f"“{c.quote}”\n— {citation_line(c)}"


def answer_markdown(answer: Answer) -> str:
    """One answer for a memo: the question, the answer with [n], and the numbered sources with their quotes."""
    lines = [f"## {answer.question}", "", answer.text, ""]
    if answer.citations:
        lines.append("### Bronnen")
        lines.append("")
        for c in answer.citations:
            lines.append(f"[{c.n}] {citation_line(c)}  ")
            lines.append(f"> “{c.quote}”")
            lines.append("")
    elif answer.passages:
        lines.append("_Geen antwoord in de bronnen; dichtstbijzijnde passages:_")
        lines.extend(f"- {p.title} ({p.date_label})" for p in answer.passages[:3])
    return "\n".join(lines).rstrip() + "\n"


def conversation_markdown(answers: list[Answer]) -> str:
    """The whole conversation, oldest first."""
    head = f"# Kansenwijzer — gesprek van {date.today().strftime('%d-%m-%Y')}\n\n"
    return head + "\n".join(answer_markdown(a) for a in answers)


def answer_docx(answer: Answer) -> bytes:
    """A Word file: the answer's text with each [n] turned into a real footnote holding the quote and its citation."""
    return conversation_docx([answer], title=answer.question)


def conversation_docx(answers: list[Answer], title: str | None = None) -> bytes:
    """A Word memo of several answers; footnotes numbered through the whole memo."""
    from datetime import datetime, timezone

    import docx

    document = docx.Document()
    props = document.core_properties
    props.author = props.last_modified_by = AUTHOR
    props.title = title or f"Kansenwijzer — gesprek van {date.today().strftime('%d-%m-%Y')}"
    props.subject = "kansengelijkheid in het onderwijs"
    props.comments = "Gemaakt met Kansenwijzer; citaten letterlijk uit de bronnen."
    props.created = props.modified = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    props.revision = 1
    if len(answers) > 1:
        document.add_heading(props.title, level=1)
    footnotes = _footnotes_part(document)
    offset = 0
    for answer in answers:
        document.add_heading(answer.question, level=2)
        by_n = {c.n: c for c in answer.citations}
        for block in answer.text.split("\n\n"):
            paragraph = document.add_paragraph()
            for piece in re.split(r"(\[\d+\])", block):
                m = re.fullmatch(r"\[(\d+)\]", piece)
                if m and int(m.group(1)) in by_n:
                    c = by_n[int(m.group(1))]
                    _add_footnote(paragraph, footnotes, offset + c.n, f"“{c.quote}” — {citation_line(c)}")
                elif piece:
                    paragraph.add_run(piece)
        offset += max(by_n, default=0)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _footnotes_part(document):
    """Add a footnotes part to a python-docx document (python-docx writes none of its own)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import XmlPart
    from docx.oxml import parse_xml

    xml = (
        f'<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    part = XmlPart(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, parse_xml(xml), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    return part


def _add_footnote(paragraph, part, number: int, text: str) -> None:
    """A footnote reference in the paragraph and its text in the footnotes part."""
    from docx.oxml import parse_xml
    from xml.sax.saxutils import escape

    part.element.append(parse_xml(
        f'<w:footnote xmlns:w="{W_NS}" w:id="{number}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
    ))
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:rPr xmlns:w="{W_NS}"><w:vertAlign w:val="superscript"/></w:rPr>'))
    run._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{W_NS}" w:id="{number}"/>'))


REGISTER_COLUMNS = ["termijn", "van", "tot", "status", "toezegging", "wie", "onderwerp", "document", "datum", "kenmerk", "pagina", "onderdeel", "notitie"]


# A spreadsheet evaluates a cell that starts with = or @, and + or - (or tab/CR before them) followed by a formula;
# a list item ('- de brede brugklas') or a signed number is just text or a number.
FORMULA = re.compile(r"^[\t\r]*(?:[=@]|[+\-]\s*(?:[=@(]|[^\s\d.,]?[\w.$]*[(!|]|\d[\d.,]*\s*[-+*/^&]))")


def register_rows(items) -> list[dict]:
    """The toezeggingen register as rows for CSV and Excel: empty values None, dates as dates, pages as numbers."""
    def day(value):
        return date.fromisoformat(value) if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else (value or None)

    return [{
        "termijn": c.deadline_text or None, "van": day(c.due_from), "tot": day(c.due_to), "status": c.status, "toezegging": c.quote,
        "wie": c.actor or None, "onderwerp": c.subject or None, "document": c.title or None, "datum": day(c.date),
        "kenmerk": c.reference or None, "pagina": c.page, "onderdeel": c.section or None, "notitie": c.note or None,
    } for c in items]


def is_formula(value) -> bool:
    """Whether a spreadsheet would evaluate this text as a formula."""
    return isinstance(value, str) and bool(FORMULA.match(value))


def register_csv(items) -> bytes:
    """CSV with a BOM and semicolons, as Dutch Excel opens it directly; only would-be formulas get a leading '."""
    import csv

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=REGISTER_COLUMNS, delimiter=";")
    writer.writeheader()
    for row in register_rows(items):
        writer.writerow({k: "" if v is None else f"'{v}" if is_formula(v) else v.isoformat() if isinstance(v, date) else v
                         for k, v in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def register_xlsx(items) -> bytes:
    """An Excel workbook of the register."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Toezeggingen"
    sheet.append(REGISTER_COLUMNS)
    for r, row in enumerate(register_rows(items), start=2):
        for col, value in enumerate(row.values(), start=1):
            cell = sheet.cell(r, col, value)
            if isinstance(value, str):
                # Text stays text: stored as a string, never a formula, and marked so that editing the cell keeps it text.
                cell.data_type = "s"
                cell.quotePrefix = is_formula(value)
            elif isinstance(value, date):
                cell.number_format = "DD-MM-YYYY"
    book.properties.creator = book.properties.lastModifiedBy = AUTHOR
    book.properties.title = "Kansenwijzer — toezeggingen"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
