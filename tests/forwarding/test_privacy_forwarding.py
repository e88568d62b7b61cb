"""Issue 13 items 9 and 10: what leaves for the central system.

Anonymous complaints lose NIKs, phone numbers (every spelling), e-mail addresses and the reporter's names
(single words too) in every field, and their photos lose EXIF/XMP (GPS, camera, Artist) — checked on what the
fake LAPOR! server received. Rahasia complaints reach a plain (public) Open311 server only as a placeholder,
LAPOR! (which keeps them private) in full; the content stays with us for admins.
"""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlmodel import select

from bot.app import Core
from bot.core.clock import FixedClock
from bot.forwarding.central import OutgoingAttachment
from bot.forwarding.forwarder import Forwarder
from models.db import Database
from models.tables import Attachment, Citizen, Complaint
from tests.fakes.central_lapor import FakeLaporServer
from tests.fakes.central_open311 import FakeOpen311Server
from tests.forwarding_helpers import (
    MAPPING,
    file_complaints,
    forwarding_config,
    jobs,
    lapor_adapter,
    make_core,
)

NIK = "5203014101900001"
PHONE_DIGITS = "81234567890"
LEAKY_TITLE = f"Pungli KTP, saya Budi (NIK {NIK}, HP 0{PHONE_DIGITS})"
LEAKY_BODY = ("Petugas minta uang. Hubungi saya: +62 812-3456-7890 atau (0812) 3456 7890 atau "
              "0812\u200b3456\u00ad7890, budi.s@example.com. NIK 5203 0141 0190 0001. Salam, Santoso.")
LEAKY_PLACE = "Depan rumah Budi, Jl. Merdeka 5, HP 6281234567890"
SECRET_BODY = "Kepala desa memeras warga setiap minggu."


def leaks(text: str) -> list[str]:
    """The identifying bits of the fixtures still present in some text."""
    flat = "".join(ch for ch in text if ch.isalnum() or ch in "@.").lower()
    found = [bit for bit in (NIK, PHONE_DIGITS, "8123456789", "budi", "santoso", "example.com")
             if bit in flat]
    return found


