"""`laporbot survey …`: unit QR posters, paper SKM import, SKM and channel survey reports, auto-close.

    laporbot survey units                         the service units (LAPORBOT_UNITS_CSV)
    laporbot survey check                         units, period and agency survey files
    laporbot survey qr <unit> [--out FILE]        printable PNG with the Telegram and WhatsApp links
    laporbot survey import <file> --unit <code> [--order model|regulation]
                                                  paper questionnaires (CSV/XLSX), all rows or none
    laporbot survey report --unit <code> [--from D --to D] [--population N] [--weight 1/9|0.111]
                           [--order model|regulation] [--json|--xlsx F|--png F]
    laporbot survey report --channel [--from D --to D] [--json]
    laporbot survey report --survey <id> [--from D --to D] [--json]
    laporbot survey autoclose [--days N]          close resolved complaints nobody answered

Dates are local (LAPORBOT_TIMEZONE) and inclusive; without them the current period is reported.
--order says how a file's u8/u9 columns are numbered and how reports number U8/U9; --weight picks
the unsur weight. Without them the unit's skm_order / skm_weight columns in the units file decide,
then LAPORBOT_SKM_ORDER / LAPORBOT_SKM_WEIGHT, then the model questionnaire and exactly 1/9.
Reports say which of each they used.
Words come from the catalog (--locale, Indonesian by default). Exit codes: 0 fine, 1 the input was
refused (nothing was written), 2 usage or configuration problem.

Kept in one module (~470 lines): the sub-commands of one command, each a short function over the shared `_Out`.
Every `laporbot` start, `run` too, imports this module for its parser, so what only a sub-command uses (the QR
poster and its phone numbers, the paper import, the reports, Babel's numbers) is imported in that sub-command.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.i18n import Catalog, default_catalog, long_date
from bot.surveys.config import SurveyConfig, SurveyConfigError
from bot.surveys.ikm import ChannelStats, IkmResult, channel_survey, compute, round_half_up
from bot.surveys.period import Period, period_of, period_of_date
from bot.surveys.units import Unit, UnitsError
from flows import skm

OK, REFUSED, USAGE = 0, 1, 2


def register(sub: Any) -> None:
    """Add the `survey` command to the laporbot command line."""
    parser = sub.add_parser("survey", help="satisfaction surveys: QR posters, paper import, reports")
    parser.add_argument("--locale", default="id", help="language of the output (id, en)")
    actions = parser.add_subparsers(dest="survey_command", required=True)
    actions.add_parser("units", help="list the service units")
    actions.add_parser("check", help="check the units file, the period and the agency survey files")
    qr = actions.add_parser("qr", help="write a printable QR poster for a unit's counter")
    qr.add_argument("unit", help="the unit code")
    qr.add_argument("--out", type=Path, help="the PNG file (default: skm_<unit>.png)")
    qr.add_argument("--telegram-bot", help="the bot's Telegram username (default: LAPORBOT_TELEGRAM_USERNAME)")
    qr.add_argument("--whatsapp", help="the bot's WhatsApp number (default: LAPORBOT_WHATSAPP_NUMBER)")
    paper = actions.add_parser("import", help="import paper questionnaires from CSV or XLSX")
    paper.add_argument("file", type=Path)
    paper.add_argument("--unit", required=True, help="the unit code")
    paper.add_argument("--order", choices=tuple(skm.ORDERS),
                       help="u8/u9 columns: model = u8 sarana, u9 pengaduan (default); regulation = swapped")
    report = actions.add_parser("report", help="SKM/IKM of a unit, the channel survey, or an agency survey")
    which = report.add_mutually_exclusive_group(required=True)
    which.add_argument("--unit", help="the unit code")
    which.add_argument("--channel", action="store_true", help="the channel's own satisfaction survey")
    which.add_argument("--inclusion", action="store_true",
                       help="complaints and satisfaction by gender, disability, voice or text")
    which.add_argument("--survey", help="an agency survey id")
    report.add_argument("--from", dest="start", help="first day, e.g. 2026-07-01")
    report.add_argument("--to", dest="end", help="last day, e.g. 2026-09-30")
    report.add_argument("--population", type=_count, help="service users in the period (Krejcie–Morgan sample)")
    report.add_argument("--weight", type=_weighting, help="weight of each unsur: 1/9 (default, exact) or 0.111")
    report.add_argument("--order", choices=tuple(skm.ORDERS),
                        help="number U8/U9 as the model questionnaire (default) or the regulation's list")
    out = report.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="JSON on standard output")
    out.add_argument("--xlsx", type=Path, help="write the SKM report workbook")
    out.add_argument("--png", type=Path, help="write the NRR chart")
    close = actions.add_parser("autoclose", help="close resolved complaints whose citizen did not answer")
    close.add_argument("--days", type=int, help="working days to wait (default: LAPORBOT_AUTOCLOSE_DAYS)")
    parser.set_defaults(func=run)


def _count(text: str) -> int:
    """A whole number of people, zero or more."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError("expected a whole number, 0 or more")
    return value


