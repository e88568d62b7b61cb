"""The WhatsApp channel's settings (WHATSAPP_*) and the Graph API client they make.

The channel is on when the first two are set; Telegram can run beside it:
    WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_ACCESS_TOKEN   the business number and its (system user) token
    WHATSAPP_APP_SECRET        signs webhooks; without it every POST is refused (401)
    WHATSAPP_VERIFY_TOKEN      echoed by Meta's subscription check (GET)
    WHATSAPP_API_BASE_URL      default https://graph.facebook.com; WHATSAPP_API_VERSION default v25.0
    WHATSAPP_TEMPLATE_NOTIFICATION=laporbot_update   the approved template for messages outside the window;
        WHATSAPP_TEMPLATE_<KIND> for another outbox kind (REPLY, ALERT, ...), the notification one otherwise;
        WHATSAPP_TEMPLATE_<KIND>_PARAMS=text|tracking[,...] its body parameters (default: text)
    WHATSAPP_TEMPLATE_LANGUAGES default id (e.g. "id,en_US": the citizen's language when approved in it)
    WHATSAPP_RATE (80 messages/s), WHATSAPP_PAIR_RETRY_SECONDS (6), WHATSAPP_MARK_READ (1),
    WHATSAPP_MAX_MEDIA_BYTES (16 MB), WHATSAPP_KEEP_MEDIA (1)
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from bot.config.reader import Bool, Float, Int, List, Reader, Secret, Section, Text, Url, Var

from .client import DEFAULT_MAX_MEDIA_BYTES, PAIR_RETRY_AFTER, WhatsAppClient

log = logging.getLogger("laporbot.whatsapp")

DEFAULT_BASE_URL = "https://graph.facebook.com"
DEFAULT_API_VERSION = "v25.0"
PARAM_SOURCES = ("text", "tracking")


@dataclass(frozen=True)
class TemplateSpec:
    """An approved template and where its body parameters come from ("text" or "tracking")."""

    name: str
    params: tuple[str, ...] = ("text",)


_TURN_ON = ("turn the WhatsApp Cloud API channel on (beside Telegram if both are set); webhook at "
            "`/webhooks/whatsapp`")


@dataclass(frozen=True)
class WhatsAppConfig(Section):
    """The WHATSAPP_* settings."""

    TABLE: ClassVar[str] = "core"
    VARS: ClassVar[tuple[Var, ...]] = (
        Var("WHATSAPP_PHONE_NUMBER_ID", Text(), "", _TURN_ON + ": the business number's id", field="phone_number_id"),
        Var("WHATSAPP_ACCESS_TOKEN", Secret(), "", _TURN_ON + ": its (system user) token", field="access_token"),
        Var("WHATSAPP_APP_SECRET", Secret(), "", "`X-Hub-Signature-256` check (401 without a match; required: "
            "without it `laporbot run` refuses to start)", field="app_secret"),
        Var("WHATSAPP_VERIFY_TOKEN", Secret(), "", "Meta's subscription check (403 on a wrong or unset token)",
            field="verify_token"),
        Var("WHATSAPP_API_BASE_URL", Url(), DEFAULT_BASE_URL, "the Graph API (or the test fake)",
            field="api_base_url", shown="graph.facebook.com"),
        Var("WHATSAPP_API_VERSION", Text(), DEFAULT_API_VERSION, "the Graph API version", field="api_version"),
        Var("WHATSAPP_TEMPLATE_NOTIFICATION", Text(), None, "approved template (e.g. `laporbot_update`) for "
            "messages outside the 24-hour window; `WHATSAPP_TEMPLATE_<KIND>` and `WHATSAPP_TEMPLATE_<KIND>_PARAMS` "
            "(`text`, `tracking`) per outbox kind"),
        Var("WHATSAPP_TEMPLATE_LANGUAGES", List(), ("id",), "template languages, e.g. `id,en_US` (the citizen's "
            "language when approved in it); also read as `WHATSAPP_TEMPLATE_LANGUAGE`"),
        Var("WHATSAPP_TEMPLATE_LANGUAGE", List(), (), "the same as `WHATSAPP_TEMPLATE_LANGUAGES`, which it "
            "overrides"),
        Var("WHATSAPP_RATE", Float(0, 1e6, positive=True), 80.0, "messages/s per business number", field="rate"),
        Var("WHATSAPP_PAIR_RETRY_SECONDS", Float(0, 3600, positive=True), PAIR_RETRY_AFTER,
            "wait before another message to the same citizen after 131056", field="pair_retry"),
        Var("WHATSAPP_MARK_READ", Bool(), True, "blue ticks", field="mark_read"),
        Var("WHATSAPP_KEEP_MEDIA", Bool(), True, "keep media bytes (ids expire after 7 days)", field="keep_media"),
        Var("WHATSAPP_MAX_MEDIA_BYTES", Int(1, 10**10), DEFAULT_MAX_MEDIA_BYTES, "largest file taken, bytes",
            field="max_media_bytes", shown="16 MB"),
    )

    phone_number_id: str
    access_token: str
    app_secret: str = ""
    verify_token: str = ""
    api_base_url: str = DEFAULT_BASE_URL
    api_version: str = DEFAULT_API_VERSION
    templates: Mapping[str, TemplateSpec] = field(default_factory=dict)  # by outbox kind
    template_languages: tuple[str, ...] = ("id",)
    rate: float = 80.0  # messages per second per business number
    pair_retry: float = PAIR_RETRY_AFTER  # seconds to wait after 131056 (too many to one citizen)
    mark_read: bool = True
    max_media_bytes: int = DEFAULT_MAX_MEDIA_BYTES
    keep_media: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> WhatsAppConfig | None:  # type: ignore[override]
        """The channel's configuration, or None when WHATSAPP_PHONE_NUMBER_ID / _ACCESS_TOKEN are not both set.

        Wrong values are logged and their defaults used; `laporbot config check` lists them (bot/sections.py).
        """
        return cls.turned_on(*cls.parse(env))

    @staticmethod
    def turned_on(config: WhatsAppConfig, problems: list[str]) -> WhatsAppConfig | None:
        """The configuration read (bot/wiring.py), None when the channel is off; its problems logged."""
        if not (config.phone_number_id and config.access_token):
            return None
        for problem in problems:
            log.error("%s", problem)
        return config

    @classmethod
    def build(cls, values: dict[str, Any], reader: Reader) -> WhatsAppConfig:
        """The settings with the templates of WHATSAPP_TEMPLATE_<KIND>; checks only when the channel is on."""
        env = reader.env
        templates: dict[str, TemplateSpec] = {}
        for key, name in env.items():
            kind = key.removeprefix("WHATSAPP_TEMPLATE_")
            if kind == key or not name or kind.endswith("_PARAMS") or kind in ("LANGUAGE", "LANGUAGES"):
                continue
            raw = env.get(f"{key}_PARAMS", "text")
            params = tuple(p.strip().lower() for p in raw.split(",") if p.strip())
            unknown = [p for p in params if p not in PARAM_SOURCES]
            if unknown:
                reader.problem(f"{key}_PARAMS", f"unknown parameter source(s) {', '.join(unknown)}; use "
                               f"{' or '.join(PARAM_SOURCES)}")
                params = tuple(p for p in params if p in PARAM_SOURCES)
            templates[kind.lower()] = TemplateSpec(name.strip(), params)
        languages = (reader.read(cls.var("WHATSAPP_TEMPLATE_LANGUAGE"))
                     or reader.read(cls.var("WHATSAPP_TEMPLATE_LANGUAGES")) or ("id",))
        config = cls(**values, templates=templates, template_languages=languages)
        if config.phone_number_id or config.access_token:
            if config.phone_number_id and config.access_token and not config.app_secret:
                reader.problem("WHATSAPP_APP_SECRET", "not set, so no webhook could be verified and WhatsApp would "
                               "never receive a message; set the app secret from Meta's app dashboard")
            if config.phone_number_id and not re.fullmatch(r"[0-9]{1,32}", config.phone_number_id):
                reader.problem("WHATSAPP_PHONE_NUMBER_ID", "digits only (the id from Meta's app dashboard)")
            if not re.fullmatch(r"v?[0-9]{1,3}(\.[0-9]{1,3})?", config.api_version):
                reader.problem("WHATSAPP_API_VERSION", f"expected like v25.0, got {config.api_version!r}")
        return config

    def template_for(self, kind: str) -> TemplateSpec | None:
        """The template for an outbox kind; the notification template stands in for kinds without one."""
        return self.templates.get(kind) or self.templates.get("notification")

    def template_language(self, locale: str | None) -> str:
        """The template language for a citizen's locale ("en" matches "en_US"); the first one otherwise."""
        for code in self.template_languages:
            if locale and code.split("_")[0].lower() == locale.split("_")[0].lower():
                return code
        return self.template_languages[0]


def make_client(config: WhatsAppConfig) -> WhatsAppClient:
    """The Graph API client for the configured business number."""
    return WhatsAppClient(config.api_base_url, config.api_version, config.phone_number_id, config.access_token,
                          max_media_bytes=config.max_media_bytes)
