"""Every LAPOR! status name keeps its own meaning: table, citizen labels, and the poller end to end."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlmodel import col, select

from bot.app import Core
from bot.conversation.status import STATUSES
from bot.core.clock import FixedClock
from bot.core.deadlines import STATUS_CLOCKS
from bot.core.i18n import Catalog
from bot.forwarding.central import Open311Adapter
from bot.forwarding.central.base import STATUSES as CENTRAL_STATUSES
from bot.forwarding.central.lapor import disposition_name, normalize_lapor_status
from bot.forwarding.central.mapping import load_mapping
from bot.forwarding.central.open311 import normalize_open311_status
from bot.forwarding.poller import SETTLED, STATUS_FROM_CENTRAL, StatusPoller
from models.db import Database
from models.tables import StatusChange
from tests.fakes.central_lapor import FakeLaporServer, sample_payload
from tests.fakes.central_open311 import FakeOpen311Server
from tests.forwarding.test_open311_client_attributes import MAPPING_FILE
from tests.forwarding_helpers import (
    complaints,
    file_complaints,
    forwarder,
    forwarding_config,
    jobs,
    lapor_adapter,
    make_core,
    notifications,
)

#: LAPOR! status name (as LAPOR! or integrators spell it) → central status → our status → id label.
LAPOR_TABLE = [
    ("Belum Terverifikasi", "belum_terverifikasi", "forwarded", "Terkirim ke LAPOR!"),
    ("Menunggu Verifikasi", "belum_terverifikasi", "forwarded", "Terkirim ke LAPOR!"),
    ("Terverifikasi", "terverifikasi", "verified", "Terverifikasi"),
    ("Bukan Wewenang", "terverifikasi", "verified", "Terverifikasi"),
    ("Didisposisikan", "didisposisikan", "dispositioned", "Didisposisikan"),
    ("Terdisposisi", "didisposisikan", "dispositioned", "Didisposisikan"),
    ("Disposisi", "didisposisikan", "dispositioned", "Didisposisikan"),
    ("Dalam Proses", "dalam_proses", "in_progress", "Dalam Proses"),
    ("Diproses", "dalam_proses", "in_progress", "Dalam Proses"),
    ("Ditindaklanjuti", "ditindaklanjuti", "responded", "Sudah ditindaklanjuti"),
    ("Tindak Lanjut", "ditindaklanjuti", "responded", "Sudah ditindaklanjuti"),
    ("Selesai", "selesai", "closed", "Selesai"),
    ("Ditolak", "ditolak", "rejected", "Ditolak"),
    ("Diarsipkan", "diarsipkan", "archived", "Diarsipkan"),
    ("Arsip", "diarsipkan", "archived", "Diarsipkan"),
    ("Ditunda", "ditunda", "on_hold", "Ditunda"),
    ("Tunda", "ditunda", "on_hold", "Ditunda"),
    ("DITINDAK_LANJUTI", "dalam_proses", "in_progress", "Dalam Proses"),  # unknown spelling: the safe fallback
]


@pytest.mark.parametrize(("name", "central", "ours", "label"), LAPOR_TABLE)
def test_each_lapor_status_name_has_its_own_meaning(name: str, central: str, ours: str, label: str) -> None:
    """LAPOR! name → our central vocabulary → our complaint status → the Indonesian label the citizen sees."""
    catalog = Catalog.load()
    assert normalize_lapor_status(name) == central
    assert normalize_lapor_status(name.upper().replace(" ", "_")) == central, "case and separators do not matter"
    assert STATUS_FROM_CENTRAL[central] == ours
    assert catalog.text(f"status.name.{ours}", "id") == label


def test_every_central_status_maps_to_a_status_with_labels_in_both_languages() -> None:
    """No central status falls through to "keep what we had", and every status of ours has id and en labels."""
    assert set(STATUS_FROM_CENTRAL) == set(CENTRAL_STATUSES)
    assert set(STATUS_FROM_CENTRAL.values()) <= set(STATUSES)
    catalog = Catalog.load()
    for status in STATUSES:
        for locale in ("id", "en"):
            assert catalog.maybe(f"status.name.{status}", locale), (status, locale)
    assert catalog.text("status.name.dispositioned", "en") != catalog.text("status.name.dispositioned", "id")
    assert {"diarsipkan", "selesai", "ditolak"} == set(SETTLED)
    assert STATUS_CLOCKS["dispositioned"] == "followup"


@pytest.mark.parametrize(("detail", "expected"), [
    ("on_hold", "ditunda"), ("responded", "ditindaklanjuti"), ("archived", "diarsipkan"),
    ("dispositioned", "didisposisikan"), ("Terdisposisi", "didisposisikan"), ("Diarsipkan", "diarsipkan"),
    ("Ditunda", "ditunda"), ("Ditindaklanjuti", "ditindaklanjuti"), ("rejected", "ditolak"),
])
def test_open311_status_details_keep_their_meaning(detail: str, expected: str) -> None:
    """Our gateway's status_detail and passed-through LAPOR! names map to the same meanings."""
    assert normalize_open311_status("open", detail) == expected