def _weighting(text: str) -> str:
    """1/9 or 0.111."""
    from bot.surveys.ikm import parse_weighting

    value = parse_weighting(text)
    if value is None:
        raise argparse.ArgumentTypeError("expected 1/9 or 0.111")
    return value


@dataclass
class _Out:
    """Localised printing for one command."""

    catalog: Catalog
    locale: str

    def t(self, key: str, **values: Any) -> str:
        return self.catalog.text(key, self.locale, **values)

    def say(self, key: str, **values: Any) -> None:
        print(self.t(key, **values))

    def warn(self, text: str) -> None:
        print(text, file=sys.stderr)

    def number(self, value: Decimal | Fraction | None, places: int) -> str:
        if value is None:
            return "-"
        from babel.numbers import format_decimal

        return format_decimal(round_half_up(value, places), format="0." + "0" * places, locale=self.locale)


def run(args: argparse.Namespace) -> int:
    """Run one `laporbot survey` command."""
    from bot.settings import ConfigError, Settings

    out = _Out(default_catalog(), args.locale)
    try:
        settings = Settings.from_env()
        config = SurveyConfig.from_env(settings.extra)
    except (ConfigError, SurveyConfigError) as error:
        out.warn(out.t("survey.cli.problems"))
        for problem in error.problems:
            out.warn(f"  - {problem}")
        return USAGE
    command = args.survey_command
    if command == "units":
        for unit in config.units().units:
            read = f"\t({unit.region_read})" if unit.region_read else ""  # which code system a prefixed code was
            print(f"{unit.code}\t{unit.name}\t{unit.region_code or ''}{read}")
        return OK
    if command == "check":
        return _check(out, config)
    if command == "qr":
        return _qr(out, config, args)
    return asyncio.run(_with_database(out, settings, config, args))


def _check(out: _Out, config: SurveyConfig) -> int:
    from bot.surveys.custom_loader import load_surveys
    from flows.custom_survey import InvalidSurvey

    try:
        surveys = load_surveys(config.surveys_dir, out.catalog).surveys if config.surveys_dir else ()
    except InvalidSurvey as error:
        out.warn(out.t("survey.cli.problems"))
        for problem in error.problems:
            out.warn(f"  - {problem}")
        return USAGE
    out.say("survey.cli.ok", units=len(config.units()), surveys=len(surveys), period=config.period)
    return OK


def _unit(out: _Out, config: SurveyConfig, code: str) -> Unit | None:
    try:
        unit = config.units().get(code)
    except UnitsError as error:  # the file changed since start-up
        for problem in error.problems:
            out.warn(problem)
        return None
    if unit is None:
        out.warn(out.t("survey.cli.unknown_unit", code=code))
    return unit


def _qr(out: _Out, config: SurveyConfig, args: argparse.Namespace) -> int:
    from bot.surveys.qr import telegram_link, whatsapp_link, write_unit_qr

    unit = _unit(out, config, args.unit)
    if unit is None:
        return USAGE
    bot_name = args.telegram_bot or config.telegram_username
    if not bot_name:
        out.warn(out.t("survey.cli.need_telegram"))
        return USAGE
    number = args.whatsapp or config.whatsapp_number
    try:
        telegram = telegram_link(bot_name, unit.code)
        whatsapp = whatsapp_link(number, unit.code) if number else None
    except ValueError as error:
        out.warn(out.t("survey.cli.bad_link", problem=str(error)))
        return USAGE
    path = args.out or Path(f"skm_{unit.code}.png")
    write_unit_qr(path, unit.name, telegram, whatsapp, locale=out.locale, catalog=out.catalog)
    out.say("survey.cli.qr_written", unit=unit.name, path=str(path))
    return OK


