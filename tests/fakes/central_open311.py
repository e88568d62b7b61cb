"""A fake Open311 GeoReport v2 server (JSON) on 127.0.0.1 that records requests and misbehaves on demand."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from tests.fakes.central_lapor import RECORDED, FakeCentralServer, RecordedRequest

#: status_detail values (our gateway's vocabulary) that mean the request is closed.
CLOSED_DETAILS = {"closed", "rejected", "archived"}


@dataclass
class FakeServiceRequest:
    """A service request stored by the fake."""

    service_request_id: str
    form: dict[str, str]
    idempotency_key: str | None
    status: str = "open"
    status_detail: str = "submitted"
    status_notes: str | None = None
    followups: list[dict[str, Any]] = field(default_factory=list)
    requested: datetime = field(default_factory=lambda: datetime.now(UTC))
    updated: datetime = field(default_factory=lambda: datetime.now(UTC))


def _error(code: int, description: str) -> web.Response:
    """GeoReport error body with the same HTTP status."""
    return web.json_response([{"code": code, "description": description}], status=code)


# `token_flow=True` answers POST with a token; GET tokens/{t} then reports no id for the first
# `token_resolve_after` polls (None: never), answering 404 instead of a null id if `token_pending_404`.
# `supports_reference_filter=False` ignores attribute[...] filters and lists everything, as a plain
# server would. `extended_status=False` drops status_detail, followups and attributes from answers.
class FakeOpen311Server(FakeCentralServer):
    """Fake GeoReport v2: POST requests, GET tokens/{t}, GET requests, GET requests/{id}."""

    def __init__(
        self,
        *,
        api_key: str = "test-key",
        jurisdiction_id: str = "bandung.go.id",
        prefix: str = "/open311/v2",
        token_flow: bool = False,
        token_resolve_after: int | None = 1,
        token_pending_404: bool = False,
        supports_reference_filter: bool = True,
        extended_status: bool = True,
        required_attributes: tuple[str, ...] = ("classification",),
    ) -> None:
        super().__init__(prefix=prefix)
        # the attributes a service definition marks required (ours: classification), refused when missing
        self.required_attributes = required_attributes
        self.api_key = api_key
        self.jurisdiction_id = jurisdiction_id
        self.token_flow = token_flow
        self.token_resolve_after = token_resolve_after
        self.token_pending_404 = token_pending_404
        self.supports_reference_filter = supports_reference_filter
        self.extended_status = extended_status
        self.service_requests: dict[str, FakeServiceRequest] = {}
        self.tokens: dict[str, str] = {}  # token -> service_request_id
        self.token_polls: dict[str, int] = {}
        self.create_calls = 0
        self.by_idempotency_key: dict[str, str] = {}
        self._ids = itertools.count(638_001)
        self._tokens = itertools.count(12_345)

    def _add_routes(self, app: web.Application) -> None:
        """GeoReport v2 endpoints (JSON only) under the prefix."""
        p = self.prefix
        app.router.add_post(f"{p}/requests.json", self._create)
        app.router.add_get(f"{p}/tokens/{{token}}.json", self._token)
        app.router.add_get(f"{p}/requests.json", self._list)
        app.router.add_get(f"{p}/requests/{{id}}.json", self._detail)

    def set_status(self, remote_id: str, status_name: str, followup_text: str | None = None) -> None:
        """Set "open"/"closed" or a status_detail ("verified", "in_progress", ...); text becomes a note."""
        item = self.service_requests[str(remote_id)]
        if status_name in ("open", "closed"):
            item.status = status_name
            item.status_detail = "closed" if status_name == "closed" else item.status_detail
        else:
            item.status_detail = status_name
            item.status = "closed" if status_name in CLOSED_DETAILS else "open"
        if followup_text is not None:
            item.status_notes = followup_text
            item.followups.append(
                {
                    "id": f"f{len(item.followups) + 1}",
                    "text": followup_text,
                    "at": datetime.now(UTC).isoformat(),
                    "author": "Dinas Pekerjaan Umum",
                }
            )
        item.updated = datetime.now(UTC)

    def _view(self, item: FakeServiceRequest) -> dict[str, Any]:
        """A request object in spec field order, plus extensions when enabled."""
        form = item.form
        view: dict[str, Any] = {
            "service_request_id": item.service_request_id,
            "status": item.status,
            "status_notes": item.status_notes,
            "service_name": form.get("service_code"),
            "service_code": form.get("service_code"),
            "description": form.get("description"),
            "agency_responsible": "Pemerintah Kota Bandung",
            "service_notice": None,
            "requested_datetime": item.requested.isoformat(timespec="seconds"),
            "updated_datetime": item.updated.isoformat(timespec="seconds"),
            "expected_datetime": None,
            "address": form.get("address_string"),
            "address_id": None,
            "zipcode": None,
            "lat": float(form["lat"]) if "lat" in form else None,
            "long": float(form["long"]) if "long" in form else None,
            "media_url": form.get("media_url"),
        }
        if self.extended_status:
            view["status_detail"] = item.status_detail
            view["followups"] = list(item.followups)
            view["attributes"] = {k[10:-1]: v for k, v in form.items() if k.startswith("attribute[")}
        return view

    async def _create(self, request: web.Request) -> web.Response:
        """POST requests.json: validate per spec, honour Idempotency-Key, answer an id or a token."""
        recorded: RecordedRequest = request[RECORDED]
        form = recorded.body if isinstance(recorded.body, dict) else {}
        if form.get("api_key") != self.api_key:
            return _error(403, "Invalid api_key received -- can't proceed with create_request.")
        if form.get("jurisdiction_id") != self.jurisdiction_id:
            return _error(404, "jurisdiction_id provided was not found")
        if not form.get("service_code"):
            return _error(400, "service_code was not provided")
        has_point = form.get("lat") and form.get("long")
        if not (has_point or (form.get("address_string") or "").strip() or form.get("address_id")):
            return _error(400, "a location (lat & long, address_string or address_id) is required")
        for code in self.required_attributes:
            if not (form.get(f"attribute[{code}]") or "").strip():
                return _error(400, f"attribute[{code}] is required for this service")
        self.create_calls += 1
        key = request.headers.get("Idempotency-Key")
        if key and key in self.by_idempotency_key:
            item = self.service_requests[self.by_idempotency_key[key]]
        else:
            item = FakeServiceRequest(str(next(self._ids)), dict(form), key)
            self.service_requests[item.service_request_id] = item
            if key:
                self.by_idempotency_key[key] = item.service_request_id
        if self.token_flow:
            token = str(next(self._tokens))
            self.tokens[token] = item.service_request_id
            self.token_polls[token] = 0
            return web.json_response([{"token": token, "service_notice": None, "account_id": None}])
        return web.json_response(
            [{"service_request_id": item.service_request_id, "service_notice": None, "account_id": None}]
        )

    async def _token(self, request: web.Request) -> web.Response:
        """GET tokens/{token}.json: the id once `token_resolve_after` polls have passed."""
        token = request.match_info["token"]
        if token not in self.tokens:
            return _error(404, "token not found")
        self.token_polls[token] += 1
        resolve_after = self.token_resolve_after
        if resolve_after is None or self.token_polls[token] <= resolve_after:
            if self.token_pending_404:
                return _error(404, "request not created yet")
            return web.json_response([{"service_request_id": None, "token": token}])
        return web.json_response([{"service_request_id": self.tokens[token], "token": token}])

    async def _list(self, request: web.Request) -> web.Response:
        """GET requests.json: spec filters, plus attribute[...] when supported."""
        items = list(self.service_requests.values())
        query = request.query
        if ids := query.get("service_request_id"):
            wanted = set(ids.split(","))
            items = [i for i in items if i.service_request_id in wanted]
        if status := query.get("status"):
            items = [i for i in items if i.status in status.split(",")]
        if self.supports_reference_filter:
            for name, value in query.items():
                if name.startswith("attribute["):
                    items = [i for i in items if i.form.get(name) == value]
        return web.json_response([self._view(i) for i in items])

    async def _detail(self, request: web.Request) -> web.Response:
        """GET requests/{id}.json: a one-element list."""
        item = self.service_requests.get(request.match_info["id"])
        if item is None:
            return _error(404, "service_request_id was not found")
        return web.json_response([self._view(item)])
