"""A list of texts in a configuration (``facilitator.contract.config.text_items``): each problem
named where the scenario editor shows it, in the order of the items."""

from facilitator import Problem, text_items


def walk(items, **limits):
    problems = []
    found = [(where, item, text) for where, item, text in text_items(
        items, "questions", problems, limit=10, needs_text="A question needs a text.",
        **limits)]
    return found, [(p.where, p.message) for p in problems]


def test_a_string_or_a_mapping_with_a_text_is_an_item_with_its_text_stripped():
    found, problems = walk(["  Hoe gaat? ", {"text": "Waarom?", "theme": "x"}])
    assert found == [("questions[0]", {"text": "  Hoe gaat? "}, "Hoe gaat?"),
                     ("questions[1]", {"text": "Waarom?", "theme": "x"}, "Waarom?")]
    assert problems == []


def test_each_problem_is_named_at_its_item_in_the_order_of_the_items():
    found, problems = walk([5, {"text": " "}, {"title": "x"}, "x" * 11, "ok"])
    assert problems == [
        ("questions[0]", "A question needs a text."),
        ("questions[1].text", "A question needs a text."),
        ("questions[2].text", "A question needs a text."),
        ("questions[3].text", "At most 10 characters.")]
    assert [where for where, _item, _text in found] == ["questions[3]", "questions[4]"]


def test_the_length_is_that_of_the_text_kept():
    found, problems = walk([" " + "x" * 10 + "\n"])
    assert problems == [] and found[0][2] == "x" * 10


def test_an_empty_or_missing_list_is_a_problem_only_where_one_is_needed():
    assert walk(None) == ([], [])
    assert walk([]) == ([], [])
    for value in (None, [], "Hoe gaat het?"):
        assert walk(value, at_least_one="Add one.") == ([], [("questions", "Add one.")])


def test_more_than_most_is_named_at_the_list_and_every_item_is_still_checked():
    found, problems = walk(["a", "b", ""], most=2, too_many="At most 2 questions.")
    assert problems == [("questions", "At most 2 questions."),
                        ("questions[2].text", "A question needs a text.")]
    assert len(found) == 2


def test_problems_added_while_walking_stand_between_those_of_the_caller():
    problems = []
    for where, _item, _text in text_items(["a", ""], "q", problems, limit=5, needs_text="Empty."):
        problems.append(Problem(f"{where}.theme", "Theme."))
    assert [p.where for p in problems] == ["q[0].theme", "q[1].text"]
