"""An agency's own survey as data (parsed from YAML or JSON), turned into a Flow without writing code.

Files: every *.yaml, *.yml and *.json in LAPORBOT_SURVEYS_DIR, read by bot/surveys/custom_loader.py and
checked here at start-up; every problem is reported at once as "file: where: what". This module reads
no files and no environment: it gets the parsed data. Example (bot/data/survey.example.yaml):

    id: posyandu                     # a-z, 0-9, _; the flow id and the stored survey id
    title: {id: Survei Posyandu, en: Posyandu survey}   # its button in "Isi survei" (<= 20 chars)
    questions:
      - id: puas                     # a-z, 0-9, _; the answer's name
        type: scale                  # scale | choice | yesno | text | number
        scale: satisfaction5         # satisfaction5 | agree5 | quality4 (labels in survey.po)
        text: {id: Seberapa puas Anda?, en: How satisfied are you?}
      - id: kader
        type: yesno
        text_key: some.existing.key  # instead of inline words: a key every locale defines
        next: {yes: kunjungan, no: end}   # skip logic: answer -> a later question, or end
      - id: kunjungan
        type: number
        min: 0
        max: 31
        optional: true               # adds "Lewati"; a skipped answer is stored as null
        text: {id: ..., en: ...}
      - id: layanan
        type: choice
        options:                     # 2..9 options, labels <= 20 characters (WhatsApp buttons)
          - {id: timbang, text: {id: Timbang bayi, en: Weighing}}
          - {id: imunisasi, text: {id: Imunisasi, en: Immunisation}}
    thanks: {id: Terima kasih!, en: Thank you!}    # optional

Words: inline translations must cover every locale of the catalog (id and en); they become entries
<survey>.<question>.prompt / .opt.<id> / .invalid merged into the engine's catalog
(flows/survey_catalog.py), so the usual lint checks them. Answers are stored as SurveyResponse rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.core.i18n import Catalog
from flows.registry import Answer, Invalid, Ok, Result, StepContext, action, validator
from flows.schema import Flow, InvalidFlow, Step
from flows.survey_steps import read_number, surveys

TYPES = ("scale", "choice", "yesno", "text", "number")
SCALES = {"satisfaction5": 5, "agree5": 5, "quality4": 4}
RESERVED = frozenset({"menu", "help", "complaint", "status", "survey", "skm", "skm_menu", "channel", "feedback",
                      "common", "nav", "command", "number", "language", "option", "category", "media"})
END = "end"
SKIP = "skip"
LABEL_LIMIT = 20  # WhatsApp reply-button titles
MAX_OPTIONS = 10  # WhatsApp list rows, skip included
MAX_QUESTIONS = 50
MAX_TEXT = 1000
_ID = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_OPTION_ID = re.compile(r"^[a-z0-9][a-z0-9_]{0,31}$")
_TOP_KEYS = frozenset({"id", "title", "title_key", "questions", "thanks", "thanks_key", "description"})
_QUESTION_KEYS = frozenset({"id", "type", "text", "text_key", "scale", "options", "optional", "next", "min", "max"})


class InvalidSurvey(ValueError):
    """Survey files that cannot be used; `problems` holds one "file: where: what" line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Question:
    """One checked question: what it accepts and where it leads."""

    id: str
    type: str
    options: tuple[str, ...] = ()  # answer ids offered, skip last when optional
    optional: bool = False
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class CustomSurvey:
    """A survey file turned into a flow and the words it brings."""

    flow: Flow
    questions: tuple[Question, ...]
    messages: dict[str, dict[str, str]] = field(default_factory=dict)
    source: str = ""


@dataclass(frozen=True)
class LoadedSurveys:
    """Every agency survey of a folder."""

    surveys: tuple[CustomSurvey, ...] = ()

    @property
    def flows(self) -> tuple[Flow, ...]:
        """The surveys' flows."""
        return tuple(s.flow for s in self.surveys)

    @property
    def messages(self) -> dict[str, dict[str, str]]:
        """All their words, per locale."""
        merged: dict[str, dict[str, str]] = {}
        for survey in self.surveys:
            for locale, table in survey.messages.items():
                merged.setdefault(locale, {}).update(table)
        return merged


