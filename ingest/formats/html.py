"""HTML pages: the visible text, one block per paragraph, headings and list items marked.

One walk over the tree in document order, with an explicit stack: every text node is read exactly once, into the
innermost block around it. Linear in the page however deep it nests, and nothing is lost when the markup leaves
paragraphs or list items unclosed (html.parser then nests the rest of the page inside them).
"""
from __future__ import annotations

from ingest.formats.text import decode_text

HIDDEN = ["script", "style", "noscript", "nav", "footer", "header", "form", "template", "svg"]
# Elements that start a new line of text; the ones in MARKS give that line its mark.
BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "div", "dl", "dt", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "td",
    "th", "tr", "ul",
}
MARKS = {"h1": "## ", "h2": "## ", "h3": "## ", "h4": "## ", "h5": "## ", "h6": "## ", "li": "- "}


def read_html(data: bytes) -> str:
    """Visible text of an HTML page, one block per paragraph, headings marked ('## ') and list items ('- ')."""
    from bs4 import BeautifulSoup, NavigableString
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    soup = BeautifulSoup(decode_text(data), "html.parser")
    for tag in soup(HIDDEN):
        tag.decompose()
    skipped = (Comment, Declaration, Doctype, ProcessingInstruction)
    lines: list[str] = []
    words: list[str] = []
    marks: list[str] = []  # the marks of the open blocks, innermost last

    def flush() -> None:
        text = " ".join(" ".join(words).split())
        if text:
            lines.append((marks[-1] if marks else "") + text)
        words.clear()

    stack: list[tuple[object, bool]] = [(soup, False)]  # (node, leaving)
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, skipped):
                words.append(str(node))
            continue
        block = node.name in BLOCKS
        if leaving:
            if block:
                flush()
                if node.name in MARKS:
                    marks.pop()
            continue
        if block:
            flush()
            if node.name in MARKS:
                marks.append(MARKS[node.name])
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    flush()
    return "\n\n".join(lines)
