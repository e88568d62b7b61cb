"""An incident date the citizen does not remember travels to the central systems as unknown."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import bot
from bot.forwarding.central import LaporAdapter, Open311Adapter, load_mapping
from tests.fakes.central_lapor import FakeLaporServer, sample_payload
from tests.fakes.central_open311 import FakeOpen311Server

MAPPING_FILE = Path(bot.__file__).parent / "data" / "central_mapping.example.yaml"


async def test_lapor_gets_no_date_of_incident() -> None:
    """LAPOR! receives date_of_incident null, and the complaint is still created."""
    mapping = load_mapping(MAPPING_FILE)
    async with FakeLaporServer() as fake:
        lapor = LaporAdapter(fake.base_url, fake.token, fake.authorization, mapping, timeout=5)
        try:
            ref = await lapor.submit(sample_payload(incident_date=None, attachments=()), "key-unknown-date")
        finally:
            await lapor.close()
        [create] = fake.requests_to("complaint-lmw", "POST")
    assert ref.remote_id
    assert create.body["date_of_incident"] is None


async def test_open311_gets_no_incident_date_attribute() -> None:
    """Open311 receives no attribute[incident_date] rather than a made-up day."""
    base = load_mapping(MAPPING_FILE)
    mapping = dataclasses.replace(base, open311=dataclasses.replace(base.open311, supports_reference_lookup=True))
    async with FakeOpen311Server() as fake:
        client = Open311Adapter(fake.base_url, fake.api_key, fake.jurisdiction_id, mapping, timeout=5)
        try:
            ref = await client.submit(sample_payload(incident_date=None, attachments=()), "key-unknown-date")
        finally:
            await client.close()
        [create] = fake.requests
    assert ref.remote_id or ref.tracking_id
    assert "attribute[incident_date]" not in create.body
