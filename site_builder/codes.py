"""The one registry of problem codes: content codes (codes.yml) and compliance rules (compliance/rules.yml).

    from site_builder.codes import C
    report.add(rel, line, C.YAML_TAB, "…", "…")      # severity comes from the registry

`C.<NAME>` is the code with "-" spelled "_"; an unknown name raises AttributeError, and
tests/test_codes.py fails on any code written as a string literal outside the registry files.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
GUIDE = "docs/huong-dan-bien-tap.md"
RULES_GUIDE = "5.4"          # the editor's guide lists compliance rules there; each has its page section


@dataclass(frozen=True)
class Code:
    code: str
    severity: str            # "error" | "warning"
    title: str
    guide: str               # section of the editor's guide
    cross_file: bool = False
    silent_change: bool = False   # what the editor wrote would be published changed (strict builds refuse it)
    rule: bool = False       # a compliance rule (its citation is in compliance/rules.yml)


@lru_cache(maxsize=1)
def registry() -> dict[str, Code]:
    table: dict[str, Code] = {}
    for item in yaml.safe_load((HERE / "codes.yml").read_text(encoding="utf-8")):
        table[item["code"]] = Code(item["code"], item["severity"], item["title"], item["guide"],
                                   bool(item.get("cross_file")), bool(item.get("silent_change")))
    for item in yaml.safe_load((HERE / "compliance" / "rules.yml").read_text(encoding="utf-8")):
        if item["id"] in table:
            raise RuntimeError(f"rule id {item['id']} is also a content code")
        severity = "warning" if item["confidence"] == "R" else item["severity"]
        table[item["id"]] = Code(item["id"], severity, item["title"], RULES_GUIDE, rule=True)
    return table


def get(code: str) -> Code:
    return registry()[code]


def changes_output(code: str) -> bool:
    found = registry().get(code)
    return bool(found and found.silent_change)


def is_cross_file(code: str) -> bool:
    found = registry().get(code)
    return bool(found and found.cross_file)


class _Names:
    """Attribute access to content codes: C.FILE_TOO_LARGE == "FILE-TOO-LARGE"."""

    def __getattr__(self, name: str) -> str:
        code = name.replace("_", "-")
        found = registry().get(code)
        if found is None or found.rule:
            raise AttributeError(f"no problem code {code} in site_builder/codes.yml")
        return code


C = _Names()
