"""What a user does in the browser tests, beyond what Playwright does by itself."""
from __future__ import annotations


def clickable(page, locator) -> bool:
    """Scrolled to with the mouse wheel as a user does, it comes to stand inside the viewport, not covered (the chat input
    is fixed at the bottom; a popover could open past the end of the page, where no scrolling reaches). Judged once it
    stands still, for up to six seconds: a page run that is still drawing the answer below may move or cover it a moment."""
    locator.wait_for()
    view, last = page.viewport_size, None
    for _ in range(30):  # cards load and an expander opens: scroll until the element stands still in the middle
        box = locator.bounding_box()
        offset = box["y"] + box["height"] / 2 - view["height"] / 2
        if abs(offset) >= view["height"] / 4:
            page.mouse.move(view["width"] * 0.75, view["height"] / 2)  # over the main column, also with the sidebar open
            page.mouse.wheel(0, offset)
        elif box == last and reachable(locator, box, view):
            return True
        last = box
        page.wait_for_timeout(200)
    return False


def reachable(locator, box: dict, view: dict) -> bool:
    """Inside the viewport, and the element a click at its middle lands on."""
    inside = box["y"] >= 0 and box["y"] + box["height"] <= view["height"] and box["x"] + box["width"] <= view["width"]
    return inside and locator.evaluate("e => { const r = e.getBoundingClientRect();"
                                       " return e.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }")
