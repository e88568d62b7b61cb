"""The SKM questionnaire as data: the 9 unsur of PermenPANRB 14/2017, profile questions and their keys.

Keys follow the flow convention `skm.<step>.<part>`: `prompt`, `simple` (a plainer re-ask),
`invalid` (free-text steps), `opt.<id>` (option labels) and `opt.<id>.short` (a <=20-character label,
present only where some locale's full label is longer than 20 characters).
Scores are stored as codes 1..4, never as labels: some printed forms invert the option order.

Age is asked with band buttons (lt17, 17_25, 26_35, 36_45, 46_55, 56p); a typed number of years is
also accepted and banded by `age_band()`, so the bot works for people who prefer to type.
Every profile question is optional: its last option is `skip` ("Lewati") and stores None.
Keys that take fields: `skm.intro.prompt` {unit}, `skm.already_answered.prompt` {period},
`skm.progress` {number} {total}.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.i18n import Catalog, default_catalog
from bot.core.messages import Option

FLOW = "skm"
SKIP = "skip"
SCORES = (1, 2, 3, 4)
SHORT_LIMIT = 20  # WhatsApp reply-button titles are cut at 20 characters


@dataclass(frozen=True, slots=True)
class Unsur:
    """One of the nine service elements, asked as a 1..4 question."""

    id: str
    letter: str  # the element's letter in the regulation's list (a..i); h and i are asked as u9 and u8
    key: str = ""  # a stable name for files and JSON (sarana, pengaduan…), the same in either order
    short_options: tuple[int, ...] = ()  # scores whose label needs a short form somewhere

    @property
    def name_key(self) -> str:
        """Key of the element's name, e.g. Persyaratan."""
        return f"{FLOW}.{self.id}.name"

    @property
    def prompt_key(self) -> str:
        """Key of the official question."""
        return f"{FLOW}.{self.id}.prompt"

    @property
    def simple_key(self) -> str:
        """Key of a plainer re-ask for readers who did not understand the official wording."""
        return f"{FLOW}.{self.id}.simple"

    def option_key(self, score: int) -> str:
        """Key of the label for a score 1..4."""
        if score not in SCORES:
            raise ValueError(f"score must be 1..4, not {score!r}")
        return f"{FLOW}.{self.id}.opt.{score}"

    def short_key(self, score: int) -> str | None:
        """Key of the <=20-character label for a score, or None when the full label is short enough."""
        return f"{self.option_key(score)}.short" if score in self.short_options else None

    def keys(self) -> set[str]:
        """Every message key this element uses."""
        keys = {self.name_key, self.prompt_key, self.simple_key}
        for score in SCORES:
            keys.add(self.option_key(score))
            short = self.short_key(score)
            if short:
                keys.add(short)
        return keys


# Order of domain.md §4.1: the questionnaire asks sarana (regulation letter i) as q8 and
# complaint handling (letter h) as q9.
UNSUR: tuple[Unsur, ...] = (
    Unsur("u1", "a", "persyaratan"),
    Unsur("u2", "b", "prosedur"),
    Unsur("u3", "c", "waktu"),
    Unsur("u4", "d", "biaya"),
    Unsur("u5", "e", "produk"),
    Unsur("u6", "f", "kompetensi"),
    Unsur("u7", "g", "perilaku", short_options=(1, 2, 4)),
    Unsur("u8", "i", "sarana"),
    Unsur("u9", "h", "pengaduan", short_options=(2, 3)),
)
UNSUR_IDS: tuple[str, ...] = tuple(u.id for u in UNSUR)

# Two numberings of the same nine unsur. Stored ids follow the model questionnaire (u8 sarana,
# u9 pengaduan); the regulation's list puts penanganan pengaduan (h) eighth and sarana (i) ninth.
# Units' paper forms and reports follow either, so "U8" means nothing until the order is named.
ORDER_MODEL = "model"
ORDER_REGULATION = "regulation"
DEFAULT_ORDER = ORDER_MODEL
ORDERS: dict[str, tuple[str, ...]] = {
    ORDER_MODEL: UNSUR_IDS,
    ORDER_REGULATION: tuple(u.id for u in sorted(UNSUR, key=lambda u: u.letter)),
}