async def _with_database(out: _Out, settings: Any, config: SurveyConfig, args: argparse.Namespace) -> int:
    db = settings.open_database()
    try:
        if not await db.is_current():
            out.warn(out.t("survey.cli.not_migrated"))
            return USAGE
        if args.survey_command == "import":
            return await _import(out, db, settings, config, args)
        if args.survey_command == "autoclose":
            return await _autoclose(out, db, settings, args)
        return await _report(out, db, settings, config, args)
    finally:
        await db.close()


async def _import(out: _Out, db: Any, settings: Any, config: SurveyConfig, args: argparse.Namespace) -> int:
    from bot.core.clock import SystemClock
    from bot.surveys.paper_import import ImportErrors, read_paper
    from models.survey_store import DuplicateImport, import_paper

    unit = _unit(out, config, args.unit)
    if unit is None:
        return USAGE
    path: Path = args.file
    order = args.order or unit.order or config.order
    try:
        paper = await asyncio.to_thread(read_paper, path, tz=ZoneInfo(settings.timezone), catalog=out.catalog,
                                        order=order)
    except ImportErrors as error:
        out.warn(out.t("survey.cli.import_failed"))
        for line in error.messages(out.locale, out.catalog):
            out.warn(f"  {line}")
        return REFUSED
    digest = hashlib.sha256(await asyncio.to_thread(path.read_bytes)).hexdigest()
    try:
        async with db.write() as session:  # one transaction: every row, or none
            await import_paper(session, unit_code=unit.code, filename=path.name, sha256=digest,
                               respondents=paper.respondents,
                               period_key=lambda when: period_of(when, config.period, settings.timezone).key,
                               now=SystemClock().now())
    except DuplicateImport:
        out.warn(out.t("survey.cli.duplicate"))
        return REFUSED
    out.say("survey.cli.imported", count=len(paper.respondents), unit=unit.name)
    # u8/u9 hold different unsur in the two orders: say which reading was used, so a wrong one is seen
    if paper.numbered:
        out.say("survey.cli.import_numbered", order=out.t(skm.order_key(paper.order)))
    else:
        out.say("survey.cli.import_named")
    return OK


async def _autoclose(out: _Out, db: Any, settings: Any, args: argparse.Namespace) -> int:
    from bot.core.clock import SystemClock
    from bot.core.workdays import calendar_from_env
    from bot.surveys.feedback import auto_close_unanswered

    try:
        # The configured calendar, as the admin scheduler's auto-close uses: the same day closes either way.
        calendar = calendar_from_env(settings.extra)
    except ValueError as error:
        out.warn(out.t("survey.cli.problems"))
        out.warn(f"  - {error}")
        return USAGE
    days = args.days if args.days is not None else settings.autoclose_days
    closed = await auto_close_unanswered(db, SystemClock(), calendar, days, tz=settings.timezone)
    out.say("survey.cli.closed", count=closed)
    return OK


def _range(out: _Out, settings: Any, config: SurveyConfig, args: argparse.Namespace) -> tuple[date, date] | None:
    """The report's first and last local days: the options, or the current period."""
    try:
        start = date.fromisoformat(args.start) if args.start else None
        end = date.fromisoformat(args.end) if args.end else None
    except ValueError:
        out.warn(out.t("survey.cli.bad_date"))
        return None
    if start is None or end is None:
        from bot.core.clock import SystemClock

        current = period_of(SystemClock().now(), config.period, settings.timezone)
        start, end = start or current.first, end or current.last
    if start > end:
        out.warn(out.t("survey.cli.bad_date"))
        return None
    return start, end


def _label(out: _Out, start: date, end: date, config: SurveyConfig) -> str:
    """A whole period by its name ("Juli–September 2026"), any other range by its dates."""
    named = period_of_date(start, config.period)
    if named.first == start and named.last == end:
        return named.label(out.locale)
    return f"{long_date(start, out.locale)} – {long_date(end, out.locale)}"


