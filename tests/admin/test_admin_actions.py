"""Admins in Telegram, through the fake Bot API: case cards in the right chat, every action (status, history,
the citizen told in their language), refusals (non-admin, another agency, forged or replayed buttons),
two admins racing, Minta info with a photo coming back, and the commands (/ekspor gives a real XLSX)."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlmodel import col, select

from bot.core.clock import FixedClock
from bot.core.messages import Arrival
from models.admin import AdminAudit, AdminCard, InfoReply, InfoRequest
from models.db import Database
from models.tables import Attachment, InboundMessage
from tests.admin.test_admin_env import (
    ADMINS,
    CITIZEN,
    DINKES_A,
    DINKES_B,
    DINKES_CHAT,
    DISHUB,
    DISHUB_CHAT,
    STRANGER,
    SUPER,
    TRIAGE_CHAT,
    AdminEnv,
    admin_env,
)


@pytest.fixture
async def env(db: Database, clock: FixedClock, tmp_path: Path) -> AsyncIterator[AdminEnv]:
    """The admin bench with the standard admin file."""
    async with admin_env(db, clock, tmp_path) as bench:
        yield bench


async def _audits(env: AdminEnv) -> list[AdminAudit]:
    async with env.db.read() as session:
        return list((await session.exec(select(AdminAudit).order_by(col(AdminAudit.id)))).all())


# ---------------------------------------------------------------------- alerts


async def test_new_complaint_posts_a_card_with_its_photo_in_the_agency_chat(env: AdminEnv) -> None:
    """The card carries number, klasifikasi, kategori, lokasi, summary, SLA date, reporter; the photo follows."""
    complaint = await env.complaint(agency="dinkes", photos=("photo-abc",))
    await env.settle()
    _, card = env.card(DINKES_CHAT, complaint.tracking_no)
    text = card["text"]
    assert text.startswith(f"📋 Laporan {complaint.tracking_no} · Belum Terverifikasi")
    assert "Klasifikasi: Pengaduan" in text and "Kategori: Kesehatan" in text
    assert "Instansi: Dinas Kesehatan Kabupaten Lombok Timur" in text and "Lokasi: Puskesmas Sakra" in text
    # Thursday 20 August 2026 + 3 working days: Friday 21, Monday 24, (Tuesday 25 is Maulid Nabi) Wednesday 26.
    assert "Batas verifikasi: 26 Agustus 2026 (3 hari kerja)" in text
    assert "Ringkasan: Puskesmas tutup sebelum jam buka. Pasien disuruh pulang" in text and "Pelapor: Siti" in text
    assert "Lampiran: 1 foto" in text
    labels = [b["text"] for row in card["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == ["✅ Verifikasi", "↪️ Disposisi", "❓ Minta info", "⛔ Tolak", "⏸ Tunda"]
    photos = [c.params for c in env.fake.calls_to("sendPhoto") if c.status == 200]
    assert photos == [{"chat_id": DINKES_CHAT, "photo": "photo-abc",
                       "caption": f"Lampiran {complaint.tracking_no} (1/1)"}]
    assert env.cards(DISHUB_CHAT) == [] and env.cards(TRIAGE_CHAT) == [] and env.cards(SUPER) == []


@pytest.mark.parametrize(("dated", "shown"), [
    ({"incident_date": "2024-05-01", "incident_date_precision": "month"}, "Tanggal kejadian: sekitar Mei 2024"),
    ({"incident_date": "2019-01-01", "incident_date_precision": "year"}, "Tanggal kejadian: sekitar tahun 2019"),
    ({"incident_date": "2024-06-02", "incident_date_precision": "approximate"},
     "Tanggal kejadian: sekitar 2 Juni 2024"),
    ({"incident_date": "2026-08-19", "incident_date_precision": "day", "incident_part": "afternoon"},
     "Tanggal kejadian: 19 Agustus 2026, sore"),
    ({"incident_date": "2026-08-19", "incident_date_precision": "day", "incident_time": "16:00"},
     "Tanggal kejadian: 19 Agustus 2026, jam 16:00"),
    ({"incident_date": None, "incident_date_precision": "unknown"},
     "Tanggal kejadian: tidak ingat (tanggal tidak diketahui)"),
    ({"incident_date": "2026-08-17"}, "Tanggal kejadian: 17 Agustus 2026"),  # no precision given: a day
])
async def test_the_card_shows_the_date_as_honestly_as_it_was_said(env: AdminEnv, dated: dict[str, Any],
                                                                  shown: str) -> None:
    """An approximate date is not shown as an exact day, "tidak ingat" is shown, the part of day is kept."""
    complaint = await env.complaint(agency="dinkes", dated=dated)
    await env.settle()
    _, card = env.card(DINKES_CHAT, complaint.tracking_no)
    assert shown in card["text"].splitlines()


async def test_no_agency_goes_to_triage_and_anonymity_is_kept(env: AdminEnv) -> None:
    """Triage chat and super admins; an anonymous reporter is hidden everywhere but a super admin's chat."""
    complaint = await env.complaint(agency=None, anonymous=True, secret=True)
    await env.settle()
    _, in_group = env.card(TRIAGE_CHAT, complaint.tracking_no)
    _, private = env.card(SUPER, complaint.tracking_no)
    assert "Instansi: Belum ditentukan (triase)" in in_group["text"]
    assert "Pelapor: disembunyikan (anonim)" in in_group["text"] and "Siti" not in in_group["text"]
    assert "Tanda: ANONIM · RAHASIA" in in_group["text"]
    assert "Pelapor: Siti" in private["text"]
    assert env.cards(DINKES_CHAT) == []
    # Disposed to dinkes: the agency's card keeps the reporter hidden too.
    message_id, data = env.button(TRIAGE_CHAT, complaint.tracking_no, "dispose")
    await env.press(TRIAGE_CHAT, message_id, data, SUPER)
    menu_id, choice = env.menu(TRIAGE_CHAT, "Dinas Kesehatan Kabupaten Lombok Timur")
    await env.press(TRIAGE_CHAT, menu_id, choice, SUPER)
    _, agency_card = env.card(DINKES_CHAT, complaint.tracking_no)
    assert "disembunyikan (anonim)" in agency_card["text"] and "Siti" not in agency_card["text"]


