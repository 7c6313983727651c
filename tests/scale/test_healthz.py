"""GET /healthz: to anyone only "ok"; the figures (process, memory, CPU, connections) only to a
signed-in trainer or with the health token (FACILITATOR_HEALTH_TOKEN), as a load test asks."""

from ..conftest import Phone, login

TOKEN = {"Authorization": "Bearer health-secret-123"}


def test_healthz_reports_memory_cpu_and_who_is_connected_to_a_trainer(app, trainer_client, console,
                                                                      workshop):
    phones = [Phone(app, workshop["code"]) for _ in range(2)]
    response = trainer_client.get("/healthz")
    assert response.status_code == 200
    figures = response.get_json()
    assert figures["ok"] and figures["database"]
    assert figures["connections"] == {"phone": 2, "screen": 0, "console": 1}
    assert figures["rss_kb"] > 10_000 and figures["cpu_seconds"] > 0
    phones[0].sio.disconnect()
    assert trainer_client.get("/healthz").get_json()["connections"]["phone"] == 1
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_in_public_says_only_ok(client, workshop):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"ok": True}
    assert client.get("/healthz", headers={"Authorization": "Bearer wrong"}).get_json() == {"ok": True}


def test_the_health_token_shows_the_figures(make_app, trainer):
    app = make_app(HEALTH_TOKEN="health-secret-123")
    figures = app.test_client().get("/healthz", headers=TOKEN).get_json()
    assert set(figures) == {"ok", "database", "pid", "rss_kb", "cpu_seconds", "threads",
                            "async_mode", "connections"}
    assert app.test_client().get("/healthz").get_json() == {"ok": True}


def test_a_team_lead_sees_no_figures(app, trainer):
    from facilitator.web.accounts import add_user

    from ..conftest import PASSWORD

    with app.app_context():
        add_user("lead@balie.nl", PASSWORD, "teamlead")
    client = app.test_client()
    login(client, "lead@balie.nl")
    assert client.get("/healthz").get_json() == {"ok": True}
