"""Validators named by the flows: each accepts an answer (Ok), keeps asking (Stay) or rejects it (Invalid)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.core import tracking
from bot.core.i18n import Catalog
from flows.dates import (
    DATE_SLOTS,
    UNKNOWN,
    DateProblem,
    IncidentDate,
    date_words,
    parse_incident_date,
    read_incident_date,
)
from flows.lexicon import core, key_of, lexicon
from flows.matching import clean
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


def phrases(ctx: StepContext, key: str) -> frozenset[str]:
    """A "|"-separated word list from every locale, cleaned the way answers are."""
    return _phrases(ctx.services.catalog, key)


@lru_cache(maxsize=256)
def _phrases(catalog: Catalog, key: str) -> frozenset[str]:
    # read once per catalog and key: cleaning every word of a list on every answer was ~5% of a turn's CPU
    out: set[str] = set()
    for locale in catalog.locales:
        found = catalog.maybe(key, locale)
        if found:
            out.update(clean(w) for w in found.split("|") if clean(w))
    return frozenset(out)


def is_filler(ctx: StepContext, text: str) -> bool:
    """Whether an answer says nothing ("iya", "gak tau", "ok"): never stored as data."""
    said = clean(text)
    return not said or said in phrases(ctx, "story.words.filler") or says_unknown(ctx, text)


def says_yes(ctx: StepContext, text: str | None) -> bool:
    """Whether the whole answer is a yes ("iya", "nggih", "muhun") to what was offered."""
    return clean(text or "") in phrases(ctx, "common.yes.words")


def says_unknown(ctx: StepContext, text: str | None) -> bool:
    """Whether the citizen says they do not know or remember ("gak tau", "lupa", "sudah lama", "ndeq taoq")."""
    said = clean(text or "")
    return bool(said) and (said in phrases(ctx, "story.words.unknown")
                           or said in phrases(ctx, key_of("dontknow")))


def told(ctx: StepContext, text: str, answered: str) -> dict[str, object]:
    """The other slots a story answers, for those not answered more surely already."""
    reading = ctx.services.read_story(text)
    if reading.kind == "intent":
        return {}
    # "none" is too short to be taken for a story where none was asked; here it is the story: what it tells
    # (a date, a problem word's kind of report) still counts
    return reading.fill(ctx.state.answers, skip=answered)


@validator("story")
async def story(ctx: StepContext, answer: Answer) -> Result:
    """The chronology: a few words, or a photo/document/voice note instead; what it tells fills other slots."""
    attachments = ctx.state.answers.get("attachments", [])
    if answer.choice == "done":
        if not attachments:
            return Invalid()
        made = {} if ctx.state.answers.get("title") else {"title": title_suggestion(ctx)}
        return Ok(ctx.state.answers.get("body") or "", extra=made)
    text = (answer.text or "").strip()
    if not text and answer.media:
        return Stay("complaint.ask_body.media_received", {"count": len(attachments)})
    if len(text) > MAX_STORY:
        return Invalid("complaint.ask_body.too_long", {"max": MAX_STORY, "length": len(text)})
    if is_filler(ctx, text) or (not has_words(text, 3) and not _short_story_again(ctx, text)):
        return Invalid()
    body = " ".join(text.split(" "))
    extra = told(ctx, body, "body")
    had = ctx.state.answers
    if not extra.get("title") and had.get("title") in (None, "", had.get("suggested_title")):  # not one typed
        # The title is never a question of its own: the story's first words (greetings and filler removed,
        # cut at a word), shown in the read-back, where the citizen can change it.
        made = ctx.services.read_story(body).answers.get("suggested_title") or suggested_title(body)
        if made:
            extra.update(title=made, suggested_title=made)
    return Ok(body, extra=extra)


def _short_story_again(ctx: StepContext, text: str) -> bool:
    """Whether a story of a word or two that names a problem ('banjir pak') comes after the bot asked for more:
    asked once, the citizen has said what they can, and asking again would be a loop."""
    return ctx.state.invalid >= 1 and bool(ctx.services.read_story(text).answers.get("classification"))


def suggested_title(body: str | None, size: int = 80) -> str | None:
    """The first words of the story, at most `size` characters cut at a word, as a title.

    >>> suggested_title("Jalan di depan SD Negeri 3 rusak parah sejak bulan lalu, banyak lubang", 40)
    'Jalan di depan SD Negeri 3 rusak parah'
    """
    if not has_words(body):
        return None
    text = " ".join((body or "").replace("…", " ").split())
    if len(text) > size:
        cut = text[: size + 1]
        text = cut[: cut.rfind(" ")] if " " in cut else text[:size]
    return text.rstrip(",.;:-") or None


def title_suggestion(ctx: StepContext) -> str | None:
    """A title from the story (greetings removed when it was read), or from what was sent instead."""
    suggestion = ctx.state.answers.get("suggested_title") or suggested_title(ctx.state.answers.get("body"))
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
    said = clean(text)
    if said in phrases(ctx, "story.words.use_suggestion") or says_yes(ctx, text):
        # "pakai judul dari cerita saya", or "iya" to the title offered: the suggestion, never those words
        suggestion = title_suggestion(ctx)
        return Ok(suggestion) if suggestion else Invalid("complaint.ask_title.filler")
    if len(text) > MAX_TITLE:
        return Invalid("complaint.ask_title.too_long", {"max": MAX_TITLE})
    if is_filler(ctx, text):
        return Invalid("complaint.ask_title.filler")
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
    elif says_unknown(ctx, answer.text) or clean(answer.text or "") in phrases(ctx, "date.words.no_date"):
        # "gak tau", "lupa", "sudah lama": not remembered; "tidak", "belum ada" (a proposal, no day it happened):
        # stored as unknown, honestly
        said = UNKNOWN
    else:
        try:
            said = read_incident_date(answer.text or "", today, date_words(ctx.services.catalog))
        except DateProblem as problem:
            if str(problem) == "future":
                return Invalid("complaint.ask_date.future")
            # "kejadiannya kemarin sore", "rusak sudah 2 tahun": the date as the story reader finds it in a sentence
            found = ctx.services.read_story(answer.text or "").answers
            if not found.get("incident_date"):
                return Invalid()
            return Ok(found["incident_date"], extra={k: found.get(k) for k in DATE_SLOTS if k != "incident_date"})
    # told now, not guessed from a story: every qualifier of an earlier reading is replaced
    extra = said.answers()
    return Ok(extra.pop("incident_date"), extra=extra)


def offered_places(ctx: StepContext) -> list[dict[str, str]]:
    """The places the story named, offered to tap at "Di mana kejadiannya?": one, or each kabupaten's it read."""
    offered = ctx.state.answers.get("suggested_place")
    if not offered:
        return []
    return [{"code": offered["code"], "label": offered["label"]}, *offered.get("others", ())]


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
    offered = offered_places(ctx)
    text = " ".join((answer.text or "").split())
    tapped = next((o for o in offered if answer.choice == o["code"]), None)
    if tapped is None and len(offered) == 1 and says_yes(ctx, text):
        tapped = offered[0]  # "iya" to the one place offered; to several it says nothing of which
    if tapped is not None:  # a place the story named, tapped: where it happened, asked and given
        where = {"text": tapped["label"], "region": tapped["code"], "label": tapped["label"], "landmark": ""}
        # a province tapped ("DI Yogyakarta" for "halte Trans Jogja") holds many kabupaten: with none of the
        # deployment's own, its desa or kecamatan is asked once (ask_area), as for a place we do not know — on the
        # seen sets the agency question, left with the province, put 2 of 7 such complaints in the wrong kabupaten
        province = "." not in tapped["code"] and not ctx.services.config.region
        return Ok(where, branch="unplaced" if province else None)
    if not has_words(text) or len(text) < 3:
        return Invalid()
    if len(text) > 500:
        return Invalid("complaint.ask_location.too_long")
    if is_filler(ctx, text) or _is_date(ctx, text):  # "gak tau", "kemarin" are no places
        return Invalid("complaint.ask_location.filler")
    # "Kepanjen" after a story of the PDAM of Kabupaten Malang: the place typed is looked for first in the kabupaten
    # the story named (Kec. Kepanjen), not listed with every same-named desa of the country
    found = ctx.services.resolve_place(text, ctx.state.answers.get("story_region"))
    if found.best is not None:
        return Ok({"text": text, "region": found.best.code, "label": found.best.label, "landmark": found.landmark})
    if found.options:
        candidates = guess_listed_first(ctx, text, [{"code": o.code, "label": o.label} for o in found.options])
        return Ok({"text": text, "landmark": found.landmark, "candidates": candidates}, branch="ambiguous")
    # a place we do not know is still a place (staff read it); with no kabupaten of the deployment's own to route
    # it to, the desa or kecamatan it lies in is asked once (ask_area)
    return Ok({"text": text}, branch=None if ctx.services.config.region else "unplaced")


