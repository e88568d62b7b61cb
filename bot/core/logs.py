"""Logging set-up: plain or JSON lines, carrying ids and timings only (never what citizens wrote)."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Mapping
from contextvars import ContextVar, Token
from typing import Any

_STANDARD = set(vars(logging.makeLogRecord({})).keys()) | {"message", "asctime"}

# --- ops (bot/ops/metrics.py, bot/ops/privacy.py): request/update ids on every line, personal numbers scrubbed ---
_CONTEXT: ContextVar[Mapping[str, Any]] = ContextVar("laporbot_log_context", default={})  # noqa: B039
# A 16-digit NIK/KK number, and Indonesian mobile numbers (08…, 628…, +62 8…) with or without separators.
_NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")
_PHONE = re.compile(r"(?<![\w+])(?:\+62|62|0)[\s-]?8\d{2}[\s-]?\d{3,4}[\s-]?\d{2,5}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# SQLAlchemy puts a failed statement's parameters (message text, names) into the exception's text.
_SQL_PARAMS = re.compile(r"\[parameters: .*?(?=\n\(Background on this error|\Z)", re.S)


def scrub_personal(text: str) -> str:
    """Hide NIKs, phone numbers, e-mail addresses and SQL parameters in a text meant for logs or de-identification."""
    text = _SQL_PARAMS.sub("[parameters hidden]", text)
    text = _NIK.sub("[NIK]", text)
    text = _PHONE.sub("[telepon]", text)
    return _EMAIL.sub("[email]", text)


def bind(**fields: Any) -> Token[Mapping[str, Any]]:
    """Add fields (request_id, update_id…) to every log line of the current task and the tasks it starts."""
    return _CONTEXT.set({**_CONTEXT.get(), **fields})


def reset(token: Token[Mapping[str, Any]]) -> None:
    """Undo a bind()."""
    _CONTEXT.reset(token)


class ContextFilter(logging.Filter):
    """Copies the bound fields onto each record (explicit `extra` fields win)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Annotate; never drops a record."""
        for key, value in _CONTEXT.get().items():
            if not hasattr(record, key):
                setattr(record, key, value)
        return True
# --- end ops ---


class JsonFormatter(logging.Formatter):
    """One JSON object per line with the record's extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        """Render a record."""
        data: dict[str, Any] = {"ts": self.formatTime(record), "level": record.levelname, "logger": record.name,
                                "msg": scrub_personal(record.getMessage())}
        data.update({k: scrub_personal(v) if isinstance(v, str) else v
                     for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            data["exc"] = scrub_personal(self.formatException(record.exc_info))
        return json.dumps(data, default=str, ensure_ascii=False)


class PlainFormatter(logging.Formatter):
    """Human-readable lines, with personal numbers and SQL parameters scrubbed like the JSON ones."""

    def format(self, record: logging.LogRecord) -> str:
        """Render a record."""
        return scrub_personal(super().format(record))


def setup(level: str = "INFO", *, json_lines: bool = False) -> None:
    """Configure the root logger once (to stderr, so the terminal chat's stdout stays clean)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else PlainFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.addFilter(ContextFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "aiosqlite", "alembic", "sqlalchemy", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    # PTB logs every call's parameters (message text, phone numbers) at DEBUG: never let that through.
    logging.getLogger("telegram").setLevel(max(logging.INFO, root.level))
