"""WhatsApp webhook parsing: recorded payloads -> Inbound, statuses, signatures, verify challenge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.core.messages import Inbound, Location, Media
from handlers.whatsapp.payload import (
    Contact,
    StatusEvent,
    parse_webhook,
    split_reply_id,
    valid_signature,
    verify_challenge,
)
from tests.fakes.graph_api import encode, make_webhook, message, sign, status_event, text_message

FIXTURES = Path(__file__).parents[1] / "fixtures" / "whatsapp"
WA = "6281234567890"
BSUID = "ID.1349120865530274191"
WHO: dict[str, Any] = {"channel": "whatsapp", "user_id": BSUID, "phone": WA, "display_name": "Budi Santoso"}


def load(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


EXPECTED: dict[str, Inbound] = {
    "text": Inbound(
        channel="whatsapp", user_id=WA, phone=WA, display_name="Budi Santoso",
        message_id="wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABIYIDNFQjA1QTAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAA",
        text="Jalan di depan rumah saya berlubang besar",
    ),
    "button_reply": Inbound(**WHO, message_id="wamid.button_reply.1", choice_id="yes", prompt_id="confirm"),
    "list_reply": Inbound(**WHO, message_id="wamid.list_reply.1", choice_id="road", prompt_id="ask_category"),
    "template_button": Inbound(
        **WHO, message_id="wamid.template_button.1", choice_id="start", prompt_id="survey_invite"
    ),
    "location": Inbound(
        **WHO, message_id="wamid.location.1",
        location=Location(-6.9147, 107.6098, name="Gedung Sate", address="Jl. Diponegoro No.22, Bandung"),
    ),
    "image": Inbound(
        **WHO, message_id="wamid.image.1", text="Foto lubang di Jl. Merdeka",
        media=(Media(kind="photo", ref="1469123456789012", mime="image/jpeg"),),
    ),
    "document": Inbound(
        **WHO, message_id="wamid.document.1", text="Surat pengantar RT",
        media=(Media(kind="document", ref="1470123456789012", mime="application/pdf", name="surat_rt.pdf"),),
    ),
    "audio_voice": Inbound(
        **WHO, message_id="wamid.audio.1",
        media=(Media(kind="voice", ref="1471123456789012", mime="audio/ogg; codecs=opus"),),
    ),
    "video": Inbound(
        **WHO, message_id="wamid.video.1",
        media=(Media(kind="video", ref="1472123456789012", mime="video/mp4"),),
    ),
    "sticker": Inbound(
        **WHO, message_id="wamid.sticker.1",
        media=(Media(kind="sticker", ref="1473123456789012", mime="image/webp"),),
    ),
    "reaction": Inbound(**WHO, message_id="wamid.reaction.1", text="👍"),
    "contacts": Inbound(**WHO, message_id="wamid.contacts.1", unsupported="contacts"),
    "unsupported": Inbound(**WHO, message_id="wamid.unsupported.1", unsupported="unsupported"),
    "bsuid_only": Inbound(
        channel="whatsapp", user_id="ID.9876543210123456789", message_id="wamid.bsuid.1", text="halo",
        display_name="Sari",
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_parses_into_expected_inbound(name: str) -> None:
    batch = parse_webhook(load(name))
    assert batch.inbound == [EXPECTED[name]]
    assert batch.statuses == []


def test_every_fixture_is_covered() -> None:
    assert {p.stem for p in FIXTURES.glob("*.json")} == set(EXPECTED) | {"statuses"}


def test_inbound_survives_the_json_log() -> None:
    for inbound in EXPECTED.values():
        assert Inbound.from_json(json.loads(json.dumps(inbound.to_json()))) == inbound


def test_shared_contact_phone_numbers_are_not_copied() -> None:
    inbound = parse_webhook(load("contacts")).inbound[0]
    dumped = json.dumps(inbound.to_json())
    assert "6281298765432" not in dumped and "9876" not in dumped and "Slamet" not in dumped


def test_statuses_fixture() -> None:
    batch = parse_webhook(load("statuses"))
    assert batch.inbound == []
    assert [(s.message_id, s.status, s.recipient, s.timestamp) for s in batch.statuses] == [
        ("wamid.out.1", "sent", BSUID, 1755400010),
        ("wamid.out.1", "delivered", BSUID, 1755400011),
        ("wamid.out.1", "read", BSUID, 1755400020),
        ("wamid.out.2", "failed", WA, 1755490000),  # failed statuses may lack the BSUID
    ]
    failed = batch.statuses[-1]
    assert failed.error_code == 131047
    assert failed.errors[0]["title"] == "Re-engagement message"
    assert batch.statuses[0].error_code is None


def test_contacts_are_listed() -> None:
    batch = parse_webhook(load("bsuid_only"))
    assert batch.contacts == [Contact(user_id="ID.9876543210123456789", wa_id=None, display_name="Sari")]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ask_category|road", ("ask_category", "road")),
        ("road", (None, "road")),
        ("a|b|c", ("a|b", "c")),
        ("|road", (None, "|road")),
        ("prompt|", (None, "prompt|")),
    ],
)
def test_split_reply_id(raw: str, expected: tuple[str | None, str]) -> None:
    assert split_reply_id(raw) == expected


def test_plain_button_id_has_no_prompt() -> None:
    body = make_webhook([message("interactive", {"type": "button_reply", "button_reply": {"id": "yes",
                                                                                         "title": "Ya"}})])
    inbound = parse_webhook(body).inbound[0]
    assert (inbound.choice_id, inbound.prompt_id) == ("yes", None)


def test_template_button_without_payload_falls_back_to_text() -> None:
    inbound = parse_webhook(make_webhook([message("button", {"text": "Berhenti"})])).inbound[0]
    assert (inbound.text, inbound.choice_id) == ("Berhenti", None)


def test_audio_file_that_is_not_a_voice_note() -> None:
    body = make_webhook([message("audio", {"id": "55", "mime_type": "audio/mpeg"})])
    assert parse_webhook(body).inbound[0].media == (Media(kind="audio", ref="55", mime="audio/mpeg"),)


def test_removed_reaction_is_skipped() -> None:
    body = make_webhook([message("reaction", {"message_id": "wamid.out.1", "emoji": ""})])
    assert parse_webhook(body).inbound == []


def test_system_message_is_skipped() -> None:
    body = make_webhook([message("system", {"body": "changed number", "type": "user_changed_number"})],
                        contacts=[])
    assert parse_webhook(body).inbound == []


@pytest.mark.parametrize("kind", ["order", "poll", "ephemeral"])
def test_unknown_type_is_unsupported(kind: str) -> None:
    inbound = parse_webhook(make_webhook([message(kind, {})])).inbound[0]
    assert inbound.unsupported == kind


def test_flow_reply_is_unsupported() -> None:
    body = make_webhook([message("interactive", {"type": "nfm_reply", "nfm_reply": {"response_json": "{}"}})])
    assert parse_webhook(body).inbound[0].unsupported == "interactive"


def test_batch_with_several_messages_and_statuses() -> None:
    body = make_webhook(
        [text_message("satu", wamid="wamid.a"), text_message("dua", wa_id="6289999999999", wamid="wamid.b")],
        [status_event("wamid.out.9", "delivered")],
    )
    batch = parse_webhook(body)
    assert [(i.user_id, i.text) for i in batch.inbound] == [(WA, "satu"), ("6289999999999", "dua")]
    assert batch.statuses == [StatusEvent("wamid.out.9", "delivered", WA, 1755400100, [])]


def test_other_webhook_fields_are_ignored() -> None:
    body = {"object": "whatsapp_business_account",
            "entry": [{"id": "1", "changes": [{"field": "account_update", "value": {"event": "X"}}]}]}
    assert parse_webhook(body) == parse_webhook({})


def test_garbage_does_not_raise() -> None:
    body = make_webhook([{"type": "text", "text": {"body": "no id"}}, "junk"], ["junk"], contacts=[])  # type: ignore[list-item]
    assert parse_webhook(body).inbound == []
    body["entry"].extend(["junk", {"changes": ["junk", {"value": "junk"}]}])
    assert parse_webhook(body) == parse_webhook({})


# --- signature ---------------------------------------------------------------------------------

SECRET = "app-secret"
RAW = encode(make_webhook([text_message("halo")]))


def test_signature_good() -> None:
    assert valid_signature(RAW, sign(RAW, SECRET), SECRET)


def test_signature_upper_case_hex_is_accepted() -> None:
    scheme, digest = sign(RAW, SECRET).split("=")
    assert valid_signature(RAW, f"{scheme}={digest.upper()}", SECRET)


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "sha256=",
        "sha256=deadbeef",
        sign(RAW, "other-secret"),
        sign(RAW, SECRET).replace("sha256", "sha1"),
        sign(RAW, SECRET)[len("sha256="):],
    ],
)
def test_signature_bad_or_missing(header: str | None) -> None:
    assert not valid_signature(RAW, header, SECRET)


def test_signature_is_over_raw_bytes_not_reserialised_json() -> None:
    reserialised = json.dumps(json.loads(RAW), indent=1).encode()
    assert not valid_signature(reserialised, sign(RAW, SECRET), SECRET)


def test_signature_without_secret_is_refused() -> None:
    assert not valid_signature(RAW, sign(RAW, ""), "")


# --- verify challenge --------------------------------------------------------------------------


def test_verify_challenge_good() -> None:
    params = {"hub.mode": "subscribe", "hub.verify_token": "tok", "hub.challenge": "1158201444"}
    assert verify_challenge(params, "tok") == "1158201444"


@pytest.mark.parametrize(
    "params",
    [
        {"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"},
        {"hub.mode": "unsubscribe", "hub.verify_token": "tok", "hub.challenge": "1"},
        {"hub.verify_token": "tok", "hub.challenge": "1"},
        {"hub.mode": "subscribe", "hub.challenge": "1"},
    ],
)
def test_verify_challenge_bad(params: dict[str, str]) -> None:
    assert verify_challenge(params, "tok") is None


def test_verify_challenge_with_empty_configured_token_is_refused() -> None:
    params = {"hub.mode": "subscribe", "hub.verify_token": "", "hub.challenge": "1"}
    assert verify_challenge(params, "") is None
