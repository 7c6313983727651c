"""The ``facilitator`` command line."""

from __future__ import annotations

import errno
import json
import socket
import sys
from pathlib import Path

import click
from flask import url_for
from sqlalchemy import select, update

from . import serving
from .contract.plugins import plugin_host
from .contract.workform import InputRejected
from .database import upgrade
from .extensions import db, socketio
from .i18n import _, ngettext
from .library import store as library
from .sessions import retention, scenarios, workshops
from .sessions.models import Participant, User
from .web import accounts, venue


def _app():
    from .app import create_app

    return create_app()


@click.group()
def main() -> None:
    """Live team sessions on aggression and violence at work."""


def lan_address() -> str:
    """The address other devices on this network can reach: the venue network's first, read
    from the interfaces (also without a default route); loopback only when there is none."""
    found = venue.addresses()
    return found[0] if found else "127.0.0.1"


def port_taken(host: str, port: int) -> bool:
    """Whether another program already listens on this port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def _port_refusal(port: int) -> str:
    return _("Port %(port)d is already in use by another program. Stop that program, or choose "
             "another port: facilitator serve --port %(next)d (make run PORT=%(next)d).",
             port=port, next=port + 1)


@main.command()
@click.option("--host", default="0.0.0.0", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """Prepare the database and serve the app (phones, shared screen, console)."""
    serving.on_event_loop(sys.argv[1:])
    app = _app()
    if port_taken(host, port):
        with app.app_context():
            raise click.ClickException(_port_refusal(port))
    done = upgrade(app)
    with app.app_context():
        if not app.config["MESSAGE_QUEUE"]:  # alone: nobody is connected before we start
            db.session.execute(update(Participant).values(connections=0))
            db.session.commit()
        if done == "created":
            click.echo(_("The database was empty: its tables have been created."))
        found = venue.addresses()
        address = (found[0] if found else None) if host in ("0.0.0.0", "::") else host
        if app.config.get("PUBLIC_URL"):
            base = app.config["PUBLIC_URL"].rstrip("/")
        elif address is None:
            base = f"http://127.0.0.1:{port}"
            click.echo(_("This computer has no network address: phones cannot reach it. Connect "
                         "it to the venue's network (Wi-Fi or cable) and start again."))
        else:
            base = f"http://{address}:{port}"
        click.echo(_("facilitator is running. Phones on the same network open: %(url)s",
                     url=f"{base}/"))
        if len(found) > 1 and not app.config.get("PUBLIC_URL") and host in ("0.0.0.0", "::"):
            click.echo(_("This computer has several network addresses (%(addresses)s); choose the "
                         "one phones use on the console.", addresses=", ".join(found)))
        if not accounts.has_trainer():
            with app.test_request_context(base_url=base):
                link = url_for("auth.setup", token=accounts.setup_token(), _external=True)
            click.echo(_("No trainer account yet. Create the first one (the link works once): "
                         "%(link)s", link=link))
        click.echo(_("Press Ctrl-C to stop."))
        stopped = _("facilitator stopped.")
    sys.stdout.flush()
    retention.start_background(app)
    serving.settle()
    serving.stop_quietly_on_ctrl_c(socketio)
    try:
        socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True, log_output=False)
    except KeyboardInterrupt:
        pass
    except OSError as refused:  # another program took the port in the meantime
        if refused.errno == errno.EADDRINUSE:
            with app.app_context():
                raise click.ClickException(_port_refusal(port)) from None
        raise
    click.echo("\n" + stopped)


@main.group()
def user() -> None:
    """Trainer and team-lead accounts."""


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return click.prompt(_("Password"), hide_input=True, confirmation_prompt=True)


def _role(role: str) -> str:
    return {"trainer": _("trainer"), "teamlead": _("team lead")}.get(role, role)


def _account(email: str):
    found = accounts.find(email)
    if found is None:
        raise click.ClickException(_("No account %(email)s (see: facilitator user list)",
                                     email=repr(email.strip().lower())))
    return found


@user.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice(accounts.ROLES), required=True)
@click.option("--name", help="The name shown in team plans instead of the e-mail address.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def user_add(email: str, role: str, name: str | None, password_stdin: bool) -> None:
    password = _password(password_stdin)
    app = _app()
    upgrade(app)
    with app.app_context():
        try:
            accounts.add_user(email, password, role, name)
        except InputRejected as refused:
            raise click.ClickException(refused.message) from None
        click.echo(_("Added %(role)s %(email)s", role=_role(role), email=email.strip().lower()))


@user.command("list")
@click.option("--json", "as_json", is_flag=True)
def user_list(as_json: bool) -> None:
    """Every account: e-mail address, role, name and whether it is disabled."""
    app = _app()
    upgrade(app)
    with app.app_context():
        rows = [{"email": u.email, "role": u.role, "name": u.display_name,
                 "disabled": u.disabled} for u in accounts.everyone()]
        if as_json:
            click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        for row in rows:
            click.echo(f"{row['email']}  {_role(row['role'])}"
                       + (f"  {row['name']}" if row["name"] else "")
                       + (f"  ({_('disabled')})" if row["disabled"] else ""))


@user.command("password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input.")
@click.option("--link", "as_link", is_flag=True,
              help="Print a link (valid once, for three days) with which the person chooses it.")
@click.option("--base-url", default=None, help="Address of the link (default: this machine).")
def user_password(email: str, password_stdin: bool, as_link: bool, base_url: str | None) -> None:
    """Reset an account's password: set a new one, or print a link to choose one."""
    app = _app()
    upgrade(app)
    with app.app_context():
        found = _account(email)
        if as_link:
            base = base_url or app.config.get("PUBLIC_URL") or f"http://{lan_address()}:5000"
            with app.test_request_context(base_url=base):
                click.echo(url_for("auth.reset", token=accounts.reset_token(found), _external=True))
            return
        email = found.email
        try:
            accounts.set_password(found, _password(password_stdin))
        except InputRejected as refused:
            raise click.ClickException(refused.message) from None
        click.echo(_("New password set for %(email)s", email=email))


