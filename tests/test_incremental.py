"""The incremental build cache and parallel rendering give the same bytes as a cold build.

A copy of the sample in a real git repository is built once to fill build/cache/. After each kind
of edit (a procedure, a document, an agency, a navigation section, the theme, the config) it is
built warm (cache, two workers) and cold (no cache, one process, the menu rendered for every
page instead of once per folder), and the two sites must be equal
file for file, byte for byte. The warm build must also have reused pages where the edit leaves
them alone, and re-rendered every page where it does not.
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

PORTAL = Path(sys.executable).parent / "portal"
REUSED = re.compile(r"Đã dựng (\d+) trang(?: \((\d+) trang không đổi lấy lại từ lần dựng trước\))?")


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Biên tập", "-c", "user.email=bt@example.vn", *args], cwd=root,
                   check=True, capture_output=True)


def _build(root: Path, site: Path, *, warm: bool) -> int:
    """Build into `site`; returns how many pages were taken from the cache."""
    # The cold reference also renders the shared menu for every page (theme/partials/nav.html).
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORTAL_BUILD_WORKERS": "2" if warm else "1",
           "PORTAL_RENDER_EVERY_TIME": "0" if warm else "1"}
    args = [str(PORTAL), "build", "--no-index", "--root", str(root), "--site-dir", str(site)]
    result = subprocess.run(args + ([] if warm else ["--no-cache"]), capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    found = REUSED.search(result.stdout + result.stderr)
    assert found, result.stdout + result.stderr
    return int(found.group(2) or 0)


def _differences(a: Path, b: Path) -> list[str]:
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    out = sorted(files_a ^ files_b)
    out += [f for f in sorted(files_a & files_b) if not filecmp.cmp(a / f, b / f, shallow=False)]
    return out


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    # kind: (edit, whether most pages stay cached)
    "procedure": (lambda r: _replace(next((r / "procedures" / "ho-tich").glob("dang-ky-khai-sinh.yml")),
                                     "name: ", "name: Sửa đổi - "), True),
    "document": (lambda r: (r / "policies" / "2006" / "luat-cong-nghe-thong-tin.md").open("a", encoding="utf-8")
                 .write("\nĐoạn ghi chú thêm của biên tập viên.\n"), True),
    "agency": (lambda r: _replace(r / "content" / "agencies" / "cong-an-tinh.yml", "name: \"", "name: \"Sửa - "),
               True),
    "navigation": (lambda r: _replace(r / "content" / "taxonomy" / "sections.yml", 'name: "Liên hệ"',
                                      'name: "Liên hệ, góp ý"'), False),
    "theme": (lambda r: _replace(r / "mkdocs.yml", "theme:\n", "theme:\n  features: [navigation.indexes]\n"), False),
    "config": (lambda r: _replace(r / "content" / "portal.yml", 'portal_name: "', 'portal_name: "Thử - '), False),
}


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("incremental") / "portal"
    for name in ("content", "procedures", "policies"):
        shutil.copytree(REPO / name, root / name)
    (root / "mkdocs.yml").write_text(
        f"INHERIT: {REPO / 'site_builder' / 'adapters' / 'mkdocs.default.yml'}\ndocs_dir: content/static\n"
        f"theme:\n  custom_dir: {REPO / 'site_builder' / 'theme'}\nsite_dir: site\n", encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "Nội dung mẫu")
    assert _build(root, root.parent / "first", warm=True) == 0     # cold cache: nothing to reuse
    return root


@pytest.mark.parametrize("kind", list(EDITS))
def test_warm_build_equals_cold_build_after_an_edit(portal, kind, tmp_path):
    edit, mostly_cached = EDITS[kind]
    edit(portal)
    _git(portal, "commit", "-qam", f"Sửa {kind}")
    reused = _build(portal, tmp_path / "warm", warm=True)
    _build(portal, tmp_path / "cold", warm=False)
    assert _differences(tmp_path / "warm", tmp_path / "cold") == []
    if mostly_cached:
        assert reused > 200, reused          # of 264 pages, only the edited one and its neighbours render
    else:
        assert reused == 0, reused           # every page shows the menu, the theme and the portal's name
    # Unchanged content builds entirely from the cache, still the same bytes.
    assert _build(portal, tmp_path / "again", warm=True) > 250
    assert _differences(tmp_path / "again", tmp_path / "cold") == []


# --- the search index: unchanged shards are reused, and the result equals a cold build ---

def _index(root: Path, index_dir: Path) -> str:
    result = subprocess.run([str(PORTAL), "index", "--root", str(root), "--index-dir", str(index_dir)],
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def _contents(generation: Path) -> tuple:
    """Everything a search reads: stored fields in docnum order, and every term's units."""
    from whoosh import index as whoosh_index
    ix = whoosh_index.open_dir(str(generation))
    with ix.searcher() as searcher:
        reader = searcher.reader()
        stored = [reader.stored_fields(i) for i in range(reader.doc_count_all())]
        postings = {(field, term): tuple(reader.postings(field, term).all_ids())
                    for field, term in reader.all_terms()}
    return stored, postings


def _files(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_ino, p.read_bytes()) for p in folder.iterdir() if p.is_file()}


def test_incremental_index_reuses_unchanged_shards_and_equals_a_cold_build(portal, tmp_path):
    warm = tmp_path / "warm"
    _index(portal, warm)
    before = (warm / "current").resolve()
    files_before = _files(before)
    _replace(portal / "procedures" / "ho-tich" / "dang-ky-giam-ho.yml", "name: ", "name: Thay đổi - ")
    message = _index(portal, warm)
    after = (warm / "current").resolve()
    assert after != before
    reused = re.search(r"\((\d+) trên (\d+) phần không đổi", message)
    assert reused and int(reused.group(2)) - int(reused.group(1)) == 1, message     # one shard written
    # The previous generation is untouched, and the new one shares its unchanged segment files.
    assert _files(before) == files_before
    shared = {n for n, (inode, _) in _files(after).items() if n in files_before and files_before[n][0] == inode}
    assert len([n for n in shared if n.endswith(".seg")]) == int(reused.group(1))
    cold = tmp_path / "cold"
    _index(portal, cold)
    assert _contents(after) == _contents((cold / "current").resolve())
    stored, _ = _contents(after)
    assert any("Thay đổi - " in s["title"] for s in stored)
