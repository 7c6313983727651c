"""Issue 26, item 6: the sign-in limit counts failed sign-ins, per address and per account, so
trainers behind one router do not lock each other out by signing in."""

from __future__ import annotations

from facilitator.web.accounts import add_user

PASSWORD = "correct horse battery"


def _app(make_app):
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="10 per minute")
    with app.app_context():
        for n in range(12):
            add_user(f"trainer{n}@example.nl", PASSWORD, "trainer")
    return app


def _sign_in(app, email, password=PASSWORD, address="192.0.2.10"):
    return app.test_client().post("/login", data={"email": email, "password": password},
                                  environ_base={"REMOTE_ADDR": address}).status_code


def test_twelve_trainers_behind_one_router_all_sign_in(make_app):
    app = _app(make_app)
    assert [_sign_in(app, f"trainer{n}@example.nl") for n in range(12)] == [302] * 12
    assert _sign_in(app, "trainer0@example.nl") == 302  # and again


def test_ten_failures_from_one_address_stop_that_address(make_app):
    app = _app(make_app)
    assert [_sign_in(app, f"trainer{n}@example.nl", "wrong") for n in range(10)] == [401] * 10
    assert _sign_in(app, "trainer11@example.nl") == 429
    assert _sign_in(app, "trainer11@example.nl", address="198.51.100.4") == 302


def test_ten_failures_on_one_account_stop_that_account_from_any_address(make_app):
    app = _app(make_app)
    assert [_sign_in(app, "trainer0@example.nl", "wrong", address=f"203.0.113.{n}")
            for n in range(10)] == [401] * 10
    assert _sign_in(app, "trainer0@example.nl", address="203.0.113.99") == 429
    assert _sign_in(app, "TRAINER0@example.nl ", address="203.0.113.98") == 429  # same account
    assert _sign_in(app, "trainer1@example.nl", address="203.0.113.99") == 302
