"""Round 72 (h-tuneF), where: a regency's long first word written short ('Peg.', 'Kep.'), and a kelurahan named like
an office said as an address; fresh sentences written for this file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first, region_of_first


def test_peg_is_pegunungan_in_a_regencys_name(catalog: AgencyCatalog) -> None:
    # 'Peg.' is how offices and signboards shorten Pegunungan: no kecamatan starting with 'Peg' in Aceh
    assert first(catalog, "guru honorer belum digaji 4 bulan, tolong dinas pendidikan peg bintang") == "95.02-disdik"
    assert region_of_first(catalog, "puskesmas di kab. peg. arfak tutup terus, obat tidak ada") == "92.12"


def test_kep_is_kepulauan_in_a_regencys_name(catalog: AgencyCatalog) -> None:
    assert region_of_first(catalog, "dermaga desa di kab kep talaud rusak, kapal susah sandar") == "71.04"


def test_a_kelurahan_named_like_an_office_before_its_kecamatan_is_the_place(catalog: AgencyCatalog) -> None:
    # Pangkalpinang has a Kelurahan Kejaksaan in Taman Sari: said with its kecamatan, it is an address
    assert first(catalog, "got besar di kejaksaan taman sari tersumbat sampah, tiap hujan air naik ke "
                          "jalan") == "19.71-pupr"
    # ...and after 'kel.'
    assert first(catalog, "saluran di kel. kejaksaan mampet, kota pangkalpinang") == "19.71-pupr"


def test_reporting_to_the_prosecutor_stays_the_office(catalog: AgencyCatalog) -> None:
    # 'lapor ke kejaksaan': the office the teller went to, even where a kecamatan's name follows
    assert first(catalog, "dana desa diselewengkan kades, sudah lapor ke kejaksaan taman sari tapi "
                          "diam saja") == "kejaksaan"
    assert first(catalog, "kepala desa korupsi dana desa, kami mau lapor kejaksaan pangkalpinang") == "kejaksaan"
