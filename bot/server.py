"""The one web server per process: health, readiness, channel webhooks; and the channels themselves."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.app import Core, build_core
from bot.settings import Settings

log = logging.getLogger("laporbot.server")

CORE = web.AppKey("core", Core)
Installer = Callable[[web.Application, Core], None]


async def healthz(request: web.Request) -> web.Response:
    """The process is up."""
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    """The database answers and its schema is current."""
    core = request.app[CORE]
    try:
        current = await asyncio.wait_for(core.db.is_current(), timeout=3)
    except Exception as error:  # any failure to reach the database means "not ready"
        return web.json_response({"status": "unavailable", "reason": type(error).__name__}, status=503)
    if not current:
        return web.json_response({"status": "unavailable", "reason": "migrations pending"}, status=503)
    return web.json_response({"status": "ready"})


def create_app(core: Core, installers: tuple[Installer, ...] = ()) -> web.Application:
    """The aiohttp application with every HTTP endpoint of the project."""
    app = web.Application(client_max_size=4 * 1024 * 1024)
    app[CORE] = core
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    for install in installers:
        install(app, core)
    return app


class Channel:
    """What the server needs from a chat channel."""

    def install(self, app: web.Application) -> None:
        """Add the channel's routes."""

    async def start(self) -> None:
        """Begin taking messages."""

    async def stop(self) -> None:
        """Stop taking messages and finish in-flight work."""


def make_channels(core: Core) -> list[Any]:
    """The channels configured in the settings."""
    settings = core.settings
    channels: list[Any] = []
    if settings.telegram_token:
        from handlers.telegram import Throttle
        from handlers.telegram_channel import TelegramChannel, make_bot

        transport = settings.extra.get("LAPORBOT_TELEGRAM_TRANSPORT", "aiohttp")
        bot = make_bot(settings.telegram_token, settings.telegram_api_base_url, settings.telegram_file_base_url,
                       transport)
        throttle = Throttle(float(settings.extra.get("LAPORBOT_TELEGRAM_RATE", "30")),
                            int(settings.extra.get("LAPORBOT_TELEGRAM_CHAT_BURST", "3")))
        channels.append(TelegramChannel(core, bot, webhook_url=settings.telegram_webhook_url,
                                        webhook_secret=settings.telegram_webhook_secret, throttle=throttle))
    return channels


async def serve(settings: Settings, *, stop: asyncio.Event | None = None,
                ready: Callable[[int], Awaitable[None] | None] | None = None) -> int:
    """Run until SIGTERM/SIGINT (or `stop`): web server, channels, background workers; then shut down cleanly."""
    core = await build_core(settings)
    channels = make_channels(core)
    app = create_app(core)
    for channel in channels:
        channel.install(app)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, settings.host, settings.port)
    await site.start()
    port = site._server.sockets[0].getsockname()[1] if site._server and site._server.sockets else settings.port  # type: ignore[union-attr]
    if not channels:
        log.warning("no chat channel configured (set TELEGRAM_BOT_TOKEN or WHATSAPP_*): serving HTTP only")
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # not the main thread (tests)
            pass
    try:
        for channel in channels:
            await channel.start()
        log.info("laporbot serving", extra={"port": port, "channels": [type(c).__name__ for c in channels]})
        print(f"laporbot listening on {settings.host}:{port}", flush=True)
        if ready is not None:
            result = ready(port)
            if asyncio.iscoroutine(result):
                await result
        await stop.wait()
    finally:
        log.info("shutting down")
        for channel in channels:
            await channel.stop()
        await runner.cleanup()
        await core.close()
    return 0
