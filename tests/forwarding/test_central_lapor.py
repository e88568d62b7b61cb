"""LaporAdapter against FakeLaporServer: request shapes, privacy, idempotency, failure modes, status."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import aiohttp
import pytest

import bot
from bot.core.clock import FixedClock
from bot.forwarding.central import (
    CentralAdapter,
    LaporAdapter,
    MappingError,
    OutgoingAttachment,
    PermanentError,
    RemoteRef,
    Reporter,
    RetryableError,
    load_mapping,
)
from bot.forwarding.central.lapor import attachment_filename, normalize_lapor_status, parse_lapor_datetime
from bot.forwarding.central.mapping import CentralMapping
from tests.fakes.central_lapor import (
    REPORTER_EMAIL,
    REPORTER_NAME,
    REPORTER_PHONE,
    FakeLaporServer,
    sample_payload,
)

MAPPING_FILE = Path(bot.__file__).parent / "data" / "central_mapping.example.yaml"
CLIENT_TIMEOUT = 0.5


@pytest.fixture
def mapping() -> CentralMapping:
    """The shipped example mapping (so it stays valid)."""
    return load_mapping(MAPPING_FILE)


@pytest.fixture
async def fake() -> AsyncIterator[FakeLaporServer]:
    """A running fake LAPOR! server."""
    async with FakeLaporServer() as server:
        server.timeout_delay = 5.0
        yield server


@pytest.fixture
async def adapter(fake: FakeLaporServer, mapping: CentralMapping) -> AsyncIterator[LaporAdapter]:
    """An adapter pointed at the fake with a short timeout."""
    lapor = LaporAdapter(fake.base_url, fake.token, fake.authorization, mapping, timeout=CLIENT_TIMEOUT)
    yield lapor
    await lapor.close()


def test_adapter_satisfies_protocol(adapter: LaporAdapter) -> None:
    """The adapter is a CentralAdapter."""
    assert isinstance(adapter, CentralAdapter)
    assert adapter.name == "lapor"


# --------------------------------------------------------------------------- submit


async def test_submit_creates_complaint_with_mapped_fields(
    adapter: LaporAdapter, fake: FakeLaporServer
) -> None:
    """The create body carries the mapped ids, flags, date, tags and our reference."""
    ref = await adapter.submit(sample_payload(), "key-1")
    assert ref.remote_id in fake.complaints
    assert ref.tracking_id == fake.complaints[ref.remote_id].tracking_id
    [create] = fake.requests_to("complaint-lmw")
    body = create.body
    assert create.headers["Authorization"] == fake.authorization
    assert create.headers["token"] == fake.token
    assert create.headers["Idempotency-Key"] == "key-1"
    assert body["title"] == "Jalan berlubang di depan pasar"
    assert body["classification_id"] == 1
    assert body["category_id"] == 436
    assert body["disposition_id"] == 151346
    assert body["location_id"] == 3273  # 32.73.01 falls back to its parent 32.73
    assert body["channel"] == 13
    assert body["user_id"] == 5218120
    assert body["date_of_incident"] == "2026-08-18"
    assert body["is_anonymous"] is False
    assert body["is_secret"] is False
    assert body["tags_raw"] == "#laporbot #LPR-7K3M9QX"
    assert "Nomor Tiket laporbot: LPR-7K3M9QX" in body["content"]
    assert "Lokasi: Jl. Pasar Baru, Bandung" in body["content"]
    assert "Koordinat: -6.914744, 107.609810" in body["content"]


async def test_attachments_are_uploaded_before_the_complaint(
    adapter: LaporAdapter, fake: FakeLaporServer
) -> None:
    """Each file is uploaded first and the complaint references the returned document ids."""
    await adapter.submit(sample_payload(), "key-1")
    paths = [r.path.rsplit("/", 1)[-1] for r in fake.requests]
    assert paths == ["file", "file", "complaint-lmw"]
    create = fake.requests[-1].body
    doc_ids = sorted(fake.docs)
    assert json.loads(create["attachments"]) == doc_ids
    assert json.loads(create["info_attachments"]) == doc_ids
    uploads = [r.files[0] for r in fake.requests_to("complaint/file")]
    assert [u.field for u in uploads] == ["attachments[]", "attachments[]"]
    assert [u.filename for u in uploads] == ["lampiran-1.jpg", "lampiran-2.pdf"]
    assert [u.content for u in uploads] == [b"\xff\xd8jpeg-bytes", b"%PDF-1.4 fake"]
    assert [u.content_type for u in uploads] == ["image/jpeg", "application/pdf"]


async def test_attachment_without_bytes_is_skipped(adapter: LaporAdapter, fake: FakeLaporServer) -> None:
    """URL-only attachments are never fetched; the complaint is filed with the uploadable ones."""
    url_only = OutgoingAttachment("photo", "x.jpg", "image/jpeg", None, "https://files.example/bot123:TOKEN/x.jpg")
    payload = sample_payload(attachments=(url_only,))
    await adapter.submit(payload, "key-1")
    assert fake.requests_to("complaint/file") == []
    assert fake.requests[-1].body["attachments"] == "[]"
    assert "bot123:TOKEN" not in fake.requests[-1].text()


async def test_named_report_embeds_reporter_in_content(adapter: LaporAdapter, fake: FakeLaporServer) -> None:
    """Like the real integration, a non-anonymous report carries the reporter in content."""
    await adapter.submit(sample_payload(), "key-1")
    content = fake.requests[-1].body["content"]
    assert f"Nama Lengkap: {REPORTER_NAME}" in content
    assert f"Nomor Telepon: {REPORTER_PHONE}" in content
    assert f"Email: {REPORTER_EMAIL}" in content


def _identity_fragments() -> list[str]:
    """Every form in which the reporter's identity could leak."""
    digits = re.sub(r"\D", "", REPORTER_PHONE)
    return [
        REPORTER_NAME, "Budi", "Santoso", REPORTER_EMAIL, "budi.santoso", REPORTER_PHONE, digits,
        "0" + digits[2:], digits[2:], "812-3456-7890", "KTP_Budi",
    ]