def ordered(order: str = DEFAULT_ORDER) -> tuple[tuple[int, Unsur], ...]:
    """(number shown as U<number>, element) in the given order: model or regulation."""
    if order not in ORDERS:
        raise ValueError(f"unknown unsur order {order!r}; use {' or '.join(ORDERS)}")
    return tuple((number, unsur(uid)) for number, uid in enumerate(ORDERS[order], start=1))


def order_key(order: str) -> str:
    """Key of the sentence that says which order a report or file uses."""
    return f"{FLOW}.order.{order}"


@dataclass(frozen=True, slots=True)
class ProfileQuestion:
    """A question about the respondent; options are stored ids, free-text questions have none."""

    id: str
    options: tuple[str, ...] = ()  # answer ids, without the skip option
    free_text: bool = False

    @property
    def prompt_key(self) -> str:
        """Key of the question."""
        return f"{FLOW}.{self.id}.prompt"

    @property
    def name_key(self) -> str:
        """Key of the short name used as a report heading (Jenis kelamin, Usia, ...)."""
        return f"{FLOW}.{self.id}.name"

    @property
    def invalid_key(self) -> str | None:
        """Key of the re-ask after an answer that could not be read (typed steps only)."""
        return f"{FLOW}.{self.id}.invalid" if self.free_text or self.id == "age_band" else None

    @property
    def choices(self) -> tuple[str, ...]:
        """The option ids offered in chat: the answers, then skip."""
        return (*self.options, SKIP)

    def option_key(self, option: str) -> str:
        """Key of one option's label."""
        if option not in self.choices:
            raise ValueError(f"{self.id} has no option {option!r}")
        return f"{FLOW}.{self.id}.opt.{option}"

    def keys(self) -> set[str]:
        """Every message key this question uses."""
        keys = {self.prompt_key, self.name_key}
        if self.invalid_key:
            keys.add(self.invalid_key)
        keys.update(self.option_key(o) for o in self.choices)
        return keys


GENDER = ProfileQuestion("gender", ("l", "p"))
AGE_BAND = ProfileQuestion("age_band", ("lt17", "17_25", "26_35", "36_45", "46_55", "56p"))
EDUCATION = ProfileQuestion("education", ("sd", "smp", "sma", "d1_d3", "d4_s1", "s2", "s3", "lainnya"))
OCCUPATION = ProfileQuestion("occupation", ("pns", "tni", "polri", "swasta", "wirausaha", "lainnya"))
SERVICE = ProfileQuestion("service", free_text=True)
# tidak_jawab is a recorded "prefer not to say"; skip means the question was passed over.
DISABILITY = ProfileQuestion("disability", ("ya", "tidak", "tidak_jawab"))

PROFILE: tuple[ProfileQuestion, ...] = (GENDER, AGE_BAND, EDUCATION, OCCUPATION, SERVICE, DISABILITY)
# The profile fields a report breaks the IKM down by (free-text service is not grouped).
BREAKDOWN_FIELDS: tuple[str, ...] = ("gender", "age_band", "education", "occupation", "disability")

# Message keys of the steps around the questions.
INTRO_KEY = f"{FLOW}.intro.prompt"  # {unit}
INTRO_OPTIONS = ("start", "later")
SARAN_KEY = f"{FLOW}.saran.prompt"
SARAN_INVALID_KEY = f"{FLOW}.saran.invalid"
SARAN_SKIP_KEY = f"{FLOW}.saran.opt.{SKIP}"
SERVICE_SKIP_KEY = f"{FLOW}.service.opt.{SKIP}"
THANKS_KEY = f"{FLOW}.thanks.prompt"
ALREADY_ANSWERED_KEY = f"{FLOW}.already_answered.prompt"  # {period}
ALREADY_ANSWERED_OPTIONS = ("update", "keep")
PROGRESS_KEY = f"{FLOW}.progress"  # {number} {total}
SARAN_MAX_CHARS = 1000  # long enough for a paragraph, short enough for one spreadsheet cell


