"""Full snapshots of what each view shows now: the phone, the shared screen, the console.

A (re)connecting client asks for one and gets everything; live updates are the same snapshots,
pushed. Every snapshot is rendered from a ``Reading``: one read of the session (the workshop, its
steps, its people and the current step's entries) that all views rendered at that moment share,
so that refreshing the screen, the console and a thousand phones reads the database once.
Participant text reaches the HTML only through Jinja's autoescaping.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from functools import cached_property, partial

from flask import current_app
from flask_babel import get_locale
from sqlalchemy import select

from ..contract import lifecycle
from ..contract.plugins import work_form
from ..contract.workform import TRAINER_ONLY, StepView
from ..contract.workform import Participant as ParticipantData
from ..extensions import db
from ..i18n import _, plain, speaking, template_translators
from ..sessions import countdown, stepviews
from ..sessions.models import Agreement, Participant, Workshop
from ..web.templating import labels_in
from . import phone_pages

log = logging.getLogger("facilitator.snapshots")
FAILED = "live/step_failed.html"  # in place of a work form's template that failed

#: The console lists people one by one up to this many; in a larger session it lists those who
#: need a moment or are offline first, and counts the rest.
PEOPLE_LISTED = 60

#: The blocks of the console's current step that answers change, each marked ``data-part`` with
#: its own name: what a patch for answers sends of it (``Reading.console_patch``), with the block
#: ``countdown`` while one runs (live.js counts the time left on from the last snapshot's).
CONSOLE_BLOCKS = ("controls", "status", "results")


enough_for_screen = lifecycle.enough  # the minimum group rule, for the session report

def read(workshop: Workshop) -> Reading:
    """Read the session now, for the snapshots of one moment (``workshop`` is read afresh)."""
    reading = read_by_id(workshop.id)
    if reading is None:  # deleted meanwhile: as refreshing a deleted row does
        raise LookupError(f"workshop {workshop.id} no longer exists")
    return reading


def read_by_id(workshop_id: int) -> Reading | None:
    """``read`` for a session known by its id; None if it no longer exists."""
    rendered = time.time()
    found = stepviews.workshop_and_step(workshop_id)  # one query for the workshop and its step
    if found is None:
        return None
    workshop, here = found
    reading = Reading(workshop, rendered, stepviews.outline(workshop.id),
                      here if workshop.status != "waiting" else None, None)
    if reading.here:
        reading.view = stepviews.build(workshop, *reading.here,
                                       people_rows=stepviews.OnFirstUse(lambda: reading.people))
    return reading


@dataclass
class Reading:
    """The session as read at one moment (``rendered``), and the snapshots rendered from it.

    ``workshop`` and ``here`` (the current activity and step row) are ``stepviews.Loaded`` rows,
    read past the ORM and only read; ``view`` is the step as its work form sees it, once the
    session has started. The people (plain rows, see ``stepviews.people``) are read
    only when something needs them one by one: the console's list, a step change to every phone,
    a work form that looks at them; a refresh for a few answers only counts them.
    """

    workshop: stepviews.Loaded
    rendered: float
    shape: list[tuple[int, int]]  # (activity id, step id) of every step, in order
    here: tuple[stepviews.Loaded, stepviews.Loaded] | None
    view: StepView | None
    _speaking: str | None = field(default=None, init=False, repr=False)  # see ``_language``

    @cached_property
    def steps(self) -> list[stepviews.OutlineRow]:
        """Every step with its activity, as plain rows for the console's outline (a refresh for
        answers, which sends no outline, does not read them)."""
        return stepviews.outline_rows(self.workshop)

    @cached_property
    def people(self) -> list:
        return stepviews.people(self.workshop.id)

    @cached_property
    def counts(self) -> stepviews.Headcount:
        """How many joined, are connected and need a moment: counted from the people if they
        have been read, else by the database."""
        if "people" in self.__dict__:
            return stepviews.headcount_of(self.people)
        return stepviews.headcount(self.workshop.id)

    @cached_property
    def form(self):
        return work_form(self.here[0].type) if self.here else None

    @cached_property
    def countdown(self) -> countdown.Countdown | None:
        """The current step's countdown, as it stands when the reading began."""
        if self.view is None or self.workshop.status != "running":
            return None
        return countdown.of(self.view.step, self.here[1], self.rendered)

    @cached_property
    def results(self):
        """The step's results over everyone's entries, as the console sees them; in the session's
        language. Screens and phones get them only through ``lifecycle.results_for``."""
        if self.view is None:
            return None
        with self._language():
            return self.form.results(self.view)

    def _results_for(self, view: StepView, role: str):
        """The gate: what ``role``'s templates get as ``results`` (None until revealed and
        below the minimum group)."""
        if not lifecycle.shown(view, role):
            return None
        if view is self.view:
            return self.results
        with self._language():
            return lifecycle.results_for(self.form, view, role)

    @cached_property
    def meta(self) -> dict:
        """What the snapshots show, in numbers. ``rendered`` is when the reading began: a view
        that receives a snapshot older than the one it shows ignores it (overtaken on the way)."""
        workshop, view = self.workshop, self.view
        meta = {"rendered": self.rendered, "status": workshop.status,
                "position": workshop.position, "total": len(self.shape),
                "joined": self.counts.joined, "connected": self.counts.connected, "step": None}
        if view is not None:
            answered = len({e.author for e in view.entries if e.author != "trainer"})
            with self._language():
                title = plain(view.step.title)
            meta.update(step=view.step.key, title=title,
                        visibility=view.step.visibility, takes_input=view.step.takes_input,
                        open=view.open, revealed=view.revealed, answered=answered,
                        activity=self.here[0].title)
            # where the group is within this work form, as the room says it: "step 3 of 6"
            siblings = [step for activity, step in self.shape if activity == self.here[0].id]
            meta.update(part=siblings.index(self.here[1].id) + 1, parts=len(siblings))
        return meta

    # -- the shared screen -----------------------------------------------------------------------
    def screen(self) -> dict:
        with self._language():  # the work form's results too: see ``_language``
            return self._screen()

    def _screen(self) -> dict:
        context = {"workshop": self.workshop, "view": self.view, "meta": self.meta}
        if self.view is not None:
            view, form = self.view, self.form
            if view.step.visibility == TRAINER_ONLY:
                view = replace(view, entries=[])
            context.update(view=view, form=lifecycle.TemplateForm(form), activity=self.here[0],
                           results=self._results_for(view, lifecycle.SCREEN),
                           countdown=self.countdown,
                           too_few=view.revealed and not lifecycle.enough(view),
                           template=form.template("screen"))
        return self._render("live/screen_step.html", context)

    def screen_patch(self) -> dict | None:
        """What an input changes on the shared screen, when that is only how many answered (and
        the time left, which runs on): the parts marked ``data-part`` in the full screen, or None
        when the screen must be sent whole. Only while the results are not revealed, and only for
        a work form whose screen does not follow the input (``WorkForm.screen_follows_input``):
        then the rest of the screen is what it was at the last full snapshot, which came with the
        step change, the reveal or the trainer's last action."""
        view = self.view
        if view is None or self.workshop.status != "running" or view.revealed \
                or not view.step.takes_input or self.form.screen_follows_input:
            return None
        context = {"meta": self.meta, "countdown": self.countdown}
        with self._language():
            parts = {"answered": live_template("live/screen_answered.html", context,
                                               self._speaking).strip()}
            if self.countdown is not None and self.countdown.started:
                parts["countdown"] = live_template("live/screen_countdown.html", context,
                                                   self._speaking).strip()
        return {"parts": parts, "meta": self.meta}

    # -- the trainer's console -------------------------------------------------------------------
    def console(self) -> dict:
        with self._language():
            return self._console()

    def _console(self) -> dict:
        return self._render("live/console_step.html", self._console_context(whole=True))

    def _console_context(self, *, whole: bool) -> dict:
        workshop = self.workshop
        context = {"workshop": workshop, "view": self.view, "meta": self.meta,
                   "pausing": self.counts.pausing,  # a work form's part may list the people:
                   "people": stepviews.OnFirstUse(lambda: self.people)}  # read only if it does
        if whole:
            agreements = db.session.scalars(select(Agreement).where(
                Agreement.workshop_id == workshop.id).order_by(Agreement.position, Agreement.id)).all()
            listed = self._people_listed()
            context.update(people_listed=listed,
                           people_unlisted=len(self.people) - len(listed),
                           agreements=agreements, steps=self._outline(),
                           participant_label=_("Participant %(n)d"))  # one translation for all
        if self.view is not None:
            context.update(form=lifecycle.TemplateForm(self.form), activity=self.here[0],
                           results=self._results_for(self.view, lifecycle.CONSOLE),
                           enough=lifecycle.enough(self.view), countdown=self.countdown,
                           template=self.form.template("console"))
        return context

    def console_patch(self) -> dict:
        """The parts of the console that answers change, without the outline, the agreements and
        the list of people: what a refresh for answers sends. Of the current step, that is only
        its blocks that follow the input (the controls, whose primary button turns to "reveal"
        at the first answer; the status line, which says when there are too few; the work form's
        part with the results), a running countdown (whose time left is rendered into it) and the
        live figures; the rest of it (the step's title, the keys) changes only with the trainer's
        actions, which send the whole console. A console that cannot place the patch asks for a
        full snapshot."""
        with self._language():
            context = self._console_context(whole=False)
            at_a_step = self.view is not None and self.workshop.status not in ("waiting", "ended")
            try:
                blocks = CONSOLE_BLOCKS + (("countdown",) if at_a_step and self.countdown is not None
                                           and self.countdown.running else ())
                parts = live_blocks("live/console_current.html", blocks, context,
                                    self._speaking) if at_a_step else \
                    {"current": live_template("live/console_current.html", context,
                                              self._speaking).strip()}
                parts["live"] = live_template("live/console_live.html", context,
                                              self._speaking).strip()
            except Exception:  # a work form's template that fails: the whole console deals with it
                log.exception("the console's parts failed; sending the whole console")
                return self._console()
        return {"parts": parts, "meta": context["meta"]}

    def _people_listed(self) -> list[tuple[int, object]]:
        """(number, person) for the console's list: everyone in the order they joined, or in a
        large session those who need a moment, then those offline, then the rest, up to
        ``PEOPLE_LISTED``. The number is their place in the order of joining."""
        numbered = list(enumerate(self.people, start=1))
        if len(numbered) <= PEOPLE_LISTED:
            return numbered
        numbered.sort(key=lambda item: (not item[1].needs_moment_since,
                                        item[1].connections > 0, item[0]))
        return numbered[:PEOPLE_LISTED]

    def _outline(self) -> list[dict]:
        outline = []
        for index, row in enumerate(self.steps):
            step = stepviews.step_in_outline(self.workshop, row)
            outline.append({"position": index, "activity": row.activity,
                            "title": plain(step.title),
                            "status": row.status, "revealed": row.revealed,
                            "set_aside": row.set_aside})
        return outline

    # -- phones ----------------------------------------------------------------------------------
    def phones(self, participant_ids: list[int] | None = None) -> Iterator[tuple[list[int], dict]]:
        """Yield (participant ids, snapshot) for the given participants, or every connected one.

        Phones that show the same thing share one rendering. A phone's page depends on who holds
        it only through that person's own entries, their name and the work form's
        ``phone_context``, so right after a step change, when nobody has answered yet, a room full
        of phones is rendered once.
        """
        wanted = set(participant_ids) if participant_ids is not None else None
        with self._language():
            groups = self._phone_groups(wanted)
        pages, state = phone_pages.kept(), self._page_state
        for look, (ids, person, own) in groups.items():
            if state is not None and (html := pages.get((*state, look))) is not None:
                snapshot = {"html": html, "meta": {**self.meta, "mine": len(own[1])}}
            else:
                with self._language(person.language):
                    context = self._phone_context(person, own)
                    snapshot = self._render("live/phone_step.html", context, person.language)
                if state is not None:
                    pages.keep((*state, look), snapshot["html"])
            yield ids, snapshot

    @cached_property
    def _page_state(self) -> tuple | None:
        """Everything a phone's page is made of besides its group's look, when the page may be
        kept for later refreshes (``phone_pages``): until the results are revealed, for a work
        form whose phones show nothing of the others' input. None when it may not."""
        if self.view is None or self.workshop.status != "running" or self.form.shared_input \
                or self._phones_see_results:
            return None
        meta = self.meta
        return (self.workshop.id, stepviews.as_read(self.workshop),
                *map(stepviews.as_read, self.here), meta["total"], meta["part"], meta["parts"])

    def _phone_groups(self, wanted: set[int] | None) -> dict[tuple, tuple[list[int], object, tuple]]:
        groups: dict[tuple, tuple[list[int], object, tuple]] = {}
        people = self.people if wanted is None or "people" in self.__dict__ else \
            stepviews.people(self.workshop.id, wanted)
        for person in people:
            if (person.id not in wanted) if wanted is not None else person.connections <= 0:
                continue
            own = self._own(person)
            _view, mine, _me, extra = own
            look = (person.language, self._own_look(mine),
                    json.dumps(extra, sort_keys=True, default=repr) if extra else None,
                    person.display_name if self.workshop.named else None)
            if look in groups:
                groups[look][0].append(person.id)
            else:
                groups[look] = ([person.id], person, own)
        return groups

    def _own_look(self, mine) -> tuple:
        """What of one's own entries a phone's page shows: their content (so that everyone who
        chose "agree" shares one rendering), or, once phones see results (which may mark one's
        own entry among the others), which entries they are."""
        if self._phones_see_results:
            return tuple(e.id for e in mine)
        return tuple((e.slot, e.passed, json.dumps(e.payload, sort_keys=True, default=repr))
                     for e in mine)

    def phone(self, person: Participant) -> dict:
        with self._language(person.language):
            context = self._phone_context(person, self._own(person))
            return self._render("live/phone_step.html", context, person.language)

    def own(self, person) -> tuple:
        """(view, mine, me, extra) of one participant at the current step, as their phone gets
        it (for a document made for them alone)."""
        return self._own(person)

    def _own(self, person) -> tuple:
        """(view, mine, me, extra): what is this person's own at the current step; ``person`` is a
        Participant or a row of ``people``."""
        shared = self.view
        if shared is None:
            return None, [], None, None
        view, mine = shared, []
        if self._authors:  # someone has answered: is it this person?
            author = stepviews.author_key(self.here[1].id, person.id, shared.step.visibility)
            if (places := self._authors.get(author)) is not None:
                entries = list(shared.entries)
                for place in places:
                    entries[place] = replace(entries[place], mine=True)
                view = replace(shared, entries=entries)
                mine = [entries[place] for place in places]
        me = ParticipantData(person.id, person.display_name if self.workshop.named else None, True)
        with self._language():
            view = replace(view, earlier=partial(stepviews.own_entries_at, self.here[0], person.id))
            return view, mine, me, self.form.phone_context(view, me, mine)

    def _phone_context(self, person, own: tuple) -> dict:
        """What one person's phone shows."""
        view, mine, me, extra = own
        meta = dict(self.meta)
        context = {"workshop": self.workshop, "view": None, "meta": meta}
        if view is None:
            return context
        form = self.form
        with self._language():
            offered = view.step.takes_input and view.open and lifecycle.offers_pass(form, view, me)
        context.update(view=view, form=lifecycle.TemplateForm(form), activity=self.here[0],
                       mine=mine, me=me, me_data=me, passed=any(e.passed for e in mine),
                       pass_offered=offered,
                       # a work form may mark one's own in them: the person's own view
                       results=self._results_for(view, lifecycle.PHONE),
                       template=form.template("phone"), extra=extra)
        meta["mine"] = len(mine)
        return context

    @cached_property
    def _authors(self) -> dict[str, list[int]]:
        """Each author at the current step, with the places of their entries in the view."""
        places: dict[str, list[int]] = {}
        for place, entry in enumerate(self.view.entries if self.view is not None else ()):
            places.setdefault(entry.author, []).append(place)
        return places

    @cached_property
    def _phones_see_results(self) -> bool:
        return self.view is not None and lifecycle.shown(self.view, lifecycle.PHONE)

    # -- rendering -------------------------------------------------------------------------------
    def _language(self, chosen: str | None = None):
        """Everything of the session in the session's language: the templates, and what the work
        form computes for them (``results``, ``phone_context``, step titles), whatever the
        language of the request or connection that caused the snapshot; only a phone's own choice
        (``Participant.language``) changes its interface: what the trainer wrote stays as written.

        A refresh enters this a dozen times, mostly nested in itself; the language it put in force
        around the call is known here, and entering it again costs nothing (looking up Flask-Babel's
        locale each time cost a few per cent of a busy server's CPU)."""
        code = chosen if chosen in self._languages[0] else None
        code = code or self.workshop.language or self._languages[1]
        if code == self._speaking:
            return nullcontext()
        return self._switched(code)

    @contextmanager
    def _switched(self, code: str):
        outer, self._speaking = self._speaking, code
        try:
            with speaking(code):
                yield
        finally:
            self._speaking = outer

    @cached_property
    def _languages(self) -> tuple[tuple[str, ...], str]:
        """The languages a phone may choose, and the default."""
        config = current_app.config
        return tuple(config["LANGUAGES"]), config["BABEL_DEFAULT_LOCALE"]

    def _render(self, template: str, context: dict, language: str | None = None) -> dict:
        with self._language(language):
            try:
                html = live_template(template, context, self._speaking)
            except Exception:  # a work form's template that fails spoils only its own part
                if "form" not in context or context.get("template") == FAILED:
                    raise
                log.exception("work form %s: its template %s failed",
                              self.form.name, context.get("template"))
                return self._render(template, {**context, "template": FAILED}, language)
        return {"html": html, "meta": context["meta"]}


