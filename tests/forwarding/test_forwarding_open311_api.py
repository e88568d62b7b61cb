"""Our Open311 GeoReport v2 read API: the spec's structure in JSON and XML, its filters, and no personal data."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.app import Core
from bot.core.clock import FixedClock
from bot.forwarding.central.open311_format import ATTRIBUTE_FIELDS, REQUEST_FIELDS, SERVICE_FIELDS
from bot.forwarding.open311_api import add_open311_routes, scrub
from models.db import Database
from models.tables import Complaint
from tests.forwarding_helpers import file_complaints, make_core

REQUEST_KEYS = [*REQUEST_FIELDS, "status_detail", "lapor_tracking_id", "group"]
PERSONAL = ("0812", "81234567890", "3201012345678901", "3201 0123 4567 8901", "ani.lestari@example.com",
            "Ani Lestari", "Bob Hartono", "ani-tg", "bob-tg", "rahasia-tg", "Kepala desa memeras")


class World:
    """The complaints every test reads, by role."""

    public: Complaint
    anonymous: Complaint
    secret: Complaint
    closed: Complaint
    old: Complaint


async def _world(core: Core, clock: FixedClock) -> World:
    world = World()
    start = clock.now()
    clock.set(start - timedelta(days=100))
    (world.old,) = await file_complaints(core, 1, user="old-tg", title="Lampu jalan mati")
    clock.set(start - timedelta(hours=3))
    (world.public,) = await file_complaints(
        core, 1, user="ani-tg", display_name="Ani Lestari", contact_consent=True, phone="081234567890",
        body="Saya Ani Lestari (NIK 3201 0123 4567 8901, ani.lestari@example.com, 0812-3456-7890): sampah "
             "di pasar Selong menumpuk.")
    clock.set(start - timedelta(hours=2))
    (world.anonymous,) = await file_complaints(
        core, 1, user="bob-tg", display_name="Bob Hartono", is_anonymous=True,
        body="Saya Bob Hartono melapor pungli di kantor desa, hubungi +62 812 3456 7890.")
    clock.set(start - timedelta(hours=1))
    (world.secret,) = await file_complaints(core, 1, user="rahasia-tg", is_secret=True,
                                            body="Kepala desa memeras warga.")
    (world.closed,) = await file_complaints(core, 1, user="tutup-tg", category=None, agency=None)
    async with core.db.write() as session:
        closed = await session.get(Complaint, world.closed.id)
        assert closed is not None
        await core.status.change(session, closed, "closed", note="Sudah diperbaiki.", notify=False)
        public = await session.get(Complaint, world.public.id)
        assert public is not None
        public.remote_id, public.remote_tracking = "5000001", "1916449"
        session.add(public)
    clock.set(start)
    return world


@pytest.fixture
async def core(db: Database, clock: FixedClock) -> AsyncIterator[Core]:
    """A Core whose settings allow no anonymous descriptions (the default)."""
    made = await make_core(db, clock)
    yield made
    await made.close()


async def _client(core: Core) -> TestClient:
    app = web.Application()
    add_open311_routes(app, core)
    client = TestClient(TestServer(app))
    await client.start_server()
    return client


@pytest.fixture
async def api(core: Core, clock: FixedClock) -> AsyncIterator[tuple[TestClient, World]]:
    """A test server with the routes, and the complaints it serves."""
    world = await _world(core, clock)
    client = await _client(core)
    yield client, world
    await client.close()


async def get(client: TestClient, path: str, status: int = 200) -> tuple[str, str]:
    """Body and content type of a GET."""
    response = await client.get(path)
    body = await response.text()
    assert response.status == status, body
    assert response.charset == "utf-8"
    return body, response.content_type


async def get_json(client: TestClient, path: str, status: int = 200) -> Any:
    """A GET's JSON body."""
    body, content_type = await get(client, path, status)
    assert content_type == "application/json"
    return json.loads(body)


