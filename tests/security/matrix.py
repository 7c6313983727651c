"""The authorisation matrix, as data: who may use each HTTP route and each Socket.IO event.

Every route in ``app.url_map`` and every Socket.IO handler must be named here; a new one that is
not makes ``test_authorisation`` fail until someone decides who may use it. Roles are those of
``world.ROLES``. API routes are tried with each role's bearer token (participants have none).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Access:
    allowed: frozenset
    #: Others get an answer too, but nothing changes (it acts on their own things, e.g. tokens).
    quiet: bool = False
    #: No authorisation at all (public files, a failed login): every role gets the same answer.
    same_for_all: bool = False


def _roles(*names: str) -> frozenset:
    return frozenset(names)


SIGNED_IN_ROLES = ("trainer", "other_trainer", "lead", "other_lead")
EVERYONE = Access(_roles("anonymous", "participant", "other_participant", *SIGNED_IN_ROLES))
SAME_FOR_ALL = Access(EVERYONE.allowed, same_for_all=True)
NOBODY = Access(_roles())
PARTICIPANT = Access(_roles("participant"))
SESSION_TRAINER = Access(_roles("trainer"))
TRAINERS = Access(_roles("trainer", "other_trainer"))
SIGNED_IN = Access(_roles(*SIGNED_IN_ROLES))
OWN_THINGS = Access(_roles("trainer"), quiet=True)  # any account may ask; only the owner acts
TEAM = Access(_roles("trainer", "other_trainer", "lead"))  # trainers, and this team's lead
SESSION_READERS = TEAM  # the trainer, and whoever sees the session's team

#: (endpoint, method) -> who may use it. The ids in the URLs are the trainer's session, team,
#: agreement, token and scenario (see ``url_for_matrix`` in test_authorisation).
ROUTES: dict[tuple[str, str], Access] = {
    # joining and the live pages
    ("join.landing", "GET"): EVERYONE,
    ("join.landing", "POST"): EVERYONE,
    ("join.join", "GET"): EVERYONE,
    ("join.join", "POST"): EVERYONE,
    ("live_pages.phone", "GET"): PARTICIPANT,
    ("live_pages.phone_language", "POST"): PARTICIPANT,  # the phone's own interface language
    # the phone's own PDF (a personal learning goal): only where its step offers one, else 404
    ("live_pages.phone_document", "POST"): NOBODY,
    ("live_pages.console", "GET"): SESSION_TRAINER,
    ("live_pages.screen", "GET"): SESSION_TRAINER,  # or whoever opened the screen-key link
    ("live_pages.media", "GET"): SAME_FOR_ALL,  # film clips shipped with a scenario
    ("live_pages.choose_join_address", "POST"): SESSION_TRAINER,  # or a co-trainer
    ("live_pages.add_co_trainer", "POST"): SESSION_TRAINER,  # the session's owner only
    ("live_pages.remove_co_trainer", "POST"): SESSION_TRAINER,
    # accounts
    ("auth.login", "GET"): EVERYONE,
    ("auth.login", "POST"): SAME_FOR_ALL,  # tried with a wrong password
    ("auth.logout", "POST"): SIGNED_IN,
    ("auth.setup", "GET"): NOBODY,  # the first-trainer link is void once a trainer exists
    ("auth.setup", "POST"): NOBODY,
    ("auth.account", "GET"): SIGNED_IN,  # one's own name and password
    ("auth.account", "POST"): SIGNED_IN,
    ("auth.reset", "GET"): NOBODY,  # only with a valid reset link
    ("auth.reset", "POST"): NOBODY,
    ("auth.accounts_page", "GET"): TRAINERS,
    ("auth.reset_link", "POST"): TRAINERS,
    ("auth.disable", "POST"): TRAINERS,
    ("account.token_list", "GET"): SIGNED_IN,
    ("account.create_token", "POST"): SIGNED_IN,
    ("account.revoke_token", "POST"): OWN_THINGS,
    # the trainer's dashboard
    ("dashboard.home", "GET"): TRAINERS,
    ("dashboard.create_session", "POST"): TRAINERS,
    ("dashboard.delete_session", "POST"): SESSION_TRAINER,
    ("dashboard.duplicate_session", "POST"): SESSION_TRAINER,  # or a co-trainer
    # the scenario library
    ("library.index", "GET"): TRAINERS,
    ("library.new", "GET"): TRAINERS,
    ("library.create", "POST"): TRAINERS,
    ("library.edit", "GET"): SESSION_TRAINER,  # the scenario's owner (shared: everyone may copy)
    ("library.save", "POST"): SESSION_TRAINER,
    ("library.delete", "POST"): SESSION_TRAINER,
    ("library.share", "POST"): SESSION_TRAINER,
    ("library.view", "GET"): TRAINERS,
    ("library.duplicate", "POST"): SESSION_TRAINER,
    ("library.download", "GET"): SESSION_TRAINER,
    ("library.upload", "POST"): TRAINERS,
    ("library.show_preview", "POST"): TRAINERS,
    # team plans and reports
    ("teamplan.team_list", "GET"): SIGNED_IN,
    ("teamplan.create_team", "POST"): TRAINERS,
    ("teamplan.edit_team", "GET"): TRAINERS,
    ("teamplan.edit_team", "POST"): TRAINERS,
    ("teamplan.link_lead", "POST"): TRAINERS,
    ("teamplan.unlink_lead", "POST"): TRAINERS,
    ("teamplan.team_plan", "GET"): TEAM,
    ("teamplan.plan_details", "POST"): TEAM,
    ("teamplan.add_agreement", "POST"): TEAM,
    ("teamplan.agreement_page", "GET"): TEAM,
    ("teamplan.agreement_page", "POST"): TEAM,
    ("teamplan.agreement_status", "POST"): TEAM,
    ("teamplan.move_agreement", "POST"): TEAM,
    ("teamplan.withdraw_agreement", "POST"): TEAM,
    ("teamplan.merge", "GET"): TEAM,
    ("teamplan.merge", "POST"): TEAM,
    ("reports.team_plan_export", "GET"): TEAM,
    ("reports.team_document_export", "GET"): TEAM,
    ("reports.session_report", "GET"): SESSION_READERS,
    ("reports.session_report_export", "GET"): SESSION_READERS,
    ("reports.session_results_export", "GET"): SESSION_READERS,
    ("reports.link_session", "POST"): SESSION_TRAINER,
    # the JSON API (bearer tokens only)
    ("api.openapi", "GET"): EVERYONE,
    ("api.team_list", "GET"): SIGNED_IN,
    ("api.team_plan", "GET"): TEAM,
    ("api.agreement_list", "GET"): TEAM,
    ("api.agreement_create", "POST"): TEAM,
    ("api.agreement_order", "PUT"): TEAM,
    ("api.agreement_detail", "GET"): TEAM,
    ("api.agreement_update", "PATCH"): TEAM,
    ("api.session_report", "GET"): SESSION_READERS,
    ("api.agreement_delete", "DELETE"): TEAM,
    **{("api.unknown", method): NOBODY for method in ("GET", "POST", "PUT", "PATCH", "DELETE")},
    # files and the health check
    ("static", "GET"): SAME_FOR_ALL,
    ("plugin_static", "GET"): SAME_FOR_ALL,
    ("teamplan.static", "GET"): SAME_FOR_ALL,
    ("health.healthz", "GET"): EVERYONE,  # "ok" for all; the figures for trainers (or a token)
}

#: Socket.IO: which live connection may send which event ("connect" is tried per role below).
PHONE, SCREEN, CONSOLE = "phone", "screen", "console"
EVENTS: dict[str, frozenset] = {
    "connect": frozenset({PHONE, SCREEN, CONSOLE}),
    "disconnect": frozenset({PHONE, SCREEN, CONSOLE}),
    "hello": frozenset({PHONE, SCREEN, CONSOLE}),
    "answer": frozenset({PHONE}),
    "withdraw": frozenset({PHONE}),
    "moment": frozenset({PHONE}),
    "control": frozenset({CONSOLE}),
}
#: Who may open which kind of live connection to the trainer's session.
CONNECTIONS: dict[str, frozenset] = {
    PHONE: _roles("participant"),
    SCREEN: _roles("trainer"),
    CONSOLE: _roles("trainer"),
}
