"""The scenario editor previews every step of the arena conversation and of the closing checklist
with their own phone and screen templates, from the config alone (nobody joined)."""

import pytest


@pytest.mark.parametrize(("scenario", "activity", "steps", "seen"), [
    ("arenagesprek-veilig-werken", 0, 7, "Binnenring"),
    ("thematisch-werkoverleg", 5, 1, "Hebben we dit bereikt?"),
])
def test_every_step_previews(trainer_client, scenario, activity, steps, seen):
    first = None
    for step in range(steps):
        shown = trainer_client.post("/trainer/library/preview", data={
            "scenario": scenario, "activity": str(activity), "step": str(step)}).get_json()["preview"]
        assert not shown.get("error"), (step, shown.get("error"))
        assert shown["step"] == step and len(shown["steps"]) == steps
        assert shown["phone"] and shown["screen"]
        first = first or shown
    assert seen in first["phone"] + first["screen"]
