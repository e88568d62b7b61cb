"""Round 62: fresh sentences for each rule kept, written for this file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first, ranked


def test_a_five_letter_word_one_letter_from_an_office_word_is_that_word(catalog: AgencyCatalog) -> None:
    # 'tamat' (finished school) is no slip for 'camat', 'tawan' for 'tawon' (the hornets damkar removes), 'tamak'
    # (greedy) for 'tambak', 'pacak' (Palembang: able) for 'pajak', 'lapis' (layered) for 'lapas'
    codes = ranked(catalog, "anak sulung saya baru tamat SMA di Kabupaten Kebumen, ijazahnya ditahan sekolah")
    assert codes[0].endswith("-disdik") and not any(c.endswith("-pemda") for c in codes)
    codes = ranked(catalog, "warga Kota Cirebon jadi tawan di rumah sendiri krn banjir rob masuk tiap sore")
    assert not any(c.endswith("-damkar") for c in codes)
    codes = ranked(catalog, "pengepul di Kabupaten Indramayu tamak sekali, harga gabah petani ditekan murah")
    assert not any(c.endswith("-diskan") or c == "kkp" for c in codes)
    codes = ranked(catalog, "jalan poros desa di Kabupaten Banyuasin rusak parah, mobil dak pacak lewat")
    assert codes[0] == "16.07-pupr" and "djp" not in codes
    codes = ranked(catalog, "mobil parkir dua lapis di depan pasar Kota Binjai, angkot tidak bisa lewat")
    assert not any("imipas" in c or c.endswith("-lapas") for c in codes)


def test_a_slip_that_swaps_letters_or_drops_the_last_is_still_read(catalog: AgencyCatalog) -> None:
    # 'begla' for 'begal' (letters swapped), 'pemko' for 'pemkot' (the last letter left off)
    assert "polri" in ranked(catalog, "rawan begla di Kota Palembang, motor tetangga hampir diambil")[:2]
    assert ranked(catalog, "surat kami ke pemko Pematangsiantar sudah sebulan tidak dibalas")[0] == "12.72-pemda"


def test_a_road_named_as_the_address_of_a_broken_thing_is_not_what_is_broken(catalog: AgencyCatalog) -> None:
    # 'lampu merah di jl. Sudirman rusak': the traffic light is broken, the road with its name is where it stands
    assert first(catalog, "LAMPU MERAH DI JL. SUDIRMAN RUSAK, TIANG NYA MIRING MAU ROBOH, Kota Pekanbaru") == (
        "14.71-dishub")
    # ...the road alone, or a thing of the road's own ('trotoar di jalan X rusak'), is still the road
    assert first(catalog, "jl. sudirman rusak, tiangnya miring mau roboh, Kota Pekanbaru") == "14.71-pupr"
    assert first(catalog, "trotoar di jalan merdeka rusak, Kota Bogor") == "32.71-pupr"


def test_pajak_said_for_a_market_is_the_market(catalog: AgencyCatalog) -> None:
    # Medan and North Sumatra call a market 'pajak': with its hours or goods, or after its people, it is no tax
    codes = ranked(catalog, "inang-inang di pajak sore Kota Pematangsiantar diminta uang keamanan tiap hari")
    assert codes[0] == "12.72-disperindag" and "djp" not in codes
    codes = ranked(catalog, "pedagang di pajak simpang limun kena pungutan dua kali, Kota Medan")
    assert codes[0] == "12.71-disperindag" and "djp" not in codes
    # ...the tax paid, or a tax on a motorbike, is still the tax
    assert "djp" in ranked(catalog, "kami bayar pajak tiap tahun tapi jalan di Kota Medan rusak")
    assert first(catalog, "pajak motor saya di Kota Medan naik") == "12-bapenda"



def test_a_seven_letter_word_with_a_consonant_changed_is_another_word(catalog: AgencyCatalog) -> None:
    # 'sayuran' (vegetables) is no 'saluran', 'kelokan' (a bend) no 'selokan', 'terawat' (kept up) no 'perawat'
    codes = ranked(catalog, "harga sayuran di pasar Kota Tegal naik terus, pedagang bingung")
    assert not any(c.endswith("-sda") or c.endswith("-pupr") for c in codes)
    codes = ranked(catalog, "taman kota Kabupaten Kudus tidak terawat, rumputnya tinggi")
    assert not any(c.endswith("-dinkes") for c in codes)
    # ...a vowel said the regional way is still a slip ('listrek' for 'listrik')
    assert first(catalog, "listrek padam tiap malam di Kabupaten Pidie") == "pln"


def test_a_key_beside_the_right_one_or_a_vowel_left_out_is_still_a_slip(catalog: AgencyCatalog) -> None:
    # on a phone a thumb lands one key off ('pasae' for 'pasar', 'camst' for 'camat') or an SMS drops a vowel
    # ('smpah'): those are slips, where 'tamat' (a letter far from 'c') is another word
    assert "kemendag" in ranked(catalog, "pasae di kampung becek dan bau, atapnya bocor")
    assert "kemendagri" in ranked(catalog, "camst tidak mau tanda tangan surat kami")
    assert any(c == "klh" or c.endswith("-dlh") for c in ranked(catalog, "smpah numpuk di pinggir kali"))
