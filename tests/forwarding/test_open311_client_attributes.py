"""Our Open311 client sends klasifikasi, tanggal kejadian and instansi as attributes, and always a location:
the kabupaten/kota's name when the citizen gave neither text nor GPS. The fake server enforces both."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

import bot
from bot.core.i18n import Catalog
from bot.forwarding.central import Open311Adapter, PermanentError
from bot.forwarding.central.mapping import CentralMapping, load_mapping
from bot.forwarding.open311_api import Open311Api
from tests.fakes.central_lapor import sample_payload
from tests.fakes.central_open311 import FakeOpen311Server

MAPPING_FILE = Path(bot.__file__).parent / "data" / "central_mapping.example.yaml"


@pytest.fixture
async def fake() -> AsyncIterator[FakeOpen311Server]:
    """A running fake Open311 server that requires attribute[classification] and a location."""
    async with FakeOpen311Server() as server:
        yield server


@pytest.fixture
def mapping() -> CentralMapping:
    """The shipped example mapping (no default address)."""
    return load_mapping(MAPPING_FILE)


async def _filed(fake: FakeOpen311Server, mapping: CentralMapping, home: str | None = None,
                 **overrides: object) -> dict[str, str]:
    client = Open311Adapter(fake.base_url, fake.api_key, fake.jurisdiction_id, mapping, home_region=home)
    try:
        ref = await client.submit(sample_payload(**overrides), f"key-{len(fake.service_requests)}")
    finally:
        await client.close()
    return fake.service_requests[ref.remote_id].form


async def test_classification_incident_date_and_agency_are_attributes(
        fake: FakeOpen311Server, mapping: CentralMapping) -> None:
    """The codes our service definition declares, with the complaint's values."""
    form = await _filed(fake, mapping, classification="informasi", category="infrastruktur")
    assert form["attribute[classification]"] == "informasi"
    assert form["attribute[incident_date]"] == "2026-08-18"
    assert form["attribute[agency]"] == "dinas_pu_bandung"
    form = await _filed(fake, mapping, incident_date=None, agency_code=None)
    assert form["attribute[classification]"] == "pengaduan"
    assert "attribute[incident_date]" not in form and "attribute[agency]" not in form


async def test_without_text_or_gps_the_kabupaten_is_the_address(
        fake: FakeOpen311Server, mapping: CentralMapping) -> None:
    """The complaint's region (a kelurahan of Kota Bandung) names the place; without one, LAPORBOT_REGION."""
    form = await _filed(fake, mapping, lat=None, lon=None, location_text=None, region_code="32.73.01.1001")
    assert form["address_string"] == "Kota Bandung" and "lat" not in form
    form = await _filed(fake, mapping, "52.03", lat=None, lon=None, location_text="  ", region_code=None)
    assert form["address_string"] == "Kabupaten Lombok Timur"
    form = await _filed(fake, mapping, "52.03", location_text=None)
    assert "address_string" not in form and form["lat"], "GPS alone is a location: no invented address"
    form = await _filed(fake, mapping, "52.03")
    assert form["address_string"] == "Jl. Pasar Baru, Bandung", "the citizen's own words come first"


async def test_fake_server_refuses_what_the_spec_refuses(fake: FakeOpen311Server) -> None:
    """No location, or no required attribute: 400 (so the client tests above mean something)."""
    base = {"api_key": fake.api_key, "jurisdiction_id": fake.jurisdiction_id, "service_code": "lainnya"}
    async with aiohttp.ClientSession() as http:
        for form in ({**base, "attribute[classification]": "pengaduan"}, {**base, "address_string": "Selong"}):
            async with http.post(f"{fake.base_url}/requests.json", data=form) as response:
                assert response.status == 400, form
    with pytest.raises(PermanentError):
        client = Open311Adapter(fake.base_url, fake.api_key, fake.jurisdiction_id, load_mapping(MAPPING_FILE))
        try:
            await client.submit(sample_payload(lat=None, lon=None, location_text=None, region_code=None), "k")
        finally:
            await client.close()


def test_the_attribute_codes_sent_are_the_ones_our_service_definition_declares() -> None:
    """Both ends of laporbot speak the same attribute codes."""
    api = Open311Api.__new__(Open311Api)  # attributes() reads only the catalog
    api.catalog = Catalog.load()
    assert {a.code for a in api.attributes()} == {"classification", "incident_date", "agency"}