# Questions of the loaded surveys, by survey id: the named validator below reads its rules here.
QUESTIONS: dict[str, dict[str, Question]] = {}


class _Problems:
    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[str] = []

    def add(self, where: str, what: str) -> None:
        self.items.append(f"{self.source}: {where}: {what}" if where else f"{self.source}: {what}")


def _words(value: Any, key: Any, where: str, catalog: Catalog, problems: _Problems,
           limit: int | None = None) -> dict[str, str] | None:
    """Inline translations or a catalog key, as locale -> text; None after a problem."""
    if (value is None) == (key is None):
        problems.add(where, "give either inline words (a locale -> text mapping) or a *_key, not both or neither")
        return None
    if key is not None:
        if not isinstance(key, str) or not all(catalog.has(key, loc) for loc in catalog.locales):
            problems.add(where, f"key {key!r} is not defined in every locale ({', '.join(catalog.locales)})")
            return None
        texts = {loc: catalog.text(key, loc) for loc in catalog.locales}
    else:
        if not isinstance(value, Mapping):
            problems.add(where, "expected a mapping of locale to text, e.g. {id: ..., en: ...}")
            return None
        unknown = sorted(str(k) for k in value if k not in catalog.locales)
        if unknown:
            problems.add(where, f"unknown locale(s) {', '.join(unknown)} (the bot speaks {', '.join(catalog.locales)})")
        missing = [loc for loc in catalog.locales if not isinstance(value.get(loc), str) or not value[loc].strip()]
        if missing:
            problems.add(where, f"missing text for {', '.join(missing)}")
            return None
        texts = {loc: " ".join(str(value[loc]).split()) for loc in catalog.locales}
    for loc, text in texts.items():
        if limit is not None and len(text) > limit:
            problems.add(where, f"{loc} text is {len(text)} characters; at most {limit} fit a chat button")
            return None
        if "{" in text or "}" in text:
            problems.add(where, f"{loc} text must not contain {{ or }}")
            return None
    return texts


def parse_survey(data: Any, catalog: Catalog, source: str = "survey") -> CustomSurvey:
    """Check one parsed survey file and build its flow; InvalidSurvey lists every problem."""
    problems = _Problems(source)
    if not isinstance(data, Mapping):
        raise InvalidSurvey([f"{source}: expected a mapping with id, title and questions"])
    for key in sorted(set(map(str, data)) - _TOP_KEYS):
        problems.add(key, f"unknown field (known: {', '.join(sorted(_TOP_KEYS))})")
    sid = data.get("id")
    if not isinstance(sid, str) or not _ID.match(sid):
        problems.add("id", "use 1–32 characters: a–z first, then a–z, 0–9 or _")
        sid = "survey"
    elif sid in RESERVED:
        problems.add("id", f"{sid!r} is taken by the bot itself")
    messages: dict[str, dict[str, str]] = {loc: {} for loc in catalog.locales}

    def put(key: str, texts: Mapping[str, str] | None) -> None:
        if texts:
            for loc, text in texts.items():
                messages[loc][key] = text

    put(f"survey.choose.opt.{sid}", _words(data.get("title"), data.get("title_key"), "title", catalog, problems,
                                            LABEL_LIMIT))
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, Sequence) or isinstance(raw_questions, str) or not raw_questions:
        problems.add("questions", "expected a non-empty list of questions")
        raw_questions = []
    if len(raw_questions) > MAX_QUESTIONS:
        problems.add("questions", f"at most {MAX_QUESTIONS} questions")
    ids = [q.get("id") if isinstance(q, Mapping) else None for q in raw_questions]
    questions: list[Question] = []
    steps: list[Step] = []
    for index, raw in enumerate(raw_questions):
        where = f"questions[{index}]"
        if not isinstance(raw, Mapping):
            problems.add(where, "expected a mapping")
            continue
        built = _question(raw, index, ids, sid, catalog, problems, put)
        if built is not None:
            question, step = built
            questions.append(question)
            steps.append(step)
    thanks = (_words(data.get("thanks"), data.get("thanks_key"), "thanks", catalog, problems)
              if data.get("thanks") is not None or data.get("thanks_key") is not None
              else {loc: catalog.text("survey.custom.thanks", loc) for loc in catalog.locales})
    put(f"{sid}.thanks.prompt", thanks)
    if problems.items:
        raise InvalidSurvey(problems.items)
    try:
        flow = Flow(id=sid, start=steps[0].id, steps=(*steps, Step("thanks", "none", action="record_custom_survey")))
    except InvalidFlow as exc:
        raise InvalidSurvey([f"{source}: {exc}"]) from exc
    return CustomSurvey(flow, tuple(questions), messages, source)


