"""Round 64: fresh sentences for each rule kept, written for this file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first, ranked


def test_the_river_basin_office_by_its_everyday_names(catalog: AgencyCatalog) -> None:
    # 'balai sungai', 'BBWS', 'balai besar wilayah sungai': the ministry's river basin office, named
    assert first(catalog, "waduk di Kabupaten Wonogiri penuh lumpur, mohon BBWS segera keruk") == "kemen-pu"
    assert first(catalog, "sungai di Kabupaten Kudus dangkal sekali, minta balai sungai normalisasi") == "kemen-pu"
    assert first(catalog, "tanggul kali di Kabupaten Pati retak, tolong balai besar wilayah sungai cek") == (
        "kemen-pu")


def test_a_story_that_says_the_nation_runs_it(catalog: AgencyCatalog) -> None:
    # 'kewenangan balai', 'survei dari balai', 'sistem dari kementerian pusat': the ministry runs it
    assert first(catalog, "bendung di Kabupaten Klaten bocor, katanya itu kewenangan balai, bukan desa") == (
        "kemen-pu")
    assert first(catalog, "talud sungai di Kabupaten Demak ambrol, dulu sudah ada survei dari balai tp tidak "
                          "jadi dibangun") == "kemen-pu"
    assert first(catalog, "kartu tani sy di Kabupaten Grobogan tidak bisa dipakai tebus pupuk, itu sistem dari "
                          "kementerian pusat kata petugas kios") == "kementan"
    # ...not a hall that is another ('balai desa'), not a question of which ('pusat atau daerah?'), not denied
    assert first(catalog, "tanggul sungai di Kabupaten Kudus jebol, rapat di balai desa belum ada hasil") == (
        "33.19-pupr")
    assert first(catalog, "jalan desa di Kabupaten Kudus rusak, ini urusan pusat atau daerah?") == "33.19-pupr"
    assert first(catalog, "jalan desa di Kabupaten Kudus rusak, bukan urusan pusat kata orang kecamatan") == (
        "33.19-pupr")


def test_a_dirty_slaughterhouse_is_its_operators(catalog: AgencyCatalog) -> None:
    # the kabupaten runs the slaughterhouse (RPH): dirty, smelly, its waste in a drain: the livestock office fixes it
    assert first(catalog, "rumah potong di Kabupaten Boyolali kumuh, limbahnya menggenang di parit belakang") == (
        "33.09-disnak")
    assert first(catalog, "pejagalan kambing di Kota Tegal becek dan bau, limbahnya kemana2") == "33.76-disnak"
    # ...a farm's waste dumped in a river stays the environment office's
    assert first(catalog, "limbah peternakan ayam di Kabupaten Blitar dibuang ke sungai, baunya menyengat") == (
        "35.05-dlh")


def test_a_child_married_off_is_the_child_protection_offices(catalog: AgencyCatalog) -> None:
    # the school the child leaves says who the child is; the marriage forced on a child is whose case it is
    assert first(catalog, "siswi SD kelas 6 di Kabupaten Lombok Timur mau dinikahkan sama pedagang, gurunya juga "
                          "bingung") == "52.03-dp3a"
    assert first(catalog, "adik kelas anak sy umur 13 dikawinin sama tetangga, sekolahnya berhenti, Kabupaten "
                          "Indramayu") == "32.12-dp3a"
    # ...a grown teller's own wedding stays the religious affairs office's
    assert first(catalog, "saya mau dinikahi pacar saya tp KUA Kabupaten Sleman minta biaya tambahan") == (
        "34.04-kemenag")


def test_a_land_fire_calls_the_disaster_office_though_it_asks_for_firefighters(catalog: AgencyCatalog) -> None:
    # land, peat or forest burning: the disaster office leads the task force; a bare 'pemadam' asked for is theirs
    assert first(catalog, "kebun sawit tetangga di Kabupaten Ogan Ilir terbakar, lahan gambutnya masih membara, "
                          "pemadam belum kelihatan") == "16.10-bpbd"
    assert first(catalog, "asap karhutla di Kabupaten Pelalawan bikin sesak, api terbakar terus, tolong kirim "
                          "pemadam") == "14.05-bpbd"
    # ...a building on fire is the fire brigade's
    assert first(catalog, "gudang kayu di Kota Jambi terbakar, pemadam lama sekali datangnya") == "15.71-damkar"


def test_a_markets_drain_is_its_office_once_the_market_is_said_in_a_bad_state(catalog: AgencyCatalog) -> None:
    # the market said dirty, muddy or smelly first, then its drain: the market's office runs (and cleans) it
    assert first(catalog, "pasar induk di Kabupaten Ciamis becek dan bau, selokannya mampet dari bulan lalu") == (
        "32.07-disperindag")
    assert first(catalog, "pasar pagi Kota Tegal jorok sekali, got di dalamnya tersumbat") == "33.76-disperindag"
    # ...the market as an address, or a story of its rubbish, is not
    assert first(catalog, "jalan depan pasar di Kabupaten Ciamis banjir, got mampet") == "32.07-pupr"
    assert first(catalog, "pasar di Kabupaten Ciamis kotor, sampah numpuk, got mampet") != "32.07-disperindag"


def test_hauling_trucks_in_banned_hours_are_the_transport_offices(catalog: AgencyCatalog) -> None:
    # coal, mine or sand trucks on a public road by day, or where they are banned: the transport office enforces it
    assert first(catalog, "truk pasir lewat jalan kota di Kabupaten Lumajang siang hari, macet dan jalanan licin") == (
        "35.08-dishub")
    assert first(catalog, "angkutan tambang di Kabupaten Morowali masih melintas siang bolong padahal dilarang, "
                          "debunya kemana2") == "72.06-dishub"
    # ...the road they wore out is still the road's
    assert first(catalog, "jalan desa di Kabupaten Lumajang rusak gara2 truk pasir lewat terus") == "35.08-pupr"


def test_a_blow_said_first_then_the_spouse_is_violence_at_home(catalog: AgencyCatalog) -> None:
    # 'mukulin', 'dipukulin' (Jakarta's -in) are 'memukuli', 'dipukuli'; the blow said before the wife or husband
    assert first(catalog, "bapak kos sebelah di Kota Depok tiap malam mukulin istrinya sampe teriak2") == (
        "32.76-dp3a")
    assert first(catalog, "ibu di gang sebelah, Kabupaten Bekasi, sering dipukulin suaminya kalau pulang mabuk") == (
        "32.16-dp3a")
    # ...a teacher hitting a pupil is the school's
    assert first(catalog, "guru les di Kota Depok mukul murid yang telat") == "32.76-disdik"


def test_rubbish_in_a_river_is_the_environment_offices_though_it_blocks_it(catalog: AgencyCatalog) -> None:
    # 'sampah di kali ... dikeruk', 'sampah di kanal ... buntu': the rubbish is what is wrong, not the drain
    assert first(catalog, "sampah rumah tangga di kali Kota Pasuruan menggunung, tolong dikeruk") == "35.75-dlh"
    assert first(catalog, "sampah plastik di kanal Kota Makassar bikin buntu, airnya hitam") == "73.71-dlh"
    # ...a ditch blocked by rubbish is still the drain's
    assert first(catalog, "got depan rumah di Kabupaten Garut tersumbat sampah, tiap hujan meluap") == "32.05-pupr"


def test_a_health_card_switched_off_at_the_hospital_is_bpjs(catalog: AgencyCatalog) -> None:
    # the card is BPJS Kesehatan's to switch back on; the hospital it was shown at is only where it happened
    assert first(catalog, "kartu KIS nenek tiba2 tidak aktif waktu mau cuci darah di RSUD Kota Tegal, disuruh bayar "
                          "umum") == "bpjs-kesehatan"
    # ...the hospital's own service is the hospital's
    assert first(catalog, "RSUD Kota Tegal lama sekali layani pasien bpjs di IGD") == "33.76-rsud"


def test_a_hospital_the_clinic_sent_them_on_to_is_not_whose_it_is(catalog: AgencyCatalog) -> None:
    # 'puskesmas tutup ... disuruh ke RSUD': the clinic failed; the hospital is only where it sent them
    assert first(catalog, "puskesmas di Kabupaten Kebumen tutup jam 11, anak sy sesak disuruh ke RSUD aja") == (
        "33.05-dinkes")
    # ...a hospital that failed them itself is the hospital's
    assert first(catalog, "ibu saya dirujuk ke RSUD Kabupaten Kebumen tapi ditolak katanya kamar penuh") == (
        "33.05-rsud")


def test_bpjs_said_after_padahal_is_how_the_teller_is_insured(catalog: AgencyCatalog) -> None:
    # 'disuruh bayar ... padahal ada bpjs': the clinic charged an insured patient; the clinic's office decides
    assert first(catalog, "anak sy periksa di puskesmas Kota Magelang disuruh bayar obat, padahal ada bpjs") == (
        "33.71-dinkes")
    # ...a card switched off stays BPJS's own
    assert first(catalog, "di puskesmas Kota Magelang ditolak katanya bpjs nonaktif, padahal bpjs saya rutin "
                          "bayar") == "bpjs-kesehatan"


def test_a_market_stall_held_or_rented_on_is_the_market_offices(catalog: AgencyCatalog) -> None:
    # the market allots its stalls (a right of use): held, rented out or sold on, it is the market office's to fix
    assert first(catalog, "lapak di pasar Kabupaten Kudus dikuasai preman, disewakan lagi 2 juta sebulan") == (
        "33.19-disperindag")
    assert first(catalog, "kios pasar Kota Cilegon habis terbakar bulan lalu, kios sementara malah disewakan oknum "
                          "mahal") == "36.72-disperindag"


def test_the_nations_fishing_ports_by_their_names(catalog: AgencyCatalog) -> None:
    # an ocean or archipelago fishing port (PPS, PPN) is run by the ministry's own unit, not the regional office
    assert first(catalog, "pungutan tambat di pelabuhan perikanan nusantara Kota Pekalongan naik tanpa "
                          "pemberitahuan") == "kkp"
    assert "kkp" in ranked(catalog, "dermaga di Pelabuhan Perikanan Samudera Bitung retak, kapal nelayan susah "
                                    "bongkar ikan")[:2]
    # ...a fish auction (TPI) stays the regional fisheries office's
    assert first(catalog, "TPI di Kabupaten Rembang kotor, lelang tidak jalan") == "33.17-diskan"


def test_drugs_as_people_name_them_are_the_polices(catalog: AgencyCatalog) -> None:
    # 'sabu' used, sold or partied with, 'nyabu', 'ganja', 'pil koplo': the police's, with no office named
    assert first(catalog, "tiap malem ada pesta sabu di kontrakan ujung gang, berisik dan bikin takut") == "polri"
    assert first(catalog, "pemuda kampung sini banyak yang nyabu di pos kamling") == "polri"
    assert first(catalog, "ada yg nanem ganja di kebun belakang rumah kosong") == "polri"
    assert first(catalog, "pil koplo dijual bebas ke anak2 smp di warung dekat sekolah") == "polri"
    # ...and the island Sabu stays a place: its ferry is no drug
    assert first(catalog, "kapal ferry kupang sabu cuma 2 kali seminggu, sering batal") != "polri"