def test_disposition_name_ignores_no_disposition() -> None:
    """"Belum Terdisposisi" says nobody has it yet; a real name is kept."""
    assert disposition_name({"disposition_name": "Belum Terdisposisi"}) is None
    assert disposition_name({"disposition_name": " Dinas PUPR "}) == "Dinas PUPR"
    assert disposition_name({"disposition": {"name": "DLH"}}) == "DLH"


@pytest.fixture
async def core(db: Database, clock: FixedClock) -> AsyncIterator[Core]:
    """A Core configured to forward to LAPOR!."""
    made = await make_core(db, clock)
    yield made
    await made.close()


@pytest.fixture
async def lapor() -> AsyncIterator[FakeLaporServer]:
    """A fake LAPOR! V3 server on 127.0.0.1."""
    async with FakeLaporServer() as fake:
        yield fake


async def test_poller_tells_the_citizen_where_it_was_disposed_and_archives_without_saying_rejected(
        core: Core, lapor: FakeLaporServer, clock: FixedClock) -> None:
    """Terdisposisi (to Dinas PUPR) → Ditunda → Ditindaklanjuti → Diarsipkan, each its own status and message."""
    (ani,) = await file_complaints(core, 1, user="ani")
    adapter = lapor_adapter(lapor.base_url, clock)
    await forwarder(core, adapter).run_once()
    poller = StatusPoller(core, adapter, forwarding_config())
    (job,) = await jobs(core.db)

    async def step(name: str, disposition: str | None = None, followup: str | None = None) -> str:
        before = len(await notifications(core.db))
        lapor.set_status(job.remote_id or "", name, followup, disposition=disposition)
        clock.advance(timedelta(minutes=31))
        assert await poller.poll_once() == 1
        (row,) = (await notifications(core.db))[before:]
        return str(row.payload["text"])

    text = await step("Terdisposisi", disposition="Dinas Pekerjaan Umum dan Penataan Ruang")
    assert "Didisposisikan" in text and "Diteruskan ke: Dinas Pekerjaan Umum dan Penataan Ruang" in text
    assert (await complaints(core.db))[0].status == "dispositioned"
    assert "Ditunda" in await step("Ditunda")
    assert (await complaints(core.db))[0].status == "on_hold"
    assert "Sudah ditindaklanjuti" in await step("Ditindaklanjuti", followup="Jalan diperbaiki pekan depan.")
    assert (await complaints(core.db))[0].status == "responded"
    text = await step("Diarsipkan")
    assert "Diarsipkan" in text and "Ditolak" not in text
    assert (await complaints(core.db))[0].status == "archived"
    async with core.db.read() as session:
        notes = (await session.exec(select(StatusChange.status, StatusChange.note)
                                    .where(StatusChange.complaint_id == ani.id).order_by(col(StatusChange.id)))).all()
    assert ("dispositioned", "→ Dinas Pekerjaan Umum dan Penataan Ruang") in notes
    await adapter.close()


async def test_open311_disposition_names_the_agency_responsible() -> None:
    """An Open311 status_detail "dispositioned" carries agency_responsible as the disposition; others none."""
    async with FakeOpen311Server() as fake:
        client = Open311Adapter(fake.base_url, fake.api_key, fake.jurisdiction_id, load_mapping(MAPPING_FILE))
        try:
            ref = await client.submit(sample_payload(), "key-1")
            fake.set_status(ref.remote_id, "dispositioned")
            found = await client.status(ref.remote_id)
            assert (found.status, found.disposition) == ("didisposisikan", "Pemerintah Kota Bandung")
            fake.set_status(ref.remote_id, "in_progress")
            assert (await client.status(ref.remote_id)).disposition is None
        finally:
            await client.close()