async def test_an_agency_without_a_chat_alerts_its_admins_privately(db: Database, clock: FixedClock,
                                                                     tmp_path: Path) -> None:
    """No group configured for dinkes: each dinkes admin gets the card in their private chat."""
    admins = {**ADMINS, "chats": {"dishub": [DISHUB_CHAT]}}
    async with admin_env(db, clock, tmp_path, admins) as bench:
        complaint = await bench.complaint(agency="dinkes")
        await bench.settle()
        assert bench.card(DINKES_A, complaint.tracking_no) and bench.card(DINKES_B, complaint.tracking_no)
        assert bench.cards(DISHUB_CHAT) == [] and bench.cards(SUPER) == []


# ---------------------------------------------------------------------- actions


async def test_verify_follow_up_and_resolve(env: AdminEnv) -> None:
    """Verifikasi, Tindak lanjut (typed as a reply), Selesai: status, history with who, the citizen told; the
    card is edited in place each time."""
    complaint = await env.complaint()
    await env.settle()
    first_id, _ = env.card(DINKES_CHAT, complaint.tracking_no)
    message_id, data = env.button(DINKES_CHAT, complaint.tracking_no, "verify")
    answer = await env.press(DINKES_CHAT, message_id, data, DINKES_A)
    assert answer == f"{complaint.tracking_no}: Terverifikasi. Tercatat."
    assert (await env.reload(complaint.id or 0)).status == "verified"
    history = await env.history(complaint.id or 0)
    assert (history[-1].status, history[-1].actor, history[-1].at) == ("verified", f"admin:{DINKES_A}",
                                                                       env.clock.now())
    assert "Terverifikasi" in (await env.notifications())[-1]
    card_id, card = env.card(DINKES_CHAT, complaint.tracking_no)
    assert card_id == first_id and "· Terverifikasi" in card["text"]
    assert "Batas tindak lanjut: 28 Agustus 2026 (5 hari kerja)" in card["text"]
    assert "Terakhir: Terverifikasi oleh admin:9101" in card["text"]
    labels = [b["text"] for row in card["reply_markup"]["inline_keyboard"] for b in row]
    assert "✅ Verifikasi" not in labels and "✍️ Tindak lanjut" in labels

    message_id, data = env.button(DINKES_CHAT, complaint.tracking_no, "respond")
    assert await env.press(DINKES_CHAT, message_id, data, DINKES_B) == "Lanjutkan di pesan berikut."
    prompt = env.last_prompt(DINKES_CHAT)
    assert complaint.tracking_no in prompt["text"]
    await env.say(DINKES_CHAT, "Petugas sudah ditegur; mulai besok buka tepat pukul 08.00.", DINKES_B, reply_to=prompt)
    assert (await env.reload(complaint.id or 0)).status == "in_progress"
    history = await env.history(complaint.id or 0)
    assert (history[-1].actor, history[-1].note) == (f"admin:{DINKES_B}",
                                                     "Petugas sudah ditegur; mulai besok buka tepat pukul 08.00.")
    told = (await env.notifications())[-1]
    assert told.startswith(f"Tanggapan Dinas Kesehatan Kabupaten Lombok Timur untuk laporan {complaint.tracking_no}")
    assert any(t.startswith(f"{complaint.tracking_no}: Dalam Proses") for t in env.texts(DINKES_CHAT))

    message_id, data = env.button(DINKES_CHAT, complaint.tracking_no, "done")
    await env.press(DINKES_CHAT, message_id, data, DINKES_A)
    assert (await env.reload(complaint.id or 0)).status == "responded"
    assert (await env.history(complaint.id or 0))[-1].actor == f"admin:{DINKES_A}"
    assert "Apakah masalah Anda sudah selesai?" in (await env.notifications())[-1]  # the feedback flow asks
    _, card = env.card(DINKES_CHAT, complaint.tracking_no)
    assert "Ditutup otomatis" in card["text"]
    assert len([c for c in env.fake.calls_to("editMessageText") if c.params["message_id"] == first_id]) >= 3


