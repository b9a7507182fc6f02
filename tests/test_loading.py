"""The loader: line numbers, normalisation and refusal of bad bytes."""

import shutil
import unicodedata
from pathlib import Path

from site_builder.check import check

from conftest import SITES


def _copy_minimal(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SITES / "minimal", root)
    return root


def test_minimal_site_is_clean():
    checked = check(SITES / "minimal")
    assert checked.report.problems == []
    assert set(checked.site.procedures) == {"dang-ky-khai-tu"}


def test_nfd_bom_and_crlf_are_accepted_and_normalised(tmp_path):
    root = _copy_minimal(tmp_path)
    path = root / "content" / "agencies" / "ubnd-xa.yml"
    text = path.read_text(encoding="utf-8")
    decomposed = unicodedata.normalize("NFD", text).replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + decomposed.encode("utf-8"))
    before = path.read_bytes()
    checked = check(root)
    assert checked.report.problems == []
    name = checked.site.agencies["ubnd-xa"].item.name
    assert name == "Ủy ban nhân dân xã Đông Đô"
    assert unicodedata.is_normalized("NFC", name)
    assert path.read_bytes() == before, "the loader must never rewrite a source file"


def test_problem_lines_point_at_the_bad_key(tmp_path):
    root = _copy_minimal(tmp_path)
    path = root / "procedures" / "ho-tich" / "dang-ky-khai-tu.yml"
    text = path.read_text(encoding="utf-8").replace("result:", "reslt:")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("reslt:"))) + 1
    problems = check(root).report.sorted()
    unknown = [p for p in problems if p.code == "FIELD-UNKNOWN"]
    assert [(p.line, "result" in p.hint) for p in unknown] == [(line, True)]


def test_alias_bomb_is_refused(tmp_path):
    root = _copy_minimal(tmp_path)
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]")
    (root / "content" / "agencies" / "bom.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    codes = {p.code for p in check(root).report.problems}
    assert "YAML-TOO-COMPLEX" in codes


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    root = _copy_minimal(tmp_path)
    with open(root / "content" / "agencies" / "huge.yml", "wb") as f:
        f.truncate(50 * 1024 * 1024)
    problems = check(root).report.problems
    assert [p.code for p in problems] == ["FILE-TOO-LARGE"]
