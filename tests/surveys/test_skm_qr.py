"""Survey links and the printable QR poster; the QR codes are decoded back with zxing-cpp."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from bot.surveys.qr import telegram_link, whatsapp_link, write_unit_qr


def test_telegram_link() -> None:
    assert telegram_link("@LaporSkmBot", "kec_sukamaju") == "https://t.me/LaporSkmBot?start=skm_kec_sukamaju"
    assert telegram_link("LaporSkmBot", "DKI-01") == "https://t.me/LaporSkmBot?start=skm_DKI-01"


@pytest.mark.parametrize(("bot", "unit"), [("bad name", "x"), ("ok_bot", "a b"), ("ok_bot", ""),
                                            ("ok_bot", "x" * 61), ("ok_bot", "kantor/1")])
def test_telegram_link_rejects(bot: str, unit: str) -> None:
    with pytest.raises(ValueError):
        telegram_link(bot, unit)


@pytest.mark.parametrize(
    "phone", ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "(0812) 3456 7890"]
)
def test_whatsapp_link(phone: str) -> None:
    assert whatsapp_link(phone, "kec_sukamaju") == "https://wa.me/6281234567890?text=SKM%20kec_sukamaju"


@pytest.mark.parametrize("phone", ["12", "abc", ""])
def test_whatsapp_link_rejects(phone: str) -> None:
    with pytest.raises(ValueError):
        whatsapp_link(phone, "kec")


def _decode(path: Path) -> set[str]:
    with Image.open(path) as img:
        return {barcode.text for barcode in zxingcpp.read_barcodes(img.convert("RGB"))}


def test_poster_with_two_codes_decodes(tmp_path: Path) -> None:
    telegram = telegram_link("LaporSkmBot", "kec_sukamaju")
    whatsapp = whatsapp_link("081234567890", "kec_sukamaju")
    name = "Kantor Kecamatan Sukamaju, Kabupaten Contoh"
    path = write_unit_qr(tmp_path / "qr.png", name, telegram, whatsapp)
    assert _decode(path) == {telegram, whatsapp}
    with Image.open(path) as img:
        assert img.format == "PNG" and round(img.info["dpi"][0]) == 300


def test_poster_with_one_code_decodes(tmp_path: Path) -> None:
    telegram = telegram_link("LaporSkmBot", "puskesmas_1")
    path = write_unit_qr(tmp_path / "qr1.png", "Puskesmas Sukamaju", telegram, None, locale="en")
    assert _decode(path) == {telegram}