@validator("area")
async def area(ctx: StepContext, answer: Answer) -> Result:
    """The desa or kecamatan of a place we did not know ("di depan rumah saya" + "desa Sukamulya, kec. Sakra"):
    the first answer stays its landmark; or of a province tapped. Never asked again: "gak tau" or a place still
    unknown keeps what was said (and the province), a shared point or a known place adds its region."""
    before = dict(ctx.state.answers.get("location") or {})
    said = before.get("text") or ""
    if answer.location is None:
        text = " ".join((answer.text or "").split())
        if not has_words(text) or is_filler(ctx, text) or _is_date(ctx, text) or len(text) > 500:
            return Ok(before)
    found = await location(ctx, answer)
    if not isinstance(found, Ok) or not isinstance(found.value, dict):
        return Ok(before)
    where = dict(found.value)
    refused = list(before.get("passed_over") or ())
    if refused:  # the same-named places refused at the first answer stay refused, and are not listed again
        where.setdefault("passed_over", refused)
    listed = [c for c in where.pop("candidates", None) or () if c["code"] not in refused]
    if listed:
        where["candidates"] = listed
    if before.get("region") and not where.get("region"):  # the province tapped stays, when this answer places less
        where.update(region=before["region"], label=before.get("label") or before["region"])
    where["text"] = _joined(said, where.get("text") or "")
    # (a province tapped is no landmark: its name is the label's)
    where["landmark"] = _joined("" if before.get("region") else said, where.get("landmark") or "")
    # asked once: a list this answer leads to, refused too, moves on to the agency (region_choice), never back here
    where["area_asked"] = True
    return Ok(where, branch="ambiguous" if listed else None)


