"""Join codes: six characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z)."""

import secrets

ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str:
    """What a person typed, as a code: case, spaces and dashes do not matter."""
    return "".join(ch for ch in (typed or "").upper() if ch.isalnum())[:LENGTH * 2]