@user.command("disable")
@click.argument("email")
def user_disable(email: str) -> None:
    """The account can no longer sign in; its sign-ins end at their next request."""
    app = _app()
    upgrade(app)
    with app.app_context():
        accounts.set_disabled(_account(email), True)
        click.echo(_("Disabled %(email)s: it can no longer sign in.", email=email.strip().lower()))


@user.command("enable")
@click.argument("email")
def user_enable(email: str) -> None:
    app = _app()
    upgrade(app)
    with app.app_context():
        accounts.set_disabled(_account(email), False)
        click.echo(_("Enabled %(email)s: it can sign in again.", email=email.strip().lower()))


@main.command("plugins")
@click.option("--json", "as_json", is_flag=True)
def list_plugins(as_json: bool) -> None:
    """Each loaded plugin with its version and work forms."""
    app = _app()
    with app.app_context():
        host = plugin_host()
        rows = [{"name": p.name, "version": p.version,
                 "work_forms": [{"name": f.name, "title": str(f.title)}
                                for f in host.forms_of(p.name)]} for p in host.plugins()]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        forms = ", ".join(f"{f['name']} ({f['title']})" for f in row["work_forms"]) or "-"
        click.echo(f"{row['name']} {row['version'] or ''}: {forms}")


@main.group("scenarios")
def scenarios_group() -> None:
    """Scenario files."""


@scenarios_group.command("list")
@click.option("--json", "as_json", is_flag=True)
def scenarios_list(as_json: bool) -> None:
    app = _app()
    with app.app_context():
        found = scenarios.builtin(plugin_host())
        rows = [{"id": s.id, "title": s.title, "language": s.language,
                 "duration": s.duration, "activities": [a["type"] for a in s.activities]}
                for s in found.values()]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        click.echo(f"{row['id']}: {row['title']} ({', '.join(row['activities'])})")


@scenarios_group.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def scenarios_validate(paths: tuple[Path, ...]) -> None:
    app = _app()
    with app.app_context():
        problems = scenarios.validate_paths(list(paths), plugin_host())
        for problem in problems:
            click.echo(problem, err=True)
        if problems:
            sys.exit(1)
        click.echo(ngettext("%(num)d scenario file is valid", "%(num)d scenario files are valid",
                            len(paths)))


@main.group("session")
def session_group() -> None:
    """Sessions (prepare them ahead of the workshop)."""


@session_group.command("create")
@click.option("--scenario", "scenario_id", required=True)
@click.option("--trainer", "trainer_email", required=True)
@click.option("--team")
@click.option("--named", is_flag=True, help="Participants give their name.")
@click.option("--json", "as_json", is_flag=True)
@click.option("--base-url", default=None, help="Address phones use (default: this machine).")
def session_create(scenario_id, trainer_email, team, named, as_json, base_url) -> None:
    app = _app()
    upgrade(app)
    with app.app_context():
        trainer = db.session.scalar(select(User).where(User.email == trainer_email.lower()))
        if trainer is None or trainer.role != "trainer":
            raise click.ClickException(_("No trainer %(email)s (see: facilitator user list)",
                                         email=repr(trainer_email)))
        # as on the dashboard: a built-in scenario by id, or the trainer's own or a shared one
        # by its library key (stored-N)
        found = library.choosable(trainer, plugin_host()).get(scenario_id)
        if found is None:
            raise click.ClickException(_(
                "No scenario %(id)s that %(trainer)s can use (see: facilitator scenarios list, "
                "or the key stored-N of a scenario in the library).", id=repr(scenario_id),
                trainer=trainer.email))
        workshop = workshops.create(found, trainer, team_name=team, named=named or None)
        base = base_url or app.config.get("PUBLIC_URL") or f"http://{lan_address()}:5000"
        with app.test_request_context(base_url=base):
            row = {
                "id": workshop.id, "code": workshop.code,
                "join_url": url_for("join.join", code=workshop.code, _external=True),
                "screen_url": url_for("live_pages.screen", workshop_id=workshop.id,
                                      key=workshop.screen_key, _external=True),
                "console_url": url_for("live_pages.console", workshop_id=workshop.id,
                                       _external=True),
            }
    if as_json:
        click.echo(json.dumps(row, indent=2))
        return
    for key, value in row.items():
        click.echo(f"{key}: {value}")