async def test_hold_and_reject_with_a_reason_in_the_citizens_language(env: AdminEnv) -> None:
    """Tunda, then Tolak with a reason from the menu; an English-speaking citizen is told in English."""
    complaint = await env.complaint(locale="en")
    await env.settle()
    message_id, data = env.button(DINKES_CHAT, complaint.tracking_no, "hold")
    await env.press(DINKES_CHAT, message_id, data, DINKES_A)
    assert (await env.reload(complaint.id or 0)).status == "on_hold"
    message_id, data = env.button(DINKES_CHAT, complaint.tracking_no, "reject")
    assert await env.press(DINKES_CHAT, message_id, data, DINKES_A) == "Lanjutkan di pesan berikut."
    menu_id, choice = env.menu(DINKES_CHAT, "Tidak lengkap")
    await env.press(DINKES_CHAT, menu_id, choice, DINKES_B)
    stored = await env.reload(complaint.id or 0)
    assert stored.status == "rejected"
    last = (await env.history(complaint.id or 0))[-1]
    assert (last.status, last.actor, last.note) == ("rejected", f"admin:{DINKES_B}", "Incomplete")
    told = await env.notifications()
    assert "Incomplete" in told[-1] and "Ditolak" not in told[-1]
    _, card = env.card(DINKES_CHAT, complaint.tracking_no)
    assert "reply_markup" not in card  # nothing left to do on a rejected case
    # The same menu pressed again: the choice was used.
    again = await env.press(DINKES_CHAT, menu_id, choice, DINKES_A)
    assert again == "Admin lain sudah lebih dulu menangani laporan ini."


