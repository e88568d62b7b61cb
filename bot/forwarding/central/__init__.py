"""Adapters that forward complaints to the central complaint systems (SP4N-LAPOR! V3, Open311)."""

from bot.forwarding.central.base import (
    STATUSES,
    CentralAdapter,
    CentralError,
    ComplaintPayload,
    MappingError,
    OutgoingAttachment,
    PermanentError,
    RemoteFollowup,
    RemoteRef,
    RemoteStatus,
    Reporter,
    RetryableError,
)
from bot.forwarding.central.lapor import LaporAdapter
from bot.forwarding.central.mapping import CentralMapping, MappingFileError, load_mapping, parse_mapping
from bot.forwarding.central.open311 import Open311Adapter
from bot.forwarding.central.retry import next_delay, parse_retry_after

__all__ = [
    "STATUSES",
    "CentralAdapter",
    "CentralError",
    "CentralMapping",
    "ComplaintPayload",
    "LaporAdapter",
    "MappingError",
    "MappingFileError",
    "Open311Adapter",
    "OutgoingAttachment",
    "PermanentError",
    "RemoteFollowup",
    "RemoteRef",
    "RemoteStatus",
    "Reporter",
    "RetryableError",
    "load_mapping",
    "next_delay",
    "parse_mapping",
    "parse_retry_after",
]
