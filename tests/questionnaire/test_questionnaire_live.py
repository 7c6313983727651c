"""A leerdoelwijzer (a built-in work form) in a live session, through the public harness: five
phones, the console and the shared screen over Socket.IO."""



SCENARIO = {
    "title": "Leerdoelwijzer",
    "activities": [{"type": "questionnaire", "title": "Leerdoelwijzer Publiekszaken", "config": {
        "threshold": 60,
        "aspects": [
            {"title": "Risico-inschatting", "statements": ["Ik schat vooraf het risico in.",
                                                           "Ik vraag hulp als het nodig is."]},
            {"title": "Stellen van grenzen", "statements": ["Ik benoem de norm van ons team."]},
        ]}}],
}


def test_five_phones_answer_and_the_team_picks_a_learning_goal(facilitator_session):
    session = facilitator_session(SCENARIO, phones=5)
    assert session.trainer.do("start")["ok"]
    first = session.phones[0]
    assert "Onderdeel 1 van 2" in first.html and "Risico-inschatting" in first.html
    # one radio group per statement, one radio per answer option
    assert first.html.count('name="q-0-1"') == 4 and 'name="q-0-2"' not in first.html
    answers = ["soms", "nooit", "soms", "vaak", "altijd"]
    for phone, answer in zip(session.phones, answers, strict=True):
        ack = phone.answer({"aspect": "0", "q-0-0": answer, "q-0-1": "altijd", "at": "1"})
        assert ack["ok"], ack
        assert "Onderdeel 2 van 2" in phone.html and "Stellen van grenzen" in phone.html
        assert phone.answer({"aspect": "1", "q-1-0": "nooit", "at": "2"})["ok"]
    # changed on the way back, while open
    assert first.answer({"at": "0"})["ok"]
    assert "Onderdeel 1 van 2" in first.html
    assert first.answer({"aspect": "0", "q-0-0": "nooit", "at": "2"})["ok"]
    assert "Wijzig onderdeel 1" in first.html
    # nothing of the team's result before the reveal
    assert 'data-statement="0.0"' not in session.screen.html
    assert "Kandidaat" not in session.screen.html
    assert session.trainer.do("close")["ok"]
    assert not first.answer({"aspect": "0", "q-0-0": "nooit"})["ok"]  # closed: no more changes
    # each phone its own profile (the personal goal comes at the next step)
    assert "Jouw eigen profiel" in first.html
    assert "Ik schat vooraf het risico in.</span>: <strong data-answer-text>nooit" in first.html
    assert "Ik schat vooraf het risico in.</span>: <strong data-answer-text>soms" in (
        session.phones[2].html)
    assert session.trainer.do("reveal")["ok"]
    screen = session.screen.html
    assert 'data-statement="0.0"' in screen and 'data-candidate="1.0"' in screen
    # 0.0: nooit, nooit, soms out of five = 60%: a candidate; 0.1 (all altijd) is not
    assert 'data-candidate="0.0"' in screen and 'data-candidate="0.1"' not in screen
    assert 'data-statement="0.0"' in first.html  # the team result on the phone after the reveal
    ack = session.trainer.do("goal", key="1.0", owner="Teamleider", due="2027-03-01")
    assert ack["ok"], ack
    assert "teamleerdoel" in session.screen.html
    assert not session.trainer.do("goal", key="1.0")["ok"]
    report = session.report()
    text = repr(report)
    assert "Teamleerdoel: Ik benoem de norm van ons team." in text
    assert "Risico-inschatting" in text
    session.trainer.do("next")  # the personal learning goal, with the download
    assert "data-quest-download" in first.html and "data-quest-pdf" in first.html
    assert "Ik schat vooraf het risico in.</span>: <strong data-answer-text>nooit" in first.html


def test_below_the_minimum_group_the_screen_says_so_and_shows_nothing(facilitator_session):
    session = facilitator_session(SCENARIO, phones=2)
    session.trainer.do("start")
    for phone in session.phones:
        assert phone.answer({"aspect": "1", "q-1-0": "nooit"})["ok"]
    session.trainer.do("close")
    session.trainer.do("reveal")
    assert 'data-candidate' not in session.screen.html
    assert "minimumgroep" in session.screen.html
    assert 'data-statement' not in session.phones[0].html


MATRIX = {
    "title": "Ontwikkelmatrix",
    "activities": [{"type": "questionnaire", "config": {
        "kind": "matrix", "threshold": 50,
        "aspects": [{"title": "Na een incident", "statements": ["Incidenten melden (GIR)",
                                                                "Mezelf in veiligheid brengen"]}]}}],
}


def test_the_matrix_shows_a_heat_map_of_counts(facilitator_session):
    session = facilitator_session(MATRIX, phones=3)
    session.trainer.do("start")
    for phone, level in zip(session.phones, ["bewust van", "bewust van", "ik kan het anderen leren"],
                            strict=True):
        assert phone.answer({"aspect": "0", "q-0-0": level, "q-0-1": "ik heb meesterschap"})["ok"]
    assert "data-heat" not in session.screen.html  # not before the reveal
    session.trainer.do("close")
    session.trainer.do("reveal")
    screen = session.screen.html
    assert "data-heat" in screen and "ik kan het anderen leren" in screen
    # row "Incidenten melden": 2 x bewust van, 1 x ik kan het anderen leren: a candidate (67%)
    assert 'data-candidate="0.0"' in screen and 'data-candidate="0.1"' not in screen
    row = screen.split('data-statement="0.0"')[1].split("</tr>")[0]
    assert [cell.split(">")[1].split("<")[0] for cell in row.split("<td")[1:]] == [
        "2", "0", "0", "0", "0", "1"]


def test_offers_to_teach_reach_the_team_plan_and_no_names_on_an_anonymous_screen(
        facilitator_session):
    session = facilitator_session(MATRIX, phones=3)
    session.trainer.do("start")
    first, second, _third = session.phones
    assert first.answer({"aspect": "0", "q-0-0": "ik kan het anderen leren"})["ok"]
    session.trainer.do("next")
    assert 'value="0.0" checked' in first.html  # suggested from its own answers
    assert 'value="0.0" checked' not in second.html
    assert first.answer({"name": "Anna", "topic": "0.0"})["ok"]
    session.trainer.do("reveal")
    assert 'data-offer="0.0"' in session.screen.html and "Anna" not in session.screen.html
    assert "Anna" in session.trainer.html
    session.trainer.do("end")
    [table] = session.team_plan_sections()
    assert table.rows[0][:2] == ["Incidenten melden (GIR)", "Anna"]



def test_a_measurement_keeps_its_anonymous_tally_and_shows_no_comparison_alone(
        facilitator_session):
    session = facilitator_session(
        {"title": "0-meting", "activities": [{"type": "questionnaire", "config": {
            "scale": ["nooit", "1 keer", "vaker"], "attention": ["vaker"],
            "measurement": {"id": "vpt-2027", "phase": "0", "minimum": 2},
            "aspects": [{"title": "Afgelopen jaar", "statements": ["Uitgescholden?"]}]}}]},
        phones=3, team="Team West")
    session.trainer.do("start")
    for phone in session.phones:
        assert phone.answer({"aspect": "0", "q-0-0": "vaker"})["ok"]
    session.trainer.do("end")
    assert session.team_plan_sections() == []  # a 0-measurement alone compares nothing
