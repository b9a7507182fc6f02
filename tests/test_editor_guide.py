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
from site_builder.compliance.registry import load_rules

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


def rules_table() -> str:
    """Section 5.4's table, as rules.yml says it (regenerate: python tests/test_editor_guide.py)."""
    import datetime as dt
    rows = ["| Mã | Kiểm tra gì | Căn cứ | Áp dụng với ngày tham chiếu | Mức |", "|---|---|---|---|---|"]
    for r in load_rules().values():
        period = (f"{r.start:%d/%m/%Y} – {r.end - dt.timedelta(days=1):%d/%m/%Y}" if r.end
                  else f"từ {r.start:%d/%m/%Y}")
        level = "cảnh báo" if r.default_severity == "warning" else "lỗi"
        if r.unconfirmed_from and level == "lỗi":
            level += f"; cảnh báo từ {r.unconfirmed_from:%d/%m/%Y}"
        rows.append(f"| `{r.id}` | {r.description} | {r.citation} | {period} | {level} |")
    return "\n".join(rows) + "\n"


def _table_span(text: str) -> tuple[int, int]:
    start = text.index("| Mã | Kiểm tra gì |")
    end = text.index("\n\n", start) + 1
    return start, end


def test_guide_lists_every_rule_as_rules_yml_says():
    text = GUIDE.read_text(encoding="utf-8")
    start, end = _table_span(text)
    assert text[start:end] == rules_table(), "run `python tests/test_editor_guide.py` to rewrite section 5.4"


if __name__ == "__main__":
    text = GUIDE.read_text(encoding="utf-8")
    start, end = _table_span(text)
    GUIDE.write_text(text[:start] + rules_table() + text[end:], encoding="utf-8")
