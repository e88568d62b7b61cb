"""Options and prompt values computed at run time (categories, suggestions, the summary)."""

from __future__ import annotations

from typing import Any

from bot.core.labels import shorten
from bot.core.messages import Option
from flows.dates import date_in_words
from flows.registry import StepContext, options, values
from flows.validators import agency_suggestion, offered_places, story_text, title_suggestion


def clip(text: str, size: int) -> str:
    """Shorten text to size characters at most, marking the cut.

    >>> clip("Jalan rusak di depan sekolah", 12)
    'Jalan rusak…'
    """
    return shorten(text, size)  # at a word: never "…Kabupaten Lombok Ti…"


@options("categories")
async def categories(ctx: StepContext) -> list[Option]:
    """The deployment's complaint categories, the one the story suggests first."""
    ids = list(ctx.services.config.categories)
    story = story_text(ctx)
    suggested = ctx.services.suggest_category(story) if story else None
    if suggested in ids:
        ids.remove(suggested)
        ids.insert(0, suggested)
    return [Option(c, ctx.text(f"category.{c}")) for c in ids]


@options("region_candidates")
async def region_candidates(ctx: StepContext) -> list[Option]:
    """Same-named places to choose from (at most five), and "not in the list"."""
    found = (ctx.state.answers.get("location") or {}).get("candidates") or []
    return [*(Option(c["code"], c["label"]) for c in found[:5]),  # whole: each channel cuts it at a word
            Option("none", ctx.text("complaint.confirm_region.opt.none"))]


@values("region_question")
async def region_question(ctx: StepContext) -> dict[str, Any]:
    """"Which of these?" for same-named places; "this one?" for a desa named alone."""
    found = (ctx.state.answers.get("location") or {}).get("candidates") or []
    key = "complaint.confirm_region.one" if len(found) == 1 else "complaint.confirm_region.many"
    return {"question": ctx.text(key)}


@options("place_suggestion")
async def place_suggestion(ctx: StepContext) -> list[Option]:
    """The places the story named (one kecamatan, or each kabupaten's it read), to tap instead of typing."""
    offered = offered_places(ctx)
    return [Option(o["code"], o["label"]) for o in offered]  # whole: each channel cuts them at a word


@options("agency_options")
async def agency_options(ctx: StepContext) -> list[Option]:
    """The agency the story points to (if any), and "tidak tahu"."""
    suggestion = agency_suggestion(ctx)
    offered = [Option(suggestion.code, suggestion.name)] if suggestion else []  # whole: channels cut at a word
    return [*offered, Option("unknown", ctx.text("complaint.ask_agency.opt.unknown"))]


@values("agency_hint")
async def agency_hint(ctx: StepContext) -> dict[str, Any]:
    """One sentence naming the suggested agency, or nothing."""
    suggestion = agency_suggestion(ctx)
    return {"hint": ctx.text("complaint.ask_agency.hint", name=suggestion.name) if suggestion else ""}


@options("body_done")
async def body_done(ctx: StepContext) -> list[Option]:
    """Offer to move on once a photo or voice note stands in for the written story."""
    if ctx.state.answers.get("attachments"):
        return [Option("done", ctx.text("complaint.ask_body.opt.done"))]
    return []


@options("title_suggestion")
async def title_options(ctx: StepContext) -> list[Option]:
    """Offer the first words of the story as the title."""
    suggestion = title_suggestion(ctx)
    if not suggestion:
        return []
    return [Option("auto", ctx.text("complaint.ask_title.opt.auto", suggestion=clip(suggestion, 40)),
                   short=ctx.text("complaint.ask_title.opt.auto.short"))]


@values("title_suggestion")
async def title_values(ctx: StepContext) -> dict[str, Any]:
    """The suggested title, for the prompt."""
    return {"suggestion": title_suggestion(ctx) or ""}


@options("agency_candidates")
async def agency_candidates(ctx: StepContext) -> list[Option]:
    """One clear match as "Ya", or up to three to choose from; then "Bukan" and "Tidak tahu"."""
    found = ctx.state.answers.get("agency_candidates") or []
    if len(found) == 1:
        offered = [Option(found[0]["code"], ctx.text("complaint.confirm_agency.opt.yes"))]
    else:
        offered = [Option(c["code"], c["name"]) for c in found]  # whole: channels cut at a word
    return [*offered, Option("other", ctx.text("complaint.confirm_agency.opt.other")),
            Option("unknown", ctx.text("complaint.confirm_agency.opt.unknown"))]


@values("agency_question")
async def agency_question(ctx: StepContext) -> dict[str, Any]:
    """ "Maksud Anda: <name>?" for one clear match, or "which one?" for several."""
    found = ctx.state.answers.get("agency_candidates") or []
    if len(found) == 1:
        return {"question": ctx.text("complaint.confirm_agency.one", name=found[0]["name"])}
    return {"question": ctx.text("complaint.confirm_agency.many")}


@values("attachment_count")
async def attachment_count(ctx: StepContext) -> dict[str, Any]:
    """How many files the citizen has sent so far."""
    return {"count": len(ctx.state.answers.get("attachments", []))}


@options("my_complaints")
async def my_complaints(ctx: StepContext) -> list[Option]:
    """The citizen's own latest complaints, so nobody has to type a number."""
    briefs = await ctx.services.my_complaints(5)
    return [Option(b.tracking_no, f"{b.tracking_no} · {clip(b.title, 30)}", short=b.tracking_no)
            for b in briefs]


def incident_date_words(ctx: StepContext) -> str:
    """The incident date as said: "sekitar 2 Juni 2026", "1 Desember 2026, jam 16:00", "tidak ingat"."""
    return date_in_words(ctx.text, ctx.locale, ctx.state.answers)


@values("summary")
async def summary(ctx: StepContext) -> dict[str, Any]:
    """Every answer, worded for the read-back before submitting."""
    a = ctx.state.answers
    yes, no = ctx.text("common.opt.yes"), ctx.text("common.opt.no")
    loc = a.get("location") or {}
    place = loc.get("text") or ""
    if loc.get("label"):
        place = f"{loc['landmark']}, {loc['label']}" if loc.get("landmark") else loc["label"]
    if loc.get("lat") is not None:
        place = ctx.text("complaint.summary.point", place=place or "").strip()
    agency_code = a.get("agency")
    agency = (ctx.services.agency_name(agency_code) if agency_code else None) or ctx.text(
        "complaint.summary.no_agency")
    return {
        "classification": ctx.text(f"complaint.ask_classification.opt.{a.get('classification')}")
        if a.get("classification") else "",
        "title": a.get("title") or "",
        "body": clip(a.get("body") or ctx.text("complaint.summary.see_attachments"), 300),
        "date": incident_date_words(ctx),
        "location": place,
        "agency": agency,
        "category": ctx.text(f"category.{a['category']}") if a.get("category") else "",
        "attachments": len(a.get("attachments", [])),
        "anonymous": yes if a.get("is_anonymous") else no,
        "secret": yes if a.get("is_secret") else no,
        "contact": ctx.text("complaint.summary.contact_yes") if a.get("contact_consent")
        else ctx.text("complaint.summary.contact_no"),
    }
