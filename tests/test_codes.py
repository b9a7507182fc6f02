"""One registry of problem codes (site_builder/codes.yml + compliance/rules.yml): every code is data,
Python names codes only as C.<NAME>, and the editor's guide explains each code where the registry says."""

from __future__ import annotations

import ast
import re

import pytest

from site_builder import codes
from site_builder.check import check
from site_builder.codes import C

from conftest import REPO

PRODUCT = [p for top in ("site_builder", "search") for p in (REPO / top).rglob("*.py")]
GUIDE = (REPO / "docs" / "huong-dan-bien-tap.md").read_text(encoding="utf-8")


def test_no_code_is_written_as_a_string_literal_outside_the_registry():
    table = codes.registry()
    found = []
    for path in PRODUCT:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in table:
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.value!r}")
    assert not found, "write C.<NAME> (content codes) or name the check in rules.yml (rules):\n" + "\n".join(found)


def test_every_C_name_used_is_registered():
    used = set()
    for path in PRODUCT:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "C":
                used.add(node.attr)
    assert used
    for name in used:
        getattr(C, name)            # raises for a code the registry lacks
    unused = {c.code for c in codes.registry().values() if not c.rule} - {n.replace("_", "-") for n in used}
    assert not unused, f"registered but never reported: {sorted(unused)}"


def test_an_unknown_code_is_refused():
    with pytest.raises(AttributeError, match="NO-SUCH-CODE"):
        _ = C.NO_SUCH_CODE


def _sections() -> dict[str, str]:
    """Guide section number → its text (up to the next section of the same depth)."""
    out, current = {}, None
    for line in GUIDE.splitlines():
        m = re.match(r"^### (\d+\.\d+)\. ", line)
        if m:
            current = m.group(1)
            out[current] = ""
        elif line.startswith("## "):
            current = None
        if current:
            out[current] += line + "\n"
    return out


def test_every_code_is_explained_in_its_guide_section():
    sections = _sections()
    for code in codes.registry().values():
        assert code.guide in sections, (code.code, code.guide)
        if code.rule:
            continue            # rules are listed on the rules page, from rules.yml
        headings = re.findall(r"^#### (.+)$", sections[code.guide], re.M)
        assert any(code.code in h.split(", ") for h in headings), f"{code.code}: no '#### {code.code}' in {code.guide}"
        assert code.severity in ("error", "warning") and code.title


def test_reported_severity_comes_from_the_registry():
    checked = check(REPO / "tests" / "fixtures" / "sites" / "broken")
    assert checked.report.problems
    for p in checked.report.problems:
        entry = codes.get(p.code)
        if not entry.rule:
            assert p.severity == entry.severity, p
