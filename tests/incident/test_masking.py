"""Names that look like the people involved never reach the shared screen."""

import pytest

from plugins.incident.masking import mask

NAMES = [("Anouk de Vries", "medewerker A"), ("Mo", "burger B"), ("Sanne", "[naam]")]


@pytest.mark.parametrize("text, shown", [
    ("Anouk stond alleen", "medewerker A stond alleen"),
    ("anouk de vries stond alleen", "medewerker A stond alleen"),
    ("Anouks collega kwam niet", "medewerker A collega kwam niet"),
    ("De collega van Anouk's team", "De collega van medewerker A team"),
    ("Mevrouw De Vries belde", "Mevrouw medewerker A belde"),
    ("Anuok had geen portofoon", "medewerker A had geen portofoon"),  # one typo
    ("Mo schreeuwde tegen Anouk", "burger B schreeuwde tegen medewerker A"),
    ("Sanne en Anouk", "[naam] en medewerker A"),
    ("Zoë en Sánne", "Zoë en [naam]"),
])
def test_names_and_words_that_look_like_them_become_the_role(text, shown):
    assert mask(text, NAMES) == shown


@pytest.mark.parametrize("text", [
    "Morgen bellen we terug", "De deur was op slot", "Een monitor viel om", "Annuleren mocht niet",
])
def test_ordinary_words_stay(text):
    assert mask(text, NAMES) == text


def test_without_names_the_text_is_untouched():
    assert mask("Anouk stond alleen", []) == "Anouk stond alleen"
