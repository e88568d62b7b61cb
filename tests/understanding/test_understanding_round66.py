"""Round 66: fresh sentences for each rule kept, written for this file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_a_boat_without_a_timetable_is_the_transport_offices(catalog: AgencyCatalog) -> None:
    # the pupil or the patient it strands is who suffers; the timetable is the transport office's to set
    assert first(catalog, "perahu motor dari pulau kami ke ibu kota Kabupaten Kepulauan Selayar tidak ada jadwal, "
                          "anak SMP sering bolos sekolah") == "73.01-dishub"
    assert first(catalog, "speedboat dari kampung kami ke Waisai Kabupaten Raja Ampat cuma 2 kali seminggu, orang "
                          "sakit terpaksa menunggu") == "96.03-dishub"
