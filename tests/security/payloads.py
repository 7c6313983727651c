"""Script and HTML payloads for every text a person can enter, and how to spot one that worked.

Each payload fits the shortest text limit (a participant's name: 40 characters). Should one be
rendered as markup, it sets ``window.__pwned``, adds an element that ``INJECTED`` finds, or
hides the page; shown as text, it reads exactly as typed.
"""

from __future__ import annotations

PAYLOADS = [
    "<script>__pwned='script'</script>",
    "<img src=x onerror=__pwned='img'>",
    "<svg onload=__pwned='svg'>",
    "\"><img src=x onerror=__pwned=1>",
    "'><b id=pw>vet</b>",
    "</textarea><b id=pw>uit</b>",
    "<a href=javascript:__pwned=2>a</a>",
    "<iframe src=javascript:__pwned=3>",
    "<style>*{display:none}</style>",
    "{{ 7*7 }} {% raw %}",
    "&lt;b&gt; &amp; &#60;i&#62;",
    "=HYPERLINK(\"http://x.nl\",\"k\")",
    "Zoë “quotes” 'en' <b>vet</b> 😀",
]

#: Elements or attributes that only exist in a page if a payload was rendered as markup.
INJECTED = ("img[src='x'], svg[onload], iframe[src^='javascript'], a[href^='javascript'], #pw, "
            "body style, main script, [onerror], [onload]")

#: Put into every page before its own scripts: a payload that runs leaves a trace.
TRAP = """
window.__dialogs = [];
window.alert = window.prompt = function (m) { window.__dialogs.push(String(m)); };
"""
