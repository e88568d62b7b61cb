"""Our Open311 read API: expected_datetime from the SLA, group = klasifikasi, the spec's date window rules,
every query error a 400 in the endpoint's own format, other methods refused in the spec's format, never a 5xx."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlencode

import pytest
from aiohttp.test_utils import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlmodel import select
from yarl import URL

from bot.admin.sla import AdminSettings
from bot.app import Core
from bot.core.clock import FixedClock
from models.admin import AdminCase
from models.db import Database
from tests.forwarding.test_forwarding_open311_api import World, _client, _world, get_json, get_xml
from tests.forwarding_helpers import file_complaints, make_core

REQUESTS = "/open311/v2/requests.json"


@pytest.fixture
async def core(db: Database, clock: FixedClock) -> AsyncIterator[Core]:
    """A Core with the forwarding helpers' settings."""
    made = await make_core(db, clock)
    yield made
    await made.close()


@pytest.fixture
async def api(core: Core, clock: FixedClock) -> AsyncIterator[tuple[TestClient, World]]:
    """A test server with the Open311 routes and the shared complaints."""
    world = await _world(core, clock)
    client = await _client(core)
    yield client, world
    await client.close()


async def ids(client: TestClient, query: str) -> list[str]:
    """The ids a requests.json query returns."""
    return [i["service_request_id"] for i in await get_json(client, f"{REQUESTS}?{query}")]


async def test_expected_datetime_is_the_sla_due_date(api: tuple[TestClient, World], core: Core) -> None:
    """The verify clock the status implies (3 working days from arrival), with or without the admin case row;
    a case's own due date when it has one; closed: none."""
    client, world = api
    sla = core.section(AdminSettings, checked=True)
    (item,) = await get_json(client, f"/open311/v2/requests/{world.public.tracking_no}.json")
    due = sla.calendar.add_working_days(world.public.created_at, 3, sla.tz)
    assert datetime.fromisoformat(item["expected_datetime"]) == due.replace(microsecond=0)
    async with core.db.write() as session:  # without its admin case the same clock is computed
        case = (await session.exec(select(AdminCase).where(AdminCase.complaint_id == world.public.id))).one()
        await session.delete(case)
    (item,) = await get_json(client, f"/open311/v2/requests/{world.public.tracking_no}.json")
    assert datetime.fromisoformat(item["expected_datetime"]) == due.replace(microsecond=0)
    async with core.db.write() as session:
        session.add(AdminCase(complaint_id=world.public.id or 0, status_seen="verified", clock="followup",
                              due_at=datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC), created_at=core.clock.now(),
                              updated_at=core.clock.now()))
    (item,) = await get_json(client, f"/open311/v2/requests/{world.public.tracking_no}.json")
    assert item["expected_datetime"] == "2030-01-02T10:04:05+07:00"
    (closed,) = await get_json(client, f"/open311/v2/requests/{world.closed.tracking_no}.json")
    assert closed["expected_datetime"] is None
    root = await get_xml(client, f"/open311/v2/requests/{world.public.tracking_no}.xml")
    assert root.findtext("request/expected_datetime") == "2030-01-02T10:04:05+07:00"


async def test_services_group_lists_the_klasifikasi_its_requests_carry(api: tuple[TestClient, World]) -> None:
    """services.json `group`: the klasifikasi a request of that service can be filed under (any kategori takes all
    three), in the order of the service definition's `classification` values; every request's `group` is one."""
    client, _ = api
    services = await get_json(client, "/open311/v2/services.json")
    assert services and all(s["group"] == "pengaduan,aspirasi,informasi" for s in services)
    root = await get_xml(client, "/open311/v2/services.xml")
    assert {s.findtext("group") for s in root} == {"pengaduan,aspirasi,informasi"}
    definition = await get_json(client, "/open311/v2/services/lingkungan.json")
    (classification,) = [a for a in definition["attributes"] if a["code"] == "classification"]
    assert [v["key"] for v in classification["values"]] == services[0]["group"].split(",")
    groups = {s["service_code"]: s["group"].split(",") for s in services}
    requests = await get_json(client, REQUESTS)
    assert requests and all(r["group"] in groups[r["service_code"]] for r in requests)


async def test_group_carries_the_klasifikasi(api: tuple[TestClient, World], core: Core) -> None:
    """A permintaan informasi says so in `group`, in JSON and XML, and its clock is the KIP one."""
    client = api[0]
    (info,) = await file_complaints(core, 1, user="info-tg", classification="informasi")
    (item,) = await get_json(client, f"/open311/v2/requests/{info.tracking_no}.json")
    assert item["group"] == "informasi"
    root = await get_xml(client, f"/open311/v2/requests/{info.tracking_no}.xml")
    assert root.findtext("request/group") == "informasi"


