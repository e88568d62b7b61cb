"""Round 78 (h-tuneA): a flood or landslide with people cut off or fled is the disaster office's emergency; a street
light out said after a broken road is one more fault of the road; a drain or irrigation channel said full of rubbish or
mud is blocked. Fresh sentences for each rule, written for this file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_a_breach_with_people_to_bring_out_is_the_disaster_office(catalog: AgencyCatalog) -> None:
    # the dyke broke tonight and people still wait to be brought out: the emergency itself
    assert first(catalog, "tanggul sungai jebol subuh tadi, air masuk rumah sampai dada, nenek nenek belum "
                          "dievakuasi. kami di Kabupaten Demak") == "33.21-bpbd"
    # ...the dyke left broken for a month is its office's to mend; those who fled it are said by the way
    assert first(catalog, "tanggul sungai jebol bulan lalu belum diperbaiki, air masuk lagi, warga ngungsi ke "
                          "masjid. kami di Kabupaten Demak") != "33.21-bpbd"


def test_a_flood_with_a_dead_pump_and_people_fleeing_is_the_disaster_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "banjir lagi sampai pinggang, pompa gak nyala, warga mau ngungsi kemana. kami di Kota "
                          "Tangerang") == "36.71-bpbd"


def test_a_road_a_landslide_cut_with_a_village_cut_off_is_the_disaster_office(catalog: AgencyCatalog) -> None:
    # the village cut off is the emergency; the road the landslide took is how it shows
    assert first(catalog, "jalan ke dusun kami longsor tadi malam, warga terisolir. kami di Kabupaten "
                          "Banjarnegara") == "33.04-bpbd"


def test_a_street_light_out_after_a_broken_road_is_the_road(catalog: AgencyCatalog) -> None:
    # the broken road said first is the complaint, its dark lights one more of its faults
    assert first(catalog, "jalan di kampung kami banyak lubang, lampu jalan juga mati semua, malam gelap, rawan "
                          "jambret. kami di Kota Palembang") == "16.71-pupr"
    # ...the light said first stays the transport office's
    assert first(catalog, "lampu jalan di kampung kami mati semua, malam gelap, rawan jambret, jalannya juga "
                          "berlubang. kami di Kota Palembang") == "16.71-dishub"
    # ...and lamps said twice over ('lampu-lampu', 'lampu2': many lamps) are street lights, no traffic light
    assert first(catalog, "jalan berlubang, lampu-lampu jalan mati, gelap, rawan kecelakaan. kami di Kota "
                          "Palembang") == "16.71-pupr"


def test_a_channel_full_of_rubbish_is_blocked(catalog: AgencyCatalog) -> None:
    # 'kebek' (Javanese: full): the irrigation channel is blocked, its office dredges it
    assert first(catalog, "sawah kami gak kebagian banyu, saluran e kebek sampah karo endut. kami di Kabupaten "
                          "Indramayu") == "32.12-pupr"
    assert first(catalog, "parit di depan rumah penuh sampah, kalau hujan air masuk rumah. kami di Kota "
                          "Lhokseumawe") == "11.73-pupr"
