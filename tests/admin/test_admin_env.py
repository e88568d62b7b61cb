"""The admin test bench (a Core, a TelegramChannel with the admin handler, a fake Bot API), and the
admin configuration: roles, authorisation from the file as it is now, the CLI, the words."""

from __future__ import annotations

import itertools
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlmodel import col, select

from bot.admin.actions import BY_CODE
from bot.admin.cards import Signer
from bot.admin.cases import AdminCore
from bot.admin.config import AdminConfig, AdminConfigError, AdminDirectory, parse_config
from bot.app import Core
from bot.conversation.guards import OpsSettings
from bot.core.clock import FixedClock
from bot.core.i18n import default_catalog
from bot.core.messages import Inbound
from bot.core.tracking import SequentialIds
from bot.settings import Settings
from bot.understanding.agency_directory import ListAgencies
from bot.understanding.place_directory import NoPlaces
from bot.wiring import build_core
from handlers.telegram.admin import AdminHandler, attach_admin
from handlers.telegram.channel import TelegramChannel, make_bot
from models import store
from models.db import Database
from models.tables import Complaint, OutgoingMessage, StatusChange
from tests.fakes.telegram_api import FakeTelegramAPI

TOKEN = "7000000001:TEST-token"
SUPER, DINKES_A, DINKES_B, DISHUB = 9001, 9101, 9102, 9201
STRANGER = 5555
CITIZEN = 5001
DINKES_CHAT, DISHUB_CHAT, TRIAGE_CHAT = -1001, -1002, -1009
ADMINS = {
    "admins": [
        {"id": SUPER, "role": "super", "name": "Koordinator"},
        {"id": DINKES_A, "role": "agency", "agencies": ["dinkes"]},
        {"id": DINKES_B, "role": "agency", "agencies": ["dinkes"]},
        {"id": DISHUB, "role": "agency", "agencies": ["dishub"]},
    ],
    "chats": {"dinkes": [DINKES_CHAT], "dishub": [DISHUB_CHAT], "triage": [TRIAGE_CHAT]},
}
AGENCIES = [("dinkes", "Dinas Kesehatan Kabupaten Lombok Timur"), ("dishub", "Dinas Perhubungan"),
            ("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang")]


