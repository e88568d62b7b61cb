"""Validators, option and value providers and actions named by the survey flows (flows/surveys.py).

Storage, service units and survey periods come through the SurveyServices port (`ctx.services.surveys`,
flows/ports.py); bot/surveys/services.py implements it inside the turn's transaction, so the answer, the
new conversation state and the replies commit together or not at all. The feedback validators store
each answer as it is given (see bot/surveys/feedback.py for why).
"""

from __future__ import annotations

import re
from typing import Any

from bot.core.i18n import Catalog
from bot.core.messages import Option
from flows import skm
from flows.matching import clean, parse_number
from flows.ports import SurveyServices
from flows.providers import clip
from flows.registry import Answer, Invalid, Ok, Result, StepContext, action, options, validator, values
from flows.surveys import FIVE, QUESTION_STEPS, SKM_FLOWS

MAX_UNIT_BUTTONS = 10  # more than this and the citizen types the unit's name (WhatsApp lists hold 10)
MAX_SERVICE = 255
MAX_COMMENT = 1000
TYPE_PLEASE = "survey.type_please"
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def surveys(ctx: StepContext) -> SurveyServices:
    """The survey port of the turn's services."""
    return ctx.services.surveys


def read_number(text: str, catalog: Catalog) -> int | None:
    """A number as typed: "7", "7️⃣", "tujuh", "seven", "nol"."""
    words = [_words(catalog, f"number.{i}") for i in range(1, 11)]
    number = parse_number(text, words)
    if number is not None:
        return number
    return 0 if clean(text) in _words(catalog, "number.0") else None


def _words(catalog: Catalog, key: str) -> set[str]:
    found: set[str] = set()
    for locale in catalog.locales:
        found.update(w.strip() for w in (catalog.maybe(key, locale) or "").split("|") if w.strip())
    return found


def _text(answer: Answer) -> str:
    return " ".join((answer.text or "").split())


# ---- SKM: the unit, the intro, the resume offer ------------------------------------------------


@validator("skm_link")
async def skm_link(ctx: StepContext, answer: Answer) -> Result:
    """A deep-link payload skm_<unit>; scanning the same unit's poster mid-survey offers to continue."""
    unit = surveys(ctx).unit_from_link(answer.text or "")
    if unit is None:
        return Invalid()
    st = ctx.state
    resume = None
    answered = {k: st.answers[k] for k in QUESTION_STEPS if k in st.answers}
    if st.flow in SKM_FLOWS and st.answers.get("unit") == unit.code and st.step in QUESTION_STEPS and answered:
        resume = {"step": st.step, "answers": answered}
    return Ok({"unit": unit.code, "resume": resume})


def _unit_code(ctx: StepContext) -> str | None:
    answers = ctx.state.answers
    return answers.get("unit") or (answers.get("link") or {}).get("unit")


@values("skm_unit")
async def skm_unit(ctx: StepContext) -> dict[str, Any]:
    """The unit's name, for the intro."""
    unit = surveys(ctx).unit(_unit_code(ctx))
    return {"unit": unit.name if unit else ""}


@options("skm_intro")
async def skm_intro_options(ctx: StepContext) -> list[Option]:
    """Start, continue where the citizen stopped (when they did), or later."""
    found = [Option("start", ctx.text("skm.intro.opt.start"))]
    resume = (ctx.state.answers.get("link") or {}).get("resume")
    if resume:
        number = QUESTION_STEPS.index(resume["step"]) + 1
        found.append(Option("continue", ctx.text("skm.intro.opt.continue", number=number),
                            short=ctx.text("skm.intro.opt.continue.short")))
    found.append(Option("later", ctx.text("skm.intro.opt.later")))
    return found


async def _start_branch(ctx: StepContext, unit_code: str) -> str:
    """ "answered" when the citizen already sent this unit's survey this period, else "start"."""
    return "answered" if await surveys(ctx).skm_answered(unit_code) else "start"


@validator("skm_intro")
async def skm_intro(ctx: StepContext, answer: Answer) -> Result:
    """Start (asking first if this period's answer exists), continue, or later."""
    code = _unit_code(ctx)
    if answer.choice == "later":
        return Ok(None, branch="later")
    if code is None or answer.choice not in ("start", "continue"):
        return Invalid()
    resume = (ctx.state.answers.get("link") or {}).get("resume")
    if answer.choice == "continue" and resume:
        return Ok(None, branch=resume["step"], extra={**resume["answers"], "unit": code})
    return Ok(None, branch=await _start_branch(ctx, code), extra={"unit": code})


@values("skm_period")
async def skm_period(ctx: StepContext) -> dict[str, Any]:
    """The current period in words, for "you already answered for …"."""
    return {"period": surveys(ctx).period_label(ctx.locale)}


