"""The hooks a facilitator plugin can implement. Each is documented in docs/plugins.md."""

import pluggy

hookspec = pluggy.HookspecMarker("facilitator")
hookimpl = pluggy.HookimplMarker("facilitator")


@hookspec
def register_work_forms():
    """Return a list of WorkForm subclasses this plugin provides."""


@hookspec
def register_scenario_folders():
    """Return a list of folders (paths) holding scenario YAML files this plugin ships."""


@hookspec
def extra_css_urls(role):
    """Return a list of stylesheet URLs to add to the page for role 'phone', 'screen' or 'console'."""


@hookspec
def extra_js_urls(role):
    """Return a list of script URLs to add to the page for role 'phone', 'screen' or 'console'."""


@hookspec
def extra_team_plan_sections(sessions):
    """Return a list of tables ({"title", "headers", "rows"}) to add to a team's plan."""


@hookspec
def track_event(event, workshop_id, detail):
    """Called after a lifecycle event (workshop created/started/ended, step opened, revealed...)."""
