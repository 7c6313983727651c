"""Full snapshots of what each view shows now: the phone, the shared screen, the console.

A (re)connecting client asks for one and gets everything; live updates are the same snapshots,
pushed. Participant text reaches the HTML only through Jinja's autoescaping.
"""

from __future__ import annotations

import json
import time
from dataclasses import replace

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import func, select

from . import stepviews
from .extensions import db
from .i18n import _
from .models import Agreement, Entry, Participant, Workshop
from .plugins import work_form
from .workform import ANONYMOUS, TRAINER_ONLY, StepView
from .workform import Participant as ParticipantData


def _begin(workshop: Workshop) -> float:
    """When a snapshot begins reading; the workshop is read afresh from then on."""
    rendered = time.time()
    db.session.refresh(workshop)
    return rendered


def _meta(workshop: Workshop, here, view: StepView | None, rendered: float) -> dict:
    """What a snapshot shows, in numbers. ``rendered`` is when its reading began: a view that
    receives a snapshot older than the one it shows ignores it (it was overtaken on the way)."""
    steps = stepviews.flat_steps(workshop)
    people = db.session.execute(
        select(func.count(Participant.id), func.count(Participant.id).filter(
            Participant.connections > 0)).where(Participant.workshop_id == workshop.id)).one()
    meta = {"rendered": rendered, "status": workshop.status, "position": workshop.position,
            "total": len(steps),
            "joined": people[0], "connected": people[1], "step": None}
    if here and view:
        answered = len({e.author for e in view.entries if e.author != "trainer"})
        meta.update(step=view.step.key, title=view.step.title, visibility=view.step.visibility,
                    takes_input=view.step.takes_input, open=view.open, revealed=view.revealed,
                    answered=answered, activity=here[0].title)
    return meta


def _current_view(workshop: Workshop):
    here = stepviews.current_any(workshop) if workshop.status != "waiting" else None
    if here is None:
        return None, None
    activity, row = here
    return here, stepviews.build(workshop, activity, row)


def _results(view: StepView, form) -> dict | None:
    return form.results(view)


def enough_for_screen(view: StepView) -> bool:
    """Aggregates of an anonymous step are not shown for groups below the minimum size."""
    if view.step.visibility != ANONYMOUS:
        return True
    return len(view.answers()) >= view.minimum_group


def screen(workshop: Workshop) -> dict:
    rendered = _begin(workshop)
    here, view = _current_view(workshop)
    context = {"workshop": workshop, "view": view, "meta": _meta(workshop, here, view, rendered)}
    if view is not None:
        form = work_form(here[0].type)
        if view.step.visibility == TRAINER_ONLY:
            view = replace(view, entries=[])
        shown = view.revealed and enough_for_screen(view)
        context.update(form=form, activity=here[0], results=_results(view, form) if shown else None,
                       too_few=view.revealed and not enough_for_screen(view),
                       template=form.template("screen"))
    return _render("live/screen_step.html", workshop, context)


def console(workshop: Workshop) -> dict:
    rendered = _begin(workshop)
    here, view = _current_view(workshop)
    # plain rows, past the ORM: the list of people is as long as the session is large
    people = db.session.execute(select(
        Participant.display_name, Participant.connections, Participant.needs_moment_since).where(
        Participant.workshop_id == workshop.id).order_by(Participant.id)).all()
    agreements = db.session.scalars(select(Agreement).where(
        Agreement.workshop_id == workshop.id).order_by(Agreement.position, Agreement.id)).all()
    with _language(workshop):  # one translation for the whole list of people, however long
        participant_label = _("Participant %(n)d")
    context = {"workshop": workshop, "view": view, "people": people, "agreements": agreements,
               "meta": _meta(workshop, here, view, rendered), "steps": _outline(workshop),
               "participant_label": participant_label}
    if view is not None:
        form = work_form(here[0].type)
        context.update(form=form, activity=here[0], results=_results(view, form),
                       enough=enough_for_screen(view), template=form.template("console"))
    return _render("live/console_step.html", workshop, context)