@dataclass
class AdminEnv:
    """One laporbot process's admin side, driven update by update against a fake Bot API."""

    fake: FakeTelegramAPI
    core: Core
    channel: TelegramChannel
    handler: AdminHandler
    clock: FixedClock
    admins_file: Path

    @property
    def admin(self) -> AdminCore:
        """The admin core."""
        return self.handler.admin

    @property
    def db(self) -> Database:
        """The database."""
        return self.core.db

    def write_admins(self, data: dict[str, Any]) -> None:
        """Replace the admin file (the running handler reads it at the next action)."""
        self.admins_file.write_text(yaml.safe_dump(data), encoding="utf-8")

    async def complaint(self, *, user: int = CITIZEN, agency: str | None = "dinkes", anonymous: bool = False,
                        secret: bool = False, title: str = "Puskesmas tutup sebelum jam buka",
                        photos: tuple[str, ...] = (), locale: str = "id", name: str = "Siti",
                        classification: str = "pengaduan", dated: dict[str, Any] | None = None) -> Complaint:
        """Store a complaint the way the complaint flow does: the hooks run in the storing transaction.

        dated: the date answers (flows.dates.DATE_SLOTS) the citizen gave, if any."""
        now = self.clock.now()
        number = next(_seeds)
        async with self.db.write() as session:
            citizen_id = await store.citizen_for(session, Inbound("telegram", str(user), f"seed-{number}",
                                                                  display_name=name), now)
            if locale != "id":
                conversation = await store.lock_conversation(session, citizen_id, now)
                conversation.state = {**conversation.state, "locale": locale}
                conversation.locale = locale
                session.add(conversation)
            answers = {"classification": classification, "title": title,
                       "body": f"{title}. Pasien disuruh pulang, antrean panjang sejak pagi.",
                       "location": {"text": "Puskesmas Sakra", "region": None}, "category": "kesehatan",
                       "agency": agency, "is_anonymous": anonymous, "is_secret": secret,
                       "attachments": [{"kind": "photo", "ref": ref, "mime": "image/jpeg"} for ref in photos],
                       **(dated or {})}
            complaint = await store.create_complaint(session, tracking_no=self.core.inbox.new_tracking_no(),
                                                     citizen_id=citizen_id, inbound_id=None, channel="telegram",
                                                     locale=locale, answers=answers, now=now)
            for hook in self.core.hooks:
                result = hook(session, complaint)
                if hasattr(result, "__await__"):
                    await result
        return complaint

    async def settle(self) -> None:
        """Let everything queued go out: admin outbox, card edits, the citizens' outbox."""
        await self.handler.settle()
        await self.handler.sender.pump()
        await self.channel.runtime.join()
        await self.core.deliverer.deliver_pending("telegram")
        await self.core.deliverer.flush()

    # ------------------------------------------------------------------ reading the fake

    def card(self, chat: int, number: str) -> tuple[int, dict[str, Any]]:
        """The newest card of a case in a chat, as it looks now: (message id, message)."""
        for key, message in reversed(list(self.fake._messages.items())):
            if key[0] == chat and message.get("text", "").startswith("📋") and number in message["text"]:
                return key[1], message
        raise AssertionError(f"no card of {number} in chat {chat}")

    def cards(self, chat: int) -> list[dict[str, Any]]:
        """Every card message in a chat."""
        return [m for (c, _), m in self.fake._messages.items() if c == chat and m.get("text", "").startswith("📋")]

    def button(self, chat: int, number: str, action: str) -> tuple[int, str]:
        """(message id, callback data) of an action button on a case's card."""
        message_id, message = self.card(chat, number)
        for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                parsed = self.admin.signer.parse(button["callback_data"])
                if parsed and BY_CODE.get(parsed[0]) == action:
                    return message_id, button["callback_data"]
        raise AssertionError(f"no {action} button on the card of {number} in {chat}")

    def menu(self, chat: int, label: str) -> tuple[int, str]:
        """(message id, callback data) of the newest menu button with this label."""
        for key, message in reversed(list(self.fake._messages.items())):
            if key[0] != chat:
                continue
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    if button["text"] == label:
                        return key[1], button["callback_data"]
        raise AssertionError(f"no menu button {label!r} in {chat}")

    def texts(self, chat: int) -> list[str]:
        """Texts the bot sent to a chat, in order."""
        return [m.get("text") or m.get("caption") or "" for (c, _), m in self.fake._messages.items() if c == chat]

    def last_prompt(self, chat: int) -> dict[str, Any]:
        """The newest force-reply prompt in a chat."""
        for call in reversed(self.fake.calls_to("sendMessage")):
            if call.params.get("chat_id") == chat and (call.params.get("reply_markup") or {}).get("force_reply"):
                return dict(call.result)
        raise AssertionError(f"no prompt in {chat}")

    # ------------------------------------------------------------------ acting

    async def press(self, chat: int, message_id: int, data: str, user: int) -> str:
        """Press a button as a user; returns what the bot answered to the press."""
        kind = "private" if chat > 0 else "supergroup"
        update = self.fake.make_callback(chat, data, message_id=message_id, user_id=user, chat_type=kind)
        await self.channel.take(update)
        await self.settle()
        query_id = update["callback_query"]["id"]
        answers = [c for c in self.fake.calls_to("answerCallbackQuery")
                   if c.params.get("callback_query_id") == query_id]
        assert len(answers) == 1, answers
        return str(answers[0].params.get("text") or "")

    async def say(self, chat: int, text: str, user: int, reply_to: dict[str, Any] | None = None) -> None:
        """Write in a chat as a user (optionally as a reply to a bot message)."""
        kind = "private" if chat > 0 else "supergroup"
        update = self.fake.make_text(chat, text, user_id=user, chat_type=kind)
        if reply_to is not None:
            update["message"]["reply_to_message"] = reply_to
        await self.channel.take(update)
        await self.settle()

    # ------------------------------------------------------------------ the database

    async def history(self, complaint_id: int) -> list[StatusChange]:
        """A complaint's status history."""
        async with self.db.read() as session:
            return list((await session.exec(select(StatusChange).where(StatusChange.complaint_id == complaint_id)
                                            .order_by(col(StatusChange.id)))).all())

    async def reload(self, complaint_id: int) -> Complaint:
        """A complaint as stored now."""
        async with self.db.read() as session:
            found = await session.get(Complaint, complaint_id)
        assert found is not None
        return found

    async def notifications(self, user: int = CITIZEN) -> list[str]:
        """What the citizen was queued, oldest first."""
        async with self.db.read() as session:
            rows = (await session.exec(select(OutgoingMessage).where(OutgoingMessage.chat_id == str(user))
                                       .order_by(col(OutgoingMessage.id)))).all()
        return [r.payload["text"] for r in rows]


_seeds = itertools.count(1)
_tracking = SequentialIds()  # shared: a restarted bench on the same database never repeats a number