async def test_dispose_moves_the_case_to_the_other_agency(env: AdminEnv) -> None:
    """Disposisi: the old card is retired in place, a new card appears in the new agency's chat; the old
    agency can no longer act, the new one can."""
    complaint = await env.complaint()
    await env.settle()
    message_id, data = env.button(DINKES_CHAT, complaint.tracking_no, "dispose")
    await env.press(DINKES_CHAT, message_id, data, DINKES_A)
    menu_id, choice = env.menu(DINKES_CHAT, "Dinas Perhubungan")
    answer = await env.press(DINKES_CHAT, menu_id, choice, DINKES_A)
    assert answer == f"{complaint.tracking_no}: Terverifikasi. Tercatat."
    stored = await env.reload(complaint.id or 0)
    assert (stored.agency_code, stored.status) == ("dishub", "verified")
    assert (await env.history(complaint.id or 0))[-1].note == "Diteruskan ke Dinas Perhubungan."
    assert "Diteruskan ke Dinas Perhubungan." in (await env.notifications())[-1]
    old = env.fake._messages[(DINKES_CHAT, message_id)]
    assert "sudah didisposisikan ke Dinas Perhubungan" in old["text"] and "reply_markup" not in old
    new_id, new_card = env.card(DISHUB_CHAT, complaint.tracking_no)
    assert "Instansi: Dinas Perhubungan" in new_card["text"]
    _, hold = env.button(DISHUB_CHAT, complaint.tracking_no, "hold")
    assert "tidak berwenang" in await env.press(DISHUB_CHAT, new_id, hold, DINKES_A)
    await env.press(DISHUB_CHAT, new_id, hold, DISHUB)
    assert (await env.reload(complaint.id or 0)).status == "on_hold"


async def test_dispose_to_an_agency_typed_by_name(env: AdminEnv) -> None:
    """"Instansi lain…": the admin types a name, picks from the matches."""
    complaint = await env.complaint()
    await env.settle()
    message_id, data = env.button(DINKES_CHAT, complaint.tracking_no, "dispose")
    await env.press(DINKES_CHAT, message_id, data, DINKES_A)
    menu_id, other = env.menu(DINKES_CHAT, "Instansi lain…")
    await env.press(DINKES_CHAT, menu_id, other, DINKES_A)
    await env.say(DINKES_CHAT, "pekerjaan umum", DINKES_A, reply_to=env.last_prompt(DINKES_CHAT))
    menu_id, choice = env.menu(DINKES_CHAT, "Dinas Pekerjaan Umum dan Penataan Ruang")
    await env.press(DINKES_CHAT, menu_id, choice, DINKES_A)
    assert (await env.reload(complaint.id or 0)).agency_code == "dpupr"
    assert env.card(SUPER, complaint.tracking_no)  # nobody configured for dpupr: triage and super admins


async def test_action_commands_work_like_buttons(env: AdminEnv) -> None:
    """/verifikasi, /tanya and /tolak with their arguments."""
    complaint = await env.complaint()
    await env.settle()
    await env.say(DINKES_CHAT, f"/verifikasi {complaint.tracking_no.lower()}", DINKES_A)
    assert (await env.reload(complaint.id or 0)).status == "verified"
    await env.say(DINKES_CHAT, f"/tolak {complaint.tracking_no} 3 iklan obat", DINKES_A)
    last = (await env.history(complaint.id or 0))[-1]
    assert (last.status, last.note) == ("rejected", "Spam: iklan obat")
    assert env.texts(DINKES_CHAT)[-1] == f"{complaint.tracking_no}: Ditolak. Tercatat."


# ---------------------------------------------------------------------- refusals


