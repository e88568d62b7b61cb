"""Open311Adapter against FakeOpen311Server: form fields, privacy, tokens, failure modes, lookup, status."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

import bot
from bot.forwarding.central import (
    CentralAdapter,
    Open311Adapter,
    OutgoingAttachment,
    PermanentError,
    Reporter,
    RetryableError,
    load_mapping,
)
from bot.forwarding.central.mapping import CentralMapping, Open311Settings
from bot.forwarding.central.open311 import DESCRIPTION_LIMIT, TOKEN_PREFIX, normalize_open311_status
from tests.fakes.central_lapor import REPORTER_EMAIL, REPORTER_NAME, REPORTER_PHONE, sample_payload
from tests.fakes.central_open311 import FakeOpen311Server

MAPPING_FILE = Path(bot.__file__).parent / "data" / "central_mapping.example.yaml"
CLIENT_TIMEOUT = 0.5


@pytest.fixture
def mapping() -> CentralMapping:
    """The example mapping with reference lookup switched on."""
    base = load_mapping(MAPPING_FILE)
    settings = dataclasses.replace(base.open311, supports_reference_lookup=True)
    return dataclasses.replace(base, open311=settings)


@pytest.fixture
async def fake() -> AsyncIterator[FakeOpen311Server]:
    """A running fake Open311 server."""
    async with FakeOpen311Server() as server:
        server.timeout_delay = 5.0
        yield server


class Naps:
    """Records the token-poll sleeps instead of sleeping."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture
def naps() -> Naps:
    """A fake sleep."""
    return Naps()


