"""Telegram adapter: Bot API updates in, our Inbound out; our Reply in, Bot API calls out.

python-telegram-bot is only the transport (its Bot with our aiohttp request class). The engine owns the
conversation; no ConversationHandler, no PTB persistence: state lives in the database.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from aiolimiter import AsyncLimiter
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot.core.i18n import Catalog
from bot.core.labels import cut_labels_note, shorten, simple_messages
from bot.core.messages import Inbound, Location, Media, Option, Reply
from bot.outbox.delivery import SendError
from handlers.telegram import schema
from handlers.telegram.request import JsonBody

log = logging.getLogger("laporbot.telegram")
T = TypeVar("T")

CHANNEL = "telegram"
MAX_FILE = 20 * 1024 * 1024  # bots may download at most 20 MB (getFile)
MAX_TEXT = 4096
COMMANDS = {"start": "start", "batal": "cancel", "cancel": "cancel", "bantuan": "help", "help": "help",
            "status": "status", "cek": "status", "bahasa": "language", "language": "language", "menu": "menu",
            "kembali": "back", "back": "back"}
SEPARATOR = "|"
BUTTON_LABEL = 48  # longer labels are cut at a word; the whole ones are then listed in the message


@dataclass(frozen=True)
class Parsed:
    """What one update means for us."""

    inbound: Inbound | None = None  # a citizen message for the engine (private chats)
    callback_id: str | None = None  # answer it, whatever happens
    callback_message_id: int | None = None  # the message whose keyboard was pressed
    chat_id: int | None = None
    group: bool = False  # from a group: citizen flows do not run there
    malformed: str | None = None  # why the update does not fit the Bot API's shape (no content in it)


def update_key(bot_id: int, update: dict[str, Any] | schema.Update) -> str:
    """Our dedup id for an update: unique per bot."""
    update_id = update.update_id if isinstance(update, schema.Update) else update["update_id"]
    return f"{bot_id}:{update_id}"


def _name(user: schema.User | None) -> str | None:
    """The sender's first and last name: both must be known to cut them out of texts (anonymity, erasure)."""
    if user is None:
        return None
    parts = [p.strip() for p in (user.first_name, user.last_name) if p]
    return " ".join(p for p in parts if p)[:128] or None


def parse_update(update: dict[str, Any] | schema.Update, bot_id: int, bot_username: str | None = None) -> Parsed:
    """Turn a Bot API update into an Inbound (or say why there is none); a malformed one is named, not raised."""
    if not isinstance(update, schema.Update):
        try:
            update = schema.convert_update(update)
        except schema.Malformed as error:
            return Parsed(malformed=str(error))
    message_id = update_key(bot_id, update)
    query = update.callback_query
    if query is not None:
        chat = query.message.chat if query.message else None
        user = query.from_
        prompt_id, _, option = (query.data or "").rpartition(SEPARATOR)
        inbound = Inbound(CHANNEL, str(user.id), message_id, choice_id=option or None,
                          prompt_id=prompt_id or None, locale_hint=user.language_code,
                          display_name=_name(user))
        private = chat is None or (chat.type or "private") == "private"
        return Parsed(inbound if private else None, callback_id=query.id,
                      callback_message_id=query.message.message_id if query.message else None,
                      chat_id=chat.id if chat else None, group=not private)
    msg = update.message
    if msg is None:
        return Parsed()  # edited messages, channel posts, member updates: nothing for a citizen flow
    chat = msg.chat
    if chat.type != "private":
        return Parsed(chat_id=chat.id, group=True)
    user = msg.from_
    base: dict[str, Any] = {"channel": CHANNEL, "user_id": str(user.id if user else chat.id),
                            "message_id": message_id, "locale_hint": user.language_code if user else None,
                            "display_name": _name(user)}
    text = msg.text
    if text and text.startswith("/"):
        head, _, rest = text[1:].partition(" ")
        name, _, target = head.partition("@")
        if target and bot_username and target.lower() != bot_username.lower():
            return Parsed(chat_id=chat.id)
        command = COMMANDS.get(name.lower())
        if command:
            return Parsed(Inbound(**base, command=command, text=rest.strip() or None), chat_id=chat.id)
        return Parsed(Inbound(**base, text=text), chat_id=chat.id)
    if text is not None:
        return Parsed(Inbound(**base, text=text), chat_id=chat.id)
    if msg.location is not None:
        loc, venue = msg.location, msg.venue
        place = Location(loc.latitude, loc.longitude, venue.title if venue else None, venue.address if venue else None)
        return Parsed(Inbound(**base, location=place), chat_id=chat.id)
    media = _media(msg)
    if media is not None:
        if media.size is not None and media.size > MAX_FILE:
            return Parsed(Inbound(**base, unsupported="too_large"), chat_id=chat.id)
        return Parsed(Inbound(**base, text=msg.caption, media=(media,)), chat_id=chat.id)
    kinds = {"sticker": msg.sticker, "contact": msg.contact, "poll": msg.poll, "dice": msg.dice,
             "animation": msg.animation, "video_note": msg.video_note, "game": msg.game}
    kind = next((k for k, v in kinds.items() if v is not None), "other")
    # A shared contact card holds someone's phone number: never copied, only explained.
    return Parsed(Inbound(**base, unsupported=kind), chat_id=chat.id)


