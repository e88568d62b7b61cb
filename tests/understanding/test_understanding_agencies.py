"""Matching what citizens type to agencies, suggesting agencies and categories from a problem."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz import process

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.keywords import CATEGORIES, suggest_category


def top(catalog: AgencyCatalog, text: str, region: str | None = None) -> str | None:
    found = catalog.match(text, region=region)
    return found[0].agency.code if found else None


@pytest.mark.parametrize(("text", "region", "expected"), [
    # the phrasings from the issue
    ("capil lotim", None, "52.03-dukcapil"),
    ("dinkes jogja", None, "34.71-dinkes"),
    ("pu lombok barat", None, "52.01-pupr"),
    ("jalan desa rusak parah", "52.03", "52.03-pupr"),
    ("ktp belum jadi 3 bulan", "52.03", "52.03-dukcapil"),
    ("Dinas Kependudukan dan Pencatatan Sipil Kabupaten Lombok Timur", None, "52.03-dukcapil"),
    # word order, typos, the region already given, region in the text winning over the given one
    ("lotim capil", None, "52.03-dukcapil"),
    ("dukcapill lotim", None, "52.03-dukcapil"),
    ("dinas kesehatn lombok tmur", None, "52.03-dinkes"),
    ("disdukcapi kota bekasi", None, "32.75-dukcapil"),
    ("dinkes", "52.03", "52.03-dinkes"),
    ("dinkes", "52.03.02.2004", "52.03-dinkes"),  # a village code maps to its regency's office
    ("dinkes mataram", "52.03", "52.71-dinkes"),
    ("kantor dukcapil di selong", None, "52.03-dukcapil"),  # a kecamatan names its regency
    ("rsud praya", None, "52.02-rsud"),
    # province-level bodies and Jakarta's administrative cities
    ("samsat mataram", None, "52-bapenda"),
    ("sma negeri 1 selong minta pungutan", None, "52-disdik"),
    ("jalan provinsi rusak", "52.03", "52-pupr"),
    ("dinkes jaksel", None, "31.74-dinkes"),
    ("pdam jaksel", None, "pam-jaya"),
    ("banjir setinggi lutut", "31.74", "31-bpbd"),
    # central bodies and their regional offices
    ("bpjs tk", None, "bpjs-tk"),
    ("bpjs", None, "bpjs-kesehatan"),
    ("kemenag lotim", None, "52.03-kemenag"),
    ("sertifikat tanah lotim", None, "52.03-bpn"),
    ("bpn", None, "atr-bpn"),
])
def test_match(catalog: AgencyCatalog, text: str, region: str | None, expected: str) -> None:
    assert top(catalog, text, region) == expected


def test_pu_lombok_barat_is_never_a_health_office(catalog: AgencyCatalog) -> None:
    assert all(m.agency.kind == "pupr" for m in catalog.match("pu lombok barat"))


@pytest.mark.parametrize(("alias", "kind"), [
    ("dinkes", "dinkes"), ("disdik", "disdik"), ("dikbud", "disdik"), ("dukcapil", "dukcapil"),
    ("disdukcapil", "dukcapil"), ("capil", "dukcapil"), ("PUPR", "pupr"), ("PU", "pupr"), ("dishub", "dishub"),
    ("dinsos", "dinsos"), ("DLH", "dlh"), ("satpol PP", "satpolpp"), ("satpolpp", "satpolpp"), ("RSUD", "rsud"),
    ("bapenda", "bapenda"), ("BPBD", "bpbd"), ("perkim", "perkim"), ("diskominfo", "diskominfo"),
    ("disnaker", "disnaker"), ("distan", "distan"), ("DPMPTSP", "dpmptsp"), ("perizinan", "dpmptsp"),
    ("PDAM", "pdam"), ("perumda air minum", "pdam"), ("kemenag", "kemenag"), ("damkar", "damkar"),
    ("pemkab", "pemda"), ("bupati", "pemda"), ("kantah", "bpn"), ("dinas pu", "pupr"),
    ("dinas kependudukan", "dukcapil"), ("dinas lingkungan hidup", "dlh"),
])
def test_abbreviations_and_acronyms(catalog: AgencyCatalog, alias: str, kind: str) -> None:
    found = catalog.match(f"{alias} lotim")
    assert found and found[0].agency.kind == kind and found[0].agency.region_code == "52.03"


@pytest.mark.parametrize(("alias", "code"), [
    ("BPJS TK", "bpjs-tk"), ("bpjs ketenagakerjaan", "bpjs-tk"), ("BPJS Kesehatan", "bpjs-kesehatan"),
    ("PLN", "pln"), ("imigrasi", "imigrasi"), ("kantor pajak", "djp"), ("ombudsman", "ombudsman"),
])
def test_central_bodies(catalog: AgencyCatalog, alias: str, code: str) -> None:
    assert top(catalog, alias) == code


@pytest.mark.parametrize(("description", "region", "kind"), [
    ("puskesmas tutup siang hari", "52.02", "dinkes"),
    ("KTP saya belum jadi", "52.03", "dukcapil"),
    ("akta kelahiran anak belum keluar", "52.03", "dukcapil"),
    ("jalan berlubang", "52.03", "pupr"),
    ("jembatan putus", "52.03", "pupr"),
    ("sampah numpuk", "52.71", "dlh"),
    ("air PAM mati", "52.71", "pdam"),
    ("bansos tidak cair", "52.03", "dinsos"),
    ("sekolah minta pungutan", "52.03", "disdik"),
    ("guru jarang masuk", "52.03", "disdik"),
    ("PKL di trotoar", "52.71", "satpolpp"),
    ("banjir setinggi lutut", "52.03", "bpbd"),
    ("kebakaran rumah", "52.03", "damkar"),
    ("izin usaha lama", "52.03", "dpmptsp"),
    ("pupuk subsidi langka", "52.03", "distan"),
    ("sertifikat tanah belum jadi", "52.03", "bpn"),
    ("listrik padam", "52.03", "pln"),
    ("iuran bpjs naik", None, "bpjs-kesehatan"),
    ("paspor belum jadi", None, "imigrasi"),
])
def test_suggest_from_a_problem_description(catalog: AgencyCatalog, description: str, region: str | None,
                                            kind: str) -> None:
    found = catalog.suggest(description, region=region)
    assert found and found[0].agency.kind == kind
    if region and found[0].agency.region_code:
        assert region.startswith(found[0].agency.region_code)


@pytest.mark.parametrize(("description", "category"), [
    ("jalan rusak parah", "infrastruktur"), ("jembatan putus", "infrastruktur"),
    ("angkot ugal-ugalan", "transportasi"), ("lampu merah mati", "transportasi"),
    ("puskesmas tutup", "kesehatan"), ("iuran bpjs naik", "kesehatan"),
    ("sekolah minta uang seragam", "pendidikan"), ("guru jarang masuk", "pendidikan"),
    ("ktp belum jadi 3 bulan", "kependudukan"), ("akta kelahiran", "kependudukan"),
    ("bansos tidak cair", "sosial"), ("klaim jht ditolak", "sosial"),
    ("sampah numpuk", "lingkungan"), ("limbah pabrik bau", "lingkungan"),
    ("PKL di trotoar", "ketertiban"), ("miras dijual bebas", "ketertiban"),
    ("banjir", "bencana"), ("tanah longsor", "bencana"), ("kebakaran rumah", "bencana"),
    ("air PAM mati", "utilitas"), ("listrik padam", "utilitas"), ("token listrik", "utilitas"),
    ("izin usaha lama", "perizinan"), ("pbg belum terbit", "perizinan"),
    ("sertifikat tanah belum jadi", "pertanahan"), ("sengketa batas tanah", "pertanahan"),
    ("pupuk langka", "lainnya"),
    ("halo selamat pagi", None), ("", None), ("12345", None), ("x" * 5000, None),
])
def test_suggest_category(description: str, category: str | None) -> None:
    assert suggest_category(description) == category


def test_categories_are_only_the_bot_ids() -> None:
    assert set(CATEGORIES) == {"infrastruktur", "transportasi", "kesehatan", "pendidikan", "kependudukan",
                               "sosial", "lingkungan", "ketertiban", "bencana", "utilitas", "perizinan",
                               "pertanahan", "lainnya"}


@pytest.mark.parametrize("text", ["", "   ", "1234567", "!!!", "🙏🙏", "asdf qwer", "x" * 5000, "0" * 5000])
def test_empty_and_absurd_input(catalog: AgencyCatalog, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing matches, and the fuzzy fallback compares a few small pools, never the whole catalog (timings
    are in bench/understanding.py)."""
    searched: list[int] = []
    extract = process.extract

    def spy(query: str, choices: list[str], **kwargs: Any) -> Any:
        searched.append(len(choices))
        return extract(query, choices, **kwargs)

    monkeypatch.setattr(process, "extract", spy)
    assert catalog.match(text) == []
    assert len(searched) <= 5 and sum(searched) < len(catalog) / 20


