"""Actions named by closing steps: they reach storage through the services port."""

from __future__ import annotations

from typing import Any

from bot.i18n import long_date
from flows.registry import StepContext, action


@action("submit_complaint")
async def submit_complaint(ctx: StepContext) -> dict[str, Any]:
    """Store the complaint; the confirmation names its tracking number and what happens next."""
    tracking_no = await ctx.services.submit_complaint(dict(ctx.state.answers))
    config = ctx.services.config
    return {"tracking_no": tracking_no, "verify_days": config.verify_days,
            "followup_days": config.followup_days}


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