async def test_refused_non_admin_other_agency_forged_and_replayed(env: AdminEnv) -> None:
    """Refused and logged, and nothing changes: a stranger, another agency's admin, crafted or tampered data,
    a valid button moved onto another card, an old button pressed again."""
    complaint = await env.complaint()
    other = await env.complaint(user=CITIZEN + 1, title="Jalan berlubang")
    await env.settle()
    message_id, verify = env.button(DINKES_CHAT, complaint.tracking_no, "verify")
    _, hold = env.button(DINKES_CHAT, complaint.tracking_no, "hold")
    _, other_verify = env.button(DINKES_CHAT, other.tracking_no, "verify")
    before = await env.notifications()

    assert await env.press(DINKES_CHAT, message_id, verify, STRANGER) == "Anda tidak berwenang atas laporan ini."
    assert await env.press(DINKES_CHAT, message_id, verify, DISHUB) == "Anda tidak berwenang atas laporan ini."
    body, _, _sig = verify.rpartition(":")
    forged = await env.press(DINKES_CHAT, message_id, f"{body}:AAAAAAAA", DINKES_A)
    assert forged == "Tombol tidak sah. Percobaan ini dicatat."
    moved = await env.press(DINKES_CHAT, message_id, other_verify, DINKES_A)  # genuine data, wrong card
    assert moved == "Tombol tidak sah. Percobaan ini dicatat."
    assert (await env.reload(complaint.id or 0)).status == "submitted"
    assert (await env.reload(other.id or 0)).status == "submitted"
    assert len(await env.history(complaint.id or 0)) == 1 and await env.notifications() == before

    await env.press(DINKES_CHAT, message_id, verify, DINKES_A)
    replay = await env.press(DINKES_CHAT, message_id, hold, DINKES_B)  # a button of the card before the change
    assert replay.startswith("Laporan ini sudah berubah")
    assert (await env.reload(complaint.id or 0)).status == "verified"

    await env.say(STRANGER, f"/kasus {complaint.tracking_no}", STRANGER)
    assert env.texts(STRANGER) == ["Perintah ini khusus admin."]
    outcomes = [(a.user_id, a.outcome, a.reason) for a in await _audits(env)]
    assert outcomes == [(str(STRANGER), "refused", None), (str(DISHUB), "refused", None),
                        (str(DINKES_A), "invalid", "forged"), (str(DINKES_A), "invalid", "not_a_card"),
                        (str(DINKES_A), "done", None), (str(DINKES_B), "stale", None),
                        (str(STRANGER), "refused", None)]


async def test_authorisation_follows_the_file_at_the_moment_of_the_press(env: AdminEnv) -> None:
    """An admin removed from the file is refused at the next press, without a restart."""
    complaint = await env.complaint()
    await env.settle()
    message_id, verify = env.button(DINKES_CHAT, complaint.tracking_no, "verify")
    env.write_admins({**ADMINS, "admins": [a for a in ADMINS["admins"] if a["id"] != DINKES_A]})
    assert "tidak berwenang" in await env.press(DINKES_CHAT, message_id, verify, DINKES_A)
    assert (await env.reload(complaint.id or 0)).status == "submitted"


async def test_two_admins_pressing_at_once_one_wins(env: AdminEnv) -> None:
    """Same card version, pressed together: one status change, one citizen message, the other admin is told."""
    complaint = await env.complaint()
    await env.settle()
    message_id, verify = env.button(DINKES_CHAT, complaint.tracking_no, "verify")
    _, hold = env.button(DINKES_CHAT, complaint.tracking_no, "hold")
    presses = [env.fake.make_callback(DINKES_CHAT, verify, message_id=message_id, user_id=DINKES_A,
                                      chat_type="supergroup"),
               env.fake.make_callback(DINKES_CHAT, hold, message_id=message_id, user_id=DINKES_B,
                                      chat_type="supergroup")]
    await asyncio.gather(*(env.handler.intercept(Arrival(None, p)) for p in presses))
    await env.settle()
    answers = {c.params["callback_query_id"]: c.params["text"] for c in env.fake.calls_to("answerCallbackQuery")}
    texts = sorted(answers[p["callback_query"]["id"]] for p in presses)
    assert len([t for t in texts if t.endswith("Tercatat.")]) == 1
    assert len([t for t in texts if t.startswith(("Laporan ini sudah berubah", "Admin lain"))]) == 1
    history = await env.history(complaint.id or 0)
    assert [h.status for h in history][1:] in (["verified"], ["on_hold"])
    assert len(await env.notifications()) == 1


