"""What answers send, kept small without losing anything: the console gets a patch of the parts
that answers change (not its outline and list of people), which put in place gives exactly the
full console a reconnecting client asks for; phones that gave the same answer share one rendering
until results are shown, and each still sees its own answer and nobody else's."""

from __future__ import annotations

from facilitator.live.snapshots import patched
from facilitator.testing import LiveSession

from ..clients import put_in_place

STATEMENTS = {"activities": [{"type": "statements", "title": "Stellingen", "config": {
    "statements": ["Schelden hoort bij het werk.", "Ik meld elk incident."]}}]}


QUESTIONNAIRE = {"activities": [{"type": "questionnaire", "title": "Leerdoelwijzer", "config": {
    "aspects": [{"title": "Risico-inschatting", "statements": ["Ik schat vooraf het risico in."]}]}}]}


def _pushed(view) -> list[dict]:
    return view.received()


def test_answers_send_the_console_a_patch_that_makes_the_full_console(tmp_path):
    session = LiveSession(STATEMENTS, folder=tmp_path, phones=4, names=["Anouk", "Bram"])
    session.trainer.do("start")
    shown = session.trainer.snapshot()
    _pushed(session.trainer)
    for phone, choice in zip(session.phones, ["agree", "disagree", "agree"], strict=False):
        assert phone.answer({"choice": choice})["ok"]
        pushed = _pushed(session.trainer)
        assert pushed and all("parts" in s and "html" not in s for s in pushed), \
            "answers re-sent the whole console"
        assert set(pushed[-1]["parts"]) == {"controls", "status", "results", "live"}
        assert "Anouk" not in str(pushed[-1]["parts"]), "the list of people came along"
        assert "Ik meld elk incident" not in str(pushed[-1]["parts"]), "the outline came along"
        assert 'data-action="end"' not in str(pushed[-1]["parts"]), "the step's head came along"
        shown = put_in_place(shown, pushed)
        full = session.trainer.snapshot()  # what a reconnecting console gets
        assert shown["html"] == full["html"]
        assert shown["meta"]["answered"] == full["meta"]["answered"]
    assert '<strong>3</strong>' in shown["html"]  # "3 of 4 connected have answered"

    session.join("Chantal")  # people coming: the whole console, with the new name
    people = _pushed(session.trainer)
    assert people and "html" in people[-1] and "Chantal" in people[-1]["html"]
    session.trainer.do("next")  # a step change: the whole console
    assert "html" in _pushed(session.trainer)[-1]


def test_answers_send_the_screen_only_their_count_until_the_trainer_reveals(tmp_path):
    session = LiveSession(STATEMENTS, folder=tmp_path, phones=4)
    session.trainer.do("start")
    shown = session.screen.snapshot()
    _pushed(session.screen)
    for phone, choice in zip(session.phones, ["agree", "disagree", "agree"], strict=False):
        assert phone.answer({"choice": choice})["ok"]
        pushed = _pushed(session.screen)
        assert pushed and all("parts" in s and "html" not in s for s in pushed), \
            "an answer re-sent the whole screen"
        assert set(pushed[-1]["parts"]) == {"answered"}
        shown = put_in_place(shown, pushed)
        assert shown["html"] == session.screen.snapshot()["html"]  # what a reconnecting screen gets
    assert "3 van 4 hebben geantwoord" in shown["html"]
    assert "eens" not in shown["html"].lower()  # nothing of the stands before the reveal

    session.trainer.do("reveal")  # the results on the screen: answers now change the whole screen
    assert "html" in _pushed(session.screen)[-1]
    assert session.phones[3].answer({"choice": "disagree"})["ok"]
    last = _pushed(session.screen)[-1]
    assert "html" in last and last["html"] == session.screen.snapshot()["html"]


def test_a_screen_that_follows_the_input_is_sent_whole_after_an_answer(tmp_path):
    from facilitator.contract.plugins import work_form

    session = LiveSession(QUESTIONNAIRE, folder=tmp_path, phones=3)
    with session.app.app_context():
        assert work_form("questionnaire").screen_follows_input  # it counts in its own words
    session.trainer.do("start")
    _pushed(session.screen)
    assert session.phones[0].answer({"aspect": "0", "q-0-0": "soms", "at": "1"})["ok"]
    last = _pushed(session.screen)[-1]
    assert "html" in last and "1 deelnemer heeft geantwoord" in last["html"]


