"""Memo exports: a quote with its citation line, an answer as Markdown or Word with footnotes, a conversation as Markdown."""
from __future__ import annotations

import io
from datetime import date

from assistant.types import Answer, Citation

FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


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
    import re

    import docx

    document = docx.Document()
    document.add_heading(answer.question, level=2)
    footnotes = _footnotes_part(document)
    by_n = {c.n: c for c in answer.citations}
    for block in answer.text.split("\n\n"):
        paragraph = document.add_paragraph()
        for piece in re.split(r"(\[\d+\])", block):
            m = re.fullmatch(r"\[(\d+)\]", piece)
            if m and int(m.group(1)) in by_n:
                c = by_n[int(m.group(1))]
                _add_footnote(paragraph, footnotes, c.n, f"“{c.quote}” — {citation_line(c)}")
            elif piece:
                paragraph.add_run(piece)
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


def register_rows(items) -> list[dict]:
    """The toezeggingen register as rows for CSV and Excel."""
    return [{
        "termijn": c.deadline_text or "", "van": c.due_from or "", "tot": c.due_to or "", "status": c.status, "toezegging": c.quote,
        "wie": c.actor, "onderwerp": c.subject, "document": c.title, "datum": c.date, "kenmerk": c.reference,
        "pagina": c.page or "", "onderdeel": c.section, "notitie": c.note,
    } for c in items]


def register_csv(items) -> bytes:
    """CSV with a BOM and semicolons, as Dutch Excel opens it directly."""
    import csv

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=REGISTER_COLUMNS, delimiter=";")
    writer.writeheader()
    writer.writerows(register_rows(items))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def register_xlsx(items) -> bytes:
    """An Excel workbook of the register."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Toezeggingen"
    sheet.append(REGISTER_COLUMNS)
    for row in register_rows(items):
        # A cell that starts with =, +, - or @ would be read as a formula: keep document text inert.
        sheet.append([f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v for v in row.values()])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