@asynccontextmanager
async def admin_env(db: Database, clock: FixedClock, tmp_path: Path, admins: dict[str, Any] | None = None,
                    ops: OpsSettings | None = None, **extra: str) -> AsyncIterator[AdminEnv]:
    """Start a fake Bot API and one laporbot Core with its Telegram channel and admin handler."""
    fake = FakeTelegramAPI()
    await fake.start()
    admins_file = tmp_path / "admins.yaml"
    admins_file.write_text(yaml.safe_dump(ADMINS if admins is None else admins), encoding="utf-8")
    settings = Settings(database_url=db.url, telegram_token=TOKEN, telegram_api_base_url=fake.base_url,
                        telegram_file_base_url=fake.base_file_url,
                        extra={"LAPORBOT_ADMINS_FILE": str(admins_file), **extra})
    core = await build_core(settings, clock=clock, agencies=ListAgencies(AGENCIES), places=NoPlaces(),
                            new_tracking_no=_tracking, migrate=False, ops=ops)
    bot = make_bot(TOKEN, fake.base_url, fake.base_file_url)
    channel = TelegramChannel(core, bot)
    handler = attach_admin(core, channel)
    await bot.initialize()
    try:
        yield AdminEnv(fake, core, channel, handler, clock, admins_file)
    finally:
        await handler.stop()
        await channel.runtime.join()
        await core.deliverer.flush()
        await bot.shutdown()
        await core.close()
        await fake.stop()


# ---------------------------------------------------------------------- configuration tests


def test_roles_decide_who_may_act_on_which_agency() -> None:
    """Super admins act on every case, agency admins on their agencies; unknown users on nothing."""
    config = parse_config(ADMINS)
    assert config.can_act(SUPER, None) and config.can_act(SUPER, "dishub")
    assert config.can_act(DINKES_A, "dinkes") and not config.can_act(DINKES_A, "dishub")
    assert not config.can_act(DINKES_A, None)  # triage is for super admins
    assert not config.can_act(STRANGER, "dinkes")
    assert config.scope(SUPER) is None and config.scope(DISHUB) == {"dishub"} and config.scope(STRANGER) == set()


def test_targets_chat_then_private_then_triage() -> None:
    """An agency's group; else its admins privately; no agency: the triage chat and super admins privately."""
    config = parse_config({**ADMINS, "chats": {"triage": [TRIAGE_CHAT], "dishub": [DISHUB_CHAT]}})
    assert config.targets("dishub") == [(DISHUB_CHAT, "agency")]
    assert config.targets("dinkes") == [(DINKES_A, "agency"), (DINKES_B, "agency")]
    assert config.targets(None) == [(TRIAGE_CHAT, "triage"), (SUPER, "super")]
    assert config.targets("dpupr") == config.targets(None)  # nobody configured for it: triage decides
    no_private = parse_config({**ADMINS, "triage_private": False})
    assert no_private.targets(None) == [(TRIAGE_CHAT, "triage")]
    assert parse_config({"admins": [{"id": SUPER, "role": "super"}]}).targets(None) == [(SUPER, "super")]


def test_bad_files_are_refused_with_every_problem() -> None:
    """One line per problem; nothing half-read."""
    with pytest.raises(AdminConfigError) as caught:
        parse_config({"admins": [{"id": "abc", "role": "super"}, {"id": 5, "role": "boss"},
                                 {"id": 6, "role": "agency"}],
                      "chats": {"dinkes": ["x"]}, "reject_reasons": [{"code": "baru"}], "locale": "fr"})
    assert len(caught.value.problems) == 6


def test_directory_rereads_a_changed_file_and_fails_closed(tmp_path: Path) -> None:
    """A change is seen at the next action; a broken file authorises nobody."""
    path = tmp_path / "admins.yaml"
    directory = AdminDirectory(path)
    assert directory.current().admins == {}
    path.write_text(yaml.safe_dump({"admins": [{"id": 1, "role": "super"}]}), encoding="utf-8")
    assert directory.current().can_act(1, "x")
    path.write_text("admins: [ {id: 1, role: super", encoding="utf-8")
    assert not directory.current().can_act(1, "x")
    path.write_text(yaml.safe_dump({"admins": [{"id": 2, "role": "agency", "agencies": ["x"]}]}), encoding="utf-8")
    config = directory.current()
    assert config.can_act(2, "x") and not config.can_act(1, "x")


def test_signed_callback_data_fits_and_forgeries_fail() -> None:
    """Callback data stays within Telegram's 64 bytes; any change to it breaks the signature."""
    signer = Signer(b"k" * 32)
    data = signer.make("v", 2_147_483_647, 999_999)
    assert len(data.encode()) <= 64 and signer.parse(data) == ("v", 2_147_483_647, 999_999)
    body, _, sig = data.rpartition(":")
    assert signer.parse(body.replace("v", "x", 1) + ":" + sig) is None
    assert signer.parse("adm:v:1:1:AAAAAAAA") is None
    assert Signer(b"other").parse(data) is None


