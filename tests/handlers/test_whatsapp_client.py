"""WhatsAppClient against the fake Graph API: send, mark read, media download, error mapping."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.core.i18n import Catalog
from bot.core.messages import Option, Reply
from handlers.whatsapp.client import (
    MediaRejected,
    PairRateLimited,
    PermanentError,
    RateLimited,
    RetryLater,
    TransientError,
    WhatsAppClient,
    WhatsAppError,
    WindowClosed,
)
from handlers.whatsapp.render import render, template
from tests.fakes.graph_api import ACCESS_TOKEN, API_VERSION, PHONE_NUMBER_ID, FakeGraphAPI

TO = "6281234567890"
TEXT = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": TO, "type": "text",
        "text": {"preview_url": False, "body": "Halo"}}


@pytest.fixture
async def graph() -> AsyncIterator[FakeGraphAPI]:
    async with FakeGraphAPI() as fake:
        yield fake


@pytest.fixture
async def client(graph: FakeGraphAPI) -> AsyncIterator[WhatsAppClient]:
    async with WhatsAppClient(graph.base_url, API_VERSION, PHONE_NUMBER_ID, ACCESS_TOKEN,
                              max_media_bytes=1000, timeout=0.3) as wa:
        yield wa


async def test_send_returns_wamid_and_is_recorded(graph: FakeGraphAPI, client: WhatsAppClient) -> None:
    assert await client.send(TEXT) == "wamid.1"
    assert await client.send(template("complaint_update", "id", ["LPR-1"], to=TO)) == "wamid.2"
    assert graph.sent(TO)[0] == TEXT
    assert graph.sent("6280000000000") == []
    assert graph.texts() == ["Halo", "template:complaint_update"]


async def test_rendered_replies_are_accepted(graph: FakeGraphAPI, client: WhatsAppClient) -> None:
    catalog = Catalog.load()
    options = tuple(Option(f"o{i}", f"Pilihan {i}") for i in range(1, 5))
    for n in (0, 2, 4):
        for body in render(Reply("Pilih satu", options=options[:n]), TO, catalog, "id"):
            await client.send(body)
    assert [m["type"] for m in graph.sent()] == ["text", "interactive", "interactive"]


async def test_version_without_v_prefix(graph: FakeGraphAPI) -> None:
    async with WhatsAppClient(graph.base_url + "/", "25.0", PHONE_NUMBER_ID, ACCESS_TOKEN) as wa:
        assert await wa.send(TEXT) == "wamid.1"


async def test_mark_read_is_recorded_apart(graph: FakeGraphAPI, client: WhatsAppClient) -> None:
    await client.mark_read("wamid.in.7")
    assert graph.read_receipts == [{"messaging_product": "whatsapp", "status": "read",
                                    "message_id": "wamid.in.7"}]
    assert graph.sent() == []


async def test_wait_for_sees_a_send_from_another_task(graph: FakeGraphAPI, client: WhatsAppClient) -> None:
    task = asyncio.create_task(client.send(TEXT))
    await graph.wait_for(lambda: len(graph.sent(TO)) == 1)
    await task
    with pytest.raises(TimeoutError):
        await graph.wait_for(lambda: len(graph.sent()) == 2, timeout=0.05)


async def test_wrong_token_is_a_permanent_error(graph: FakeGraphAPI) -> None:
    async with WhatsAppClient(graph.base_url, API_VERSION, PHONE_NUMBER_ID, "bad-token") as wa:
        with pytest.raises(PermanentError) as info:
            await wa.send(TEXT)
    assert (info.value.code, info.value.http_status) == (190, 401)
    assert graph.sent() == []


async def test_shared_session_is_not_closed(graph: FakeGraphAPI) -> None:
    async with aiohttp.ClientSession() as session:
        async with WhatsAppClient(graph.base_url, API_VERSION, PHONE_NUMBER_ID, ACCESS_TOKEN, session) as wa:
            await wa.send(TEXT)
        assert not session.closed


# --- failures ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "error", "code", "status"),
    [
        ("131047", WindowClosed, 131047, 400),
        ("131056", PairRateLimited, 131056, 400),
        ("130429", RateLimited, 130429, 429),
        ("500", TransientError, 1, 500),
        ("100", PermanentError, 100, 400),
    ],
)
async def test_failure_kinds_map_to_exceptions(
    graph: FakeGraphAPI, client: WhatsAppClient, kind: str, error: type[WhatsAppError], code: int, status: int
) -> None:
    graph.fail_next(kind)
    with pytest.raises(WhatsAppError) as info:
        await client.send(TEXT)
    assert type(info.value) is error
    assert (info.value.code, info.value.http_status) == (code, status)
    assert info.value.trace_id == "AbCdEfGhIjKlMnOp"
    assert TO not in str(info.value) and "Halo" not in str(info.value)
    assert await client.send(TEXT) == "wamid.1"  # the failure was for one request only


async def test_failures_repeat_times(graph: FakeGraphAPI, client: WhatsAppClient) -> None:
    graph.fail_next("500", times=2)
    for _ in range(2):
        with pytest.raises(TransientError):
            await client.send(TEXT)
    await client.send(TEXT)


async def test_retry_hints(graph: FakeGraphAPI, client: WhatsAppClient) -> None:
    graph.fail_next("130429", retry_after=30)
    graph.fail_next("130429")
    graph.fail_next("131056")
    with pytest.raises(RateLimited) as first:
        await client.send(TEXT)
    with pytest.raises(RateLimited) as second:
        await client.send(TEXT)
    with pytest.raises(PairRateLimited) as pair:
        await client.send(TEXT)
    assert (first.value.retry_after, second.value.retry_after) == (30.0, None)
    assert pair.value.retry_after is not None and pair.value.retry_after > 0
    assert all(isinstance(e.value, RetryLater) for e in (first, second, pair))


async def test_window_closed_is_not_retryable(graph: FakeGraphAPI, client: WhatsAppClient) -> None:
    graph.fail_next("131047")
    with pytest.raises(WindowClosed) as info:
        await client.send(TEXT)
    assert not isinstance(info.value, RetryLater)
    assert info.value.title == "Re-engagement message"


async def test_timeout_is_transient(graph: FakeGraphAPI, client: WhatsAppClient) -> None:
    graph.fail_next("timeout", delay=1.0)
    with pytest.raises(TransientError):
        await client.send(TEXT)


async def test_network_error_is_transient(graph: FakeGraphAPI) -> None:
    base = graph.base_url
    await graph.stop()
    async with WhatsAppClient(base, API_VERSION, PHONE_NUMBER_ID, ACCESS_TOKEN) as wa:
        with pytest.raises(TransientError):
            await wa.send(TEXT)


def test_phone_numbers_are_redacted_from_titles() -> None:
    error = PermanentError("refused", code=100, title="Recipient +62 812-3456-7890 is not valid")
    assert "3456" not in str(error) and "[number]" in str(error)


# --- media -------------------------------------------------------------------------------------

JPEG = b"\xff\xd8\xff\xe0" + b"x" * 500


async def test_download_media(graph: FakeGraphAPI, client: WhatsAppClient) -> None:
    graph.add_media("1469", JPEG, "image/jpeg")
    assert await client.download_media("1469") == (JPEG, "image/jpeg")
    assert ("GET", "/media/1469") in graph.requests


async def test_download_media_strips_mime_parameters(graph: FakeGraphAPI, client: WhatsAppClient) -> None:
    graph.add_media("1471", b"OggS voice", "audio/ogg; codecs=opus")
    assert await client.download_media("1471") == (b"OggS voice", "audio/ogg")


async def test_media_too_large_by_metadata(graph: FakeGraphAPI, client: WhatsAppClient) -> None:
    graph.add_media("710000000000006", b"x" * 1001, "image/jpeg")
    with pytest.raises(MediaRejected):
        await client.download_media("710000000000006")
    assert ("GET", "/media/big") not in graph.requests  # refused before downloading


async def test_media_too_large_despite_metadata(graph: FakeGraphAPI, client: WhatsAppClient) -> None:
    graph.add_media("710000000000007", b"x" * 5000, "image/jpeg", claimed_size=10)
    with pytest.raises(MediaRejected):
        await client.download_media("710000000000007")
    graph.add_media("710000000000008", b"x" * 5000, "image/jpeg", omit_size=True)
    with pytest.raises(MediaRejected):
        await client.download_media("710000000000008")


@pytest.mark.parametrize("mime", ["application/x-msdownload", "application/vnd.ms-excel", ""])
async def test_media_type_not_accepted(graph: FakeGraphAPI, client: WhatsAppClient, mime: str) -> None:
    graph.add_media("710000000000009", b"MZ", mime)
    with pytest.raises(MediaRejected):
        await client.download_media("710000000000009")


async def test_unknown_media_is_permanent(client: WhatsAppClient) -> None:
    with pytest.raises(PermanentError) as info:
        await client.download_media("710000000000099")
    assert info.value.code == 100


async def test_media_lookup_failure(graph: FakeGraphAPI, client: WhatsAppClient) -> None:
    graph.add_media("1469", JPEG, "image/jpeg")
    graph.fail_next("500", route="media")
    with pytest.raises(TransientError):
        await client.download_media("1469")
    assert await client.download_media("1469") == (JPEG, "image/jpeg")


async def test_media_download_needs_the_token(graph: FakeGraphAPI) -> None:
    graph.add_media("1469", JPEG, "image/jpeg")
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{graph.base_url}/media/1469") as resp:
            assert resp.status == 401


def test_unknown_failure_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown failure kind"):
        FakeGraphAPI().fail_next("131000")
