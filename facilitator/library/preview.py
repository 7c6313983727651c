"""How a step will look on a phone and on the shared screen, before any session exists.

The live pages' own templates render it, from a ``StepView`` built from the config alone: no
database, nobody joined, nothing answered or revealed yet.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale

from ..contract import lifecycle
from ..contract.plugins import PluginHost
from ..contract.workform import ConfigInvalid, StepView
from ..contract.workform import Participant as ParticipantData
from ..i18n import _
from ..sessions import scenarios
from ..sessions.models import Activity, Workshop

SAMPLE_CODE = "K4T7PX"


def render(data: dict[str, Any], position: int, step: int, host: PluginHost) -> dict[str, Any] | None:
    """The phone and the screen at one step of one activity; None if the activity is not valid."""
    activities = data.get("activities")
    if not isinstance(activities, list) or not 0 <= position < len(activities):
        return None
    activity = activities[position]
    kind = activity.get("type") if isinstance(activity, dict) else None
    work_form = host.work_forms.get(kind) if isinstance(kind, str) else None
    if work_form is None:
        return None
    try:
        config = scenarios.checked_config(work_form, activity.get("config"))
    except ConfigInvalid:
        return None
    language = str(data.get("language") or "")
    if language not in current_app.config["LANGUAGES"]:
        language = current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(language):  # step titles in the session's language, as live
        steps = [replace(s, title=str(s.title)) for s in work_form.plan(config)]
        title = str(activity.get("title") or work_form.title)
    if not steps:
        return None
    index = max(0, min(step, len(steps) - 1))
    named = bool(data.get("named"))
    view = StepView(activity_id=0, activity_title=title, config=config, state={}, step=steps[0],
                    data={}, named_session=named, minimum_group=current_app.config["MINIMUM_GROUP"])
    shown = {"steps": [str(s.title) for s in steps], "step": index}
    try:
        arrived = lifecycle.arrive(work_form, view)
        view = replace(view, step=steps[index], state=arrived.state,
                       data=arrived.data if index == 0 else {})
        context = {
            "workshop": Workshop(id=0, code=SAMPLE_CODE, title=str(data.get("title") or ""),
                                 named=named, language=language, status="running", position=index),
            "activity": Activity(id=0, position=position, type=work_form.name, title=title,
                                 config=config, state=view.state),
            "view": view, "form": lifecycle.TemplateForm(work_form), "results": None,
            "too_few": False,
            "meta": {"status": "running", "position": index, "total": len(steps), "joined": 0,
                     "connected": 0, "answered": 0, "mine": 0, "step": view.step.key,
                     "title": view.step.title, "visibility": view.step.visibility,
                     "takes_input": view.step.takes_input, "open": True, "revealed": False,
                     "activity": title, "part": index + 1, "parts": len(steps)},
        }
        me = ParticipantData(0, _("Participant") if named else None, True)
        with force_locale(language):
            shown["phone"] = render_template(
                "library/preview.html", role="phone", template=work_form.template("phone"),
                me=me, me_data=me, mine=[], passed=False,
                pass_offered=view.step.takes_input and lifecycle.offers_pass(work_form, view, me),
                extra=work_form.phone_context(view, me, []), **context)
            shown["screen"] = render_template(
                "library/preview.html", role="screen", template=work_form.template("screen"),
                **context)
    except Exception:  # a plugin's template may expect a live session: the editor must go on
        current_app.logger.exception("preview of %s failed", work_form.name)
        shown["error"] = _("This step cannot be previewed; it will show in a live session.")
    return shown