def test_cli_adds_lists_and_removes_admins(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """`laporbot admin add|list|chat|remove` edit the file a running bot reads."""
    from bot.cli import main

    path = tmp_path / "admins.yaml"
    monkeypatch.setenv("LAPORBOT_ADMINS_FILE", str(path))
    agencies = tmp_path / "agencies.csv"
    agencies.write_text("code,name\ndinkes,Dinas Kesehatan\n", encoding="utf-8")
    monkeypatch.setenv("LAPORBOT_AGENCIES_CSV", str(agencies))
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    assert main(["admin", "add", "111", "--role", "super", "--name", "Koordinator"]) == 0
    assert main(["admin", "add", "222", "--role", "agency", "--agency", "dinkes"]) == 0
    assert main(["admin", "add", "333", "--role", "agency"]) == 2  # an agency admin needs an agency
    assert main(["admin", "chat", "dinkes", "-1001"]) == 0
    assert main(["admin", "chat", "triage", "-1009"]) == 0
    capsys.readouterr()
    assert main(["admin", "list"]) == 0
    listed = capsys.readouterr().out
    assert "111\tsuper" in listed and "222\tagency\tdinkes" in listed and "-1001" in listed
    config = AdminDirectory(path).current()
    assert config.can_act(222, "dinkes") and config.targets("dinkes") == [(-1001, "agency")]
    assert main(["admin", "remove", "222"]) == 0
    assert main(["admin", "remove", "222"]) == 1
    assert main(["admin", "chat", "dinkes", "-1001", "--remove"]) == 0
    assert main(["admin", "check"]) == 0
    config = AdminDirectory(path).current()
    assert not config.can_act(222, "dinkes")
    assert config.targets("dinkes") == [(-1009, "triage"), (111, "super")]  # nobody left for dinkes: triage


def test_every_admin_word_exists_in_both_languages() -> None:
    """Keys used with computed names (buttons, clocks, reasons, columns…) are defined in id and en."""
    catalog = default_catalog()
    used = set()
    for path in [*Path("bot").glob("admin*.py"), *Path("handlers").glob("admin*.py")]:
        used |= set(re.findall(r'"(admin\.[a-z_.]+[a-z_])"', path.read_text(encoding="utf-8")))
    used |= {f"admin.button.{a}" for a in ("verify", "dispose", "ask", "respond", "done", "reject", "hold")}
    used |= {f"admin.card.due.{k}" for k in ("verify", "followup", "autoclose")}
    used |= {f"admin.clock.{k}" for k in ("verify", "followup")}
    used |= {f"admin.reason.{r.code}" for r in AdminConfig().reasons}
    used |= {f"admin.refused.{o}" for o in ("refused", "stale", "lost", "not_found", "invalid", "not_allowed")}
    used |= {f"admin.prompt.{a}" for a in ("ask", "respond")}
    used |= {f"admin.invalid.{d}" for d in ("empty_text", "unknown_reason", "no_agency", "same_agency",
                                            "unknown_agency", "no_match")}
    used |= {f"admin.export.col.{h}" for h in ("tracking_no", "received", "classification", "category", "agency",
                                               "region", "title", "status", "due", "late", "anonymous", "secret",
                                               "updated")}
    for locale in ("id", "en"):
        missing = sorted(k for k in used if not catalog.has(k, locale))
        assert missing == [], (locale, missing)


def test_settings_from_the_environment() -> None:
    """Budgets come from LAPORBOT_*_DAYS, the rest from admin variables; every problem is listed."""
    from datetime import date

    from bot.admin.sla import AdminSettings
    from bot.settings import ConfigError

    settings = Settings(verify_days=2, followup_days=4, autoclose_days=7, timezone="Asia/Makassar",
                        extra={"LAPORBOT_CUTI_BERSAMA": "2026-12-24..2026-12-26", "LAPORBOT_DIGEST_TIME": "06:45",
                               "LAPORBOT_DIGEST_TZ": "WIT", "LAPORBOT_SLA_REMINDER_FRACTION": "0.75"})
    parsed = AdminSettings.from_settings(settings, settings.extra)
    assert (parsed.policy.verify_days, parsed.policy.followup_days, parsed.policy.autoclose_days) == (2, 4, 7)
    assert parsed.policy.reminder_fraction == 0.75 and parsed.tz == "Asia/Makassar"
    assert parsed.cuti_bersama == (date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26))
    assert (parsed.digest_time, parsed.digest_tz) == ((6, 45), "WIT")
    assert not parsed.calendar.is_working_day(date(2026, 12, 24))
    assert AdminSettings.from_env({"LAPORBOT_DIGEST_TIME": "off"}).digest_time is None
    with pytest.raises(ConfigError) as caught:
        AdminSettings.from_env({"LAPORBOT_DIGEST_TIME": "25:00", "LAPORBOT_DIGEST_TZ": "Mars",
                                "LAPORBOT_CUTI_BERSAMA": "24-12-2026", "LAPORBOT_SLA_REMINDER_FRACTION": "2"})
    assert len(caught.value.problems) == 4
