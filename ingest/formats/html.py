"""HTML pages: the visible text, one block per paragraph, headings marked."""
from __future__ import annotations

from ingest.formats.text import decode_text


def read_html(data: bytes) -> str:
    """Visible text of an HTML page, one block per paragraph, headings marked."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_text(data), "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "footer", "header", "form", "template", "svg"]):
        tag.decompose()
    lines: list[str] = []
    for element in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "blockquote", "pre", "dt", "dd"]):
        if element.find(["p", "li", "h1", "h2", "h3", "h4", "td"]):
            continue  # a container: its children are visited themselves
        text = " ".join(element.get_text(" ", strip=True).split())
        if not text:
            continue
        if element.name.startswith("h"):
            lines.append("## " + text)
        elif element.name == "li":
            lines.append("- " + text)
        else:
            lines.append(text)
    if not lines:
        body = soup.body or soup
        lines = [line.strip() for line in body.get_text("\n").splitlines() if line.strip()]
    return "\n\n".join(lines)
