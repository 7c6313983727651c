"""Keeping names off the shared screen: words that look like a known name become a role.

The names come from the incident (the people involved, with the role that replaces them) and,
in a named session, from the participants. A word looks like a name when it is the name, its
genitive ("Jans", "Jan's"), or, for names of five letters or more, the name with one typo (a
letter added, dropped or changed, or two neighbours swapped).
A full name with a "tussenvoegsel" ("Anouk de Vries", "De Vries") becomes one role.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_TUSSENVOEGSELS = {"van", "de", "der", "den", "het", "ter", "ten", "te", "t", "in", "op", "la",
                   "le", "du", "el", "al", "von", "vd"}


@lru_cache(maxsize=8192)
def _fold(word: str) -> str:
    plain = unicodedata.normalize("NFKD", word.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"['’]s$", "", plain).replace("’", "'")


def _near(word: str, name: str) -> bool:
    """At most one letter added, dropped or changed, or two neighbours swapped."""
    if abs(len(word) - len(name)) > 1:
        return False
    if len(word) == len(name):
        differ = [i for i, (a, b) in enumerate(zip(word, name, strict=True)) if a != b]
        return len(differ) <= 1 or (len(differ) == 2 and differ[1] == differ[0] + 1 and
                                    word[differ[0]] == name[differ[1]] and
                                    word[differ[1]] == name[differ[0]])
    shorter, longer = sorted((word, name), key=len)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def _name_parts(names: list[tuple[str, str]]) -> dict[str, tuple[str, bool]]:
    """Every part of every name that could identify someone, folded: (replacement, surname?)."""
    parts = {}
    for name, replacement in names:
        words = [_fold(w) for w in _WORD.findall(name or "")]
        for index, folded in enumerate(words):
            if len(folded) >= 2 and folded not in _TUSSENVOEGSELS:
                parts.setdefault(folded, (replacement, index > 0))
    return parts


def _replacement(word: str, parts: dict[str, tuple[str, bool]]) -> tuple[str, bool] | None:
    folded = _fold(word)
    for part, found in parts.items():
        if folded in (part, part + "s") or (len(part) >= 5 and _near(folded, part)):
            return found
    return None


def _bridge(gap: str) -> bool:
    """Only spaces, hyphens and tussenvoegsels between two parts of one name."""
    return bool(re.fullmatch(r"[\s\-]*", _WORD.sub(
        lambda m: "" if _fold(m.group()) in _TUSSENVOEGSELS else "#", gap)))


def mask(text: str, names: list[tuple[str, str]]) -> str:
    """``text`` with every word that looks like one of ``names`` replaced by its replacement.

    ``names`` are (name, replacement) pairs, e.g. ("Anouk de Vries", "medewerker A"). The same
    text with the same names is masked once per process: every view of every refresh shows the
    incident's texts and causes again.
    """
    if not text:
        return text
    return _masked(text, tuple((name, replacement) for name, replacement in names))


@lru_cache(maxsize=4096)
def _masked(text: str, names: tuple[tuple[str, str], ...]) -> str:
    parts = _name_parts(names)
    if not parts:
        return text
    spans: list[list] = []
    words = list(_WORD.finditer(text))
    for index, match in enumerate(words):
        found = _replacement(match.group(), parts)
        if found is None:
            continue
        replacement, surname = found
        if spans and spans[-1][2] == replacement and _bridge(text[spans[-1][1]:match.start()]):
            spans[-1][1] = match.end()
            continue
        start = match.start()
        while surname and index and _fold(words[index - 1].group()) in _TUSSENVOEGSELS and \
                _bridge(text[words[index - 1].start():start]):
            index -= 1  # "De Vries": the tussenvoegsel belongs to the surname
            start = words[index].start()
        spans.append([start, match.end(), replacement])
    for start, end, replacement in reversed(spans):
        text = text[:start] + replacement + text[end:]
    return text
