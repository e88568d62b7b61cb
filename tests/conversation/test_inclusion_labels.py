"""Labels never cut mid-word on any channel, and simple mode's plain numbered text (item 4 of issue #18)."""

from __future__ import annotations

import json

from bot.core.i18n import default_catalog
from bot.core.labels import plain, shorten, simple_messages
from bot.core.messages import Option, Reply
from handlers.telegram.adapter import keyboard_rows, telegram_texts
from handlers.terminal import render_json, render_text
from handlers.whatsapp import render as whatsapp_render
from tests.harness import ChatHarness

PLACE = "Desa Paokmotong, Kecamatan Masbagik, Kabupaten Lombok Timur, Nusa Tenggara Barat"
AGENCY = "Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kabupaten Lombok Timur"
PLACES = Reply("Yang mana?", (Option("52.03.09.2005", PLACE), Option("52.03.10.2001", "Desa Masbagik Utara"),
                              Option("none", "Tidak ada")), "choice", "4")


def at_a_word(cut: str, whole: str) -> bool:
    """A cut label is the whole label up to a word's end (or the whole label)."""
    head = cut.removesuffix("…")
    return whole.startswith(head) and (len(head) == len(whole) or not whole[len(head)].isalnum())


def test_shorten_cuts_at_a_word() -> None:
    """The shared cutter: at a word, ellipsis marked, nothing dangling."""
    assert shorten(PLACE, 61) == "Desa Paokmotong, Kecamatan Masbagik, Kabupaten Lombok Timur…"
    for limit in range(12, len(PLACE) + 1):
        assert at_a_word(shorten(PLACE, limit), PLACE) and len(shorten(PLACE, limit)) <= limit


def test_telegram_buttons_cut_at_a_word_and_the_whole_labels_are_in_the_text() -> None:
    """"…Kabupaten Lombok Ti…" no more: the button is cut at a word, the message lists the whole names."""
    labels = [label for row in keyboard_rows(PLACES) for label, _ in row]
    assert all(at_a_word(label, option.label) for label, option in zip(labels, PLACES.options, strict=True))
    assert labels[0] != PLACE
    (text,) = telegram_texts(PLACES)
    assert text.startswith("Yang mana?") and f"1. {PLACE}" in text
    short = Reply("Pilih", (Option("a", "Pengaduan"),), "choice")
    assert telegram_texts(short) == ["Pilih"], "nothing added when no label was cut"


def test_jsonl_labels_cut_at_a_word_with_the_whole_label_beside() -> None:
    """JSON lines: the label cut at a word, the whole one as "description"."""
    line = json.loads(render_json(PLACES))
    first = line["options"][0]
    assert at_a_word(first["label"], PLACE) and first["label"] != PLACE and first["description"] == PLACE
    assert line["options"][1] == {"id": "52.03.10.2001", "label": "Desa Masbagik Utara"}


def test_whatsapp_titles_cut_at_a_word() -> None:
    """WhatsApp's buttons and rows, from a whole agency name (no mid-word short form from the flows)."""
    reply = Reply("Untuk instansi ini?", (Option("52.03-dp3a", AGENCY), Option("unknown", "Tidak tahu")), "choice")
    (message,) = whatsapp_render.render(reply, "62812", default_catalog(), "id")
    titles = [b["reply"]["title"] for b in message["interactive"]["action"]["buttons"]]
    assert at_a_word(titles[0], AGENCY) and len(titles[0]) <= 20


async def test_flows_give_whole_names(harness: ChatHarness) -> None:
    """The agency suggested from a story reaches the channels whole (each channel cuts it at a word)."""
    await harness.send("ani", choice="complaint")
    replies = await harness.send("ani", "Anak saya tidak dilayani di Dinas Pemberdayaan Masyarakat dan Desa")
    # the story first: what it tells is not asked; the rest is answered up to the agency question
    replies = await harness.answer("ani", replies, {
        "Laporan Anda termasuk": {"choice": "pengaduan"}, "Beri judul": {"choice": "auto"},
        "Kapan": {"choice": "today"}, "Di mana": {"text": "Selong"}}, until="Dari cerita Anda")
    labels = [o.label for r in replies for o in r.options]
    assert any(len(label) > 60 for label in labels), "a name longer than the old 60-character cut"
    assert all(not label.endswith("…") for label in labels), labels


def test_simple_mode_is_plain_numbered_text_one_question_per_message() -> None:
    """No emoji, options as "1. Pengaduan", the question apart from what is said before it; every channel."""
    reply = Reply("🚨 Laporan tersimpan.\n\nLaporan Anda termasuk jenis apa? 📝",
                  (Option("pengaduan", "Pengaduan (ada masalah)"), Option("aspirasi", "💡 Aspirasi")), "choice", "3",
                  (Option("nav.cancel", "Batal"),), simple=True)
    info, question = simple_messages(reply)
    assert info == "Laporan tersimpan."
    assert question == "Laporan Anda termasuk jenis apa?\n\n1. Pengaduan (ada masalah)\n2. Aspirasi\n\nbatal"
    assert telegram_texts(reply) == [info, question]
    bodies = whatsapp_render.render(reply, "62812", default_catalog(), "id")
    assert [b["type"] for b in bodies] == ["text", "text"] and bodies[1]["text"]["body"] == question
    assert render_text(reply) == f"{info}\n\n{question}"
    assert json.loads(render_json(reply))["simple"] is True
    assert plain("Pilih 2️⃣ ✅ ya") == "Pilih 2 ya", "a keycap stays its digit"
    assert Reply.from_json(reply.to_json()).simple and "simple" not in Reply("x").to_json()