async def _report(out: _Out, db: Any, settings: Any, config: SurveyConfig, args: argparse.Namespace) -> int:
    from bot.surveys import services as survey_services
    from bot.surveys.inclusion import inclusion_cli
    from bot.surveys.report import to_json, to_png, to_xlsx

    days = _range(out, settings, config, args)
    if days is None:
        return USAGE
    begin, finish = Period("", days[0], days[1]).bounds(settings.timezone)
    label = _label(out, days[0], days[1], config)
    if (args.channel or args.survey or args.inclusion) and (args.xlsx or args.png):
        out.warn(out.t("survey.cli.channel_formats"))
        return USAGE
    if args.inclusion:  # bot/surveys/inclusion.py
        return await inclusion_cli(out.catalog, out.locale, db, begin, finish, label, args.json)
    if args.channel:
        async with db.read() as session:
            responses = await survey_services.channel_responses(session, begin, finish)
        return _channel_report(out, responses, label, days, args.json)
    if args.survey:
        return await _custom_report(out, db, config, args.survey, begin, finish, label, args.json)
    unit = _unit(out, config, args.unit)
    if unit is None:
        return USAGE
    async with db.read() as session:
        respondents = await survey_services.skm_respondents(session, unit.code, begin, finish)
    # The command line, else the unit's own line in the units file, else the deployment's setting.
    result = compute(respondents, population=args.population,
                     weighting=args.weight or unit.weighting or config.weighting)
    order = args.order or unit.order or config.order
    if result.sample_warning and (args.json or args.xlsx or args.png):
        # The file carries the warning; the text report prints it in its body, so only once.
        out.warn(out.t("survey.report.warning", count=result.respondents, required=result.required_sample))
    if args.json:
        data = {"unit": {"code": unit.code, "name": unit.name}, "from": days[0].isoformat(),
                "to": days[1].isoformat(), "period": label, **to_json(result, out.locale, out.catalog, order)}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif args.xlsx:
        to_xlsx(result, args.xlsx, unit.name, label, out.locale, out.catalog, order)
        out.say("survey.report.written", path=str(args.xlsx))
    elif args.png:
        to_png(result, args.png, unit.name, label, out.locale, out.catalog, order)
        out.say("survey.report.written", path=str(args.png))
    else:
        _print_skm(out, result, unit, label, order)
    return OK


def _print_skm(out: _Out, result: IkmResult, unit: Unit, label: str, order: str = skm.DEFAULT_ORDER) -> None:
    from bot.surveys.report import numbers, weighting_key

    out.say("skm.report.title")
    out.say("survey.report.unit", name=unit.name, code=unit.code)
    out.say("survey.report.range", period=label)
    out.say("survey.report.respondents", count=result.respondents)
    if result.ikm is None:
        out.say("survey.report.no_answers")
        return
    out.say("survey.report.order", order=out.t(skm.order_key(order)))
    out.say("survey.report.weighting", weight=out.t(weighting_key(result.weighting)))
    number_of = numbers(order)
    for _, item in skm.ordered(order):
        score = result.score(item.id)
        out.say("survey.report.unsur_line", id=number_of[item.id], name=out.t(item.name_key),
                nrr=out.number(score.nrr, 3), answered=score.answered)
    if result.excluded_unsur:
        out.say("skm.report.excluded", unsur=", ".join(number_of[u] for u in result.excluded_unsur),
                count=9 - len(result.excluded_unsur))
    out.say("survey.report.ikm", ikm=out.number(result.ikm, 4), converted=out.number(result.ikm_converted, 2),
            grade=result.grade, label=out.t(result.grade_label_key or ""))
    if result.required_sample is not None:
        out.say("survey.report.sample", population=result.population, required=result.required_sample)
    if result.sample_warning:
        out.say("survey.report.warning", count=result.respondents, required=result.required_sample)
    for field_name, groups in result.breakdowns.items():
        question = skm.profile_question(field_name)
        out.say("survey.report.breakdown", dimension=out.t(question.name_key))
        for group, found in groups.items():
            if not found.count:
                continue
            name = out.t("skm.report.not_filled") if group == skm.SKIP else out.t(question.option_key(group))
            out.say("survey.report.group_line", group=name, count=found.count,
                    ikm=out.number(found.ikm_converted, 2), grade=found.grade or "-")
    if result.saran:
        out.say("survey.report.saran", count=len(result.saran))
        for number, text in enumerate(result.saran, start=1):
            print(f"  {number}. {' '.join(text.split())}")


