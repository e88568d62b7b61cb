"""Links that open the SKM survey for one unit, and a printable QR poster for the unit's counter.

Telegram: https://t.me/<bot>?start=skm_<unit> (the deep-link payload allows A–Z a–z 0–9 _ - and
at most 64 characters). WhatsApp: https://wa.me/<digits>?text=SKM%20<unit>, a prefilled message the
citizen only has to send; a phone number written the Indonesian way (08…) is read as +62.
"""

from __future__ import annotations

import io
import re
import textwrap
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import phonenumbers

from bot.core.i18n import Catalog, default_catalog

if TYPE_CHECKING:
    from PIL import Image, ImageDraw, ImageFont

START_PREFIX = "skm_"
WHATSAPP_KEYWORD = "SKM"
_BOT_USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
_UNIT_CODE = re.compile(r"^[A-Za-z0-9_-]{1,60}$")  # 60 + "skm_" = Telegram's 64-character limit

QR_SCALE = 12  # pixels per module: about 4 cm wide at 300 dpi for a typical link
QR_BORDER = 4  # the quiet zone scanners need
DPI = 300
MARGIN = 80
GAP = 100


def _check_unit(unit_code: str) -> None:
    if not _UNIT_CODE.match(unit_code):
        raise ValueError("unit code must be 1–60 characters of A–Z, a–z, 0–9, _ or -")


def telegram_link(bot_username: str, unit_code: str) -> str:
    """The t.me deep link that starts the survey of a unit."""
    username = bot_username.removeprefix("@")
    if not _BOT_USERNAME.match(username):
        raise ValueError(f"not a Telegram bot username: {bot_username!r}")
    _check_unit(unit_code)
    return f"https://t.me/{username}?start={START_PREFIX}{unit_code}"


def whatsapp_link(phone_number: str, unit_code: str) -> str:
    """The wa.me link that opens a chat with the bot's number and the text "SKM <unit>"."""
    _check_unit(unit_code)
    try:
        parsed = phonenumbers.parse(phone_number, "ID")
    except phonenumbers.NumberParseException as exc:
        raise ValueError("not a phone number") from exc
    if not phonenumbers.is_valid_number(parsed):
        raise ValueError("not a valid phone number")
    digits = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164).removeprefix("+")
    return f"https://wa.me/{digits}?text={quote(f'{WHATSAPP_KEYWORD} {unit_code}', safe='')}"


@cache
def _font_path(bold: bool) -> str:
    from matplotlib import font_manager  # only when a poster is drawn: ~30 MB and 0.25 s a server never needs

    # matplotlib ships DejaVu Sans, so the poster looks the same on every server
    return font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans",
                                                             weight="bold" if bold else "normal"))


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont  # Pillow only when a poster is drawn (the server imports this module)

    return ImageFont.truetype(_font_path(bold), size)


def _qr_image(url: str) -> Image.Image:
    import segno  # only when a poster is drawn (the server imports this module)
    from PIL import Image

    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=QR_SCALE, border=QR_BORDER)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def _centred(draw: ImageDraw.ImageDraw, y: int, text: str, font: ImageFont.FreeTypeFont,
             left: int, width: int) -> int:
    """Draw one line centred in [left, left + width); return the y below it."""
    box = draw.textbbox((0, 0), text, font=font)
    draw.text((left + (width - (box[2] - box[0])) // 2 - box[0], y - box[1]), text, font=font, fill="black")
    return y + (box[3] - box[1])


def write_unit_qr(
    path: str | Path,
    unit_name: str,
    telegram_url: str,
    whatsapp_url: str | None = None,
    locale: str = "id",
    catalog: Catalog | None = None,
) -> Path:
    """Write a printable PNG: the unit name, a scan hint, and one QR per channel with its caption."""
    from PIL import Image, ImageDraw  # Pillow only when a poster is drawn (the server imports this module)

    cat = catalog or default_catalog()
    codes = [(cat.text("skm.qr.telegram", locale), _qr_image(telegram_url))]
    if whatsapp_url:
        codes.append((cat.text("skm.qr.whatsapp", locale), _qr_image(whatsapp_url)))

    title_font, name_font = _font(56, bold=True), _font(64, bold=True)
    text_font, caption_font = _font(40), _font(48, bold=True)
    qr_size = max(img.width for _, img in codes)
    width = max(2 * MARGIN + len(codes) * qr_size + (len(codes) - 1) * GAP, 1400)
    name_lines = textwrap.wrap(unit_name, 30) or [""]
    hint_lines = textwrap.wrap(cat.text("skm.qr.scan", locale), 50)

    # Lay out once on a scratch image to measure the height, then again on the real canvas.
    def layout(image: Image.Image, paste: bool) -> int:
        draw = ImageDraw.Draw(image)
        y = MARGIN
        y = _centred(draw, y, cat.text("skm.qr.title", locale), title_font, 0, width) + 30
        for line in name_lines:
            y = _centred(draw, y, line, name_font, 0, width) + 16
        y += 24
        for line in hint_lines:
            y = _centred(draw, y, line, text_font, 0, width) + 12
        y += 40
        left = (width - (len(codes) * qr_size + (len(codes) - 1) * GAP)) // 2
        for index, (caption, img) in enumerate(codes):
            x = left + index * (qr_size + GAP)
            if paste:
                image.paste(img, (x + (qr_size - img.width) // 2, y))
            _centred(draw, y + qr_size + 20, caption, caption_font, x, qr_size)
        return y + qr_size + 20 + 60 + MARGIN

    height = layout(Image.new("RGB", (width, 10), "white"), paste=False)
    canvas = Image.new("RGB", (width, height), "white")
    layout(canvas, paste=True)
    out = Path(path)
    canvas.save(out, format="PNG", dpi=(DPI, DPI))
    return out
