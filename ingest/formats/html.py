"""HTML pages: the visible text, one block per paragraph, headings marked."""
from __future__ import annotations

from ingest.formats.text import decode_text

BLOCKS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "blockquote", "pre", "dt", "dd"]
CONTAINED = {"p", "li", "h1", "h2", "h3", "h4", "td"}  # a block holding one of these is a container, not a paragraph


def read_html(data: bytes) -> str:
    """Visible text of an HTML page, one block per paragraph, headings marked; linear in the page, however deep it nests."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_text(data), "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "footer", "header", "form", "template", "svg"]):
        tag.decompose()
    elements = soup.find_all(BLOCKS)
    containers: set[int] = set()
    for element in elements:
        if element.name in CONTAINED:
            # Mark the ancestors; stop at one already marked, so every element is marked at most once.
            parent = element.parent
            while parent is not None and id(parent) not in containers:
                containers.add(id(parent))
                parent = parent.parent
    position = {id(node): i for i, node in enumerate(soup.descendants)}
    lines: list[str] = []
    covered = -1  # document position of the last node inside the block read last: blocks up to it are read already
    for element in elements:
        if position[id(element)] <= covered or id(element) in containers:
            continue  # read with the block around it, or a container whose children are visited themselves
        text = " ".join(element.get_text(" ", strip=True).split())
        last = element._last_descendant() if element.contents else element
        covered = position.get(id(last), position[id(element)])
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
