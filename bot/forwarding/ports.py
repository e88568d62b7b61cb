"""The narrow ports forwarding's modules receive: what each uses of the process (bot.app.Core has them all).

Callers pass the Core; each module names only the parts it reads, so a test (or another process) can give less.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from bot.config.reader import Section
    from bot.conversation.services import ComplaintHook
    from bot.conversation.status import StatusChanger
    from bot.core.clock import Clock
    from bot.settings import Settings
    from bot.understanding.agency_directory import AgencyDirectory
    from flows.engine import Engine
    from models.db import Database

S = TypeVar("S", bound="Section")


class Sections(Protocol):
    """The feature settings the composition root read (bot.app.Core.section)."""

    def section(self, kind: type[S], *, checked: bool = False) -> S: ...


class Polling(Protocol):
    """What the status poller uses (poller.py: StatusPoller)."""

    db: Database
    clock: Clock
    status: StatusChanger


class Forwarding(Polling, Protocol):
    """What an outbox worker uses (forwarder.py: Forwarder): the poller's parts and the words."""

    engine: Engine


class Jobs(Polling, Sections, Protocol):
    """What the operator views and retries use (jobs.py)."""


class ChannelFiles(Sections, Protocol):
    """What the chat channels' file fetchers are made of (fetchers.py: channel_fetchers; also the voice notes'):
    the channels' settings sections and their problems too (the WhatsApp fetcher logs its own)."""

    settings: Settings
    db: Database

    def problems(self, kind: type[Section]) -> list[str]: ...


class Fetching(ChannelFiles, Sections, Protocol):
    """What forwarding's attachment fetchers use (fetchers.py: attachment_fetchers): the files, and its settings."""


class Open311(Sections, Protocol):
    """What our Open311 read API uses (open311_api.py)."""

    settings: Settings
    db: Database
    clock: Clock
    engine: Engine
    agencies: AgencyDirectory


class Wiring(Forwarding, Sections, Protocol):
    """What wiring forwarding into a process and running its workers use (workers.py): the complaint hooks too."""

    settings: Settings
    hooks: list[ComplaintHook]


__all__ = ["ChannelFiles", "Fetching", "Forwarding", "Jobs", "Open311", "Polling", "Sections", "Wiring"]
