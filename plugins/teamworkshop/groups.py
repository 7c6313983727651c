"""Small groups and their solutions, on plain data.

The trainer forms groups of about ``size`` people from everyone who joined; each group gets one
point from the top of the board "could be better" (in turn: group 1 the first point, group 2 the
second, ...; the trainer may change it). A group is ``{"id": "g1", "number": 1, "point": item id,
"members": [participant ids]}``: who sits where is presence, not an answer. A solution is a
participant's note in one of three buckets; it carries its group, never its writer.
"""

from __future__ import annotations

from typing import Any

from facilitator import _l

BUCKETS = {
    "self": _l("What I can do myself"),
    "group": _l("What we do together as a team"),
    "others": _l("Where we need others, inside or outside the organisation"),
}
BUCKET_SHORT = {"self": _l("Myself"), "group": _l("As a team"), "others": _l("Others")}
SOLUTION_LIMIT = 300


def form_groups(people: list[int], size: int, points: list[str]) -> list[dict[str, Any]]:
    """Divide ``people`` (participant ids, in the order they joined) over groups of about
    ``size``: as many groups as needed, dealt out in turn so that neighbours in the room land in
    different groups and the groups differ by at most one person."""
    count = max(1, -(-len(people) // max(1, size)))
    groups = [{"id": f"g{n}", "number": n, "members": [],
               "point": points[(n - 1) % len(points)] if points else None}
              for n in range(1, count + 1)]
    for index, person in enumerate(people):
        groups[index % count]["members"].append(person)
    return groups


def group_of(groups: list[dict[str, Any]], person: int) -> dict[str, Any] | None:
    return next((g for g in groups if person in g["members"]), None)


def add_to_smallest(groups: list[dict[str, Any]], person: int) -> None:
    """A latecomer joins the smallest group (the first of equals)."""
    if groups and group_of(groups, person) is None:
        min(groups, key=lambda g: len(g["members"]))["members"].append(person)


def solutions_of(entries, groups: list[dict[str, Any]], names: dict[str, str]
                 ) -> list[dict[str, Any]]:
    """The solutions of the entries, each with its group's number and point."""
    by_id = {g["id"]: g for g in groups}
    found = []
    for entry in entries:
        if entry.passed or entry.payload.get("bucket") not in BUCKETS:
            continue
        group = by_id.get(entry.payload.get("group"))
        if group is None:
            continue
        found.append({"id": f"s{entry.id}", "group": group["id"], "number": group["number"],
                      "point": names.get(group["point"] or "", ""),
                      "bucket": entry.payload["bucket"], "text": entry.payload["text"]})
    return found


def by_bucket(solutions: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    return {key: [s for s in solutions if s["bucket"] == key] for key in BUCKETS}
