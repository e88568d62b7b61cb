"""Serializers for our own Open311 GeoReport v2 read API, in JSON and XML with the spec's element names.

Element names and order follow wiki.open311.org/GeoReport_v2 (domain.md §3.1). Every function is pure
and returns the response body as text; XML starts with a UTF-8 declaration as the spec requires.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

# ElementTree (~0.5 MB resident) is imported by the functions that write XML: a server whose Open311 API is never
# asked for XML never loads it.
if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

Scalar = str | int | float | bool | datetime | None

REQUEST_STATUSES = ("open", "closed")
SERVICE_TYPES = ("realtime", "batch", "blackbox")
DATATYPES = ("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist")

#: The request fields in spec order; extensions come after these.
REQUEST_FIELDS = (
    "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
    "address", "address_id", "zipcode", "lat", "long", "media_url",
)
SERVICE_FIELDS = ("service_code", "service_name", "description", "metadata", "type", "keywords", "group")
ATTRIBUTE_FIELDS = (
    "variable", "code", "datatype", "required", "datatype_description", "order", "description",
)

_XML_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
# XML 1.0 forbids most control characters; a citizen's pasted text can contain them
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class ServiceView:
    """One service type (our category) as listed by GET services."""

    service_code: str
    service_name: str
    description: str | None = None
    metadata: bool = False  # True when GET services/{code} has extra attributes
    type: str = "realtime"
    keywords: tuple[str, ...] = ()
    group: str | None = None  # we put the LAPOR! classification here


@dataclass(frozen=True)
class AttributeValue:
    """One choice of a singlevaluelist/multivaluelist attribute."""

    key: str
    name: str


@dataclass(frozen=True)
class ServiceAttribute:
    """One extra field of a service definition."""

    code: str
    datatype: str
    description: str
    required: bool = False
    order: int | None = None
    variable: bool = True  # False: informational text only, no input expected
    datatype_description: str | None = None
    values: tuple[AttributeValue, ...] = ()


@dataclass(frozen=True)
class ServiceRequestView:
    """One service request as GET requests returns it; `extensions` are extra fields after the spec's."""

    service_request_id: str
    status: str  # open|closed
    service_code: str
    status_notes: str | None = None
    service_name: str | None = None
    description: str | None = None
    agency_responsible: str | None = None
    service_notice: str | None = None
    requested_datetime: datetime | None = None
    updated_datetime: datetime | None = None
    expected_datetime: datetime | None = None
    address: str | None = None
    address_id: str | None = None
    zipcode: str | None = None
    lat: float | None = None
    long: float | None = None
    media_url: str | None = None
    extensions: tuple[tuple[str, Scalar], ...] = ()


# --------------------------------------------------------------------------- value helpers


def iso8601(moment: datetime) -> str:
    """ISO 8601 with an explicit offset, e.g. 2026-08-20T09:00:00+07:00 (the spec requires a zone)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Open311 datetimes need a timezone; got a naive datetime")
    return moment.isoformat(timespec="seconds")


def _json_value(value: Scalar) -> Any:
    """A field value as JSON wants it."""
    return iso8601(value) if isinstance(value, datetime) else value


def _xml_text(value: Scalar) -> str:
    """A field value as XML element text (empty for None)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return iso8601(value)
    if isinstance(value, float):
        return repr(value)
    return _XML_INVALID.sub("", str(value))


def _add(parent: ET.Element, name: str, value: Scalar) -> ET.Element:
    """Append <name>value</name>."""
    import xml.etree.ElementTree as ET  # here, not at the top: see there

    child = ET.SubElement(parent, name)
    child.text = _xml_text(value)
    return child


def _document(root: ET.Element) -> str:
    """The XML document as text with its declaration."""
    import xml.etree.ElementTree as ET  # here, not at the top: see there

    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode")


def _dumps(data: Any) -> str:
    """Compact UTF-8 JSON (Indonesian text stays readable, not \\u-escaped)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- services


def _service_fields(service: ServiceView) -> list[tuple[str, Scalar]]:
    """A service's fields in spec order."""
    if service.type not in SERVICE_TYPES:
        raise ValueError(f"service type must be one of {SERVICE_TYPES}, got {service.type!r}")
    keywords = ", ".join(service.keywords) if service.keywords else None
    values: tuple[Scalar, ...] = (
        service.service_code, service.service_name, service.description, service.metadata,
        service.type, keywords, service.group,
    )
    return list(zip(SERVICE_FIELDS, values, strict=True))


