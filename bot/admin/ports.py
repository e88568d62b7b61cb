"""The narrow ports the admin side receives: what it uses of the process (bot.app.Core has them all).

Callers pass the Core; the admin side names only the parts it reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from bot.config.reader import Section
    from bot.conversation.inbox import Inbox
    from bot.conversation.services import ComplaintHook
    from bot.conversation.status import StatusChanger
    from bot.core.clock import Clock
    from bot.understanding.agency_directory import AgencyDirectory
    from bot.understanding.place_directory import PlaceDirectory
    from flows.engine import Engine
    from models.db import Database

S = TypeVar("S", bound="Section")


class Parts(Protocol):
    """What the admin side uses (AdminBase and the features on it: questions, actions; the scheduler; a channel's
    cards and admin sender, through `admin.core`)."""

    db: Database
    engine: Engine
    clock: Clock
    agencies: AgencyDirectory
    places: PlaceDirectory
    inbox: Inbox
    status: StatusChanger


class Hooks(Protocol):
    """Where the admin side is installed, and found again (cases.py: admin_of)."""

    hooks: list[ComplaintHook]


class Installing(Parts, Hooks, Protocol):
    """What installing the admin side uses (cases.py: install): its parts, the hooks and its settings section."""

    def section(self, kind: type[S], *, checked: bool = False) -> S: ...


__all__ = ["Hooks", "Installing", "Parts"]
