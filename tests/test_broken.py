"""`portal check` on the broken fixture: every expected problem, exactly."""

import hashlib

from conftest import SITES, run_portal

BROKEN = SITES / "broken"


def _tree_hash(root):
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode() + path.read_bytes())
    return digest.hexdigest()


def test_output_matches_expected_problems_line_by_line():
    before = _tree_hash(BROKEN)
    result = run_portal("check", "--root", str(BROKEN))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    expected = (BROKEN / "expected-problems.txt").read_text(encoding="utf-8").splitlines()
    actual = (result.stdout + result.stderr).splitlines()
    assert actual == expected
    assert _tree_hash(BROKEN) == before, "check must not modify the content"


def test_every_error_names_a_file_and_gives_a_hint():
    result = run_portal("check", "--root", str(BROKEN))
    lines = result.stderr.splitlines()
    heads = [line for line in lines if ": error [" in line]
    assert len(heads) >= 30
    for i, line in enumerate(lines[:-1]):
        if ": error [" in line:
            assert line.split(":")[0].endswith((".yml", ".md")), line
            assert lines[i + 1].startswith("    gợi ý: "), line


def test_build_refuses_broken_content_and_keeps_previous_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("bản cũ", encoding="utf-8")
    result = run_portal("build", "--root", str(BROKEN), "--site-dir", str(site), "--index-dir", str(tmp_path / "index"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "bản cũ"