def test_unknown_text_with_a_region_falls_back_to_the_local_government(catalog: AgencyCatalog) -> None:
    found = catalog.match("asdf qwer", region="52.03")
    assert [m.agency.code for m in found] == ["52.03-pemda"]
    assert found[0].score < 50  # low: the bot should still ask


def test_regional_kind_without_any_region_suggests_the_ministry_weakly(catalog: AgencyCatalog) -> None:
    found = catalog.match("dinkes")
    assert found[0].agency.code == "kemenkes" and found[0].score <= 50


def test_invalid_region_is_ignored(catalog: AgencyCatalog) -> None:
    assert top(catalog, "capil lotim", region="99.99") == "52.03-dukcapil"


def test_scores_limit_and_order(catalog: AgencyCatalog) -> None:
    found = catalog.match("dinkes bandung", limit=5)
    assert 1 < len(found) <= 5
    assert {m.agency.code for m in found[:2]} == {"32.73-dinkes", "32.04-dinkes"}  # Kota or Kabupaten
    scores = [m.score for m in found]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 100 for s in scores)
    assert catalog.match("dinkes bandung", limit=0) == []


def test_deployment_catalog_from_csv(tmp_path: Path) -> None:
    path = tmp_path / "catalog.csv"
    path.write_text(
        "code,name,level,region_code,aliases,parent\n"
        "pemkab,Pemerintah Kabupaten Lombok Timur,kabupaten,52.03,pemkab lotim,\n"
        "rs-selong,RSUD dr. R. Soedjono Selong,kabupaten,52.03,rs soedjono;rsud soedjono,pemkab\n"
        "dinkes,Dinas Kesehatan Kabupaten Lombok Timur,kabupaten,52.03,,pemkab\n"
        "capil,Dinas Kependudukan dan Pencatatan Sipil Kabupaten Lombok Timur,kabupaten,52.03,,pemkab\n"
        "tirta,Perumda Air Minum Tirta Rinjani,kabupaten,52.03,tirta rinjani,pemkab\n",
        encoding="utf-8")
    catalog = AgencyCatalog.from_csv(path)
    assert len(catalog) == 5
    assert catalog.get("dinkes").kind == "dinkes"  # inferred from the name
    assert catalog.get("rs-selong").kind == "rsud"
    assert top(catalog, "rs soedjono") == "rs-selong"
    assert top(catalog, "rsud lotim") == "rs-selong"
    assert top(catalog, "capil") is None or top(catalog, "capil", region="52.03") == "capil"
    assert top(catalog, "capil", region="52.03") == "capil"
    assert top(catalog, "air pdam mati", region="52.03") == "tirta"
    assert top(catalog, "tirta rinjani") == "tirta"


