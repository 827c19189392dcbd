"""Dutch for the texts Streamlit writes itself (uploader, status, dialogs), and the page's language set to Dutch."""
from __future__ import annotations

import json

import streamlit as st

# Streamlit has no translations: its own texts are replaced in the page. Exact texts, so no document text is ever touched.
TEXTS = {
    "Upload": "Bestand kiezen",
    "Browse files": "Bestanden kiezen",
    "Drag and drop files here": "Sleep bestanden hierheen",
    "Drag and drop file here": "Sleep een bestand hierheen",
    "Drag and drop a file here": "Sleep een bestand hierheen",
    "Press Enter to apply": "Druk op Enter om toe te passen",
    "Press Enter to submit form": "Druk op Enter om te versturen",
    "Press ⌘+Enter to apply": "Druk op ⌘+Enter om toe te passen",
    "Press Ctrl+Enter to apply": "Druk op Ctrl+Enter om toe te passen",
    "Press Ctrl+Enter to submit form": "Druk op Ctrl+Enter om te versturen",
    "Press ⌘+Enter to submit form": "Druk op ⌘+Enter om te versturen",
    "No results": "Geen resultaten",
    "Choose an option": "Kies een optie",
    "Choose options": "Kies opties",
}
LABELS = {
    "Running...": "Bezig…", "Stop": "Stoppen", "Stopping...": "Bezig met stoppen…", "Close": "Sluiten",
    "Clear all": "Alles wissen", "Remove file": "Bestand verwijderen", "Main menu": "Hoofdmenu", "Rerun": "Opnieuw uitvoeren",
    "Open sidebar": "Zijbalk openen", "Close sidebar": "Zijbalk sluiten", "Collapse sidebar": "Zijbalk inklappen",
    "Expand sidebar": "Zijbalk uitklappen", "Send": "Versturen", "Submit": "Versturen",
}

SCRIPT = """
(() => {
  if (window.__kwDutch) return; window.__kwDutch = true;
  const doc = window.parent && window.parent !== window ? window.parent.document : document;
  const T = %s, L = %s;
  const perFile = /^(\\d+(?:[.,]\\d+)?\\s*[KMG]?B) per file/;
  function fix(root) {
    doc.documentElement.lang = 'nl';
    const walk = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const t = n.nodeValue.trim();
      if (T[t] !== undefined) n.nodeValue = n.nodeValue.replace(t, T[t]);
      else if (perFile.test(t)) n.nodeValue = n.nodeValue.replace(perFile, 'max. $1 per bestand');
    }
    for (const attr of ['aria-label', 'title']) {
      for (const el of root.querySelectorAll ? root.querySelectorAll('[' + attr + ']') : []) {
        const v = el.getAttribute(attr);
        if (L[v] !== undefined) el.setAttribute(attr, L[v]);
      }
    }
  }
  fix(doc.body);
  new MutationObserver(records => {
    for (const r of records) {
      if (r.type === 'characterData') { if (r.target.parentNode) fix(r.target.parentNode); }
      else if (r.type === 'attributes') { const v = r.target.getAttribute(r.attributeName); if (L[v] !== undefined) r.target.setAttribute(r.attributeName, L[v]); }
      else for (const n of r.addedNodes) fix(n.nodeType === 1 ? n : n.parentNode || doc.body);
    }
  }).observe(doc.body, {childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-label', 'title']});
})();
"""


def dutch_interface() -> None:
    """Put Streamlit's own interface texts in Dutch on every page."""
    st.html(f"<script>{SCRIPT % (json.dumps(TEXTS, ensure_ascii=False), json.dumps(LABELS, ensure_ascii=False))}</script>",
            unsafe_allow_javascript=True)
