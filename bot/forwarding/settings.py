"""Whether and how complaints are forwarded: `ForwardingSettings` (LAPORBOT_CENTRAL*, LAPORBOT_FORWARD_*) and the
central-API adapter they name (`make_adapter`; a new adapter's name goes in `CENTRALS`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, ClassVar

from bot.config.reader import Bool, Duration, Enum, FilePath, Float, Int, Reader, Secret, Section, Text, Url, Var
from bot.core.clock import Clock
from bot.forwarding.central import (
    CentralAdapter,
    ComplaintPayload,
    LaporAdapter,
    MappingFileError,
    Open311Adapter,
    load_mapping,
)
from bot.settings import ConfigError

CENTRALS = ("none", "lapor", "open311")

OFF_MESSAGE = ("forwarding to the central complaint system is OFF (LAPORBOT_CENTRAL=none): complaints stay in "
               "this database and wait in the forwarding outbox; set LAPORBOT_CENTRAL=lapor or open311 to send them")


@dataclass(frozen=True)
class ForwardingSettings(Section):
    """How (and whether) complaints are forwarded, from LAPORBOT_CENTRAL* and LAPORBOT_FORWARD_* variables."""

    TABLE: ClassVar[str] = "forwarding"
    VARS: ClassVar[tuple[Var, ...]] = (
        Var("LAPORBOT_CENTRAL", Enum(CENTRALS), "none", "`none` (complaints wait in the outbox; the start-up log says "
            "forwarding is OFF), `lapor` or `open311`", field="central"),
        Var("LAPORBOT_CENTRAL_URL", Url(strip=False), None, "the API base URL", field="url"),
        Var("LAPORBOT_CENTRAL_TOKEN", Secret(), None, "the LAPOR! token (or the Open311 `api_key`)", field="token"),
        Var("LAPORBOT_CENTRAL_AUTHORIZATION", Secret(), None, "LAPOR!'s `Authorization` header value",
            field="authorization"),
        Var("LAPORBOT_CENTRAL_JURISDICTION", Text(), None, "Open311 `jurisdiction_id` (required for `open311`)",
            field="jurisdiction"),
        Var("LAPORBOT_CENTRAL_MAPPING", FilePath("file"), None, "our categories/agencies/regions → remote ids (start "
            "from `bot/data/central_mapping.example.yaml`)", field="mapping"),
        Var("LAPORBOT_CENTRAL_POLL_INTERVAL", Duration("seconds", 1, 7 * 86400, whole=False), timedelta(minutes=30),
            "how often status is read, seconds", field="poll_interval"),
        Var("LAPORBOT_CENTRAL_POLL_SETTLED_DAYS", Duration("days", 0, 3650, whole=False), timedelta(days=30),
            "how long after Selesai/Ditolak follow-ups are still read", field="poll_settled"),
        Var("LAPORBOT_CENTRAL_TIMEOUT", Float(1, 600), 30.0, "per request, seconds", field="timeout"),
        Var("LAPORBOT_FORWARD_WORKERS", Int(1, 64), 2, "workers per process", field="workers"),
        Var("LAPORBOT_FORWARD_BATCH", Int(1, 1000), 100, "entries per claim", field="batch"),
        Var("LAPORBOT_FORWARD_CONCURRENCY", Int(1, 256), 16, "requests in flight per worker", field="concurrency"),
        Var("LAPORBOT_FORWARD_MAX_ATTEMPTS", Int(1, 1000), 20, "tries before an entry is failed",
            field="max_attempts"),
        Var("LAPORBOT_FORWARD_BACKOFF_BASE", Float(0.01, 3600), 2.0, "first retry delay, seconds",
            field="backoff_base"),
        Var("LAPORBOT_FORWARD_BACKOFF_CAP", Float(1, 7 * 86400), 1800.0, "longest retry delay, seconds",
            field="backoff_cap"),
        Var("LAPORBOT_FORWARD_LEASE", Duration("seconds", 10, 86400, whole=False), timedelta(minutes=10),
            "a claim's lease, seconds (more than twice the timeout)", field="lease"),
        Var("LAPORBOT_FORWARD_IDLE", Float(0.01, 600), 0.5, "pause when the outbox is empty, seconds", field="idle"),
        Var("LAPORBOT_OPEN311_ANONYMOUS_DESCRIPTIONS", Bool(), False,
            "our Open311 read API shows anonymous complaints' descriptions", field="open311_anonymous_descriptions",
            shown="off"),
        Var("LAPORBOT_OPEN311_PRIVATE", Bool(), False, "the Open311 server we forward to keeps requests from the "
            "public: rahasia complaints go in full", field="open311_private", shown="off"),
    )

    central: str = "none"
    url: str | None = None
    token: str | None = None
    authorization: str | None = None  # LAPOR! wants an Authorization header besides the token header
    jurisdiction: str | None = None
    mapping: Path | None = None
    workers: int = 2
    batch: int = 100  # entries one claim leases
    concurrency: int = 16  # requests in flight per worker: polite to the central API, still fast
    max_attempts: int = 20
    backoff_base: float = 2.0
    backoff_cap: float = 1800.0
    lease: timedelta = timedelta(minutes=10)  # outlasts a slow batch; a dead worker's entries wait this long
    idle: float = 0.5  # seconds between looks at an empty outbox
    timeout: float = 30.0
    poll_interval: timedelta = timedelta(minutes=30)
    poll_settled: timedelta = timedelta(days=30)  # keep reading follow-ups this long after Selesai/Ditolak
    open311_anonymous_descriptions: bool = False
    open311_private: bool = False  # the Open311 server keeps requests from the public: rahasia content may go

    @property
    def enabled(self) -> bool:
        """Whether complaints are sent anywhere."""
        return self.central != "none"

    @classmethod
    def build(cls, values: dict[str, Any], reader: Reader) -> ForwardingSettings:
        """The settings; with a central system, its URL, token, jurisdiction and mapping are required."""
        settings = cls(**values)
        central = settings.central
        if central != "none":
            if not reader.raw(cls.var("LAPORBOT_CENTRAL_URL")):
                reader.problem("LAPORBOT_CENTRAL_URL", f"the {central} API base URL (https://...) is required")
            if not settings.token:
                reader.problem("LAPORBOT_CENTRAL_TOKEN", f"the {central} "
                               f"{'API key' if central == 'open311' else 'token'} is required")
            if central == "open311" and not settings.jurisdiction:
                reader.problem("LAPORBOT_CENTRAL_JURISDICTION", "the Open311 jurisdiction_id is required")
            if not reader.raw(cls.var("LAPORBOT_CENTRAL_MAPPING")):
                reader.problem("LAPORBOT_CENTRAL_MAPPING", "the mapping file is required "
                               "(start from bot/data/central_mapping.example.yaml)")
        if settings.lease.total_seconds() <= settings.timeout * 2:
            # a lease shorter than a slow send would let a second worker take over a live send
            reader.problem("LAPORBOT_FORWARD_LEASE", "must be more than twice LAPORBOT_CENTRAL_TIMEOUT")
        return settings


class Open311ForwardAdapter(Open311Adapter):
    """Open311 with the LAPOR! privacy flags as attributes, since GeoReport v2 has no field for them."""

    def build_form(self, payload: ComplaintPayload) -> dict[str, str]:
        """The spec's form plus attribute[is_secret] / attribute[is_anonymous] when set."""
        form = super().build_form(payload)
        if payload.is_secret:
            form["attribute[is_secret]"] = "true"
        if payload.is_anonymous:
            form["attribute[is_anonymous]"] = "true"
        return form


def make_adapter(config: ForwardingSettings, clock: Clock | None = None,
                 home_region: str | None = None) -> CentralAdapter | None:
    """The adapter the configuration names; None when forwarding is off (home_region: LAPORBOT_REGION)."""
    if not config.enabled:
        return None
    assert config.url and config.token and config.mapping  # ForwardingSettings.from_env checked these
    try:
        mapping = load_mapping(config.mapping)
    except MappingFileError as error:
        raise ConfigError([f"LAPORBOT_CENTRAL_MAPPING: {error}"]) from error
    if config.central == "lapor":
        if mapping.lapor is None:
            raise ConfigError(["LAPORBOT_CENTRAL_MAPPING: the mapping file has no 'lapor' section"])
        return LaporAdapter(config.url, config.token, config.authorization or f"Bearer {config.token}", mapping,
                            timeout=config.timeout, clock=clock)
    return Open311ForwardAdapter(config.url, config.token, config.jurisdiction or "", mapping,
                                 timeout=config.timeout, clock=clock, home_region=home_region,
                                 supports_private=config.open311_private)
