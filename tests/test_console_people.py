"""The console's list of people stays readable in a big session: everyone is listed up to sixty,
and beyond that those who need a moment and those who dropped out come first."""

import re

from sqlalchemy import select

from facilitator.extensions import db
from facilitator.live.snapshots import PEOPLE_LISTED
from facilitator.sessions import participation
from facilitator.sessions.models import Participant


def listed(html):
    """(classes, text) of each person in the console's list, in order (without the button that
    removes the person)."""
    people = re.search(r'<ul class="people">(.*?)</ul>', html, re.S).group(1)
    people = re.sub(r'<button[^>]*remove-person.*?</button>', "", people, flags=re.S)
    return [(classes, " ".join(re.sub(r"<[^>]+>", " ", text).split()))
            for classes, text in re.findall(r'<li class="([^"]*)">(.*?)</li>', people, re.S)]


def test_a_small_session_lists_everyone_in_the_order_they_joined(app, console, phones):
    a, b, c = phones(3, ["Anna", "Bram", None])
    people = listed(console.snapshot()["html"])
    assert [text for _, text in people] == ["Anna", "Bram", "Deelnemer 3"]
    assert all(classes == "online" for classes, _ in people)
    assert "data-unlisted" not in console.snapshot()["html"]


def test_a_big_session_lists_who_needs_attention_first_and_counts_the_rest(
        app, console, phones, workshop):
    online = phones(2)  # numbers 1 and 2, connected
    with app.test_request_context():
        for _ in range(PEOPLE_LISTED + 8):  # numbers 3 to 70, joined but not connected
            participation.join(workshop["code"], "")
        last = db.session.scalars(select(Participant).order_by(Participant.id.desc())).first()
        participation.need_a_moment(last, True)
        db.session.commit()
    assert online[1].sio.emit("moment", {"on": True}, callback=True) == {"ok": True}

    html = console.snapshot()["html"]
    people = listed(html)
    assert len(people) == PEOPLE_LISTED
    assert people[0] == ("offline moment", "Deelnemer 70 offline heeft even een moment nodig")
    assert people[1] == ("online moment", "Deelnemer 2 heeft even een moment nodig")
    assert [text for _, text in people[2:4]] == ["Deelnemer 3 offline", "Deelnemer 4 offline"]
    assert all(classes == "offline" for classes, _ in people[2:])
    assert ("online", "Deelnemer 1") not in people, "someone who is fine was listed before the rest"
    assert "en nog 10 deelnemers" in html
    assert "2 deelnemers hebben even een moment nodig" in html
