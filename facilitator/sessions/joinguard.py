"""Join codes cannot be guessed at scale, and nobody can pour fake colleagues into a session.

Codes that lead nowhere count, wherever a code comes in (the landing page, the join link, the
phone page, the phone's live connection), against two budgets: the browser's own
(``JOIN_RATE_LIMIT``, 20 a minute; the browser is known by its session cookie) and its address's
(``JOIN_ADDRESS_LIMIT``, 200 a minute, for everything sent without a cookie and for a room's worth
of mistypes). A browser past its budget, or anyone at an address past the address's, is refused
every code, right or wrong, so the refusals teach nothing; a newcomer behind the same router is not
held up by a guesser until the guesser has sent 200 wrong codes in a minute. A phone that already
takes part (its token) is never held up. Each count is taken atomically, as a hit on the moving
window, so two hundred wrong codes sent at once get no more answers than the budget.

Joining with a right code makes a participant; that too has budgets, per address and code
(``JOINS_PER_ADDRESS``, 100 a minute) and per code (``JOINS_PER_CODE``, 1,000 a minute).

The counts live in Flask-Limiter's storage (memory, or Redis when several processes serve).
"""

from __future__ import annotations

import secrets

from flask import current_app, has_request_context, session
from flask_limiter.util import get_remote_address
from limits import parse
from limits.strategies import MovingWindowRateLimiter

from ..contract.workform import InputRejected
from ..extensions import limiter
from ..i18n import _
from . import workshops
from .joincodes import normalise
from .models import Participant, Workshop


class TooManyCodes(InputRejected):
    """This address tried too many codes that do not exist."""


class TooManyJoins(TooManyCodes):
    """Too many new participants from this address, or for this code, just now."""


def _window() -> MovingWindowRateLimiter:
    return MovingWindowRateLimiter(limiter.storage)


def _budgets() -> list[tuple]:
    """(limit, key) of the budgets a miss counts against: the browser's, then the address's (a
    browser past its own budget uses up no more of its address's)."""
    address = get_remote_address()
    budgets = [(parse(current_app.config["JOIN_ADDRESS_LIMIT"]), ("join-codes", address))]
    browser = session.get("browser") if has_request_context() else None
    if isinstance(browser, str):
        budgets.insert(0, (parse(current_app.config["JOIN_RATE_LIMIT"]),
                           ("join-codes", address, browser)))
    return budgets


def _too_many() -> TooManyCodes:
    return TooManyCodes(_("Too many codes were tried from this device. Wait a minute and try "
                          "again."))


def find(code: str, member: Participant | None = None) -> Workshop | None:
    """The workshop with this code, counting a miss against the asking browser and address.

    ``member`` is whom the asker's token says they are; if they take part in this very workshop,
    they are not guessing.
    """
    if member is not None and member.workshop.code == normalise(code):
        return member.workshop
    if not limiter.enabled:
        return workshops.by_code(code)
    window = _window()
    workshop = workshops.by_code(code)
    if workshop is None:
        if has_request_context() and "browser" not in session:  # a budget of its own from now on
            session["browser"] = secrets.token_hex(8)
        if not all(window.hit(limit, *key) for limit, key in _budgets()):  # atomic; in order,
            raise _too_many()                                              # stops at the first
        return None
    if not all(window.test(limit, *key) for limit, key in _budgets()):
        raise _too_many()
    return workshop


def count_join(code: str) -> None:
    """A new participant for this code: refuse it past the budgets per address and per code."""
    if not limiter.enabled:
        return
    window = _window()
    per_address = window.hit(parse(current_app.config["JOINS_PER_ADDRESS"]), "joins", code,
                             get_remote_address())
    if not per_address or not window.hit(parse(current_app.config["JOINS_PER_CODE"]), "joins",
                                         code):
        raise TooManyJoins(_("Too many people are joining from here right now. Wait a minute "
                             "and try again."))
