"""Round 74 (h-tuneA): hauling trucks breaking a rule of the road decide over the road they break, a market said in
disorder is its office's to arrange, a village drinking from a spring or the rain has no water company; fresh
sentences for each rule, written for this file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_hauling_trucks_in_banned_hours_are_the_transport_office_over_the_road(catalog: AgencyCatalog) -> None:
    # the trucks' hours are the transport office's to enforce; the broken road is what they cost
    assert first(catalog, "truk tambang lewat jalan umum siang hari padahal dilarang, jalan desa jadi hancur dan "
                          "berlubang. kami di Kabupaten Muara Enim") == "16.03-dishub"


def test_overloaded_hauling_trucks_are_the_transport_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "truk pasir muatan lebih tiap hari lewat sini, aspal jalan kabupaten sudah retak retak. "
                          "kami warga Kabupaten Lumajang") == "35.08-dishub"
    # ...but with nothing said of hours, loads or speed the road is the complaint
    assert first(catalog, "jalan kabupaten rusak parah dan berlubang, truk pasir lewat terus. kami di Kabupaten "
                          "Lumajang") == "35.08-pupr"


def test_a_market_in_disorder_is_the_market_office(catalog: AgencyCatalog) -> None:
    # the market said first and in disorder, its traders spilling out: the market's office arranges it
    assert first(catalog, "pasar induk kami semrawut sekali, pedagang jualan di badan jalan, angkot susah lewat. "
                          "kami di Kabupaten Gorontalo") == "75.01-disperindag"
    # ...not hawkers said first (what is complained of; the market is where they are)
    assert first(catalog, "pkl di sekitar alun alun dan pasar makin semrawut, trotoar dipakai jualan, tolong "
                          "ditertibkan. kami di Kota Bukittinggi") == "13.75-satpolpp"
    # ...nor a market whose parking is in disorder
    assert first(catalog, "pasar kami parkirnya semrawut, jukir minta lima ribu. kami di Kota "
                          "Bukittinggi") != "13.75-disperindag"


def test_a_village_drinking_from_a_spring_is_public_works(catalog: AgencyCatalog) -> None:
    # no water company's pipe reaches it: the village's drinking-water works are Public Works'
    assert first(catalog, "air bersih di dusun kami susah, ibu ibu ambil air dari mata air di bawah bukit. kami di "
                          "Kabupaten Sumba Timur") == "53.11-pupr"
    assert first(catalog, "kampung kami belum ada air bersih, kami minum air hujan yang ditampung di drum. kami di "
                          "Kabupaten Sumba Timur") == "53.11-pupr"
    # ...but with the water company named it stays the water company's
    assert first(catalog, "air PDAM tidak mengalir seminggu, kami terpaksa ambil air dari mata air. kami di "
                          "Kabupaten Sumba Timur") == "53.11-pdam"
    # ...and a drought's emergency stays the disaster office's
    assert first(catalog, "kekeringan parah, mata air sudah habis, mohon kiriman air bersih. kami di Kabupaten "
                          "Sumba Timur") == "53.11-bpbd"


def test_water_a_mine_fouled_is_the_environment_office(catalog: AgencyCatalog) -> None:
    # the river turned turbid is water fouled: the environment office's (LABELLING.md's mine ruling)
    assert first(catalog, "sejak ada tambang pasir di hulu, air sungai jadi keruh coklat, warga tidak bisa mandi. "
                          "kami di Kabupaten Kolaka") == "74.01-dlh"
    # ...but an unlicensed mine the teller asks to be stopped by force is the police's
    assert first(catalog, "tambang emas ilegal di hulu, air sungai keruh sekali, tolong aparat tindak "
                          "penambangnya. kami di Kabupaten Kolaka") == "polri"
