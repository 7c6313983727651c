"""From the database to the plain documents the export renderers lay out.

The session report respects each step's privacy: an anonymous step never carries a name (its
StepView is built without names, and any participant's name a work form still put in is blanked
out), a step with fewer anonymous answers than the minimum group shows no breakdown, and the input
of a trainer-only step stays out of a report that is passed around.

Only what the group was shown is in it: the answers to a step are reported only once the trainer
revealed them (the same moment the shared screen shows them), so that reading the report, its
files or the API between two answers teaches nothing the room was not told. A step that takes no
input (a summary, a score board) is reported as its work form says once the group reached it.
While the session runs the report says it is not final.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from flask import current_app
from flask_babel import force_locale, format_date
from sqlalchemy import func, select

from .. import clock
from ..contract.plugins import work_form
from ..contract.workform import ANONYMOUS, NAMED, TRAINER_ONLY, Table
from ..contract.workform import Participant as ParticipantData
from ..exports import labels
from ..exports.document import (
    AgreementRow,
    ReportSection,
    ReportTable,
    SessionLine,
    SessionReport,
    TeamPlanDocument,
)
from ..extensions import db
from ..i18n import _
from ..live.snapshots import enough_for_screen
from ..sessions import stepviews
from ..sessions.models import Activity, Agreement, Participant, Team, Workshop
from . import plan, teams
from .models import AgreementChange

log = logging.getLogger("facilitator.teamplan")
NAME_REMOVED = "[…]"


def held_on(workshop: Workshop) -> date:
    """The day the session was held, where it was held (``FACILITATOR_TIMEZONE``)."""
    return clock.local_day(workshop.started_at or workshop.created_at)


def participant_count(workshop: Workshop) -> int:
    return db.session.scalar(select(func.count(Participant.id))
                             .where(Participant.workshop_id == workshop.id)) or 0


def source_label(workshop: Workshop | None, activity: Activity | None = None) -> str:
    """Where an agreement was made: "session title, date — activity title"."""
    if workshop is None:
        return _("Team plan")
    label = f"{workshop.title}, {format_date(held_on(workshop), 'short')}"
    return f"{label} — {activity.title}" if activity is not None else label


def agreement_row(agreement: Agreement, workshop: Workshop | None,
                  activity: Activity | None = None, *, number: int | None = None,
                  followup: str = "", today: date | None = None) -> AgreementRow:
    return AgreementRow(text=agreement.text, kind=agreement.kind, owner=agreement.owner,
                        due=agreement.due.date() if agreement.due else None,
                        status=agreement.status, outside_help=agreement.outside_help,
                        source=source_label(workshop, activity), number=number,
                        overdue=plan.is_overdue(agreement, today),
                        expected_result=getattr(agreement, "expected_result", None) or None,
                        updated_at=agreement.updated_at, followup=followup)


def person(user) -> str:
    """How a trainer is named in a document: the display name if the account has one, else the
    e-mail address."""
    return user.shown_name if user is not None else ""


def _trainers(workshops: list[Workshop]) -> str:
    return ", ".join(dict.fromkeys(person(w.trainer) for w in workshops))


def followup_notes(agreements: list[Agreement]) -> dict[int, str]:
    """The latest follow-up note per agreement: what was said when it was reviewed in a session."""
    ids = [a.id for a in agreements]
    if not ids:
        return {}
    notes: dict[int, str] = {}
    for change in db.session.scalars(
            select(AgreementChange).where(AgreementChange.agreement_id.in_(ids),
                                          AgreementChange.action == "reviewed",
                                          AgreementChange.note != "")
            .order_by(AgreementChange.at, AgreementChange.id)):
        notes[change.agreement_id] = change.note
    return notes


def team_plan(team: Team, today: date | None = None, author: str = "") -> TeamPlanDocument:
    """The team plan as filed: the largest group in one session stands for the number of
    participants (the same colleagues come back, so adding sessions up would count them twice)."""
    sessions = teams.sessions(team)
    counts = {w.id: participant_count(w) for w in sessions}
    by_id = {w.id: w for w in sessions}
    details = plan.details(team)
    agreements = plan.ordered(team)
    activities = plan.activities_of(agreements)
    notes = followup_notes(agreements)
    return TeamPlanDocument(
        team_name=team.name, unit=team.unit or "", trainer=_trainers(sessions),
        generated_on=today or clock.local_day(clock.utcnow()),
        participant_count=max(counts.values(), default=0),
        sessions=[SessionLine(w.title, held_on(w), counts[w.id]) for w in sessions],
        goals=details.goal_list,
        agreements=[agreement_row(a, by_id.get(a.workshop_id) or plan.source_of(a),
                                  activities.get(a.activity_id), number=number,
                                  followup=notes.get(a.id, ""), today=today)
                    for number, a in enumerate(agreements, start=1)],
        evaluation_moment=details.evaluation_on, author=author,
    )


# -- session report -------------------------------------------------------------------------------

def session_report(workshop: Workshop) -> SessionReport:
    names = [n for n in db.session.scalars(select(Participant.display_name).where(
        Participant.workshop_id == workshop.id)) if n and len(n.strip()) > 1]
    people = [ParticipantData(p.id, None, False) for p in stepviews.participants_of(workshop)]
    sections: list[tuple[Activity, ReportSection]] = []
    for activity, row in stepviews.flat_steps(workshop):
        section = _step_section(workshop, activity, row, people)
        if section is not None:
            if section.visibility == ANONYMOUS:
                section = _without_names(section, names)
            sections.append((activity, section))
    sections = _combined(sections)
    agreements = db.session.scalars(select(Agreement).where(Agreement.workshop_id == workshop.id)
                                    .order_by(Agreement.id)).all()
    if agreements:
        rows = [[cell.plain() for cell in labels.agreement_cells(agreement_row(a, workshop, number=n))]
                for n, a in enumerate(agreements, start=1)]
        sections.append(ReportSection(_("Agreements from this session"), None, "named", [], [
            ReportTable("", labels.agreement_headers(), rows)]))
    return SessionReport(title=workshop.title, held_on=held_on(workshop),
                         trainer=person(workshop.trainer), author=person(workshop.trainer),
                         team_name=workshop.team.name if workshop.team else "",
                         participant_count=participant_count(workshop), sections=sections,
                         final=workshop.status == "ended", notice=_not_final(workshop))


def _not_final(workshop: Workshop) -> str:
    """What the report says about itself while the session has not ended ("" once it has)."""
    if workshop.status == "ended":
        return ""
    return _("Not final yet: the session has not ended. Only steps whose results were shown to "
             "the group are in this report.")


def _combined(sections: list[tuple[Activity, ReportSection]]) -> list[ReportSection]:
    """One table per activity where each of its steps gives one row under the same headings (a
    round of statements: one row per statement), instead of a one-row table per step."""
    out: list[ReportSection] = []
    run: list[ReportSection] = []
    run_activity = None

    def one_row(section: ReportSection) -> bool:
        return (len(section.tables) == 1 and not section.tables[0].caption
                and len(section.tables[0].rows) == 1)

    def flush():
        if len(run) < 2:
            out.extend(run)
        else:
            first = run[0]
            paragraphs = [f"{section.title}: {p}" for section in run for p in section.paragraphs]
            table = ReportTable("", first.tables[0].headers,
                                [section.tables[0].rows[0] for section in run])
            out.append(ReportSection(run_activity.title, first.work_form_title, first.visibility,
                                     paragraphs, [table]))
        run.clear()

    for activity, section in sections:
        fits = (one_row(section) and run and run_activity is activity
                and section.tables[0].headers == run[0].tables[0].headers
                and section.visibility == run[0].visibility)
        if not fits:
            flush()
        if one_row(section):
            run.append(section)
            run_activity = activity
        else:
            out.append(section)
    flush()
    return out


def _step_section(workshop, activity, row, people) -> ReportSection | None:
    step = stepviews.step_of(activity, row)
    if row.status == "pending" or not (step.takes_input or row.notes):
        return None
    form = work_form(activity.type)
    title = step.title if step.title == activity.title else f"{activity.title}: {step.title}"
    paragraphs, tables = [], []
    view = stepviews.build(workshop, activity, row,
                           participants=people if step.visibility == ANONYMOUS else None)
    if step.visibility == TRAINER_ONLY and step.takes_input:
        paragraphs.append(_("Only the trainer saw the answers to this step; they are not in "
                            "this report."))
    elif step.takes_input and not row.revealed:  # not even whether there are enough answers
        paragraphs.append(_("The results of this step were not shown to the group, so they "
                            "are not in this report."))
        paragraphs += [row.notes] if row.notes else []
    elif step.takes_input and not enough_for_screen(view):
        paragraphs.append(_("Fewer than %(n)d answers: no breakdown, so that nobody can be "
                            "recognised.", n=current_app.config["MINIMUM_GROUP"]))
        paragraphs += [row.notes] if row.notes else []
    else:
        with force_locale(workshop.language):  # what the work form writes: the session's language
            try:
                report = form.report(view) or {}
                found = [Table.of(t, f"work form {form.name}: report")
                         for t in report.get("tables") or []]
            except Exception:
                log.exception("report of activity %s step %s failed", activity.id, row.key)
                report = {"paragraphs": [_("This step could not be included in the report.")]}
                found = []
            paragraphs += [str(p) for p in report.get("paragraphs") or []]
            tables += [ReportTable(str(t.caption), [str(h) for h in t.headers],
                                   [[str(c) for c in r] for r in t.rows]) for t in found]
        if not step.takes_input and row.notes and row.notes not in paragraphs:
            paragraphs.append(row.notes)
    if row.set_aside:
        paragraphs.append(_("Set aside for later discussion."))
    shown = ANONYMOUS if step.visibility == NAMED and not workshop.named else step.visibility
    with force_locale(workshop.language):
        form_title = str(form.title)
    return ReportSection(title, form_title, shown, paragraphs, tables)


def _without_names(section: ReportSection, names: list[str]) -> ReportSection:
    """Blank out any participant's name that a work form put into an anonymous step's report."""
    if not names:
        return section
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n.strip()) for n in names) + r")(?!\w)",
                         re.IGNORECASE)

    def scrub(text: str) -> str:
        return pattern.sub(NAME_REMOVED, text)

    return ReportSection(
        scrub(section.title), section.work_form_title, section.visibility,
        [scrub(p) for p in section.paragraphs],
        [ReportTable(scrub(t.caption), [scrub(h) for h in t.headers],
                     [[scrub(c) for c in r] for r in t.rows]) for t in section.tables])
