"""Round 80 (h-tuneD): which office of the people's services; fresh sentences for each rule, written for this file
(none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_pupils_riding_a_boat_are_its_passengers(catalog: AgencyCatalog) -> None:
    # the pupils ride the boat; the school across the water is where they go
    assert first(catalog, "anak-anak sekolah tiap pagi naik perahu ke SMP di seberang sungai, perahunya bocor dan "
                          "tidak ada pelampung. kami di Kabupaten Cilacap") == "33.01-dishub"
    # ...a pupil said beside a vehicle's driver is a passenger too
    assert first(catalog, "sopir angkot jurusan terminal ke pasar ugal-ugalan, anak sekolah sampai ketakutan. kami "
                          "di Kota Manado") == "71.71-dishub"


def test_the_school_itself_complained_of_keeps_its_office(catalog: AgencyCatalog) -> None:
    # a teacher and a leaking roof are the school's own, though the pupils come by boat
    assert first(catalog, "SMP di seberang sungai atapnya bocor, guru jarang datang, anak-anak naik perahu. kami di "
                          "Kabupaten Cilacap") == "33.01-disdik"


def test_a_widow_or_the_old_not_getting_aid_is_the_social_office(catalog: AgencyCatalog) -> None:
    # a widow said not to get any aid, her papers only said by the way
    assert first(catalog, "nenek tetangga saya janda tinggal sendiri, tidak pernah dapat bantuan apa-apa, KTP nya "
                          "masih yang lama. kami di Kabupaten Lumajang") == "35.08-dinsos"


def test_an_aid_named_for_another_offices_thing_is_that_programme(catalog: AgencyCatalog) -> None:
    # 'bantuan bedah rumah' is the housing programme's, the poor widow who did not get it notwithstanding
    assert first(catalog, "rumah janda miskin di kampung kami hampir roboh, tidak pernah dapat bantuan bedah rumah. "
                          "kami di Kabupaten Lumajang") != "35.08-dinsos"


def test_homes_burned_in_a_conflict_are_the_social_office(catalog: AgencyCatalog) -> None:
    # the fire is over; those whose homes burned in the riot need food and shelter
    assert first(catalog, "rumah-rumah di kampung kami terbakar waktu kerusuhan kemarin, warga tidur di gereja. kami "
                          "di Kabupaten Intan Jaya") == "94.07-dinsos"
    # ...a house on fire with no conflict said is still the fire brigade's
    assert first(catalog, "rumah tetangga terbakar tadi malam, mobil pemadam lama datang. kami di Kabupaten Intan "
                          "Jaya") != "94.07-dinsos"


def test_a_private_hospital_on_bpjs_is_bpjs(catalog: AgencyCatalog) -> None:
    # a private hospital is no RSUD: what it charges a BPJS patient is BPJS's contract to enforce
    assert first(catalog, "bapak dirawat inap di rumah sakit swasta di Kabupaten Klaten pakai BPJS, disuruh bayar "
                          "kamar sendiri") == "bpjs-kesehatan"
