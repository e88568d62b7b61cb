"""Photos without their metadata: EXIF (GPS, camera, the owner's name as Artist), XMP, IPTC and comments.

A photo sent as a file keeps what the phone wrote into it; for an anonymous complaint that can name the
reporter or the spot they stood on. Only the pixels are kept: the image is decoded, turned upright as its
EXIF orientation says (so nothing looks rotated once the tag is gone), and encoded again with nothing else.
"""

from __future__ import annotations

import io
import logging

log = logging.getLogger("laporbot.image_meta")

_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif",
            "TIFF": "image/jpeg", "MPO": "image/jpeg", "HEIF": "image/jpeg"}
MAX_PIXELS = 64_000_000  # a decompression bomb is refused rather than decoded


def is_image(kind: str | None, mime: str | None, filename: str | None = None) -> bool:
    """Whether an attachment is (probably) an image, by kind, MIME type or file name."""
    name = (filename or "").lower()
    return kind == "photo" or (mime or "").lower().startswith("image/") \
        or name.endswith((".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".heic", ".gif"))


def strip_metadata(data: bytes) -> tuple[bytes, str] | None:
    """The image re-encoded from its pixels only, and its MIME type; None when the bytes are not an image."""
    from PIL import Image, ImageOps, UnidentifiedImageError  # Pillow loads with the first photo, not at start

    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.width * opened.height > MAX_PIXELS:
                return None
            source_format = opened.format or "JPEG"
            upright = ImageOps.exif_transpose(opened)  # the orientation applied to the pixels themselves
            upright.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    out_format = source_format if source_format in ("JPEG", "PNG", "WEBP", "GIF") else "JPEG"
    pixels = Image.new(upright.mode, upright.size)  # a fresh image: no info dict, no EXIF/XMP/ICC/comment
    if upright.mode == "P" and (palette := upright.getpalette()):
        pixels.putpalette(palette)
    pixels.paste(upright)
    if out_format == "JPEG" and pixels.mode not in ("RGB", "L", "CMYK"):
        pixels = pixels.convert("RGB")
    buffer = io.BytesIO()
    options: dict[str, object] = {"quality": 90} if out_format == "JPEG" else {}
    pixels.save(buffer, format=out_format, **options)
    return buffer.getvalue(), _FORMATS.get(out_format, "image/jpeg")


def clean_image(data: bytes) -> bytes | None:
    """Just the cleaned bytes (see strip_metadata); None when the bytes are not an image we can read."""
    found = strip_metadata(data)
    return found[0] if found is not None else None