def make_adapter(
    fake: FakeOpen311Server, mapping: CentralMapping, naps: Naps, **kwargs: object
) -> Open311Adapter:
    """An adapter pointed at the fake."""
    return Open311Adapter(
        fake.base_url, fake.api_key, fake.jurisdiction_id, mapping,
        timeout=CLIENT_TIMEOUT, sleep=naps, token_poll_interval=0.5, **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture
async def adapter(
    fake: FakeOpen311Server, mapping: CentralMapping, naps: Naps
) -> AsyncIterator[Open311Adapter]:
    """The adapter under test."""
    client = make_adapter(fake, mapping, naps)
    yield client
    await client.close()


def test_adapter_satisfies_protocol(adapter: Open311Adapter) -> None:
    """The adapter is a CentralAdapter."""
    assert isinstance(adapter, CentralAdapter)
    assert adapter.name == "open311"


# --------------------------------------------------------------------------- submit


async def test_submit_posts_georeport_form(adapter: Open311Adapter, fake: FakeOpen311Server) -> None:
    """POST requests.json is form-encoded with the spec's argument names."""
    photo = OutgoingAttachment("photo", "a.jpg", "image/jpeg", None, "https://media.example/a.jpg")
    ref = await adapter.submit(sample_payload(attachments=(photo,)), "key-1")
    assert ref.remote_id in fake.service_requests
    assert ref.tracking_id is None
    [create] = fake.requests
    assert create.headers["Content-Type"].startswith("application/x-www-form-urlencoded")
    assert create.headers["Idempotency-Key"] == "key-1"
    form = create.body
    assert form["api_key"] == fake.api_key
    assert form["jurisdiction_id"] == fake.jurisdiction_id
    assert form["service_code"] == "infrastruktur"
    assert form["lat"] == "-6.914744" and form["long"] == "107.60981"
    assert form["address_string"] == "Jl. Pasar Baru, Bandung"
    assert form["media_url"] == "https://media.example/a.jpg"
    assert form["attribute[reference]"] == "LPR-7K3M9QX"
    assert form["description"].startswith("Jalan berlubang di depan pasar\n\nLubang besar")
    assert form["description"].endswith("Nomor Tiket laporbot: LPR-7K3M9QX")
    assert (form["first_name"], form["last_name"]) == ("Budi", "Santoso Wibowo")
    assert (form["phone"], form["email"]) == (REPORTER_PHONE, REPORTER_EMAIL)


async def test_submit_without_media_url_or_point(adapter: Open311Adapter, fake: FakeOpen311Server) -> None:
    """Attachments without a URL are not sent; address_string alone locates the request."""
    await adapter.submit(sample_payload(lat=None, lon=None, reporter=Reporter(name="Ucok")), "key-1")
    form = fake.requests[-1].body
    assert "media_url" not in form and "lat" not in form and "long" not in form
    assert form["first_name"] == "Ucok" and "last_name" not in form and "phone" not in form


async def test_anonymous_request_leaks_no_identity(adapter: Open311Adapter, fake: FakeOpen311Server) -> None:
    """Anonymous: no personal fields, and typed-in identity is redacted from the text."""
    payload = sample_payload(
        is_anonymous=True,
        reporter=Reporter(REPORTER_NAME, REPORTER_PHONE, REPORTER_EMAIL),
        body="Hubungi Budi Santoso Wibowo di +62 812 3456 7890 / budi.santoso@example.com",
    )
    await adapter.submit(payload, "key-1")
    form = fake.requests[-1].body
    assert not {"first_name", "last_name", "phone", "email"} & set(form)
    digits = re.sub(r"\D", "", REPORTER_PHONE)
    text = "\n".join(r.text() for r in fake.requests).lower()
    for fragment in (REPORTER_NAME, "budi", REPORTER_EMAIL, digits, "0" + digits[2:], "812 3456 7890"):
        assert fragment.lower() not in text, fragment


async def test_description_is_cut_to_spec_limit(adapter: Open311Adapter, fake: FakeOpen311Server) -> None:
    """Descriptions over 4,000 characters are cut but keep our reference line."""
    await adapter.submit(sample_payload(body="x" * 5000), "key-1")
    description = fake.requests[-1].body["description"]
    assert len(description) == DESCRIPTION_LIMIT
    assert description.endswith("…\n\nNomor Tiket laporbot: LPR-7K3M9QX")


async def test_same_idempotency_key_gives_same_request(
    adapter: Open311Adapter, fake: FakeOpen311Server
) -> None:
    """A server that honours Idempotency-Key dedupes a resend."""
    first = await adapter.submit(sample_payload(), "key-1")
    second = await adapter.submit(sample_payload(), "key-1")
    assert first == second
    assert fake.create_calls == 2 and len(fake.service_requests) == 1


# --------------------------------------------------------------------------- tokens


async def test_token_is_polled_until_an_id_appears(
    fake: FakeOpen311Server, mapping: CentralMapping, naps: Naps
) -> None:
    """A token answer is resolved through GET tokens/{token}.json."""
    fake.token_flow = True
    fake.token_resolve_after = 2
    client = make_adapter(fake, mapping, naps)
    try:
        ref = await client.submit(sample_payload(), "key-1")
    finally:
        await client.close()
    assert ref.remote_id in fake.service_requests
    assert len(fake.requests_to("/tokens/")) == 3
    assert naps.calls == [0.5, 0.5]


@pytest.mark.parametrize("pending_404", [False, True])
async def test_unresolved_token_is_kept_and_resolved_by_status(
    fake: FakeOpen311Server, mapping: CentralMapping, naps: Naps, pending_404: bool
) -> None:
    """Polling is bounded; the token stands in as remote id until status() can resolve it."""
    fake.token_flow = True
    fake.token_resolve_after = None
    fake.token_pending_404 = pending_404
    client = make_adapter(fake, mapping, naps, token_poll_attempts=3)
    try:
        ref = await client.submit(sample_payload(), "key-1")
        assert ref.remote_id.startswith(TOKEN_PREFIX)
        assert len(fake.requests_to("/tokens/")) == 3
        pending = await client.status(ref.remote_id)
        assert (pending.remote_id, pending.status, pending.raw_status) == (
            ref.remote_id, "belum_terverifikasi", "token_pending",
        )
        fake.token_resolve_after = 0
        resolved = await client.status(ref.remote_id)
    finally:
        await client.close()
    assert resolved.remote_id in fake.service_requests
    assert resolved.status == "belum_terverifikasi"


async def test_token_poll_errors_do_not_fail_a_filed_request(
    fake: FakeOpen311Server, mapping: CentralMapping, naps: Naps
) -> None:
    """Once the request is filed, a failing token endpoint must not make the outbox resend it."""
    fake.token_flow = True
    fake.set_mode("500", only="/tokens/")
    client = make_adapter(fake, mapping, naps, token_poll_attempts=2)
    try:
        ref = await client.submit(sample_payload(), "key-1")
    finally:
        await client.close()
    assert ref.remote_id.startswith(TOKEN_PREFIX)
    assert len(fake.service_requests) == 1


# --------------------------------------------------------------------------- failure modes


@pytest.mark.parametrize("mode", ["500", "429", "malformed", "down", "timeout", "lose"])
async def test_misbehaving_server_gives_retryable_error(
    adapter: Open311Adapter, fake: FakeOpen311Server, mode: str
) -> None:
    """Server errors, throttling, garbage, dropped connections and timeouts are retryable."""
    fake.set_mode(mode)
    with pytest.raises(RetryableError) as caught:
        await adapter.submit(sample_payload(), "key-1")
    assert caught.value.retry_after == (7.0 if mode == "429" else None)


async def test_slow_server_within_timeout_succeeds(adapter: Open311Adapter, fake: FakeOpen311Server) -> None:
    """A slow answer inside the timeout is fine."""
    fake.slow_delay = 0.05
    fake.set_mode("slow")
    assert (await adapter.submit(sample_payload(), "key-1")).remote_id in fake.service_requests


async def test_refused_connection_is_retryable(adapter: Open311Adapter, fake: FakeOpen311Server) -> None:
    """Connection refused is retryable."""
    await fake.refuse_connections()
    with pytest.raises(RetryableError):
        await adapter.submit(sample_payload(), "key-1")


async def test_bad_api_key_is_permanent(fake: FakeOpen311Server, mapping: CentralMapping, naps: Naps) -> None:
    """403 is permanent and carries the status."""
    client = Open311Adapter(fake.base_url, "wrong", fake.jurisdiction_id, mapping, sleep=naps)
    try:
        with pytest.raises(PermanentError) as caught:
            await client.submit(sample_payload(), "key-1")
    finally:
        await client.close()
    assert caught.value.status == 403


async def test_missing_location_is_permanent(adapter: Open311Adapter) -> None:
    """Without a point, address, region or default address the server answers 400."""
    with pytest.raises(PermanentError) as caught:
        await adapter.submit(sample_payload(lat=None, lon=None, location_text=None, region_code=None), "key-1")
    assert caught.value.status == 400


async def test_default_address_fills_in(fake: FakeOpen311Server, mapping: CentralMapping, naps: Naps) -> None:
    """A configured default address lets location-less complaints through."""
    settings = dataclasses.replace(mapping.open311, default_address_string="Kota Bandung")
    client = make_adapter(fake, dataclasses.replace(mapping, open311=settings), naps)
    try:
        await client.submit(sample_payload(lat=None, lon=None, location_text=None), "key-1")
    finally:
        await client.close()
    assert fake.requests[-1].body["address_string"] == "Kota Bandung"


# --------------------------------------------------------------------------- lookup


@pytest.mark.parametrize("server_filters", [True, False])
async def test_lookup_after_lost_answer(
    adapter: Open311Adapter, fake: FakeOpen311Server, server_filters: bool
) -> None:
    """lookup() finds the request whose answer was lost, whether or not the server filters."""
    fake.supports_reference_filter = server_filters
    await adapter.submit(sample_payload(reference="LPR-22222A3"), "key-0")
    fake.set_mode("lose", only="requests.json", times=1)
    with pytest.raises(RetryableError):
        await adapter.submit(sample_payload(), "key-1")
    [lost] = [r for r in fake.service_requests.values() if r.idempotency_key == "key-1"]
    found = await adapter.lookup("LPR-7K3M9QX")
    assert found is not None and found.remote_id == lost.service_request_id
    assert fake.requests[-1].query["attribute[reference]"] == "LPR-7K3M9QX"
    assert await adapter.lookup("LPR-99999ZZ") is None


async def test_lookup_is_off_unless_configured(fake: FakeOpen311Server, naps: Naps) -> None:
    """Plain GeoReport v2 cannot search by attribute, so lookup answers None without a request."""
    plain = dataclasses.replace(load_mapping(MAPPING_FILE), open311=Open311Settings(default_service_code="X"))
    client = make_adapter(fake, plain, naps)
    try:
        await client.submit(sample_payload(), "key-1")
        assert await client.lookup("LPR-7K3M9QX") is None
    finally:
        await client.close()
    assert len(fake.requests) == 1


# --------------------------------------------------------------------------- status


@pytest.mark.parametrize(
    ("server_status", "expected"),
    [
        ("submitted", "belum_terverifikasi"),
        ("verified", "terverifikasi"),
        ("in_progress", "dalam_proses"),
        ("responded", "ditindaklanjuti"),
        ("closed", "selesai"),
        ("rejected", "ditolak"),
        ("archived", "diarsipkan"),
    ],
)
async def test_status_uses_status_detail(
    adapter: Open311Adapter, fake: FakeOpen311Server, server_status: str, expected: str
) -> None:
    """Extended status_detail refines open/closed."""
    ref = await adapter.submit(sample_payload(), "key-1")
    fake.set_status(ref.remote_id, server_status)
    status = await adapter.status(ref.remote_id)
    assert (status.remote_id, status.status, status.raw_status) == (ref.remote_id, expected, server_status)


async def test_status_with_extended_followups(adapter: Open311Adapter, fake: FakeOpen311Server) -> None:
    """An extended followups[] list becomes our follow-ups."""
    ref = await adapter.submit(sample_payload(), "key-1")
    fake.set_status(ref.remote_id, "in_progress", "Dijadwalkan minggu depan.")
    fake.set_status(ref.remote_id, "closed", "Sudah diperbaiki.")
    status = await adapter.status(ref.remote_id)
    assert status.status == "selesai"
    assert [(f.id, f.text, f.author) for f in status.followups] == [
        ("f1", "Dijadwalkan minggu depan.", "Dinas Pekerjaan Umum"),
        ("f2", "Sudah diperbaiki.", "Dinas Pekerjaan Umum"),
    ]
    assert all(f.at is not None and f.at.tzinfo is not None for f in status.followups)


async def test_plain_open311_status_and_notes(adapter: Open311Adapter, fake: FakeOpen311Server) -> None:
    """Without extensions: open → belum_terverifikasi, closed → selesai, status_notes → a follow-up."""
    fake.extended_status = False
    ref = await adapter.submit(sample_payload(), "key-1")
    opened = await adapter.status(ref.remote_id)
    assert (opened.status, opened.raw_status, opened.followups) == ("belum_terverifikasi", "open", ())
    fake.set_status(ref.remote_id, "closed", "Sudah diperbaiki.")
    closed = await adapter.status(ref.remote_id)
    again = await adapter.status(ref.remote_id)
    assert (closed.status, closed.raw_status) == ("selesai", "closed")
    [note] = closed.followups
    assert note.text == "Sudah diperbaiki." and note.author == "Pemerintah Kota Bandung"
    assert note.id == again.followups[0].id  # stable across polls


async def test_status_of_unknown_request_is_permanent(adapter: Open311Adapter) -> None:
    """404 is permanent."""
    with pytest.raises(PermanentError) as caught:
        await adapter.status("999")
    assert caught.value.status == 404


@pytest.mark.parametrize(
    ("status", "detail", "expected"),
    [
        ("open", None, "belum_terverifikasi"),
        ("closed", None, "selesai"),
        ("open", "action scheduled", "dalam_proses"),
        ("open", "for triage", "belum_terverifikasi"),
        ("closed", "fixed", "selesai"),
        ("closed", "duplicate", "ditolak"),
        ("closed", "not councils responsibility", "ditolak"),
        ("open", "Dalam Proses", "dalam_proses"),
        ("open", "something new", "belum_terverifikasi"),
        ("weird", None, "dalam_proses"),
    ],
)
def test_normalize_open311_status(status: str, detail: str | None, expected: str) -> None:
    """FixMyStreet, our gateway and LAPOR! names all map; unknown details fall back to open/closed."""
    assert normalize_open311_status(status, detail) == expected