def test_a_patch_for_another_step_or_a_missing_part_is_not_applied():
    page = '<div><section class="current-step" data-part="current"><section>a</section></section>' \
           '<aside><section data-part="live">1</section></aside></div>'
    done = patched(page, {"current": '<section data-part="current">b</section>',
                          "live": '<section data-part="live">2</section>'})
    assert done == '<div><section data-part="current">b</section><aside>' \
                   '<section data-part="live">2</section></aside></div>'
    assert patched(page, {"people": "<ul></ul>"}) is None


def test_phones_with_the_same_answer_share_a_rendering_and_each_sees_only_its_own(tmp_path,
                                                                                 monkeypatch):
    from facilitator.live import snapshots

    session = LiveSession(STATEMENTS, folder=tmp_path, phones=6)
    session.trainer.do("start")
    renderings = []
    render = snapshots.Reading._render

    def counted(reading, template, context, language=None):
        renderings.append(template)
        return render(reading, template, context, language)

    monkeypatch.setattr(snapshots.Reading, "_render", counted)
    from facilitator.extensions import db
    from facilitator.live import broadcast

    refresher = session.app.extensions["facilitator.refresher"]
    refresher.interval, refresher.background = 10, False  # gather the answers, refresh once
    choices = ["agree", "agree", "agree", "disagree", "disagree", "agree"]
    for phone, choice in zip(session.phones, choices, strict=True):
        assert phone.answer({"choice": choice})["ok"]
    renderings.clear()
    with session.app.test_request_context():
        refresher.flush()
        db.session.remove()
    assert renderings.count("live/phone_step.html") == 2, renderings  # agree, disagree
    for phone, choice in zip(session.phones, choices, strict=True):
        page = phone.received()[-1]["html"]
        other = "disagree" if choice == "agree" else "agree"
        assert f'value="{choice}" aria-pressed="true"' in page
        assert f'value="{other}" aria-pressed="true"' not in page
    assert broadcast  # the module that sent them

    session.trainer.do("reveal")  # now phones see results: one's own entry may be marked in them
    assert session.phones[0].received()[-1]["meta"]["revealed"]


def test_a_refresh_or_a_turn_of_answers_for_a_session_deleted_meanwhile_finds_nothing(app):
    """A refresh (or a turn of answers) can be due just after the trainer deleted the session."""
    import pytest

    from facilitator.contract.workform import InputRejected
    from facilitator.extensions import db
    from facilitator.live import answers, snapshots

    with app.test_request_context():
        assert snapshots.read_by_id(987654) is None
        with pytest.raises(InputRejected):
            answers.take_together(987654, [answers.Answer(1, "s1", {"choice": "agree"}, "c", False)])
        db.session.remove()


def test_what_the_console_patch_leaves_out_does_not_follow_the_input(app):
    """Of the current step, a patch for answers sends only the blocks of ``CONSOLE_BLOCKS`` (and
    a running countdown): the rest of the template must not look at anything answers or time
    change (the count, the entries, the results and whether they are enough, the work form's
    judgement of the state, the people, the time left)."""
    from jinja2 import nodes

    from facilitator.live.snapshots import CONSOLE_BLOCKS

    source = app.jinja_env.loader.get_source(app.jinja_env, "live/console_current.html")[0]
    tree = app.jinja_env.parse(source)
    # and a running countdown, whose time left is rendered into it: live.js counts on from there
    assert {block.name for block in tree.find_all(nodes.Block)} == {*CONSOLE_BLOCKS, "countdown"}
    for block in tree.find_all(nodes.Block):
        assert f'data-part="{block.name}"' in str(block.body), f"{block.name}: no data-part"

    def outside(node):
        for child in node.iter_child_nodes():
            if not isinstance(child, nodes.Block):
                yield child
                yield from outside(child)

    looked_at = {node.name for node in outside(tree) if isinstance(node, nodes.Name)} | \
        {node.attr for node in outside(tree) if isinstance(node, nodes.Getattr)}
    # (before the start there are no blocks: the patch is the whole current step, with the count
    # of those who joined)
    following = {"answered", "entries", "results", "enough", "form", "pausing", "people",
                 "connected", "template", "countdown"}
    assert not looked_at & following, f"outside the blocks: {looked_at & following}"
