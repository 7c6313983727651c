"""``facilitator export``: the team plan or a session report as a file, from the command line."""

from __future__ import annotations

from pathlib import Path

import click
from flask_babel import force_locale
from sqlalchemy import func, select

from ..extensions import db
from ..sessions.models import Team, Workshop
from . import files

LANGUAGES = ("nl", "en")


def _app():
    from ..app import create_app
    from ..database import upgrade

    app = create_app()
    upgrade(app)
    return app


def _write(export: files.ExportFile, output: Path) -> None:
    output.write_bytes(export.content)
    click.echo(f"{output} ({len(export.content):,} bytes)")


@click.group("export")
def export_group() -> None:
    """Team plans and session reports as files (Word, PDF, Excel, CSV, Markdown)."""


@export_group.command("teamplan")
@click.argument("team")
@click.option("--format", "fmt", type=click.Choice(list(files.TEAM_PLAN_FORMATS)), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--language", type=click.Choice(LANGUAGES), default="nl", show_default=True)
def export_team_plan(team: str, fmt: str, output: Path, language: str) -> None:
    """The team plan of TEAM (its name or number)."""
    app = _app()
    with app.test_request_context(), force_locale(language):
        found = db.session.get(Team, int(team)) if team.isdigit() else None
        found = found or db.session.scalar(select(Team).where(func.lower(Team.name) == team.lower()))
        if found is None:
            raise click.ClickException(f"No team {team!r}")
        _write(files.team_plan_file(found, fmt), output)


@export_group.command("session")
@click.argument("session_id", type=int)
@click.option("--format", "fmt", type=click.Choice(list(files.SESSION_FORMATS)), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--language", type=click.Choice(LANGUAGES), default="nl", show_default=True)
def export_session(session_id: int, fmt: str, output: Path, language: str) -> None:
    """The report of session SESSION_ID (the number shown in its console's address)."""
    app = _app()
    with app.test_request_context(), force_locale(language):
        workshop = db.session.get(Workshop, session_id)
        if workshop is None:
            raise click.ClickException(f"No session {session_id}")
        _write(files.session_report_file(workshop, fmt), output)