async def test_anonymous_report_leaks_no_identity_anywhere(
    adapter: LaporAdapter, fake: FakeLaporServer
) -> None:
    """Anonymous: no name, phone or email in any header, body, multipart field or filename."""
    leaky_files = (
        OutgoingAttachment("photo", "KTP_Budi_Santoso.jpg", "image/jpeg", b"img", None),
        OutgoingAttachment("document", "budi.santoso@example.com.pdf", None, b"pdf", None),
    )
    payload = sample_payload(
        is_anonymous=True,
        # defensive: even if the outbox passes the reporter along, nothing of it may be sent
        reporter=Reporter(REPORTER_NAME, REPORTER_PHONE, REPORTER_EMAIL),
        title="Pungli oleh petugas",
        body="Saya Budi Santoso Wibowo, hubungi 0812-3456-7890 atau budi.santoso@example.com.",
        attachments=leaky_files,
    )
    await adapter.submit(payload, "key-anon")
    assert len(fake.requests) == 3
    everything = "\n".join(r.text() for r in fake.requests)
    for fragment in _identity_fragments():
        assert fragment.lower() not in everything.lower(), fragment
    create = fake.requests[-1].body
    assert create["is_anonymous"] is True
    assert "Pelapor" not in create["content"]
    assert "[disamarkan]" in create["content"]
    assert "LPR-7K3M9QX" in create["content"]  # the ticket number is not an identity


async def test_same_idempotency_key_gives_same_complaint(
    adapter: LaporAdapter, fake: FakeLaporServer
) -> None:
    """A resend with the same key is deduplicated by the server but still counted."""
    first = await adapter.submit(sample_payload(attachments=()), "key-1")
    second = await adapter.submit(sample_payload(attachments=()), "key-1")
    third = await adapter.submit(sample_payload(attachments=()), "key-2")
    assert first == second
    assert third.remote_id != first.remote_id
    assert fake.create_calls == 3
    assert len(fake.complaints) == 2


