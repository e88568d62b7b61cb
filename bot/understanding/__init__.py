"""Understanding what citizens type: Indonesian normalisation, regions, agencies, categories.

Everything here is synchronous and fast (a lookup is well under 2 ms), so handlers may call it
inline. Only the first use loads data (~1 s for 91k regions + 12k agencies); call `warm_up()` at
startup so that cost is paid in a worker thread, not inside a citizen's first message.
"""

from __future__ import annotations

import asyncio

from bot.understanding.agencies import Agency, AgencyCatalog, AgencyMatch
from bot.understanding.keywords import CATEGORIES, suggest_category
from bot.understanding.normalize import normalize, tokenize
from bot.understanding.regions import Region, RegionIndex, RegionMatch, RegionResolution

__all__ = [
    "CATEGORIES",
    "Agency",
    "AgencyCatalog",
    "AgencyMatch",
    "Region",
    "RegionIndex",
    "RegionMatch",
    "RegionResolution",
    "normalize",
    "suggest_category",
    "tokenize",
    "warm_up",
]


def _load(home: str | None) -> None:
    """Load the default data and prime the caches used by the first lookups."""
    catalog = AgencyCatalog.default()
    suggest_category("")
    catalog.match("dinkes", region=home)
    if home:
        catalog.regions.match("desa", home=home)


async def warm_up(home: str | None = None) -> None:
    """Load regions, the default catalog and keyword tables in a thread (call once at startup)."""
    await asyncio.to_thread(_load, home)
