"""GET /healthz tells a load balancer or a load test how this process is doing."""

from ..conftest import Phone


def test_healthz_reports_memory_cpu_and_who_is_connected(app, client, console, workshop):
    phones = [Phone(app, workshop["code"]) for _ in range(2)]
    response = client.get("/healthz")
    assert response.status_code == 200
    figures = response.get_json()
    assert figures["ok"] and figures["database"]
    assert figures["connections"] == {"phone": 2, "screen": 0, "console": 1}
    assert figures["rss_kb"] > 10_000 and figures["cpu_seconds"] > 0
    phones[0].sio.disconnect()
    assert client.get("/healthz").get_json()["connections"]["phone"] == 1


def test_healthz_needs_no_login_and_shows_nothing_personal(client, workshop):
    figures = client.get("/healthz").get_json()
    assert set(figures) == {"ok", "database", "pid", "rss_kb", "cpu_seconds", "threads",
                            "async_mode", "connections"}
