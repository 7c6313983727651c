"""The three live pages: the phone, the shared screen and the trainer console.

Each page is a frame; its content arrives as a snapshot over Socket.IO.
"""

from __future__ import annotations

import io

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import force_locale, format_date
from flask_login import current_user

from ... import clock
from ...contract.workform import InputRejected
from ...extensions import csrf, db, limiter
from ...i18n import _
from ...live import snapshots
from ...live.handlers import cookie_name
from ...sessions import cotraining, joinguard, participation
from ...sessions.joincodes import normalise
from ...sessions.models import Workshop
from .. import venue
from .dashboard import owned_workshop, run_workshop, trainer_required

bp = Blueprint("live_pages", __name__)


def join_url(workshop: Workshop, where: venue.JoinAddress | None = None) -> str:
    """Where phones join: never a loopback address (see ``venue``)."""
    return (where or venue.for_request()).url(url_for("join.join", code=workshop.code))


@bp.route("/p/<code>")
def phone(code: str):
    participant = participation.by_token(request.cookies.get(cookie_name(normalise(code))))
    workshop = joinguard.find(code, participant)  # too many wrong codes: a 429 page
    if workshop is None:
        abort(404)
    if participant is None or participant.workshop_id != workshop.id:
        return redirect(url_for("join.join", code=workshop.code))
    g.locale = participant.language or workshop.language
    return render_template("live/phone.html", workshop=workshop, me=participant,
                           snapshot=snapshots.read(workshop).phone(participant))


@bp.route("/p/<code>/language", methods=["POST"])
def phone_language(code: str):
    """A participant switches their phone's interface to another language (the buttons and
    messages; what the trainer wrote stays as written), or back to the session's."""
    participant = participation.by_token(request.cookies.get(cookie_name(normalise(code))))
    workshop = joinguard.find(code, participant)
    if workshop is None or participant is None or participant.workshop_id != workshop.id:
        abort(404)
    chosen = request.form.get("language", "")
    if chosen not in current_app.config["LANGUAGES"]:
        abort(400)
    participant.language = None if chosen == workshop.language else chosen
    db.session.commit()
    return redirect(url_for(".phone", code=workshop.code))


@bp.route("/p/<code>/mine.pdf", methods=["POST"])
@csrf.exempt  # changes nothing; answers only the participant's own phone (its cookie)
@limiter.limit("20 per minute")
def phone_document(code: str):
    """A document for this participant alone (see ``WorkForm.personal_document``), as PDF: made
    from their own entries and what the phone sends, sent back and not kept."""
    participant = participation.by_token(request.cookies.get(cookie_name(normalise(code))))
    workshop = joinguard.find(code, participant)
    if workshop is None or participant is None or participant.workshop_id != workshop.id:
        abort(404)
    g.locale = participant.language or workshop.language
    snapshot = snapshots.read(workshop)
    view, mine, me, _extra = snapshot.own(participant)
    data = {k: v[:4000] for k, v in request.form.items()}
    found = None
    if view is not None:
        with force_locale(g.locale):
            found = snapshot.form.personal_document(view, me, mine, data)
    if not found:
        abort(404)
    return personal_pdf(found)


def personal_pdf(found: dict):
    from ...exports import ReportSection, ReportTable, SessionReport, pdf
    from ...teamplan.files import slug
    from ...teamplan.reports import download

    sections = [ReportSection(str(s["title"]), None, "anonymous",
                              [str(p) for p in s.get("paragraphs") or []],
                              [ReportTable(str(t["caption"]), [str(h) for h in t["headers"]],
                                           [[str(c) for c in row] for row in t["rows"]])
                               for t in s.get("tables") or []])
                for s in found.get("sections") or []]
    today = clock.local_day(clock.utcnow())
    document = SessionReport(title=str(found["title"]), held_on=today, trainer="",
                             team_name="", participant_count=0, sections=sections,
                             heading=str(found["title"]),
                             notice=" ".join(str(p) for p in found.get("paragraphs") or []),
                             facts=[(_("Date"), format_date(today, "long"))])
    out = io.BytesIO()
    pdf.render_session_report(document, out)
    name = f"{slug(str(found.get('filename') or found['title']))}-{today.isoformat()}.pdf"
    from ...teamplan.files import ExportFile
    return download(ExportFile(out.getvalue(), "application/pdf", name))


@bp.route("/w/<int:workshop_id>/console")
@trainer_required
def console(workshop_id: int):
    workshop = run_workshop(workshop_id)
    g.locale = workshop.language
    where = venue.for_request()
    return render_template("live/console.html", workshop=workshop, join_url=join_url(workshop, where),
                           venue=where, snapshot=snapshots.read(workshop).console(),
                           owner=workshop.trainer_id == current_user.id,
                           co_trainers=cotraining.of(workshop))


@bp.route("/w/<int:workshop_id>/co-trainers", methods=["POST"])
@trainer_required
def add_co_trainer(workshop_id: int):
    """The session's owner lets another trainer run it with them."""
    workshop = owned_workshop(workshop_id)
    try:
        added = cotraining.add(workshop, request.form.get("email", ""))
    except InputRejected as refused:
        flash(refused.message, "error")
    else:
        flash(_("%(email)s can now open this console.", email=added.email), "ok")
    return redirect(url_for(".console", workshop_id=workshop.id))


@bp.route("/w/<int:workshop_id>/co-trainers/<int:user_id>/remove", methods=["POST"])
@trainer_required
def remove_co_trainer(workshop_id: int, user_id: int):
    workshop = owned_workshop(workshop_id)
    cotraining.remove(workshop, user_id)
    return redirect(url_for(".console", workshop_id=workshop.id))


@bp.route("/w/<int:workshop_id>/join-address", methods=["POST"])
@trainer_required
def choose_join_address(workshop_id: int):
    """The trainer picks which of this machine's network addresses phones use."""
    workshop = run_workshop(workshop_id)
    if not venue.choose(request.form.get("address", "")):
        abort(400)
    return redirect(url_for(".console", workshop_id=workshop.id))


@bp.route("/w/<int:workshop_id>/screen")
def screen(workshop_id: int):
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        abort(404)
    key = request.args.get("key")
    if key is not None and key == workshop.screen_key:
        session["screens"] = sorted(set(session.get("screens", [])) | {workshop.id})
        return redirect(url_for(".screen", workshop_id=workshop.id))
    allowed = workshop.id in session.get("screens", []) or cotraining.runs(workshop, current_user)
    if not allowed:
        abort(403)
    g.locale = workshop.language
    return render_template("live/screen.html", workshop=workshop, join_url=join_url(workshop),
                           snapshot=snapshots.read(workshop).screen())


@bp.route("/w/<int:workshop_id>/media/<path:filename>")
def media(workshop_id: int, filename: str):
    """A film clip that ships with the workshop's scenario, from its ``media`` folder."""
    from flask import send_from_directory

    from ...contract.plugins import plugin_host
    from ...sessions import scenarios

    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        abort(404)
    for folder in scenarios.builtin_folders(plugin_host()):
        if (folder / f"{workshop.scenario_id}.yaml").is_file():
            return send_from_directory(folder / "media", filename)
    abort(404)