# ---------------------------------------------------------------------- Minta info


async def test_ask_for_info_and_the_citizens_photo_comes_back(env: AdminEnv) -> None:
    """The question reaches the citizen; their photo is written to the case and relayed to the agency chat;
    their next message goes back to the citizen flows."""
    complaint = await env.complaint()
    await env.settle()
    message_id, ask = env.button(DINKES_CHAT, complaint.tracking_no, "ask")
    await env.press(DINKES_CHAT, message_id, ask, DINKES_A)
    await env.say(DINKES_CHAT, "Mohon kirim foto papan jam buka puskesmas.", DINKES_A,
                  reply_to=env.last_prompt(DINKES_CHAT))
    question = (await env.notifications())[-1]
    assert question.startswith(f"Petugas menanyakan hal berikut tentang laporan {complaint.tracking_no}")
    assert "Mohon kirim foto papan jam buka puskesmas." in question
    last = (await env.history(complaint.id or 0))[-1]
    assert (last.status, last.actor) == ("submitted", f"admin:{DINKES_A}")
    assert last.note == "Petugas meminta informasi: Mohon kirim foto papan jam buka puskesmas."
    _, card = env.card(DINKES_CHAT, complaint.tracking_no)
    assert "Menunggu jawaban pelapor" in card["text"]
    sent = [c for c in env.fake.calls_to("sendMessage") if c.params.get("chat_id") == CITIZEN]
    assert sent and "Petugas menanyakan" in sent[-1].params["text"]

    photo = env.fake.make_photo(CITIZEN, "photo-jam-buka", caption="Ini papannya")
    await env.channel.take(photo)
    await env.settle()
    await env.channel.take(photo)  # redelivered by Telegram: recorded once
    await env.settle()
    relayed = [c.params for c in env.fake.calls_to("sendPhoto") if c.params.get("chat_id") == DINKES_CHAT]
    assert relayed == [{"chat_id": DINKES_CHAT, "photo": "photo-jam-buka",
                        "caption": f"💬 Jawaban pelapor {complaint.tracking_no}:\nIni papannya"}]
    async with env.db.read() as session:
        replies = (await session.exec(select(InfoReply))).all()
        files = (await session.exec(select(Attachment).where(Attachment.complaint_id == complaint.id))).all()
        request = (await session.exec(select(InfoRequest))).one()
        # Admin updates are in the inbound log too (issue 13 item 7: recorded once, acted on once), marked admin.
        inbound = len([m for m in (await session.exec(select(InboundMessage))).all() if not m.payload.get("admin")])
    assert [(r.kind, r.text, r.file_ref) for r in replies] == [("photo", "Ini papannya", "photo-jam-buka")]
    assert [f.file_ref for f in files] == ["photo-jam-buka"] and request.answered_at == env.clock.now()
    assert inbound == 0  # the citizen flows never saw the answer
    assert (await env.notifications())[-1].startswith("Terima kasih. Jawaban Anda untuk laporan")
    _, card = env.card(DINKES_CHAT, complaint.tracking_no)
    assert "Jawaban pelapor: 1" in card["text"] and "Lampiran: 1 foto" in card["text"]
    assert "Menunggu jawaban" not in card["text"]

    await env.channel.take(env.fake.make_text(CITIZEN, "halo"))
    await env.settle()
    async with env.db.read() as session:
        citizens = [m for m in (await session.exec(select(InboundMessage))).all() if not m.payload.get("admin")]
        assert len(citizens) == 1  # admin updates are logged as admin ones (issue 13 item 7), never as a citizen's


