"""Clean extracted text: drop page headers and markup remnants, rejoin wrapped lines and hyphenation, move footnotes next to the text that cites them."""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from ingest.text.footnotes import SUPER_TO_DIGIT, SUPERSCRIPTS, place_footnotes, plain_markers
from ingest.types import Block, CleanDocument, LoadedDocument

TERMINAL = tuple(".!?;:")
BULLET = re.compile(r"^(?:[•\-–*·▪◦●○■]|\d{1,2}[.)]|[a-z][.)])(?:\s+|$)")
HEADER_LINE = re.compile(
    r"^(?:onze referentie(?:\s+[\d ]+)?|pagina \d+(?: van \d+)?|page \d+(?: of \d+)?|\d{1,3}|- \d{1,3} -|[\d ]{6,})$",
    re.IGNORECASE,
)
KEEP_HYPHEN = {"mbo", "hbo", "vo", "po", "wo", "ho", "vmbo", "havo", "vwo", "vve", "ict", "oud", "ex", "niet", "anti", "co"}
CONJUNCTION = re.compile(r"^(?:en|of|tot|naar|dan)\b")
LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "\u00a0": " ", "\u202f": " ", "\t": " "})
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\ufeff]")


@dataclass
class Line:
    text: str
    page: int | None
    indented: bool = False
    gap: int = 0  # blank lines before this line
    ws_gap: bool = False  # a whitespace-only line before it: a paragraph break in double-spaced extractions
    removed_before: bool = False  # a header was dropped right before it


@dataclass
class Para:
    kind: str
    parts: list[str]
    page: int | None
    seams: list[int] = field(default_factory=list)  # offsets into the joined text
    page_marks: list[tuple[int, int | None]] = field(default_factory=list)  # (offset, page) where a new page begins
    footnote: int | None = None
    cont: bool = False  # starts where a moved or dropped block interrupted the previous paragraph
    order: int = 0  # position among all paragraphs before footnotes were taken out
    size: int = -1  # length of the joined text, kept up to date by append

    def __post_init__(self) -> None:
        self.size = sum(map(len, self.parts))

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def tail(self, n: int = 100) -> str:
        """The last characters of the text, without joining all of it (a paragraph can have 100,000 lines)."""
        out = ""
        for part in reversed(self.parts):
            out = part + out
            if len(out) >= n:
                break
        return out[-n:]

    def append(self, text: str, seam: bool, hyphen_join: bool = False, page: int | None = None) -> None:
        """Join a wrapped line (or a continuation across a removed block) onto this paragraph."""
        current = self.tail()
        if hyphen_join:
            self.parts[-1] = self.parts[-1][:-1]
            self.size -= 1
        elif current and not current.endswith(" ") and not (
            re.search(r"\w-$", current) and text[:1].islower() and not CONJUNCTION.match(text)
        ):
            self.parts.append(" ")  # 'mbo-' + 'instellingen' joins without one
            self.size += 1
        if seam:
            self.seams.append(self.size)
        if page is not None and page != self.last_page:
            self.page_marks.append((self.size, page))
        self.parts.append(text)
        self.size += len(text)

    @property
    def last_page(self) -> int | None:
        return self.page_marks[-1][1] if self.page_marks else self.page


def inline_clean(text: str) -> str:
    """Strip Markdown remnants inside one line: bold/italic marks, placeholder links, escapes."""
    # '[rapport](#)' is what a PDF-to-text conversion leaves of a link; real links stay as written.
    text = re.sub(r"\[([^\]]*)\]\(#?\)", r"\1", text)
    text = re.sub(r"\\([()\[\]*_#|\\])", r"\1", text)
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", text)
    return re.sub(r" {2,}", " ", text).strip()


