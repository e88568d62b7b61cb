"""Reply -> exact WhatsApp Graph API JSON: buttons, lists, numbered menus, long text, templates."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.i18n import Catalog
from bot.core.messages import Option, Reply
from handlers.whatsapp.render import (
    BUTTON_BODY_LIMIT,
    TEXT_LIMIT,
    mark_read,
    render,
    shorten,
    split_text,
    template,
)

TO = "6281234567890"
NAV = (Option("back", "Kembali"), Option("cancel", "Batal"), Option("help", "Bantuan"))
HEAD: dict[str, Any] = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": TO}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


def text(body: str) -> dict[str, Any]:
    return {**HEAD, "type": "text", "text": {"preview_url": False, "body": body}}


def button(reply_id: str, title: str) -> dict[str, Any]:
    return {"type": "reply", "reply": {"id": reply_id, "title": title}}


def test_no_options_is_a_text_message(catalog: Catalog) -> None:
    assert render(Reply("Halo!"), TO, catalog, "id") == [text("Halo!")]


def test_no_text_and_no_options_sends_nothing(catalog: Catalog) -> None:
    assert render(Reply("  "), TO, catalog, "id") == []


def test_two_options_as_reply_buttons_with_nav_hint(catalog: Catalog) -> None:
    reply = Reply(
        "Apakah data sudah benar?",
        options=(Option("yes", "Ya, kirim"), Option("edit", "Ubah data")),
        prompt_id="confirm",
        expects="choice",
        nav=NAV,
    )
    assert render(reply, TO, catalog, "id") == [{
        **HEAD,
        "type": "interactive",
        "interactive": {
            "type": "button",
            "body": {"text": "Apakah data sudah benar?\n\n"
                             "Anda juga bisa mengetik *kembali*, *batal*, atau *bantuan*."},
            "action": {"buttons": [button("confirm|yes", "Ya, kirim"), button("confirm|edit", "Ubah data")]},
        },
    }]


def test_three_options_shortened_and_deduplicated_titles(catalog: Catalog) -> None:
    reply = Reply(
        "Apa yang ingin Anda lakukan?",
        options=(
            Option("send", "Ya, kirim pengaduan sekarang", short="Kirim"),  # short wins
            Option("edit", "Ubah data pengaduan saya"),  # cut at a word, with an ellipsis
            Option("edit_other", "Ubah data pengaduan lain"),  # would repeat the title above
        ),
    )
    assert render(reply, TO, catalog, "id") == [{
        **HEAD,
        "type": "interactive",
        "interactive": {
            "type": "button",
            "body": {"text": "Apa yang ingin Anda lakukan?"},
            "action": {"buttons": [
                button("send", "Kirim"),
                button("edit", "Ubah data pengaduan…"),
                button("edit_other", "Ubah data… 2"),
            ]},
        },
    }]


def test_four_options_as_a_list_in_english(catalog: Catalog) -> None:
    reply = Reply(
        "What is your complaint about?",
        options=(
            Option("road", "Roads", description="Potholes, cracks, subsidence"),
            Option("waste", "Rubbish"),
            Option("water", "Clean water / PDAM not flowing"),
            Option("other", "Other public service complaints", short="Other"),
        ),
        prompt_id="ask_category",
        nav=(Option("cancel", "Cancel"),),
    )
    assert render(reply, TO, catalog, "en") == [{
        **HEAD,
        "type": "interactive",
        "interactive": {
            "type": "list",
            "body": {"text": "What is your complaint about?\n\nYou can also type *cancel*."},
            "action": {
                "button": "Choose",
                "sections": [{"rows": [
                    {"id": "ask_category|road", "title": "Roads",
                     "description": "Potholes, cracks, subsidence"},
                    {"id": "ask_category|waste", "title": "Rubbish"},
                    {"id": "ask_category|water", "title": "Clean water / PDAM not…",
                     "description": "Clean water / PDAM not flowing"},
                    {"id": "ask_category|other", "title": "Other",
                     "description": "Other public service complaints"},
                ]}],
            },
        },
    }]


DISTRICTS = (
    "Andir", "Antapani", "Arcamanik", "Astanaanyar", "Babakan Ciparay", "Bandung Kidul",
    "Bandung Kulon", "Bandung Wetan", "Batununggal", "Bojongloa Kaler", "Bojongloa Kidul", "Buahbatu",
)


def districts(n: int) -> tuple[Option, ...]:
    return tuple(Option(f"d{i}", name) for i, name in enumerate(DISTRICTS[:n], start=1))


def test_ten_options_as_a_list(catalog: Catalog) -> None:
    reply = Reply("Di kecamatan mana?", options=districts(10), prompt_id="ask_district")
    rows = [{"id": f"ask_district|d{i}", "title": name} for i, name in enumerate(DISTRICTS[:10], start=1)]
    assert render(reply, TO, catalog, "id") == [{
        **HEAD,
        "type": "interactive",
        "interactive": {
            "type": "list",
            "body": {"text": "Di kecamatan mana?"},
            "action": {"button": "Pilih", "sections": [{"rows": rows}]},
        },
    }]


def test_twelve_options_as_a_numbered_menu(catalog: Catalog) -> None:
    reply = Reply("Di kecamatan mana?", options=districts(12), prompt_id="ask_district", nav=NAV[1:2])
    assert render(reply, TO, catalog, "id") == [text(
        "Di kecamatan mana?\n\n"
        "1. Andir\n2. Antapani\n3. Arcamanik\n4. Astanaanyar\n5. Babakan Ciparay\n6. Bandung Kidul\n"
        "7. Bandung Kulon\n8. Bandung Wetan\n9. Batununggal\n10. Bojongloa Kaler\n11. Bojongloa Kidul\n"
        "12. Buahbatu\n\n"
        "Balas dengan nomor pilihan Anda.\n\n"
        "Anda juga bisa mengetik *batal*."
    )]


def test_long_text_is_split_at_line_boundaries(catalog: Catalog) -> None:
    paragraphs = [f"Paragraf {n}: " + "kata " * 150 for n in range(1, 12)]  # ~760 chars each
    long = "\n".join(p.strip() for p in paragraphs)
    messages = render(Reply(long), TO, catalog, "id")
    bodies = [m["text"]["body"] for m in messages]
    assert len(bodies) == 3
    assert all(len(b) <= TEXT_LIMIT for b in bodies)
    assert all(b.startswith("Paragraf") for b in bodies)  # every cut fell on a line break
    assert "\n".join(bodies) == long


def test_long_line_is_split_at_a_word_boundary() -> None:
    long = "lubang " * 1000  # 7,000 characters, no line break
    chunks = split_text(long)
    assert [len(c) for c in chunks] == [4094, 2904]
    assert all(not c.startswith(" ") and not c.endswith(" ") for c in chunks)
    assert " ".join(chunks) == long.strip()


def test_text_without_spaces_is_cut_hard() -> None:
    assert [len(c) for c in split_text("x" * 9000)] == [4096, 4096, 808]


def test_long_question_with_buttons_goes_first_as_text(catalog: Catalog) -> None:
    question = "Ringkasan pengaduan Anda:\n" + "Jalan berlubang dekat sekolah. " * 40 + "\nKirim sekarang?"
    assert len(question) > BUTTON_BODY_LIMIT
    reply = Reply(question, options=(Option("yes", "Ya"), Option("no", "Tidak")), prompt_id="confirm",
                  nav=NAV[2:])
    assert render(reply, TO, catalog, "id") == [
        text(question),
        {
            **HEAD,
            "type": "interactive",
            "interactive": {
                "type": "button",
                "body": {"text": "Silakan pilih:\n\nAnda juga bisa mengetik *bantuan*."},
                "action": {"buttons": [button("confirm|yes", "Ya"), button("confirm|no", "Tidak")]},
            },
        },
    ]


def test_list_rows_fit_meta_limits(catalog: Catalog) -> None:
    options = tuple(
        Option(f"o{i}", "Pengaduan tentang pelayanan kesehatan masyarakat di puskesmas nomor " + "x" * 80)
        for i in range(7)
    )
    message = render(Reply("Pilih:", options=options), TO, catalog, "id")[0]
    rows = message["interactive"]["action"]["sections"][0]["rows"]
    titles = [r["title"] for r in rows]
    assert len(set(t.casefold() for t in titles)) == 7
    assert all(len(r["title"]) <= 24 and len(r["description"]) <= 72 for r in rows)


@pytest.mark.parametrize(
    ("label", "limit", "expected"),
    [
        ("Jalan rusak", 20, "Jalan rusak"),
        ("Pengaduan pelayanan publik lainnya", 20, "Pengaduan pelayanan…"),
        ("Air bersih / PDAM tidak mengalir", 20, "Air bersih / PDAM…"),
        ("Supercalifragilisticexpialidocious", 20, "Supercalifragilisti…"),
        ("Penerangan  jalan\numum", 24, "Penerangan jalan umum"),
    ],
)
def test_shorten(label: str, limit: int, expected: str) -> None:
    assert shorten(label, limit) == expected
    assert len(shorten(label, limit)) <= limit


def test_template_body() -> None:
    assert template("complaint_update", "id", ["LPR-123", "diproses"], to=TO) == {
        **HEAD,
        "type": "template",
        "template": {
            "name": "complaint_update",
            "language": {"code": "id"},
            "components": [{"type": "body", "parameters": [
                {"type": "text", "text": "LPR-123"},
                {"type": "text", "text": "diproses"},
            ]}],
        },
    }


def test_template_without_params_or_recipient() -> None:
    assert template("survey_invite", "en") == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "type": "template",
        "template": {"name": "survey_invite", "language": {"code": "en"}},
    }


def test_mark_read_body() -> None:
    assert mark_read("wamid.in.1") == {"messaging_product": "whatsapp", "status": "read",
                                       "message_id": "wamid.in.1"}
    assert mark_read("wamid.in.1", typing=True)["typing_indicator"] == {"type": "text"}


def test_unknown_locale_falls_back_to_indonesian(catalog: Catalog) -> None:
    reply = Reply("Halo", options=districts(4), nav=NAV[:1])
    message = render(reply, TO, catalog, "xx")[0]
    assert message["interactive"]["action"]["button"] == "Pilih"
    assert message["interactive"]["body"]["text"].endswith("*kembali*.")
