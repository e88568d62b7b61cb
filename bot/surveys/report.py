"""SKM reports: JSON for the API, an XLSX laid out like a unit's SKM report, and a PNG bar chart.

Every word comes from the catalog (locale parameter, Indonesian by default). NRR is shown to 3
decimals, IKM to 4 and the converted IKM to 2 (the value that was banded). The weight and NRR × bobot
are written at full precision, with a row (XLSX) or field (JSON) holding their sum: rounded to 4
decimals each, the nine shares need not add up to the IKM shown (3.0642 against 3.0644), and a
reader checking the sum by hand would think the IKM wrong. Every report names the weight used (1/9
or 0.111) and the order its unsur are numbered in (model questionnaire or the regulation's list),
since U8 and U9 swap between the two. Text from citizens (saran) is written as plain text cells,
never formulas.
"""

from __future__ import annotations

import textwrap
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.numbers import format_decimal

from bot.core.i18n import Catalog, default_catalog
from bot.surveys.ikm import GRADES, WEIGHT_EXACT, ChannelResult, ChannelStats, IkmResult, round_half_up
from flows import skm

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

NRR_PLACES = 3
IKM_PLACES = 4
WEIGHT_FORMAT = "0.000000"  # Excel shows 6 decimals of the full-precision value it holds
_GRADE_COLOURS = {"A": "#2e7d32", "B": "#1565c0", "C": "#ef6c00", "D": "#c62828"}


def _num(value: Fraction | Decimal | None, places: int) -> float | None:
    """A JSON/Excel number rounded half-up, or None."""
    return None if value is None else float(round_half_up(value, places))


def _full(value: Fraction | None) -> float | None:
    """A JSON/Excel number at full (double) precision, or None."""
    return None if value is None else float(value)


def weighting_key(weighting: str) -> str:
    """Key of the label of a weighting: 1/9 exact or 0.111."""
    return "skm.weight.exact" if weighting == WEIGHT_EXACT else "skm.weight.rounded"


def numbers(order: str = skm.DEFAULT_ORDER) -> dict[str, str]:
    """Each stored unsur id -> the number it has in the given order ("U8")."""
    return {item.id: f"U{number}" for number, item in skm.ordered(order)}


def _in_order(result: IkmResult, order: str) -> list[tuple[str, Any]]:
    """(U<number>, UnsurScore) in the report's order."""
    return [(f"U{number}", result.score(item.id)) for number, item in skm.ordered(order)]


def _group_label(field_name: str, group: str, locale: str, cat: Catalog) -> str:
    if group == skm.SKIP:
        return cat.text("skm.report.not_filled", locale)
    return cat.text(skm.profile_question(field_name).option_key(group), locale)


def to_json(
    result: IkmResult | ChannelResult, locale: str = "id", catalog: Catalog | None = None,
    order: str = skm.DEFAULT_ORDER,
) -> dict[str, Any]:
    """A JSON-ready dict of an IKM or channel survey result; weights and shares at full precision."""
    cat = catalog or default_catalog()
    if isinstance(result, ChannelResult):
        return {
            **_channel_json(result),
            "by_gender": {g: _channel_json(s) for g, s in result.by_gender.items()},
            "by_disability": {g: _channel_json(s) for g, s in result.by_disability.items()},
        }
    return {
        "respondents": result.respondents,
        "population": result.population,
        "required_sample": result.required_sample,
        "sample_warning": result.sample_warning,
        "order": order,
        "order_label": cat.text(skm.order_key(order), locale),
        "weighting": result.weighting,
        "weighting_label": cat.text(weighting_key(result.weighting), locale),
        "unsur": [
            {
                "number": number,
                "key": skm.unsur(s.unsur_id).key,
                "id": s.unsur_id,
                "name": cat.text(skm.unsur(s.unsur_id).name_key, locale),
                "answered": s.answered,
                "total": s.total,
                "nrr": _num(s.nrr, NRR_PLACES),
                "weight": _full(s.weight),
                "weighted": _full(s.weighted),
            }
            for number, s in _in_order(result, order)
        ],
        "weighted_sum": _full(result.ikm),  # Σ NRR × bobot, = the IKM before rounding
        "ikm": _num(result.ikm, IKM_PLACES),
        "ikm_converted": _num(result.ikm_converted, 2),
        "grade": result.grade,
        "kinerja": cat.text(result.grade_label_key, locale) if result.grade_label_key else None,
        "complete": result.complete,
        "excluded_unsur": list(result.excluded_unsur),
        "excluded_numbers": [numbers(order)[u] for u in result.excluded_unsur],
        "breakdowns": {
            field_name: {
                group: {
                    "count": g.count,
                    "ikm_converted": _num(g.ikm_converted, 2),
                    "grade": g.grade,
                    "excluded_unsur": list(g.excluded_unsur),
                }
                for group, g in groups.items()
            }
            for field_name, groups in result.breakdowns.items()
        },
        "saran": list(result.saran),
    }


