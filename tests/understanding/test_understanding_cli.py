"""`laporbot agencies ...` / `laporbot regions ...` as registered by bot.cli.understanding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli.understanding import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_agencies_match_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "agencies", "match", "capil lotim")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("1. Dinas Kependudukan dan Pencatatan Sipil Kabupaten Lombok Timur")
    assert "[52.03-dukcapil]" in lines[0] and "region 52.03" in lines[0] and "score" in lines[0]
    assert len(lines) <= 3


def test_agencies_match_json_with_region(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "agencies", "match", "jalan desa rusak parah", "--region", "52.03", "--json")
    data = json.loads(out)
    assert code == 0
    first = data["matches"][0]
    assert first["code"] == "52.03-pupr" and first["region_code"] == "52.03" and 0 < first["score"] <= 100
    assert {"name", "code", "region_code", "score"} <= set(first)


def test_agencies_suggest_prints_category(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "agencies", "suggest", "air PAM mati 3 hari", "--region", "52.71", "--json")
    data = json.loads(out)
    assert data["category"] == "utilitas" and data["matches"][0]["code"] == "52.71-pdam"


def test_agencies_match_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "agencies", "match", "12345")
    assert code == 0 and out.strip() == "no agency found"


def test_agencies_export_and_reload(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "catalog.csv"
    code, _ = run(capsys, "agencies", "export", "--output", str(path))
    assert code == 0
    code, out = run(capsys, "agencies", "match", "dinkes jogja", "--catalog", str(path), "--json")
    assert json.loads(out)["matches"][0]["code"] == "34.71-dinkes"


def test_regions_match(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAPORBOT_REGION", raising=False)
    code, out = run(capsys, "regions", "match", "jl. pejanggik mataram")
    assert code == 0
    assert out.splitlines()[0] == "resolved"
    assert "Kota Mataram, Nusa Tenggara Barat  [52.71]" in out
    assert "landmark: jl. pejanggik" in out


def test_regions_match_json_ambiguous(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "regions", "match", "desa sukamulya", "--json")
    data = json.loads(out)
    assert data["status"] == "ambiguous" and len(data["options"]) == 5 and data["more"] > 0


def test_regions_match_uses_the_home_region(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "regions", "match", "desa sukamulya", "--home", "52.03", "--json")
    data = json.loads(out)
    assert data["status"] == "resolved" and data["best"] == "52.03.06.2005"


def test_regions_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "regions", "show", "52.03")
    assert code == 0 and "Kab. Lombok Timur" in out and "21 sub-regions" in out
    code, out = run(capsys, "regions", "show", "99")
    assert code == 1


def test_regions_show_reads_bps_codes_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    """A BPS code names the Kemendagri region it means (bps:9601 is Mimika, Kemendagri 94.04)."""
    code, out = run(capsys, "regions", "show", "bps:9601")
    assert code == 0 and "[94.04]" in out and "read as: BPS 9601 = Kemendagri 94.04" in out
    code, out = run(capsys, "regions", "show", "bps:9412")  # retired in 2023: refused, naming today's code
    assert code == 1 and "bps:9601" in out


def test_register_adds_subcommands_to_an_existing_parser() -> None:
    import argparse

    from bot.cli.understanding import register

    parser = argparse.ArgumentParser(prog="laporbot")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["agencies", "match", "capil lotim", "--region", "52.03"])
    assert args.command == "agencies" and args.text == "capil lotim" and callable(args.func)
