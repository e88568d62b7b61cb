"""Error classification, identity redaction and small helpers shared by the adapters."""

from __future__ import annotations

import pytest

from bot.forwarding.central.base import (
    PermanentError,
    Reporter,
    RetryableError,
    as_id,
    dig,
    error_for_status,
    redact_identity,
)
from tests.fakes.central_lapor import sample_payload


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (400, PermanentError), (401, PermanentError), (403, PermanentError), (404, PermanentError),
        (409, PermanentError), (422, PermanentError), (408, RetryableError), (429, RetryableError),
        (500, RetryableError), (502, RetryableError), (503, RetryableError), (504, RetryableError),
        (301, PermanentError),
    ],
)
def test_error_for_status(status: int, kind: type) -> None:
    """408/429/5xx retry; other 4xx (and unexpected redirects) are permanent with the status."""
    error = error_for_status(status, "step", retry_after=3.0)
    assert type(error) is kind
    assert str(error) == f"step: HTTP {status}"
    if kind is PermanentError:
        assert error.status == status
    else:
        assert error.retry_after == 3.0


REPORTER = Reporter("Siti Nurhaliza", "+62 812-3456-7890", "siti@example.com")


@pytest.mark.parametrize(
    "typed",
    [
        "081234567890", "0812-3456-7890", "+6281234567890", "62 812 3456 7890", "0812.3456.7890",
        "+62 812-3456-7890",
    ],
)
def test_redact_phone_in_any_format(typed: str) -> None:
    """The reporter's own number is found however it was typed."""
    assert redact_identity(f"hubungi {typed} ya", REPORTER) == "hubungi [disamarkan] ya"


def test_redact_name_email_any_phone_and_single_name_words() -> None:
    """Full name, each word of it, e-mail and any phone number go (issue 13 item 9); short numbers stay."""
    text = "Saya SITI NURHALIZA (siti@example.com), rumah no 12, RT 081234567891, Siti saja."
    redacted = redact_identity(text, REPORTER)
    assert redacted == "Saya [disamarkan] ([disamarkan]), rumah no 12, RT [disamarkan], [disamarkan] saja."


def test_redact_without_reporter_or_short_values() -> None:
    """Nothing to redact without a reporter; too-short numbers stay; a one-word name goes (issue 13 item 9)."""
    assert redact_identity("abc", None) == "abc"
    assert redact_identity("Ali 12345", Reporter("Ali", "12345", None)) == "[disamarkan] 12345"
    assert redact_identity("Al ok", Reporter("Al", None, None)) == "Al ok"


def test_identity_is_hidden_for_anonymous_payloads() -> None:
    """identity() is the only way adapters read the reporter."""
    assert sample_payload().identity() is not None
    assert sample_payload(is_anonymous=True).identity() is None


def test_dig_and_as_id() -> None:
    """Nested lookups tolerate missing steps; ids become strings."""
    data = {"results": {"docs": [{"id": 7}]}}
    assert dig(data, "results", "docs", 0, "id") == 7
    assert dig(data, "results", "docs", 3, "id") is None
    assert dig(data, "nope", "x") is None
    assert dig([1], "x") is None
    assert as_id(7) == "7" and as_id(" a ") == "a"
    assert as_id(None) is None and as_id("") is None and as_id(True) is None and as_id({}) is None


def test_errors_are_distinct_kinds() -> None:
    """The outbox branches on the class."""
    assert not issubclass(RetryableError, PermanentError)
    assert not issubclass(PermanentError, RetryableError)
