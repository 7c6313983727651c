"""The hooks a facilitator plugin can implement. Each is documented in docs/plugins.md, with its
arguments and the shape of what it returns."""

import pluggy

hookspec = pluggy.HookspecMarker("facilitator")
hookimpl = pluggy.HookimplMarker("facilitator")


@hookspec
def register_work_forms():
    """Return a list of WorkForm subclasses this plugin provides (each with a unique ``name``)."""


@hookspec
def register_scenario_folders():
    """Return a list of folders (``str`` or ``Path``) holding scenario YAML files this plugin
    ships (see docs/scenarios.md)."""


@hookspec
def extra_css_urls(role):
    """Return a list of stylesheet URLs (``str``) to add to the page for role 'phone', 'screen' or
    'console'. Called plugin by plugin; one that raises is logged and left out."""


@hookspec
def extra_js_urls(role):
    """Return a list of script URLs (``str``) to add to the page for role 'phone', 'screen' or
    'console'. Called plugin by plugin; one that raises is logged and left out."""


@hookspec
def extra_team_plan_sections(sessions):
    """Return a list of tables to add to a team's plan: each a ``facilitator.Table`` or a dict with
    exactly ``caption``, ``headers`` and ``rows`` (the shape of a table in ``report()``). A wrong
    shape is logged as an error naming the plugin."""


@hookspec
def team_plan_documents(sessions):
    """Return a list of documents a team lead can download from the team plan (Word, PDF,
    Excel), each a dict: ``key`` (letters, digits, ``-``; part of its address), ``title``,
    ``paragraphs`` (text under the title), ``sections`` (each ``title``, ``paragraphs``,
    ``tables`` in the shape of ``extra_team_plan_sections``) and ``sheet`` (one table, the
    rows of the Excel file). ``sessions`` as for ``extra_team_plan_sections``. Decide what is
    private before returning it: the host shows what it gets."""


@hookspec
def track_event(event, workshop_id, detail):
    """Called after the host committed a lifecycle event (workshop created, start, step opened,
    next, reveal, end...); return nothing. Called plugin by plugin: one that raises is logged with
    its name and never blocks the trainer's action."""