async def test_ask_for_info_by_command_and_a_voice_answer(env: AdminEnv) -> None:
    """/tanya with the question inline; a voice note comes back as a voice note."""
    complaint = await env.complaint()
    await env.settle()
    await env.say(DINKES_CHAT, f"/tanya {complaint.tracking_no} Jam berapa kejadiannya?", DINKES_B)
    await env.channel.take(env.fake.make_voice(CITIZEN, "voice-1"))
    await env.settle()
    voices = [c.params for c in env.fake.calls_to("sendVoice") if c.params.get("chat_id") == DINKES_CHAT]
    assert voices == [{"chat_id": DINKES_CHAT, "voice": "voice-1",
                       "caption": f"💬 Jawaban pelapor {complaint.tracking_no}:"}]


# ---------------------------------------------------------------------- commands


async def test_case_search_queue_recap_and_help(env: AdminEnv) -> None:
    """/kasus gives a card (identity only for a super admin privately), /cari, /antrian, /rekap, /bantuan."""
    first = await env.complaint(anonymous=True)
    env.clock.advance(__import__("datetime").timedelta(hours=1))
    second = await env.complaint(user=CITIZEN + 1, title="Obat habis di apotek puskesmas")
    dishub = await env.complaint(user=CITIZEN + 2, agency="dishub", title="Lampu lalu lintas mati")
    await env.settle()
    await env.say(SUPER, f"/kasus {first.tracking_no}", SUPER)
    _, private = env.card(SUPER, first.tracking_no)
    assert "Pelapor: Siti" in private["text"]
    assert env.texts(SUPER)[-1].startswith(f"Riwayat {first.tracking_no}:")
    await env.say(DINKES_CHAT, f"/kasus {first.tracking_no}", DINKES_A)
    shown = [m for m in env.cards(DINKES_CHAT) if first.tracking_no in m["text"]]
    assert len(shown) == 2 and "disembunyikan (anonim)" in shown[-1]["text"]
    await env.say(DINKES_CHAT, f"/kasus {dishub.tracking_no}", DINKES_A)
    assert env.texts(DINKES_CHAT)[-1] == "Anda tidak berwenang atas laporan ini."

    await env.say(DINKES_CHAT, "/cari apotek", DINKES_A)
    assert second.tracking_no in env.texts(DINKES_CHAT)[-1] and first.tracking_no not in env.texts(DINKES_CHAT)[-1]
    await env.say(DINKES_CHAT, "/cari lampu", DINKES_A)
    assert env.texts(DINKES_CHAT)[-1] == "Tidak ada laporan yang cocok."  # dishub's case is not theirs
    await env.say(DINKES_CHAT, "/antrian", DINKES_A)
    queue = env.texts(DINKES_CHAT)[-1].splitlines()
    assert queue[1].startswith(f"1. {first.tracking_no}") and queue[2].startswith(f"2. {second.tracking_no}")
    assert dishub.tracking_no not in "\n".join(queue)
    await env.say(SUPER, "/rekap", SUPER)
    recap = env.texts(SUPER)[-1]
    assert "Hari ini: 3 baru" in recap and "Masih terbuka: 3 (lewat batas: 0)" in recap
    await env.say(DINKES_CHAT, "/bantuan", DINKES_B)
    assert env.texts(DINKES_CHAT)[-1].startswith("Perintah admin:")
    await env.channel.take(env.fake.make_text(CITIZEN, "/bantuan"))  # a citizen's /bantuan is the citizen's help
    await env.settle()
    async with env.db.read() as session:
        citizens = [m for m in (await session.exec(select(InboundMessage))).all() if not m.payload.get("admin")]
        assert len(citizens) == 1  # admin updates are logged as admin ones (issue 13 item 7), never as a citizen's