def _joined(said: str, more: str) -> str:
    """What was said first and the area's answer, once each ("sukamaju" twice is kept once)."""
    if not more or more.casefold() == said.casefold():
        return said or more
    return ", ".join(t for t in (said, more) if t)


SHOWN_PLACES = 5  # the same-named places the directory lists at most (bot.understanding.place_directory)


def guess_listed_first(ctx: StepContext, text: str, candidates: list[dict[str, str]]) -> list[dict[str, str]]:
    """The same-named places to ask about, the one in the kabupaten/kota the story's office lies in first.

    "desa Sukaraja": the directory lists five of its many namesakes, and the office the story reads (its words,
    the places it names) may lie in a sixth; suggested after "Tidak ada di daftar", that office was a guess the
    citizen was never asked (on the seen sets, of 15 such suggestions 8 were right and 5 in another kabupaten).
    Listed first, it is asked instead: tapped when it is theirs, refused — and then passed over — when not.
    """
    if ctx.state.answers.get("story_region") or ctx.services.config.region:
        return candidates  # the place was looked for in the story's own kabupaten, or the deployment's
    story = story_text(ctx)
    found = ctx.services.suggest_agency(story, None) if story else []
    if not found or found[0].score < 60 or not found[0].region or "." not in found[0].region:
        return candidates
    area = ".".join(found[0].region.split(".")[:2])
    inside = [c for c in candidates if c["code"] == area or c["code"].startswith(area + ".")]
    if not inside and len(candidates) >= SHOWN_PLACES:
        # a list cut short may have left it out: the name looked for in that kabupaten alone
        again = ctx.services.resolve_place(text, area)
        there = next((p for p in (again.best, *again.options) if p is not None and p.code.startswith(area + ".")),
                     None)
        if there is not None:
            inside = [{"code": there.code, "label": there.label}]
            candidates = candidates[:SHOWN_PLACES - 1]
    return [*inside, *(c for c in candidates if c not in inside)]


def _is_date(ctx: StepContext, text: str) -> bool:
    try:
        parse_incident_date(text, local_today(ctx), date_words(ctx.services.catalog))
    except DateProblem as problem:
        return str(problem) == "future"
    return True