@main.command()
@click.argument("url")
@click.option("--phones", type=click.IntRange(1, 20000), required=True, help="Phones per session.")
@click.option("--sessions", type=click.IntRange(1, 500), default=1, show_default=True)
@click.option("--trainer", "trainer_email", required=True,
              help="A trainer account on that server (password: $FACILITATOR_LOADTEST_PASSWORD).")
@click.option("--rounds", type=click.IntRange(1, 50), default=3, show_default=True,
              help="Step changes; the phones answer each one.")
@click.option("--pattern", type=click.Choice(["spread", "burst"]), default="spread", show_default=True,
              help="spread: phones answer within 10 s of seeing a step; burst: within 1 s, as a "
                   "room does when the trainer says \"vote now\".")
@click.option("--think", type=click.FloatRange(0, 600), default=None,
              help="Phones answer within this many seconds of seeing a step (overrides --pattern).")
@click.option("--scenario", default="stellingen-veilig-werken", show_default=True)
@click.option("--phone-url", "phone_urls", multiple=True,
              help="Connect the phones to this server process instead; repeat to spread them.")
@click.option("--keep", is_flag=True, help="Keep the sessions afterwards (default: delete them).")
@click.option("--json", "as_json", is_flag=True)
def loadtest(url, phones, sessions, trainer_email, rounds, pattern, think, scenario, phone_urls,
             keep, as_json) -> None:
    """Rehearse a big event against the server at URL with simulated phones (see docs/performance.md)."""
    import asyncio
    import os

    try:
        from .loadtest import Plan, RehearsalFailed, rehearse
    except ImportError as missing:
        raise click.ClickException(f"the load test needs its extra packages ({missing}); install "
                                   'them with: pip install "facilitator[loadtest]"') from None
    if think is None:
        think = {"spread": 10.0, "burst": 1.0}[pattern]
    password = os.environ.get("FACILITATOR_LOADTEST_PASSWORD") or \
        click.prompt(f"Password of {trainer_email}", hide_input=True)
    plan = Plan(url.rstrip("/"), phones, sessions, rounds, think, scenario,
                tuple(u.rstrip("/") for u in phone_urls), trainer_email, password, keep)
    try:
        report = asyncio.run(rehearse(plan))
    except RehearsalFailed as failed:
        raise click.ClickException(str(failed)) from None
    click.echo(json.dumps(report.as_dict(), indent=2) if as_json else report.text())
    sys.exit(0 if report.passed else 1)


@main.command("retention")
@click.option("--dry-run", is_flag=True, help="Only count what would be removed.")
def retention_command(dry_run: bool) -> None:
    """End idle sessions; remove participants' names and "I need a moment" signals of sessions
    that are over.

    Ends a running session nothing happened in for FACILITATOR_END_IDLE_AFTER_HOURS (default 24)
    hours, as the trainer's "end" would (what was said in an intervision round is wiped). Removes
    names and signals FACILITATOR_RETENTION_DAYS (default 30) days after a session ended or was
    last used; anonymous results and team plans stay. `facilitator serve` runs this every hour by
    itself; for other servers, run it from cron, e.g. `15 * * * * facilitator retention`.
    """
    app = _app()
    upgrade(app)
    with app.app_context():
        ended = retention.end_idle_sessions(dry_run=dry_run)
        done = retention.forget_names(dry_run=dry_run)
        figures = {"names": done.names, "moments": done.moments, "sessions": done.sessions,
                   "days": app.config["RETENTION_DAYS"]}
        idle = {"num": ended, "hours": app.config["END_IDLE_AFTER_HOURS"]}
        if dry_run:
            click.echo(_("Would end %(num)d session(s) in which nothing happened for more than "
                         "%(hours)d hours.", **idle))
            click.echo(_("Would remove %(names)d name(s) and %(moments)d 'I need a moment' signal(s) "
                         "in %(sessions)d session(s) over for more than %(days)d days.", **figures))
        else:
            click.echo(_("Ended %(num)d session(s) in which nothing happened for more than "
                         "%(hours)d hours.", **idle))
            click.echo(_("Removed %(names)d name(s) and %(moments)d 'I need a moment' signal(s) "
                         "in %(sessions)d session(s) over for more than %(days)d days.", **figures))


@main.group("db")
def db_group() -> None:
    """The database."""


@db_group.command("upgrade")
def db_upgrade() -> None:
    app = _app()
    done = upgrade(app)
    with app.app_context():
        click.echo({"created": _("The database was created."),
                    "upgraded": _("The database was upgraded.")}.get(done, _("The database is up to date.")))


from .teamplan.cli import export_group  # noqa: E402  (facilitator export ...)

main.add_command(export_group)