async def test_date_only_end_date_is_the_end_of_that_day(api: tuple[TestClient, World], clock: FixedClock) -> None:
    """end_date=<today> includes what was filed today; end_date alone looks 90 days back from it."""
    client, world = api
    today = clock.now().astimezone(UTC) + timedelta(hours=7)
    filed_today = {world.public.tracking_no, world.anonymous.tracking_no, world.closed.tracking_no}
    assert filed_today <= set(await ids(client, f"end_date={today.date().isoformat()}"))
    old_day = (world.old.created_at.replace(tzinfo=UTC) + timedelta(hours=7)).date()
    assert await ids(client, f"end_date={old_day.isoformat()}") == [world.old.tracking_no]
    assert await ids(client, f"end_date={(old_day + timedelta(days=91)).isoformat()}") == []
    assert world.old.tracking_no not in await ids(client, f"end_date={today.date().isoformat()}")


@pytest.mark.parametrize("query", [
    "start_date=2026-01-01&end_date=2026-06-01",  # over 90 days
    "end_date=0001-01-01", "start_date=0001-01-01", "end_date=9999-12-31T23:59:59-12:00",
    "start_date=0001-01-01T00:00:00%2B14:00", "end_date=1969-12-31", "service_code=%00", "status=open%00",
    "page=%00", "start_date=2026-02-30",
])
async def test_query_errors_are_400_in_the_spec_s_format(api: tuple[TestClient, World], query: str) -> None:
    """Every bad query is a 400 with [{"code":400,"description":...}] (or <errors> in XML), never a 500."""
    client = api[0]
    errors = await get_json(client, f"{REQUESTS}?{query}", 400)
    assert errors[0]["code"] == 400 and errors[0]["description"], query
    root = await get_xml(client, f"/open311/v2/requests.xml?{query}", 400)
    assert root.tag == "errors" and root.findtext("error/code") == "400"


async def test_other_methods_get_the_spec_s_error_format(api: tuple[TestClient, World]) -> None:
    """POST requests.json (the write API we do not offer) and other methods: 405 with the spec's error body."""
    client, world = api
    for method, path in (("POST", "requests.json"), ("PUT", "services.json"), ("DELETE",
                         f"requests/{world.public.tracking_no}.json"), ("POST", "services/lainnya.json")):
        response = await client.request(method, f"/open311/v2/{path}", data={"api_key": "x", "service_code": "x"})
        assert response.status == 405 and response.content_type == "application/json", path
        assert response.headers["Allow"] == "GET, HEAD"
        body = json.loads(await response.text())
        assert body[0]["code"] == 405 and "read-only" in body[0]["description"]
    response = await client.post("/open311/v2/requests.xml")
    assert response.status == 405 and response.content_type == "text/xml"
    root = ET.fromstring((await response.text()).split("\n", 1)[1])
    assert root.findtext("error/code") == "405"


KEYS = ["service_request_id", "service_code", "start_date", "end_date", "status", "page", "page_size",
        "jurisdiction_id", "api_key", "attribute[reference]"]
DATES = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()),
    st.builds(lambda d, h: f"{d.isoformat()}T00:00:00{h:+03d}:00", st.dates(), st.integers(-23, 23)),
    st.sampled_from(["0001-01-01", "9999-12-31", "20261202", "2026-W49", "2026-12-02T25:00", "now", ""]),
)
VALUES = st.one_of(DATES, st.text(max_size=30), st.integers(-10**20, 10**20).map(str),
                   st.sampled_from(["open", "closed", "open,closed", "lainnya", "LPR-222223T", ",", "%", "1e9"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(start=st.one_of(st.none(), DATES), end=st.one_of(st.none(), DATES),
       pairs=st.lists(st.tuples(st.one_of(st.sampled_from(KEYS), st.text(max_size=12)), VALUES), max_size=5),
       fmt=st.sampled_from(["json", "xml"]), one=st.one_of(st.none(), st.text(min_size=1, max_size=20)))
@example(start=None, end="0001-01-01", pairs=[], fmt="json", one=None)  # the OverflowError of issue 16
async def test_random_queries_never_get_a_5xx(api: tuple[TestClient, World], start: str | None, end: str | None,
                                              pairs: list[tuple[str, str]], fmt: str, one: str | None) -> None:
    """Random keys and values, dates of every shape, control characters: 200, 400 or 404, each in its format."""
    client = api[0]
    dates = [(key, value) for key, value in (("start_date", start), ("end_date", end)) if value is not None]
    query = urlencode([*dates, *pairs], quote_via=quote)
    paths = [f"/open311/v2/requests.{fmt}?{query}", f"/open311/v2/services.{fmt}?{query}"]
    if one is not None:
        paths.append(f"/open311/v2/requests/{quote(one, safe='')}.{fmt}?{query}")
        paths.append(f"/open311/v2/services/{quote(one, safe='')}.{fmt}")
    for path in paths:
        response = await client.get(URL(path, encoded=True))
        text = await response.text()
        assert response.status in (200, 400, 404), (path, response.status, text[:300])
        if response.status == 400:
            assert response.content_type == ("application/json" if fmt == "json" else "text/xml"), path
