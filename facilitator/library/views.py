"""The scenario library and editor pages, for trainers."""

from __future__ import annotations

import re
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from ..contract.plugins import plugin_host
from ..contract.workform import ConfigInvalid, Problem
from ..i18n import _
from ..web.views.dashboard import trainer_required
from . import form, preview, rendering, store, transfer
from .models import StoredScenario
from .validation import checked

bp = Blueprint("library", __name__, url_prefix="/trainer/library")


@bp.route("")
@trainer_required
def index():
    host = plugin_host()
    text, work_form = request.args.get("q", ""), request.args.get("form", "")
    items = store.search(store.library(current_user, host), text, work_form)
    return render_template("library/index.html", items=items, q=text, chosen_form=work_form,
                           work_forms=host.work_forms)


@bp.route("/new")
@trainer_required
def new():
    return _editor({"language": "nl", "activities": []})


@bp.route("/new", methods=["POST"])
@trainer_required
def create():
    draft = form.read(request.form, plugin_host())
    scenario, problems = _checked(draft)
    if problems:
        return _editor(draft.data, problems=problems, status=422)
    stored = store.create(scenario, current_user)
    flash(_("The scenario is saved."), "ok")
    return redirect(url_for(".edit", stored_id=stored.id))


@bp.route("/<int:stored_id>")
@trainer_required
def edit(stored_id: int):
    stored = _editable(stored_id)
    return _editor(stored.content, stored=stored)


@bp.route("/<int:stored_id>", methods=["POST"])
@trainer_required
def save(stored_id: int):
    stored = _editable(stored_id)
    draft = form.read(request.form, plugin_host())
    version = request.form.get("version", type=int)
    scenario, problems = _checked(draft)
    if problems:
        return _editor(draft.data, stored=stored, version=version, problems=problems, status=422)
    if request.form.get("as_copy"):
        copy = store.create(scenario, current_user, based_on=stored.based_on)
        flash(_("Your version is saved as a new scenario."), "ok")
        return redirect(url_for(".edit", stored_id=copy.id))
    try:
        store.save(stored, scenario, version, current_user)
    except store.EditConflict as conflict:
        return _editor(draft.data, stored=conflict.latest, version=version, status=409,
                       conflict=conflict.latest)
    flash(_("The scenario is saved."), "ok")
    return redirect(url_for(".edit", stored_id=stored.id))


@bp.route("/builtin/<key>")
@trainer_required
def view(key: str):
    item = store.find(key, current_user, plugin_host())
    if item is None or not item.builtin:
        abort(404)
    return _editor(item.data, key=key)


@bp.route("/<key>/duplicate", methods=["POST"])
@trainer_required
def duplicate(key: str):
    item = _find(key)
    copy = store.duplicate(item, current_user)
    flash(_("This is your own copy of “%(title)s”: adapt it and save.", title=item.title), "ok")
    return redirect(url_for(".edit", stored_id=copy.id))


@bp.route("/<int:stored_id>/delete", methods=["POST"])
@trainer_required
def delete(stored_id: int):
    stored = _owned(stored_id)
    store.delete(stored)
    flash(_("“%(title)s” is deleted.", title=stored.title), "ok")
    return redirect(url_for(".index"))


@bp.route("/<int:stored_id>/share", methods=["POST"])
@trainer_required
def share(stored_id: int):
    stored = _owned(stored_id)
    store.share(stored, request.form.get("shared") == "1")
    flash(_("The other trainers can now use “%(title)s”.", title=stored.title) if stored.shared
          else _("“%(title)s” is yours alone again.", title=stored.title), "ok")
    return redirect(url_for(".index"))


@bp.route("/<key>/download")
@trainer_required
def download(key: str):
    item = _find(key)
    name = re.sub(r"[^a-z0-9]+", "-", item.title.lower()).strip("-") or "scenario"
    return Response(transfer.dump(item.data), mimetype="application/yaml",
                    headers={"Content-Disposition": f'attachment; filename="{name[:60]}.yaml"'})


@bp.route("/upload", methods=["POST"])
@trainer_required
def upload():
    host = plugin_host()
    try:
        scenario = transfer.load(request.files.get("file"), host)
    except ConfigInvalid as invalid:
        return render_template("library/index.html", items=store.library(current_user, host), q="",
                               chosen_form="", work_forms=host.work_forms,
                               refused=invalid.problems), 422
    stored = store.create(scenario, current_user)
    flash(_("The scenario “%(title)s” is uploaded.", title=scenario.title), "ok")
    return redirect(url_for(".edit", stored_id=stored.id))


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error):
    flash(_("The file is too large: at most %(n)d KB.", n=transfer.MAX_BYTES // 1024), "error")
    return redirect(url_for(".index"))


@bp.route("/preview", methods=["POST"])
@trainer_required
def show_preview():
    """The editor's live check: every problem, placed at its input, and a step's preview."""
    host = plugin_host()
    if key := request.form.get("scenario"):  # a built-in scenario, shown read-only
        draft = form.Draft.unchanged(_find(key).data)
    else:
        draft = form.read(request.form, host)
    _scenario, problems = _checked(draft)
    position = draft.position(request.form.get("activity", ""))
    if position is not None and not _concern(problems, f"activities[{position}]"):
        shown = preview.render(draft.data, position, request.form.get("step", 0, type=int), host)
    else:  # the editor shows the problems in its place
        shown = None
    return jsonify(problems=[{"name": name, "message": p.message}
                             for name, p in form.locate(problems, draft.names)], preview=shown)


# -- helpers -------------------------------------------------------------------------------------

def _checked(draft: form.Draft):
    """The scenario a submitted form describes, or the problems with it."""
    if draft.problems:
        return None, draft.problems
    try:
        return checked(draft.data, "draft", plugin_host()), []
    except ConfigInvalid as invalid:
        return None, invalid.problems


def _concern(problems: list[Problem], path: str) -> bool:
    """Whether any of the problems is with the item at ``path`` or something in it."""
    return any(p.where == path or p.where.startswith((f"{path}.", f"{path}[")) for p in problems)


def _editor(data: dict[str, Any], *, stored: StoredScenario | None = None, key: str | None = None,
            version: int | None = None, problems: list[Problem] = (), status: int = 200,
            conflict: StoredScenario | None = None):
    host = plugin_host()
    if version is None:
        version = stored.version if stored else 0
    return render_template(
        "library/editor.html", editor=rendering.build(data, host, problems), stored=stored,
        builtin_key=key, readonly=key is not None, version=version, conflict=conflict,
        work_forms=host.work_forms, title=data.get("title") or ""), status


def _find(key: str) -> store.LibraryItem:
    item = store.find(key, current_user, plugin_host())
    if item is None:
        abort(404)
    return item


def _editable(stored_id: int) -> StoredScenario:
    stored = store.editable(stored_id, current_user)
    if stored is None:
        abort(404)
    return stored


def _owned(stored_id: int) -> StoredScenario:
    stored = _editable(stored_id)
    if stored.owner_id != current_user.id:
        abort(403)
    return stored

