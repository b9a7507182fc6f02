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
import json
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
    if kind not in ("procedure", "config"):
        return      # the rebuild below does not depend on the kind of edit before it: two kinds suffice
    # Unchanged content builds entirely from the cache, still the same bytes.
    assert _build(portal, tmp_path / "again", warm=True) > 250
    assert _differences(tmp_path / "again", tmp_path / "cold") == []
    # The CSP, made from the script hashes kept with each page, allows exactly the inline scripts
    # found by reading every built page.
    from site_builder.publish.security_headers import FILE, headers_for, inline_script_hashes
    written = json.loads((tmp_path / "again" / FILE).read_text(encoding="utf-8"))
    hashes = inline_script_hashes(tmp_path / "again")
    assert hashes and written == headers_for(hashes)


# --- the search index: a delta segment for what changed, the same live units as a cold build ---

QUERIES = ("đăng ký giám hộ", "dang ky khai sinh", "thay doi", "giấy phép xây dựng", "91/2015", "hộ tịch")


def _index(root: Path, index_dir: Path) -> str:
    result = subprocess.run([str(PORTAL), "index", "--root", str(root), "--index-dir", str(index_dir)],
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def _contents(generation: Path) -> tuple:
    """Everything a search reads, by unit id: stored fields of the live units, and every term's
    live units. Deleted (replaced) units are not part of it."""
    from whoosh import index as whoosh_index
    ix = whoosh_index.open_dir(str(generation))
    with ix.searcher() as searcher:
        reader = searcher.reader()
        live = {i: reader.stored_fields(i) for i in range(reader.doc_count_all()) if not reader.is_deleted(i)}
        stored = {fields["id"]: fields for fields in live.values()}
        postings = {}
        for field, term in reader.all_terms():
            units = frozenset(live[i]["id"] for i in reader.postings(field, term).all_ids() if i in live)
            if units:
                postings[field, term] = units
    return stored, postings


def _answers(index_root: Path) -> list:
    from search.service import search_once
    return [[(r["id"], r["url"]) for r in search_once(index_root, q, (), "relevance", 1)["results"]]
            for q in QUERIES]


def _files(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_ino, p.read_bytes()) for p in folder.iterdir() if p.is_file()}


def test_incremental_index_writes_only_the_changed_page_and_equals_a_cold_build(portal, tmp_path):
    warm = tmp_path / "warm"
    _index(portal, warm)
    before = (warm / "current").resolve()
    files_before = _files(before)
    _replace(portal / "procedures" / "ho-tich" / "dang-ky-giam-ho.yml", "name: ", "name: Thay đổi - ")
    message = _index(portal, warm)
    after = (warm / "current").resolve()
    assert after != before
    written = re.search(r"chỉ ghi (\d+) mục của (\d+) trang đã đổi", message)
    assert written and written.group(2) == "1", message
    # The previous generation is untouched; the new one links every one of its segment files and
    # adds one small segment holding exactly the changed page's units.
    assert _files(before) == files_before
    files_after = _files(after)
    old_segs = {n for n in files_before if n.endswith(".seg")}
    assert all(files_after[n][0] == files_before[n][0] for n in old_segs)
    (new_seg,) = {n for n in files_after if n.endswith(".seg")} - old_segs
    from whoosh import index as whoosh_index
    with whoosh_index.open_dir(str(after)).searcher() as searcher:
        reader = searcher.reader()
        deleted = [i for i in range(reader.doc_count_all()) if reader.is_deleted(i)]
        assert len(deleted) == int(written.group(1)) > 0
    cold = tmp_path / "cold"
    _index(portal, cold)
    assert _contents(after) == _contents((cold / "current").resolve())
    assert _answers(warm) == _answers(cold)
    stored, _ = _contents(after)
    assert any("Thay đổi - " in s["title"] for s in stored.values())
    # Removing the page deletes its units and writes nothing.
    (portal / "procedures" / "ho-tich" / "dang-ky-giam-ho.yml").unlink()
    message = _index(portal, warm)
    assert re.search(r"chỉ ghi 0 mục của 0 trang đã đổi, bỏ 1 trang đã xoá", message), message
    shutil.rmtree(cold)
    _index(portal, cold)
    assert _contents((warm / "current").resolve()) == _contents((cold / "current").resolve())
    assert _answers(warm) == _answers(cold)


def test_deltas_are_compacted_back_into_shards(tmp_path, monkeypatch):
    """Past MAX_DELTAS the next build writes shards again (reusing those whose units are unchanged),
    and the result still holds exactly the live units."""
    from search import segments
    monkeypatch.setattr(segments, "MAX_DELTAS", 2)
    units = [{"id": f"p{i}", "parent": f"p{i}", "kind": "thu-tuc", "url": f"/p{i}/", "title": f"Thủ tục số {i}",
              "body": f"nội dung {i} đường thủy", "facets": {}} for i in range(60)]

    def build(n: int, title: str) -> tuple[Path, dict]:
        units[n]["title"] = title
        docs = tmp_path / "units.jsonl"
        docs.write_text("".join(json.dumps(u, ensure_ascii=False, sort_keys=True) + "\n" for u in units),
                        encoding="utf-8")
        current = tmp_path / "ix" / "current"
        previous = current.resolve() if current.exists() else None
        folder = tmp_path / "ix" / f"gen-{len(list((tmp_path / 'ix').glob('gen-*'))) if previous else 0}"
        folder.mkdir(parents=True)
        written = segments.write(docs, folder, previous, 1)
        if current.is_symlink():
            current.unlink()
        current.symlink_to(folder.name)
        return folder, written

    shards = len({segments.shard_of(u["parent"]) for u in units})
    _, first = build(0, "Thủ tục số 0")
    assert first["segments"] == shards and "pages" not in first
    assert build(1, "Đổi một")[1]["pages"] == 1
    assert build(2, "Đổi hai")[1]["pages"] == 1
    last, compacted = build(3, "Đổi ba")            # a third delta: compact
    assert "pages" not in compacted and compacted["reused"] > 0
    assert compacted["segments"] + compacted["reused"] == shards
    from whoosh import index as whoosh_index
    with whoosh_index.open_dir(str(last)).searcher() as searcher:
        reader = searcher.reader()
        assert not reader.has_deletions()
        titles = sorted(reader.stored_fields(i)["title"] for i in range(reader.doc_count_all()))
    assert titles == sorted(u["title"] for u in units)
