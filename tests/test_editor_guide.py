"""The editor's guide (docs/huong-dan-bien-tap.md) is checked, not just written:
every complete example file in it (a fenced block with title="path") is put into
a copy of the sample portal and `portal check` must accept it, or, for a block
marked expect="CODE", report exactly that code for that file. (That every problem code has its
explanation in the guide section the registry names is tests/test_codes.py.)"""

from __future__ import annotations

import re
import shutil
import unicodedata

import pytest

from site_builder.check import check

from conftest import REPO

GUIDE = REPO / "docs" / "huong-dan-bien-tap.md"
FENCE = re.compile(r"^(?P<f>```+)(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=f)\s*$", re.M | re.S)


def examples() -> list[tuple[str, str | None, str, int]]:
    text = GUIDE.read_text(encoding="utf-8")
    found = []
    for m in FENCE.finditer(text):
        title = re.search(r'title="([^"]+)"', m["info"])
        if title:
            expect = re.search(r'expect="([^"]+)"', m["info"])
            found.append((title[1], expect[1] if expect else None, m["body"], text[:m.start()].count("\n") + 1))
    return found


EXAMPLES = examples()


def test_guide_is_nfc_and_has_enough_examples():
    text = GUIDE.read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text
    assert sum(1 for e in EXAMPLES if e[1] is None) >= 4 and sum(1 for e in EXAMPLES if e[1]) >= 12


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    root = tmp_path_factory.mktemp("guide")
    for name in ("content", "procedures", "policies"):
        shutil.copytree(REPO / name, root / name)
    return root


@pytest.mark.parametrize("path,expect,body,line", EXAMPLES, ids=[f"{e[0]}:{e[3]}" for e in EXAMPLES])
def test_guide_example(scratch, path, expect, body, line):
    target = scratch / path
    assert not target.exists(), f"guide line {line}: {path} already exists in the sample"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    try:
        problems = [p for p in check(scratch).report.problems if p.path == path]
    finally:
        target.unlink()
    errors = [p for p in problems if p.severity == "error"]
    if expect:
        assert expect in {p.code for p in problems}, (line, [p.format() for p in problems])
    else:
        assert not errors, (line, [p.format() for p in errors])