async def get_xml(client: TestClient, path: str, status: int = 200) -> ET.Element:
    """A GET's XML document (with the UTF-8 declaration the spec asks for)."""
    body, content_type = await get(client, path, status)
    assert content_type == "text/xml"
    assert body.startswith('<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(body.split("\n", 1)[1])


def assert_request_json(item: dict[str, Any]) -> None:
    """One request object as the spec lists its fields, in order, with valid values."""
    assert list(item) == REQUEST_KEYS
    assert item["status"] in ("open", "closed")
    assert isinstance(item["service_request_id"], str) and item["service_code"]
    for name in ("requested_datetime", "updated_datetime"):
        moment = datetime.fromisoformat(item[name])
        assert moment.utcoffset() == timedelta(hours=7), "ISO 8601 with the zone (WIB here)"
    if item["status"] == "closed":
        assert item["expected_datetime"] is None
    else:  # the running SLA clock's due date, in the deployment's zone
        assert datetime.fromisoformat(item["expected_datetime"]).utcoffset() == timedelta(hours=7)
    assert item["group"] in ("pengaduan", "aspirasi", "informasi")
    for name in ("lat", "long"):
        assert item[name] is None or isinstance(item[name], float)


def assert_request_xml(node: ET.Element) -> None:
    """One <request> with the spec's element names, in order."""
    assert node.tag == "request"
    assert [child.tag for child in node] == REQUEST_KEYS
    assert node.findtext("status") in ("open", "closed")
    datetime.fromisoformat(node.findtext("requested_datetime") or "")


# --------------------------------------------------------------------------- services


async def test_services_in_json_and_xml(api: tuple[TestClient, World]) -> None:
    """One service per category, fields in spec order, the fallback service included."""
    client, _ = api
    services = await get_json(client, "/open311/v2/services.json")
    assert all(list(s) == list(SERVICE_FIELDS) for s in services)
    codes = [s["service_code"] for s in services]
    assert "lingkungan" in codes and "lainnya" in codes
    lingkungan = next(s for s in services if s["service_code"] == "lingkungan")
    assert lingkungan["service_name"] and lingkungan["metadata"] is True and lingkungan["type"] == "realtime"
    root = await get_xml(client, "/open311/v2/services.xml")
    assert root.tag == "services" and [s.tag for s in root] == ["service"] * len(services)
    assert all([c.tag for c in s] == list(SERVICE_FIELDS) for s in root)
    assert [s.findtext("service_code") for s in root] == codes
    assert root[0].findtext("metadata") == "true"


async def test_service_definition_in_json_and_xml(api: tuple[TestClient, World]) -> None:
    """services/{code}: the attributes with their datatypes and the classification's values."""
    client, _ = api
    definition = await get_json(client, "/open311/v2/services/lingkungan.json")
    assert definition["service_code"] == "lingkungan"
    attributes = definition["attributes"]
    assert all(list(a) == [*ATTRIBUTE_FIELDS, "values"] for a in attributes)
    classification = next(a for a in attributes if a["code"] == "classification")
    assert classification["datatype"] == "singlevaluelist" and classification["required"] is True
    assert [v["key"] for v in classification["values"]] == ["pengaduan", "aspirasi", "informasi"]
    assert next(a for a in attributes if a["code"] == "incident_date")["datatype"] == "datetime"
    root = await get_xml(client, "/open311/v2/services/lingkungan.xml")
    assert root.tag == "service_definition" and root.findtext("service_code") == "lingkungan"
    nodes = root.findall("attributes/attribute")
    assert len(nodes) == len(attributes)
    assert [c.tag for c in nodes[0]] == [*ATTRIBUTE_FIELDS, "values"]
    assert [v.findtext("key") for v in nodes[0].findall("values/value")] == ["pengaduan", "aspirasi", "informasi"]
    errors = await get_json(client, "/open311/v2/services/nothing.json", 404)
    assert errors == [{"code": 404, "description": "service_code was not found"}]
    root = await get_xml(client, "/open311/v2/services/nothing.xml", 404)
    assert root.tag == "errors" and [c.tag for c in root[0]] == ["code", "description"]
    await get(client, "/open311/v2/services.csv", 404)


# --------------------------------------------------------------------------- requests


async def test_requests_in_json_and_xml_without_secret_or_personal_data(api: tuple[TestClient, World]) -> None:
    """The default listing: the last 90 days, newest first, rahasia never, nothing identifying."""
    client, world = api
    items = await get_json(client, "/open311/v2/requests.json")
    for item in items:
        assert_request_json(item)
    ids = [i["service_request_id"] for i in items]
    assert ids == [world.closed.tracking_no, world.anonymous.tracking_no, world.public.tracking_no]
    root = await get_xml(client, "/open311/v2/requests.xml")
    assert root.tag == "service_requests"
    for node in root:
        assert_request_xml(node)
    assert [n.findtext("service_request_id") for n in root] == ids
    by_id = {i["service_request_id"]: i for i in items}
    public, anonymous, closed = (by_id[c.tracking_no] for c in (world.public, world.anonymous, world.closed))
    assert public["status"] == "open" and public["status_detail"] == "sending"
    assert public["lapor_tracking_id"] == "1916449"
    assert "sampah di pasar Selong menumpuk" in public["description"]
    assert public["address"] == "Pasar Selong" and public["lat"] == -8.651 and public["long"] == 116.532
    assert public["service_code"] == "lingkungan"
    assert public["agency_responsible"] == "Dinas Lingkungan Hidup Kabupaten Lombok Timur"
    assert (anonymous["description"], anonymous["address"], anonymous["lat"]) == (None, None, None)
    assert (closed["status"], closed["status_detail"], closed["service_code"]) == ("closed", "closed", "lainnya")
    assert closed["status_notes"] == "Selesai"
    everything = json.dumps(items, ensure_ascii=False) + ET.tostring(root, encoding="unicode")
    for one in await get_json(client, f"/open311/v2/requests/{world.public.tracking_no}.json"):
        everything += json.dumps(one, ensure_ascii=False)
    for fragment in PERSONAL:
        assert fragment not in everything, fragment
    assert world.secret.tracking_no not in everything


async def test_one_request_by_id(api: tuple[TestClient, World]) -> None:
    """requests/{id}: a one-element list; rahasia and unknown ids are 404 alike."""
    client, world = api
    (item,) = await get_json(client, f"/open311/v2/requests/{world.public.tracking_no}.json")
    assert_request_json(item)
    assert item["service_request_id"] == world.public.tracking_no
    root = await get_xml(client, f"/open311/v2/requests/{world.public.tracking_no.lower()}.xml")
    (node,) = root
    assert_request_xml(node)
    for missing in (world.secret.tracking_no, "LPR-XXXXXXX"):
        assert await get_json(client, f"/open311/v2/requests/{missing}.json", 404) == [
            {"code": 404, "description": "service_request_id was not found"}]
    root = await get_xml(client, f"/open311/v2/requests/{world.secret.tracking_no}.xml", 404)
    assert root.tag == "errors" and root.findtext("error/code") == "404"


async def test_request_filters_and_paging(api: tuple[TestClient, World], clock: FixedClock) -> None:
    """service_request_id (alone decides), service_code, status, start_date/end_date, page/page_size."""
    client, world = api

    async def ids(query: str) -> list[str]:
        return [i["service_request_id"] for i in await get_json(client, f"/open311/v2/requests.json?{query}")]

    wanted = f"{world.public.tracking_no},{world.old.tracking_no},{world.secret.tracking_no}"
    assert await ids(f"service_request_id={wanted}&status=closed") == [world.public.tracking_no,
                                                                       world.old.tracking_no]
    assert await ids("service_code=lainnya") == [world.closed.tracking_no]
    assert await ids("service_code=lingkungan,kesehatan") == [world.anonymous.tracking_no,
                                                              world.public.tracking_no]
    assert await ids("status=closed") == [world.closed.tracking_no]
    assert world.closed.tracking_no not in await ids("status=open")
    assert len(await ids("status=open,closed")) == 3
    now = clock.now()
    start = (now - timedelta(days=120)).isoformat()
    end = (now - timedelta(days=60)).isoformat()
    assert await ids(f"start_date={start}&end_date={end}".replace("+", "%2B")) == [world.old.tracking_no]
    assert await ids(f"start_date={start}".replace("+", "%2B")) == [
        world.closed.tracking_no, world.anonymous.tracking_no, world.public.tracking_no, world.old.tracking_no]
    # without a zone the date is read in the deployment's zone (WIB): 150 minutes ago, WIB wall clock
    wib = (now + timedelta(hours=7) - timedelta(minutes=150)).replace(tzinfo=None).isoformat(timespec="seconds")
    assert await ids(f"start_date={wib}") == [world.closed.tracking_no, world.anonymous.tracking_no]
    assert await ids(f"start_date={wib[:10]}&end_date={wib}") == [world.public.tracking_no]
    assert await ids("page_size=1&page=2") == [world.anonymous.tracking_no]
    assert await ids("page_size=2&page=2") == [world.public.tracking_no]
    assert await ids("page=9") == []
    for bad in ("start_date=yesterday", "status=pending", "page_size=5000", "page=0",
                f"start_date={end}&end_date={start}".replace("+", "%2B")):
        errors = await get_json(client, f"/open311/v2/requests.json?{bad}", 400)
        assert errors[0]["code"] == 400, bad
    root = await get_xml(client, "/open311/v2/requests.xml?status=nope", 400)
    assert root.tag == "errors"


async def test_anonymous_descriptions_only_when_the_deployment_allows(
        db: Database, clock: FixedClock) -> None:
    """LAPORBOT_OPEN311_ANONYMOUS_DESCRIPTIONS=1: the text is shown, still without the reporter's identity."""
    core = await make_core(db, clock, extra={"LAPORBOT_OPEN311_ANONYMOUS_DESCRIPTIONS": "1"})
    world = await _world(core, clock)
    client = await _client(core)
    try:
        (item,) = await get_json(client, f"/open311/v2/requests/{world.anonymous.tracking_no}.json")
    finally:
        await client.close()
        await core.close()
    assert "pungli di kantor desa" in item["description"] and item["address"] == "Pasar Selong"
    assert "Bob Hartono" not in item["description"] and "812 3456 7890" not in item["description"]


def test_scrub_blanks_phone_numbers_emails_and_nik() -> None:
    """Anything shaped like contact data goes, ordinary numbers stay."""
    text = scrub("Hubungi 0812-3456-7890 / +62 813 1111 2222 / a.b@c.id, NIK 3201012345678901; 12 rumah, RT 03",
                 None)
    assert text == ("Hubungi [disamarkan] / [disamarkan] / [disamarkan], NIK [disamarkan]; 12 rumah, RT 03")
    assert scrub("", None) is None
