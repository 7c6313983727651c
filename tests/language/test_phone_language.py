"""A participant in a Dutch session switches their phone's interface to English; what the trainer
wrote stays as written, and the other phones stay Dutch."""

from __future__ import annotations

STATEMENT = "Een klant die tegen mij scheldt"


def test_a_phone_switches_to_english_and_the_content_stays_dutch(app, workshop, console, phones):
    english, dutch = phones(2)
    console.do("start")
    code = workshop["code"]
    page = english.http.get(f"/p/{code}").get_data(as_text=True)
    assert "Ik heb even een moment nodig" in page and 'value="en"' in page
    switched = english.http.post(f"/p/{code}/language", data={"language": "en"})
    assert switched.status_code == 302
    page = english.http.get(f"/p/{code}").get_data(as_text=True)
    assert '<html lang="en">' in page and "I need a moment" in page and STATEMENT in page
    assert "Nederlands" in page  # and back
    assert "Agree" in english.snapshot()["html"] and STATEMENT in english.snapshot()["html"]
    assert "Eens" in dutch.snapshot()["html"] and "Agree" not in dutch.snapshot()["html"]

    english.sio.get_received()
    dutch.sio.get_received()
    console.do("next", step="s1")  # a broadcast: each phone in its own language
    pushed_en, pushed_nl = english.received()[-1]["html"], dutch.received()[-1]["html"]
    assert "Agree" in pushed_en and "Eens" in pushed_nl and "Agree" not in pushed_nl
    # the host's labels too, each in the phone's language (live views translate them once per
    # language in a process: the first language asked must not stick)
    assert "Anonymous: nobody sees who gave this answer" in pushed_en
    assert "Anoniem: niemand ziet wie dit antwoord gaf" in pushed_nl
    assert "Anonymous" not in pushed_nl

    assert english.http.post(f"/p/{code}/language", data={"language": "nl"}).status_code == 302
    assert "Ik heb even een moment nodig" in english.http.get(f"/p/{code}").get_data(as_text=True)
    assert english.http.post(f"/p/{code}/language", data={"language": "xx"}).status_code == 400
    assert app.test_client().post(f"/p/{code}/language", data={"language": "en"}).status_code == 404
