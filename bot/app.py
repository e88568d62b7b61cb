"""The channel-independent heart of a process (`Core`), and the deployment's agency directory.

bot/wiring.py builds it and the entry points (bot/server.py, bot/cli/) hold it; every other module receives only the
parts it uses, named by a `typing.Protocol` (its narrow port: bot/admin/ports.py, bot/forwarding/ports.py, a channel's
`Parts`, bot/conversation/catchup.py's), which Core satisfies structurally: callers pass the Core itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from bot.config.reader import ConfigError, Section
from bot.conversation.inbox import Inbox
from bot.conversation.services import ComplaintHook
from bot.conversation.status import StatusChanger
from bot.core.clock import Clock
from bot.outbox.claims import ClaimLedger
from bot.outbox.delivery import Deliverer
from bot.settings import Settings
from bot.understanding.agency_directory import AgencyDirectory, CatalogAgencies
from bot.understanding.place_directory import PlaceDirectory
from flows.engine import Engine
from models.db import Database

S = TypeVar("S", bound=Section)
#: Every settings section (bot/sections.py) with its problems, read once from the environment by bot/wiring.py.
Sections = dict[type[Section], tuple[Section, list[str]]]


def section_of(sections: Sections, kind: type[S], *, checked: bool = False) -> S:
    """One section of those read; checked: raise ConfigError listing its problems, if it had any."""
    found, problems = sections[kind]
    if checked and problems:
        raise ConfigError(problems)
    return cast(S, found)


@dataclass
class Core:
    """The channel-independent heart of a laporbot process."""

    settings: Settings
    db: Database
    engine: Engine
    inbox: Inbox
    deliverer: Deliverer
    clock: Clock
    agencies: AgencyDirectory
    places: PlaceDirectory
    status: StatusChanger
    hooks: list[ComplaintHook] = field(default_factory=list)
    ledger: ClaimLedger = field(default_factory=ClaimLedger)  # replies this process claimed, given back at stop
    voice: Any = None  # bot.voice.wiring.Voice: what hears and speaks (its worker runs in `laporbot run`)
    pipeline: Any = None  # bot.voice.stage.VoiceStage: the outermost stage of the turn pipeline (the inbox's)
    # Each feature's settings section with its problems, read once from the environment by bot/wiring.py
    sections: Sections = field(default_factory=dict)

    def section(self, kind: type[S], *, checked: bool = False) -> S:
        """A feature's settings as the composition root read them (bot/wiring.py: read_sections).

        checked: raise ConfigError listing the section's problems, if it had any (as `kind.from_env` would);
        otherwise its values are used as read, the problems being reported where the feature starts.
        """
        return section_of(self.sections, kind, checked=checked)

    def problems(self, kind: type[Section]) -> list[str]:
        """The problems of a feature's section as read (reported where the feature starts)."""
        return list(self.sections[kind][1])

    async def close(self) -> None:
        """Release the database."""
        await self.db.close()


def load_agencies(settings: Settings) -> AgencyDirectory:
    """The deployment's agency CSV if given, else the shipped national catalog."""
    if settings.agencies_csv is not None:
        return agencies_from_csv(settings.agencies_csv)
    from bot.understanding.agencies import AgencyCatalog

    return CatalogAgencies(AgencyCatalog.default())


def agencies_from_csv(path: Path) -> AgencyDirectory:
    """An agency directory from a CSV with at least code and name columns."""
    from bot.understanding.agencies import AgencyCatalog

    return CatalogAgencies(AgencyCatalog.from_csv(path))
