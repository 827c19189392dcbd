"""Small pieces of browser behaviour Streamlit lacks: copy to the clipboard, scroll to a quote. All text passed as JSON."""
from __future__ import annotations

import html
import json

import streamlit as st

# st.iframe (components.v1.html is deprecated after 2026-06-01) gives the buttons their own page: it copies
# Streamlit's button look so they do not stand out.
BUTTON_CSS = """
body{margin:0;font-family:"Source Sans Pro",sans-serif}
.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
button{font:inherit;font-size:.95rem;color:#31333f;background:#fff;border:1px solid rgba(49,51,63,.3);border-radius:.5rem;
       padding:.3rem .75rem;min-height:2.4rem;cursor:pointer}
button:hover{border-color:#154273;color:#154273}
button:focus-visible{outline:3px solid #154273;outline-offset:2px}
.done{font-size:.9rem;color:#1a6b35}
"""

COPY_JS = """
async function copy(text){
  // The Clipboard API can stay pending in a frame without focus: after 2 s the old way is tried instead.
  const late = new Promise((_, fail) => setTimeout(() => fail(new Error('timeout')), 2000));
  try{ await Promise.race([navigator.clipboard.writeText(text), late]); return true; }
  catch(e){
    // Served over plain http (a school server) the Clipboard API is missing: the old way still works after a click.
    const area=document.createElement('textarea'); area.value=text; area.setAttribute('readonly','');
    area.style.position='fixed'; area.style.opacity='0'; document.body.appendChild(area); area.select();
    const ok=document.execCommand('copy'); area.remove(); return ok;
  }
}
for(const b of document.querySelectorAll('button[data-i]')){
  b.addEventListener('click', async()=>{
    let ok=false;
    try{ ok=await copy(TEXTS[+b.dataset.i]); } catch(e){ ok=false; }
    document.getElementById('status').textContent = ok ? b.dataset.done : 'Kopiëren lukte niet; selecteer de tekst zelf.';
  });
  b.disabled = false;  // usable once it copies: a click before the script ran would do nothing
}
"""


def _json(value) -> str:
    """JSON safe inside a <script> element: no '</script>' or '<!--' can close it."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def copy_buttons(items: list[tuple[str, str, str]], key: str) -> None:
    """Buttons that put text on the clipboard: (label, text, confirmation) each; a live region says it worked.

    They are disabled until their script has attached the copying, so a click is never lost on a page still loading.
    """
    buttons = "".join(
        f'<button type="button" disabled data-i="{i}" data-done="{html.escape(done, quote=True)}" aria-label="{html.escape(label, quote=True)}">'
        f"{html.escape(label)}</button>"
        for i, (label, _, done) in enumerate(items)
    )
    page = (
        f"<!-- {html.escape(key)} --><style>{BUTTON_CSS}</style>"
        f'<div class="row">{buttons}<span id="status" class="done" role="status" aria-live="polite"></span></div>'
        f"<script>const TEXTS={_json([text for _, text, _ in items])};{COPY_JS}</script>"
    )
    st.iframe(page, height=48, alt="Kopieerknoppen")


SCROLL_JS = """
const doc = window.parent.document;
function find(){
  const boxes = doc.querySelectorAll('[role="dialog"] [data-testid="stMarkdownContainer"] span');
  const start = QUOTE.replace(/\\s+/g,' ').slice(0, 60);
  for (const el of boxes){
    const text = el.textContent.replace(/\\s+/g,' ');
    if (text.length && start.startsWith(text.slice(0, 60)) || text.startsWith(start)) return el;
  }
  return null;
}
let tries = 0;
(function go(){
  const el = find();
  if (!el){ if (tries++ < 50) setTimeout(go, 100); return; }
  el.setAttribute('tabindex','-1'); el.setAttribute('data-kw-quote','1');
  el.style.outline = '3px solid #154273'; el.style.outlineOffset = '2px';
  el.scrollIntoView({block:'center'}); el.focus({preventScroll:true});
})();
"""


def scroll_to_quote(quote: str) -> None:
    """In the open dialog, scroll the highlighted quote into view and mark it (a script in the app's own page, no iframe)."""
    st.html(f"<script>(() => {{const QUOTE={_json(quote)};{SCROLL_JS}}})();</script>", unsafe_allow_javascript=True)
