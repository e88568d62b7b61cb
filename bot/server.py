"""The one web server per process: health, readiness, channel webhooks; and the channels themselves."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hmac
import logging
import re
import signal
import socket
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.app import Core, section_of
from bot.core.clock import Clock
from bot.ops import metrics, supervisor
from bot.settings import Settings, TelegramSettings
from bot.understanding.agency_directory import AgencyDirectory
from bot.understanding.place_directory import PlaceDirectory
from bot.wiring import build_core, read_sections
from flows.engine import Engine
from models.db import PendingMigration

log = logging.getLogger("laporbot.server")

CORE = web.AppKey("core", Core)
# --- ops: set once SIGTERM arrives; /readyz then answers 503 and webhooks are refused (redelivered elsewhere) ---
DRAINING = web.AppKey("draining", asyncio.Event)
Installer = Callable[[web.Application, Core], None]


async def healthz(request: web.Request) -> web.Response:
    """The process is up."""
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    """The database answers, its schema is current, and it takes a write (the heartbeat row, committed)."""
    core = request.app[CORE]
    if request.app[DRAINING].is_set():  # --- ops: shutting down, send traffic elsewhere ---
        return web.json_response({"status": "unavailable", "reason": "shutting down"}, status=503)
    # --- poison: a background task (polling, workers, schedulers) down too long means this replica is not working
    down = supervisor.down_longer_than(_task_down_seconds(core))
    if down:
        return web.json_response({"status": "unavailable", "reason": "task down: " + ",".join(down)}, status=503)
    # --- end poison ---
    try:
        current = await asyncio.wait_for(core.db.is_current(), timeout=3)
    except Exception as error:  # any failure to reach the database means "not ready"
        return web.json_response({"status": "unavailable", "reason": type(error).__name__}, status=503)
    if not current:
        return web.json_response({"status": "unavailable", "reason": "migrations pending"}, status=503)
    # --- doors: reads kept working on a SQLite file that could no longer be written; only a write proves it ---
    from models.ops import write_probe

    try:
        await asyncio.wait_for(write_probe(core.db).check(), timeout=3)
    except Exception as error:
        return web.json_response({"status": "unavailable", "reason": f"database not writable: "
                                  f"{type(error).__name__}"}, status=503)
    return web.json_response({"status": "ready"})


def _task_down_seconds(core: Core) -> float:
    """LAPORBOT_TASK_DOWN_SECONDS: how long a supervised task may be down before /readyz says 503."""
    from bot.conversation.guards import OpsSettings

    return core.section(OpsSettings).task_down


def create_app(core: Core, installers: tuple[Installer, ...] = ()) -> web.Application:
    """The aiohttp application with every HTTP endpoint of the project."""
    app = web.Application(client_max_size=4 * 1024 * 1024, middlewares=[_ops_middleware])
    app[CORE] = core
    app[DRAINING] = asyncio.Event()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    # --- ops: Prometheus metrics (bot/ops/metrics.py), unless LAPORBOT_METRICS=0. doors: on this public server
    # only behind LAPORBOT_METRICS_TOKEN; otherwise on the metrics listener alone (metrics_app) ---
    if metrics_enabled(core) and core.settings.metrics_token:
        app.router.add_get("/metrics", _guarded_metrics)
    # --- end ops ---
    for install in installers:
        install(app, core)
    return app


# --- doors: /metrics off the public port unless a bearer token guards it ---
def metrics_enabled(core: Core) -> bool:
    """LAPORBOT_METRICS is not 0."""
    from bot.conversation.guards import OpsSettings

    return core.section(OpsSettings).metrics


async def _guarded_metrics(request: web.Request) -> web.StreamResponse:
    """/metrics for a scraper that shows `Authorization: Bearer <LAPORBOT_METRICS_TOKEN>` (when one is set)."""
    core = request.app[CORE]
    token = core.settings.metrics_token
    if token:
        given = request.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return web.Response(status=401, headers={"WWW-Authenticate": "Bearer"})
    body, content_type = await metrics.exposition(core)
    return web.Response(body=body, headers={"Content-Type": content_type})


def metrics_app(core: Core) -> web.Application:
    """The metrics listener's own application: /metrics only (LAPORBOT_METRICS_HOST:LAPORBOT_METRICS_PORT)."""
    app = web.Application()
    app[CORE] = core
    app.router.add_get("/metrics", _guarded_metrics)
    return app


