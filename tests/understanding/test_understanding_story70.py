"""What a first message fills without asking (bot/understanding/story.read_story): where the trouble is not — where
someone came from, the border a road runs to, the teller's own town, a province's office — is never filled as the
place. Fresh sentences written for this file, none copied from a story set."""

from __future__ import annotations

from datetime import date

import pytest

from flows.engine import CONFIDENT
from flows.ports import StoryReading
from tests.harness import read_shipped_story

TODAY = date(2026, 12, 2)


def read(text: str) -> StoryReading:
    """A story read as the bot reads it in a national deployment (no kabupaten of its own)."""
    return read_shipped_story(text, TODAY)


@pytest.mark.parametrize("story", [
    # the teller's own Kota, where they live, work or are just now, is no place of the trouble told beside it
    "kulo lagi di kota semarang, ditelpon tonggo omah kebakaran, damkar dereng teko",
    "sa tinggal di kota sorong, mama bilang air bersih di kampung tra mengalir su satu minggu",
    # where someone else or something came from
    "beras bantuan sudah basah dan berkutu waktu dibagi, katanya dikirim gudang dari kota Kupang",
    "orang orang dari kab Gresik buang sampah sembarangan di pinggir kali malam malam, baunya sampai ke rumah",
    # the border a road runs to
    "jalan sampai batas kota Madiun rusak berat, lubangnya dalam",
    "jalan desa menuju perbatasan kab Ngawi hancur, truk tebu lewat terus",
    # a province's level word naming whose a hospital is: what follows names no place
    "antrean di rumah sakit provinsi kong lama sekali, mama so tunggu dari pagi",
])
def test_where_the_trouble_is_not_is_never_filled(story: str) -> None:
    found = read(story)
    assert found.confidence.get("location", 0.0) < CONFIDENT or "region" not in found.answers.get("location", {})
    assert "agency" not in found.answers


@pytest.mark.parametrize(("story", "region"), [
    # the teller's Kota set aside, the Kabupaten of another province the story names is where it happened (one of
    # the same province, both named no finer, is asked: test_understanding_story68)
    ("sy ngekos di Kota Batam, tapi rumah ortu di Kabupaten Kampar kebanjiran dua hari, belum ada bantuan", "14.01"),
    ("Saya tinggal di Kota Bandung tapi jalan di Kabupaten Kebumen dekat rumah mertua ambles", "33.05"),
])
def test_the_place_left_when_the_others_are_set_aside_is_filled(story: str, region: str) -> None:
    found = read(story)
    assert found.answers["location"]["region"] == region
    assert found.confidence["location"] >= CONFIDENT


@pytest.mark.parametrize(("story", "region"), [
    # Papua's kecamatan is a distrik: named with its level word, it is filled as a kecamatan is
    ("puskesmas di distrik Kurulu tutup terus, mantri tra pernah ada", "95.01"),
    ("sekolah di distrik Mandobo tra ada guru matematika su satu semester", "93.02"),
    # ...and so are Yogyakarta's kalurahan and Lampung's pekon, each a desa
    ("lampu jalan di kalurahan Sardonoharjo mati sebulan, gelap kalau malam", "34.04.12"),
    ("jembatan di pekon Way Ilahan putus dibawa banjir", "18.06.04"),
])
def test_a_regional_level_word_names_the_place(story: str, region: str) -> None:
    found = read(story)
    assert found.answers["location"]["region"].startswith(region)
    assert found.confidence["location"] >= CONFIDENT


def test_a_voice_notes_filler_ends_a_places_name() -> None:
    # "paku eee keumala": the filler is no part of a name ("Pakue" of Kolaka Utara is not where it happened)
    found = read("eee lapor pak di gampong paku eee keumala eee jembatan gantung putus dibawa banjir kemarin")
    assert not found.answers.get("location", {}).get("region", "").startswith("74")
