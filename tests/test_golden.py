"""Golden generated Markdown for the `full` fixture (regenerate: make golden)."""

import filecmp

from conftest import REPO, SITES, run_portal

GOLDEN = REPO / "tests" / "golden" / "full"


def _files(root):
    # Generated Markdown only: copied assets, forms and originals are not ours to golden.
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.md") if p.is_file())


def test_generated_tree_matches_golden(tmp_path):
    out = tmp_path / "docs"
    result = run_portal("generate", "--root", str(SITES / "full"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert _files(out) == _files(GOLDEN)
    mismatched = [f for f in _files(out) if not filecmp.cmp(out / f, GOLDEN / f, shallow=False)]
    assert mismatched == [], "run `make golden` and review the diff"


def test_generate_is_reproducible(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        assert run_portal("generate", "--root", str(SITES / "full"), "--out", str(out)).returncode == 0
    assert all(filecmp.cmp(a / f, b / f, shallow=False) for f in _files(a))
