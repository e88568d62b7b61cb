"""Our own Open311 GeoReport v2 read API, so dashboards can follow case status (never any personal data).

GET /open311/v2/services.{json,xml}, /services/{code}.{json,xml}, /requests.{json,xml} and
/requests/{id}.{json,xml}, serialised by bot.forwarding.central.open311_format with the spec's element names.
A request's id is our tracking number. Rahasia complaints are never listed or shown. Descriptions,
addresses and coordinates of anonymous complaints appear only when LAPORBOT_OPEN311_ANONYMOUS_DESCRIPTIONS
allows it; any text shown has the reporter's own name and phone, and anything shaped like a phone
number, e-mail address or NIK, blanked out. Coordinates are rounded to about 100 m.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.admin.sla import FINISHED, AdminSettings, clock_for, set_clock
from bot.core.scrub import scrub_text
from bot.forwarding.central.base import Reporter
from bot.forwarding.central.open311_format import (
    AttributeValue,
    ServiceAttribute,
    ServiceRequestView,
    ServiceView,
    error_json,
    error_xml,
    requests_json,
    requests_xml,
    service_definition_json,
    service_definition_xml,
    services_json,
    services_xml,
)
from bot.forwarding.payload import aware, remote_number
from bot.forwarding.ports import Open311
from bot.forwarding.settings import ForwardingSettings
from models.admin import AdminCase
from models.forwarding import public_complaint, public_complaints
from models.tables import Citizen, Complaint

PREFIX = "/open311/v2"
DEFAULT_WINDOW = timedelta(days=90)  # the spec's default when no dates are given
MAX_SPAN = timedelta(days=90)  # the spec: start_date..end_date "may not span more than 90 days"
EARLIEST, LATEST = datetime(1970, 1, 1, tzinfo=UTC), datetime(9000, 1, 1, tzinfo=UTC)  # both databases store these
MAX_PAGE_SIZE = 1000  # the spec's default upper bound of one answer
CLOSED = frozenset({"closed", "rejected", "archived"})
CLASSIFICATIONS = ("pengaduan", "aspirasi", "informasi")
FALLBACK_SERVICE = "lainnya"  # complaints filed without a category
API_LOCALE = "id"

_CONTENT_TYPES = {"json": "application/json", "xml": "text/xml"}
_OFFSET_SPACE = re.compile(r"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$")
_DATE_ONLY = re.compile(r"^\d{4}-?\d{2}-?\d{2}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")  # PostgreSQL text refuses NUL; none belongs in a query


def scrub(text: str | None, reporter: Reporter | None, anonymous: bool = True) -> str | None:
    """Text safe to publish: anyone's NIK, phone number or e-mail (however spelled) and the reporter's name
    blanked — word by word for an anonymous complaint, the full name otherwise (bot.core.scrub)."""
    if not text:
        return None
    names = (reporter.name, reporter.email) if reporter is not None else ()
    return (scrub_text(text, names, single_words=anonymous) or "").strip() or None


class BadRequest(Exception):
    """A query the spec does not allow; the message is shown to the caller."""


def _guarded(handler: Callable[[Open311Api, web.Request], Awaitable[web.Response]]
             ) -> Callable[[Open311Api, web.Request], Awaitable[web.Response]]:
    """Any query the parsing did not foresee is the caller's error (400 in the spec's format), never a 500."""

    async def run(self: Open311Api, request: web.Request) -> web.Response:
        try:
            return await handler(self, request)
        except (ValueError, OverflowError, UnicodeError) as error:
            return self._error(request.match_info.get("fmt", "json"), 400, f"invalid query ({type(error).__name__})")

    run.__doc__ = handler.__doc__
    return run


class Open311Api:
    """The read handlers, bound to one Core."""

    def __init__(self, core: Open311, *, anonymous_descriptions: bool = False,
                 sla: AdminSettings | None = None) -> None:
        self.core = core
        self.anonymous_descriptions = anonymous_descriptions
        self.catalog = core.engine.catalog
        try:
            self.tz = ZoneInfo(core.settings.timezone)
        except (KeyError, ValueError):
            self.tz = ZoneInfo("Asia/Jakarta")
        self.sla = sla or AdminSettings()  # the time limits the expected dates are counted with

    # ------------------------------------------------------------------ responses

    @staticmethod
    def _respond(fmt: str, body: str, status: int = 200) -> web.Response:
        """A body in the asked format; readable from any dashboard origin (public, read-only data)."""
        return web.Response(text=body, status=status, content_type=_CONTENT_TYPES[fmt], charset="utf-8",
                            headers={"Access-Control-Allow-Origin": "*"})

    def _error(self, fmt: str, status: int, description: str) -> web.Response:
        """The spec's error list with the same HTTP status."""
        body = error_json(status, description) if fmt == "json" else error_xml(status, description)
        return self._respond(fmt, body, status)

    async def read_only(self, request: web.Request) -> web.Response:
        """Any method but GET: this server offers the spec's read API only, so POST requests is refused."""
        response = self._error(request.match_info.get("fmt", "json"), 405,
                               f"method {request.method} is not supported: this Open311 server is read-only (GET)")
        response.headers["Allow"] = "GET, HEAD"
        return response

    # ------------------------------------------------------------------ services

    def service_codes(self) -> list[str]:
        """Our categories, plus the fallback for complaints without one."""
        codes = list(self.core.settings.categories)
        if FALLBACK_SERVICE not in codes:
            codes.append(FALLBACK_SERVICE)
        return codes

    def service_name(self, code: str) -> str:
        """A category's Indonesian name."""
        return self.catalog.maybe(f"category.{code}", API_LOCALE) or code

    @_guarded
    async def services(self, request: web.Request) -> web.Response:
        """GET services.{fmt}: one service per complaint category, grouped by the klasifikasi it takes."""
        fmt = request.match_info["fmt"]
        # group: the spec's one grouping string. Our grouping is LAPOR!'s klasifikasi (each request's `group`), but
        # every kategori takes all three, so each service lists them, in the `classification` attribute's order.
        group = ",".join(CLASSIFICATIONS)
        items = [ServiceView(service_code=code, service_name=self.service_name(code), metadata=True,
                             type="realtime", group=group) for code in self.service_codes()]
        return self._respond(fmt, services_json(items) if fmt == "json" else services_xml(items))

    def attributes(self) -> list[ServiceAttribute]:
        """The extra fields every one of our complaints has."""
        text = self.catalog.text
        values = tuple(AttributeValue(key, text(f"complaint.ask_classification.opt.{key}", API_LOCALE))
                       for key in CLASSIFICATIONS)
        return [
            ServiceAttribute(code="classification", datatype="singlevaluelist", required=True, order=1,
                             description=text("forwarding.open311.attr.classification", API_LOCALE), values=values),
            ServiceAttribute(code="incident_date", datatype="datetime", required=False, order=2,
                             description=text("forwarding.open311.attr.incident_date", API_LOCALE)),
            # our Open311 client sends the instansi under this code (bot/forwarding/central/open311.py)
            ServiceAttribute(code="agency", datatype="string", required=False, order=3,
                             description=text("forwarding.open311.attr.agency", API_LOCALE)),
        ]

    @_guarded
    async def service_definition(self, request: web.Request) -> web.Response:
        """GET services/{code}.{fmt}: the attributes of one service."""
        fmt, code = request.match_info["fmt"], request.match_info["code"]
        if code not in self.service_codes():
            return self._error(fmt, 404, "service_code was not found")
        attributes = self.attributes()
        body = service_definition_json(code, attributes) if fmt == "json" else service_definition_xml(code, attributes)
        return self._respond(fmt, body)

    # ------------------------------------------------------------------ requests

    def _moment(self, name: str, raw: str | None, *, end: bool = False) -> datetime | None:
        """A query date (ISO 8601; without a zone it is read in the deployment's zone) as UTC.

        A date-only end_date means the end of that day, so "end_date=2026-12-02" includes the 2nd.
        """
        if raw is None or not raw.strip():
            return None
        text = raw.strip()
        try:
            if end and _DATE_ONLY.match(text):
                day = date.fromisoformat(text)
                moment = datetime.combine(day, time.max)
            else:
                # an unencoded '+' of the offset arrives as a space: "2026-08-20T09:00:00 07:00"
                moment = datetime.fromisoformat(_OFFSET_SPACE.sub(r"\1+\2", text))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=self.tz)
            moment = moment.astimezone(UTC)
        except (ValueError, OverflowError):  # year 1 in WIB is before datetime.min in UTC
            raise BadRequest(f"{name} must be an ISO 8601 date or datetime") from None
        if not EARLIEST <= moment <= LATEST:
            raise BadRequest(f"{name} must be between 1970 and 9000")
        return moment

    @staticmethod
    def _int(query: web.MultiDictProxy[str] | dict[str, str], name: str, default: int, high: int) -> int:
        """A whole-number query parameter within 1..high."""
        raw = query.get(name)
        if raw in (None, ""):
            return default
        try:
            value = int(raw)
        except ValueError:
            raise BadRequest(f"{name} must be a whole number") from None
        if not 1 <= value <= high:
            raise BadRequest(f"{name} must be between 1 and {high}")
        return value

    @staticmethod
    def _list(raw: str | None) -> list[str]:
        """A comma-separated query parameter."""
        return [part.strip() for part in (raw or "").split(",") if part.strip()]

    @_guarded
    async def requests(self, request: web.Request) -> web.Response:
        """GET requests.{fmt}: filters service_request_id, service_code, start_date, end_date, status; paging."""
        fmt = request.match_info["fmt"]
        try:
            rows = await self._query(request.query)
        except BadRequest as error:
            return self._error(fmt, 400, str(error))
        views = [self.view(c, citizen, case) for c, citizen, case in rows]
        return self._respond(fmt, requests_json(views) if fmt == "json" else requests_xml(views))

    @_guarded
    async def request(self, request: web.Request) -> web.Response:
        """GET requests/{id}.{fmt}: one request (a one-element list, as the spec shows)."""
        fmt, wanted = request.match_info["fmt"], request.match_info["id"].strip().upper()
        if _CONTROL.search(wanted) or len(wanted) > 64:
            return self._error(fmt, 400, "service_request_id is not a valid id")
        async with self.core.db.read() as session:
            found = await public_complaint(session, wanted)
        if found is None:
            return self._error(fmt, 404, "service_request_id was not found")
        views = [self.view(*found)]
        return self._respond(fmt, requests_json(views) if fmt == "json" else requests_xml(views))

    async def _query(self, query: web.MultiDictProxy[str]) -> Sequence[tuple[Complaint, Citizen, AdminCase | None]]:
        """The complaints a GET requests query selects, newest first, one page."""
        for key, value in query.items():
            if _CONTROL.search(key) or _CONTROL.search(value):
                raise BadRequest("query parameters must not contain control characters")
        page = self._int(query, "page", 1, 1_000_000)
        size = self._int(query, "page_size", MAX_PAGE_SIZE, MAX_PAGE_SIZE)
        ids = [i.upper() for i in self._list(query.get("service_request_id"))]
        codes: list[str] = []
        closed: bool | None = None
        start = end = None
        if not ids:  # the spec: with service_request_id every other filter is ignored
            codes = self._list(query.get("service_code"))
            statuses = self._list(query.get("status"))
            if any(s not in ("open", "closed") for s in statuses):
                raise BadRequest("status must be open, closed or both")
            if set(statuses) in ({"open"}, {"closed"}):
                closed = statuses[0] == "closed"
            start = self._moment("start_date", query.get("start_date"))
            end = self._moment("end_date", query.get("end_date"), end=True)
            if start is None and end is None:
                start = self.core.clock.now().astimezone(UTC) - DEFAULT_WINDOW
            elif start is None and end is not None:
                start = end - DEFAULT_WINDOW  # an end alone still gets the spec's 90-day window, ending there
            if start is not None and end is not None:
                if end < start:
                    raise BadRequest("end_date is before start_date")
                if end - start > MAX_SPAN:
                    raise BadRequest("start_date and end_date may not span more than 90 days")
        async with self.core.db.read() as session:
            # compare in UTC: SQLite keeps the UTC wall-clock time we stored, PostgreSQL converts either way
            return await public_complaints(
                session, tracking_nos=ids, categories=codes, uncategorised=FALLBACK_SERVICE in codes, closed=closed,
                closed_statuses=CLOSED, start=_stored(start) if start is not None else None,
                end=_stored(end) if end is not None else None, offset=(page - 1) * size, limit=size)

    def _local(self, moment: datetime | None) -> datetime | None:
        """A stored time in the deployment's zone, with its offset."""
        return aware(moment).astimezone(self.tz) if moment is not None else None

    def expected(self, complaint: Complaint, case: AdminCase | None) -> datetime | None:
        """When the running SLA clock is due: the admin case's due date, else computed the admin SLA's way."""
        if complaint.status in FINISHED:
            return None
        if case is None:
            # a complaint the admin side has not seen yet: compute the clock its status implies now
            case = AdminCase(complaint_id=complaint.id or 0, status_seen=complaint.status)
            changed = complaint.updated_at or complaint.created_at
            set_clock(case, *clock_for(complaint.status, case, complaint, changed), self.sla, complaint)
        return self._local(case.due_at)

    def view(self, complaint: Complaint, citizen: Citizen | None, case: AdminCase | None = None) -> ServiceRequestView:
        """One complaint as an Open311 request, with nothing that identifies the citizen."""
        public = not complaint.is_anonymous or self.anonymous_descriptions
        reporter = Reporter(name=complaint.reporter_name or (citizen.display_name if citizen else None),
                            phone=complaint.reporter_phone or (citizen.phone if citizen else None))
        code = complaint.category or FALLBACK_SERVICE
        agency = self.core.agencies.name(complaint.agency_code) if complaint.agency_code else None
        forwarded = remote_number(complaint.remote_id, complaint.remote_tracking) or None
        return ServiceRequestView(
            service_request_id=complaint.tracking_no,
            status="closed" if complaint.status in CLOSED else "open",
            status_notes=self.catalog.maybe(f"status.name.{complaint.status}", API_LOCALE),
            service_name=self.service_name(code),
            service_code=code,
            description=scrub(complaint.body or complaint.title, reporter, complaint.is_anonymous) if public else None,
            agency_responsible=agency,
            requested_datetime=self._local(complaint.created_at),
            updated_datetime=self._local(complaint.updated_at),
            expected_datetime=self.expected(complaint, case),
            address=scrub(complaint.location_text, reporter, complaint.is_anonymous) if public else None,
            lat=round(complaint.lat, 3) if public and complaint.lat is not None else None,
            long=round(complaint.lon, 3) if public and complaint.lon is not None else None,
            # group: the klasifikasi (pengaduan|aspirasi|informasi), the Open311 grouping LAPOR! uses
            extensions=(("status_detail", complaint.status), ("lapor_tracking_id", forwarded),
                        ("group", complaint.classification)),
        )


def _stored(moment: datetime) -> datetime:
    """A UTC time as stored (aware; SQLite drops the zone and keeps the UTC wall clock)."""
    return moment.astimezone(UTC)


def add_open311_routes(app: web.Application, core: Open311) -> None:
    """Serve the Open311 GeoReport v2 read endpoints on the app."""
    config = core.section(ForwardingSettings)
    api = Open311Api(core, anonymous_descriptions=config.open311_anonymous_descriptions,
                     sla=core.section(AdminSettings))
    fmt = "{fmt:(json|xml)}"
    app.router.add_get(f"{PREFIX}/services.{fmt}", api.services)
    app.router.add_get(f"{PREFIX}/services/{{code}}.{fmt}", api.service_definition)
    app.router.add_get(f"{PREFIX}/requests.{fmt}", api.requests)
    app.router.add_get(f"{PREFIX}/requests/{{id}}.{fmt}", api.request)
    for path in ("services.", "services/{code}.", "requests.", "requests/{id}."):
        # after the GET routes: any other method gets the spec's error list, not aiohttp's text 405
        app.router.add_route("*", f"{PREFIX}/{path}{fmt}", api.read_only)
