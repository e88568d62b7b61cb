"""Indonesian chat normalisation."""

from __future__ import annotations

import pytest

from bot.understanding.normalize import fold_key, normalize, tokenize, words


@pytest.mark.parametrize(("text", "expected"), [
    ("KTP blm jadi udh tiga bln!!", "ktp belum jadi sudah 3 bulan"),
    ("jalan rusakkk parahhh", "jalan rusak parah"),
    ("gk ada yg dtg", "tidak ada yang dtg"),
    ("ga", "tidak"), ("gak", "tidak"), ("nggak", "tidak"), ("ngga", "tidak"), ("tdk", "tidak"),
    ("sdh", "sudah"), ("udh", "sudah"), ("udah", "sudah"), ("blm", "belum"), ("belom", "belum"),
    ("jln", "jalan"), ("jl.", "jalan"), ("Jl. Pejanggik", "jalan pejanggik"),
    ("dgn", "dengan"), ("krn", "karena"), ("karna", "karena"),
    ("sy", "saya"), ("aku", "saya"), ("gw", "saya"), ("bpk", "bapak"), ("pak", "bapak"), ("bu", "ibu"),
    ("kmrn sore", "kemarin sore"), ("skrg", "sekarang"),
    ("Kec. Sakra", "kecamatan sakra"), ("Ds. Rumbuk", "desa rumbuk"), ("kab. lotim", "kabupaten lotim"),
    ("anak2 sekolah", "anak anak sekolah"), ("rusak2", "rusak rusak"),
    ("e-KTP hilang", "ktp hilang"), ("E KTP", "ktp"), ("ektp", "ktp"),
    ("jalannya berlubang", "jalan berlubang"), ("hanya itu", "hanya itu"), ("punya", "punya"),
    ("dua puluh lima", "25"), ("seratus dua puluh tiga", "123"), ("sebelas", "11"), ("dua belas hari", "12 hari"),
    ("seribu lima ratus", "1500"), ("satu juta dua ratus ribu", "1200000"), ("500rb", "500000"),
    ("seminggu lalu", "1 minggu lalu"), ("sebulan", "1 bulan"), ("dua tiga hari", "2 3 hari"),
    ("Sihare'o III", "sihareo iii"), ("ÉLÉ café", "ele cafe"), ("jum'at", "jumat"),
    ("TOLONGGG!!!", "tolong"), ("", ""), ("   ", ""), ("!!!???", ""), ("😡🙏", ""), ("12345", "12345"),
])
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_tokens_keep_their_original_spans() -> None:
    text = "Jl. Pejanggik,  dekat SDN 2 Mataram"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["jalan", "pejanggik", "dekat", "sdn", "2", "mataram"]
    assert [text[t.start:t.end] for t in tokens] == ["Jl", "Pejanggik", "dekat", "SDN", "2", "Mataram"]


def test_words_is_the_fast_equivalent_of_tokenize() -> None:
    for text in ["Biru-Biru", "Sidomulyo II", "Lubuk Pakam I,II", "Ima\"an", "Kp. Baru", "Paok Motong",
                 "Suka Mulya", "Kec. Sakra", "anak2", "Tanjung Pauh Km. 32"]:
        assert words(text) == [t.text for t in tokenize(text)]


@pytest.mark.parametrize(("a", "b"), [
    ("sukamulya", "sukamulia"), ("djakarta", "jakarta"), ("soerabaya", "surabaya"), ("mattaram", "mataram"),
    ("tjilatjap", "cilacap"),
])
def test_fold_key_merges_spelling_variants(a: str, b: str) -> None:
    assert fold_key(a) == fold_key(b)


def test_fold_key_leaves_short_words_alone() -> None:
    # 'diy' (Yogyakarta) must not become the preposition 'di'
    assert fold_key("diy") != fold_key("di")


@pytest.mark.parametrize("text", ["x" * 5000, "jalan rusak " * 500, "1234567890" * 500, "🙏" * 5000])
def test_absurd_input_is_bounded(text: str) -> None:
    out = normalize(text)  # its time is in bench/understanding.py
    assert len(out) <= 2100


def test_a_dash_between_words_is_kept_on_the_token_after_it() -> None:
    """'Medan–Banda Aceh' names a road by its ends: the second end knows a dash came before it."""
    tokens = tokenize("jln lintas Medan–Banda Aceh, Barru - Soppeng")
    assert [(t.text, t.dash) for t in tokens] == [
        ("jalan", False), ("lintas", False), ("medan", False), ("banda", True), ("aceh", False),
        ("barru", False), ("soppeng", True)]
