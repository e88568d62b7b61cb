"""Logging set-up: plain or JSON lines, carrying ids and timings only (never what citizens wrote)."""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

_STANDARD = set(vars(logging.makeLogRecord({})).keys()) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line with the record's extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        """Render a record."""
        data: dict[str, Any] = {"ts": self.formatTime(record), "level": record.levelname, "logger": record.name,
                                "msg": record.getMessage()}
        data.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, default=str, ensure_ascii=False)


def setup(level: str = "INFO", *, json_lines: bool = False) -> None:
    """Configure the root logger once (to stderr, so the terminal chat's stdout stays clean)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "aiosqlite", "alembic", "sqlalchemy", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    # PTB logs every call's parameters (message text, phone numbers) at DEBUG: never let that through.
    logging.getLogger("telegram").setLevel(max(logging.INFO, root.level))