def _channel_json(stats: ChannelStats) -> dict[str, Any]:
    return {
        "respondents": stats.respondents,
        "satisfaction_index": _num(stats.satisfaction_index, 1),
        "nps": _num(stats.nps, 1),
        "promoters": stats.promoters,
        "passives": stats.passives,
        "detractors": stats.detractors,
        "loyalty": _num(stats.loyalty, 1),
        "ease_mean": _num(stats.ease_mean, 2),
        "speed_mean": _num(stats.speed_mean, 2),
    }


def _put(ws: Worksheet, row: int, column: int, value: Any, fmt: str | None = None) -> None:
    """Write a cell; strings always stay text, so "=..." from a citizen never becomes a formula."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # openpyxl loads with the workbook, not with the server

    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value
    if fmt:
        cell.number_format = fmt


def _header_row(ws: Worksheet, row: int, labels: list[str]) -> None:
    from openpyxl.styles import Font, PatternFill  # openpyxl loads with the workbook, not with the server

    for column, label in enumerate(labels, start=1):
        _put(ws, row, column, label)
        ws.cell(row=row, column=column).font = Font(bold=True)
        ws.cell(row=row, column=column).fill = PatternFill("solid", fgColor="DDEBF7")


def to_xlsx(
    result: IkmResult,
    path: str | Path,
    unit_name: str,
    period: str,
    locale: str = "id",
    catalog: Catalog | None = None,
    order: str = skm.DEFAULT_ORDER,
) -> Path:
    """Write the SKM report workbook: summary with the unsur table, profile breakdown, suggestions."""
    # openpyxl (and the numpy it loads) only when a report is written: ~17 MB and 0.1 s a server never needs
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    cat = catalog or default_catalog()
    bold = Font(bold=True)

    def t(key: str, **values: Any) -> str:
        return cat.text(key, locale, **values)

    wb = Workbook()
    ws = wb.active
    ws.title = t("skm.report.sheet.summary")[:31]
    _put(ws, 1, 1, t("skm.report.title"))
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    header = [
        (t("skm.report.unit"), unit_name),
        (t("skm.report.period"), period),
        (t("skm.report.respondents"), result.respondents),
        (t("skm.report.population"), result.population if result.population is not None else "-"),
        (t("skm.report.required_sample"),
         result.required_sample if result.required_sample is not None else "-"),
        (t("skm.report.weighting"), t(weighting_key(result.weighting))),
        (t("skm.report.order"), t(skm.order_key(order))),
    ]
    row = 3
    for label, value in header:
        _put(ws, row, 1, label)
        ws.cell(row=row, column=1).font = bold
        _put(ws, row, 2, value)
        row += 1
    if result.sample_warning:
        _put(ws, row, 1, t("skm.report.sample_warning", required=result.required_sample))
        ws.cell(row=row, column=1).font = Font(bold=True, color="C00000")
        row += 1
    if result.ikm is not None and result.excluded_unsur:
        names = ", ".join(numbers(order)[u] for u in result.excluded_unsur)
        _put(ws, row, 1, t("skm.report.excluded", unsur=names, count=9 - len(result.excluded_unsur)))
        ws.cell(row=row, column=1).font = Font(bold=True, color="C00000")
        row += 1

    row += 1
    _header_row(ws, row, [t("skm.report.col.no"), t("skm.report.col.unsur"), t("skm.report.col.answered"),
                          t("skm.report.col.total"), t("skm.report.col.nrr"), t("skm.report.col.weight"),
                          t("skm.report.col.weighted")])
    for number, score in _in_order(result, order):
        row += 1
        _put(ws, row, 1, number)
        _put(ws, row, 2, t(skm.unsur(score.unsur_id).name_key))
        _put(ws, row, 3, score.answered)
        _put(ws, row, 4, score.total)
        _put(ws, row, 5, _num(score.nrr, NRR_PLACES) if score.nrr is not None else "-", "0.000")
        # Full precision, shown to 6 decimals: the sum row below then adds up to the IKM.
        _put(ws, row, 6, _full(score.weight) if score.weight is not None else "-", WEIGHT_FORMAT)
        _put(ws, row, 7, _full(score.weighted) if score.weighted is not None else "-", WEIGHT_FORMAT)
    row += 1
    _put(ws, row, 2, t("skm.report.weighted_sum"))
    ws.cell(row=row, column=2).font = bold
    _put(ws, row, 7, _full(result.ikm) if result.ikm is not None else "-", WEIGHT_FORMAT)
    ws.cell(row=row, column=7).font = bold
    row += 1
    _put(ws, row, 1, t("skm.report.weighted_note"))

    row += 2
    kinerja = t(result.grade_label_key) if result.grade_label_key else "-"
    summary = [
        (t("skm.report.ikm"), _num(result.ikm, IKM_PLACES) if result.ikm is not None else "-", "0.0000"),
        (t("skm.report.ikm_converted"),
         _num(result.ikm_converted, 2) if result.ikm_converted is not None else "-", "0.00"),
        (t("skm.report.mutu"), result.grade or "-", None),
        (t("skm.report.kinerja"), kinerja, None),
    ]
    for label, value, fmt in summary:
        _put(ws, row, 1, label)
        ws.cell(row=row, column=1).font = bold
        _put(ws, row, 2, value, fmt)
        ws.cell(row=row, column=2).font = bold
        row += 1

    row += 1
    _put(ws, row, 1, t("skm.report.bands"))
    ws.cell(row=row, column=1).font = bold
    row += 1
    _header_row(ws, row, [t("skm.report.col.band"), t("skm.report.mutu"), t("skm.report.kinerja")])
    for grade in GRADES:
        row += 1
        _put(ws, row, 1, f"{grade.low:.2f} – {grade.high:.2f}")
        _put(ws, row, 2, grade.letter)
        _put(ws, row, 3, t(grade.label_key))
    for column, width in zip("ABCDEFG", (34, 40, 16, 14, 12, 10, 14), strict=True):
        ws.column_dimensions[column].width = width

    bd = wb.create_sheet(t("skm.report.sheet.breakdown")[:31])
    _header_row(bd, 1, [t("skm.report.col.dimension"), t("skm.report.col.group"), t("skm.report.col.count"),
                        t("skm.report.ikm_converted"), t("skm.report.mutu")])
    row = 1
    for field_name, groups in result.breakdowns.items():
        dimension = t(skm.profile_question(field_name).name_key)
        for group, g in groups.items():
            row += 1
            _put(bd, row, 1, dimension)
            _put(bd, row, 2, _group_label(field_name, group, locale, cat))
            _put(bd, row, 3, g.count)
            _put(bd, row, 4, _num(g.ikm_converted, 2) if g.ikm_converted is not None else "-", "0.00")
            _put(bd, row, 5, g.grade or "-")
    for column, width in zip("ABCDE", (20, 24, 10, 24, 10), strict=True):
        bd.column_dimensions[column].width = width

    sr = wb.create_sheet(t("skm.report.sheet.saran")[:31])
    _header_row(sr, 1, [t("skm.report.col.no"), t("skm.report.col.saran")])
    if not result.saran:
        _put(sr, 2, 2, t("skm.report.no_saran"))
    for number, text in enumerate(result.saran, start=1):
        _put(sr, number + 1, 1, number)
        _put(sr, number + 1, 2, text)
        sr.cell(row=number + 1, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    sr.column_dimensions[get_column_letter(1)].width = 6
    sr.column_dimensions[get_column_letter(2)].width = 100

    out = Path(path)
    wb.save(out)
    return out


def _format_number(value: Decimal, locale: str) -> str:
    """76.61 as the locale writes it (76,61 in Indonesian)."""
    return format_decimal(value, format="0.00", locale=locale)


def to_png(
    result: IkmResult,
    path: str | Path,
    unit_name: str,
    period: str,
    locale: str = "id",
    catalog: Catalog | None = None,
    order: str = skm.DEFAULT_ORDER,
) -> Path:
    """Draw NRR per unsur on a 1–4 axis, with the converted IKM and grade in the title."""
    # matplotlib only when a chart is drawn: ~30 MB and 0.25 s a server never needs
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    cat = catalog or default_catalog()
    # A bare Figure with the Agg canvas: no pyplot global state, safe in a server thread.
    fig = Figure(figsize=(10, 6), dpi=120)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    shown_unsur = _in_order(result, order)
    positions = list(range(len(shown_unsur)))
    names = ["\n".join(textwrap.wrap(cat.text(skm.unsur(s.unsur_id).name_key, locale), 14))
             for _, s in shown_unsur]
    ticks = [f"{number}\n{name}" for (number, _), name in zip(shown_unsur, names, strict=True)]
    colour = _GRADE_COLOURS.get(result.grade or "", "#607d8b")
    for x, (_, score) in zip(positions, shown_unsur, strict=True):
        if score.nrr is None:
            ax.text(x, 1.05, "–", ha="center", va="bottom", fontsize=12, color="#607d8b")
            continue
        value = float(score.nrr)
        ax.bar(x, value - 1, bottom=1, color=colour, width=0.7)
        shown = format_decimal(round_half_up(score.nrr, 2), format="0.00", locale=locale)
        ax.text(x, value + 0.03, shown, ha="center", va="bottom", fontsize=9)
    ax.set_xticks(positions, ticks, fontsize=7)
    ax.set_ylim(1, 4.25)
    ax.set_yticks([1, 2, 3, 4])
    ax.set_ylabel(cat.text("skm.report.chart.ylabel", locale))
    # Which numbering and weight the bars and title use, under the chart where a reader looks for sources.
    fig.text(0.01, 0.01, f"{cat.text(skm.order_key(order), locale)} · {cat.text('skm.report.weighting', locale)}: "
             f"{cat.text(weighting_key(result.weighting), locale)}", fontsize=7, color="#455a64")
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    # "$" would start matplotlib mathtext: a unit named "Loket $1" must print as typed
    unit, when = unit_name.replace("$", r"\$"), period.replace("$", r"\$")
    if result.ikm_converted is not None and result.grade and result.grade_label_key:
        title = cat.text("skm.report.chart.title", locale, unit=unit, period=when,
                         ikm=_format_number(result.ikm_converted, locale), grade=result.grade,
                         label=cat.text(result.grade_label_key, locale))
    else:
        title = cat.text("skm.report.chart.no_ikm", locale, unit=unit, period=when)
    ax.set_title(title, fontsize=12)
    fig.tight_layout(rect=(0, 0.03, 1, 1))  # room for the order and weight line at the bottom
    out = Path(path)
    fig.savefig(out, format="png")
    return out
