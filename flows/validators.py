"""Validators named by the flows: each accepts an answer (Ok), keeps asking (Stay) or rejects it (Invalid)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import phonenumbers

from bot import tracking
from flows.dates import UNKNOWN, DateProblem, IncidentDate, date_words, read_incident_date
from flows.ports import AgencyChoice
from flows.registry import Answer, Invalid, Ok, Result, Stay, StepContext, validator

MAX_STORY = 5000
MAX_TITLE = 150
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def has_words(text: str | None, minimum: int = 1) -> bool:
    """Whether text holds at least `minimum` words with letters in them (emoji alone are not words).

    >>> has_words("jalan rusak parah", 3), has_words("👍👍👍", 1), has_words("12 34", 1)
    (True, False, False)
    """
    if not text:
        return False
    return sum(1 for w in text.split() if _LETTERS.search(w)) >= minimum


def local_today(ctx: StepContext) -> date:
    """Today's date where the deployment is."""
    return ctx.services.now().astimezone(ZoneInfo(ctx.services.config.timezone)).date()


@validator("story")
async def story(ctx: StepContext, answer: Answer) -> Result:
    """The chronology: a few words, or a photo/document/voice note instead."""
    attachments = ctx.state.answers.get("attachments", [])
    if answer.choice == "done":
        return Ok(ctx.state.answers.get("body") or "") if attachments else Invalid()
    text = (answer.text or "").strip()
    if not text and answer.media:
        return Stay("complaint.ask_body.media_received", {"count": len(attachments)})
    if len(text) > MAX_STORY:
        return Invalid("complaint.ask_body.too_long", {"max": MAX_STORY, "length": len(text)})
    if not has_words(text, 3):
        return Invalid()
    return Ok(" ".join(text.split(" ")))


def suggested_title(body: str | None) -> str | None:
    """The first words of the story, as a title for citizens who cannot write one.

    >>> suggested_title("Jalan di depan SD Negeri 3 rusak parah sejak bulan lalu, banyak lubang")
    'Jalan di depan SD Negeri 3 rusak parah…'
    """
    if not has_words(body):
        return None
    words = (body or "").split()
    title = " ".join(words[:8]).rstrip(",.;:")
    return title + "…" if len(words) > 8 else title


def title_suggestion(ctx: StepContext) -> str | None:
    """A title from the story, or from what was sent when the story is a photo or voice note."""
    suggestion = suggested_title(ctx.state.answers.get("body"))
    if suggestion:
        return suggestion
    attachments = ctx.state.answers.get("attachments") or []
    if attachments:
        return ctx.text("complaint.ask_title.media_title", kind=ctx.text(f"media.{attachments[0]['kind']}"))
    return None


@validator("title")
async def title(ctx: StepContext, answer: Answer) -> Result:
    """A short title, or the suggested one."""
    if answer.choice == "auto":
        suggestion = title_suggestion(ctx)
        return Ok(suggestion) if suggestion else Invalid()
    text = " ".join((answer.text or "").split())
    if len(text) > MAX_TITLE:
        return Invalid("complaint.ask_title.too_long", {"max": MAX_TITLE})
    if not has_words(text, 1) or len(text) < 3:
        return Invalid()
    return Ok(text)


@validator("incident_date")
async def incident_date(ctx: StepContext, answer: Answer) -> Result:
    """When it happened: a button, a phrase people say, or "tidak ingat" (stored as unknown); never the future."""
    today = local_today(ctx)
    if answer.choice in ("today", "yesterday", "unknown"):
        said = {"today": IncidentDate(today), "yesterday": IncidentDate(today - timedelta(days=1)),
                "unknown": UNKNOWN}[answer.choice]
    else:
        try:
            said = read_incident_date(answer.text or "", today, date_words(ctx.services.catalog))
        except DateProblem as problem:
            if str(problem) == "future":
                return Invalid("complaint.ask_date.future")
            return Invalid()
    extra = said.answers()
    return Ok(extra.pop("incident_date"), extra=extra)


@validator("location")
async def location(ctx: StepContext, answer: Answer) -> Result:
    """Where: a shared point (kept as is), or a typed place resolved to its region, landmark kept."""
    if answer.location is not None:
        loc = answer.location
        label = loc.name or loc.address
        point = {"lat": loc.lat, "lon": loc.lon, "text": label}
        found = ctx.services.locate_place(loc.lat, loc.lon)
        if found is not None:  # the point's kabupaten routes the complaint; a venue name stays the landmark
            point.update(region=found.code, label=found.label, landmark=label or "")
        return Ok(point)
    text = " ".join((answer.text or "").split())
    if not has_words(text) or len(text) < 3:
        return Invalid()
    if len(text) > 500:
        return Invalid("complaint.ask_location.too_long")
    found = ctx.services.resolve_place(text)
    if found.best is not None:
        return Ok({"text": text, "region": found.best.code, "label": found.best.label, "landmark": found.landmark})
    if found.options:
        candidates = [{"code": o.code, "label": o.label} for o in found.options]
        return Ok({"text": text, "landmark": found.landmark, "candidates": candidates}, branch="ambiguous")
    return Ok({"text": text})  # a place we do not know is still a place: staff read it


