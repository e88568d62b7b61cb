"""Round 78 (h-tuneC2): what the story reader fills without asking, end to end (bench/routed.py). A crossing said with
no "dari" ("perahu penyeberangan A ke B") whose starting end the region data only doubts is asked, not filled as the
other end. Fresh sentences, written for this file (none copied from a story set)."""

from __future__ import annotations

from tests.understanding.conftest import filled_region as _filled


def test_a_crossing_said_without_dari_from_a_doubted_end_is_asked() -> None:
    # the harbour of Majingklak is across the water, in Pangandaran; a Desa Majingklak lies in Cilacap's hills: the
    # story does not say which side's office, so asked
    assert _filled("kapal penyeberangan majingklak ke kampung laut sering telat, pelampungnya cuma sedikit") is None
    assert _filled("perahu majingklak ke kampung laut cilacap kelebihan muatan tiap sore, anak sekolah ikut") is None


def test_an_errand_said_as_an_aim_is_where_the_teller_means_to_go() -> None:
    # the trouble is the fee at the village office; the hospital in the kota is what the letter was for: asked
    assert (
        _filled("Surat pengantar di kantor desa ditarik 100 ribu, untuk berobat ibu ke rumah sakit di kota Bengkulu")
        is None
    )
    assert (
        _filled("Kades minta uang rokok buat tanda tangan surat, biar bisa urus KTP di dukcapil kota Kupang. tolong")
        is None
    )
