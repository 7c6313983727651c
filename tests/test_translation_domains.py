"""Each plugin translates in its own domain and the host in its own: no catalog's wording leaks
into another's pages (issue 18)."""

import re
from collections import defaultdict

from babel.messages.pofile import read_po

from facilitator import catalogs


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


def test_one_message_has_one_dutch_wording_across_all_catalogs():
    """The same English message, in the same context, reads the same in every catalog; where two
    owners need two Dutch words, they give the message a context (``pgettext``). Before domains
    were split, 84 messages were shared and 6 read two ways; the last catalog loaded won."""
    wordings = defaultdict(dict)
    for domain in catalogs.domains():
        for po in domain.po_files():
            with po.open("rb") as source:
                for message in read_po(source):
                    if message.id:
                        key = (message.context, _key(message.id))
                        wordings[key][str(po.relative_to(catalogs.REPOSITORY))] = \
                            _key(message.string)
    two_ways = {key: found for key, found in wordings.items() if len(set(found.values())) > 1}
    assert not two_ways, f"translated two ways without a context: {two_ways}"
    assert len([key for key, found in wordings.items() if len(found) > 1]) > 50  # shared, alike


def _key(value):
    return tuple(value) if isinstance(value, list | tuple) else value