def live_template(name: str, context: dict, language: str | None = None) -> str:
    """A live view's template, rendered with what live views use: their context, the labels and
    the translators (for ``language``, the one in force if the caller knows it). Not through
    Flask's ``render_template``, which would also run every context processor of the app (the
    signed-in user, the CSRF token, the plugins' assets) for each view of each refresh, though no
    live view shows them; Flask's globals (``url_for``, ``config``) stay."""
    return current_app.jinja_env.get_template(name).render(_live_context(context, language))


def live_blocks(name: str, blocks: tuple[str, ...], context: dict,
                language: str | None = None) -> dict[str, str]:
    """Some blocks of a live view's template, each rendered alone in one context (as
    ``live_template`` renders the whole): the parts of a patch, by block name."""
    template = current_app.jinja_env.get_template(name)
    rendering = template.new_context(_live_context(context, language))
    return {block: template.environment.concat(template.blocks[block](rendering)).strip()
            for block in blocks}


def _live_context(context: dict, language: str | None) -> dict:
    return {**labels_in(language or str(get_locale())), **context,
            **template_translators(language)}


def patched(html: str, parts: dict[str, str]) -> str | None:
    """A full snapshot's ``html`` with the parts of a patch put in place of the elements marked
    ``data-part="NAME"`` (what live.js does); None if one of them is not there."""
    for name, part in parts.items():
        found = re.search(rf'<([a-zA-Z][\w-]*)\b[^>]*\bdata-part="{re.escape(name)}"', html)
        if found is None:
            return None
        tag, depth, at = found.group(1), 0, found.start()
        for match in re.finditer(rf"<(/?){tag}\b[^>]*>", html[at:]):
            depth += -1 if match.group(1) else 1
            if depth == 0:
                html = html[:at] + part + html[at + match.end():]
                break
        else:
            return None
    return html

