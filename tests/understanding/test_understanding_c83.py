"""Round 83 (h-tuneC): what the story reader fills without asking. A teller who shares a name with a neighbour says
which one is theirs ("Tegal kota ya, dudu kabupaten", "Ini Salatiga ya, bukan kab Semarang", Sundanese "lain
kabupaten"): the place the whole story reads inside that kabupaten/kota is filled; and the teller's home said later
in a voice note ("… kami dari X Y") is read as at its opening. Fresh sentences, written for this file (none copied
from a story set)."""

from __future__ import annotations

from tests.understanding.conftest import filled_region as _filled


def test_the_kota_said_with_its_namesake_denied_is_filled() -> None:
    assert _filled("Lampu jalan di Kemandungan mati semua sudah sebulan, gelap. Tegal kota ya, dudu kabupaten") == (
        "33.76.01.1003")
    assert _filled("Got di Kutowinangun mampet, air masuk rumah tiap hujan. Ini Salatiga ya, bukan kab Semarang") == (
        "33.73.02")
    # Sundanese "lain": not
    assert _filled("Trotoar di Cikole dipakai parkir motor semua. Sukabumi kota, lain kabupaten") == "32.72.02"
    # a denial of no place names nothing
    assert _filled("jalan rusak bukan main di Manguharjo, sampah juga numpuk seminggu") is None


def test_the_declared_kota_picks_its_own_of_two_namesakes_the_story_reads() -> None:
    # a Sukosari lies in both the kabupaten and the kota of Madiun; the teller says which
    assert _filled("Air PDAM di Sukosari mati tiga hari. Madiun kota lho, dudu kabupaten") == "35.77.01.1002"
    assert _filled("Jalan di Tegallega berlubang besar, motor sering jatuh. Bogor kota ya, bukan kab") == (
        "32.71.03.1007")
    # where the trucks come from, not where the trouble is
    assert _filled("truk pasir dari Pasuruan kab, bukan kota, lewat desa kami tiap malam, jalan hancur") is None


def test_the_tellers_home_said_later_in_a_voice_note_is_filled() -> None:
    assert _filled("sumur warga kering semua, dropping air belum datang. kami dari Mata Allo Bontomarannu") == (
        "73.06.06.2013")
