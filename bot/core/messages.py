"""The common message model: what comes in from any channel and what goes out to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

MediaKind = Literal["photo", "document", "voice", "audio", "video", "sticker"]
Expects = Literal["choice", "text", "date", "location", "media", "yesno", "none"]


@dataclass(frozen=True, slots=True)
class Location:
    """A point shared by the citizen's phone."""

    lat: float
    lon: float
    name: str | None = None
    address: str | None = None


@dataclass(frozen=True, slots=True)
class Media:
    """A file the citizen sent, referenced by the channel's own file id (never downloaded here)."""

    kind: MediaKind
    ref: str
    mime: str | None = None
    size: int | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Inbound:
    """One message from a citizen, already parsed by a channel adapter."""

    channel: str
    user_id: str
    message_id: str
    text: str | None = None
    choice_id: str | None = None
    prompt_id: str | None = None  # the prompt a pressed button belonged to (stale-button check)
    command: str | None = None  # "/start skm_x" -> command="start", text="skm_x"
    location: Location | None = None
    media: tuple[Media, ...] = ()
    unsupported: str | None = None  # e.g. "sticker", "contacts", "poll": explained kindly
    locale_hint: str | None = None
    display_name: str | None = None
    phone: str | None = None  # personal data: stored only with the citizen's consent

    def to_json(self) -> dict[str, Any]:
        """Serialise for the durable inbound log."""
        data: dict[str, Any] = {
            "channel": self.channel,
            "user_id": self.user_id,
            "message_id": self.message_id,
        }
        for name in ("text", "choice_id", "prompt_id", "command", "unsupported", "locale_hint",
                     "display_name", "phone"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        if self.location is not None:
            loc = self.location
            data["location"] = {"lat": loc.lat, "lon": loc.lon, "name": loc.name, "address": loc.address}
        if self.media:
            data["media"] = [
                {"kind": m.kind, "ref": m.ref, "mime": m.mime, "size": m.size, "name": m.name}
                for m in self.media
            ]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Inbound:
        """Rebuild from the durable inbound log."""
        loc = data.get("location")
        return cls(
            channel=data["channel"],
            user_id=data["user_id"],
            message_id=data["message_id"],
            text=data.get("text"),
            choice_id=data.get("choice_id"),
            prompt_id=data.get("prompt_id"),
            command=data.get("command"),
            unsupported=data.get("unsupported"),
            locale_hint=data.get("locale_hint"),
            display_name=data.get("display_name"),
            phone=data.get("phone"),
            location=Location(**loc) if loc else None,
            media=tuple(Media(**m) for m in data.get("media", ())),
        )


@dataclass(frozen=True, slots=True)
class Option:
    """A choice offered to the citizen: a stable id and a localised label."""

    id: str
    label: str
    short: str | None = None  # a <=20-character label for channels with tight limits (WhatsApp)
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Reply:
    """One outgoing message: text, the options offered, and what the bot now expects."""

    text: str
    options: tuple[Option, ...] = ()
    expects: Expects = "none"
    prompt_id: str | None = None  # echoed back by buttons so a stale press can be recognised
    nav: tuple[Option, ...] = field(default=())  # back / cancel / help, rendered apart
    simple: bool = False  # the citizen chose simple mode: the channel renders plain numbered text

    def to_json(self) -> dict[str, Any]:
        """Serialise for the outgoing message log."""
        data: dict[str, Any] = {
            "text": self.text,
            "options": [_option_json(o) for o in self.options],
            "nav": [_option_json(o) for o in self.nav],
            "expects": self.expects,
            "prompt_id": self.prompt_id,
        }
        if self.simple:
            data["simple"] = True
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reply:
        """Rebuild from the outgoing message log."""
        return cls(
            text=data["text"],
            options=tuple(Option(**o) for o in data.get("options", ())),
            nav=tuple(Option(**o) for o in data.get("nav", ())),
            expects=data.get("expects", "none"),
            prompt_id=data.get("prompt_id"),
            simple=bool(data.get("simple")),
        )


def _option_json(option: Option) -> dict[str, Any]:
    data: dict[str, Any] = {"id": option.id, "label": option.label}
    if option.short:
        data["short"] = option.short
    if option.description:
        data["description"] = option.description
    return data


@dataclass(frozen=True)
class Arrival:
    """What a channel took in, as its interceptors see it: the same type on every channel.

    inbound: the citizen's message as the flows would get it; None for what is no citizen message (an admin's
    button press on Telegram). raw: the channel's checked payload, for what only it tells (a callback's data,
    the message a reply answers); empty where the channel has nothing more to say.
    """

    inbound: Inbound | None
    raw: dict[str, Any] = field(default_factory=dict)
