"""Every settings section, in README order, and `problems(env)`: all of an environment's mistakes at once.

Each section declares its variables once (bot/config/reader.py `Var`); `laporbot config check` prints the
problems of all of them, scripts/gen_config_docs.py writes README.md's variable tables and .env.example from
them, and tests/app/test_config_docs.py checks every variable name in the code is declared here.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from bot.admin.sla import AdminSettings
from bot.config.reader import Section, Var
from bot.conversation.guards import OpsSettings
from bot.core.workdays import CalendarSettings
from bot.forwarding.settings import ForwardingSettings
from bot.settings import Settings, TelegramSettings
from bot.surveys.config import SurveyConfig
from bot.voice.settings import VoiceSettings
from handlers.whatsapp.config import WhatsAppConfig

SECTIONS: tuple[type[Section], ...] = (Settings, TelegramSettings, WhatsAppConfig, OpsSettings, AdminSettings,
                                       ForwardingSettings, SurveyConfig, CalendarSettings, VoiceSettings)
# The README tables, in README order: (marker name, what the table is).
TABLES = (("core", "Configuration"), ("ops", "Operations"), ("admin", "Admin"), ("forwarding", "Forwarding"),
          ("surveys", "Satisfaction surveys"), ("workdays", "Working days and holidays"), ("voice", "Voice"))


def declared() -> list[tuple[str, Var]]:
    """Every declared variable with its README table, in section order."""
    return [(var.table or section.TABLE, var) for section in SECTIONS for var in section.VARS]


def problems(env: Mapping[str, str]) -> list[str]:
    """Every problem of every section (and the checks across them), each once, in section order."""
    found: list[str] = []
    for section in SECTIONS:
        found += section.parse(env)[1]
    found += mapping_key_problems(env) + door_problems(env)
    return list(dict.fromkeys(found))


def mapping_key_problems(env: Mapping[str, str]) -> list[str]:
    """Keys of LAPORBOT_CENTRAL_MAPPING that match no category, classification or region of ours."""
    path = env.get("LAPORBOT_CENTRAL_MAPPING")
    if not path or not Path(path).is_file():
        return []  # ForwardingSettings reports a missing file
    from bot.forwarding.central.mapping import MappingFileError, load_mapping, unmatched_keys
    from bot.understanding.region_codes import all_codes
    from flows.ports import DEFAULT_CATEGORIES

    try:
        mapping = load_mapping(path)
    except MappingFileError as error:
        return [f"LAPORBOT_CENTRAL_MAPPING: {error}"]
    categories = [c.strip() for c in (env.get("LAPORBOT_CATEGORIES") or "").split(",") if c.strip()]
    return [f"LAPORBOT_CENTRAL_MAPPING: {path}: {line}"
            for line in unmatched_keys(mapping, categories or DEFAULT_CATEGORIES, all_codes())]


MIN_WEBHOOK_SECRET = 32  # characters; a generated one (secrets.token_urlsafe(32)) has 43
_WEBHOOK_SECRET_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def door_problems(env: Mapping[str, str]) -> list[str]:
    """A Telegram webhook door that would stand open or never open: a weak or malformed secret."""
    found: list[str] = []
    secret = env.get("TELEGRAM_WEBHOOK_SECRET") or ""
    if env.get("TELEGRAM_BOT_TOKEN") and env.get("TELEGRAM_WEBHOOK_URL") and secret:  # empty: one is generated
        if not set(secret) <= _WEBHOOK_SECRET_CHARS or len(secret) > 256:
            found.append("TELEGRAM_WEBHOOK_SECRET: Telegram allows only A-Z a-z 0-9 _ - (at most 256); "
                         "leave it empty and one is generated")
        elif len(secret) < MIN_WEBHOOK_SECRET:
            found.append(f"TELEGRAM_WEBHOOK_SECRET: too short ({len(secret)} characters, at least "
                         f"{MIN_WEBHOOK_SECRET}); leave it empty and one is generated")
    # the WhatsApp doors (app secret, number id, API version) are checked by WhatsAppConfig.build
    return found
