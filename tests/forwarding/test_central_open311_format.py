"""Our Open311 GeoReport v2 read API bodies: spec element names, order and formats."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.forwarding.central.open311_format import (
    ATTRIBUTE_FIELDS,
    REQUEST_FIELDS,
    SERVICE_FIELDS,
    AttributeValue,
    ServiceAttribute,
    ServiceRequestView,
    ServiceView,
    error_json,
    error_xml,
    iso8601,
    requests_json,
    requests_xml,
    service_definition_json,
    service_definition_xml,
    services_json,
    services_xml,
)

WIB = timezone(timedelta(hours=7))

SERVICES = [
    ServiceView("jalan_rusak", "Jalan rusak", "Jalan berlubang atau rusak", True, "realtime",
                ("jalan", "lubang"), "Pengaduan"),
    ServiceView("lainnya", "Lainnya"),
]
ATTRIBUTES = [
    ServiceAttribute("tanggal_kejadian", "datetime", "Kapan kejadiannya?", required=False, order=1),
    ServiceAttribute(
        "instansi_tujuan", "singlevaluelist", "Instansi tujuan", required=True, order=2,
        values=(AttributeValue("pemkot", "Pemerintah Kota"), AttributeValue("dpu", "Dinas PU")),
    ),
]
REQUEST = ServiceRequestView(
    service_request_id="LPR-7K3M9QX",
    status="open",
    service_code="jalan_rusak",
    status_notes="Sedang diverifikasi",
    service_name="Jalan rusak",
    description="Lubang besar & <berbahaya>\x07",
    agency_responsible="Dinas PU",
    requested_datetime=datetime(2026, 8, 20, 9, 0, tzinfo=WIB),
    updated_datetime=datetime(2026, 8, 20, 2, 30, tzinfo=UTC),
    lat=-6.914744,
    long=107.60981,
    extensions=(("status_detail", "submitted"), ("sla_tier", 5)),
)


def _children(node: ET.Element) -> list[str]:
    """Child element names in order."""
    return [child.tag for child in node]


def _parse(document: str) -> ET.Element:
    """Parse an XML body, checking its declaration."""
    assert document.startswith('<?xml version="1.0" encoding="utf-8"?>\n')
    return ET.fromstring(document.encode("utf-8"))


def test_services_json() -> None:
    """services.json is a list of objects in spec field order."""
    data = json.loads(services_json(SERVICES))
    assert tuple(data[0]) == SERVICE_FIELDS
    assert data[0]["metadata"] is True and data[0]["keywords"] == "jalan, lubang"
    assert data[1] == {
        "service_code": "lainnya", "service_name": "Lainnya", "description": None, "metadata": False,
        "type": "realtime", "keywords": None, "group": None,
    }


def test_services_xml() -> None:
    """<services><service>… with the spec's element names and order."""
    root = _parse(services_xml(SERVICES))
    assert root.tag == "services" and _children(root) == ["service", "service"]
    first = root[0]
    assert _children(first) == [
        "service_code", "service_name", "description", "metadata", "type", "keywords", "group",
    ]
    assert first.findtext("metadata") == "true" and first.findtext("group") == "Pengaduan"
    assert root[1].findtext("description") == ""


def test_service_definition_json() -> None:
    """services/{code}.json: service_code plus attributes with values."""
    data = json.loads(service_definition_json("jalan_rusak", ATTRIBUTES))
    assert data["service_code"] == "jalan_rusak"
    first, second = data["attributes"]
    assert list(first) == [
        "variable", "code", "datatype", "required", "datatype_description", "order", "description", "values",
    ]
    assert (first["code"], first["datatype"], first["required"], first["values"]) == (
        "tanggal_kejadian", "datetime", False, [],
    )
    assert second["values"] == [
        {"key": "pemkot", "name": "Pemerintah Kota"},
        {"key": "dpu", "name": "Dinas PU"},
    ]


def test_service_definition_xml() -> None:
    """<service_definition><service_code/><attributes><attribute>…<values><value><key/><name/>."""
    root = _parse(service_definition_xml("jalan_rusak", ATTRIBUTES))
    assert root.tag == "service_definition" and _children(root) == ["service_code", "attributes"]
    attributes = root.find("attributes")
    assert attributes is not None and _children(attributes) == ["attribute", "attribute"]
    second = attributes[1]
    assert _children(second) == [
        "variable", "code", "datatype", "required", "datatype_description", "order", "description", "values",
    ]
    assert second.findtext("required") == "true" and second.findtext("order") == "2"
    values = second.find("values")
    assert values is not None
    assert [(v.findtext("key"), v.findtext("name")) for v in values] == [
        ("pemkot", "Pemerintah Kota"), ("dpu", "Dinas PU"),
    ]