def services_json(services: Iterable[ServiceView]) -> str:
    """GET services.json body."""
    return _dumps([{k: _json_value(v) for k, v in _service_fields(s)} for s in services])


def services_xml(services: Iterable[ServiceView]) -> str:
    """GET services.xml body."""
    import xml.etree.ElementTree as ET  # here, not at the top: see there

    root = ET.Element("services")
    for service in services:
        node = ET.SubElement(root, "service")
        for name, value in _service_fields(service):
            _add(node, name, value)
    return _document(root)


# --------------------------------------------------------------------------- service definition


def _attribute_fields(attribute: ServiceAttribute) -> list[tuple[str, Scalar]]:
    """An attribute's scalar fields in spec order (values[] follows them)."""
    if attribute.datatype not in DATATYPES:
        raise ValueError(f"attribute datatype must be one of {DATATYPES}, got {attribute.datatype!r}")
    values: tuple[Scalar, ...] = (
        attribute.variable, attribute.code, attribute.datatype, attribute.required,
        attribute.datatype_description, attribute.order, attribute.description,
    )
    return list(zip(ATTRIBUTE_FIELDS, values, strict=True))


def service_definition_json(code: str, attributes: Sequence[ServiceAttribute]) -> str:
    """GET services/{code}.json body."""
    items = []
    for attribute in attributes:
        item: dict[str, Any] = {k: _json_value(v) for k, v in _attribute_fields(attribute)}
        item["values"] = [{"key": v.key, "name": v.name} for v in attribute.values]
        items.append(item)
    return _dumps({"service_code": code, "attributes": items})


def service_definition_xml(code: str, attributes: Sequence[ServiceAttribute]) -> str:
    """GET services/{code}.xml body."""
    import xml.etree.ElementTree as ET  # here, not at the top: see there

    root = ET.Element("service_definition")
    _add(root, "service_code", code)
    container = ET.SubElement(root, "attributes")
    for attribute in attributes:
        node = ET.SubElement(container, "attribute")
        for name, value in _attribute_fields(attribute):
            _add(node, name, value)
        values = ET.SubElement(node, "values")
        for choice in attribute.values:
            value_node = ET.SubElement(values, "value")
            _add(value_node, "key", choice.key)
            _add(value_node, "name", choice.name)
    return _document(root)


# --------------------------------------------------------------------------- requests


def _request_fields(request: ServiceRequestView) -> list[tuple[str, Scalar]]:
    """A request's fields in spec order, then its extensions."""
    if request.status not in REQUEST_STATUSES:
        raise ValueError(f"request status must be open or closed, got {request.status!r}")
    fields: list[tuple[str, Scalar]] = [(name, getattr(request, name)) for name in REQUEST_FIELDS]
    for name, value in request.extensions:
        if name in REQUEST_FIELDS or not _XML_NAME.match(name) or name.lower().startswith("xml"):
            raise ValueError(f"extension field name {name!r} is not allowed")
        fields.append((name, value))
    return fields


def requests_json(requests: Iterable[ServiceRequestView]) -> str:
    """GET requests.json / requests/{id}.json body (always a list, as the spec shows)."""
    return _dumps([{k: _json_value(v) for k, v in _request_fields(r)} for r in requests])


def requests_xml(requests: Iterable[ServiceRequestView]) -> str:
    """GET requests.xml / requests/{id}.xml body."""
    import xml.etree.ElementTree as ET  # here, not at the top: see there

    root = ET.Element("service_requests")
    for request in requests:
        node = ET.SubElement(root, "request")
        for name, value in _request_fields(request):
            _add(node, name, value)
    return _document(root)


# --------------------------------------------------------------------------- errors


def error_json(code: int, description: str) -> str:
    """Error body: a list with one {code, description}."""
    return _dumps([{"code": code, "description": description}])


def error_xml(code: int, description: str) -> str:
    """Error body: <errors><error><code/><description/></error></errors>."""
    import xml.etree.ElementTree as ET  # here, not at the top: see there

    root = ET.Element("errors")
    node = ET.SubElement(root, "error")
    _add(node, "code", code)
    _add(node, "description", description)
    return _document(root)