def _question(raw: Mapping[str, Any], index: int, ids: Sequence[Any], sid: str, catalog: Catalog,
              problems: _Problems, put: Any) -> tuple[Question, Step] | None:
    where = f"questions[{index}]"
    before = len(problems.items)
    for key in sorted(set(map(str, raw)) - _QUESTION_KEYS):
        problems.add(where, f"unknown field {key!r} (known: {', '.join(sorted(_QUESTION_KEYS))})")
    qid = raw.get("id")
    if not isinstance(qid, str) or not _ID.match(qid) or qid == "thanks":
        problems.add(f"{where}.id", "use 1–32 characters: a–z first, then a–z, 0–9 or _ (not 'thanks')")
        return None
    where = f"questions[{index}] ({qid})"
    if ids.count(qid) > 1:
        problems.add(where, "another question has the same id")
    kind = raw.get("type")
    if kind not in TYPES:
        problems.add(where, f"type must be one of {', '.join(TYPES)}")
        return None
    optional = raw.get("optional", False)
    if not isinstance(optional, bool):
        problems.add(where, "optional must be true or false")
        optional = False
    put(f"{sid}.{qid}.prompt", _words(raw.get("text"), raw.get("text_key"), f"{where}.text", catalog, problems))
    answer_ids: list[str] = []
    minimum = maximum = None
    if kind == "scale":
        scale = raw.get("scale")
        if scale not in SCALES:
            problems.add(where, f"scale must be one of {', '.join(SCALES)}")
        else:
            answer_ids = [str(n) for n in range(1, SCALES[scale] + 1)]
            for n in answer_ids:
                put(f"{sid}.{qid}.opt.{n}", {loc: catalog.text(f"survey.scale.{scale}.{n}", loc)
                                             for loc in catalog.locales})
    elif kind == "choice":
        raw_options = raw.get("options")
        if not isinstance(raw_options, Sequence) or isinstance(raw_options, str) or not 2 <= len(raw_options) <= 9:
            problems.add(f"{where}.options", "expected a list of 2 to 9 options")
            raw_options = []
        for n, option in enumerate(raw_options):
            at = f"{where}.options[{n}]"
            oid = option.get("id") if isinstance(option, Mapping) else None
            if not isinstance(oid, str) or not _OPTION_ID.match(oid) or oid == SKIP:
                problems.add(at, "each option needs an id of a–z, 0–9 or _ (not 'skip')")
                continue
            if oid in answer_ids:
                problems.add(at, f"option id {oid!r} is used twice")
                continue
            answer_ids.append(oid)
            put(f"{sid}.{qid}.opt.{oid}", _words(option.get("text"), option.get("text_key"), at, catalog, problems,
                                                 LABEL_LIMIT))
    elif kind == "yesno":
        answer_ids = ["yes", "no"]
        for oid in answer_ids:
            put(f"{sid}.{qid}.opt.{oid}", {loc: catalog.text(f"common.opt.{oid}", loc) for loc in catalog.locales})
    elif kind == "number":
        minimum, maximum = raw.get("min", 0), raw.get("max", 100)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (minimum, maximum)) or minimum > maximum:
            problems.add(where, "min and max must be whole numbers with min <= max")
            minimum, maximum = 0, 100
        put(f"{sid}.{qid}.invalid", {loc: catalog.text("survey.custom.invalid_number", loc).format(
            min=minimum, max=maximum) for loc in catalog.locales})
    else:
        put(f"{sid}.{qid}.invalid", {loc: catalog.text("survey.custom.invalid_text", loc) for loc in catalog.locales})
    if optional:
        put(f"{sid}.{qid}.opt.{SKIP}", {loc: catalog.text("survey.custom.skip", loc) for loc in catalog.locales})
    options = (*answer_ids, SKIP) if optional else tuple(answer_ids)
    if len(options) > MAX_OPTIONS:
        problems.add(where, f"at most {MAX_OPTIONS} answers fit a chat list (skip included)")
    nxt = _next(raw.get("next"), index, ids, options, kind, where, problems)
    if len(problems.items) > before:
        return None
    expects = {"scale": "choice", "choice": "choice", "yesno": "yesno", "text": "text", "number": "text"}[kind]
    question = Question(qid, kind, options, optional, minimum, maximum)
    step = Step(qid, expects, options=options if kind != "yesno" or optional else (), validate="custom_answer",
                save_as=qid, next=nxt)  # type: ignore[arg-type]
    return question, step