@validator("region_choice")
async def region_choice(ctx: StepContext, answer: Answer) -> Result:
    """Which of several same-named places was meant, or none of them."""
    loc = dict(ctx.state.answers.get("location") or {})
    candidates = {c["code"]: c["label"] for c in loc.pop("candidates", [])}
    refused = {**loc, "passed_over": [*loc.get("passed_over", ()), *candidates]}  # none of them: not there
    # with no kabupaten of the deployment's own, the desa or kecamatan is asked (ask_area) — once
    unplaced = None if ctx.services.config.region or loc.get("area_asked") else "unplaced"
    if answer.choice == "none":
        return Ok(None, extra={"location": refused}, branch=unplaced)
    if answer.choice in candidates:
        return Ok(None, extra={"location": {**loc, "region": answer.choice, "label": candidates[answer.choice]}})
    if answer.choice is None:  # "iya" to the one place offered, "bukan" to all of them
        said = yes_or_no(ctx, answer.text)
        if said == "yes" and len(candidates) == 1:
            code, label = next(iter(candidates.items()))
            return Ok(None, extra={"location": {**loc, "region": code, "label": label}})
        if said == "no":
            return Ok(None, extra={"location": refused}, branch=unplaced)
    return Invalid()


def _region(ctx: StepContext) -> str | None:
    return (ctx.state.answers.get("location") or {}).get("region") or ctx.services.config.region


def story_text(ctx: StepContext) -> str:
    """Title and story for reading keywords; a title taken from the story is read once.

    Glued to the story again, a derived title's last word and the story's first could make a phrase neither
    says ("Lampu jalan … mati…" + "Lampu" → "mati lampu", PLN). A title cut with "…" (older drafts) and one
    cleaned of greetings or capitals (the story reader's) are both found in the story.
    """
    title, body = ctx.state.answers.get("title") or "", ctx.state.answers.get("body") or ""
    taken = " ".join(title.replace("…", " ").lower().split())
    if taken and taken in " ".join(body.lower().split()):
        return body
    return " ".join(filter(None, (title, body)))


def agency_suggestion(ctx: StepContext) -> AgencyChoice | None:
    """The agency the story points to (puskesmas -> health office), when the keywords are clear — never one of a
    kabupaten/kota the citizen passed over when the story's places were offered."""
    story = story_text(ctx)
    region = _region(ctx)
    found = ctx.services.suggest_agency(story, region) if story else []
    if not found or found[0].score < 60:
        return None
    # "air pdam di Bima": Kota and Kab. Bima offered, neither tapped, a place typed that we do not know — the
    # story's reading would still put the office in one of them, where the citizen has said it is not; so with the
    # same-named places listed for a typed name and refused ("Tidak ada di daftar")
    refused = (ctx.state.answers.get("location") or {}).get("passed_over") or ()
    # and with only a province known (tapped, its desa unsaid): not the office of a kota offered beside it
    unplaced = region is None or "." not in region
    left = [o["code"] for o in offered_places(ctx) if o["code"] != region]
    if unplaced and passed_over(found[0].region, [*left, *refused]):
        return None
    return found[0]


def passed_over(region: str | None, places: Iterable[str]) -> bool:
    """Whether a region lies in one of the places (codes) passed over at "Di mana kejadiannya?" (their kabupaten/kota,
    or a province offered as such; a province's own office, in the province of any of them); a national body lies in
    none."""
    if not region:
        return False
    codes = list(places)
    if "." not in region:
        # a province office the story's reading gives once the province's places were passed over stands on those
        # places alone: on the seen sets such a suggestion was right 2 times in 12 and in another province 4 times
        return any(code.split(".")[0] == region for code in codes)
    areas = {".".join(code.split(".")[:2]) for code in codes}
    return any(region == area or region.startswith(area + ".") for area in areas)


AGENCY_CATEGORY = 0.9  # the category of the agency the citizen named or confirmed outranks the story's word guess


def with_category(ctx: StepContext, code: str, extra: dict[str, object]) -> dict[str, object]:
    """The chosen agency's usual category with it, unless the citizen chose a category already."""
    category = ctx.services.agency_category(code)
    sure = dict(ctx.state.answers.get("_confidence") or {})
    if category and float(sure.get("category", 0.0 if ctx.state.answers.get("category") is None else 1.0)) \
            <= AGENCY_CATEGORY:
        extra.update(category=category, _confidence={**sure, "category": AGENCY_CATEGORY})
    return extra


