"""The two boards, on plain data: the notes people wrote (koesteren: what goes well; verbeterpunten:
what could be better), the clusters the trainer makes of them, and the dot vote over them.

A note is ``{"id": "n12", "board": "keep", "text": ...}`` (its id from the entry it came from). A
cluster is ``{"id": "c3", "board": ..., "name": ..., "notes": [note ids]}``. What the group votes
on per board is every cluster and every note the trainer left loose: an *item*, with an id (the
cluster's or the note's), a name and its notes.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from facilitator import _l

KEEP, IMPROVE = "keep", "improve"
BOARDS = {KEEP: _l("Keep (what goes well)"), IMPROVE: _l("Could be better")}
BOARD_HINTS = {KEEP: _l("What goes well and should stay"),
               IMPROVE: _l("What bothers you, what could be better")}
SERIOUSNESS = {"brand": _l("Fire: act now"), "onrust": _l("Unrest: take it seriously"),
               "verbeterkansen": _l("Room to improve: things mostly go well")}
NOTE_LIMIT = 200
CLUSTER_NAME_LIMIT = 80


def notes_of(entries) -> list[dict[str, str]]:
    """The notes of the collect step's entries, in the order they came in."""
    return [{"id": f"n{e.id}", "board": e.payload["board"], "text": e.payload["text"]}
            for e in entries if not e.passed and e.payload.get("board") in BOARDS]


def clusters(state: dict[str, Any]) -> list[dict[str, Any]]:
    return list(state.get("clusters") or [])


def clustered_ids(state: dict[str, Any]) -> set[str]:
    return {n for c in clusters(state) for n in c["notes"]}


def board(state: dict[str, Any], key: str) -> dict[str, Any]:
    """One board as the trainer ordered it: its clusters (with their notes) and the loose notes."""
    notes = {n["id"]: n for n in state.get("notes") or [] if n["board"] == key}
    grouped = [{**c, "notes": [notes[n] for n in c["notes"] if n in notes]}
               for c in clusters(state) if c["board"] == key]
    taken = {n["id"] for c in grouped for n in c["notes"]}
    return {"key": key, "label": BOARDS[key], "clusters": grouped,
            "loose": [n for n in notes.values() if n["id"] not in taken], "count": len(notes)}


def boards(state: dict[str, Any]) -> list[dict[str, Any]]:
    return [board(state, key) for key in BOARDS]


def ballot(state: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """What the group votes on at one board: each cluster, then each loose note."""
    ordered = board(state, key)
    return ([{"id": c["id"], "name": c["name"], "notes": [n["text"] for n in c["notes"]]}
             for c in ordered["clusters"]] +
            [{"id": n["id"], "name": n["text"], "notes": []} for n in ordered["loose"]])


def item_board(state: dict[str, Any], item_id: str) -> str | None:
    for key in BOARDS:
        if any(item["id"] == item_id for item in ballot(state, key)):
            return key
    return None


def widths(counts: list[int]) -> list[int]:
    """Bar widths in steps of 5%, the longest bar full."""
    top = max(counts, default=0)
    return [round(20 * n / top) * 5 if top else 0 for n in counts]


def ranking(state: dict[str, Any], allocations: list[dict[str, int]], top: int
            ) -> dict[str, list[dict[str, Any]]]:
    """Per board, the items by their number of dots (most first; on a tie, ballot order), each
    marked ``top`` when it is among the first ``top`` items that got any dots."""
    dots: Counter[str] = Counter()
    for given in allocations:
        dots.update({k: int(v) for k, v in given.items()})
    ranked = {}
    for key in BOARDS:
        items = sorted(ballot(state, key), key=lambda item: -dots[item["id"]])
        counts = [dots[item["id"]] for item in items]
        ranked[key] = [{**item, "dots": n, "width": w, "place": place,
                        "top": place <= top and n > 0}
                       for place, (item, n, w) in enumerate(zip(items, counts, widths(counts),
                                                                strict=True), 1)]
    return ranked


def top_items(state: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The board's top, as the vote left it (empty before the vote)."""
    return [item for item in (state.get("ranking") or {}).get(key, []) if item["top"]]
