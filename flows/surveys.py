"""Satisfaction surveys as flows: the SKM of a service unit, the channel survey, complaint feedback.

survey       "Isi survei" in the main menu: which survey (SKM of a unit, the channel survey, and any
             agency survey declared as data); hands over to the chosen one.
skm          SKM of PermenPANRB 14/2017 opened by a deep link `/start skm_<unit>` (the unit's QR poster):
             intro -> (already answered this period? update or keep) -> the 9 unsur, one per message,
             options 1..4 -> optional profile (each question skippable, or all at once) -> saran ->
             stored (one per citizen, unit and period). Scanning the poster again mid-way offers to
             continue where the citizen stopped.
skm_menu     The same questionnaire opened from the menu: the citizen picks or types the unit first.
             Its words are those of skm (flows/survey_catalog.py copies skm.* to skm_menu.*): the
             engine cannot carry the chosen unit across a hand-over, so the questions live in both.
channel      The channel's own survey: satisfaction, ease, speed (1–5), use again (yes/no), recommend
             (0–10, NPS), optional gender and disability. One per citizen and period.
feedback     Started by the bot when a complaint is resolved (bot/surveys/feedback.py): solved? puas -> rating
             1–5 -> optional comment (-> the channel survey, offered once); belum -> reason (reopened).
Answers are stored by the named functions in flows/survey_steps.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from flows import skm
from flows.schema import Flow, Step

PROFILE_STEPS = tuple(q.id for q in skm.PROFILE)
QUESTION_STEPS = (*skm.UNSUR_IDS, *PROFILE_STEPS, "saran")
FIVE = ("1", "2", "3", "4", "5")
ZERO_TO_TEN = tuple(str(n) for n in range(11))
SKM_FLOWS = ("skm", "skm_menu")


def _questionnaire() -> tuple[Step, ...]:
    """The 9 unsur, the optional profile and the saran, shared by both ways into the SKM."""
    steps = [
        Step(item.id, "choice", options_from="skm_scores", validate="skm_score", save_as=item.id,
             next=skm.UNSUR[i + 1].id if i + 1 < len(skm.UNSUR) else "gender")
        for i, item in enumerate(skm.UNSUR)
    ]
    steps += [
        Step("gender", "choice", options_from="skm_profile_options", validate="skm_profile", save_as="gender",
             next={"*": "age_band", "skip_all": "saran"}),
        # Typed steps: an age in years, or the name of the service, is also an answer.
        Step("age_band", "text", options_from="skm_profile_options", validate="skm_age", save_as="age_band",
             next="education"),
        Step("education", "choice", options_from="skm_profile_options", validate="skm_profile",
             save_as="education", next="occupation"),
        Step("occupation", "choice", options_from="skm_profile_options", validate="skm_profile",
             save_as="occupation", next="service"),
        Step("service", "text", options_from="skm_profile_options", validate="skm_service", save_as="service",
             next="disability"),
        Step("disability", "choice", options_from="skm_profile_options", validate="skm_profile",
             save_as="disability", next="saran"),
        Step("saran", "text", options=(skm.SKIP,), validate="skm_saran", save_as="saran",
             next="thanks"),
        Step("already_answered", "choice", options=skm.ALREADY_ANSWERED_OPTIONS, values="skm_period",
             next={"update": "u1", "keep": "kept"}),
        Step("thanks", "none", action="record_skm"),
        Step("kept", "none"),
    ]
    return tuple(steps)


SKM = Flow(
    id="skm",
    start="deep_link",
    steps=(
        Step("deep_link", "none", validate="skm_link", save_as="link", next="intro"),
        Step("intro", "choice", options_from="skm_intro", values="skm_unit", validate="skm_intro",
             next={"start": "u1", "answered": "already_answered", "later": "later",
                   **{step: step for step in QUESTION_STEPS}}),
        *_questionnaire(),
        Step("later", "none"),
    ),
)

SKM_MENU = Flow(
    id="skm_menu",
    start="ask_unit",
    steps=(
        Step("ask_unit", "text", options_from="skm_units", validate="skm_unit", save_as="unit",
             next={"start": "u1", "answered": "already_answered", "pick": "pick_unit"}),
        Step("pick_unit", "choice", options_from="skm_unit_candidates", validate="skm_unit_pick", save_as="unit",
             next={"start": "u1", "answered": "already_answered", "retry": "ask_unit"}),
        *_questionnaire(),
    ),
)

CHANNEL = Flow(
    id="channel",
    start="ask_satisfaction",
    steps=(
        Step("ask_satisfaction", "choice", options=FIVE, validate="scale_answer", save_as="satisfaction",
             next="ask_ease"),
        Step("ask_ease", "choice", options=FIVE, validate="scale_answer", save_as="ease", next="ask_speed"),
        Step("ask_speed", "choice", options=FIVE, validate="scale_answer", save_as="speed", next="ask_again"),
        Step("ask_again", "yesno", save_as="use_again", next="ask_recommend"),
        Step("ask_recommend", "choice", options=ZERO_TO_TEN, validate="nps_answer", save_as="recommend",
             next="ask_gender"),
        Step("ask_gender", "choice", options=("l", "p", "skip"), validate="optional_choice", save_as="gender",
             next="ask_disability"),
        Step("ask_disability", "choice", options=("ya", "tidak", "tidak_jawab", "skip"), validate="optional_choice",
             save_as="disability", next="done"),
        Step("done", "none", action="record_channel_survey"),
    ),
)

FEEDBACK = Flow(
    id="feedback",
    start="ask_resolved",
    steps=(
        Step("ask_resolved", "choice", options=("puas", "belum"), values="feedback_complaint",
             validate="feedback_resolved", save_as="resolved", next={"puas": "ask_rating", "belum": "ask_reason"}),
        Step("ask_rating", "choice", options=FIVE, validate="feedback_rating", save_as="rating", next="ask_comment"),
        Step("ask_comment", "text", options=("skip",), validate="feedback_comment", save_as="comment",
             next={"offer": "offer_channel", "*": "thanked"}),
        Step("offer_channel", "yesno", next={"yes": "@channel", "no": "thanked"}),
        Step("ask_reason", "text", options=("skip",), validate="feedback_reason", save_as="reason",
             next="reopened"),
        Step("thanked", "none", action="feedback_values"),
        Step("reopened", "none", action="feedback_values"),
    ),
)


def survey_menu(custom: Iterable[str] = ()) -> Flow:
    """The "Isi survei" menu: the SKM, the channel survey, and each agency survey by its id."""
    ids = tuple(custom)
    return Flow(
        id="survey",
        start="choose",
        steps=(Step("choose", "choice", options=("skm", "channel", *ids),
                    next={"skm": "@skm_menu", "channel": "@channel", **{i: f"@{i}" for i in ids}}),),
    )


def survey_flows(custom: Iterable[Flow] = ()) -> tuple[Flow, ...]:
    """Every survey flow, with agency surveys (already built from their files) in the menu."""
    extra = tuple(custom)
    return (survey_menu(f.id for f in extra), SKM, SKM_MENU, CHANNEL, FEEDBACK, *extra)


SURVEY_FLOWS: tuple[Flow, ...] = survey_flows()