@validator("region_choice")
async def region_choice(ctx: StepContext, answer: Answer) -> Result:
    """Which of several same-named places was meant, or none of them."""
    loc = dict(ctx.state.answers.get("location") or {})
    candidates = {c["code"]: c["label"] for c in loc.pop("candidates", [])}
    if answer.choice == "none":
        return Ok(None, extra={"location": loc})
    if answer.choice in candidates:
        return Ok(None, extra={"location": {**loc, "region": answer.choice, "label": candidates[answer.choice]}})
    return Invalid()


def _region(ctx: StepContext) -> str | None:
    return (ctx.state.answers.get("location") or {}).get("region") or ctx.services.config.region


def agency_suggestion(ctx: StepContext) -> AgencyChoice | None:
    """The agency the story points to (puskesmas -> health office), when the keywords are clear."""
    title, body = ctx.state.answers.get("title") or "", ctx.state.answers.get("body") or ""
    # A title taken from the story ("Lampu jalan … mati…") is read once: glued to the story again its last
    # word and the story's first could make a phrase neither says ("mati… Lampu" → "mati lampu", PLN).
    if body.startswith(title.rstrip("…").rstrip()):
        title = ""
    story = " ".join(filter(None, (title, body)))
    found = ctx.services.suggest_agency(story, _region(ctx)) if story else []
    return found[0] if found and found[0].score >= 60 else None


@validator("agency")
async def agency(ctx: StepContext, answer: Answer) -> Result:
    """Which agency the citizen means: the suggested one, a typed name, or "tidak tahu"."""
    if answer.choice == "unknown":
        return Ok(None, branch="unknown", extra={"agency": None})
    if answer.choice is not None:  # the agency suggested from the story
        return Ok(None, branch="chosen", extra={"agency": answer.choice})
    text = " ".join((answer.text or "").split())
    if not has_words(text) or len(text) > 300:
        return Invalid()
    found = [a for a in ctx.services.match_agency(text, _region(ctx)) if a.score >= 40]
    if not found:
        return Invalid("complaint.ask_agency.not_found")
    if len(found) == 1 or (found[0].score >= 85 and found[0].score - found[1].score >= 10):
        found = found[:1]  # one clear answer: confirm it in one question
    return Ok([{"code": a.code, "name": a.name} for a in found[:3]], branch="found")


@validator("agency_choice")
async def agency_choice(ctx: StepContext, answer: Answer) -> Result:
    """One of the suggested agencies, "none of these", or "tidak tahu"."""
    if answer.choice == "other":
        return Ok(None, branch="retry")
    if answer.choice == "unknown":
        return Ok(None, branch="unknown")
    codes = [c["code"] for c in ctx.state.answers.get("agency_candidates") or []]
    if answer.choice in codes:
        return Ok(answer.choice, branch="chosen")
    return Invalid()


@validator("attachments")
async def attachments(ctx: StepContext, answer: Answer) -> Result:
    """Photos, documents, videos or voice notes, as many as wanted, then "lanjut"."""
    if answer.choice == "done":
        return Ok(None)
    if answer.media:
        count = len(ctx.state.answers.get("attachments", []))
        return Stay("complaint.ask_attachments.received", {"count": count})
    return Invalid()


@validator("phone")
async def phone(ctx: StepContext, answer: Answer) -> Result:
    """An Indonesian phone number (08…, +62…, 62…), or skip."""
    if answer.choice == "skip":
        return Ok(None)
    text = (answer.text or "").strip()
    try:
        number = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException:
        return Invalid()
    if not phonenumbers.is_valid_number(number):
        return Invalid()
    return Ok(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


@validator("tracking_number")
async def tracking_number(ctx: StepContext, answer: Answer) -> Result:
    """A tracking number of one of the citizen's own complaints; the check character catches typos."""
    raw = answer.choice or (answer.text or "")
    number = tracking.normalize(raw)
    if number is None:
        if tracking.looks_like_tracking(raw):
            return Invalid("status.ask_number.typo")
        return Invalid()
    if await ctx.services.complaint_status(number) is None:
        return Invalid("status.ask_number.not_found", {"number": number})
    return Ok(number)
