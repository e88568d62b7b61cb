"""Round 87 (h-tuneO): office rules; fresh sentences for each rule, written for this file (none copied from a story
set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first, ranked


def test_drugs_dealt_in_a_village_are_the_polices(catalog: AgencyCatalog) -> None:
    # 'peredaran sabu' (meth going round) or dealing in a house is a crime for the police to raid
    assert first(catalog, "di desa kami di Kampar peredaran sabu makin marak, anak muda banyak yang kena") == "polri"
    assert first(catalog, "ada rumah di kampung kami di Rokan Hulu jadi tempat transaksi sabu, orang keluar masuk "
                          "malam") == "polri"


def test_a_further_landslide_feared_is_the_disaster_offices(catalog: AgencyCatalog) -> None:
    # a further slide feared over the homes below is the disaster office's to assess, though the road it buried is said
    assert first(catalog, "jalan kabupaten di Banjarnegara tertimbun longsor, mohon dicek sebelum longsor susulan, "
                          "rumah warga di bawah tebing") == "33.04-bpbd"


def test_sundanese_ground_moving_is_the_disaster_offices(catalog: AgencyCatalog) -> None:
    # Sundanese 'pergerakan taneuh' is 'pergerakan tanah': a road sinking with it is what the moving ground broke
    assert first(catalog, "di kampung abdi di Cianjur aya gerakan taneuh, tembok imah warga bengkah, jalan desa ge "
                          "amblas") == "32.03-bpbd"


def test_power_cutting_in_and_out_is_plns(catalog: AgencyCatalog) -> None:
    # 'mati idup' (off and on): the supply is PLN's, the set it burnt only what it cost
    assert first(catalog, "mau ngadu listrik di dusun kamek di Jagoi Babang mati idup mati idup, kadang empat kali "
                          "sehari, tipi terbakar, pompa air tak bisa dipakai, tolong ditengok") == "pln"


def test_power_on_only_some_hours_is_plns(catalog: AgencyCatalog) -> None:
    # Ambon 'manyala': power on only a few hours a night is PLN's supply to extend, the spoiled fish what it cost
    assert first(catalog, "di pulau kami di Maluku Tengah listrik cuma manyala enam jam semalam, ikan nelayan di "
                          "freezer busuk semua") == "pln"


def test_the_fishers_diesel_letter_is_the_fisheries_offices(catalog: AgencyCatalog) -> None:
    # the letter that entitles a boat to subsidised diesel ('rekomendasi solar') is the fisheries office's to issue,
    # though the teller said they fish many words before it
    assert first(catalog, "aku iki nelayan teko desa Karangagung Palang Tuban pak, mau ngadu soal eh apa jenenge surat "
                          "rekomendasi solar ku wis mati, diurus maneh sebulan durung dadi, ora iso tuku solar subsidi"
                 ) == "35.23-diskan"


def test_the_rsud_spelled_out_letter_by_letter(catalog: AgencyCatalog) -> None:
    # a voice message spells the acronym out: 'er es u de' is the RSUD, its drugs and nurses what it did
    assert first(catalog, "ibu saya dirawat di er es u de Kebumen tapi disuruh beli obat sendiri di apotek luar, "
                          "perawat juga judes") == "33.05-rsud"


def test_a_child_beaten_at_home_said_verb_first_is_the_protection_offices(catalog: AgencyCatalog) -> None:
    # 'menyiksa anaknya': the blow said before the child is violence at home as 'anak ... dipukul' is
    assert first(catalog, "tetangga saya di Bantul sering menyiksa anaknya, tiap malam anak itu menangis minta "
                          "tolong") == "34.02-dp3a"
    # ...and the step-parent with the bare verb of Eastern Malay ('mama tiri sering tampar dia')
    assert first(catalog, "ada nona kecil di Kota Kupang, dia pung mama tiri sering tampar dia sampe bengkak"
                 ) == "53.71-dp3a"


def test_a_school_said_after_masih_is_how_young_the_child_is(catalog: AgencyCatalog) -> None:
    # 'anak saya masih SMP dan SD': why the family needs the aid, not a school complained of
    assert first(catalog, "bantuan PKH saya di Sukoharjo distop, padahal anak saya masih sekolah SD dan SMP") == (
        "33.11-dinsos")
    assert first(catalog, "tetangga saya di Bantul sering memukuli anaknya yang masih SD, mukanya lebam") == (
        "34.02-dp3a")
    # ...while a school complained of keeps its office, 'masih SD' or not
    assert first(catalog, "anak saya masih SD di Sukoharjo tapi sekolah suruh beli LKS dan seragam mahal") == (
        "33.11-disdik")


def test_foreign_fishing_boats_are_the_fisheries_ministrys(catalog: AgencyCatalog) -> None:
    # foreign boats fishing with trawls are the ministry's patrol, the local fishers only who lose
    assert first(catalog, "kapal ikan asing dari Malaysia sering masuk perairan Bengkalis pakai pukat trawl, "
                          "nelayan tradisional kami kalah") == "kkp"


def test_an_irrigation_channel_a_flood_broke_is_public_works(catalog: AgencyCatalog) -> None:
    # the channel a flood broke is Public Works' to rebuild, the flood how it was lost
    assert first(catalog, "irigasi di desa kami di Bone runtuh kena banjir bandang bulan lalu, petani tidak bisa "
                          "tanam") == "73.08-pupr"
    # ...while a flash flood that took homes, with people fled, is the disaster itself
    assert "73.08-bpbd" in ranked(catalog, "banjir bandang di Bone, rumah warga hanyut, irigasi juga putus, warga "
                                           "mengungsi ke masjid")[:1]