def to_lines(doc: LoadedDocument) -> list[Line]:
    """Normalise characters and split every page into lines, remembering blank gaps."""
    lines: list[Line] = []
    for page in doc.pages:
        text = INVISIBLE.sub("", page.text.translate(LIGATURES)).replace("\r\n", "\n").replace("\r", "\n")
        gap, ws_gap = 0, False
        for raw in text.split("\n"):
            if not raw.strip():
                gap += 1
                ws_gap = ws_gap or bool(raw)
                continue
            pieces = [raw.strip()]
            glued = re.match(r"^(.*[.!?])- ([A-Z][^.!?:]{2,60})$", raw.strip())
            if glued:  # a web page's '- Subkop' glued onto the paragraph before it
                pieces = [glued.group(1), "- " + glued.group(2)]
            if raw.strip()[:1] in SUPERSCRIPTS:  # two footnotes extracted onto one line
                pieces = re.split(f"\\s{{2,}}(?=[{SUPERSCRIPTS}]+\\s)", raw.strip())
            for piece in pieces:
                lines.append(Line(piece, page.number, raw[:1] == " ", gap, ws_gap))
                gap, ws_gap = 0, False
        if lines and doc.format == "pdf":
            lines[-1].gap = max(lines[-1].gap, 0)
    return lines


def header_key(text: str) -> str:
    """Lines that differ only in a page number ('Pagina 3 van 12') share a key; longer lines must match exactly."""
    return re.sub(r"\d[\d ]*", "#", text.lower()) if len(text) <= 40 else text.lower()


