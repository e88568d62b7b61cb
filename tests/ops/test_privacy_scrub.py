"""Issue 13 item 9: the scrubber (bot/core/scrub.py) finds NIKs and phone numbers however they are spelled, and
our public Open311 read API never shows anyone's NIK, phone or e-mail (names: the reporter's)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.app import Core
from bot.core.clock import FixedClock
from bot.core.scrub import REDACTED, scrub_text
from bot.forwarding.open311_api import add_open311_routes
from models.db import Database
from tests.forwarding_helpers import file_complaints, make_core

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad"]
SEPARATORS = ["", " ", "-", ".", "  ", " - "]
WORDS = st.sampled_from(["lapor", "jalan rusak", "di", "RT 03", "no 12", "Rp 1.500.000", "tgl 12", "sejak 2024",
                         "Selong", "pukul 10.30", ":", ","])


def digits_only(text: str) -> str:
    """The ASCII digits of a text, in order."""
    return "".join(ch for ch in text if ch.isdigit())


@st.composite
def spelled(draw: st.DrawFn, digits: str, groups: list[int]) -> str:
    """A number written the way people do: groups with separators, invisible characters sprinkled in."""
    out, at = [], 0
    for size in groups:
        out.append(digits[at:at + size])
        at += size
    text = out[0]
    for group in out[1:]:
        text += draw(st.sampled_from(SEPARATORS)) + group
    # invisible characters anywhere between digits
    chars = list(text)
    for _ in range(draw(st.integers(0, 3))):
        chars.insert(draw(st.integers(1, len(chars) - 1)), draw(st.sampled_from(INVISIBLE)))
    return "".join(chars)


@st.composite
def phones(draw: st.DrawFn) -> tuple[str, str]:
    """An Indonesian mobile number in one of its spellings, and its national digits."""
    national = "8" + draw(st.sampled_from("1235789")) + draw(st.text("0123456789", min_size=7, max_size=9))
    prefix = draw(st.sampled_from(["0", "+62", "62", "+62 ", "62 ", "(0", "0"]))
    body = draw(spelled(national, [3, 4, len(national) - 7]))
    if prefix == "(0":
        head, rest = body[:3], body[3:]
        return f"(0{head}){draw(st.sampled_from([' ', '', '-']))}{rest.lstrip(' -.')}", national
    return prefix + body, national


@st.composite
def niks(draw: st.DrawFn) -> tuple[str, str]:
    """A 16-digit NIK, whole or in groups of 4 or 6-6-4, with separators and invisible characters."""
    nik = draw(st.text("0123456789", min_size=16, max_size=16).filter(lambda d: d[0] != "0"))
    groups = draw(st.sampled_from([[16], [4, 4, 4, 4], [6, 6, 4], [2, 2, 2, 6, 4]]))
    return draw(spelled(nik, groups)), nik


@settings(max_examples=300, deadline=None)
@given(before=WORDS, after=WORDS, number=phones())
def test_phone_numbers_in_every_spelling_are_cut(before: str, after: str, number: tuple[str, str]) -> None:
    """No run of the phone's national digits survives, whatever surrounds it."""
    spelling, national = number
    out = scrub_text(f"{before} {spelling} {after}") or ""
    assert national[1:] not in digits_only(out), (spelling, out)
    assert REDACTED in out


@settings(max_examples=300, deadline=None)
@given(before=WORDS, after=WORDS, number=niks())
def test_niks_in_every_spelling_are_cut(before: str, after: str, number: tuple[str, str]) -> None:
    """No NIK survives, split by spaces, dots, dashes or zero-width characters."""
    spelling, nik = number
    out = scrub_text(f"{before} NIK {spelling} {after}") or ""
    assert nik not in digits_only(out) and nik[:12] not in digits_only(out), (spelling, out)


@pytest.mark.parametrize("kept", ["Rp 1.500.000", "Rp 15.000.000.000", "RT 03 RW 04 no 12", "2024-03-12 10.30",
                                  "kode pos 83671", "tahun 2019 sampai 2024", "jam 08.00-16.00"])
def test_ordinary_numbers_are_kept(kept: str) -> None:
    """Money, dates, times, addresses: not phone numbers, kept as written."""
    assert scrub_text(f"laporan {kept} ya") == f"laporan {kept} ya"


def test_names_emails_and_examples_from_the_issue() -> None:
    """The spellings the issue lists, e-mail, and the reporter's names (single words too)."""
    cases = {
        "NIK 5203014101900001, HP 081234567890": f"NIK {REDACTED}, HP {REDACTED}",
        "NIK 5203\u200b014101900002": f"NIK {REDACTED}",
        "(0812) 3456-7891": REDACTED,
        "0812-3456-7891 atau +62 812 3456 7891 atau 62812\u20603456\ufeff7891": f"{REDACTED} atau {REDACTED} atau "
                                                                             f"{REDACTED}",
        "surel budi.s@example.co.id": f"surel {REDACTED}",
        "Saya Budi, anak Pak SANTOSO": f"Saya {REDACTED}, anak Pak {REDACTED}",
    }
    for text, expected in cases.items():
        assert scrub_text(text, ["Budi Santoso"]) == expected, text
    assert scrub_text("Budiman dan Santosa", ["Budi Santoso"]) == "Budiman dan Santosa", "whole words only"


@pytest.fixture
async def core(db: Database, clock: FixedClock) -> AsyncIterator[Core]:
    """A Core with the Open311 read API's defaults."""
    made = await make_core(db, clock)
    yield made
    await made.close()


async def test_open311_read_api_never_publishes_nik_phone_or_email(core: Core) -> None:
    """The spellings published before the fix, in a named complaint's description and address; no rahasia."""
    await file_complaints(core, 1, user="ani-tg", display_name="Ani Lestari", contact_consent=True,
                          body="Jalan rusak. NIK 5203\u200b014101900002, telp (0812) 3456-7891, ani@example.com. "
                               "Salam, Ani Lestari.",
                          location={"text": "Depan rumah 0812\u200b3456\u200b7891", "lat": -8.6, "lon": 116.5,
                                    "region": "52.03.01"})
    await file_complaints(core, 1, user="rahasia-tg", is_secret=True, title="Kepala desa memeras",
                          body="Kepala desa memeras warga tiap minggu.")
    app = web.Application()
    add_open311_routes(app, core)
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        response = await client.get("/open311/v2/requests.json")
        body = await response.text()
    finally:
        await client.close()
    assert response.status == 200
    (item,) = json.loads(body)  # the rahasia complaint is not published at all (issue 13 item 10)
    assert "memeras" not in body
    flat = digits_only(json.dumps(item))
    for secret in ("5203014101900002", "81234567891", "8123456789"):
        assert secret not in flat, body
    assert "example.com" not in body and "Ani Lestari" not in body
    assert item["description"].startswith("Jalan rusak. NIK [disamarkan], telp [disamarkan], [disamarkan].")