@options("skm_units")
async def skm_units(ctx: StepContext) -> list[Option]:
    """Every unit as a button when there are few; with many, the citizen types the name."""
    every = surveys(ctx).units()
    if len(every) > MAX_UNIT_BUTTONS:
        return []
    return [Option(u.code, clip(u.name, 60), short=clip(u.name, 20)) for u in every]


@validator("skm_unit")
async def skm_unit_choice(ctx: StepContext, answer: Answer) -> Result:
    """A unit by button, by its code, or by a name with typos; several close matches are offered."""
    port = surveys(ctx)
    unit = port.unit(answer.choice) if answer.choice else None
    candidates: list[Any] = []
    if unit is None:
        text = _text(answer)
        if not _LETTERS.search(text):
            return Invalid()
        unit, candidates = port.match_unit(text)
    if unit is not None:
        return Ok(unit.code, branch=await _start_branch(ctx, unit.code))
    if candidates:
        found = [{"code": u.code, "name": u.name} for u in candidates]
        return Ok(None, branch="pick", extra={"unit_candidates": found})
    return Invalid()


@options("skm_unit_candidates")
async def skm_unit_candidates(ctx: StepContext) -> list[Option]:
    """The units that matched what the citizen typed, and "another unit"."""
    found = [Option(c["code"], clip(c["name"], 60), short=clip(c["name"], 20))
             for c in ctx.state.answers.get("unit_candidates") or []]
    return [*found, Option("other", ctx.text("skm_menu.pick_unit.other"))]


@validator("skm_unit_pick")
async def skm_unit_pick(ctx: StepContext, answer: Answer) -> Result:
    """One of the offered units, or back to typing."""
    if answer.choice == "other":
        return Ok(None, branch="retry")
    codes = [c["code"] for c in ctx.state.answers.get("unit_candidates") or []]
    if answer.choice in codes:
        return Ok(answer.choice, branch=await _start_branch(ctx, answer.choice or ""))
    return Invalid()


# ---- SKM: the questions -------------------------------------------------------------------------


@options("skm_scores")
async def skm_scores(ctx: StepContext) -> list[Option]:
    """The four answers of the current unsur, with short labels for WhatsApp."""
    item = skm.unsur(ctx.state.step or "")
    return list(skm.unsur_options(item, ctx.locale, ctx.services.catalog))


@validator("skm_score")
async def skm_score(ctx: StepContext, answer: Answer) -> Result:
    """A score 1..4 (button, digit, keycap or label); the first miss re-asks in plainer words."""
    if answer.choice in ("1", "2", "3", "4"):
        return Ok(int(answer.choice))
    if ctx.state.invalid == 0:
        return Invalid(skm.unsur(ctx.state.step or "").simple_key)
    return Invalid()  # the engine then lists the options with their numbers


@options("skm_profile_options")
async def skm_profile_options(ctx: StepContext) -> list[Option]:
    """A profile question's options, skip last; the first one can also skip the whole profile."""
    question = skm.profile_question(ctx.state.step or "")
    found = list(skm.profile_options(question, ctx.locale, ctx.services.catalog))
    if question is skm.GENDER:
        found.append(Option("skip_all", ctx.text("skm.gender.opt.skip_all")))
    return found


@validator("skm_profile")
async def skm_profile(ctx: StepContext, answer: Answer) -> Result:
    """One of the question's options; skip stores nothing, skip_all jumps to the saran."""
    question = skm.profile_question(ctx.state.step or "")
    if answer.choice in (skm.SKIP, "skip_all"):
        return Ok(None, branch=answer.choice)
    if answer.choice in question.options:
        return Ok(answer.choice)
    return Invalid()


@validator("skm_age")
async def skm_age(ctx: StepContext, answer: Answer) -> Result:
    """An age band by button, or a typed age ("34", "34 tahun", "56+")."""
    if answer.choice == skm.SKIP:
        return Ok(None)
    if answer.choice in skm.AGE_BAND.options:
        return Ok(answer.choice)
    band = skm.parse_age(_text(answer)) if answer.text else None
    return Ok(band) if band else Invalid()


@validator("skm_service")
async def skm_service(ctx: StepContext, answer: Answer) -> Result:
    """The service received, in a few words, or skip."""
    if answer.choice == skm.SKIP:
        return Ok(None)
    text = _text(answer)
    if not text and answer.media:
        return Invalid(TYPE_PLEASE)
    if not _LETTERS.search(text) or len(text) > MAX_SERVICE:
        return Invalid()
    return Ok(text)


@validator("skm_saran")
async def skm_saran(ctx: StepContext, answer: Answer) -> Result:
    """A suggestion in the citizen's words (at most SARAN_MAX_CHARS), or skip."""
    if answer.choice == skm.SKIP:
        return Ok(None)
    text = (answer.text or "").strip()
    if not text:
        return Invalid(TYPE_PLEASE)
    if len(text) > skm.SARAN_MAX_CHARS:
        return Invalid()
    return Ok(text)


