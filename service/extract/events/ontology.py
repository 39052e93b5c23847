"""The event types: KAIROS (the MIT-licensed json of ``data/``) plus the few newsx adds."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
ONTOLOGY_FILES = ("kairos-event-roles.json", "newsx-event-additions.json")


@dataclass(frozen=True, slots=True)
class EventTypeSpec:
    """One event type: its roles in ontology order and the entity kinds each role accepts."""

    name: str
    roles: tuple[str, ...]
    role_types: dict[str, frozenset[str]]


def load_event_types(folder: Path) -> dict[str, EventTypeSpec]:
    """Every type of the ontology files in ``folder`` (a role listed twice takes both kind lists)."""
    specs: dict[str, EventTypeSpec] = {}
    for file_name in ONTOLOGY_FILES:
        for name, entry in json.loads((folder / file_name).read_text(encoding="utf-8")).items():
            role_types: dict[str, frozenset[str]] = {}
            for role, kinds in zip(entry["roles"], entry["role_types"], strict=True):
                role_types[role] = role_types.get(role, frozenset()) | frozenset(kinds)
            specs[name] = EventTypeSpec(name, tuple(dict.fromkeys(entry["roles"])), role_types)
    return specs


@functools.cache
def event_types() -> dict[str, EventTypeSpec]:
    """The types shipped with the package, read once."""
    return load_event_types(DATA_DIR)