async def start_metrics_listener(core: Core) -> web.AppRunner | None:
    """The metrics listener, unless metrics are off or LAPORBOT_METRICS_PORT=off; a busy port is logged, not fatal.

    Metrics matter less than citizens' messages: a second process on the same host (or a port taken by
    something else) must not keep the bot from starting.
    """
    settings = core.settings
    if not metrics_enabled(core) or settings.metrics_port is None:
        return None
    runner = web.AppRunner(metrics_app(core), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, settings.metrics_host, settings.metrics_port)
    try:
        await site.start()
    except OSError as error:
        log.error("metrics listener not started", extra={"host": settings.metrics_host,
                                                         "port": settings.metrics_port, "error": str(error)})
        await runner.cleanup()
        return None
    port = runner.addresses[0][1] if runner.addresses else settings.metrics_port
    log.info("metrics listening", extra={"host": settings.metrics_host, "port": port})
    return runner
# --- end doors ---


# --- ops: a request id on every log line of a request; webhooks refused while draining ---
_REQUEST_ID = re.compile(r"[^A-Za-z0-9_.:-]")


@web.middleware
async def _ops_middleware(request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
                          ) -> web.StreamResponse:
    """Bind the request id for logs; while draining, refuse webhooks so the sender retries another replica."""
    from bot.core import logs
    given = _REQUEST_ID.sub("", request.headers.get("X-Request-Id", ""))[:64]
    token = logs.bind(request_id=given or uuid.uuid4().hex[:16])
    try:
        if request.method == "POST" and request.path.startswith("/webhooks/") and request.app[DRAINING].is_set():
            return web.Response(status=503, text="shutting down")
        return await handler(request)
    finally:
        logs.reset(token)
# --- end ops ---


def make_channels(core: Core) -> list[Any]:
    """The channels configured in the settings."""
    settings = core.settings
    channels: list[Any] = []
    if settings.telegram_token:
        from handlers.telegram.adapter import Throttle
        from handlers.telegram.channel import TelegramChannel, make_bot

        rates = core.section(TelegramSettings)  # config check reports wrong values
        bot = make_bot(settings.telegram_token, settings.telegram_api_base_url, settings.telegram_file_base_url,
                       rates.transport)
        throttle = Throttle(rates.rate, rates.chat_burst)
        telegram = TelegramChannel(core, bot, webhook_url=settings.telegram_webhook_url,
                                   webhook_secret=settings.telegram_webhook_secret, throttle=throttle,
                                   group_commit_wait=settings.group_commit_wait.total_seconds())
        channels.append(telegram)
        # --- admin in chat (handlers/telegram/admin.py): admins' buttons and commands, citizens' answers first ---
        from handlers.telegram.admin import attach_admin

        attach_admin(core, telegram)
        # --- end admin ---
    # --- WhatsApp Cloud API (handlers/whatsapp/channel.py): on when WHATSAPP_PHONE_NUMBER_ID and
    # WHATSAPP_ACCESS_TOKEN are set; runs beside Telegram on the same web server ---
    if "whatsapp" in settings.channels:
        from handlers.whatsapp.channel import make_whatsapp_channel

        whatsapp = make_whatsapp_channel(core, settings.group_commit_wait.total_seconds())
        if whatsapp is not None:
            channels.append(whatsapp)
    # --- end WhatsApp ---
    return channels