def unsur(unsur_id: str) -> Unsur:
    """The element with this id (u1..u9)."""
    for item in UNSUR:
        if item.id == unsur_id:
            return item
    raise KeyError(unsur_id)


def profile_question(question_id: str) -> ProfileQuestion:
    """The profile question with this id."""
    for item in PROFILE:
        if item.id == question_id:
            return item
    raise KeyError(question_id)


def all_keys() -> set[str]:
    """Every key this module refers to; the catalogs must define each in every locale."""
    keys: set[str] = {INTRO_KEY, SARAN_KEY, SARAN_INVALID_KEY, SARAN_SKIP_KEY, THANKS_KEY,
                      ALREADY_ANSWERED_KEY, PROGRESS_KEY, *(order_key(o) for o in ORDERS)}
    keys.update(f"{FLOW}.intro.opt.{o}" for o in INTRO_OPTIONS)
    keys.update(f"{FLOW}.already_answered.opt.{o}" for o in ALREADY_ANSWERED_OPTIONS)
    for item in UNSUR:
        keys |= item.keys()
    for question in PROFILE:
        keys |= question.keys()
    return keys


def unsur_options(item: Unsur, locale: str = "id", catalog: Catalog | None = None) -> tuple[Option, ...]:
    """The four answers of an element as chat options with ids "1".."4"."""
    cat = catalog or default_catalog()
    options = []
    for score in SCORES:
        short_key = item.short_key(score)
        options.append(Option(
            id=str(score),
            label=cat.text(item.option_key(score), locale),
            short=cat.text(short_key, locale) if short_key else None,
        ))
    return tuple(options)


def profile_options(
    question: ProfileQuestion, locale: str = "id", catalog: Catalog | None = None
) -> tuple[Option, ...]:
    """The options of a profile question, skip last (a free-text question offers only skip)."""
    cat = catalog or default_catalog()
    return tuple(Option(id=o, label=cat.text(question.option_key(o), locale)) for o in question.choices)


_YEARS = re.compile(r"^(\d{1,3})\s*(?:th|thn|tahun|years?|yrs?|y)?\.?$")
_RANGE = re.compile(r"^(\d{1,3})\s*[-–—]\s*(\d{1,3})\s*(?:th|thn|tahun|years?)?$")
_PLUS = re.compile(r"^(?:(?:>|≥|>=)\s*(\d{1,3})|(\d{1,3})\s*(?:\+|ke\s*atas|or\s*(?:older|more)))$")
_UNDER = re.compile(r"^(?:<|di\s*bawah|under)\s*17(?:\s*(?:th|thn|tahun|years?))?$")
# Numbers below 10 are option numbers ("2" = the second button), not ages; above 120 a typo.
MIN_AGE, MAX_AGE = 10, 120


def age_band(years: int) -> str:
    """The band id for an age in whole years."""
    if not MIN_AGE <= years <= MAX_AGE:
        raise ValueError(f"age out of range: {years}")
    if years < 17:
        return "lt17"
    for band, high in (("17_25", 25), ("26_35", 35), ("36_45", 45), ("46_55", 55)):
        if years <= high:
            return band
    return "56p"


def parse_age(text: str) -> str | None:
    """Read a typed age ("34", "34 tahun", "26-35", "56+") as a band id, or None if unreadable."""
    cleaned = text.strip().lower()
    if cleaned in AGE_BAND.options:
        return cleaned
    if _UNDER.match(cleaned):
        return "lt17"
    found = _YEARS.match(cleaned)
    if found:
        years = int(found.group(1))
        return age_band(years) if MIN_AGE <= years <= MAX_AGE else None
    found = _RANGE.match(cleaned)
    if found:
        band = f"{int(found.group(1))}_{int(found.group(2))}"
        return band if band in AGE_BAND.options else None
    found = _PLUS.match(cleaned)
    if found:
        # ">55", "≥56", "56+", "55+" and "56 ke atas" all mean the top band.
        bound = int(found.group(1) or found.group(2))
        return "56p" if bound in (55, 56) else None
    return None