def test_the_field_lists_are_the_specs() -> None:
    """Pinned to GeoReport v2 as published (not to our own constants): names and order of every object."""
    assert REQUEST_FIELDS == (
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
        "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
        "address", "address_id", "zipcode", "lat", "long", "media_url",
    )
    assert SERVICE_FIELDS == ("service_code", "service_name", "description", "metadata", "type", "keywords", "group")
    assert ATTRIBUTE_FIELDS == (
        "variable", "code", "datatype", "required", "datatype_description", "order", "description",
    )


def test_requests_json() -> None:
    """requests.json: spec fields in order, then extensions; ISO 8601 with offsets."""
    [item] = json.loads(requests_json([REQUEST]))
    assert list(item) == [*REQUEST_FIELDS, "status_detail", "sla_tier"]
    assert item["requested_datetime"] == "2026-08-20T09:00:00+07:00"
    assert item["updated_datetime"] == "2026-08-20T02:30:00+00:00"
    assert item["expected_datetime"] is None
    assert item["lat"] == -6.914744 and item["long"] == 107.60981
    assert item["status_detail"] == "submitted" and item["sla_tier"] == 5


def test_requests_xml() -> None:
    """<service_requests><request>… in the spec's order; text is escaped and control chars dropped."""
    root = _parse(requests_xml([REQUEST, ServiceRequestView("LPR-22222A3", "closed", "lainnya")]))
    assert root.tag == "service_requests" and _children(root) == ["request", "request"]
    first = root[0]
    assert _children(first) == [*REQUEST_FIELDS, "status_detail", "sla_tier"]
    assert _children(first)[:6] == [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
    ]
    assert first.findtext("description") == "Lubang besar & <berbahaya>"
    assert first.findtext("requested_datetime") == "2026-08-20T09:00:00+07:00"
    assert first.findtext("long") == "107.60981"
    assert root[1].findtext("status") == "closed" and root[1].findtext("lat") == ""


def test_empty_lists() -> None:
    """No services or requests still give valid documents."""
    assert json.loads(requests_json([])) == []
    assert _children(_parse(requests_xml([]))) == []
    assert _children(_parse(services_xml([]))) == []


def test_errors() -> None:
    """Errors: a list of {code, description} / <errors><error><code/><description/>."""
    assert json.loads(error_json(404, "service_request_id tidak ditemukan")) == [
        {"code": 404, "description": "service_request_id tidak ditemukan"}
    ]
    root = _parse(error_xml(400, "service_code wajib"))
    assert root.tag == "errors" and _children(root) == ["error"]
    assert _children(root[0]) == ["code", "description"]
    assert root[0].findtext("code") == "400" and root[0].findtext("description") == "service_code wajib"


def test_json_keeps_indonesian_text_readable() -> None:
    """JSON is UTF-8 text, not \\u escapes."""
    assert "Pengaduan" in services_json(SERVICES)
    assert "é" in error_json(400, "é")


def test_naive_datetime_is_rejected() -> None:
    """The spec requires a timezone on every datetime."""
    with pytest.raises(ValueError, match="timezone"):
        iso8601(datetime(2026, 8, 20, 9, 0))
    with pytest.raises(ValueError):
        requests_json([ServiceRequestView("x", "open", "c", requested_datetime=datetime(2026, 8, 20))])


@pytest.mark.parametrize(
    "view",
    [
        ServiceRequestView("x", "submitted", "c"),
        ServiceRequestView("x", "open", "c", extensions=(("status", "dup"),)),
        ServiceRequestView("x", "open", "c", extensions=(("bad name", 1),)),
        ServiceRequestView("x", "open", "c", extensions=(("xmlns", 1),)),
    ],
)
def test_invalid_request_views(view: ServiceRequestView) -> None:
    """Only open/closed statuses and well-formed, non-clashing extension names are allowed."""
    with pytest.raises(ValueError):
        requests_xml([view])


def test_invalid_service_type_and_datatype() -> None:
    """Service type and attribute datatype are limited to the spec's values."""
    with pytest.raises(ValueError):
        services_json([ServiceView("a", "A", type="sometimes")])
    with pytest.raises(ValueError):
        service_definition_xml("a", [ServiceAttribute("x", "boolean", "?")])