def yes_or_no(ctx: StepContext, text: str | None) -> str | None:
    """"yes" or "no" when the text says only that, in any of the ways people say it ("iya betul", "nggih",
    "bukan"), else None."""
    if not text:
        return None
    catalog = ctx.services.catalog
    plain = core(text, catalog) or text
    said = lexicon(catalog).kind_of(plain, ("yes", "no"))
    if said is None:  # "iya betul": every word says the same
        each = {lexicon(catalog).kind_of(word, ("yes", "no")) for word in plain.split()}
        said = each.pop() if len(each) == 1 else None
    return said


@validator("agency")
async def agency(ctx: StepContext, answer: Answer) -> Result:
    """Which agency the citizen means: the suggested one, a typed name, or "tidak tahu"."""
    if answer.choice == "unknown":
        return Ok(None, branch="unknown", extra={"agency": None})
    if answer.choice is not None:  # the agency suggested from the story
        return Ok(None, branch="chosen", extra=with_category(ctx, answer.choice, {"agency": answer.choice}))
    text = " ".join((answer.text or "").split())
    if not has_words(text) or len(text) > 300:
        return Invalid()
    # "iya" / "betul" to "sepertinya untuk <instansi>" takes it; "bukan" asks for the name, not "not found"
    said = yes_or_no(ctx, text)
    if said == "yes" and (offered := agency_suggestion(ctx)) is not None:
        return Ok(None, branch="chosen", extra=with_category(ctx, offered.code, {"agency": offered.code}))
    if said == "no":
        return Invalid("complaint.ask_agency.not_that")
    found = [a for a in ctx.services.match_agency(text, _region(ctx)) if a.score >= 40]
    if not found:
        return Invalid("complaint.ask_agency.not_found")
    if len(found) == 1 or (found[0].score >= 85 and found[0].score - found[1].score >= 10):
        found = found[:1]  # one clear answer: confirm it in one question
        offered = agency_suggestion(ctx)
        if offered is not None and offered.code == found[0].code:
            # the name typed and the one offered from the story are the same agency: nothing left to confirm
            return Ok(None, branch="chosen", extra=with_category(ctx, offered.code, {"agency": offered.code}))
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
        return Ok(answer.choice, branch="chosen", extra=with_category(ctx, answer.choice, {}))
    if answer.choice is None:  # "Maksud Anda: <instansi>?" answered "nggih" or "bukan"
        said = yes_or_no(ctx, answer.text)
        if said == "yes" and len(codes) == 1:
            return Ok(codes[0], branch="chosen", extra=with_category(ctx, codes[0], {}))
        if said == "no":
            return Ok(None, branch="retry")
    return Invalid()


@validator("attachments")
async def attachments(ctx: StepContext, answer: Answer) -> Result:
    """Photos, documents, videos or voice notes, or "lanjut". A file sent answers the question: the next one
    is asked, and more files are still kept wherever they arrive (the engine keeps every file sent)."""
    if answer.choice == "done":
        return Ok(None)
    if answer.media:
        count = len(ctx.state.answers.get("attachments", []))
        return Ok(None, note="complaint.ask_attachments.received", note_values={"count": count})
    return Invalid()


PRIVACY = {"yes": (True, None), "no": (False, False), "secret": (False, True), "both": (True, True)}


@validator("privacy")
async def privacy(ctx: StepContext, answer: Answer) -> Result:
    """Anonim (the agency and the public do not learn who reported) and rahasia (the public cannot read the
    report) from one answer, each stored in its own field; "ya" hides the name and leaves rahasia as it was
    (off, or on by default for a story of violence), "tidak" turns both off."""
    if answer.choice not in PRIVACY:
        return Invalid()
    anonymous, secret = PRIVACY[answer.choice]
    if secret is None:
        secret = bool(ctx.state.answers.get("is_secret"))
    return Ok(None, branch=answer.choice, extra={"is_anonymous": anonymous, "is_secret": secret})


@validator("phone")
async def phone(ctx: StepContext, answer: Answer) -> Result:
    """An Indonesian phone number (08…, +62…, 62…), or skip."""
    if answer.choice == "skip":
        return Ok(None)
    text = (answer.text or "").strip()
    # Imported at the first number typed, not at start: the package and its metadata (~1 MB resident) are
    # needed only by a citizen who gives a number, and most skip the question.
    import phonenumbers

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
