"""Validate schema.org JSON-LD against the real schema.org vocabulary.

The vocabulary is read from the TypeScript declarations of Google's npm package
`schema-dts` (node_modules/schema-dts/dist/schema.d.ts, generated from the
current schema.org release), with plain line scanning -- no new dependency.

    vocab = Vocabulary.load()
    errors = vocab.validate(json.loads(script_text))   # [] when valid
    # ["$.legislationLegalForce: 'Valid' is not a member of LegalForceStatus", ...]

What schema.d.ts looks like, and what is taken from it:

* `interface XBase extends ABase, BBase { "prop"?: SchemaValue<R1 | R2 | IdReference, "prop">; }`
  -- the properties declared on type X, with their ranges; `extends` gives the
  Base interfaces whose properties X inherits.
* `export interface XLeaf extends XBase { "@type": "X"; }` -- type X exists and
  its `@type` string (`_3DModel` -> "3DModel"; 77 external types have an IRI
  such as "http://purl.bioontology.org/..."). A type without its own properties
  has no XBase: its Leaf extends the parent's Base directly.
* `export type XLeaf<TContent, TProperty extends string> = Omit<XBase, TProperty> & {`
  (multi-line, `"@type": "X"` two lines below) -- the five Role types.
* `export type X = XLeaf | SubA | SubB;` -- X and its direct subtypes (the
  subtype graph is taken from these unions). Enumerations list their members
  as literals: `"https://schema.org/InForce" | "InForce" | ... | LegalForceStatusLeaf`.
* `export type Date = string;`, `export type Text = CssSelectorType | PronounceableText | URL | XPathType | string;`
  -- data types: aliases without a Leaf.

Special cases:

* 263 class unions end in `| string` (Organization, Person, Place, their
  subtypes, EntryPoint, ...). That is a schema-dts artefact, not schema.org: it
  is ignored, so a bare string is accepted only where the range has Text/URL.
* PronounceableText is both a class and a Text subtype (it sits in the Text
  union); it accepts strings and objects.
* Quantity, Distance, Duration, Energy and Mass are classes in schema.org but
  plain `string` aliases in schema-dts; they are data types here (Duration
  must be an ISO 8601 duration such as "PT30M").
* Action types accept `<property>-input` / `<property>-output` keys
  (schema-dts `WithActionConstraints`, e.g. SearchAction "query-input").
* Role wrappers (Role, LinkRole, OrganizationRole, ...) are accepted as they are.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "node_modules" / "schema-dts" / "dist" / "schema.d.ts"

CONTEXTS = frozenset({"https://schema.org", "http://schema.org", "https://schema.org/", "http://schema.org/"})
SCHEMA_PREFIXES = ("https://schema.org/", "http://schema.org/", "schema:")

# --- schema.d.ts line shapes -------------------------------------------------
_BASE = re.compile(r"^interface (\w+)Base extends (.+) \{$")
_LEAF = re.compile(r"^export interface (\w+)Leaf extends (.+) \{$")
_ROLE_LEAF = re.compile(r"^export type (\w+)Leaf<[^>]*> = Omit<(\w+)Base, TProperty> & \{$")
_ALIAS = re.compile(r"^export type (\w+)(?:<[^>]*>)? = ((?:[^{}&;]|\$\{number\})+);$")
_PROP = re.compile(r'^    "([^"@][^"]*)"\??: SchemaValue<([^>]+), "\1">;$')
_AT_TYPE = re.compile(r'^    "@type": "([^"]+)";$')
_GENERIC = re.compile(r"<[^>]*>")

# --- literal formats -----------------------------------------------------------
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TZ = r"(?:Z|[+-]\d{2}:?\d{2})?"
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)" + _TZ + "$")
_TIME = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?" + _TZ + "$")
_DURATION = re.compile(r"^-?P(?!$)(?:\d+(?:[.,]\d+)?Y)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?W)?(?:\d+(?:[.,]\d+)?D)?"
                       r"(?:T(?=\d)(?:\d+(?:[.,]\d+)?H)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?S)?)?$")
_ABSOLUTE_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_BOOLEAN_STRINGS = frozenset(p + b for p in ("", "https://schema.org/") for b in ("True", "False"))
_SIMPLE_KEY = re.compile(r"^[@A-Za-z_][\w-]*$")

# Data types whose string form is checked; every other data type (Text,
# CssSelectorType, XPathType, Quantity, Distance, Energy, Mass, DataType, ...)
# accepts any string.
_FORMAT_HINTS = {
    "Date": "YYYY-MM-DD",
    "DateTime": "ISO 8601, YYYY-MM-DDThh:mm[:ss][Z|+hh:mm]",
    "Time": "hh:mm[:ss][Z|+hh:mm]",
    "URL": "absolute http(s) URL or a path starting with /",
    "Duration": "ISO 8601 duration, e.g. PT30M",
    "Number": "a number", "Float": "a number", "Integer": "an integer",
    "Boolean": "true or false",
}
_NUMERIC = frozenset({"Number", "Float", "Integer"})


def _check_string(datatype: str, value: str) -> bool:
    """Whether the string `value` is a valid literal of `datatype`."""
    if datatype == "Date":
        return bool(_DATE.match(value)) and _valid_date(value)
    if datatype == "DateTime":
        m = _DATETIME.match(value)
        return bool(m) and _valid_date(m.group(1)) and _valid_time(m.group(2))
    if datatype == "Time":
        return bool(_TIME.match(value)) and _valid_time(value)
    if datatype == "URL":
        return bool(_ABSOLUTE_URL.match(value)) or (value.startswith("/") and not any(c.isspace() for c in value))
    if datatype == "Duration":
        return bool(_DURATION.match(value))
    if datatype in ("Number", "Float"):
        return bool(_NUMBER.match(value))
    if datatype == "Integer":
        return bool(_INTEGER.match(value))
    if datatype == "Boolean":
        return value in _BOOLEAN_STRINGS
    return True


def _valid_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _valid_time(value: str) -> bool:
    hh, mm, *rest = re.split(r"[:Z+-]", value) + ["0"]
    ss = rest[0].split(".")[0].split(",")[0] or "0"
    return int(hh) < 24 and int(mm) < 60 and int(ss) < 61


def _short(value: str) -> str:
    for prefix in SCHEMA_PREFIXES:
        if value.startswith(prefix):
            return value[len(prefix):]
    return value


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if _SIMPLE_KEY.match(key) else f"{path}[{key!r}]"


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"number {value!r}"
    if isinstance(value, str):
        return f"string {value!r}"
    if isinstance(value, dict):
        return "object without @type"
    return type(value).__name__


@dataclass(frozen=True)
class Range:
    """What a property accepts, as declared: classes and data types (IdReference dropped).

    `classes` also holds the classes a declared data type includes (PronounceableText
    for Text); `declared` is what the d.ts names, for messages.
    """
    classes: frozenset[str]
    datatypes: frozenset[str]
    declared: tuple[str, ...]

    @property
    def any_node(self) -> bool:
        return "Thing" in self.classes

    def label(self) -> str:
        return " or ".join(self.declared) if self.declared else "nothing"

    def merge(self, other: "Range") -> "Range":
        return Range(self.classes | other.classes, self.datatypes | other.datatypes,
                     tuple(sorted(set(self.declared) | set(other.declared))))


@dataclass(repr=False)
class Vocabulary:
    """schema.org types, properties, enumerations and data types, as schema-dts declares them."""

    parents: dict[str, frozenset[str]]                 # type -> direct supertypes
    own_properties: dict[str, dict[str, Range]]        # type -> properties declared on it
    enum_members: dict[str, frozenset[str]]            # enumeration -> member names (with subtypes' members)
    datatypes: dict[str, frozenset[str]]               # data type -> data types it includes (itself too)
    string_classes: frozenset[str]                     # classes that are also Text (PronounceableText)
    parse_seconds: float = 0.0
    _ancestors: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _props: dict[str, dict[str, Range]] = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:
        return (f"<Vocabulary: {len(self.parents)} types, {len(self.property_names)} properties, "
                f"{len(self.enum_members)} enumerations, parsed in {self.parse_seconds * 1000:.0f} ms>")

    # --- loading ---------------------------------------------------------------
    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> "Vocabulary":
        """Parse schema.d.ts once per path (cached for the process)."""
        return _load(Path(path).resolve())

    @classmethod
    def parse(cls, text: str) -> "Vocabulary":
        start = time.perf_counter()
        base_props: dict[str, dict[str, list[str]]] = {}
        classes: set[str] = set()                     # TS type names (those with a Leaf)
        iri: dict[str, str] = {}                      # TS type name -> @type string
        unions: dict[str, list[str]] = {}             # TS alias -> members
        current_props: dict[str, list[str]] | None = None
        pending_leaf: str | None = None

        for line in text.splitlines():
            if line.startswith("    "):
                if current_props is not None:
                    m = _PROP.match(line)
                    if m:
                        current_props[m.group(1)] = [t.strip() for t in m.group(2).split("|")]
                        continue
                m = _AT_TYPE.match(line)
                if m and pending_leaf:
                    iri[pending_leaf] = m.group(1)
                    pending_leaf = None
                continue
            if line.startswith("}"):
                current_props = None
                continue
            if m := _BASE.match(line):
                current_props = base_props.setdefault(m.group(1), {})
            elif m := _LEAF.match(line):
                classes.add(m.group(1))
                pending_leaf = m.group(1)   # its "@type" line follows
            elif m := _ROLE_LEAF.match(line):
                classes.add(m.group(1))
                pending_leaf = m.group(1)   # "@type" follows two lines below
            elif m := _ALIAS.match(line):
                unions[m.group(1)] = [_GENERIC.sub("", t).strip() for t in m.group(2).split(" | ")]

        def name(ts: str) -> str:
            return iri.get(ts, ts)

        datatypes_ts = {a for a, members in unions.items()
                        if a not in classes and not a.endswith("Leaf")
                        and all(_is_primitive(t) or t in unions for t in members)}

        parents: dict[str, set[str]] = {name(c): set() for c in classes}
        literals: dict[str, set[str]] = {}
        for alias, members in unions.items():
            if alias not in classes:
                continue
            for t in members:
                if t.startswith('"'):
                    literals.setdefault(name(alias), set()).add(_short(t.strip('"')))
                elif t in classes and t != alias:
                    parents[name(t)].add(name(alias))

        # Data types: the closure of each alias over the data types it names.
        def dt_closure(alias: str, seen: frozenset[str] = frozenset()) -> set[str]:
            out = {alias}
            for t in unions.get(alias, ()):
                if t in datatypes_ts and t not in seen:
                    out |= dt_closure(t, seen | {alias})
            return out
        datatypes = {d: frozenset(dt_closure(d)) for d in datatypes_ts}
        string_classes = frozenset(name(t) for d in datatypes_ts for t in unions[d] if t in classes)

        # Properties: those of XBase belong to X; inherited ones are found through `parents`
        # (the union graph gives exactly the property sets that the Bases' `extends` give).
        def make_range(ranges: list[str]) -> Range:
            cls_, dts = set(), set()
            for t in ranges:
                if t in datatypes_ts:
                    dts.add(t)
                    cls_ |= {name(c) for d in datatypes[t] for c in unions[d] if c in classes}
                elif t in classes:
                    cls_.add(name(t))
            declared = tuple(sorted(name(t) for t in ranges if t != "IdReference"))
            return Range(frozenset(cls_), frozenset(dts), declared)

        range_cache: dict[tuple[str, ...], Range] = {}
        own_properties: dict[str, dict[str, Range]] = {}
        for ts in classes:
            props = own_properties[name(ts)] = {}
            for prop, ranges in base_props.get(ts, {}).items():
                key = tuple(ranges)
                if key not in range_cache:
                    range_cache[key] = make_range(ranges)
                props[prop] = range_cache[key]

        vocab = cls(parents={k: frozenset(v) for k, v in parents.items()},
                    own_properties=own_properties,
                    enum_members={},
                    datatypes=datatypes,
                    string_classes=string_classes)
        members: dict[str, set[str]] = {e: set() for e in vocab.parents if vocab.is_subtype(e, "Enumeration")}
        for t, values in literals.items():     # an enumeration's members include its subtypes' members
            for e in vocab.ancestors(t):
                if e in members:
                    members[e] |= values
        vocab.enum_members = {e: frozenset(v) for e, v in members.items()}
        vocab.parse_seconds = time.perf_counter() - start
        return vocab

    # --- queries -------------------------------------------------------------
    @property
    def types(self) -> frozenset[str]:
        return frozenset(self.parents)

    def ancestors(self, type_: str) -> frozenset[str]:
        """The type itself and all its supertypes."""
        if type_ not in self._ancestors:
            out = {type_}
            for p in self.parents.get(type_, ()):
                out |= self.ancestors(p)
            self._ancestors[type_] = frozenset(out)
        return self._ancestors[type_]

    def is_subtype(self, type_: str, of: str) -> bool:
        return of in self.ancestors(type_)

    def properties(self, type_: str) -> dict[str, Range]:
        """Every property of a type, inherited ones included."""
        if type_ not in self._props:
            merged: dict[str, Range] = {}
            for t in self.ancestors(type_):
                for prop, rng in self.own_properties.get(t, {}).items():
                    old = merged.get(prop)
                    merged[prop] = rng if old is None or old == rng else old.merge(rng)
            self._props[type_] = merged
        return self._props[type_]

    @property
    def property_names(self) -> frozenset[str]:
        return frozenset(p for props in self.own_properties.values() for p in props)

    def resolve_type(self, value: str) -> str | None:
        """The vocabulary name for an @type value ("X", "schema:X", "https://schema.org/X", or an external IRI)."""
        if value in self.parents:
            return value
        short = _short(value)
        return short if short in self.parents and value != short else None

    # --- validation ------------------------------------------------------------
    def validate(self, data: dict | list) -> list[str]:
        """Error messages (each starting with a JSON path) for a parsed JSON-LD document; [] if valid."""
        errors: list[str] = []
        if isinstance(data, list):
            if not data:
                errors.append("$: empty list, expected JSON-LD objects")
            for i, item in enumerate(data):
                self._top(item, f"$[{i}]", errors)
        else:
            self._top(data, "$", errors)
        return errors

    def _top(self, doc: object, path: str, errors: list[str]) -> None:
        if not isinstance(doc, dict):
            errors.append(f"{path}: expected a JSON-LD object, got {_describe(doc)}")
            return
        if "@context" not in doc:
            errors.append(f"{path}: missing @context (expected \"https://schema.org\")")
        if "@graph" in doc:
            self._check_context(doc, path, errors)
            graph = doc["@graph"]
            if not isinstance(graph, list):
                errors.append(f"{_join(path, '@graph')}: expected a list of nodes, got {_describe(graph)}")
                return
            for i, node in enumerate(graph):
                if isinstance(node, dict):
                    self._node(node, _join(_join(path, "@graph"), i), errors)
                else:
                    errors.append(f"{_join(_join(path, '@graph'), i)}: expected an object, got {_describe(node)}")
            extra = sorted(k for k in doc if not k.startswith("@"))
            if extra:
                errors.append(f"{path}: properties {extra} next to @graph (put them in a node of the graph)")
            return
        self._node(doc, path, errors)

    def _check_context(self, node: dict, path: str, errors: list[str]) -> None:
        if "@context" in node and node["@context"] not in CONTEXTS:
            errors.append(f"{_join(path, '@context')}: {node['@context']!r} is not the schema.org context "
                          f"(expected \"https://schema.org\")")

    def _node_types(self, node: dict, path: str, errors: list[str]) -> list[str] | None:
        """The node's known types; None when the node has no usable @type (already reported)."""
        raw = node.get("@type")
        if raw is None:
            if any(not k.startswith("@") for k in node):
                errors.append(f"{path}: missing @type")
            return None
        values = raw if isinstance(raw, list) else [raw]
        known = []
        for v in values:
            if not isinstance(v, str):
                errors.append(f"{_join(path, '@type')}: expected a type name, got {_describe(v)}")
                continue
            t = self.resolve_type(v)
            if t is None:
                hint = difflib.get_close_matches(_short(v), self.parents, n=1)
                errors.append(f"{_join(path, '@type')}: unknown type {v!r}"
                              + (f" (did you mean {hint[0]!r}?)" if hint else ""))
            else:
                known.append(t)
        return known or None

    def _node(self, node: dict, path: str, errors: list[str]) -> None:
        self._check_context(node, path, errors)
        types = self._node_types(node, path, errors)
        if types is None:
            return
        if any(self.is_subtype(t, "Role") for t in types):
            return
        props: dict[str, Range] = {}
        for t in types:
            for prop, rng in self.properties(t).items():
                props.setdefault(prop, rng)
        is_action = any(self.is_subtype(t, "Action") for t in types)
        for key, value in node.items():
            if key.startswith("@"):
                continue
            rng = props.get(key)
            if rng is None and is_action and key.endswith(("-input", "-output")):
                base = key.rsplit("-", 1)[0]
                if base in props:
                    rng = self._action_constraint
            if rng is None:
                hint = difflib.get_close_matches(key, props, n=1)
                errors.append(f"{_join(path, key)}: {key!r} is not a property of {' or '.join(types)}"
                              + (f" (did you mean {hint[0]!r}?)" if hint else ""))
                continue
            self._value(value, rng, _join(path, key), errors)

    @functools.cached_property
    def _action_constraint(self) -> Range:
        return Range(
            frozenset({"PropertyValueSpecification"}), frozenset({"Text"}), ("PropertyValueSpecification", "Text")
        )

    def _value(self, value: object, rng: Range, path: str, errors: list[str]) -> None:
        if isinstance(value, list):
            for i, item in enumerate(value):
                self._value(item, rng, f"{path}[{i}]", errors)
            return
        if value is None:
            errors.append(f"{path}: null value (omit the property instead)")
            return
        if isinstance(value, dict):
            self._object(value, rng, path, errors)
            return
        self._literal(value, rng, path, errors)

    def _object(self, value: dict, rng: Range, path: str, errors: list[str]) -> None:
        if "@value" in value:   # a JSON-LD value object: {"@value": "...", "@language": "vi"}
            self._literal(value["@value"], rng, _join(path, "@value"), errors)
            return
        if "@type" not in value and all(k.startswith("@") for k in value):
            if "@id" in value and not (rng.classes - self.string_classes or rng.datatypes & {"URL"}):
                errors.append(f"{path}: expected {rng.label()}, got an @id reference")
            elif "@id" not in value:
                errors.append(f"{path}: empty object, expected {rng.label()}")
            return
        raw = value.get("@type")
        known = [t for t in (raw if isinstance(raw, list) else [raw]) if isinstance(t, str) and self.resolve_type(t)]
        types = [self.resolve_type(t) for t in known]
        fits = rng.any_node or any(c in rng.classes for t in types for c in self.ancestors(t))
        if types and not fits and not any(self.is_subtype(t, "Role") for t in types):
            errors.append(f"{path}: expected {rng.label()}, got {' or '.join(types)}")
        self._node(value, path, errors)   # reports a missing or unknown @type, then the node's own properties

    def _literal(self, value: object, rng: Range, path: str, errors: list[str]) -> None:
        dts = set().union(*(self.datatypes[d] for d in rng.datatypes)) if rng.datatypes else set()
        if isinstance(value, bool):
            if "Boolean" not in dts:
                errors.append(f"{path}: expected {rng.label()}, got {_describe(value)}")
            return
        if isinstance(value, (int, float)):
            if not dts & _NUMERIC:
                errors.append(f"{path}: expected {rng.label()}, got {_describe(value)}")
            elif not (dts & {"Number", "Float"}) and not float(value).is_integer():
                errors.append(f"{path}: {value!r} is not a valid Integer")
            return
        if not isinstance(value, str):
            errors.append(f"{path}: expected {rng.label()}, got {_describe(value)}")
            return
        if any(_check_string(d, value) for d in dts) or rng.classes & self.string_classes:
            return
        enums = sorted(c for c in rng.classes if c in self.enum_members)
        if any(_short(value) in self.enum_members[e] for e in enums):
            return
        checked = sorted(d for d in rng.datatypes if d in _FORMAT_HINTS)
        if checked:
            formats = " or ".join(f"{d} ({_FORMAT_HINTS[d]})" for d in checked)
            msg = f"{value!r} is not a valid {formats}"
            if enums:
                msg += f" nor a member of {' or '.join(enums)}"
        elif enums:
            msg = f"{value!r} is not a member of {' or '.join(enums)}"
        else:
            msg = f"expected {rng.label()}, got {_describe(value)}"
        errors.append(f"{path}: {msg}")


def _is_primitive(token: str) -> bool:
    return token in ("string", "number", "boolean", "`${number}`") or token.startswith('"')


@functools.lru_cache(maxsize=None)
def _load(path: Path) -> Vocabulary:
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; run `npm ci` in the repository (schema-dts 2.1.0)")
    return Vocabulary.parse(path.read_text(encoding="utf-8"))
