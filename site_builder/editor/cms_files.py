"""What a save from the browser editor does to a content file: only the changed values change.

The CMS sends the whole entry re-serialised (its YAML has no comments, its own key order and
quoting). Writing that as it is would rewrite every file an editor opens. Instead the changed
values are applied to the file as it is on disk with ruamel.yaml's round-trip mode, which keeps
comments, key order, quoting and flow style: saving without a change leaves the bytes as they
were, changing one field changes that field's lines.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

# Keys the editor's page adds for its own use (the address of a new entry); never written.
HELPER_KEYS = ("portal_address", "portal_folder")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")
HEADERS = {   # first line of a new file, as `portal new` writes it: schema completion in VS Code
    "procedures/": "# yaml-language-server: $schema=../../schemas/procedure.schema.json\n",
    "content/agencies/": "# yaml-language-server: $schema=../../schemas/agency.schema.json\n",
    "content/projects/": "# yaml-language-server: $schema=../../schemas/project.schema.json\n",
}


class NotAnEntry(ValueError):
    """The CMS sent text that is not an entry (a bug or a hand-made request)."""


class _NoAliases(yaml.SafeLoader):
    """The CMS never writes anchors; a request with them is refused (no alias bombs)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise NotAnEntry("không nhận bí danh YAML (*tên)")
        return super().compose_node(parent, index)


def _load(text: str):
    return yaml.load(text, Loader=_NoAliases)  # noqa: S506 (a SafeLoader)


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 10**6                     # never fold long Vietnamese lines
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter YAML, body) of a Markdown entry."""
    if not text.startswith("---\n"):
        raise NotAnEntry("thiếu phần đầu '---'")
    end = text.find("\n---", 3)
    if end < 0:
        raise NotAnEntry("thiếu dòng '---' đóng phần đầu")
    after = text.find("\n", end + 4)
    return text[4:end + 1], "" if after < 0 else text[after + 1:]


def parse_entry(raw: str, markdown: bool) -> dict:
    """The data of an entry as the CMS sent it (front matter + `body` for Markdown)."""
    try:
        if markdown:
            front, body = split_front_matter(raw)
            data = _load(front) or {}
            if isinstance(data, dict):
                data["body"] = body
        else:
            data = _load(raw) or {}
    except yaml.YAMLError as exc:
        raise NotAnEntry(str(exc)) from None
    if not isinstance(data, dict):
        raise NotAnEntry("nội dung không phải một nhóm trường")
    for key in HELPER_KEYS:
        data.pop(key, None)
    return data


def compose(old_text: str | None, data: dict, rel: str, markdown: bool) -> str:
    """The file's new text: `data` applied onto `old_text` (or a new file when None)."""
    data = dict(data)
    body = data.pop("body", None) if markdown else None
    if old_text is None:
        front = _dump(_fresh(_clean(data)))
        if markdown:
            return "---\n" + front + "---\n" + _body(body or "")
        return next((h for prefix, h in HEADERS.items() if rel.startswith(prefix)), "") + front
    if markdown:
        old_front, old_body = split_front_matter(old_text)
        front = _apply(old_front, data)
        new_body = old_body if _same_body(old_body, body) else _body(body or "")
        return "---\n" + front + "---\n" + new_body
    return _apply(old_text, data)


def _apply(old_yaml: str, data: dict) -> str:
    y = _yaml()
    node = y.load(old_yaml)
    if not isinstance(node, CommentedMap):
        node = CommentedMap()
    _merge(node, _clean(data))
    out = _dump(node, y)
    if not old_yaml.endswith("\n"):
        out = out.rstrip("\n")
    return out


def _dump(node, y: YAML | None = None) -> str:
    buffer = io.StringIO()
    (y or _yaml()).dump(node, buffer)
    return buffer.getvalue()


def _body(body: str) -> str:
    return body if body.endswith("\n") or not body else body + "\n"


def _same_body(old: str, new: str | None) -> bool:
    return (new or "").strip() == old.strip()


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _clean(value):
    """Drop empty values (the CMS writes `""` and `[]` for fields left empty)."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if not _empty(_clean(v))}
    if isinstance(value, list):
        return [_clean(v) for v in value if not _empty(_clean(v))]
    return value


def _plain(value):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()[:10] if not isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, str):
        return str(value).rstrip("\n") if "\n" in value else str(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _same(old, new) -> bool:
    return _plain(_clean(_plain(old))) == _plain(new)


def _merge(node: CommentedMap, new: dict) -> None:
    for key in list(node.keys()):
        if key not in new and not _empty(_clean(_plain(node[key]))):
            del node[key]                       # the editor emptied the field
    for key, value in new.items():
        node[key] = _update(node[key], value) if key in node else _fresh(value)


def _update(old, new):
    if _same(old, new):
        return old
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        _merge(old, new)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        for i, value in enumerate(new):
            if i < len(old):
                old[i] = _update(old[i], value)
            else:
                old.append(_fresh(value))
        del old[len(new):]
        return old
    if isinstance(new, str) and isinstance(old, str) and "\n" not in new and type(old) is not str \
            and not isinstance(old, LiteralScalarString):
        return type(old)(new)                  # keep the file's quoting
    return _fresh(new)


def _fresh(value):
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _fresh(v)
        return out
    if isinstance(value, list):
        return CommentedSeq(_fresh(v) for v in value)
    if isinstance(value, str):
        if ISO_DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return DoubleQuotedScalarString(value)
        if "\n" in value.strip():
            return LiteralScalarString(value.rstrip("\n") + "\n")
        return DoubleQuotedScalarString(value) if re.search(r"[^a-z0-9_-]", value) else value
    return value