async def test_unmapped_classification_fails_before_any_request(
    adapter: LaporAdapter, fake: FakeLaporServer
) -> None:
    """A mapping error is permanent and nothing is uploaded."""
    with pytest.raises(MappingError):
        await adapter.submit(sample_payload(classification="whistleblowing"), "key-1")
    with pytest.raises(MappingError):
        await adapter.submit(sample_payload(agency_code="kementerian_x"), "key-1")
    assert fake.requests == []


async def test_unknown_category_uses_default(adapter: LaporAdapter, fake: FakeLaporServer) -> None:
    """Categories the mapping lacks go to the default category (LAPOR! admins re-categorise)."""
    await adapter.submit(sample_payload(category="baru", agency_code=None, region_code=None), "k")
    body = fake.requests[-1].body
    assert body["category_id"] == 435
    assert body["disposition_id"] is None
    assert body["location_id"] is None


# --------------------------------------------------------------------------- failure modes


@pytest.mark.parametrize("mode", ["500", "429", "malformed", "down", "timeout"])
async def test_misbehaving_server_gives_retryable_error(
    adapter: LaporAdapter, fake: FakeLaporServer, mode: str
) -> None:
    """Server errors, throttling, garbage, dropped connections and timeouts are retryable."""
    fake.set_mode(mode)
    with pytest.raises(RetryableError):
        await adapter.submit(sample_payload(), "key-1")


async def test_429_carries_retry_after_seconds(adapter: LaporAdapter, fake: FakeLaporServer) -> None:
    """Retry-After in seconds reaches the outbox."""
    fake.set_mode("429")
    with pytest.raises(RetryableError) as caught:
        await adapter.submit(sample_payload(), "key-1")
    assert caught.value.retry_after == 7.0


async def test_429_carries_retry_after_http_date(fake: FakeLaporServer, mapping: CentralMapping) -> None:
    """Retry-After as an HTTP-date is turned into seconds from the adapter's clock."""
    clock = FixedClock(datetime(2026, 8, 20, 2, 0, tzinfo=UTC))
    fake.retry_after = format_datetime(clock.now() + timedelta(seconds=120), usegmt=True)
    fake.set_mode("429")
    lapor = LaporAdapter(fake.base_url, fake.token, fake.authorization, mapping, clock=clock)
    try:
        with pytest.raises(RetryableError) as caught:
            await lapor.submit(sample_payload(), "key-1")
    finally:
        await lapor.close()
    assert caught.value.retry_after == 120.0


async def test_slow_server_within_timeout_succeeds(adapter: LaporAdapter, fake: FakeLaporServer) -> None:
    """A slow answer inside the timeout is fine."""
    fake.slow_delay = 0.05
    fake.set_mode("slow")
    ref = await adapter.submit(sample_payload(), "key-1")
    assert ref.remote_id in fake.complaints


async def test_refused_connection_is_retryable_and_recovers(
    adapter: LaporAdapter, fake: FakeLaporServer
) -> None:
    """Connection refused is retryable; the same adapter works once the server is back."""
    await fake.refuse_connections()
    with pytest.raises(RetryableError):
        await adapter.submit(sample_payload(), "key-1")
    await fake.accept_connections()
    ref = await adapter.submit(sample_payload(), "key-1")
    assert ref.remote_id in fake.complaints


async def test_transient_failure_then_success(adapter: LaporAdapter, fake: FakeLaporServer) -> None:
    """`times` makes the fake misbehave only for the next N requests."""
    fake.set_mode("500", times=1, only="complaint-lmw")
    with pytest.raises(RetryableError):
        await adapter.submit(sample_payload(attachments=()), "key-1")
    ref = await adapter.submit(sample_payload(attachments=()), "key-1")
    assert ref.remote_id in fake.complaints
    assert fake.mode == "ok"


