"""The statements work form, on plain data."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from facilitator import (
    ANONYMOUS,
    NAMED,
    Choice,
    ConfigInvalid,
    Contribution,
    InputRejected,
    LongText,
    Problem,
    Repeat,
    Step,
    StepView,
    Text,
    WorkForm,
    _,
    _l,
    text_items,
)

CHOICES = ("agree", "disagree")
MAX_STATEMENT = 400
MAX_EXPLANATION = 1200
_YOUTUBE = re.compile(r"(?:youtube\.com/watch\?v=|youtu\.be/|youtube\.com/embed/)([\w-]{6,20})")
_VIMEO = re.compile(r"vimeo\.com/(?:video/)?(\d{5,12})")


_MEDIA_FILE = re.compile(r"[\w-][\w.-]*(?:/[\w-][\w.-]*)*")


def clip_reference_ok(clip) -> bool:
    """A file name under the scenario's ``media`` folder (``clips/balie.mp4``: no leading ``/``,
    no ``//``, no ``..`` or other part that starts with a dot) or an https:// address with a host."""
    if not isinstance(clip, str) or len(clip) > 200:
        return False
    if clip.startswith("https://"):
        parts = urlsplit(clip)
        return bool(parts.hostname) and not re.search(r"[\s\x00-\x1f\\]", clip)
    return _MEDIA_FILE.fullmatch(clip) is not None


def clip_embed(clip: str | None) -> dict[str, str] | None:
    """How to show a film clip: an embeddable player, or a plain video file."""
    if not clip:
        return None
    if match := _YOUTUBE.search(clip):
        return {"kind": "iframe",
                "src": f"https://www.youtube-nocookie.com/embed/{match.group(1)}"}
    if match := _VIMEO.search(clip):
        return {"kind": "iframe", "src": f"https://player.vimeo.com/video/{match.group(1)}"}
    return {"kind": "video", "src": clip}


class Statements(WorkForm):
    name = "statements"
    title = _l("Agree/disagree statements")
    description = _l("Everyone takes a stand on statements; the trainer reveals how the group "
                     "is divided and how many know the policy's answer.")
    screen_follows_input = False  # the statement and the count, until the trainer reveals
    fields = [
        Choice("visibility", _l("Who sees the stands"), required=True, default=ANONYMOUS, options=[
            (ANONYMOUS, _l("Anonymous")), (NAMED, _l("Named, when the session is named"))]),
        Repeat("statements", _l("Statements"), item_label=_l("Statement"), minimum=1, fields=[
            LongText("text", _l("Text"), required=True, max_length=MAX_STATEMENT, rows=2),
            LongText("explanation", _l("Explanation after the reveal"), max_length=MAX_EXPLANATION,
                     rows=3),
            Choice("policy_answer", _l("Policy answer"), options=[
                ("agree", _l("agree")), ("disagree", _l("disagree"))],
                help=_l("What our policy says. Leave it empty when there is no right answer.")),
            Text("clip", _l("Film clip"), help=_l(
                "An https:// address (YouTube, Vimeo or a video file) or a file name under the scenario.")),
            Text("source", _l("Source"), help=_l("Where the policy answer comes from.")),
        ]),
    ]

    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        problems: list[Problem] = []
        items = config.get("statements")
        if not isinstance(items, list) or not items:
            raise ConfigInvalid([Problem("statements", _("Add at least one statement."))])
        visibility = config.get("visibility", ANONYMOUS)
        if visibility not in (ANONYMOUS, NAMED):
            problems.append(Problem("visibility", _("Choose anonymous or named.")))
        cleaned = []
        for where, item, text in text_items(items, "statements", problems, limit=MAX_STATEMENT,
                                            needs_text=_("A statement needs a text.")):
            policy = item.get("policy_answer")
            if policy not in (None, *CHOICES):
                problems.append(Problem(f"{where}.policy_answer",
                                        _("The policy answer is agree or disagree.")))
            explanation = item.get("explanation") or ""
            if not isinstance(explanation, str) or len(explanation) > MAX_EXPLANATION:
                problems.append(Problem(f"{where}.explanation", _(
                    "At most %(n)d characters.", n=MAX_EXPLANATION)))
            clip = item.get("clip") or None
            if clip is not None and not clip_reference_ok(clip):
                problems.append(Problem(f"{where}.clip", _(
                    "A clip is an https:// address or a file name under the scenario.")))
            cleaned.append({"text": text, "policy_answer": policy,
                            "explanation": explanation.strip(), "clip": clip,
                            "source": str(item.get("source") or "").strip()})
        if problems:
            raise ConfigInvalid(problems)
        return {"statements": cleaned, "visibility": visibility}

    def plan(self, config: dict[str, Any]) -> list[Step]:
        return [
            Step(key=f"s{index + 1}", title=_short(item["text"]),
                 visibility=config.get("visibility", ANONYMOUS), item=item)
            for index, item in enumerate(config["statements"])
        ]

    def accept(self, view: StepView, data: dict[str, Any], me) -> Contribution:
        choice = data.get("choice")
        if choice not in CHOICES:
            raise InputRejected(_("Choose agree or disagree, or pass."))
        return Contribution({"choice": choice})

    def results(self, view: StepView) -> dict[str, Any]:
        counts = {choice: 0 for choice in CHOICES}
        answers = view.answers()
        for entry in answers:
            if entry.payload.get("choice") in counts:
                counts[entry.payload["choice"]] += 1
        answered = sum(counts.values())
        passes = len(view.entries) - len(answers)
        policy = view.step.item.get("policy_answer")
        percent = {c: round(100 * n / answered) if answered else 0 for c, n in counts.items()}
        return {
            "counts": counts, "answered": answered, "passes": passes, "percent": percent,
            "policy_answer": policy,
            "policy_share": percent[policy] if policy and answered else None,
        }

    def report(self, view: StepView) -> dict[str, Any]:
        r = self.results(view)
        row = [view.step.item["text"], str(r["counts"]["agree"]), str(r["counts"]["disagree"]),
               str(r["passes"])]
        if r["policy_share"] is not None:
            row.append(f"{r['policy_share']}%")
        return {"paragraphs": [view.notes] if view.notes else [], "tables": [
            {"caption": "", "headers": [_("Statement"), _("Agree"), _("Disagree"), _("Pass"),
                                        _("Gave the policy answer")][:len(row)], "rows": [row]}]}

    def leave(self, view: StepView) -> None:
        view.keep_open_point(_("Set aside statement: %(statement)s",
                               statement=view.step.item["text"]))

    def clip(self, clip: str | None) -> dict[str, str] | None:
        return clip_embed(clip)

    def phone_context(self, view, me, mine) -> dict[str, Any]:
        chosen = next((e.payload.get("choice") for e in mine if not e.passed), None)
        return {"chosen": chosen}


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