@action("record_skm")
async def record_skm(ctx: StepContext) -> dict[str, Any]:
    """Store the questionnaire; this period's earlier one for the unit is replaced."""
    answers = ctx.state.answers
    await surveys(ctx).save_skm(answers["unit"], answers, ctx.locale)
    return {}


# ---- the channel survey --------------------------------------------------------------------------


@validator("scale_answer")
async def scale_answer(ctx: StepContext, answer: Answer) -> Result:
    """A 1..5 answer."""
    return Ok(int(answer.choice)) if answer.choice in FIVE else Invalid()


@validator("nps_answer")
async def nps_answer(ctx: StepContext, answer: Answer) -> Result:
    """0..10; a typed number means that number, never the option at that position."""
    if answer.text:
        number = read_number(answer.text, ctx.services.catalog)
        if number is not None:
            return Ok(number) if 0 <= number <= 10 else Invalid()
    if answer.choice is not None and answer.choice.isdecimal():
        return Ok(int(answer.choice))
    return Invalid()


@validator("optional_choice")
async def optional_choice(ctx: StepContext, answer: Answer) -> Result:
    """One of the options; skip stores nothing."""
    if answer.choice == skm.SKIP:
        return Ok(None)
    return Ok(answer.choice) if answer.choice else Invalid()


@action("record_channel_survey")
async def record_channel_survey(ctx: StepContext) -> dict[str, Any]:
    """Store the channel survey; this period's earlier answer of the citizen is replaced."""
    await surveys(ctx).save_channel_survey(ctx.state.answers, ctx.locale)
    return {}


# ---- feedback on a resolved complaint --------------------------------------------------------------


@values("feedback_complaint")
async def feedback_complaint(ctx: StepContext) -> dict[str, Any]:
    """The complaint's tracking number and title, for the question."""
    tracking_no = _tracking_no(ctx)
    title = await surveys(ctx).complaint_title(tracking_no)
    return {"tracking_no": tracking_no, "title": clip(title, 60) if title is not None else ""}


def _tracking_no(ctx: StepContext) -> str:
    return ctx.state.answers.get("tracking_no") or ""


@validator("feedback_resolved")
async def feedback_resolved(ctx: StepContext, answer: Answer) -> Result:
    """Puas closes the complaint, belum reopens it; stored at once."""
    if answer.choice not in ("puas", "belum"):
        return Invalid()
    await surveys(ctx).feedback_resolved(_tracking_no(ctx), satisfied=answer.choice == "puas")
    return Ok(answer.choice == "puas", branch=answer.choice)


@validator("feedback_rating")
async def feedback_rating(ctx: StepContext, answer: Answer) -> Result:
    """A 1..5 rating of how the complaint was handled; stored at once."""
    if answer.choice not in FIVE:
        return Invalid()
    await surveys(ctx).feedback_details(_tracking_no(ctx), rating=int(answer.choice or 0))
    return Ok(int(answer.choice or 0))


@validator("feedback_comment")
async def feedback_comment(ctx: StepContext, answer: Answer) -> Result:
    """An optional comment; after it, the channel survey is offered if it never was."""
    comment = None
    if answer.choice != "skip":
        comment = (answer.text or "").strip()
        if not comment:
            return Invalid(TYPE_PLEASE)
        if len(comment) > MAX_COMMENT:
            return Invalid("feedback.ask_comment.too_long", {"max": MAX_COMMENT})
    port = surveys(ctx)
    if comment is not None:
        await port.feedback_details(_tracking_no(ctx), comment=comment)
    # The offer is recorded now, whatever the answer: it is made once.
    if await port.offer_channel_survey(ctx.state.answers.get("complaint_id")):
        return Ok(comment, branch="offer")
    return Ok(comment)


@validator("feedback_reason")
async def feedback_reason(ctx: StepContext, answer: Answer) -> Result:
    """Why the problem is not solved, in the citizen's words (or skip); goes to the admins."""
    reason = None
    if answer.choice != "skip":
        reason = (answer.text or "").strip()
        if not reason:
            return Invalid(TYPE_PLEASE)
        if len(reason) > MAX_COMMENT:
            return Invalid("feedback.ask_comment.too_long", {"max": MAX_COMMENT})
        await surveys(ctx).feedback_details(_tracking_no(ctx), reason=reason)
    return Ok(reason)


@action("feedback_values")
async def feedback_values(ctx: StepContext) -> dict[str, Any]:
    """The tracking number, for the closing message (the answers were stored as they came)."""
    return {"tracking_no": ctx.state.answers.get("tracking_no") or ""}
