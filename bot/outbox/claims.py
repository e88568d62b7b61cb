"""Graceful shutdown: which replies this process claimed for sending, so none stays leased when it stops.

A channel's batch queues its replies already claimed ("sending", leased for a minute) and sends them
right after the commit. If the process stops between the two (a poll cancelled at shutdown), the lease
would hold those replies back from every other replica for the rest of the minute. The ledger remembers
the claims of the last lease period and gives back the ones still unsent when the process stops.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Sequence
from datetime import timedelta

from models import workqueue
from models.db import Database
from models.tables import OUTGOING

log = logging.getLogger("laporbot.lifecycle")


class ClaimLedger:
    """Outgoing ids claimed by this process during the last lease period."""

    def __init__(self, lease: timedelta = timedelta(seconds=60)) -> None:
        self.lease = lease.total_seconds()
        self._claims: OrderedDict[int, float] = OrderedDict()

    def add(self, ids: Sequence[int]) -> None:
        """Remember fresh claims; forget the ones whose lease ran out (others may take them now anyway)."""
        now = time.monotonic()
        for outgoing_id in ids:
            self._claims[outgoing_id] = now
        while self._claims and next(iter(self._claims.values())) < now - self.lease:
            self._claims.popitem(last=False)

    @property
    def ids(self) -> list[int]:
        """The claims still within their lease."""
        self.add(())
        return list(self._claims)

    async def release(self, db: Database) -> int:
        """Put this process's unsent claimed replies back in the queue; returns how many."""
        ids = self.ids
        released = 0
        for start in range(0, len(ids), 500):
            async with db.write() as session:
                released += await workqueue.release(session, OUTGOING, keys=ids[start:start + 500])
        self._claims.clear()
        if released:
            log.info("released claimed replies", extra={"count": released})
        return released

