"""The persisted state of one citizen's conversation: plain JSON, so any replica can pick it up."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass
class ConversationState:
    """Where a citizen is, what they answered, and what the bot last asked."""

    flow: str | None = None
    step: str | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    history: list[str] = field(default_factory=list)  # steps answered, for "kembali"
    locale: str | None = None
    invalid: int = 0  # invalid answers in a row at this step
    editing: bool = False  # changing one field from the summary
    overlay: str | None = None  # a side question: "language" or "resume"
    draft: dict[str, Any] | None = None  # an unfinished complaint kept for later
    prompt_seq: int = 0  # numbers every prompt, so a stale button press is recognised
    updated_at: str | None = None  # ISO time of the last turn

    def to_json(self) -> dict[str, Any]:
        """Serialise for storage (a copy: later changes to the state do not reach it)."""
        # not dataclasses.asdict: it deep-copies every leaf through copy.deepcopy, a cost on every turn
        return {name: _deep(getattr(self, name)) for name in _FIELDS}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> ConversationState:
        """Rebuild from storage, ignoring fields a newer version dropped."""
        if not data:
            return cls()
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def copy(self) -> ConversationState:
        """A deep copy the engine may change freely."""
        return ConversationState.from_json(_deep(self.to_json()))


_FIELDS = tuple(f.name for f in fields(ConversationState))


def _deep(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep(v) for v in value]
    return value