def _next(raw: Any, index: int, ids: Sequence[Any], options: Sequence[str], kind: str, where: str,
          problems: _Problems) -> str | dict[str, str]:
    """Where a question leads: the following one, or (skip logic) a later one per answer."""
    default = ids[index + 1] if index + 1 < len(ids) and isinstance(ids[index + 1], str) else "thanks"

    def target(value: Any, at: str) -> str:
        if value == END:
            return "thanks"
        if value not in ids or not isinstance(value, str):
            problems.add(at, f"unknown question {value!r} (use a question id or {END!r})")
            return default
        if ids.index(value) <= index:
            problems.add(at, f"{value!r} is not after this question: skip logic only jumps forward")
        return value

    if raw is None:
        return default
    if isinstance(raw, str):
        return target(raw, f"{where}.next")
    if not isinstance(raw, Mapping) or kind in ("text", "number"):
        problems.add(f"{where}.next", "a question id, or for choice/scale/yesno a mapping answer -> question id")
        return default
    mapping: dict[str, str] = {"*": default}
    for answer, value in raw.items():
        # YAML reads yes/no as booleans, and JSON written from them says "true"/"false".
        key = {"True": "yes", "False": "no", "true": "yes", "false": "no"}.get(str(answer), str(answer))
        if key not in options and key != "*":
            problems.add(f"{where}.next", f"{key!r} is not one of the answers ({', '.join(options)})")
            continue
        mapping[key] = target(value, f"{where}.next.{key}")
    return mapping


def register(found: Iterable[CustomSurvey]) -> LoadedSurveys:
    """Make the surveys' rules known to the named validator; return them together."""
    loaded = LoadedSurveys(tuple(found))
    for survey in loaded.surveys:
        QUESTIONS[survey.flow.id] = {q.id: q for q in survey.questions}
    return loaded


@validator("custom_answer")
async def custom_answer(ctx: StepContext, answer: Answer) -> Result:
    """An answer to an agency survey's question, by the rules of its file."""
    question = QUESTIONS.get(ctx.state.flow or "", {}).get(ctx.state.step or "")
    if question is None:
        return Invalid()
    text = " ".join((answer.text or "").split())
    if question.type == "number" and text:
        # A typed number is the answer, never the option at that position ("1" is not "Lewati").
        number = read_number(text, ctx.services.catalog)
        if number is None and re.fullmatch(r"\d{1,9}", text):
            number = int(text)
        if number is not None:
            low, high = question.minimum or 0, question.maximum or 0
            return Ok(number) if low <= number <= high else Invalid()
    if answer.choice == SKIP and question.optional:
        return Ok(None, branch=SKIP)
    if question.type == "yesno":
        return Ok(answer.choice == "yes", branch=answer.choice) if answer.choice in ("yes", "no") else Invalid()
    if question.type in ("scale", "choice") and answer.choice in question.options:
        value = int(answer.choice) if question.type == "scale" else answer.choice  # scales are numbers
        return Ok(value, branch=answer.choice)
    if question.type in ("scale", "choice"):
        return Invalid()
    if question.type == "number":
        return Invalid()
    if not text or len(text) > MAX_TEXT:
        return Invalid()
    return Ok(text)


@action("record_custom_survey")
async def record_custom_survey(ctx: StepContext) -> dict[str, Any]:
    """Store the answers under the survey's id."""
    questions = QUESTIONS.get(ctx.state.flow or "", {})
    answers = {qid: ctx.state.answers.get(qid) for qid in questions}
    await surveys(ctx).save_custom_survey(ctx.state.flow or "", answers, ctx.locale)
    return {}
