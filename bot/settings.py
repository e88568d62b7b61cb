"""Configuration from the environment, checked at start-up with one clear message per problem."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flows.ports import DEFAULT_CATEGORIES, FlowConfig
from models.db import DEFAULT_POOL, DEFAULT_TIMEOUT, DEFAULT_URL, SQLITE_DRIVERS


class ConfigError(ValueError):
    """One or more configuration problems, each on its own line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def database_url_from_parts(env: Mapping[str, str], problems: list[str]) -> str | None:
    """POSTGRES_HOST/PORT/USER/PASSWORD/DB (compose.yaml) as a PostgreSQL URL, the password escaped; None unset.

    Compose cannot URL-encode a password inside DATABASE_URL, and one with @, : or / breaks the URL; built
    from parts by SQLAlchemy, any password works.
    """
    host = env.get("POSTGRES_HOST")
    if not host:
        return None
    from sqlalchemy.engine import URL

    port = env.get("POSTGRES_PORT") or "5432"
    if not port.isdigit():
        problems.append(f"POSTGRES_PORT: expected a port number, got {port!r}")
        port = "5432"
    url = URL.create("postgresql+asyncpg", username=env.get("POSTGRES_USER") or "laporbot",
                     password=env.get("POSTGRES_PASSWORD") or None, host=host, port=int(port),
                     database=env.get("POSTGRES_DB") or "laporbot")
    return url.render_as_string(hide_password=False)


