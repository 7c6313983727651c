"""Join codes cannot be guessed at scale.

Every client address may try ``JOIN_RATE_LIMIT`` codes that lead nowhere, wherever a code comes
in: the landing page, the join link, the phone page and the phone's live connection. Past that,
every code from that address is refused for a while, right or wrong, so the refusals teach
nothing. Right codes never count: fifty phones behind one router all get in; and a phone that
already takes part (its token) is never held up by a guesser on the same router.

The counts live in Flask-Limiter's storage (memory, or Redis when several processes serve), in a
moving window: once the limit is reached, the address waits until its oldest miss has aged out.
"""

from __future__ import annotations

from flask import current_app
from flask_limiter.util import get_remote_address
from limits import parse
from limits.strategies import MovingWindowRateLimiter

from . import workshops
from .extensions import limiter
from .i18n import _
from .joincodes import normalise
from .models import Participant, Workshop
from .workform import InputRejected


class TooManyCodes(InputRejected):
    """This address tried too many codes that do not exist."""


def find(code: str, member: Participant | None = None) -> Workshop | None:
    """The workshop with this code, counting a miss against the asking address.

    ``member`` is whom the asker's token says they are; if they take part in this very workshop,
    they are not guessing.
    """
    if member is not None and member.workshop.code == normalise(code):
        return member.workshop
    if not limiter.enabled:
        return workshops.by_code(code)
    budget = parse(current_app.config["JOIN_RATE_LIMIT"])
    who = ("join-codes", get_remote_address())
    window = MovingWindowRateLimiter(limiter.storage)
    if not window.test(budget, *who):
        raise TooManyCodes(_("Too many codes were tried from this device. Wait a minute and "
                             "try again."))
    workshop = workshops.by_code(code)
    if workshop is None:
        window.hit(budget, *who)
    return workshop