async def test_failed_upload_stops_before_create(adapter: LaporAdapter, fake: FakeLaporServer) -> None:
    """A complaint is never filed without the evidence the citizen sent."""
    fake.set_mode("500", only="complaint/file")
    with pytest.raises(RetryableError):
        await adapter.submit(sample_payload(), "key-1")
    assert fake.requests_to("complaint-lmw") == []


async def test_bad_credentials_are_permanent(fake: FakeLaporServer, mapping: CentralMapping) -> None:
    """401 is permanent, with the status code and no personal data in the message."""
    lapor = LaporAdapter(fake.base_url, "wrong", fake.authorization, mapping)
    try:
        with pytest.raises(PermanentError) as caught:
            await lapor.submit(sample_payload(), "key-1")
    finally:
        await lapor.close()
    assert caught.value.status == 401
    assert REPORTER_NAME not in str(caught.value)


async def test_validation_error_is_permanent(adapter: LaporAdapter) -> None:
    """422 from LAPOR! is permanent."""
    with pytest.raises(PermanentError) as caught:
        await adapter.submit(sample_payload(title="", attachments=()), "key-1")
    assert caught.value.status == 422
    assert not isinstance(caught.value, RetryableError)


# --------------------------------------------------------------------------- lookup after a lost answer


@pytest.mark.parametrize("style", ["500", "drop"])
async def test_lookup_finds_complaint_after_lost_answer(
    adapter: LaporAdapter, fake: FakeLaporServer, style: str
) -> None:
    """The server filed it but the answer was lost: lookup() recovers the id, a resend dedupes."""
    fake.lose_style = style
    fake.set_mode("lose", only="complaint-lmw", times=1)
    payload = sample_payload(attachments=())
    with pytest.raises(RetryableError):
        await adapter.submit(payload, "key-1")
    assert len(fake.complaints) == 1
    found = await adapter.lookup(payload.reference)
    [stored] = fake.complaints.values()
    assert found == RemoteRef(str(stored.id), stored.tracking_id)
    again = await adapter.submit(payload, "key-1")
    assert again.remote_id == found.remote_id
    assert len(fake.complaints) == 1


async def test_lookup_only_returns_exact_reference(adapter: LaporAdapter, fake: FakeLaporServer) -> None:
    """Unknown references give None; each reference finds its own complaint."""
    first = await adapter.submit(sample_payload(reference="LPR-22222A3", attachments=()), "k1")
    second = await adapter.submit(sample_payload(reference="LPR-22223A2", attachments=()), "k2")
    assert await adapter.lookup("LPR-22222A3") == first
    assert await adapter.lookup("LPR-22223A2") == second
    assert await adapter.lookup("LPR-99999ZZ") is None
    assert fake.requests_to("/complaints", "GET")[-1].query == {"search": "LPR-99999ZZ"}


async def test_lookup_failure_is_retryable(adapter: LaporAdapter, fake: FakeLaporServer) -> None:
    """A failed search is an error, not "not found" (which would cause a duplicate)."""
    fake.set_mode("500")
    with pytest.raises(RetryableError):
        await adapter.lookup("LPR-7K3M9QX")


# --------------------------------------------------------------------------- status


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Belum Terverifikasi", "belum_terverifikasi"),
        ("Terverifikasi", "terverifikasi"),
        ("Dalam Proses", "dalam_proses"),
        ("Selesai", "selesai"),
        ("Ditolak", "ditolak"),
    ],
)
async def test_status_maps_lapor_names(
    adapter: LaporAdapter, fake: FakeLaporServer, name: str, expected: str
) -> None:
    """Each LAPOR! status name maps to our status; the raw name is kept."""
    ref = await adapter.submit(sample_payload(attachments=()), "key-1")
    fake.set_status(ref.remote_id, name)
    status = await adapter.status(ref.remote_id)
    assert (status.remote_id, status.status, status.raw_status) == (ref.remote_id, expected, name)
    assert status.followups == ()