def _media(msg: schema.Message) -> Media | None:
    if msg.photo:
        best = msg.photo[-1]  # Telegram lists sizes smallest first
        return Media("photo", best.file_id, "image/jpeg", best.file_size)
    for item, kind in ((msg.document, "document"), (msg.voice, "voice"), (msg.audio, "audio"), (msg.video, "video")):
        if item is not None:
            return Media(kind, item.file_id, item.mime_type, item.file_size, item.file_name)  # type: ignore[arg-type]
    return None


def callback_data(reply: Reply, option: Option) -> str:
    """The button payload: the prompt it belongs to and the option id (at most 64 bytes)."""
    data = f"{reply.prompt_id}{SEPARATOR}{option.id}" if reply.prompt_id else option.id
    if len(data.encode()) > 64:
        data = option.id[:64]
    return data


def keyboard_rows(reply: Reply) -> list[list[tuple[str, str]]]:
    """Options as (label, callback data) rows: two short ones per row, long ones alone, navigation last."""
    rows: list[list[tuple[str, str]]] = []
    pair: list[tuple[str, str]] = []
    for option in reply.options:
        button = (shorten(option.label, BUTTON_LABEL), callback_data(reply, option))
        if len(option.label) <= 16 and len(reply.options) > 3:
            pair.append(button)
            if len(pair) == 2:
                rows.append(pair)
                pair = []
        else:
            if pair:
                rows.append(pair)
                pair = []
            rows.append([button])
    if pair:
        rows.append(pair)
    if reply.nav:
        rows.append([(o.label, callback_data(reply, o)) for o in reply.nav])
    return rows


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """The reply's options as PTB's inline keyboard (None without options)."""
    if not reply.options and not reply.nav:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data) for label, data in row]
                                 for row in keyboard_rows(reply)])


def keyboard_json(reply: Reply) -> dict[str, Any] | None:
    """The same inline keyboard as Bot API JSON, without building PTB objects on the hot path."""
    if not reply.options and not reply.nav:
        return None
    return {"inline_keyboard": [[{"text": label, "callback_data": data} for label, data in row]
                                for row in keyboard_rows(reply)]}


def telegram_texts(reply: Reply) -> list[str]:
    """The message texts of a reply: split to Telegram's limit; in simple mode plain numbered text, one question
    per message; else with the whole labels listed when a button had to cut one."""
    if reply.simple:
        return [part for text in simple_messages(reply) for part in _split(text)]
    note = cut_labels_note(reply.options, BUTTON_LABEL)
    return _split(f"{reply.text}\n\n{note}" if note else reply.text)


class Throttle:
    """Telegram's flood limits: about 30 messages/s overall, and no more than ~1/s per chat after a short burst."""

    def __init__(self, per_second: float = 30, chat_burst: int = 3, chats: int = 10_000) -> None:
        self._overall = AsyncLimiter(per_second, 1)
        self._burst = chat_burst
        self._chats: OrderedDict[str, AsyncLimiter] = OrderedDict()
        self._max_chats = chats

    async def wait(self, chat_id: str) -> None:
        """Wait until one more message to this chat stays within the limits."""
        limiter = self._chats.pop(chat_id, None) or AsyncLimiter(self._burst, self._burst)
        self._chats[chat_id] = limiter  # most recently used last; the oldest is forgotten first
        if len(self._chats) > self._max_chats:
            self._chats.popitem(last=False)
        await limiter.acquire()
        await self._overall.acquire()


