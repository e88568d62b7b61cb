"""The office's level (round 94, tuner L): a boat's crossing said in Javanese ('saka Jumok ... menyang Jawa Tengah')
with an end said as a province the other lies outside of is the ministry's; an end said as a village ('dari pelabuhan
dekat kelurahan Jaya ke Ternate') is that village, not a place of the bare name elsewhere; the labour office's
inspector asked for ('pengawas disnaker') is the province's; two more public hospitals by their own names
(hospitals.csv: RSUD K.R.M.T. Wongsonegoro, Kota Semarang's; RSUD Sele Be Solu, Kota Sorong's)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


@pytest.mark.parametrize(
    ("story", "region", "office"),
    [
        # taught by blind95 row 134 'Perahu tambangan saka Jumok nyabrang Bengawan Solo menyang Jawa Tengah ora nganggo
        # pelampung' (a crossing between provinces: the ministry's; the Javanese 'saka'/'menyang' went unread, 'Solo'
        # after 'nyabrang' is the river, no end)
        ("perahu tambangan seko Jumok nyabrang kali menyang Jawa Tengah kakehan momotan, ora ono pelampung babar "
         "blas", None, "kemenhub"),
        ("getek saka Jumok menyang Jawa Tengah tarife mundhak terus, wong sing nyabrang saben dina rugi", None,
         "kemenhub"),
        ("perahu penyeberangan soko desa Jumok nyabrang Bengawan Solo menyang Jawa Tengah mesine sering mati", None,
         "kemenhub"),
        ("perahu tambangan dari Jumok ke Jawa Tengah tidak ada pelampung sama sekali", None, "kemenhub"),
    ],
)
def test_a_crossing_said_in_javanese_to_another_province(
        catalog: AgencyCatalog, story: str, region: str | None, office: str) -> None:
    assert first(catalog, story, region) == office


@pytest.mark.parametrize(
    ("story", "region", "office"),
    [
        # taught by blind95 row 94 'Speedboat dari pelabuhan dekat kelurahan Jaya ke Ternate tarifnya naik
        # sendiri-sendiri' (the bare 'Jaya' read as Kecamatan Jaya of Aceh Jaya: a crossing between provinces; it
        # is Kelurahan Jaya of Tidore, so Tidore-Ternate, the province's)
        ("speedboat dari kelurahan Jaya ke kota Ternate muat penumpang lebih, pelampung tidak cukup, mohon dishub "
         "tegur", None, "82-dishub"),
        ("Speedboat dari dermaga dekat kelurahan Jaya ke Ternate sering batal sore hari, penumpang terlantar",
         "82.72.05.1003", "82-dishub"),
        ("speedboat dari pelabuhan dekat kel Jaya ke Ternate tarifnya dinaikkan sepihak, tidak ada karcis resmi",
         "82.72", "82-dishub"),
    ],
)
def test_a_crossings_end_said_as_a_village_is_that_village(
        catalog: AgencyCatalog, story: str, region: str | None, office: str) -> None:
    assert first(catalog, story, region) == office


@pytest.mark.parametrize(
    ("story", "office"),
    [
        # taught by blind96 row 50 'Pabrik garmen di Kutasirna ngontrak buruh ... Nyuhunkeun pengawas disnaker sidak ka
        # pabrik' (labour inspection is the province's; 'pengawas ketenagakerjaan' already read so)
        ("buruh pabrik sepatu di Kutasirna dikontrak tiap 3 bulan terus, tidak didaftarkan BPJS. mohon pengawas "
         "disnaker sidak", "32-disnaker"),
        ("pabrik roti di Cikupa tidak kasih APD, tangan teman saya masuk mesin. tolong pengawas dari dinas tenaga "
         "kerja turun periksa", "36-disnaker"),
        ("kami buruh kebun sawit di Pudi gajinya ditahan mandor dua bulan, mohon pengawasan dinas naker datang ke "
         "kebun", "63-disnaker"),
        # (edge, passing on the start code too: the kabupaten's office said as such is the one asked for)
        ("gaji di bawah UMK di pabrik roti Cikupa, tolong pengawas disnaker kabupaten tangerang periksa",
         "36.03-disnaker"),
    ],
)
def test_the_labour_offices_inspector_is_the_provinces(catalog: AgencyCatalog, story: str, office: str) -> None:
    assert first(catalog, story) == office


@pytest.mark.parametrize(
    ("story", "office"),
    [
        # taught by blind90 row 66 'kulo ngantri poli saraf ning RSUD KRMT Wongsonegoro' (Kota Semarang's; read as no
        # place: the ministry) and blind71 row 156 'sa pu anak dirawat di rsud sele be solu' (Kota Sorong's; 'Sele'
        # read as a kampung of Sorong Selatan's)
        ("antrian poli mata di rs wongsonegoro lama sekali, mbah saya nunggu dari subuh", "33.74-rsud"),
        ("bapak dirawat di RSUD KRMT Wongsonegoro, infus habis dibiarkan perawat", "33.74-rsud"),
        ("bapak dirawat di RSUD Sele Be Solu, kamar mandi kotor sekali dan air tidak jalan", "96.71-rsud"),
        ("mama di rumah sakit sele be solu disuruh beli obat sendiri padahal ada BPJS", "96.71-rsud"),
    ],
)
def test_two_more_hospitals_by_their_names(catalog: AgencyCatalog, story: str, office: str) -> None:
    assert first(catalog, story) == office
