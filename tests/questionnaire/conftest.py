"""The real-browser fixtures of tests/browser, for the questionnaire's browser test here."""

from ..browser.conftest import (  # noqa: F401
    browser,
    js_errors,
    live_server,
    new_phone,
    screenshot,
    trainer_page,
)
