"""The incident date travels to the central systems as honestly as it was said: an unknown one as unknown, an
estimate as one (the day in the date field, the words in the report text), an hour or a part of day in words."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import bot
from bot.core.clock import FixedClock
from bot.core.i18n import default_catalog
from bot.forwarding.central import LaporAdapter, Open311Adapter, load_mapping
from bot.forwarding.central.base import REFERENCE_LABEL
from bot.forwarding.payload import build_payload, incident_note
from models.db import Database
from models.tables import Complaint
from tests.fakes.central_lapor import FakeLaporServer, sample_payload
from tests.fakes.central_open311 import FakeOpen311Server
from tests.forwarding_helpers import file_complaints, forwarder, lapor_adapter, make_core

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


# ---- an estimate is said as one, beside the one day the central date field holds ----------------------------

APPROXIMATE_NOTE = "Tanggal kejadian: sekitar Mei 2024 (perkiraan pelapor, bukan tanggal pasti)"
UNKNOWN_NOTE = "Tanggal kejadian: tidak diketahui (pelapor tidak ingat)"


def stored(**dated: Any) -> Complaint:
    """A complaint row with the given date columns."""
    return Complaint(tracking_no="LPR-7K3M9QX", citizen_id=1, channel="telegram", classification="pengaduan",
                     title="Jalan rusak", **dated)


@pytest.mark.parametrize(("dated", "note"), [
    ({"incident_date": date(2024, 5, 1), "incident_date_precision": "month"}, APPROXIMATE_NOTE),
    ({"incident_date": date(2019, 1, 1), "incident_date_precision": "year"},
     "Tanggal kejadian: sekitar tahun 2019 (perkiraan pelapor, bukan tanggal pasti)"),
    ({"incident_date": date(2024, 12, 2), "incident_date_precision": "approximate"},
     "Tanggal kejadian: sekitar 2 Desember 2024 (perkiraan pelapor, bukan tanggal pasti)"),
    ({"incident_date": None, "incident_date_precision": "unknown"}, UNKNOWN_NOTE),
    ({"incident_date": date(2026, 8, 19), "incident_date_precision": "day", "incident_part": "afternoon"},
     "Waktu kejadian: 19 Agustus 2026, sore"),
    ({"incident_date": date(2026, 8, 19), "incident_date_precision": "day", "incident_time": "16:00"},
     "Waktu kejadian: 19 Agustus 2026, jam 16:00"),
    ({"incident_date": date(2026, 8, 19), "incident_date_precision": "day"}, None),  # the date field says it all
    ({"incident_date": date(2026, 8, 19)}, None),  # filed before the precision was kept
    ({}, None),
])
def test_the_note_says_what_the_date_field_cannot(dated: dict[str, Any], note: str | None) -> None:
    """In Indonesian, whatever the citizen's language: the central system's officers read it."""
    assert incident_note(default_catalog(), stored(**dated)) == note


def test_the_payload_carries_the_precision() -> None:
    complaint = stored(incident_date=date(2026, 8, 19), incident_date_precision="day", incident_part="night")
    note = "Waktu kejadian: 19 Agustus 2026, malam"
    payload = build_payload(complaint, None, incident_note=note)
    assert (payload.incident_date, payload.incident_precision, payload.incident_time, payload.incident_part,
            payload.incident_note) == (date(2026, 8, 19), "day", None, "night", note)


async def test_lapor_gets_the_estimate_and_says_it_is_one() -> None:
    """date_of_incident holds the estimate's day; the content says it is only an estimate."""
    mapping = load_mapping(MAPPING_FILE)
    payload = sample_payload(incident_date=date(2024, 5, 1), incident_precision="month",
                             incident_note=APPROXIMATE_NOTE, attachments=())
    async with FakeLaporServer() as fake:
        lapor = LaporAdapter(fake.base_url, fake.token, fake.authorization, mapping, timeout=5)
        try:
            await lapor.submit(payload, "key-approximate")
        finally:
            await lapor.close()
        [create] = fake.requests_to("complaint-lmw", "POST")
    assert create.body["date_of_incident"] == "2024-05-01"
    assert APPROXIMATE_NOTE in create.body["content"].splitlines()


async def test_lapor_unknown_date_is_empty_and_said() -> None:
    mapping = load_mapping(MAPPING_FILE)
    payload = sample_payload(incident_date=None, incident_precision="unknown", incident_note=UNKNOWN_NOTE,
                             attachments=())
    async with FakeLaporServer() as fake:
        lapor = LaporAdapter(fake.base_url, fake.token, fake.authorization, mapping, timeout=5)
        try:
            await lapor.submit(payload, "key-unknown-said")
        finally:
            await lapor.close()
        [create] = fake.requests_to("complaint-lmw", "POST")
    assert create.body["date_of_incident"] is None
    assert UNKNOWN_NOTE in create.body["content"].splitlines()


@pytest.mark.parametrize(("incident", "note", "attribute"), [
    (date(2024, 5, 1), APPROXIMATE_NOTE, "2024-05-01"),
    (None, UNKNOWN_NOTE, None),
])
async def test_open311_says_an_estimate_or_unknown_in_the_description(incident: date | None, note: str,
                                                                     attribute: str | None) -> None:
    base = load_mapping(MAPPING_FILE)
    mapping = dataclasses.replace(base, open311=dataclasses.replace(base.open311, supports_reference_lookup=True))
    payload = sample_payload(incident_date=incident, incident_note=note, attachments=(),
                             body="x" * 5000)  # cut to the spec's limit: the note stays
    async with FakeOpen311Server() as fake:
        client = Open311Adapter(fake.base_url, fake.api_key, fake.jurisdiction_id, mapping, timeout=5)
        try:
            await client.submit(payload, "key-open311-note")
        finally:
            await client.close()
        [create] = fake.requests
    assert create.body.get("attribute[incident_date]") == attribute
    description = create.body["description"]
    assert len(description) <= 4000
    assert description.splitlines()[-2:] == [note, f"{REFERENCE_LABEL}: {payload.reference}"]


@pytest.mark.parametrize(("said", "date_of_incident", "line"), [
    ({"incident_date": "2024-05-01", "incident_date_precision": "month"}, "2024-05-01", APPROXIMATE_NOTE),
    ({"incident_date": None, "incident_date_precision": "unknown"}, None, UNKNOWN_NOTE),
    ({"incident_date": "2026-08-19", "incident_date_precision": "day", "incident_part": "afternoon"}, "2026-08-19",
     "Waktu kejadian: 19 Agustus 2026, sore"),
])
async def test_a_filed_complaint_travels_with_its_honest_date(db: Database, clock: FixedClock, said: dict[str, Any],
                                                              date_of_incident: str | None, line: str) -> None:
    """From the answers through the complaint row and the outbox to LAPOR!'s request."""
    core = await make_core(db, clock)
    try:
        await file_complaints(core, 1, user="ani", **said)
        async with FakeLaporServer() as fake:
            assert await forwarder(core, lapor_adapter(fake.base_url, clock)).run_once() == 1
            [create] = fake.requests_to("complaint-lmw", "POST")
    finally:
        await core.close()
    assert create.body["date_of_incident"] == date_of_incident
    assert line in create.body["content"].splitlines()