def _channel_line(out: _Out, label: str, stats: ChannelStats) -> str:
    return out.t("survey.report.channel.line", label=label, count=stats.respondents,
                 satisfaction=out.number(stats.satisfaction_index, 1), nps=out.number(stats.nps, 1),
                 loyalty=out.number(stats.loyalty, 1), ease=out.number(stats.ease_mean, 2),
                 speed=out.number(stats.speed_mean, 2))


def _channel_report(out: _Out, responses: list[Any], label: str, days: tuple[date, date], as_json: bool) -> int:
    from bot.surveys.report import to_json

    result = channel_survey(responses)
    if as_json:
        data = {"from": days[0].isoformat(), "to": days[1].isoformat(), "period": label,
                **to_json(result, out.locale, out.catalog)}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return OK
    out.say("survey.report.channel.title")
    out.say("survey.report.range", period=label)
    print(_channel_line(out, out.t("survey.report.channel.all"), result))
    for heading, question, groups in (("survey.report.channel.by_gender", skm.GENDER, result.by_gender),
                                      ("survey.report.channel.by_disability", skm.DISABILITY, result.by_disability)):
        out.say(heading)
        for group, stats in groups.items():
            name = out.t("skm.report.not_filled") if group == skm.SKIP else out.t(question.option_key(group))
            print("  " + _channel_line(out, name, stats))
    return OK


async def _custom_report(out: _Out, db: Any, config: SurveyConfig, survey_id: str, begin: datetime,
                         finish: datetime, label: str, as_json: bool) -> int:
    from bot.surveys.custom_loader import load_surveys
    from flows.custom_survey import InvalidSurvey
    from models.survey_store import custom_responses

    try:
        surveys = load_surveys(config.surveys_dir, out.catalog).surveys if config.surveys_dir else ()
    except InvalidSurvey as error:
        for problem in error.problems:
            out.warn(problem)
        return USAGE
    survey = next((s for s in surveys if s.flow.id == survey_id), None)
    if survey is None:
        out.warn(out.t("survey.cli.unknown_survey", survey=survey_id))
        return USAGE
    async with db.read() as session:
        rows = await custom_responses(session, survey_id, begin, finish)
    summary: dict[str, Any] = {}
    for question in survey.questions:
        values = [row.answers.get(question.id) for row in rows]
        if question.type in ("text",):
            summary[question.id] = {"answered": sum(v is not None for v in values),
                                    "texts": [v for v in values if v is not None]}
        elif question.type == "number":
            numbers = [v for v in values if isinstance(v, int)]
            mean = float(round_half_up(Fraction(sum(numbers), len(numbers)), 2)) if numbers else None
            summary[question.id] = {"answered": len(numbers), "mean": mean}
        else:
            counts = Counter("skipped" if v is None else str(v).lower() for v in values)
            summary[question.id] = {"counts": dict(sorted(counts.items()))}
    if as_json:
        print(json.dumps({"survey": survey_id, "period": label, "respondents": len(rows), "questions": summary},
                         ensure_ascii=False, indent=2))
        return OK
    out.say("survey.report.custom.title", survey=survey_id, count=len(rows))
    out.say("survey.report.range", period=label)
    for qid, found in summary.items():
        out.say("survey.report.custom.question", question=qid)
        for answer, count in found.get("counts", {}).items():
            shown = out.t("survey.report.custom.skipped") if answer == "skipped" else answer
            out.say("survey.report.custom.line", answer=shown, count=count)
        if "mean" in found:
            out.say("survey.report.custom.line", answer="n", count=found["answered"])
            out.say("survey.report.custom.line", answer="mean", count=found["mean"])
        for text in found.get("texts", []):
            print(f"  - {' '.join(str(text).split())}")
    return OK