async def test_status_includes_followups(adapter: LaporAdapter, fake: FakeLaporServer) -> None:
    """Follow-ups come back with id, text, aware timestamp and the posting institution."""
    ref = await adapter.submit(sample_payload(attachments=()), "key-1")
    fake.set_status(ref.remote_id, "Dalam Proses", "Tim sudah dijadwalkan menambal jalan.")
    fake.set_status(ref.remote_id, "Selesai", "Jalan sudah ditambal.")
    status = await adapter.status(ref.remote_id)
    assert status.status == "selesai"
    assert [f.text for f in status.followups] == [
        "Tim sudah dijadwalkan menambal jalan.",
        "Jalan sudah ditambal.",
    ]
    assert len({f.id for f in status.followups}) == 2
    assert all(f.author == "Dinas Pekerjaan Umum" for f in status.followups)
    assert all(f.at is not None and f.at.tzinfo is not None for f in status.followups)
    paths = [r.path for r in fake.requests if r.method == "GET"]
    assert paths == [
        f"/api/v3/complaints/{ref.remote_id}/complaint",
        f"/api/v3/complaints/{ref.remote_id}/followups",
    ]


async def test_status_of_unknown_complaint_is_permanent(adapter: LaporAdapter) -> None:
    """404 on the detail is permanent."""
    with pytest.raises(PermanentError) as caught:
        await adapter.status("424242")
    assert caught.value.status == 404


async def test_status_malformed_is_retryable(adapter: LaporAdapter, fake: FakeLaporServer) -> None:
    """A garbled status answer is retryable."""
    ref = await adapter.submit(sample_payload(attachments=()), "key-1")
    fake.set_mode("malformed")
    with pytest.raises(RetryableError):
        await adapter.status(ref.remote_id)


# --------------------------------------------------------------------------- session ownership


async def test_borrowed_session_is_not_closed(fake: FakeLaporServer, mapping: CentralMapping) -> None:
    """close() leaves a session passed in by the caller open."""
    async with aiohttp.ClientSession() as session:
        lapor = LaporAdapter(fake.base_url, fake.token, fake.authorization, mapping, session=session)
        await lapor.submit(sample_payload(attachments=()), "key-1")
        await lapor.close()
        assert not session.closed


def test_adapter_needs_lapor_section(mapping: CentralMapping) -> None:
    """A mapping without a 'lapor' section cannot build a LAPOR! adapter."""
    bare = CentralMapping(classifications={}, categories={}, agencies={}, regions={})
    with pytest.raises(ValueError, match="lapor"):
        LaporAdapter("http://127.0.0.1:1", "t", "a", bare)


# --------------------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("belum terverifikasi", "belum_terverifikasi"),
        ("DALAM_PROSES", "dalam_proses"),
        ("Diarsipkan", "diarsipkan"),
        ("Tunda", "ditunda"),
        ("Bukan Wewenang", "terverifikasi"),
        ("Sesuatu Baru", "dalam_proses"),
    ],
)
def test_normalize_lapor_status(raw: str, expected: str) -> None:
    """Status names are matched loosely; unknown ones count as in progress."""
    assert normalize_lapor_status(raw) == expected


def test_attachment_filename_is_neutral() -> None:
    """Upload names never reuse the citizen's filename."""
    def name(index: int, filename: str, mime: str | None) -> str:
        return attachment_filename(index, OutgoingAttachment("photo", filename, mime, b"", None))

    assert name(1, "KTP Budi.JPG", None) == "lampiran-1.jpg"
    assert name(2, "x", "audio/ogg") == "lampiran-2.oga"
    assert name(3, "noext", None) == "lampiran-3"


def test_parse_lapor_datetime() -> None:
    """Naive LAPOR! timestamps are Jakarta time."""
    moment = parse_lapor_datetime("2026-08-20 09:00:00")
    assert moment is not None and moment.astimezone(UTC) == datetime(2026, 8, 20, 2, 0, tzinfo=UTC)
    assert parse_lapor_datetime("2026-08-20T02:00:00Z") == datetime(2026, 8, 20, 2, 0, tzinfo=UTC)
    assert parse_lapor_datetime("kemarin") is None
    assert parse_lapor_datetime(None) is None