@dataclass(frozen=True)
class Settings:
    """Everything a laporbot process is configured with."""

    database_url: str = DEFAULT_URL
    db_pool: int = DEFAULT_POOL  # LAPORBOT_DB_POOL: PostgreSQL connections per process (up to twice this at peaks)
    sqlite_driver: str = SQLITE_DRIVERS[0]  # LAPORBOT_SQLITE_DRIVER: "inline" or "thread" (models/db.py)
    db_timeout: float = DEFAULT_TIMEOUT  # LAPORBOT_DB_TIMEOUT: PostgreSQL connect/statement/pool waits, seconds
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
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def flow_config(self) -> FlowConfig:
        """The part of the settings the flows use."""
        return FlowConfig(categories=self.categories, verify_days=self.verify_days,
                          followup_days=self.followup_days, time_limits=citizen_time_limits(self),
                          resume_after=self.resume_after,
                          draft_ttl=self.draft_ttl, timezone=self.timezone, region=self.region)

    @property
    def channels(self) -> tuple[str, ...]:
        """The chat channels configured (the terminal is always available)."""
        found = []
        if self.telegram_token:
            found.append("telegram")
        # --- WhatsApp: both the number id and the token are needed (handlers/whatsapp_channel.py) ---
        if self.extra.get("WHATSAPP_PHONE_NUMBER_ID") and self.extra.get("WHATSAPP_ACCESS_TOKEN"):
            found.append("whatsapp")
        return tuple(found)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read LAPORBOT_*, DATABASE_URL and channel variables; raise ConfigError listing every problem."""
        env = os.environ if env is None else env
        problems: list[str] = []

        def integer(name: str, default: int, low: int = 0, high: int = 10**9) -> int:
            raw = env.get(name)
            if raw in (None, ""):
                return default
            try:
                value = int(raw)
            except ValueError:
                problems.append(f"{name}: expected a whole number, got {raw!r}")
                return default
            if not low <= value <= high:
                problems.append(f"{name}: must be between {low} and {high}, got {value}")
            return value

        tz = env.get("LAPORBOT_TIMEZONE", "Asia/Jakarta")
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(f"LAPORBOT_TIMEZONE: unknown time zone {tz!r} (use Asia/Jakarta, Asia/Makassar "
                            "or Asia/Jayapura)")
        url = env.get("DATABASE_URL") or database_url_from_parts(env, problems) or DEFAULT_URL
        if not url.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            problems.append("DATABASE_URL: use sqlite+aiosqlite:///path.db or postgresql+asyncpg://user@host/db")
        sqlite_driver = (env.get("LAPORBOT_SQLITE_DRIVER") or SQLITE_DRIVERS[0]).strip().lower()
        if sqlite_driver not in SQLITE_DRIVERS:
            problems.append(f"LAPORBOT_SQLITE_DRIVER: use {' or '.join(SQLITE_DRIVERS)}, got {sqlite_driver!r}")
        categories = tuple(c.strip() for c in env.get("LAPORBOT_CATEGORIES", "").split(",") if c.strip())
        agencies = env.get("LAPORBOT_AGENCIES_CSV")
        if agencies and not Path(agencies).is_file():
            problems.append(f"LAPORBOT_AGENCIES_CSV: no such file {agencies!r}")
        webhook = env.get("TELEGRAM_WEBHOOK_URL") or None
        if webhook and not webhook.startswith("https://") and not webhook.startswith("http://127.0.0.1"):
            problems.append("TELEGRAM_WEBHOOK_URL: Telegram only calls https:// webhooks")
        db_timeout = env.get("LAPORBOT_DB_TIMEOUT") or str(DEFAULT_TIMEOUT)
        try:
            timeout = float(db_timeout)
            if not 0 <= timeout <= 600:
                raise ValueError
        except ValueError:
            problems.append(f"LAPORBOT_DB_TIMEOUT: seconds between 0 (no limit) and 600, got {db_timeout!r}")
            timeout = DEFAULT_TIMEOUT
        raw_metrics_port = (env.get("LAPORBOT_METRICS_PORT") or "9108").strip().lower()
        metrics_port: int | None = None
        if raw_metrics_port not in ("off", "none", "no"):
            metrics_port = integer("LAPORBOT_METRICS_PORT", 9108, 0, 65535)
        settings = cls(
            database_url=url,
            db_timeout=timeout,
            metrics_host=env.get("LAPORBOT_METRICS_HOST") or "127.0.0.1",
            metrics_port=metrics_port,
            metrics_token=env.get("LAPORBOT_METRICS_TOKEN") or None,
            db_pool=integer("LAPORBOT_DB_POOL", DEFAULT_POOL, 1, 500),
            sqlite_driver=sqlite_driver,
            host=env.get("LAPORBOT_HOST", "0.0.0.0"),
            port=integer("LAPORBOT_PORT", 8080, 0, 65535),
            log_level=env.get("LOG_LEVEL", "INFO").upper(),
            log_json=env.get("LAPORBOT_LOG_JSON", "") not in ("", "0", "false"),
            timezone=tz,
            region=_region(env.get("LAPORBOT_REGION"), problems),
            categories=categories or DEFAULT_CATEGORIES,
            verify_days=integer("LAPORBOT_VERIFY_DAYS", 3, 1, 60),
            followup_days=integer("LAPORBOT_FOLLOWUP_DAYS", 5, 1, 120),
            autoclose_days=integer("LAPORBOT_AUTOCLOSE_DAYS", 10, 1, 120),
            draft_ttl=timedelta(hours=integer("LAPORBOT_DRAFT_TTL_HOURS", 72, 1, 24 * 90)),
            resume_after=timedelta(minutes=integer("LAPORBOT_RESUME_AFTER_MINUTES", 30, 1, 24 * 60)),
            agencies_csv=Path(agencies) if agencies else None,
            telegram_token=env.get("TELEGRAM_BOT_TOKEN") or None,
            telegram_webhook_url=webhook,
            telegram_webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET") or None,
            telegram_api_base_url=env.get("TELEGRAM_API_BASE_URL") or "https://api.telegram.org/bot",
            telegram_file_base_url=env.get("TELEGRAM_FILE_BASE_URL") or "https://api.telegram.org/file/bot",
            extra={k: v for k, v in env.items() if k.startswith(("LAPORBOT_", "WHATSAPP_"))},
        )
        if problems:
            raise ConfigError(problems)
        return settings


def citizen_time_limits(settings: Settings) -> dict[str, tuple[float, float, float, bool]]:
    """What citizens are told per classification (config check reports a wrong LAPORBOT_TIME_LIMITS)."""
    from bot.sla import SlaPolicy, default_time_limits, time_limits_from

    base = SlaPolicy(settings.verify_days, settings.followup_days, settings.autoclose_days)
    try:
        limits = time_limits_from(settings.extra, base)
    except ValueError:
        limits = default_time_limits(base)
    return {name: (p.verify_days, p.followup_days, p.extension_days, p.from_arrival) for name, p in limits.items()}


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
