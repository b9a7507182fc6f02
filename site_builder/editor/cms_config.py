"""The browser editor's configuration (Decap CMS), generated from the content schemas.

Nothing here is written by hand per field: every property of every JSON Schema
(content/schemas.py) becomes a form field with the schema's Vietnamese title as label, its
description (plus the article that asks for the field, from compliance/rules.yml) as hint,
`required` from the schema, selects from the code lists and the agencies, lists for arrays,
date widgets for dates and patterns for codes and numbers. tests/test_cms.py fails when a
schema property has no field.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import yaml

from ..compliance.checks_documents import ATTRIBUTES
from ..compliance.registry import load_rules
from ..compliance.substance import contracts as load_contracts
from ..content.loading import Site
from ..content.schemas import schema_of
from ..labels import TIME_UNITS
from ..numbers import ADMIN, CONSOLIDATED, NORMATIVE
from ..render.context import CHANNELS, ONLINE_LEVELS, PROJECT_STATUS

API = "/quan-tri/api/v1"
DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
ENUM_LABELS = {
    "channel@Method": CHANNELS, "level@OnlineService": ONLINE_LEVELS, "status@project": PROJECT_STATUS,
    "unit@TimeLimit": {**TIME_UNITS, "same_day": "trong ngày", "unspecified": "không quy định cụ thể"},
    "procedure_type": {"standard": "Thủ tục thông thường",
                       "assigned_regulation": "Thủ tục được giao quy định chi tiết"},
    "lang": {"vi": "Tiếng Việt", "en": "English"},
}
# Python's named groups are not JavaScript's: the browser gets plain groups.
_NUMBER = ("|".join("(?:" + re.sub(r"\(\?P<\w+>", "(", r.pattern) + ")" for r in (NORMATIVE, ADMIN, CONSOLIDATED)),
           "Số, ký hiệu theo Nghị định 30/2020/NĐ-CP, ví dụ 15/2024/QĐ-UBND hoặc 120/UBND-VX.")
PATTERNS = {   # field → (JavaScript regex, what to type)
    "national_code": (r"^\d\.\d{6}$", "Mã thủ tục dạng 1.001193 (một chữ số, dấu chấm, sáu chữ số)."),
    "number@document": _NUMBER, "number@LegalBasis": _NUMBER, "number@Decision": _NUMBER,
}
# Markdown fields keep the raw editor first: the rich editor rewrites Markdown it did not write.
MARKDOWN = {"modes": ["raw", "rich_text"], "buttons": ["bold", "italic", "link", "heading-three", "bulleted-list",
                                                       "numbered-list", "quote"], "editor_components": []}


LAST = ("updated", "change_note", "sample", "sample_note")


def collections_spec() -> list[dict]:
    """Every content type the editor can write: (name, label, folder, schema, extension, depth)."""
    return [
        dict(name="procedures", label="Thủ tục hành chính", label_singular="thủ tục", folder="procedures",
             schema="procedure", extension="yml", depth=2, identifier="name", summary="{{name}}",
             preview="thu-tuc/{{filename}}/"),
        dict(name="documents", label="Văn bản", label_singular="văn bản", folder="policies", schema="document",
             extension="md", depth=2, identifier="abstract", summary="{{number}} — {{abstract}}",
             preview="van-ban/{{dirname}}/{{filename}}/"),
        dict(name="agencies", label="Cơ quan, đơn vị", label_singular="cơ quan", folder="content/agencies",
             schema="agency", extension="yml", depth=1, identifier="name", summary="{{name}}",
             preview="co-quan/{{filename}}/"),
        dict(name="pages", label="Trang", label_singular="trang", folder="content/pages", schema="page",
             extension="md", depth=1, identifier="title", summary="{{title}}", preview=None),
        dict(name="projects", label="Dự án đầu tư, đấu thầu", label_singular="dự án", folder="content/projects",
             schema="project", extension="yml", depth=1, identifier="name", summary="{{name}}", preview=None),
        dict(name="consultations", label="Lấy ý kiến dự thảo", label_singular="dự thảo",
             folder="content/consultations", schema="consultation", extension="md", depth=1,
             identifier="title", summary="{{title}}", preview=None),
    ]


def gitlab_backend(repo: str, base_url: str, app_id: str, branch: str = "main") -> dict:
    """A self-hosted GitLab: editors sign in with GitLab (OAuth PKCE, no secret in the page);
    with the editorial workflow every entry is a branch and a merge request (cms/…)."""
    base = base_url.rstrip("/")
    return {"name": "gitlab", "repo": repo, "branch": branch, "base_url": base, "api_root": f"{base}/api/v4",
            "auth_endpoint": "oauth/authorize", "auth_type": "pkce", "app_id": app_id, "squash_merges": True,
            "commit_messages": {"create": "Tạo {{collection}} “{{slug}}”", "update": "Sửa {{collection}} “{{slug}}”",
                                "delete": "Xóa {{collection}} “{{slug}}”", "uploadMedia": "Tải lên “{{path}}”",
                                "deleteMedia": "Xóa “{{path}}”"}}


def cms_config(site: Site, *, backend: dict | None = None, as_of: dt.date | None = None,
               site_url: str | None = None, editorial: bool = False) -> dict:
    """The Decap CMS configuration for this portal (backend: the local preview unless given)."""
    day = as_of or dt.date.today()
    selects = _selects(site, day)
    citations = _citations(day)
    collections = []
    for spec in collections_spec():
        schema = schema_of(spec["schema"])
        fields = _fields(schema, schema.get("$defs", {}), spec["schema"], selects, citations)
        if spec["extension"] == "md":
            fields.append({"name": "body", "label": "Nội dung", "widget": "markdown", "required": False,
                           "hint": "Markdown: tiêu đề ##, danh sách -, bảng |…|.", **MARKDOWN})
        collection = {
            "name": spec["name"], "label": spec["label"], "label_singular": spec["label_singular"],
            "folder": spec["folder"], "extension": spec["extension"], "create": True, "delete": False,
            "identifier_field": spec["identifier"], "summary": spec["summary"],
            # portal_folder / portal_address: set by portal-cms.js before saving (the address `portal new`
            # gives); never written to the file.
            "slug": "{{portal_address}}", "fields": fields,
            "editor": {"preview": False},     # the real preview is the portal's page ("Xem bản hoàn chỉnh")
            "format": "portal-frontmatter" if spec["extension"] == "md" else "portal-yaml",
        }
        if spec["depth"] > 1:
            collection["path"] = "{{portal_folder}}/{{slug}}"
        if spec["preview"]:
            collection["preview_path"] = spec["preview"]
        collections.append(collection)
    config = {
        "backend": backend or {"name": "proxy", "proxy_url": API, "branch": "main"},
        "locale": "vi",
        "site_url": site_url or "/",
        "display_url": site_url or "/",
        "media_folder": "content/files",
        "public_folder": "/tep",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }
    if editorial:
        config["publish_mode"] = "editorial_workflow"   # draft → review → publish = a merge request
    return config


def write_cms_config(site: Site, out: Path, **kwargs) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "config.yml"
    text = ("# Sinh bởi `portal cms-config` từ schemas/ và danh mục; đừng sửa tay (sẽ bị ghi đè).\n"
            + yaml.dump(cms_config(site, **kwargs), Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=120))
    path.write_text(text, encoding="utf-8")
    codes = {"document_types": {k: v.name for k, v in site.taxonomy.document_types.items()}}
    (out / "portal-codes.json").write_text(json.dumps(codes, ensure_ascii=False), encoding="utf-8")
    return path


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def _selects(site: Site, day: dt.date) -> dict[str, list[dict]]:
    tax = site.taxonomy

    def current(items):
        # Codes that ended stay selectable (older entries use them), marked with their end date.
        return [{"label": i.name if getattr(i, "valid_to", None) is None or i.valid_to >= day
                 else f"{i.name} (đến {i.valid_to:%d/%m/%Y})", "value": i.id} for i in items.values()]

    agencies = sorted(({"label": e.item.name, "value": e.slug} for e in site.agencies.values()),
                      key=lambda o: o["label"])
    roles = load_contracts()["roles"]
    return {
        "sector": current(tax.sectors), "sectors": current(tax.sectors), "level": current(tax.levels),
        "agency": agencies, "parent": agencies, "type@document": current(tax.document_types),
        "issuer@document": current(tax.issuers), "status@document": current(tax.statuses),
        "status@StatusChange": current(tax.statuses),
        "type@Relation": [{"label": r.label, "value": r.id} for r in tax.relation_types.values()],
        "section": current(tax.sections),
        "role": [{"label": c["label"][:1].upper() + c["label"][1:], "value": k} for k, c in roles.items()],
    }


# Checks that look at named fields (besides procedure_field, whose rule names its field).
FIELDS_OF_CHECK = {
    "document_attributes": ("document", [k for k, _ in ATTRIBUTES] + ["file", "source_url"]),
    "expired_documents": ("document", ["status", "expired", "relations"]),
    "publication_deadlines": ("document", ["published"]),
    "leader_emails": ("agency", ["leaders"]),
    "contacts_2026": ("agency", ["address", "phone", "email", "contacts"]),
    "official_domains": ("agency", ["email"]),
    "dublin_core": ("page", ["description"]),
}


def _citations(day: dt.date) -> dict[str, str]:
    """field@schema → the article that asks for it (rules in force on `day`); "!field@schema" when
    the rule fails the build, so the form marks the field required too."""
    out: dict[str, str] = {}
    whole = {"project_fields": "project", "consultation_fields": "consultation"}
    for rule in load_rules().values():
        if not rule.in_force(day):
            continue
        if rule.check == "procedure_field" and rule.params.get("field"):
            out.setdefault(f"{rule.params['field']}@procedure", rule.citation)
            if rule.severity_on(day) == "error":
                out[f"!{rule.params['field']}@procedure"] = rule.citation
        elif rule.check in whole:
            out.setdefault(f"*@{whole[rule.check]}", rule.citation)
        elif rule.check in FIELDS_OF_CHECK:
            schema, names = FIELDS_OF_CHECK[rule.check]
            for name in names:
                out.setdefault(f"{name}@{schema}", rule.citation)
    return out


def _lookup(table: dict, name: str, owner: str, schema: str):
    """`name@owner` (a nested object's own field), else for top-level fields `name@schema`, then `name`."""
    keys = (f"{name}@{owner}",) if owner != schema else (f"{name}@{schema}", name)
    for key in keys:
        if key in table:
            return table[key]
    return None


def _fields(node: dict, defs: dict, schema: str, selects: dict, citations: dict, owner: str | None = None
            ) -> list[dict]:
    owner = owner or schema
    required = set(node.get("required", []))
    out = []
    for name, prop in node.get("properties", {}).items():
        out.append(_field(name, prop, name in required, defs, schema, owner, selects, citations))
    # What an editor fills first comes first; bookkeeping (sample flags, change notes) last.
    return sorted(out, key=lambda f: LAST.index(f["name"]) + 1 if f["name"] in LAST else 0)


def _field(name: str, prop: dict, required: bool, defs: dict, schema: str, owner: str, selects: dict,
           citations: dict) -> dict:
    title, description = prop.get("title") or name, prop.get("description") or ""
    inner = _resolve(prop, defs)
    citation = _lookup(citations, name, owner, schema) or (citations.get(f"*@{schema}") if owner == schema else None)
    options = _lookup(selects, name, owner, schema)
    if options and "content/" in description:
        description = ""          # "code in content/taxonomy/…" says nothing to someone picking from a list
    hint = " ".join(x for x in (description.rstrip(".") + "." if description else "",
                                f"Căn cứ: {citation}." if citation else "") if x)
    required = required or f"!{name}@{owner}" in citations
    field: dict = {"name": name, "label": title, "required": required}
    if hint:
        field["hint"] = hint
    enum = inner.get("enum")
    kind = inner.get("type")
    if kind == "array":
        items = _resolve(inner.get("items", {}), defs)
        ref = _ref_name(inner.get("items", {}))
        if options:
            field.update(widget="select", multiple=True, options=options)
        elif items.get("type") == "object" or ref:
            sub = _fields(items, defs, schema, selects, citations, ref or owner)
            field.update(widget="list", fields=sub)
            first = next((f["name"] for f in sub if f["name"] in ("name", "number", "target", "label")), None)
            if first:
                field["summary"] = "{{fields.%s}}" % first
        else:
            field.update(widget="list", field={"name": "item", "label": f"Một {title[:1].lower()}{title[1:]}",
                                               "widget": "string"})
        if not required:
            field["default"] = []
    elif kind == "object" and inner.get("properties"):
        sub = _fields(inner, defs, schema, selects, citations, _ref_name(prop) or owner)
        if not required:      # an optional group left empty must not ask for its parts (the check does)
            for f in sub:
                f["required"] = False
        field.update(widget="object", collapsed=False, fields=sub)
    elif kind == "object":
        field.update(widget="code", output_code_only=True, default_language="yaml")   # free-form maps
    elif options or enum:
        labels = ENUM_LABELS.get(f"{name}@{owner}") or ENUM_LABELS.get(f"{name}@{schema}") or ENUM_LABELS.get(name)
        field.update(widget="select", options=options or [
            {"label": (labels or {}).get(v, v), "value": v} for v in enum])
    elif kind == "boolean":
        field.update(widget="boolean", default=bool(prop.get("default", False)))
    elif kind in ("integer", "number"):
        field.update(widget="number", value_type="int" if kind == "integer" else "float")
    elif inner.get("format") == "date":
        field.update(DATE)
    elif description.startswith("Markdown") or name in ("requirements", "functions", "bio"):
        field.update(widget="text")
    else:
        field.update(widget="string")
    pattern = _lookup(PATTERNS, name, owner, schema)
    if pattern is None and inner.get("pattern"):
        pattern = (inner["pattern"], f"Viết đúng dạng của trường {title}.")
    if pattern and field.get("widget") == "string":
        field["pattern"] = list(pattern)
    return field


def _ref_name(prop: dict) -> str | None:
    ref = prop.get("$ref") or next((x["$ref"] for x in prop.get("anyOf", []) if "$ref" in x), None)
    return ref.rsplit("/", 1)[-1] if ref else None


def _resolve(prop: dict, defs: dict) -> dict:
    """The schema of a property with `$ref` followed and `X | null` reduced to X."""
    if "$ref" in prop:
        return _resolve(defs[prop["$ref"].rsplit("/", 1)[-1]], defs)
    options = [x for x in prop.get("anyOf", []) if x.get("type") != "null"]
    if len(options) == 1:
        merged = {**_resolve(options[0], defs)}
        merged.setdefault("title", prop.get("title"))
        return merged
    return prop
