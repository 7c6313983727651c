"""The scenario editor knows the team workshop's settings, and its preview renders every step from
the configuration alone (nobody joined yet)."""


def test_the_editor_shows_the_settings_and_previews_every_step(trainer_client):
    page = trainer_client.get(
        "/trainer/library/builtin/teamworkshop-samen-veilig-aan-de-balie").get_data(as_text=True)
    for label in ("Thema", "Waarom we hier vandaag zijn", "Stippen per deelnemer per bord",
                  "Hoeveel punten per bord de top vormen", "Mensen per groepje"):
        assert label in page, label
    titles = []
    for step in range(5):
        answer = trainer_client.post("/trainer/library/preview", data={
            "scenario": "teamworkshop-samen-veilig-aan-de-balie", "activity": "0",
            "step": str(step)}).get_json()
        shown = answer["preview"]
        assert shown["step"] == step and "error" not in shown, (step, shown.get("error"))
        assert "<h1" in shown["phone"] and "<h1" in shown["screen"]
        titles.append(shown["steps"][step])
    assert len(titles) == 5
    first = trainer_client.post("/trainer/library/preview", data={
        "scenario": "teamworkshop-samen-veilig-aan-de-balie", "activity": "0",
        "step": "0"}).get_json()["preview"]
    assert "Op welk bord?" in first["phone"] and "Agressie en veiligheid aan de balie" in first["screen"]
