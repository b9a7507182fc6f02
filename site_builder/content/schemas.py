"""JSON Schemas of the content types, for editors' autocompletion.

Editors' YAML files start with `# yaml-language-server: $schema=…`, so VS Code
(with the YAML extension) validates and completes fields as they type.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .model import Agency, Consultation, LegalDocument, Page, Procedure, Project
from .portal_model import ComplianceConfig, PortalConfig

# Every kind of content file, by the name of its schema (schemas/<name>.schema.json).
CONTENT_MODELS: dict[str, type[BaseModel]] = {
    "portal": PortalConfig,
    "agency": Agency,
    "procedure": Procedure,
    "document": LegalDocument,
    "page": Page,
    "project": Project,
    "consultation": Consultation,
    "compliance": ComplianceConfig,
}


def schema_of(name: str) -> dict:
    schema = CONTENT_MODELS[name].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{name}.schema.json"
    return schema


def render_schema(name: str) -> str:
    return json.dumps(schema_of(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in CONTENT_MODELS:
        path = out / f"{name}.schema.json"
        path.write_text(render_schema(name), encoding="utf-8")
        written.append(path)
    return written
