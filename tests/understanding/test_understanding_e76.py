"""Round 76 (h-tuneE): the problem told by what it does to us, no office named. Power that rises and falls, the free
treatment card refused, a name struck from the list the state pays for, a river turned a colour, livestock loose on
the road, ground that cracks under homes, a bitten child's rabies shot, frost, a Balinese irrigation channel, a
house burnt ('kobong'), a factory's smell, Madurese wells gone dry ('kerreng'). Fresh sentences written for this
file, none copied from a story set."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first, ranked


def test_voltage_that_drops_every_evening_is_the_grid(catalog: AgencyCatalog) -> None:
    # no outage is said: only what the weak power does to the fan and the rice cooker
    assert (
        first(
            catalog,
            "tegangan di rumah kami tiap habis magrib drop, kipas angin muter pelan dan rice cooker "
            "nggak mau panas. Kabupaten Sleman",
        )
        == "pln"
    )


def test_the_free_treatment_card_refused_is_bpjs_kesehatan(catalog: AgencyCatalog) -> None:
    # 'kartu berobat' is how many say the JKN/KIS card; the clinic only refused it
    assert (
        first(catalog, "kartu berobat ibu saya ditolak di klinik, katanya sudah tidak aktif. Kota Yogyakarta")
        == "bpjs-kesehatan"
    )


def test_a_health_card_blocked_is_bpjs_kesehatan(catalog: AgencyCatalog) -> None:
    assert (
        first(catalog, "kartu sehat anak saya diblokir, padahal baru bulan lalu dipakai. Kabupaten Sleman")
        == "bpjs-kesehatan"
    )


def test_a_name_struck_from_the_list_is_the_social_office(catalog: AgencyCatalog) -> None:
    # who is paid for is the social office's data; BPJS, whose card it switched off, is still offered
    found = ranked(
        catalog,
        "nenek saya tiba-tiba dicoret dari data penerima, kartu berobatnya jadi tidak berlaku. Kabupaten Sleman",
    )
    assert found[0] == "34.04-dinsos"
    assert "bpjs-kesehatan" in found


def test_a_river_turned_red_is_pollution_not_fisheries(catalog: AgencyCatalog) -> None:
    assert (
        first(
            catalog,
            "sungai di belakang pasar sekarang warnanya merah pekat tiap pagi, ikan-ikan mengambang. Kabupaten Sleman",
        )
        == "34.04-dlh"
    )


def test_goats_and_buffalo_loose_on_the_road_are_public_order(catalog: AgencyCatalog) -> None:
    assert (
        first(
            catalog,
            "kambing dan kerbau tetangga dibiarkan lepas di jalan kabupaten, pengendara motor sering "
            "kaget. Kabupaten Sleman",
        )
        == "34.04-satpolpp"
    )


def test_ground_cracking_behind_the_house_is_the_disaster_office(catalog: AgencyCatalog) -> None:
    # 'tanah' here is the ground moving, no land title
    assert (
        first(catalog, "tanah di belakang rumah kami merekah panjang, dinding dapur ikut retak. Kabupaten Sleman")
        == "34.04-bpbd"
    )


def test_a_bitten_childs_rabies_shot_is_the_health_office(catalog: AgencyCatalog) -> None:
    # the stray dog is the livestock office's; the shot the bitten child needs is the clinic's
    assert (
        first(
            catalog,
            "anak tetangga digigit anjing liar, di puskesmas bilang stok suntik anti rabies habis. Kabupaten Sleman",
        )
        == "34.04-dinkes"
    )


def test_frost_killing_the_crops_is_the_disaster_office(catalog: AgencyCatalog) -> None:
    assert (
        first(
            catalog, "embun beku turun tiga malam berturut-turut, kentang dan kol warga layu semua. Kabupaten Wonosobo"
        )
        == "33.07-bpbd"
    )


def test_a_balinese_irrigation_channel_is_public_works(catalog: AgencyCatalog) -> None:
    # 'telabah' is the subak's channel: the irrigation office's (Public Works in the kabupaten), not agriculture
    assert (
        first(catalog, "telabah yang mengairi sawah kami tersumbat batu sejak banjir kemarin. Kabupaten Tabanan")
        == "51.02-pupr"
    )


def test_a_house_burnt_said_in_javanese_is_the_fire_service(catalog: AgencyCatalog) -> None:
    assert (
        first(catalog, "omah mbahku kobong wingi sore, wong sak kampung mung iso nonton. Kabupaten Klaten")
        == "33.10-damkar"
    )


def test_a_factorys_smell_reaching_a_school_is_the_environment_office(catalog: AgencyCatalog) -> None:
    # the pupils who smell it say who suffers, not who should act
    assert (
        first(
            catalog, "pabrik pengolahan karet dekat sekolah baunya sampai ke kelas, murid-murid mual. Kabupaten Sleman"
        )
        == "34.04-dlh"
    )


def test_wells_gone_dry_said_in_madurese_is_the_disaster_office(catalog: AgencyCatalog) -> None:
    assert (
        first(catalog, "sumur warga kerreng kabbhi, kemarau panjang sudah empat bulan. Kabupaten Sampang")
        == "35.27-bpbd"
    )
