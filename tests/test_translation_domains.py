"""Each plugin translates in its own domain and the host in its own: no catalog's wording leaks
into another's pages (issue 18)."""

import re


def _button(html: str, action: str) -> str:
    found = re.search(rf'<button[^>]*data-action="{action}"[^>]*>([^<]*)</button>', html)
    assert found, f"no {action} button"
    return found.group(1).strip()


def test_the_dutch_console_offers_to_set_a_step_aside_in_the_hosts_words(app, console, phones):
    """The button is an action, "Apart houden"; the quiz's heading for what was set aside is a
    state, "Apart gehouden". One merged catalog showed the quiz's word on the host's button."""
    phones(1)
    assert console.do("start") == {"ok": True}
    assert _button(console.snapshot()["html"], "set_aside") == "Apart houden"
