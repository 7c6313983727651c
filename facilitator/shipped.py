"""Where the host's page templates and built-in scenarios are.

They are data, not Python packages: in the source tree they are the folders ``templates/`` and
``scenarios/`` beside the ``facilitator`` package; a wheel carries the same folders inside the
package, as ``facilitator/_shipped/`` (``force-include`` in pyproject.toml). The import names of
the code are the same either way.
"""

from __future__ import annotations

from pathlib import Path

import facilitator

PACKAGE = Path(facilitator.__file__).resolve().parent


def folder(name: str) -> Path:
    """The folder ``templates`` or ``scenarios`` of this installation."""
    if name not in ("templates", "scenarios"):
        raise ValueError(f"no shipped folder {name!r}")
    installed = PACKAGE / "_shipped" / name
    return installed if installed.is_dir() else PACKAGE.parent / name
