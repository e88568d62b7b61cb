"""Shared pieces of the forwarding tests: a Core with forwarding wired in, complaints, adapters, a mapping."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from sqlmodel import col, select

from bot.app import Core
from bot.core.clock import FixedClock
from bot.core.tracking import SequentialIds
from bot.forwarding.central import (
    CentralAdapter,
    ComplaintPayload,
    LaporAdapter,
    RemoteRef,
    RemoteStatus,
    parse_mapping,
)
from bot.forwarding.forwarder import Forwarder
from bot.forwarding.settings import ForwardingSettings, Open311ForwardAdapter
from bot.settings import Settings
from bot.understanding.agency_directory import ListAgencies
from bot.wiring import build_core
from models import store
from models.db import Database
from models.forwarding import ForwardJob
from models.tables import Citizen, Complaint, Conversation, OutgoingMessage
from tests.harness import HOME, shipped_places

AGENCIES = (
    ("52.03.dinkes", "Dinas Kesehatan Kabupaten Lombok Timur"),
    ("52.03.dlh", "Dinas Lingkungan Hidup Kabupaten Lombok Timur"),
)

MAPPING = parse_mapping({
    "lapor": {"user_id": 5218120, "channel_id": 13, "default_category_id": 436},
    "open311": {"default_service_code": "lainnya", "default_address_string": "Kabupaten Lombok Timur"},
    "classifications": {"pengaduan": 1, "aspirasi": 2, "informasi": 3},
    "categories": {"lingkungan": {"lapor": 437, "open311": "SAMPAH"}},
    "agencies": {"52.03.dlh": 151346},
    "regions": {"52": 52},
})

ANSWERS: dict[str, Any] = {
    "classification": "pengaduan",
    "title": "Sampah di pasar Selong menumpuk",
    "body": "Sampah di pasar Selong menumpuk sudah seminggu tidak diangkut.",
    "incident_date": "2026-08-19",
    "location": {"text": "Pasar Selong", "lat": -8.6512, "lon": 116.5321, "region": "52.03.01"},
    "agency": "52.03.dlh",
    "category": "lingkungan",
}


def forwarding_config(**overrides: Any) -> ForwardingSettings:
    """Settings for tests: LAPOR!, small batches, a five-minute lease, a 30-minute poll."""
    values: dict[str, Any] = {"central": "lapor", "batch": 16, "max_attempts": 20, "lease": timedelta(minutes=5),
                              "poll_interval": timedelta(minutes=30), "idle": 0.01}
    values.update(overrides)
    return ForwardingSettings(**values)


async def make_core(db: Database, clock: FixedClock, *, central: str = "lapor",
                    extra: Mapping[str, str] | None = None) -> Core:
    """A Core on the test database with forwarding installed by build_core."""
    env = {"LAPORBOT_CENTRAL": central, **(extra or {})}
    settings = Settings(database_url=db.url, region=HOME, extra=env)
    return await build_core(settings, clock=clock, agencies=ListAgencies(AGENCIES), places=shipped_places(),
                            new_tracking_no=SequentialIds(), migrate=False)


async def file_complaints(core: Core, n: int, *, user: str = "warga", display_name: str | None = None,
                          locale: str | None = None, channel: str = "telegram", **answers: Any) -> list[Complaint]:
    """Store n complaints the way a chat turn does: the complaint and its hooks in one transaction each."""
    now = core.clock.now()
    made: list[Complaint] = []
    values = {**ANSWERS, **answers}
    async with core.db.write() as session:
        for i in range(n):
            citizen = Citizen(channel=channel, channel_user_id=f"{user}-{i}" if n > 1 else user,
                              display_name=display_name, created_at=now)
            session.add(citizen)
            await session.flush()
            if locale:
                session.add(Conversation(citizen_id=citizen.id or 0, locale=locale, state={"locale": locale},
                                         updated_at=now))
            complaint = await store.create_complaint(
                session, tracking_no=core.inbox.new_tracking_no(), citizen_id=citizen.id or 0, inbound_id=None,
                channel=channel, locale=locale or "id", answers=values, now=now)
            for hook in core.hooks:  # as StoreServices.submit_complaint runs them
                result = hook(session, complaint)
                if hasattr(result, "__await__"):
                    await result
            made.append(complaint)
    return made


def lapor_adapter(base_url: str, clock: FixedClock) -> LaporAdapter:
    """The LAPOR! adapter pointed at a fake."""
    return LaporAdapter(base_url, "test-token", "Bearer test-authorization", MAPPING, timeout=5, clock=clock)


def open311_adapter(base_url: str, clock: FixedClock) -> Open311ForwardAdapter:
    """The Open311 adapter pointed at a fake."""
    return Open311ForwardAdapter(base_url, "test-key", "bandung.go.id", MAPPING, timeout=5, clock=clock,
                                 token_poll_interval=0)


def forwarder(core: Core, adapter: CentralAdapter, name: str = "w1", **config: Any) -> Forwarder:
    """A worker with a seeded jitter."""
    return Forwarder(core, adapter, forwarding_config(**config), worker_id=name, rng=random.Random(name))


async def jobs(db: Database) -> list[ForwardJob]:
    """Every outbox entry, by id."""
    async with db.read() as session:
        return list((await session.exec(select(ForwardJob).order_by(col(ForwardJob.id)))).all())


async def notifications(db: Database) -> list[OutgoingMessage]:
    """Every queued notification, by id."""
    async with db.read() as session:
        query = select(OutgoingMessage).where(OutgoingMessage.kind == "notification").order_by(
            col(OutgoingMessage.id))
        return list((await session.exec(query)).all())


async def complaints(db: Database) -> list[Complaint]:
    """Every complaint, by id."""
    async with db.read() as session:
        return list((await session.exec(select(Complaint).order_by(col(Complaint.id)))).all())


class SimulatedCrash(BaseException):
    """The process dies: not an error a worker handles, so nothing after it runs."""


class CrashAfterSubmit:
    """An adapter whose worker dies right after the central system accepted the complaint."""

    def __init__(self, inner: CentralAdapter) -> None:
        self.inner = inner
        self.name = inner.name

    async def submit(self, payload: ComplaintPayload, idempotency_key: str) -> RemoteRef:
        """Submit for real, then die before the worker can record it."""
        await self.inner.submit(payload, idempotency_key)
        raise SimulatedCrash

    async def lookup(self, reference: str) -> RemoteRef | None:
        """Pass through."""
        return await self.inner.lookup(reference)

    async def status(self, remote_id: str) -> RemoteStatus:
        """Pass through."""
        return await self.inner.status(remote_id)

    async def close(self) -> None:
        """Nothing of its own."""


def texts(rows: Sequence[OutgoingMessage]) -> list[str]:
    """The text of each queued message."""
    return [r.payload["text"] for r in rows]
