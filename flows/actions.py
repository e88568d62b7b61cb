"""Actions named by closing steps: they reach storage through the services port."""

from __future__ import annotations

from typing import Any

from bot.core.i18n import long_date
from flows.registry import StepContext, action


@action("submit_complaint")
async def submit_complaint(ctx: StepContext) -> dict[str, Any]:
    """Store the complaint; the confirmation names its tracking number and what happens next."""
    classification = ctx.state.answers.get("classification")
    tracking_no = await ctx.services.submit_complaint(dict(ctx.state.answers))
    config = ctx.services.config
    verify, answer, extension, from_arrival = config.time_limits.get(
        str(classification), (config.verify_days, config.followup_days, 0, False))
    if from_arrival:  # an information request: the UU KIP clock the citizen is owed, told as such
        key = "complaint.timeline.informasi" if extension else "complaint.timeline.informasi_fixed"
        timeline = ctx.text(key, answer_days=_days(answer), extension_days=_days(extension))
    else:
        timeline = ctx.text("complaint.timeline.complaint", verify_days=_days(verify), followup_days=_days(answer))
    return {"tracking_no": tracking_no, "verify_days": _days(verify), "followup_days": _days(answer),
            "timeline": timeline}


def _days(value: float) -> str:
    """A working-day count as people write it: 3, not 3.0."""
    return str(int(value)) if float(value).is_integer() else str(value)


@action("discard")
async def discard(ctx: StepContext) -> dict[str, Any]:
    """Forget an unfinished complaint."""
    ctx.state.answers.clear()
    return {}


@action("show_status")
async def show_status(ctx: StepContext) -> dict[str, Any]:
    """A complaint's status and history, in the citizen's words."""
    found = await ctx.services.complaint_status(ctx.state.answers["tracking_no"])
    if found is None:  # checked by the validator a moment ago; kept for safety
        return {"tracking_no": ctx.state.answers["tracking_no"], "title": "", "status": "", "history": ""}
    lines = []
    for entry in found.history:
        line = ctx.text("status.history_line", date=long_date(entry.at.date(), ctx.locale),
                        status=ctx.text(f"status.name.{entry.status}"))
        if entry.note:
            line += f" — {entry.note}"
        lines.append(line)
    return {"tracking_no": found.tracking_no, "title": found.title,
            "status": ctx.text(f"status.name.{found.status}"), "history": "\n".join(lines)}
