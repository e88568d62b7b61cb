"""The ceiling of bench/telegram_bot.py: the least a durable webhook bot can do per update on this machine.

An aiohttp web handler that, per update, checks the secret, does one raw sqlite3 INSERT + COMMIT of the message, and
POSTs its reply as JSON through one pooled aiohttp ClientSession to the Bot API, then answers the webhook. No
conversation, no parsing beyond the JSON: what is left of laporbot's cost when everything it does is taken away. The
script's last message ("kirim") is answered twice, as laporbot answers it (the receipt and the menu).

Configured like `laporbot run` (bench/telegram_bot.py `webhook_env`): TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL,
TELEGRAM_WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET, LAPORBOT_PORT; CEILING_SQLITE_FILE the database.

    .venv/bin/python bench/ceiling.py
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import time
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

# About the size of laporbot's prompts (most are 70-150 characters).
REPLY = "Terima kasih, pesan Anda sudah kami catat. Kami lanjutkan ke langkah berikutnya; jawab pertanyaan di bawah."
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class Ceiling:
    """The one handler, its database connection and its HTTP pool."""

    def __init__(self, database: str, send_url: str, secret: str) -> None:
        # WAL and synchronous=NORMAL: laporbot's own SQLite settings, so the commit costs the same.
        self.db = sqlite3.connect(database, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS message (update_id INTEGER PRIMARY KEY, chat_id INTEGER, text TEXT,"
                        " at REAL NOT NULL)")
        self.send_url = send_url
        self.secret = secret
        self.http: aiohttp.ClientSession | None = None

    async def start(self, _app: web.Application) -> None:
        """The pooled session, made inside the running loop."""
        self.http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100))

    async def close(self, _app: web.Application) -> None:
        """Close the pool and the database."""
        if self.http is not None:
            await self.http.close()
        self.db.close()

    async def on_update(self, request: web.Request) -> web.Response:
        """Record the message (committed) and reply, then acknowledge."""
        if request.headers.get(SECRET_HEADER) != self.secret:
            return web.Response(status=401)
        update = await request.json()
        message = update.get("message") or {}
        chat = message.get("chat", {}).get("id")
        text = message.get("text")
        self.db.execute("BEGIN")
        # A redelivered update (Telegram retries until answered) is recorded once.
        self.db.execute("INSERT INTO message (update_id, chat_id, text, at) VALUES (?, ?, ?, ?)"
                        " ON CONFLICT (update_id) DO NOTHING", (update["update_id"], chat, text, time.time()))
        self.db.execute("COMMIT")
        if chat is not None:
            assert self.http is not None
            for _ in range(2 if text == "kirim" else 1):
                async with self.http.post(self.send_url, json={"chat_id": chat, "text": REPLY}) as resp:
                    await resp.read()
        return web.Response()


async def serve() -> None:
    """Listen until SIGTERM/SIGINT; print "listening" like laporbot once bound."""
    hook = urlsplit(os.environ["TELEGRAM_WEBHOOK_URL"])
    base = os.environ.get("TELEGRAM_API_BASE_URL", "https://api.telegram.org/bot")
    ceiling = Ceiling(os.environ.get("CEILING_SQLITE_FILE", "ceiling.db"),
                      f"{base}{os.environ['TELEGRAM_BOT_TOKEN']}/sendMessage", os.environ["TELEGRAM_WEBHOOK_SECRET"])
    app = web.Application()
    app.router.add_post(hook.path, ceiling.on_update)
    app.on_startup.append(ceiling.start)
    app.on_cleanup.append(ceiling.close)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = int(os.environ["LAPORBOT_PORT"])
    await web.TCPSite(runner, "127.0.0.1", port).start()
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await runner.cleanup()


if __name__ == "__main__":
    try:  # uvloop where installed, as `laporbot run` uses it
        import uvloop
    except ImportError:
        asyncio.run(serve())
    else:
        with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
            runner.run(serve())
