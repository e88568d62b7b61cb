"""Feedback on resolved complaints: reopening, withdrawal, asking again, the one-time channel survey offer,
and closing complaints nobody answered after N working days."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from bot.core.workdays import WorkCalendar
from bot.surveys.feedback import auto_close_unanswered, offer_channel_survey, open_case_events, request_feedback
from models.surveys import CaseEvent, FeedbackRequest, SurveyInvitation, utc
from models.tables import Complaint, OutgoingMessage, StatusChange
from tests.harness import ChatHarness
from tests.surveys.test_survey_transcripts import resolve


async def _rows(harness: ChatHarness, table: type) -> list:
    async with harness.db.read() as session:
        return list((await session.exec(select(table).order_by(col(table.id)))).all())


async def test_unanswered_complaint_closes_after_ten_working_days(harness: ChatHarness) -> None:
    """Not a minute before the tenth working day has ended; counted with Indonesian holidays."""
    await resolve(harness, "warga", "Jalan berlubang")
    calendar = WorkCalendar()
    (request,) = await _rows(harness, FeedbackRequest)
    due = calendar.add_working_days(utc(request.requested_at), 10, "Asia/Jakarta")
    harness.clock.set(due - timedelta(minutes=1))
    assert await auto_close_unanswered(harness.db, harness.clock, calendar) == 0
    harness.clock.set(due + timedelta(minutes=1))
    assert await auto_close_unanswered(harness.db, harness.clock, calendar) == 1
    assert await auto_close_unanswered(harness.db, harness.clock, calendar) == 0  # done once
    (complaint,) = await harness.complaints()
    assert complaint.status == "closed"
    history = await _rows(harness, StatusChange)
    assert history[-1].status == "closed" and history[-1].actor == "system"
    assert history[-1].note == "Ditutup otomatis: tidak ada jawaban dalam 10 hari kerja."
    (request,) = await _rows(harness, FeedbackRequest)
    assert request.outcome == "no_answer"


async def test_answered_or_reopened_complaints_are_not_closed(harness: ChatHarness) -> None:
    """Only complaints still waiting in "responded" with an unanswered question are closed; days are configurable."""
    await resolve(harness, "ani", "Lampu mati")
    await harness.send("ani", choice="belum")
    await resolve(harness, "budi", "Sampah")
    await harness.send("budi", choice="puas")
    await resolve(harness, "cici", "Air mati")
    harness.clock.advance(timedelta(days=10))
    closed = await auto_close_unanswered(harness.db, harness.clock, WorkCalendar(), days=3)
    assert closed == 1
    statuses = {c.title: c.status for c in await harness.complaints()}
    assert statuses == {"Lampu mati": "reopened", "Sampah": "closed", "Air mati": "closed"}


async def test_reason_reaches_the_admins_and_a_new_round_can_close(harness: ChatHarness) -> None:
    """The reason is on the admins' case event; resolved again and answered "puas", the complaint closes."""
    await resolve(harness, "warga", "Jalan berlubang")
    await harness.send("warga", choice="belum")
    await harness.send("warga", "Masih berlubang di dekat masjid")
    async with harness.db.read() as session:
        (event,) = await open_case_events(session, "reopened")
    assert event.payload["reason"] == "Masih berlubang di dekat masjid"
    assert event.payload["tracking_no"] == "LPR-222223T"
    # A new question about the same complaint (resolved again), answered "puas" this time.
    async with harness.db.write() as session:
        complaint = (await session.exec(select(Complaint))).one()
        complaint.status = "responded"
        session.add(complaint)
        rows = await request_feedback(harness.inbox, session, complaint.id or 0)
    harness.prompt["warga"] = rows[-1].payload["prompt_id"]  # the button belongs to the new question
    replies = await harness.send("warga", choice="puas")
    assert replies[0].text.startswith("Berapa nilai Anda")
    requests = await _rows(harness, FeedbackRequest)
    assert [r.outcome for r in requests] == ["belum", "puas"]
    (complaint,) = await harness.complaints()
    assert complaint.status == "closed"
    # The first round's reopening stays on the admins' list; the second round reopened nothing.
    assert len(await _rows(harness, CaseEvent)) == 1


async def test_back_from_belum_to_puas(harness: ChatHarness) -> None:
    """Within one question: "belum", then "kembali", then "puas" closes it and withdraws the event."""
    await resolve(harness, "warga", "Jalan berlubang")
    await harness.send("warga", choice="belum")
    await harness.send("warga", "kembali")
    await harness.send("warga", choice="puas")
    (complaint,) = await harness.complaints()
    assert complaint.status == "closed"
    (event,) = await _rows(harness, CaseEvent)
    assert event.handled_at is not None and event.payload["withdrawn"] is True
    async with harness.db.read() as session:
        assert await open_case_events(session) == []
    assert [s.status for s in await _rows(harness, StatusChange)] == [
        "submitted", "responded", "reopened", "closed"]


async def test_asking_again_supersedes_the_old_question(harness: ChatHarness) -> None:
    """Two questions about one complaint: the older, unanswered one no longer counts."""
    await resolve(harness, "warga", "Jalan berlubang")
    async with harness.db.write() as session:
        complaint = (await session.exec(select(Complaint))).one()
        rows = await request_feedback(harness.inbox, session, complaint.id or 0)
    assert rows and rows[0].kind == "notification"
    assert [r.outcome for r in await _rows(harness, FeedbackRequest)] == ["superseded", None]


async def test_channel_survey_is_offered_once(harness: ChatHarness) -> None:
    """After the first satisfied feedback the channel survey is offered; never again after that."""
    await resolve(harness, "warga", "Lampu mati")
    for step in ({"choice": "puas"}, {"choice": "5"}, {"choice": "skip"}):
        replies = await harness.send("warga", **step)  # type: ignore[arg-type]
    assert replies[0].text.startswith("Terima kasih, penilaian Anda sudah kami catat.")
    await harness.send("warga", choice="no")
    await resolve(harness, "warga", "Air mati")
    for step in ({"choice": "puas"}, {"choice": "4"}):
        await harness.send("warga", **step)  # type: ignore[arg-type]
    replies = await harness.send("warga", choice="skip")
    assert replies[0].text.startswith("Terima kasih atas penilaian Anda. Laporan LPR-")
    assert len(await _rows(harness, SurveyInvitation)) == 1
    async with harness.db.write() as session:
        complaint = (await session.exec(select(Complaint))).first()
        assert complaint is not None
        assert await offer_channel_survey(harness.inbox, session, complaint.citizen_id) is False


async def test_offer_from_the_admin_side(harness: ChatHarness) -> None:
    """An admin closing a citizen's first complaint can offer the channel survey; it starts in chat."""
    await harness.send("warga", "halo")
    async with harness.db.write() as session:
        complaint_citizen = 1
        assert await offer_channel_survey(harness.inbox, session, complaint_citizen) is True
    outgoing = await _rows(harness, OutgoingMessage)
    assert outgoing[-1].payload["text"].startswith("Survei singkat tentang LaporBot")
