"""Configuration from the environment, checked at start-up with one clear message per problem.

`Settings` is the core section (database, web server, region, time limits, Telegram, logs); every feature has its
own section declared with bot/config/reader.py (bot/sections.py lists them all). `Settings.extra` keeps the raw
LAPORBOT_*/WHATSAPP_* environment the other sections are read from.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, ClassVar, Self

from bot.config.reader import (
    Bool,
    ConfigError,
    Duration,
    Enum,
    FilePath,
    Float,
    Int,
    List,
    Reader,
    Secret,
    Section,
    Text,
    Url,
    Var,
    Zone,
)
from flows.ports import DEFAULT_CATEGORIES, FlowConfig
from models.db import DEFAULT_POOL, DEFAULT_TIMEOUT, DEFAULT_URL, SQLITE_DRIVERS, Database

__all__ = ["ConfigError", "Settings", "citizen_time_limits", "database_url_from_parts"]

GROUP_COMMIT_WAIT = timedelta(milliseconds=20)  # a lone message's longest wait for company at moderate load
DB_SCHEMES = ("sqlite+aiosqlite://", "postgresql+asyncpg://")
_PARTS = "without DATABASE_URL: PostgreSQL from parts, the password escaped by the bot (any characters work; " \
         "compose.yaml uses these)"
_LIMITS = ("working-day time limits of pengaduan and aspirasi, told to citizens and used for SLAs")
_WEBHOOK = ("webhook mode on our server (`/webhooks/telegram`, absent in polling mode); the secret is always "
            "checked: unset or empty, one is generated and kept in the database for every replica; if set, 32–256 "
            "characters from `A-Z a-z 0-9 _ -`")
POSTGRES_VARS = (
    Var("POSTGRES_HOST", Text(), None, _PARTS),
    Var("POSTGRES_PORT", Int(1, 65535), 5432, _PARTS),
    Var("POSTGRES_USER", Text(), "laporbot", _PARTS),
    Var("POSTGRES_PASSWORD", Secret(), None, _PARTS),
    Var("POSTGRES_DB", Text(), "laporbot", _PARTS),
)


def database_url_from_parts(env: Mapping[str, str], problems: list[str]) -> str | None:
    """POSTGRES_HOST/PORT/USER/PASSWORD/DB (compose.yaml) as a PostgreSQL URL, the password escaped; None unset.

    Compose cannot URL-encode a password inside DATABASE_URL, and one with @, : or / breaks the URL; built
    from parts by SQLAlchemy, any password works.
    """
    reader = Reader(env)
    host, port, user, password, db = (reader.read(var) for var in POSTGRES_VARS)
    if not host:
        return None
    problems += reader.problems
    from models.db import postgres_url

    return postgres_url(user=user, password=password, host=host, port=port, database=db)


@dataclass(frozen=True)
class Settings(Section):
    """Everything a process is configured with (the core section; bot/wiring.py reads the features' from `extra`)."""

    TABLE: ClassVar[str] = "core"
    VARS: ClassVar[tuple[Var, ...]] = (
        Var("DATABASE_URL", Url(DB_SCHEMES, "sqlite+aiosqlite:///path.db or postgresql+asyncpg://user@host/db",
                                strip=False), DEFAULT_URL,
            "or `postgresql+asyncpg://user@host/db`; migrated on start"),
        *POSTGRES_VARS,
        Var("LAPORBOT_TIMEZONE", Zone(), "Asia/Jakarta", "WIB; `Asia/Makassar` WITA, `Asia/Jayapura` WIT",
            field="timezone"),
        Var("LAPORBOT_HOST", Text(), "0.0.0.0", "the public web server's address (webhooks, `/healthz`, `/readyz`, "
            "the Open311 read API; `/metrics` only with `LAPORBOT_METRICS_TOKEN`)", field="host"),
        Var("LAPORBOT_PORT", Int(0, 65535), 8080, "the public web server's port", field="port"),
        Var("LAPORBOT_REGION", Text(), None,
            "the deployment's region (e.g. `52.03` Lombok Timur): its places and agencies rank first. Plain codes and "
            "`kemendagri:52.03` are Kemendagri; `bps:5203` is a BPS code, converted with the shipped crosswalk (all 38 "
            "provinces and 514 kabupaten/kota, Papua's with BPS's 2023 codes); `laporbot config check` prints which "
            "system it read. The same prefixes work in the `region_code` column of units.csv and of an agencies CSV"),
        Var("LAPORBOT_CATEGORIES", List(), DEFAULT_CATEGORIES, "comma list of category ids (labels in `locales/`)",
            field="categories", shown="13 standard ids"),
        Var("LAPORBOT_AGENCIES_CSV", FilePath("file"), None,
            "your own agency catalog: `code,name,level,region_code,aliases,parent`", field="agencies_csv",
            shown="shipped national catalog"),
        Var("LAPORBOT_VERIFY_DAYS", Int(1, 60), 3, _LIMITS + ": verification", field="verify_days"),
        Var("LAPORBOT_FOLLOWUP_DAYS", Int(1, 120), 5, _LIMITS + ": the first follow-up", field="followup_days"),
        Var("LAPORBOT_AUTOCLOSE_DAYS", Int(1, 120), 10, _LIMITS + ": closing when the citizen does not answer",
            field="autoclose_days"),
        Var("LAPORBOT_TIME_LIMITS", Text(), None,
            "limits per classification, `klasifikasi:verify/answer/autoclose[+extension]`, comma-separated; empty "
            "fields keep the default, e.g. `pengaduan:2/5/10,informasi:/14/`. Default: pengaduan and aspirasi from "
            "the three variables above; **informasi** on UU 14/2008 (KIP) Pasal 22 clocks, `3/10/10+7`: answered "
            "within 10 working days counted **from receipt** (not from verification), extendable by 7 — the admin "
            "SLA, cards, escalations, our Open311 `expected_datetime` and the citizen's confirmation all use it; "
            "`config check` names every mistake", shown="see meaning"),
        Var("LAPORBOT_DRAFT_TTL_HOURS", Duration("hours", 1, 24 * 90), timedelta(hours=72),
            "unfinished complaints are deleted after this, with a message", field="draft_ttl"),
        Var("LAPORBOT_RESUME_AFTER_MINUTES", Duration("minutes", 1, 24 * 60), timedelta(minutes=30),
            "after this pause the bot asks whether to continue the draft", field="resume_after"),
        Var("TELEGRAM_BOT_TOKEN", Secret(), None, "turns the Telegram channel on (long polling by default)",
            field="telegram_token"),
        Var("TELEGRAM_WEBHOOK_URL", Url(("https://", "http://127.0.0.1"), "an https:// URL (Telegram only calls "
                                        "https:// webhooks)", strip=False), None, _WEBHOOK,
            field="telegram_webhook_url"),
        Var("TELEGRAM_WEBHOOK_SECRET", Secret(), None, _WEBHOOK, field="telegram_webhook_secret"),
        Var("TELEGRAM_API_BASE_URL", Url(strip=False), "https://api.telegram.org/bot",
            "a self-hosted Bot API server (or the test fake)", field="telegram_api_base_url",
            shown="api.telegram.org"),
        Var("TELEGRAM_FILE_BASE_URL", Url(strip=False), "https://api.telegram.org/file/bot",
            "a self-hosted Bot API server (or the test fake)", field="telegram_file_base_url",
            shown="api.telegram.org"),
        Var("LAPORBOT_LOG_JSON", Bool(), False, "JSON log lines; logs never carry message text, phone numbers, NIK "
            "or places", field="log_json", shown="off"),
        Var("LOG_LEVEL", Enum(("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"), upper=True), "INFO",
            "how much is logged (`DEBUG`, `INFO`, `WARNING`, `ERROR`)", field="log_level"),
        # --- ops table: the database, doors and metrics listener ---
        Var("LAPORBOT_METRICS_HOST", Text(), "127.0.0.1", "the metrics listener's address (`/metrics` only)",
            field="metrics_host", table="ops"),
        Var("LAPORBOT_METRICS_PORT", Int(0, 65535, off=("off", "none", "no")), 9108,
            "the metrics listener's port; `off`: no listener", field="metrics_port", table="ops"),
        Var("LAPORBOT_METRICS_TOKEN", Secret(), None, "bearer token for `/metrics`: with it, also served on the "
            "public port (401 without the token)", field="metrics_token", table="ops"),
        Var("LAPORBOT_DB_TIMEOUT", Float(0, 600), DEFAULT_TIMEOUT,
            "seconds PostgreSQL may take to connect, to answer a statement (`statement_timeout`, and on the client) "
            "and to hand out a pooled connection; a hung database fails a webhook with a 5xx within it, so the channel "
            "redelivers; `0` = no limit (or a larger value for `laporbot import --replace` of a large database). "
            "SQLite keeps its own 10 s lock-wait budget", field="db_timeout", table="ops"),
        Var("LAPORBOT_DB_POOL", Int(1, 500), DEFAULT_POOL, "PostgreSQL connections each process keeps (as many again "
            "at peaks): keep replicas × 2 × this below the server's `max_connections`", field="db_pool", table="ops"),
        Var("LAPORBOT_SQLITE_DRIVER", Enum(SQLITE_DRIVERS), SQLITE_DRIVERS[0],
            "SQLite only: `inline` runs each statement on the event loop's own thread (`models/sqlite_inline.py`; "
            "microseconds in WAL mode, no thread hand-offs; a writer waiting for another process's lock retries in "
            "5 ms slices so the loop keeps serving; checkpoints run in a thread); `thread` is aiosqlite's worker "
            "thread, for a database on slow storage where single statements may take long", field="sqlite_driver",
            table="ops"),
        Var("LAPORBOT_GROUP_COMMIT_WAIT_MS", Duration("milliseconds", 0, 100, whole=False), GROUP_COMMIT_WAIT,
            "milliseconds a message that would be committed alone may wait for a second one to share its "
            "transaction, only while messages have lately come less than a third of that apart (at moderate load two "
            "turns share one commit's round trips; sparse messages never wait); `0`: never", field="group_commit_wait",
            table="ops"),
        Var("LAPORBOT_WORKERS", Int(1, 64), 1, "`laporbot run` as this many server processes on one port, to use "
            "more cores (`bot/ops/workers.py`; `--workers N` says the same): PostgreSQL only, and with Telegram only "
            "in webhook mode (one process polls getUpdates); each keeps `LAPORBOT_DB_POOL` connections",
            field="workers", table="ops"),
    )

    database_url: str = DEFAULT_URL
    db_pool: int = DEFAULT_POOL  # LAPORBOT_DB_POOL: PostgreSQL connections per process (up to twice this at peaks)
    sqlite_driver: str = SQLITE_DRIVERS[0]  # LAPORBOT_SQLITE_DRIVER: "inline" or "thread" (models/db.py)
    db_timeout: float = DEFAULT_TIMEOUT  # LAPORBOT_DB_TIMEOUT: PostgreSQL connect/statement/pool waits, seconds
    workers: int = 1  # LAPORBOT_WORKERS: server processes of `laporbot run` (bot/ops/workers.py)
    group_commit_wait: timedelta = GROUP_COMMIT_WAIT  # LAPORBOT_GROUP_COMMIT_WAIT_MS (bot/conversation/batcher.py)
    host: str = "0.0.0.0"
    port: int = 8080
    # --- doors: /metrics on its own listener (loopback by default), and/or behind a bearer token ---
    metrics_host: str = "127.0.0.1"
    metrics_port: int | None = 9108  # None: no separate listener (LAPORBOT_METRICS_PORT=off)
    metrics_token: str | None = None
    log_level: str = "INFO"
    log_json: bool = False
    timezone: str = "Asia/Jakarta"
    region: str | None = None
    categories: tuple[str, ...] = DEFAULT_CATEGORIES
    verify_days: int = 3
    followup_days: int = 5
    autoclose_days: int = 10
    draft_ttl: timedelta = timedelta(days=3)
    resume_after: timedelta = timedelta(minutes=30)
    agencies_csv: Path | None = None
    telegram_token: str | None = None
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: str | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_file_base_url: str = "https://api.telegram.org/file/bot"
    extra: Mapping[str, str] = field(default_factory=dict)  # the raw environment the feature sections read

    @property
    def flow_config(self) -> FlowConfig:
        """The part of the settings the flows use."""
        return FlowConfig(categories=self.categories, verify_days=self.verify_days,
                          followup_days=self.followup_days, time_limits=citizen_time_limits(self),
                          resume_after=self.resume_after,
                          draft_ttl=self.draft_ttl, timezone=self.timezone, region=self.region)

    def open_database(self) -> Database:
        """The database of these settings, with their pool size, SQLite driver and timeout (every process's)."""
        return Database(self.database_url, pool_size=self.db_pool, sqlite_driver=self.sqlite_driver,
                        timeout=self.db_timeout)

    @property
    def channels(self) -> tuple[str, ...]:
        """The chat channels configured (the terminal is always available)."""
        found = []
        if self.telegram_token:
            found.append("telegram")
        # --- WhatsApp: both the number id and the token are needed (handlers/whatsapp/channel.py) ---
        if self.extra.get("WHATSAPP_PHONE_NUMBER_ID") and self.extra.get("WHATSAPP_ACCESS_TOKEN"):
            found.append("whatsapp")
        return tuple(found)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Self:
        """Read LAPORBOT_*, DATABASE_URL and channel variables; raise ConfigError listing every problem."""
        return super().from_env(os.environ if env is None else env)

    @classmethod
    def build(cls, values: dict[str, Any], reader: Reader) -> Self:
        """The core settings: the database URL (whole or from parts) and the region."""
        env = reader.env
        url = reader.raw(cls.var("DATABASE_URL"))
        if url:
            url = reader.read(cls.var("DATABASE_URL"))
        else:
            url = database_url_from_parts(env, reader.problems) or DEFAULT_URL
        region = _region(reader.raw(cls.var("LAPORBOT_REGION")), reader.problems)
        reader.problems += workers_problems(values.get("workers", 1), url, values.get("telegram_token"),
                                            values.get("telegram_webhook_url"))
        return cls(**values, database_url=url, region=region,
                   extra={k: v for k, v in env.items() if k.startswith(("LAPORBOT_", "WHATSAPP_"))})


def workers_problems(workers: int, url: str, telegram_token: str | None, webhook_url: str | None) -> list[str]:
    """Several server processes need a database they can share and a channel that does not poll."""
    if workers <= 1:
        return []
    found = []
    if not url.startswith("postgresql"):
        found.append(f"LAPORBOT_WORKERS: {workers} workers need PostgreSQL (SQLite takes one writing process); "
                     "set DATABASE_URL to PostgreSQL or use 1")
    if telegram_token and not webhook_url:
        found.append(f"LAPORBOT_WORKERS: {workers} workers need Telegram in webhook mode (TELEGRAM_WEBHOOK_URL): "
                     "only one process may poll getUpdates")
    return found


def citizen_time_limits(settings: Settings) -> dict[str, tuple[float, float, float, bool]]:
    """What citizens are told per classification (config check reports a wrong LAPORBOT_TIME_LIMITS)."""
    from bot.core.deadlines import SlaPolicy, default_time_limits, time_limits_from

    base = SlaPolicy(settings.verify_days, settings.followup_days, settings.autoclose_days)
    try:
        limits = time_limits_from(settings.extra, base)
    except ValueError:
        limits = default_time_limits(base)
    return {name: (p.verify_days, p.followup_days, p.extension_days, p.from_arrival) for name, p in limits.items()}


def time_limit_problems(env: Mapping[str, str]) -> list[str]:
    """LAPORBOT_TIME_LIMITS (budgets per classification, bot/core/deadlines.py) that cannot be read."""
    from bot.core.deadlines import SlaPolicy, time_limits_from

    try:
        time_limits_from(env, SlaPolicy())
    except ValueError as error:
        return [f"LAPORBOT_TIME_LIMITS: {error}"]
    return []


@dataclass(frozen=True)
class TelegramSettings(Section):
    """How fast the Telegram channel sends, and with which HTTP transport (read by bot/server.py)."""

    TABLE: ClassVar[str] = "core"
    VARS: ClassVar[tuple[Var, ...]] = (
        Var("LAPORBOT_TELEGRAM_RATE", Float(0.01, 1e6, positive=True), 30.0, "Telegram flood limit: messages/s overall",
            field="rate"),
        Var("LAPORBOT_TELEGRAM_CHAT_BURST", Int(1, 100_000), 3, "Telegram flood limit: burst per chat (then ~1/s)",
            field="chat_burst"),
        Var("LAPORBOT_TELEGRAM_TRANSPORT", Enum(("aiohttp", "httpx")), "aiohttp",
            "`httpx` uses PTB's default transport (for comparison)", field="transport"),
    )

    rate: float = 30.0
    chat_burst: int = 3
    transport: str = "aiohttp"


def _region(typed: str | None, problems: list[str]) -> str | None:
    """LAPORBOT_REGION as our Kemendagri code: plain or `kemendagri:` codes as they are, `bps:` ones converted."""
    if not typed or not typed.strip():
        return None
    from bot.understanding.region_codes import RegionCodeError, parse_region_code

    try:
        return parse_region_code(typed).kemendagri
    except RegionCodeError as error:
        problems.append(f"LAPORBOT_REGION: {error}")
        return None