class TelegramSender:
    """Sends replies through PTB's Bot, translating Telegram errors into retry-or-give-up decisions."""

    def __init__(self, bot: Bot, catalog: Catalog, throttle: Throttle | None = None) -> None:
        self.bot = bot
        self.catalog = catalog
        self.throttle = throttle or Throttle()

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        """Send one reply; long texts are split, the keyboard goes with the last part."""

        async def texts(chat: int) -> str | None:
            parts = telegram_texts(reply)
            markup: Any = keyboard_json(reply)
            if reply.expects == "location" and not reply.options:
                label = self.catalog.text("telegram.send_location")
                markup = ReplyKeyboardMarkup([[KeyboardButton(label, request_location=True)]], resize_keyboard=True,
                                             one_time_keyboard=True).to_dict()
            url = f"{self.bot.base_url}/sendMessage"
            sent_id: str | None = None
            for index, part in enumerate(parts):
                await self.throttle.wait(chat_id)
                params: dict[str, Any] = {"chat_id": chat, "text": part}
                if markup is not None and index == len(parts) - 1:
                    params["reply_markup"] = markup
                # PTB's request layer (pooling, timeouts, RetryAfter/Forbidden/... errors) without Bot.send_message:
                # building PTB objects for the keyboard and parsing the answer into a Message cost more CPU than
                # the HTTP call, and all we need back is the message id.
                message = await self.bot.request.post(url, request_data=JsonBody(params))
                sent_id = str(message["message_id"]) if isinstance(message, dict) else None
            return sent_id

        return await self._sending(chat_id, texts)

    async def send_voice(self, chat_id: str, ogg: bytes, seconds: float, file_id: str | None = None
                         ) -> tuple[str | None, str | None, None]:
        """Send a voice note (OGG/Opus): Telegram's copy by file_id when known, else the bytes.

        Returns (message id, the file_id Telegram keeps it under, no expiry: Telegram's file ids do not expire).
        """
        async def voice(chat: int) -> Any:
            await self.throttle.wait(chat_id)
            try:
                return await self.bot.send_voice(chat, voice=file_id or ogg, duration=max(1, round(seconds)))
            except BadRequest:
                if file_id is None:
                    raise
                return await self.bot.send_voice(chat, voice=ogg, duration=max(1, round(seconds)))  # id gone

        message = await self._sending(chat_id, voice)
        sent = getattr(message, "voice", None)
        return str(message.message_id), (sent.file_id if sent is not None else None), None

    async def _sending(self, chat_id: str, call: Callable[[int], Awaitable[T]]) -> T:
        """The one send path: the chat id checked, Telegram's errors made retry-or-give-up SendErrors."""
        try:
            chat = int(chat_id)
        except ValueError:  # private chats have integer ids: this row can never be sent
            raise SendError("invalid chat id", permanent=True) from None
        try:
            return await call(chat)
        except BadRequest as error:  # before NetworkError: PTB's BadRequest is one of them, and a 400 never heals
            raise SendError(f"bad_request: {str(error)[:80]}", permanent=True) from error
        except Forbidden as error:
            raise SendError("forbidden", permanent=True) from error
        except RetryAfter as error:
            raise SendError("retry_after", retry_after=_seconds(error.retry_after)) from error
        except (TimedOut, NetworkError) as error:
            raise SendError(type(error).__name__) from error

    async def acknowledge(self, callback_id: str, text: str | None = None) -> None:
        """Answer a button press so the citizen's spinner stops (Telegram expects it within seconds)."""
        try:
            await self.bot.answer_callback_query(callback_id, text=text)
        except TelegramError as error:  # too old or answered already: nothing to do
            log.debug("callback not answered: %s", type(error).__name__)

    async def close_keyboard(self, chat_id: int, message_id: int) -> None:
        """Remove the buttons of a message that has been answered, so they cannot be pressed again."""
        try:
            await self.bot.edit_message_reply_markup(chat_id=chat_id, message_id=message_id, reply_markup=None)
        except TelegramError as error:  # already edited, or the message is gone
            log.debug("keyboard not removed: %s", type(error).__name__)


def _seconds(value: Any) -> float:
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)


def _split(text: str, limit: int = MAX_TEXT) -> list[str]:
    if len(text) <= limit:
        return [text]
    parts, rest = [], text
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit)
        if cut < limit // 2:
            cut = rest.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = limit
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return [*parts, rest] if rest else parts
