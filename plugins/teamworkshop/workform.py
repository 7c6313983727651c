"""The team workshop "samen aanpakken" as a work form: five steps on the day, from notes on two
boards to a list of who does what when in the team plan. Each step is a ``Phase`` (see ``phases``);
the work form hands each call to the step the group is at."""

from __future__ import annotations

from typing import Any

from facilitator import (
    Choice,
    ConfigInvalid,
    LongText,
    Number,
    PhasedWorkForm,
    Problem,
    Text,
    _,
    _l,
)

from . import boards as b
from . import groups as g
from .followup import day as followup_day
from .phases import BY_KEY, PHASES

DOTS = 3
MOST_DOTS = 5
TOPS = (3, 5, 10)
GROUP_SIZE = 4
THEME_LIMIT = 120
INTRO_LIMIT = 600


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class TeamWorkshop(PhasedWorkForm):
    name = "teamworkshop"
    title = _l("Team workshop: tackling it together")
    description = _l("Notes on two boards (what goes well, what could be better), ordered and "
                     "voted on; small groups think up solutions for the top points; everyone "
                     "takes something on, and the list goes to the team plan.")
    fields = [
        Text("theme", _l("Theme"), required=True, max_length=THEME_LIMIT,
             help=_l("For example: aggression and safety at the counter.")),
        LongText("intro", _l("Why we are here today"), max_length=INTRO_LIMIT, rows=3,
                 help=_l("A few lines the phones and the screen show while people write notes.")),
        Number("dots", _l("Dots per participant per board"), default=DOTS, minimum=1,
               maximum=MOST_DOTS),
        Choice("top", _l("How many points per board make the top"), required=True, default=3,
               options=[(n, str(n)) for n in TOPS]),
        Number("group_size", _l("People per small group"), default=GROUP_SIZE, minimum=2,
               maximum=8),
    ]
    phases = PHASES
    # for the templates
    boards_labels = b.BOARDS
    board_hints = b.BOARD_HINTS
    seriousness = b.SERIOUSNESS
    buckets = g.BUCKETS
    bucket_short = g.BUCKET_SHORT

    # -- configuration ------------------------------------------------------------------------
    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        config = config or {}
        problems: list[Problem] = []
        theme = config.get("theme") or ""
        if not isinstance(theme, str) or not theme.strip():
            problems.append(Problem("theme", _("Give the theme of the workshop.")))
        elif len(theme.strip()) > THEME_LIMIT:
            problems.append(Problem("theme", _("At most %(n)d characters.", n=THEME_LIMIT)))
        intro = config.get("intro") or ""
        if not isinstance(intro, str) or len(intro.strip()) > INTRO_LIMIT:
            problems.append(Problem("intro", _("At most %(n)d characters.", n=INTRO_LIMIT)))
        dots = config.get("dots", DOTS)
        if not _whole(dots) or not 1 <= dots <= MOST_DOTS:
            problems.append(Problem("dots", _("Give a whole number of dots from 1 to %(n)d.",
                                              n=MOST_DOTS)))
        top = config.get("top", 3)
        if top not in TOPS or not _whole(top):
            problems.append(Problem("top", _("Choose a top 3, 5 or 10.")))
        size = config.get("group_size", GROUP_SIZE)
        if not _whole(size) or not 2 <= size <= 8:
            problems.append(Problem("group_size", _("Give a group size from 2 to 8.")))
        if problems:
            raise ConfigInvalid(problems)
        return {"theme": " ".join(theme.split()), "intro": intro.strip(), "dots": dots,
                "top": top, "group_size": size}

    # -- each call goes to the step the group is at (PhasedWorkForm) ----------------------------
    def open_point(self, view) -> str:
        return _("Set aside in the team workshop (%(theme)s): %(step)s",
                 theme=view.config["theme"], step=view.step.title)

    # -- helpers for the templates ------------------------------------------------------------
    def part(self, role: str, view) -> str:
        return f"teamworkshop/{role}/{view.step.key}.html"

    def boards(self, view) -> list[dict[str, Any]]:
        """The boards as the trainer ordered them (from the state: the trainer's work)."""
        return b.boards(view.state)

    def notes_public(self, view) -> bool:
        return bool(view.state.get("notes_public"))

    def ballot(self, view, key: str) -> list[dict[str, Any]]:
        return b.ballot(view.state, key)

    def top(self, view, key: str) -> list[dict[str, Any]]:
        return b.top_items(view.state, key)

    def points(self, view) -> list[dict[str, Any]]:
        return BY_KEY["solutions"].points(view.state)

    def point_names(self, view) -> dict[str, str]:
        return BY_KEY["solutions"].names(view.state)

    def improve_ballot(self, view) -> list[dict[str, Any]]:
        return b.ballot(view.state, b.IMPROVE)

    def next_to_present(self, view) -> str | None:
        return BY_KEY["solutions"].next_to_present(view)

    def on_stage(self, view, results) -> dict[str, Any] | None:
        """The group the trainer called up, with its solutions: only once revealed (``results``
        is None before that)."""
        wanted = view.state.get("presenting")
        for group in (results or {}).get("groups") or []:
            if group["id"] == wanted:
                return group
        return None

    def members_shown(self, view, group: dict[str, Any]) -> list[str]:
        """Who sits in a group, for the shared screen: names only in a named session."""
        if not view.named_session:
            return []
        names = {p.id: p.name for p in view.participants if p.name}
        return [names[m] for m in group["members"] if m in names]

    def solutions(self, view) -> list[dict[str, Any]]:
        return list(view.state.get("solutions") or [])

    day = staticmethod(followup_day)

    def person_names(self, people) -> dict[int, str]:
        """For the console's rosters: the name someone gave, else their number in the room."""
        return {p.id: p.display_name or _("Participant %(n)d", n=index)
                for index, p in enumerate(people, 1)}

    def seating(self, view, people) -> list[dict[str, Any]]:
        """Everyone who joined, with the number of their group (None: in no group yet), for the
        console's "move" form."""
        names = self.person_names(people)
        numbers = {m: grp["number"] for grp in view.state.get("groups") or [] for m in grp["members"]}
        return [{"id": p.id, "name": names[p.id], "group": numbers.get(p.id)} for p in people]

    def roster(self, people, ids) -> str:
        """The names (or numbers) of these participants, for the console."""
        names = self.person_names(people)
        return ", ".join(names[i] for i in ids if i in names)
