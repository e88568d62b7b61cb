"""Case cards as admins see them in Telegram: the text and the action buttons of one card.

Plain text (no parse mode), so nothing a citizen typed can break the markup. An anonymous reporter's
identity appears only on cards in a super admin's private chat.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.admin.actions import ALLOWED, CODES
from bot.admin.cards import CaseView
from bot.admin.cases import AdminCore
from bot.admin.sla import ALERTED_CLOCKS, FINISHED
from bot.core.i18n import long_date
from bot.core.workdays import zone
from flows.dates import DATE_SLOTS, date_in_words
from models.admin import AdminCard

ORDER = ("verify", "dispose", "ask", "respond", "done", "reject", "hold")
SUMMARY = 400  # characters of the story on a card
MAX_CARD = 3500


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def local_time(admin: AdminCore, moment: datetime) -> str:
    """A moment as admins read it: 20 Agustus 2026 09.35 WIB-style (date and local hh:mm)."""
    local = moment.astimezone(zone(admin.settings.tz))
    return f"{long_date(local.date(), admin.config().locale)} {local:%H:%M}"


def status_name(admin: AdminCore, status: str) -> str:
    """A status in the admins' language."""
    return admin.catalog.maybe(f"status.name.{status}", admin.config().locale) or status


def card_text(admin: AdminCore, view: CaseView, audience: str, now: datetime) -> str:
    """The text of a case card."""
    t = admin.t
    locale = admin.config().locale
    c, case = view.complaint, view.case
    lines = [t("admin.card.title", tracking_no=c.tracking_no, status=status_name(admin, c.status))]
    classification = admin.catalog.maybe(f"complaint.ask_classification.opt.{c.classification}", locale)
    lines.append(t("admin.card.classification", value=classification or c.classification))
    category = admin.catalog.maybe(f"category.{c.category}", locale) if c.category else None
    lines.append(t("admin.card.category", value=category or c.category or "–"))
    lines.append(t("admin.card.agency", value=admin.agency_name(c.agency_code)))
    place = admin.core.places.label(c.region_code) if c.region_code else None
    where = ", ".join(p for p in (place, c.location_text) if p)
    if c.lat is not None and c.lon is not None:
        where = f"{where} ({c.lat:.5f}, {c.lon:.5f})" if where else f"{c.lat:.5f}, {c.lon:.5f}"
    lines.append(t("admin.card.location", value=where or "–"))
    # the date as honestly as the citizen said it: "sekitar Mei 2024", "19 Agustus 2026, sore", "tidak ingat"
    said = date_in_words(t, locale, {slot: getattr(c, slot) for slot in DATE_SLOTS})
    if said:
        lines.append(t("admin.card.incident", value=said))
    if case.clock and case.due_at and c.status not in FINISHED:
        days = admin.settings.policy_for(c.classification).budget(case.clock)  # type: ignore[arg-type]
        shown = str(int(days)) if float(days).is_integer() else str(days)
        due = long_date(case.due_at.astimezone(zone(admin.settings.tz)).date(), locale)
        line = t(f"admin.card.due.{case.clock}", date=due, days=shown)
        if case.clock in ALERTED_CLOCKS and now > case.due_at:
            line += " " + t("admin.card.late")
        lines.append(line)
    # The flow's title is usually the story's first words: then the story alone says it all.
    story = c.body if c.body.startswith(c.title) else f"{c.title} — {c.body}" if c.body else c.title
    lines.append(t("admin.card.summary", value=_clip(story, SUMMARY)))
    if c.is_anonymous and audience != "super":
        lines.append(t("admin.card.reporter_hidden"))
    else:
        name = c.reporter_name or (view.citizen.display_name if view.citizen else None) or "–"
        phone = c.reporter_phone if c.contact_consent and c.reporter_phone else None
        lines.append(t("admin.card.reporter", name=name) + (f" · {phone}" if phone else ""))
    if view.attachments:
        counts = Counter(a.kind for a in view.attachments)
        parts = [t("admin.card.files.item", count=n, kind=t(f"admin.kind.{k}") if admin.catalog.has(
            f"admin.kind.{k}") else k) for k, n in sorted(counts.items())]
        lines.append(t("admin.card.files", value=", ".join(parts)))
    flags = [t("admin.card.flag.anonymous")] if c.is_anonymous else []
    if c.is_secret:
        flags.append(t("admin.card.flag.secret"))
    if flags:
        lines.append(t("admin.card.flags", value=" · ".join(flags)))
    if view.question is not None and view.question.answered_at is None:
        lines.append(t("admin.card.waiting", since=local_time(admin, view.question.asked_at)))
    if view.replies:
        lines.append(t("admin.card.replies", count=view.replies))
    if view.last is not None:
        who = view.last.actor
        lines.append(t("admin.card.last", status=status_name(admin, view.last.status), actor=who,
                       at=local_time(admin, view.last.at)))
    text = "\n".join(lines)
    return text if len(text) <= MAX_CARD else text[: MAX_CARD - 1] + "…"


def retired_text(admin: AdminCore, view: CaseView) -> str:
    """A card whose case was disposed to another agency's chat."""
    return admin.t("admin.card.retired", tracking_no=view.complaint.tracking_no,
                   agency=admin.agency_name(view.complaint.agency_code))


def card_keyboard(admin: AdminCore, view: CaseView) -> InlineKeyboardMarkup | None:
    """The actions possible in the case's status, two per row, signed with the case version."""
    c = view.complaint
    buttons = [InlineKeyboardButton(admin.t(f"admin.button.{action}"),
                                    callback_data=admin.signer.make(CODES[action], c.id or 0, view.case.version))
               for action in ORDER if c.status in ALLOWED[action]]
    if not buttons:
        return None
    return InlineKeyboardMarkup([buttons[i:i + 2] for i in range(0, len(buttons), 2)])


def render_card(admin: AdminCore, view: CaseView, card: AdminCard,
                now: datetime) -> tuple[str, InlineKeyboardMarkup | None]:
    """Text and buttons of one card as it should look now."""
    if not card.active:
        return retired_text(admin, view), None
    return card_text(admin, view, card.audience, now), card_keyboard(admin, view)
