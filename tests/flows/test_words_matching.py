"""Everyday answers read as the option they mean, at the real questions of the shipped flows."""

from __future__ import annotations

import pytest

from bot.core.messages import Inbound, Option
from flows.engine import _containing
from flows.library import default_engine
from flows.matching import match_label
from flows.schema import Step
from flows.state import ConversationState
from tests.words_support import resolve


@pytest.mark.parametrize(("text", "expected"), [
    # Indonesian and chat spellings
    ("ya", "yes"), ("iyaa", "yes"), ("iy", "yes"), ("y", "yes"), ("oke", "yes"), ("siap", "yes"), ("boleh", "yes"),
    ("tidak", "no"), ("tdk", "no"), ("gk", "no"), ("g", "no"), ("gak usah", "no"), ("nggak", "no"),
    # Javanese, Sundanese, Sasak, Betawi, Minang/Malay, Bugis
    ("nggih", "yes"), ("inggih", "yes"), ("enggih", "yes"), ("iyo", "yes"), ("muhun", "yes"), ("aok", "yes"),
    ("iye", "yes"), ("mboten", "no"), ("ora", "no"), ("ndak", "no"), ("ndeq", "no"), ("henteu", "no"),
    ("kagak", "no"), ("indak", "no"), ("tak", "no"),
    # politeness around the answer; "terserah" leaves an optional choice off
    ("nggih bu", "yes"), ("ndak pak, terima kasih", "no"), ("terserah", "no"),
    ("mungkin", None), ("besok saja", None),
])
def test_yes_no_in_regional_speech(text: str, expected: str | None) -> None:
    """Yes and no as people across Indonesia type them."""
    assert resolve("yesno", text) == expected


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("confirm", "iya", "submit"), ("confirm", "nggih", "submit"), ("confirm", "kirim", "submit"),
    ("confirm", "krim", "submit"), ("confirm", "ubah", "edit"), ("confirm", "batalkan", "cancel"),
    ("attachments", "tidak", "done"), ("attachments", "sdh", "done"), ("attachments", "gak ada", "done"),
    ("attachments", "tidak ada foto", "done"), ("attachments", "lajnut", "done"), ("attachments", "udah", "done"),
    ("attachments", "jalan rusak parah", None),
    ("phone", "leawti", "skip"), ("phone", "lewatin", "skip"), ("phone", "gak usah", "skip"),
    ("phone", "0812 3456 7890", None),
    ("date", "lupa", "unknown"), ("date", "tidak ingat", "unknown"), ("date", "3 hari lalu", None),
    ("category", "bantuan", "sosial"), ("category", "bantuan sosial", "sosial"), ("category", "kesehatan", "kesehatan"),
])
def test_option_words_at_every_step(question: str, text: str, expected: str | None) -> None:
    """"iya" sends, "tidak"/"sdh"/"gak ada" at the photo question go on, typos of labels are accepted."""
    assert resolve(question, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("baik", "3"), ("puas", "3"), ("bagus", "3"), ("lumayan", "3"), ("oke", "3"),
    ("jelek", "1"), ("buruk", "1"), ("tidak puas", "1"), ("kecewa", "1"),
    ("kurang", "2"), ("kurang puas", "2"), ("biasa aja", "2"),
    ("sangat baik", "4"), ("mantap", "4"), ("puas banget", "4"), ("luar biasa", "4"),
    ("sesuai", "3"), ("sangat sesuai", "4"), ("balik", None), ("kembali", None),
])
def test_satisfaction_words_on_the_skm_scale(text: str, expected: str | None) -> None:
    """Satisfaction words map to the 4-point scale; "balik" stays a command, never the label "baik"."""
    assert resolve("skm", text) == expected


SHOWN = {"a": ["Kec. Sakra, Kab. Lombok Timur, Nusa Tenggara Barat"],
         "b": ["Desa Sukamulia, Kec. Sukamulia, Kab. Lombok Timur, Nusa Tenggara Barat"],
         "none": ["Tidak ada di daftar"]}


@pytest.mark.parametrize(("text", "strict", "expected"), [
    ("Kec. Sakra, Kab. Lo…", False, "a"), ("Kec. Sakra, Kab. Lo", False, "a"), ("kec sakra kab lo...", True, "a"),
    ("Desa Sukamulia, Kec. S…", True, "b"), ("Kec…", False, "a"), ("Kab…", True, None), ("Desa", True, None),
])
def test_shortened_titles_pick_their_option(text: str, strict: bool, expected: str | None) -> None:
    """WhatsApp's cut titles, typed with or without the ellipsis, name the option they were cut from."""
    assert match_label(text, SHOWN, strict=strict) == expected


@pytest.mark.parametrize(("text", "labels", "expected"), [
    ("leawti", {"skip": ["Lewati"]}, "skip"), ("lajnut", {"done": ["Lanjut"]}, "done"),
    ("lewti", {"skip": ["Lewati"]}, "skip"), ("LPR-222223S", {"t": ["LPR-222223T"]}, None),
    ("lanjut saja ceritanya panjang", {"done": ["Lanjut"]}, None),
])
def test_typos_of_a_label_at_free_text_steps(text: str, labels: dict[str, list[str]], expected: str | None) -> None:
    """A label with a typo or two swapped letters counts; codes and longer answers never do."""
    assert match_label(text, labels, strict=True) == expected


def test_a_command_word_inside_one_option_is_that_option() -> None:
    """"bantuan" is the option "Bantuan sosial"; a word two options share picks neither."""
    options = [Option("sosial", "Bantuan sosial"), Option("kesehatan", "Kesehatan")]
    assert _containing("bantuan", options) == "sosial"
    assert _containing("bantuan", [*options, Option("hukum", "Bantuan hukum")]) is None
    assert _containing("menu", options) is None


def test_a_lone_command_word_at_a_free_text_step_stays_a_command() -> None:
    """At the title question "bantuan" is help, even when the offered title mentions bantuan."""
    step = Step("ask_title", "text", options_from="title_suggestion", next="x")
    shown = [Option("auto", "Pakai: nama kami tidak masuk daftar penerima bantuan…")]
    engine = default_engine()
    assert engine._choice(Inbound("t", "u", "m", text="bantuan"), step, shown, "complaint") is None
    assert engine._choice(Inbound("t", "u", "m", text="bantuan"), Step("c", "choice", next="x"),
                          [Option("sosial", "Bantuan sosial")], "complaint") == "sosial"


def test_help_stays_reachable_where_an_option_says_bantuan() -> None:
    """The nav button, "/bantuan" and "?" are help whatever the question offers; typed "bantuan" is not."""
    engine = default_engine()
    at_category = ConversationState(flow="complaint", step="ask_category")
    assert engine._command(Inbound("t", "u", "m", choice_id="nav.help"), at_category) == "help"
    assert engine._command(Inbound("t", "u", "m", command="help"), at_category) == "help"
    assert engine._command(Inbound("t", "u", "m", text="?"), at_category) == "help"
    assert engine._command(Inbound("t", "u", "m", text="/bantuan"), at_category) == "help"
