"""Indonesian chat normalisation and relative dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.understanding.dates import WhenPhrase, parse_duration, parse_when
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


TODAY = date(2026, 8, 20)  # a Thursday


@pytest.mark.parametrize(("text", "expected"), [
    ("kemarin sore", WhenPhrase(date(2026, 8, 19), "sore")),
    ("kmrn sore jam 4", WhenPhrase(date(2026, 8, 19), "sore")),
    ("tadi pagi", WhenPhrase(TODAY, "pagi")),
    ("hari ini", WhenPhrase(TODAY)),
    ("tadi malam", WhenPhrase(date(2026, 8, 19), "malam")),
    ("semalam", WhenPhrase(date(2026, 8, 19), "malam")),
    ("kemarin lusa", WhenPhrase(date(2026, 8, 18))),
    ("senin lalu", WhenPhrase(date(2026, 8, 17))),
    ("jumat kemarin", WhenPhrase(date(2026, 8, 14))),
    ("kamis lalu", WhenPhrase(date(2026, 8, 13))),  # said on a Thursday: a week ago
    ("hari kamis", WhenPhrase(TODAY)),
    ("hari minggu", WhenPhrase(date(2026, 8, 16))),
    ("minggu lalu", WhenPhrase(date(2026, 8, 13), approximate=True)),  # last week, not Sunday
    ("3 hari yang lalu", WhenPhrase(date(2026, 8, 17))),
    ("tiga hari lalu", WhenPhrase(date(2026, 8, 17))),
    ("seminggu lalu", WhenPhrase(date(2026, 8, 13), approximate=True)),
    ("bulan lalu", WhenPhrase(date(2026, 7, 20), approximate=True)),
    ("2 bulan lalu", WhenPhrase(date(2026, 6, 20), approximate=True)),
    ("12/3/2026", WhenPhrase(date(2026, 3, 12))),
    ("tgl 12-03-26 pagi", WhenPhrase(date(2026, 3, 12), "pagi")),
    ("15/8", WhenPhrase(date(2026, 8, 15))),
    ("12 maret", WhenPhrase(date(2026, 3, 12))),
    ("25 desember", WhenPhrase(date(2025, 12, 25))),  # a future date means last year
    ("5 agustus 2025", WhenPhrase(date(2025, 8, 5))),
    ("tanggal 5", WhenPhrase(date(2026, 8, 5))),
    ("tgl 25", WhenPhrase(date(2026, 7, 25))),
    ("jalan rusak", None), ("", None), ("rt 02/03", None), ("31/2/2026", None),
])
def test_parse_when(text: str, expected: WhenPhrase | None) -> None:
    assert parse_when(text, TODAY) == expected


@pytest.mark.parametrize(("text", "days"), [
    ("ktp belum jadi 3 bulan", 90), ("sudah dua minggu", 14), ("seminggu", 7), ("halo", None),
])
def test_parse_duration(text: str, days: int | None) -> None:
    assert parse_duration(text) == (timedelta(days=days) if days is not None else None)
