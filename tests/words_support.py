"""Shared by the words tests: the shipped engine's option resolution at a few real questions."""

from __future__ import annotations

from bot.core.messages import Inbound, Option
from flows.library import default_engine
from flows.schema import Step

CATEGORIES = ("infrastruktur", "transportasi", "kesehatan", "pendidikan", "kependudukan", "sosial", "lingkungan")


def questions() -> dict[str, tuple[str, Step, list[Option]]]:
    """Question name -> (flow id, step, options shown), built from the shipped words."""
    catalog = default_engine().catalog

    def opts(flow: str, step: str, ids: tuple[str, ...]) -> list[Option]:
        return [Option(i, catalog.text(f"{flow}.{step}.opt.{i}")) for i in ids]

    return {
        "yesno": ("complaint", Step("ask_anonymous", "yesno", next="x"),
                  [Option("yes", catalog.text("common.opt.yes")), Option("no", catalog.text("common.opt.no"))]),
        "attachments": ("complaint", Step("ask_attachments", "media", options=("done",), next="x"),
                        opts("complaint", "ask_attachments", ("done",))),
        "confirm": ("complaint", Step("confirm", "choice", options=("submit", "edit", "cancel"), next="x"),
                    opts("complaint", "confirm", ("submit", "edit", "cancel"))),
        "phone": ("complaint", Step("ask_phone", "text", options=("skip",), next="x"),
                  opts("complaint", "ask_phone", ("skip",))),
        "date": ("complaint", Step("ask_date", "date", options=("today", "yesterday", "unknown"), next="x"),
                 opts("complaint", "ask_date", ("today", "yesterday", "unknown"))),
        "skm": ("skm", Step("u1", "choice", next="x"),
                [Option(str(i), catalog.text(f"skm.u1.opt.{i}")) for i in range(1, 5)]),
        "category": ("complaint", Step("ask_category", "choice", next="x"),
                     [Option(c, catalog.text(f"category.{c}")) for c in CATEGORIES]),
    }


def resolve(question: str, text: str) -> str | None:
    """The option id the engine reads from `text` at one of the questions above."""
    flow, step, options = questions()[question]
    return default_engine()._choice(Inbound("test", "u", "m", text=text), step, options, flow)
