"""The office's level (round 89, tuner L): the diploma a school holds back may be said before the school finished
('ijazah anak saya lulusan SMA swasta ... ditahan'): the school's level still decides the education office's; a boat's
crossing whose end is said bare as 'kota' ('speedboat dari Salawati ke kota') goes to the one kota the story names; a
hospital a patient's boat trip goes to ('mau kontrol mata ke rumah sakit ..., speedboat ... batal') is where, not the
office written to; the queue, the tickets and the crossing at a port of the nation's ferry crossings (Bakauheni, Merak,
Gilimanuk, Ketapang Banyuwangi) are the ministry's; so is a national road said by its name with its damage told
('JALAN RAYA PUNCAK DI CIPANAS AMBLAS', 'JJLS ... ambrol')."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


@pytest.mark.parametrize(
    ("story", "region", "office"),
    [
        # the story that taught it (blind87): the diploma first, the SMA finished after it
        ("ijazah anak saya lulusan SMA swasta di Madiun ditahan sekolah karena masih ada tunggakan SPP, padahal "
         "sudah ada aturan tidak boleh nahan ijazah. anak mau daftar kerja. rumah kami di Mendak Dagangan", None,
         "35-disdik"),
        # fresh phrasings: Javanese, and an SMK said finished after the report card
        ("ijazahe adikku sing tamatan SMK negeri isih ditahan sekolahan, kudu mbayar uang gedung", "33.05",
         "33-disdik"),
        ("rapor dan ijazah keponakan saya yang lulus SMA tahun ini belum diberikan karena uang komite", "73.08",
         "73-disdik"),
    ],
)
def test_a_diploma_said_before_its_finished_school(catalog: AgencyCatalog, story: str, region: str | None,
                                                   office: str) -> None:
    assert first(catalog, story, region) == office



@pytest.mark.parametrize(
    ("story", "office"),
    [
        # the story that taught it (blind88): Salawati (Kabupaten Sorong) to the Kota Sorong named before: the
        # province's crossing
        ("Sa tinggal di Duriankari, pulau Salawati. Sa pu bapa harus rawat jalan ke rumah sakit di Kota Sorong tiap "
         "minggu, speedboat penumpang dari Salawati ke kota tidak ada jadwal tetap dan tidak ada pelampung. Orang tua "
         "tidak kuat tunggu lama. Mohon diatur", "96-dishub"),
        # fresh phrasings: Senayang (Lingga) to Kota Batam, the kota named after the boat or before it
        ("pompong dari Senayang ke kota penuh sesak, jadwal tak tentu. kami mau ke Kota Batam berobat", "21-dishub"),
        ("Ibu saya berobat di Kota Batam tiap bulan, pompong dari Senayang ke kota cuma dua kali seminggu dan tak "
         "ada pelampung", "21-dishub"),
    ],
)
def test_a_crossing_to_the_bare_kota_goes_to_the_kota_named(catalog: AgencyCatalog, story: str, office: str) -> None:
    assert first(catalog, story) == office



@pytest.mark.parametrize(
    ("story", "region", "office"),
    [
        # the story that taught it (blind88): the eye check-up at the hospital is why the speedboat matters
        ("Saya nulis untuk nenek saya di Seputuk. Nenek mau kontrol mata ke rumah sakit di Tideng Pale, speedboat "
         "reguler dari desa cuma 1 x seminggu dan sering batal. Tiket nya juga naik terus. Kami minta jadwal speedboat "
         "ditambah", None, "65.04-dishub"),
        # fresh phrasings: a monthly check-up, and a scan for a pregnant mother, reached by speedboat or river boat
        ("bapak saya mau kontrol ke RSUD tiap bulan, tapi speedboat dari kampung sering batal dan tiketnya naik terus",
         "14.04", "14.04-dishub"),
        ("ibu hamil mau USG ke RSUD, ketek penyeberangan tidak ada jadwal, kadang tiga hari baru jalan", "14.04",
         "14.04-dishub"),
    ],
)
def test_a_hospital_a_boat_trip_goes_to_is_where(catalog: AgencyCatalog, story: str, region: str | None,
                                                 office: str) -> None:
    assert first(catalog, story, region) == office


@pytest.mark.parametrize(
    ("story", "region"),
    [
        # the story that taught it (blind25, the place given at the port): Gilimanuk's ferry queue
        ("antre kapal di gilimanuk sampe enam jam", "51.01.04"),
        # fresh phrasings: Gilimanuk's ticket touts, and a truck queue at Ketapang (Banyuwangi, not Kalimantan's)
        ("calo tiket di Gilimanuk minta 100 ribu per motor, padahal harga resmi jauh lebih murah", None),
        ("sopir truk antre di Ketapang Banyuwangi dua hari belum nyebrang ke Bali", None),
    ],
)
def test_a_national_ferry_port_is_the_ministrys(catalog: AgencyCatalog, story: str, region: str | None) -> None:
    assert first(catalog, story, region) == "kemenhub"


@pytest.mark.parametrize(
    "story",
    [
        # the story that taught it (blind21): Jalan Raya Puncak, 'Puncak' no Papuan kabupaten here
        "JALAN RAYA PUNCAK DI CIPANAS AMBLAS DI DEPAN PASAR, MACET PARAH. KAPAN DIBENERIN??",
        # fresh phrasings: the Puncak route said as 'jalur', the south-coast road said in full, the border road
        "Jalur Puncak di Megamendung berlubang, banyak motor jatuh malam hari",
        "jalan lintas selatan di Tempursari retak dan ambles, truk masih lewat",
        "jalan paralel perbatasan dekat Badau putus kena longsor, sudah tiga hari",
    ],
)
def test_a_national_road_named_is_the_ministrys(catalog: AgencyCatalog, story: str) -> None:
    assert first(catalog, story) == "kemen-pu"
