"""How a conversation is declared: a Flow is a tuple of Steps, plain data checked at definition time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bot.core.i18n import Catalog
from bot.core.messages import Expects


class InvalidFlow(ValueError):
    """A flow definition that the engine could not run safely."""


@dataclass(frozen=True)
class Step:
    """One question (or one closing message) of a flow.

    Message keys are found by convention: `<flow>.<step>.prompt`, `.invalid` (with an example),
    `.simple` (a plainer re-ask), `.help`, and `.opt.<id>` for each static option label.
    """

    id: str
    expects: Expects
    options: tuple[str, ...] = ()  # static option ids, labels at <flow>.<step>.opt.<id>
    options_from: str | None = None  # a named provider of options computed at run time
    validate: str | None = None  # a named validator; none means "the chosen option id is the value"
    save_as: str | None = None
    next: str | Mapping[str, str] | None = None  # a step id, or one per option / validator outcome
    action: str | None = None  # a named action run when the step is reached (closing steps)
    values: str | None = None  # a named provider of {fields} for the prompt and option labels
    accepts_media: bool = False  # photos/documents/voice notes are answers here, not side notes
    clears: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # option -> answers to forget
    help: bool = False  # a step-specific help text exists at <flow>.<step>.help
    edits: bool = False  # the chosen step is answered again, then the flow returns to its review step
    # Ask only what is missing: the step is passed by when its slot (`fills`, else `save_as`) already holds a
    # confident answer (answers["_confidence"][slot] >= engine.CONFIDENT), e.g. one read from the story;
    # it then leads on by its "filled" branch (or "*", or its only next step).
    skip_when_filled: bool = False
    fills: str | None = None
    # Free text that is no option here but reads as a complaint story fills the slots it tells; the step's
    # "story" branch is followed ("@complaint" starts that flow with them), else the step is entered again.
    reads_story: bool = False

    @property
    def slot(self) -> str | None:
        """The answer this step exists to obtain."""
        return self.fills or self.save_as

    @property
    def final(self) -> bool:
        """Whether the flow ends after this step."""
        return self.expects == "none" and self.next is None

    def targets(self) -> tuple[str, ...]:
        """Every step (or "@flow" hand-over) this one can lead to."""
        if self.next is None:
            return ()
        if isinstance(self.next, str):
            return (self.next,)
        return tuple(self.next.values())

    def hands_over(self) -> bool:
        """Whether this step can pass the citizen on to another flow ("@complaint")."""
        return any(t.startswith("@") for t in self.targets())


@dataclass(frozen=True)
class Flow:
    """A conversation: its steps, where it starts, and whether an unfinished one is kept as a draft."""

    id: str
    start: str
    steps: tuple[Step, ...]
    keeps_draft: bool = False
    review: str | None = None  # the summary step an edited answer returns to

    def __post_init__(self) -> None:
        check_structure(self)

    def step(self, step_id: str) -> Step:
        """The step with this id."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(f"{self.id}.{step_id}")

    def has_step(self, step_id: str | None) -> bool:
        """Whether a step id exists in this flow (persisted ids may outlive a renamed step)."""
        return any(step.id == step_id for step in self.steps)

    def key(self, step: Step, part: str) -> str:
        """The message key of one part of a step."""
        return f"{self.id}.{step.id}.{part}"


def check_structure(flow: Flow) -> None:
    """Reject unknown next steps, unreachable steps, dead ends and flows that can never finish."""
    ids = [s.id for s in flow.steps]
    if len(set(ids)) != len(ids):
        raise InvalidFlow(f"{flow.id}: duplicate step ids")
    known = set(ids)
    if flow.review is not None and flow.review not in known:
        raise InvalidFlow(f"{flow.id}: unknown review step {flow.review!r}")
    if flow.start not in known:
        raise InvalidFlow(f"{flow.id}: unknown start step {flow.start!r}")
    for step in flow.steps:
        for target in step.targets():
            if target not in known and not target.startswith("@"):
                raise InvalidFlow(f"{flow.id}.{step.id}: unknown next step {target!r}")
        if step.next is None and step.expects != "none":
            raise InvalidFlow(f"{flow.id}.{step.id}: dead end (asks a question but leads nowhere)")
        if isinstance(step.next, Mapping) and step.options:
            missing = [o for o in step.options if o not in step.next and "*" not in step.next]
            if missing:
                raise InvalidFlow(f"{flow.id}.{step.id}: options without a next step: {missing}")
    graph = {s.id: tuple(t for t in s.targets() if not t.startswith("@")) for s in flow.steps}
    reachable = _reach(flow.start, graph)
    unreachable = known - reachable
    if unreachable:
        raise InvalidFlow(f"{flow.id}: unreachable steps {sorted(unreachable)}")
    finals = {s.id for s in flow.steps if s.final or s.hands_over()}
    if not finals:
        raise InvalidFlow(f"{flow.id}: no closing step")
    for step in flow.steps:
        if not (_reach(step.id, graph) & finals):
            raise InvalidFlow(f"{flow.id}.{step.id}: trap (no way to finish from here)")


def _reach(start: str, graph: Mapping[str, Iterable[str]]) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(graph.get(node, ()))
    return seen


def required_keys(flow: Flow) -> set[str]:
    """The message keys a flow needs in every locale."""
    keys: set[str] = set()
    for step in flow.steps:
        keys.add(flow.key(step, "prompt"))
        if step.expects in ("text", "date", "location", "media"):
            keys.add(flow.key(step, "invalid"))
        if step.help:
            keys.add(flow.key(step, "help"))
        for option in step.options:
            keys.add(flow.key(step, f"opt.{option}"))
    return keys


def check_words(flows: Iterable[Flow], catalog: Catalog, extra: Iterable[str] = ()) -> list[str]:
    """List every key a flow (or the engine) needs that some locale lacks."""
    problems = []
    needed = set(extra)
    for flow in flows:
        needed |= required_keys(flow)
    for locale in catalog.locales:
        have = catalog.keys(locale)
        problems.extend(f"{locale}: missing {key}" for key in sorted(needed - have))
    return problems