async def serve(settings: Settings, *, stop: asyncio.Event | None = None,
                ready: Callable[[int], Awaitable[None] | None] | None = None, clock: Clock | None = None,
                new_tracking_no: Callable[[], str] | None = None, agencies: AgencyDirectory | None = None,
                places: PlaceDirectory | None = None, engine: Engine | None = None, listen_fd: int | None = None,
                worker: int | None = None, migrate: bool = True, migration: PendingMigration | None = None) -> int:
    """Run until SIGTERM/SIGINT (or `stop`): web server, channels, background workers; then shut down cleanly.

    listen_fd, worker: this process is worker `worker` of `laporbot run --workers N` (bot/ops/workers.py), serving
    on the socket its parent bound (migrate: False there, the parent did); only worker 0 opens the metrics listener.
    migration: the migration a child process runs (`laporbot run` starts one), so Alembic never stays in memory.

    clock, new_tracking_no, agencies, places and engine go to build_core (the system clock, random numbers, the
    configured catalogs and flows when not given): a caller running the server inside its own process (tests)
    passes them. A caller that passes `stop` owns the shutdown, so no signal handler is installed then.
    """
    # --- ops: the guard stages' settings (bot/wiring.py builds the pipeline with them) ---
    from bot.conversation import guards as abuse
    from bot.ops import retention as privacy_retention
    sections = read_sections(settings)  # every section, once: the process reads the environment no more
    ops = section_of(sections, abuse.OpsSettings, checked=True)
    # --- end ops ---
    core = await build_core(settings, ops=ops, clock=clock, new_tracking_no=new_tracking_no, agencies=agencies,
                            places=places, engine=engine, sections=sections, migrate=migrate,
                            migration=migration)
    channels = make_channels(core)
    # --- admin in chat (handlers/telegram/admin.py): the admin outbox sender and the SLA scheduler loop ---
    from handlers.telegram.admin import admin_handlers

    admins = admin_handlers(channels)
    # --- end admin ---
    # --- ops ---
    background = asyncio.Event()  # stops the ops loops
    from bot.voice.wiring import run_worker  # --- voice: notes heard by the transcription worker (bot/voice/) ---

    voice = run_worker(core, background)
    # --- poison: supervised (restarted with backoff when they fail, shown in /readyz and laporbot_task_up) ---
    retention = supervisor.supervise("retention", lambda: privacy_retention.retention_loop(
        core.db, core.clock, ops.retention, ops.retention_interval, background), stop=background)
    checkpoints = (supervisor.supervise("checkpoints", lambda: core.db.checkpoint_loop(background), stop=background)
                   if core.db.is_sqlite else asyncio.create_task(core.db.checkpoint_loop(background)))  # SQLite only
    # --- end ops ---
    # --- forwarding: our Open311 read API on this server, and the outbox workers + status poller ---
    from bot.forwarding.fetchers import attachment_fetchers
    from bot.forwarding.open311_api import add_open311_routes
    from bot.forwarding.workers import run_workers

    # each channel's files (photos, voice notes) are uploaded with the complaint when the central API takes them
    # (fetchers built anew on each start: run_workers closes them when it ends)
    forwarding = supervisor.supervise("forwarding", lambda: run_workers(
        core, stop=background, fetchers=attachment_fetchers(core)), stop=background)
    # --- end forwarding ---
    app = create_app(core, installers=(add_open311_routes,))
    for channel in channels:
        channel.install(app)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=ops.shutdown_grace)
    await runner.setup()
    site: web.BaseSite = (web.SockSite(runner, socket.socket(fileno=listen_fd)) if listen_fd is not None
                          else web.TCPSite(runner, settings.host, settings.port))
    await site.start()
    # --- doors --- (one metrics listener per host: worker 0's when there are several)
    metrics_runner = await start_metrics_listener(core) if not worker else None
    port = site._server.sockets[0].getsockname()[1] if site._server and site._server.sockets else settings.port  # type: ignore[union-attr]
    if not channels:
        log.warning("no chat channel configured (set TELEGRAM_BOT_TOKEN or WHATSAPP_*): serving HTTP only")
    if stop is None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            try:
                loop.add_signal_handler(sig, stop.set)
            except (NotImplementedError, RuntimeError):  # not the main thread
                pass
    try:
        for channel in channels:
            await channel.start()
        for handler in admins:  # --- admin: started once the bot has met the Bot API ---
            await handler.start()
        # The catalogs loaded at start (agencies, regions, locales) are millions of long-lived objects; a full
        # garbage collection walking them all stalls every conversation for ~150 ms. Frozen, gc skips them.
        gc.collect()
        gc.freeze()
        log.info("laporbot serving", extra={"port": port, "channels": [type(c).__name__ for c in channels]})
        print(f"laporbot listening on {settings.host}:{port}", flush=True)
        if ready is not None:
            result = ready(port)
            if asyncio.iscoroutine(result):
                await result
        await stop.wait()
    finally:
        # --- ops: graceful shutdown. 1. not ready, no new webhooks; 2. the web server stops listening and
        # waits for in-flight requests (their updates commit and queue their sends); 3. channels stop
        # polling and finish sending; 4. leases this process holds are given back; 5. the database. ---
        log.info("shutting down")
        app[DRAINING].set()
        background.set()
        await runner.cleanup()
        if metrics_runner is not None:  # --- doors ---
            await metrics_runner.cleanup()
        for handler in admins:  # --- admin: stopped before the bot's transport closes ---
            await handler.stop()
        for channel in channels:
            await channel.stop()
        retention.cancel()
        await asyncio.gather(forwarding, checkpoints, *filter(None, [voice]), return_exceptions=True)  # leases back
        with contextlib.suppress(asyncio.CancelledError):
            await retention
        with contextlib.suppress(Exception):  # the database may be the reason we stop
            await core.ledger.release(core.db)
            await privacy_retention.release_all(core.db, core.clock)
        await core.close()
        log.info("stopped")
        # --- end ops ---
    return 0