def drop_headers(lines: list[Line], n_pages: int) -> list[Line]:
    """Remove page headers, page numbers and, in multi-page documents, short lines repeated on most pages."""
    pages_with: dict[str, set] = {}
    for line in lines:
        if len(line.text) <= 80:
            pages_with.setdefault(header_key(line.text), set()).add(line.page)
    threshold = max(3, n_pages // 2 + 1)
    kept: list[Line] = []
    removed = after_reference = False
    for line in lines:
        repeated = (
            n_pages >= 3 and len(line.text) <= 80 and sum(c.isalpha() for c in line.text) >= 3
            and len(pages_with.get(header_key(line.text), ())) >= threshold
        )
        number_after_reference = after_reference and re.fullmatch(r"[\d ]+", line.text) is not None
        if HEADER_LINE.match(line.text) or repeated or number_after_reference:
            after_reference = line.text.lower().startswith("onze referentie")
            removed = True
            continue
        after_reference = False
        line.removed_before = removed
        removed = False
        kept.append(line)
    return kept


def footnote_number(line: Line, expected_plain: int, plain_seen: set[int]) -> int | None:
    """The footnote number a line starts, or None: superscripts always, plain digits only in sequence with a marker."""
    m = re.match(f"^([{SUPERSCRIPTS}]+)\\s*\\S", line.text)
    if m:
        return int(m.group(1).translate(SUPER_TO_DIGIT))
    m = re.match(r"^(\d{1,2})\s+(?=[A-Z(\"'‘“])", line.text)
    if m and int(m.group(1)) == expected_plain and (line.gap or line.ws_gap or line.removed_before):
        if expected_plain in plain_seen:
            return expected_plain
    return None


def is_short(text: str, typical: float) -> bool:
    return len(text) < 0.6 * typical


def build_paragraphs(lines: list[Line]) -> list[Para]:
    """Group lines into paragraphs, detecting whether the text is hard-wrapped and double-spaced."""
    lengths = [len(l.text) for l in lines] or [0]
    unwrapped = statistics.median(lengths) > 150 or sum(n > 200 for n in lengths) > 0.3 * len(lengths)
    soft_gaps = sum(1 for l in lines[1:] if l.gap == 1 and not l.ws_gap and l.text[:1].islower())
    double_spaced = not unwrapped and soft_gaps > 0.15 * len(lines)
    typical = statistics.quantiles(lengths, n=10)[7] if len(lengths) >= 10 else max(lengths)
    paras: list[Para] = []
    plain_seen: set[int] = set()  # plain-digit markers in the body so far: a set, not a rescan of the body per line
    expected_plain = 1
    for i, line in enumerate(lines):
        text = line.text
        heading_mark = re.match(r"^#{1,6}\s+", text)
        text = inline_clean(text[heading_mark.end():] if heading_mark else text)
        if not text:
            continue
        prev = paras[-1] if paras else None
        number = footnote_number(line, expected_plain, plain_seen)
        if number is not None:
            if not re.match(f"^[{SUPERSCRIPTS}]", line.text):
                expected_plain += 1
            paras.append(Para("footnote", [text], line.page, footnote=number))
            continue
        if prev is not None and prev.kind == "footnote":
            resumes = line.indented or line.ws_gap or (unwrapped and line.gap) or line.gap >= 2 or not double_spaced and line.gap
            if not resumes and not BULLET.match(text):
                prev.append(text, seam=False, hyphen_join=hyphenated(prev.tail(), text), page=line.page)
                continue
            paras.append(Para("paragraph", [text], line.page, cont=line.indented or text[:1].islower()))
            plain_seen.update(plain_markers(text))
            continue
        if prev is None or heading_mark or prev.kind == "heading" or BULLET.match(text) and not unwrapped:
            starts_new = True
        elif unwrapped:
            starts_new = not (text[:1].islower() and not prev.tail().endswith(TERMINAL) and prev.kind != "footnote")
        elif double_spaced:
            starts_new = line.ws_gap or line.gap >= 2 or is_short(prev_line_text(lines, i), typical) and not text[:1].islower()
        else:
            starts_new = bool(line.gap) or is_short(prev_line_text(lines, i), typical) and (
                prev.tail().endswith(TERMINAL) or not text[:1].islower()
            )
        if BULLET.match(text) and unwrapped:
            starts_new = True
        if starts_new:
            paras.append(Para("heading" if heading_mark else "paragraph", [text], line.page, cont=line.removed_before and text[:1].islower()))
        else:
            prev.append(text, seam=line.removed_before, hyphen_join=hyphenated(prev.tail(), text), page=line.page)
        plain_seen.update(plain_markers(text))
    return paras


def prev_line_text(lines: list[Line], i: int) -> str:
    return lines[i - 1].text if i else ""


def hyphenated(left: str, right: str) -> bool:
    """A word split at a line end ('onder-' + 'wijs'), not a real hyphen ('mbo-' + 'instelling', 'leer- en')."""
    m = re.search(r"(\w+)-$", left)
    if not m or not right[:1].islower() or CONJUNCTION.match(right):
        return False
    word = m.group(1)
    return word.isalpha() and word.islower() and word not in KEEP_HYPHEN and len(word) > 2


def merge_continuations(paras: list[Para]) -> list[Para]:
    """Rejoin a paragraph that a page header or a footnote block cut in two."""
    merged: list[Para] = []
    interrupted = False
    for para in paras:
        if para.kind == "footnote":
            interrupted = True
            continue
        prev = merged[-1] if merged else None
        resumes = para.cont or interrupted and para.text[:1].islower()
        if prev is not None and prev.kind == "paragraph" and resumes and not prev.tail().endswith(TERMINAL):
            text = para.text
            prev.append(text, seam=True, hyphen_join=hyphenated(prev.tail(), text), page=para.page)
            offset = prev.size - len(text)
            prev.seams.extend(offset + s for s in para.seams)
            prev.page_marks.extend((offset + o, pg) for o, pg in para.page_marks)
        else:
            merged.append(para)
        interrupted = False
    return merged


CLOSING = re.compile(r"^(Met vriendelijke groet|Hoogachtend|Met een hartelijke groet)|^(De|de) (minister|staatssecretaris)\b.*,$")


def join_signature(paras: list[Para]) -> list[Para]:
    """Keep a letter's closing, the signer's office and name in one paragraph: 'who signed' is one quote."""
    result: list[Para] = []
    for para in paras:
        prev = result[-1] if result else None
        if (
            prev is not None and prev.kind == "paragraph" and CLOSING.match(prev.parts[0]) and prev.tail().endswith(",")
            and para.kind == "paragraph" and len(para.text) <= 80 and not para.text.endswith(TERMINAL)
        ):
            prev.append(para.text, seam=False)
            continue
        result.append(para)
    return result


def classify(paras: list[Para]) -> list[Para]:
    """Name each paragraph heading, bullet or paragraph; fold a lone bullet mark into the text after it."""
    result: list[Para] = []
    pending_bullet = False
    for i, para in enumerate(paras):
        if para.kind in ("footnote", "heading", "letterhead"):
            result.append(para)
            pending_bullet = False
            continue
        text = para.text
        mark = BULLET.match(text)
        if mark and not text[mark.end():].strip():
            pending_bullet = True
            continue
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        lone_mark_next = nxt is not None and BULLET.match(nxt.text) and not nxt.text[BULLET.match(nxt.text).end():].strip()
        body = text[mark.end():] if mark else text
        headingish = (
            len(body) <= 100 and len(body.split()) <= 15 and not body.endswith(TERMINAL + (",",))
            and (body[:1].isupper() or body[:1].isdigit()) and nxt is not None and nxt.kind != "footnote"
            and not re.match(r"^(?:Zie|Lees|Bekijk|Meer informatie)\b", body)
            and not para.seams and not (mark and nxt.kind == "paragraph" and BULLET.match(nxt.text) and False)
        )
        if headingish and (not mark or not BULLET.match(nxt.text) or lone_mark_next):
            para.kind = "heading"
            if mark and not re.match(r"^\d", text):
                para.parts = [body]
                para.seams = []
        elif mark or pending_bullet:
            para.kind = "bullet"
            if pending_bullet and not mark:
                para.parts.insert(0, "- ")
                para.seams = [s + 2 for s in para.seams]
        result.append(para)
        pending_bullet = False
    return result


def split_letterhead(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """A letter's address block ends at its 'Betreft' line; it is kept for display but not for search."""
    for i, line in enumerate(lines[:80]):
        if re.match(r"^Betreft\b", line.text) and any(
            re.match(r"^(Onze referentie|Datum|Ons kenmerk)\b", l.text) for l in lines[:i + 1]
        ):
            return lines[: i + 1], lines[i + 1:]
    return [], lines


def clean(doc: LoadedDocument) -> CleanDocument:
    """Turn raw pages into cleaned text with blocks, seams and page numbers."""
    lines = to_lines(doc)
    letterhead, lines = split_letterhead(lines)
    lines = drop_headers(lines, len(doc.pages))
    paras = build_paragraphs(lines)
    for order, para in enumerate(paras):
        para.order = order
    footnotes = [p for p in paras if p.kind == "footnote"]
    body = classify(join_signature(merge_continuations(paras)))
    ordered = place_footnotes(body, footnotes)
    if letterhead:
        ordered.insert(0, Para("letterhead", ["\n".join(inline_clean(l.text) for l in letterhead)], letterhead[0].page))
    text_parts: list[str] = []
    blocks: list[Block] = []
    seams: list[int] = []
    pages: list[tuple[int, int | None]] = []
    offset = 0
    for i, para in enumerate(ordered):
        if i:
            sep = "\n" if para.kind == "bullet" and ordered[i - 1].kind == "bullet" else "\n\n"
            text_parts.append(sep)
            offset += len(sep)
        content = para.text
        blocks.append(Block(para.kind, offset, offset + len(content), para.page))
        seams.extend(offset + s for s in para.seams)
        pages.append((offset, para.page))
        pages.extend((offset + o, pg) for o, pg in para.page_marks)
        text_parts.append(content)
        offset += len(content)
    return CleanDocument(doc.path, doc.format, "".join(text_parts), blocks, seams, pages=pages)
