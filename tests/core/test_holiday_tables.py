"""The cached holiday table answers as the `holidays` package does, and a start on it does not import the package."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import holidays
import pytest

from bot.core import data_cache
from bot.core.holiday_tables import QUERIES, YEARS, HolidayTable, holiday_table, package_version
from bot.core.workdays import WorkCalendar

ROOT = Path(__file__).resolve().parent.parent.parent


def test_every_year_and_category_set_of_the_table_is_what_the_package_says() -> None:
    table = holiday_table("ID")
    assert table.language == "id"
    for categories in QUERIES:
        for year in YEARS:
            package = holidays.country_holidays("ID", years=year, categories=categories, language="id")
            assert table.days(year, categories) == dict(package.items()), (categories, year)


def test_a_year_outside_the_table_is_asked_of_the_package() -> None:
    table = holiday_table("ID")
    year = YEARS.stop + 3
    assert ((("public",), year)) not in table.years
    package = holidays.country_holidays("ID", years=year, categories=("public",), language="id")
    assert table.days(year, ("public",)) == dict(package.items())
    assert date(year, 8, 17) in table.days(year, ("public",))


def test_the_table_survives_its_cache_round_trip() -> None:
    table = holiday_table("ID")
    assert HolidayTable._from_state(table._state()) == table


def test_another_package_version_is_another_cache_file(tmp_path: Path) -> None:
    source = tmp_path / "code.py"
    source.write_text("x = 1\n")
    now = data_cache.cache_file(tmp_path, "holidays_ID", (source,), 1, extra=package_version())
    assert now != data_cache.cache_file(tmp_path, "holidays_ID", (source,), 1, extra="0.1")
    assert now == data_cache.cache_file(tmp_path, "holidays_ID", (source,), 1, extra=package_version())


def test_an_unknown_country_still_fails_when_the_calendar_is_built() -> None:
    with pytest.raises(NotImplementedError):
        WorkCalendar(country="XX")


def test_a_process_on_the_cached_table_counts_working_days_without_importing_the_package() -> None:
    holiday_table("ID")  # the cache file written, as the Dockerfile does at build time
    script = (
        "import sys\n"
        "from datetime import UTC, datetime\n"
        "from bot.core.workdays import build_calendar\n"
        "calendar = build_calendar()\n"
        "due = calendar.add_working_days(datetime(2026, 3, 17, 9, tzinfo=UTC), 5)\n"
        "print(due.date(), calendar.holiday_name(due.date().replace(day=21)), 'holidays' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    # 18-24 March 2026: Nyepi, Idul Fitri and their cuti bersama; five working days after the 17th end on 31 March.
    assert out.stdout.split() == ["2026-03-31", "Hari", "Raya", "Idul", "Fitri", "False"]
