"""Archive duty (Decree 43/2011 Art. 17(2)): published pages are never lost.
Renames redirect by themselves, declared moves redirect, deletions are refused,
withdrawn procedures keep their page with a banner."""

from __future__ import annotations

import shutil

import pytest

from site_builder import git as portal_git
from site_builder.check import check
from site_builder.render import render_site

from conftest import SITES, run_portal
from test_history import git

PROC = "procedures/ho-tich/dang-ky-khai-tu.yml"


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "portal"
    shutil.copytree(SITES / "full", root)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "ban đầu")
    portal_git._moves.cache_clear()
    yield root
    portal_git._moves.cache_clear()


def test_a_deleted_procedure_is_refused_with_the_way_out(repo):
    git(repo, "rm", "-q", PROC)
    git(repo, "commit", "-qm", "xóa")
    result = run_portal("check", "--root", str(repo))
    assert result.returncode == 1
    assert f"{PROC}: error [ARCHIVE-DELETED]" in result.stdout + result.stderr
    assert "status: expired" in result.stdout + result.stderr and "redirects.yml" in result.stdout + result.stderr


def test_a_renamed_procedure_redirects_from_its_old_address(repo):
    git(repo, "mv", PROC, "procedures/ho-tich/dang-ky-khai-tu-moi.yml")
    git(repo, "commit", "-qm", "đổi tên")
    checked = check(repo)
    assert not checked.report.errors, checked.report.format()
    out = render_site(checked)
    stub = out["thu-tuc/dang-ky-khai-tu/index.html"]
    assert 'url=/thu-tuc/dang-ky-khai-tu-moi/"' in stub and 'rel="canonical"' in stub


def test_declared_redirects_and_bad_ones(repo):
    (repo / "content/redirects.yml").write_text("- {from: /cu/trang/, to: /thu-tuc/dang-ky-khai-tu/}\n"
                                                "- {from: cu-khong-gach, to: /x/}\n"
                                                "- {from: /thu-tuc/dang-ky-khai-tu/, to: /x/}\n", encoding="utf-8")
    checked = check(repo)
    problems = {(p.path, p.line, p.code) for p in checked.report.errors}
    assert ("content/redirects.yml", 2, "REDIRECT-URL") in problems
    assert any(code == "REDIRECT-SHADOWS" for _, _, code in problems)
    assert "cu/trang/index.html" in render_site(checked)


def test_withdrawn_procedure_keeps_its_page_with_a_banner(repo):
    path = repo / PROC
    path.write_text(path.read_text(encoding="utf-8") + "withdrawn: {date: 2024-10-01, decision: \"99/QĐ-UBND ngày "
                    "20/09/2024\", replaced_by: dang-ky-dat-dai-lan-dau}\n", encoding="utf-8")
    checked = check(repo)
    assert not checked.report.errors, checked.report.format()
    out = render_site(checked)
    page = out["thu-tuc/dang-ky-khai-tu.md"]
    assert '!!! danger "Thủ tục đã bãi bỏ"' in page and "01/10/2024 theo 99/QĐ-UBND" in page
    assert "(dang-ky-dat-dai-lan-dau.md)" in page
    assert "dang-ky-khai-tu.md" not in out["thu-tuc/danh-muc.md"]
    assert "## Thủ tục đã bãi bỏ" in out["thu-tuc/index.md"] and "dang-ky-khai-tu.md" in out["thu-tuc/index.md"]
    path.write_text(path.read_text(encoding="utf-8").replace("replaced_by: dang-ky-dat-dai-lan-dau", "replaced_by: "
                                                                                                     "khong-co"),
                    encoding="utf-8")
    assert any(p.code == "REF-PROCEDURE" and p.line for p in check(repo).report.errors)