def _outline(workshop: Workshop) -> list[dict]:
    outline = []
    for index, (activity, row) in enumerate(stepviews.flat_steps(workshop)):
        step = stepviews.step_of(activity, row)
        outline.append({"position": index, "activity": activity.title, "title": step.title,
                        "status": row.status, "revealed": row.revealed,
                        "set_aside": row.set_aside})
    return outline


def phones(workshop: Workshop, participant_ids: list[int] | None = None):
    """Yield (participant ids, snapshot) for the given participants, or every connected one.

    Phones that show the same thing share one rendering. A phone's page depends on who holds it
    only through that person's own entries, their name and the work form's ``phone_context``, so
    right after a step change, when nobody has answered yet, a room full of phones is rendered once.
    """
    rendered = _begin(workshop)
    query = select(Participant.id, Participant.display_name).where(  # rows, past the ORM
        Participant.workshop_id == workshop.id)
    if participant_ids is not None:
        query = query.where(Participant.id.in_(participant_ids))
    else:
        query = query.where(Participant.connections > 0)
    people = db.session.execute(query).all()
    if not people:
        return
    here, shared = _current_view(workshop)
    meta = _meta(workshop, here, shared, rendered)
    authors = {e.author for e in shared.entries} if shared is not None else set()
    groups: dict[str, tuple[list[int], dict]] = {}
    for person in people:
        context = _phone_context(workshop, person, here, shared, dict(meta), authors)
        look = json.dumps([[e.id for e in context.get("mine", ())], context.get("extra"),
                           context["meta"], person.display_name if workshop.named else None],
                          sort_keys=True, default=repr)
        groups.setdefault(look, ([], context))[0].append(person.id)
    for ids, context in groups.values():
        yield ids, _render("live/phone_step.html", workshop, context)


def phone(workshop: Workshop, person: Participant) -> dict:
    rendered = _begin(workshop)
    here, shared = _current_view(workshop)
    authors = {e.author for e in shared.entries} if shared is not None else set()
    meta = _meta(workshop, here, shared, rendered)
    context = _phone_context(workshop, person, here, shared, meta, authors)
    return _render("live/phone_step.html", workshop, context)


def _phone_context(workshop: Workshop, person, here, shared: StepView | None,
                   meta: dict, authors: set[str]) -> dict:
    """What one person's phone shows; ``authors`` wrote the entries of the current step.

    ``person`` is a Participant or a row with its ``id`` and ``display_name``."""
    context = {"workshop": workshop, "view": None, "me": person, "meta": meta}
    if shared is None:
        return context
    activity, row = here
    form = work_form(activity.type)
    author = stepviews.author_key(row.id, person.id, shared.step.visibility)
    view, mine = shared, []
    if author in authors:
        view = replace(shared, entries=[replace(e, mine=True) if e.author == author else e
                                        for e in shared.entries])
        mine = [e for e in view.entries if e.mine]
    me = ParticipantData(person.id, person.display_name if workshop.named else None, True)
    context.update(view=view, form=form, activity=activity, mine=mine, me_data=me,
                   passed=any(e.passed for e in mine),
                   results=_results(view, form) if view.revealed and enough_for_screen(view)
                   else None, template=form.template("phone"),
                   extra=form.phone_context(view, me, mine))
    meta["mine"] = len(mine)
    return context


def _language(workshop: Workshop):
    return force_locale(workshop.language or current_app.config["BABEL_DEFAULT_LOCALE"])


def _render(template: str, workshop: Workshop, context: dict) -> dict:
    with _language(workshop):
        html = render_template(template, **context)
    return {"html": html, "meta": context["meta"]}


def answered_count(step_id: int) -> int:
    return db.session.scalar(select(func.count(func.distinct(Entry.author))).where(
        Entry.step_id == step_id)) or 0
