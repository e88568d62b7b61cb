"""The place directory the location step asks: which region (province … village) did the citizen name?"""

from __future__ import annotations

from typing import Any, Protocol

from flows.ports import PlaceCandidate, PlaceResult


class PlaceDirectory(Protocol):
    """Resolves typed places to Kemendagri region codes."""

    def resolve(self, text: str, home: str | None) -> PlaceResult:
        """The most specific region the text names, or up to five to ask about, or nothing."""
        ...

    def label(self, code: str) -> str:
        """A region's full name."""
        ...

    def locate(self, lat: float, lon: float) -> PlaceCandidate | None:
        """The region a GPS point lies in (kabupaten/kota, or kecamatan when clear), or None."""
        ...


class RegionPlaces:
    """The shipped Kemendagri region index (bot.understanding)."""

    def __init__(self, index: Any) -> None:
        self._index = index

    def resolve(self, text: str, home: str | None) -> PlaceResult:
        """Resolve with the deployment's own region ranked first."""
        found = self._index.resolve(text, home=home)
        best = None
        if found.best is not None:
            best = PlaceCandidate(found.best.region.code, self._index.label(found.best.region.code))
        options = tuple(PlaceCandidate(o.region.code, self._index.label(o.region.code)) for o in found.options[:5])
        return PlaceResult(best, options, found.landmark or "")

    def label(self, code: str) -> str:
        """A region's full name."""
        return str(self._index.label(code))

    def locate(self, lat: float, lon: float) -> PlaceCandidate | None:
        """The region of the nearest desa/kelurahan centroids (offline, see bot.understanding.geo)."""
        found = self._index.locate(lat, lon)
        if found is None:
            return None
        return PlaceCandidate(found.region.code, self._index.label(found.region.code))


class NoPlaces:
    """No region data: places stay as typed."""

    def resolve(self, text: str, home: str | None) -> PlaceResult:
        """Nothing is resolved."""
        return PlaceResult(None, (), text)

    def label(self, code: str) -> str:
        """The code itself."""
        return code

    def locate(self, lat: float, lon: float) -> PlaceCandidate | None:
        """No region data: a point stays a point."""
        return None


def default_places() -> PlaceDirectory:
    """The shipped region index, with the village centroids for GPS points loaded (callers run this in a thread)."""
    from bot.understanding import RegionIndex

    index = RegionIndex.default()
    index.load_points()
    return RegionPlaces(index)