async def test_export_is_a_readable_workbook_of_the_admins_cases(env: AdminEnv) -> None:
    """/ekspor 2026-08: an XLSX with one row per case of the admin's agency, without names or phone numbers."""
    mine = await env.complaint(title="=HYPERLINK(\"http://x\")")
    await env.complaint(user=CITIZEN + 1, agency="dishub", title="Lampu lalu lintas mati")
    await env.settle()
    await env.say(DINKES_CHAT, "/ekspor 2026-08", DINKES_A)
    (call,) = [c for c in env.fake.calls_to("sendDocument") if c.status == 200]
    upload = call.params["document"]
    assert upload.filename == "kasus-2026-08.xlsx" and call.params["caption"] == "Ekspor kasus 2026-08: 1 laporan."
    book = load_workbook(io.BytesIO(upload.data))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Nomor", "Diterima", "Klasifikasi")
    assert len(rows) == 2 and rows[1][0] == mine.tracking_no and rows[1][6] == "=HYPERLINK(\"http://x\")"
    assert book.active.cell(row=2, column=7).data_type == "s"  # text, never a formula
    assert not any("Siti" in str(v) for row in rows for v in row)
    await env.say(DINKES_CHAT, "/ekspor kemarin", DINKES_A)
    assert env.texts(DINKES_CHAT)[-1].startswith("Periode tidak dikenal")


async def test_failed_forwards_with_a_retry_button(env: AdminEnv) -> None:
    """/gagal lists the forwarding entries that gave up; the button queues one again."""
    from models.forwarding import ForwardJob

    complaint = await env.complaint()
    await env.settle()
    async with env.db.write() as session:
        job = (await session.exec(select(ForwardJob).where(ForwardJob.complaint_id == complaint.id))).one()
        job.status, job.attempts, job.last_error = "failed", 20, "HTTP 500"
        session.add(job)
    await env.say(DINKES_CHAT, "/gagal", DINKES_A)
    assert "HTTP 500" in env.texts(DINKES_CHAT)[-1]
    message_id, retry = env.menu(DINKES_CHAT, f"🔁 Kirim ulang {complaint.tracking_no}")
    assert "tidak berwenang" in await env.press(DINKES_CHAT, message_id, retry, DISHUB)
    assert await env.press(DINKES_CHAT, message_id, retry, DINKES_A) == (
        f"{complaint.tracking_no} dijadwalkan untuk dikirim ulang.")
    async with env.db.read() as session:
        assert (await session.get(ForwardJob, job.id)).status == "pending"  # type: ignore[union-attr]


async def test_ikm_chart_as_a_photo(env: AdminEnv) -> None:
    """/ikm <unit> draws the survey issue's chart for the current period and sends it as a photo."""
    from bot.core.messages import Inbound
    from models import store
    from models.survey_store import save_skm

    now = env.clock.now()
    async with env.db.write() as session:
        for n in range(3):
            citizen = await store.citizen_for(session, Inbound("telegram", f"skm{n}", f"skm-{n}"), now)
            await save_skm(session, citizen_id=citizen, unit_code="puskesmas_selong", period="2026-Q3",
                           answers={f"u{i}": 3 + (i + n) % 2 for i in range(1, 10)}, locale="id", now=now)
    await env.say(DINKES_CHAT, "/ikm puskesmas_selong", DINKES_A)
    (call,) = [c for c in env.fake.calls_to("sendPhoto") if c.status == 200]
    assert call.params["caption"] == "IKM Puskesmas Selong — Juli–September 2026 (3 responden)"
    assert call.params["photo"].data.startswith(b"\x89PNG")
    await env.say(DINKES_CHAT, "/ikm tidak-ada", DINKES_A)
    assert env.texts(DINKES_CHAT)[-1].startswith("Pakai: /ikm")


async def test_cards_follow_changes_made_elsewhere(env: AdminEnv) -> None:
    """A status set by the forwarding poller (through StatusChanger) edits the card in place."""
    complaint = await env.complaint()
    await env.settle()
    message_id, _ = env.card(DINKES_CHAT, complaint.tracking_no)
    async with env.db.write() as session:
        stored = await session.get(type(complaint), complaint.id)
        assert stored is not None
        await env.core.status.change(session, stored, "in_progress", actor="central:lapor")
    await env.settle()
    card_id, card = env.card(DINKES_CHAT, complaint.tracking_no)
    assert card_id == message_id and "· Dalam Proses" in card["text"]
    async with env.db.read() as session:
        shown = (await session.exec(select(AdminCard))).one()
    assert shown.shown_version >= 2