def jpeg_with_exif() -> bytes:
    """A JPEG as a phone writes it: GPS position, camera, the owner's name as Artist, a comment, rotated."""
    image = Image.new("RGB", (64, 32), (180, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X1"  # Model
    exif[0x013B] = "Budi Santoso"  # Artist
    exif[0x0112] = 6  # Orientation: rotate 90° to show upright
    exif[0x8825] = {1: "S", 2: (8.0, 39.0, 4.0), 3: "E", 4: (116.0, 31.0, 55.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"Budi Santoso 081234567890")
    return out.getvalue()


@pytest.fixture
async def core(db: Database, clock: FixedClock) -> AsyncIterator[Core]:
    """A Core configured to forward."""
    made = await make_core(db, clock)
    yield made
    await made.close()


@pytest.fixture
async def lapor() -> AsyncIterator[FakeLaporServer]:
    """A fake LAPOR! V3 server on 127.0.0.1."""
    async with FakeLaporServer() as fake:
        yield fake


@pytest.fixture
async def open311() -> AsyncIterator[FakeOpen311Server]:
    """A plain GeoReport v2 server: every request it holds is public on GET requests."""
    async with FakeOpen311Server(supports_reference_filter=False) as fake:
        yield fake


async def test_anonymous_complaint_reaches_lapor_without_identity_or_photo_metadata(
        core: Core, lapor: FakeLaporServer, clock: FixedClock) -> None:
    """Title, body, place, file names and photo bytes the fake LAPOR! received carry nothing identifying."""
    photo = jpeg_with_exif()
    assert b"Budi Santoso" in photo and Image.open(io.BytesIO(photo)).getexif().get(0x013B) == "Budi Santoso"
    await file_complaints(
        core, 1, user="budi-tg", display_name="Budi Santoso", is_anonymous=True, title=LEAKY_TITLE, body=LEAKY_BODY,
        location={"text": LEAKY_PLACE, "lat": -8.65, "lon": 116.53, "region": "52.03.01"},
        attachments=[{"kind": "photo", "ref": "tg-photo-1", "mime": "image/jpeg", "name": "Budi_Santoso_KTP.jpg"},
                     {"kind": "document", "ref": "tg-doc-1", "mime": "image/jpeg", "name": "bukti.jpg"}])

    async def telegram_files(attachment: Attachment) -> OutgoingAttachment:
        return OutgoingAttachment(attachment.kind, attachment.name or "x", attachment.mime, photo, None)

    worker = Forwarder(core, lapor_adapter(lapor.base_url, clock), forwarding_config(), worker_id="w1",
                       fetchers={"telegram": telegram_files})
    await worker.run_once()
    assert [j.status for j in await jobs(core.db)] == ["sent"]
    (created,) = lapor.requests_to("complaint-lmw")
    assert created.body["is_anonymous"] is True
    for request in lapor.requests:
        fields = json.dumps(request.body, ensure_ascii=False) + " ".join(f.filename or "" for f in request.files)
        assert leaks(fields) == [], (request.path, fields)
    assert "[disamarkan]" in created.body["title"] and "[disamarkan]" in created.body["content"]
    assert "Petugas minta uang" in created.body["content"], "the complaint itself is kept"
    uploads = [f for r in lapor.requests_to("complaint/file") for f in r.files]
    assert len(uploads) == 2
    for upload in uploads:
        assert b"Budi" not in upload.content and b"PhoneMaker" not in upload.content
        assert b"Exif" not in upload.content and b"http://ns.adobe.com/xap" not in upload.content
        image = Image.open(io.BytesIO(upload.content))
        assert dict(image.getexif()) == {} and "comment" not in image.info
        assert image.size == (32, 64), "the orientation is applied to the pixels before the tag goes"
    async with core.db.read() as session:
        stored = (await session.exec(select(Complaint))).one()
    assert stored.body == LEAKY_BODY, "admins still read what the citizen wrote"


async def test_named_complaint_keeps_its_text_for_lapor(core: Core, lapor: FakeLaporServer,
                                                        clock: FixedClock) -> None:
    """Scrubbing is for anonymous complaints: a named one goes as written (its photos still lose metadata)."""
    await file_complaints(core, 1, user="budi-tg", display_name="Budi", body=LEAKY_BODY)
    await Forwarder(core, lapor_adapter(lapor.base_url, clock), forwarding_config(), worker_id="w1").run_once()
    (created,) = lapor.requests_to("complaint-lmw")
    assert "Salam, Santoso" in created.body["content"] and "5203 0141 0190 0001" in created.body["content"]


async def test_a_single_word_name_and_the_contact_name_are_both_scrubbed(core: Core, lapor: FakeLaporServer,
                                                                          clock: FixedClock) -> None:
    """A Telegram first name alone ("Budi") counts, and so does the name given as contact (reporter_name)."""
    (complaint,) = await file_complaints(core, 1, user="budi-tg", display_name="Budi", is_anonymous=True,
                                         body="Saya Budi, istri saya Wati melihat sendiri. Budi dan Wati.")
    async with core.db.write() as session:
        stored = await session.get(Complaint, complaint.id)
        assert stored is not None
        stored.reporter_name = "Wati Susanti"
        session.add(stored)
    adapter = lapor_adapter(lapor.base_url, clock)
    await Forwarder(core, adapter, forwarding_config(), worker_id="w1").run_once()
    await adapter.close()
    (created,) = lapor.requests_to("complaint-lmw")
    assert "Budi" not in created.body["content"] and "Wati" not in created.body["content"]
    assert created.body["content"].startswith("Saya [disamarkan], istri saya [disamarkan] melihat sendiri.")


def open311_for(base_url: str, clock: FixedClock, *, private: bool) -> Any:
    """The Open311 adapter, declaring private support or not (LAPORBOT_OPEN311_PRIVATE)."""
    from bot.forwarding.settings import Open311ForwardAdapter

    return Open311ForwardAdapter(base_url, "test-key", "bandung.go.id", MAPPING, timeout=5, clock=clock,
                                 token_poll_interval=0, supports_private=private)


async def test_rahasia_goes_to_a_public_open311_server_only_as_a_placeholder(
        core: Core, open311: FakeOpen311Server, clock: FixedClock) -> None:
    """The fake server's public GET requests shows the placeholder; our database keeps the content."""
    await file_complaints(core, 1, user="rahasia-tg", display_name="Rara", is_secret=True,
                          title="Kepala desa memeras", body=SECRET_BODY,
                          location={"text": "Rumah kepala desa Paok Motong", "lat": -8.6, "lon": 116.5,
                                    "region": "52.03.01"})
    await Forwarder(core, open311_for(open311.base_url, clock, private=False), forwarding_config(central="open311"),
                    worker_id="w1").run_once()
    assert [j.status for j in await jobs(core.db)] == ["sent"]
    (item,) = open311.service_requests.values()
    sent = json.dumps(item.form, ensure_ascii=False)
    assert "Laporan rahasia — isi tersedia bagi petugas" in item.form["description"]
    for secret in ("memeras", "Paok Motong", "-8.6", "116.5"):
        assert secret not in sent
    assert item.form["attribute[is_secret]"] == "true"
    async with core.db.read() as session:
        stored = (await session.exec(select(Complaint))).one()
    assert stored.body == SECRET_BODY and stored.location_text == "Rumah kepala desa Paok Motong"


async def test_rahasia_goes_in_full_where_the_adapter_declares_private_support(
        core: Core, open311: FakeOpen311Server, lapor: FakeLaporServer, clock: FixedClock) -> None:
    """LAPOR! keeps is_secret reports private itself; an Open311 server configured private gets them too."""
    await file_complaints(core, 1, user="rahasia-tg", is_secret=True, title="Kepala desa memeras", body=SECRET_BODY)
    await Forwarder(core, open311_for(open311.base_url, clock, private=True), forwarding_config(central="open311"),
                    worker_id="w1").run_once()
    (item,) = open311.service_requests.values()
    assert SECRET_BODY in item.form["description"]
    adapter = lapor_adapter(lapor.base_url, clock)
    assert adapter.supports_private is True
    await file_complaints(core, 1, user="rahasia-2", is_secret=True, title="Kepala desa memeras", body=SECRET_BODY)
    await Forwarder(core, adapter, forwarding_config(), worker_id="w2").run_once()
    (created,) = lapor.requests_to("complaint-lmw")
    assert created.body["is_secret"] is True and SECRET_BODY in created.body["content"]


async def test_whatsapp_photos_are_kept_without_metadata(db: Database, clock: FixedClock) -> None:
    """A WhatsApp photo is stored for admins and forwarding (MediaFile) already without EXIF/GPS/Artist."""
    from tests.fakes.graph_api import FakeGraphAPI, message
    from tests.handlers.test_whatsapp_channel import running_rig

    async with FakeGraphAPI() as graph, running_rig(db, clock, graph) as rig:
        for line in ("halo", "1", "1"):
            await rig.says(line)
        photo = jpeg_with_exif()
        rig.graph.add_media("7000000001", photo, "image/jpeg")
        await rig.send(message("image", {"id": "7000000001", "mime_type": "image/jpeg", "sha256": "x"},
                               wamid=rig.wamid()))
        async with rig.core.db.read() as session:
            from models.whatsapp import MediaFile

            kept = (await session.exec(select(MediaFile))).one()
    assert b"Budi" not in kept.data and b"Exif" not in kept.data and b"PhoneMaker" not in kept.data
    image = Image.open(io.BytesIO(kept.data))
    assert dict(image.getexif()) == {} and image.size == (32, 64)
    assert kept.size == len(kept.data)


async def test_a_picture_sent_as_a_file_reaches_admins_without_metadata(db: Database, clock: FixedClock,
                                                                         tmp_path: Path) -> None:
    """Telegram strips photos itself, not files: an image document is fetched, cleaned and re-uploaded."""
    from models import store
    from tests.admin.test_admin_env import DINKES_CHAT, admin_env

    async with admin_env(db, clock, tmp_path) as env:
        env.fake.register_file("doc-exif-1", jpeg_with_exif(), file_path="documents/Budi_Santoso.jpg")
        now = clock.now()
        async with env.db.write() as session:
            citizen = Citizen(channel="telegram", channel_user_id="6001", display_name="Budi", created_at=now)
            session.add(citizen)
            await session.flush()
            answers = {"classification": "pengaduan", "title": "Pungli", "body": "Pungli di kantor desa.",
                       "category": "kesehatan", "agency": "dinkes", "is_anonymous": True,
                       "attachments": [{"kind": "document", "ref": "doc-exif-1", "mime": "image/jpeg",
                                        "name": "Budi_Santoso.jpg"}]}
            complaint = await store.create_complaint(session, tracking_no=env.core.inbox.new_tracking_no(),
                                                     citizen_id=citizen.id or 0, inbound_id=None, channel="telegram",
                                                     locale="id", answers=answers, now=now)
            for hook in env.core.hooks:
                result = hook(session, complaint)
                if hasattr(result, "__await__"):
                    await result
        await env.settle()
        (sent,) = [c for c in env.fake.calls_to("sendDocument") if c.params.get("chat_id") == DINKES_CHAT]
    upload = sent.params["document"]
    assert b"Budi" not in upload.data and b"Exif" not in upload.data and b"PhoneMaker" not in upload.data
    assert dict(Image.open(io.BytesIO(upload.data)).getexif()) == {}
    assert upload.filename == "lampiran.jpg"
