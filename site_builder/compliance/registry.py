"""Rule metadata (rules.yml), profiles (profiles.yml) and the check registry.

Metadata is data so lawyers can review it without reading Python; each rule
names the check function that evaluates it (`check:` in rules.yml, with `params:`). A function
is registered with @check under its own name and can serve several rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Literal

import yaml

HERE = Path(__file__).resolve().parent
Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    citation: str
    source: str
    start: dt.date
    end: dt.date | None
    applies_to: str
    category: str
    severity: Severity
    confidence: str
    description: str
    check: str
    params: dict = field(default_factory=dict, hash=False, compare=False)
    profiles_only: tuple[str, ...] = ()
    unconfirmed_from: dt.date | None = None    # from this day the basis is unverified (partly repealed, lapsed)
    unconfirmed_note: str = ""

    def in_force(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def confidence_on(self, day: dt.date) -> str:
        return "R" if self.unconfirmed_from and day >= self.unconfirmed_from else self.confidence

    def severity_on(self, day: dt.date) -> Severity:
        # Unconfirmed ([R]) rules never fail a build on their own.
        return "warning" if self.confidence_on(day) == "R" else self.severity

    @property
    def default_severity(self) -> Severity:
        return "warning" if self.confidence == "R" else self.severity


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    start: dt.date
    end: dt.date | None
    sources: tuple[str, ...]
    note: str = ""

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(slots=True)
class Outcome:
    """One requirement evaluated on one entity: passed or not; never changed once made.

    Passing outcomes are kept too: the public report scores the share of
    required items present, not just the number of failures. Not frozen: a province makes
    200,000 of them per check, and a frozen dataclass is three times slower to make."""

    rule: str
    ok: bool
    path: str
    line: int | None = None
    message: str = ""
    hint: str = ""
    agency: str | None = None      # agency the item belongs to, for the scorecard
    entity: str = ""               # "procedure:dang-ky-khai-sinh", "portal", …
    aspect: str = ""               # the kind of fact ("form", "official_text", …): outcomes of several rules on
                                   # the same (entity, aspect, part) are one requirement (findings.py)
    part: str = ""                 # which item of the entity, when it has several ("dossier.0.items.2")
    sample: bool = False           # the item is marked sample data (not verified)

    @property
    def fact(self) -> tuple:
        if self.aspect:
            return (self.entity, self.aspect, self.part)
        return (self.entity, "", self.part, self.rule, self.ok, self.path, self.line, self.message)


CHECKS: dict[str, Callable[..., Iterable[Outcome]]] = {}


def check(fn):
    """Register a check function under its name: fn(ctx, **params) -> outcomes for ctx.rule."""
    if fn.__name__ in CHECKS:
        raise RuntimeError(f"duplicate check {fn.__name__}")
    CHECKS[fn.__name__] = fn
    return fn


def load_data(name: str):
    """One of the toolkit's own YAML files beside this module, with libyaml's C parser when present
    (rules.yml takes half a second with the pure-Python one; the nodes are the same)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((HERE / name).read_text(encoding="utf-8"), Loader=loader)   # noqa: S506 - safe loaders


@lru_cache(maxsize=1)
def load_rules() -> dict[str, Rule]:
    raw = load_data("rules.yml")
    rules = {}
    for item in raw:
        rules[item["id"]] = Rule(
            id=item["id"], title=item["title"], citation=item["citation"], source=item["source"],
            start=item["from"], end=item.get("to"), applies_to=item["applies_to"], category=item["category"],
            severity=item["severity"], confidence=item["confidence"], description=item["description"],
            check=item["check"], params=item.get("params") or {}, profiles_only=tuple(item.get("profiles_only", ())),
            unconfirmed_from=item.get("unconfirmed_from"), unconfirmed_note=item.get("unconfirmed_note", ""))
    return rules


@lru_cache(maxsize=1)
def load_profiles() -> dict[str, Profile]:
    raw = load_data("profiles.yml")
    return {p["id"]: Profile(p["id"], p["name"], p["from"], p.get("to"), tuple(p["sources"]), p.get("note", ""))
            for p in raw}


@lru_cache(maxsize=1)
def load_not_checked() -> list[dict]:
    return load_data("not_checked.yml")


def profile_for(day: dt.date) -> Profile | None:
    return next((p for p in load_profiles().values() if p.covers(day)), None)


def framework_sources() -> set[str]:
    return {s for p in load_profiles().values() for s in p.sources}


def active_rules(profile: Profile, day: dt.date, forced: bool) -> list[Rule]:
    """Rules that apply on `day` under `profile`.

    Framework rules (their source belongs to the profile) apply while their
    source was in force; a forced profile applies its framework regardless of
    the date ("check today's content against the 2008 basis"). Cross-cutting
    rules (Decree 63/2010, Law 104/2016, …) apply whenever they were in force.
    """
    frameworks = framework_sources()
    out = []
    for rule in load_rules().values():
        if rule.profiles_only and profile.id not in rule.profiles_only:
            continue
        if rule.source in profile.sources:
            if forced or rule.in_force(day):
                out.append(rule)
        elif rule.source not in frameworks and rule.in_force(day):
            out.append(rule)
    return out