def test_export_round_trip(catalog: AgencyCatalog, tmp_path: Path) -> None:
    buffer = io.StringIO()
    catalog.write_csv(buffer)
    path = tmp_path / "export.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    again = AgencyCatalog.from_csv(path, regions=catalog.regions)
    assert len(again) == len(catalog)
    for text, region in [("capil lotim", None), ("jalan desa rusak parah", "52.03"), ("bpjs tk", None)]:
        assert top(again, text, region) == top(catalog, text, region)


def test_a_small_catalog_over_a_small_region_index() -> None:
    # what other tests can use instead of loading 92k regions
    from bot.understanding.agencies import Agency
    from bot.understanding.regions import Region, RegionIndex

    regions = RegionIndex([Region("52", "Nusa Tenggara Barat", "province", None),
                           Region("52.03", "Kabupaten Lombok Timur", "regency", "52"),
                           Region("52.03.02", "Sakra", "district", "52.03")],
                          nicknames=[("lotim", "52.03", 1.0)])
    catalog = AgencyCatalog([Agency("capil", "Dinas Dukcapil Lombok Timur", "kabupaten", "52.03", kind="dukcapil"),
                             Agency("pln", "PLN", "pusat", None, ("pln",), kind="pln")], regions)
    assert regions.resolve("kec sakra lotim").best.region.code == "52.03.02"
    assert top(catalog, "capil lotim") == "capil"
    assert top(catalog, "ktp hilang", region="52.03.02") == "capil"
    assert top(catalog, "listrik padam") == "pln"
