"""Named functions that flow data refers to: validators, option and value providers, actions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.core.messages import Inbound, Location, Media, Option
from flows.ports import FlowServices
from flows.state import ConversationState


@dataclass(frozen=True)
class Answer:
    """What the citizen gave at a step: the option it matched, and the raw parts."""

    choice: str | None = None
    text: str | None = None
    location: Location | None = None
    media: tuple[Media, ...] = ()


@dataclass(frozen=True)
class Ok:
    """Accept: save value, optionally pick a branch and set other answers too."""

    value: Any
    branch: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    note: str | None = None  # a message key said before the next question ("File diterima (2 file).")
    note_values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Invalid:
    """Reject: the engine re-asks, with this key's text (or the step's .invalid text)."""

    key: str | None = None
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Stay:
    """Accept something but keep asking the same question (e.g. one more photo)."""

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)


Result = Ok | Invalid | Stay


@dataclass
class StepContext:
    """What a named function may use: the services, the state being built, and the message."""

    services: FlowServices
    state: ConversationState
    msg: Inbound

    @property
    def locale(self) -> str:
        """The citizen's language."""
        return self.state.locale or "id"

    def text(self, key: str, **values: Any) -> str:
        """A localised message."""
        return self.services.catalog.text(key, self.locale, **values)


Validator = Callable[[StepContext, Answer], Awaitable[Result]]
OptionProvider = Callable[[StepContext], Awaitable[list[Option]]]
ValueProvider = Callable[[StepContext], Awaitable[dict[str, Any]]]
Action = Callable[[StepContext], Awaitable[dict[str, Any]]]

VALIDATORS: dict[str, Validator] = {}
OPTION_PROVIDERS: dict[str, OptionProvider] = {}
VALUE_PROVIDERS: dict[str, ValueProvider] = {}
ACTIONS: dict[str, Action] = {}


def validator(name: str) -> Callable[[Validator], Validator]:
    """Register a validator under the name flows use."""
    def register(fn: Validator) -> Validator:
        VALIDATORS[name] = fn
        return fn
    return register


def options(name: str) -> Callable[[OptionProvider], OptionProvider]:
    """Register an option provider."""
    def register(fn: OptionProvider) -> OptionProvider:
        OPTION_PROVIDERS[name] = fn
        return fn
    return register


def values(name: str) -> Callable[[ValueProvider], ValueProvider]:
    """Register a prompt value provider."""
    def register(fn: ValueProvider) -> ValueProvider:
        VALUE_PROVIDERS[name] = fn
        return fn
    return register


def action(name: str) -> Callable[[Action], Action]:
    """Register an action run at a closing step."""
    def register(fn: Action) -> Action:
        ACTIONS[name] = fn
        return fn
    return register
