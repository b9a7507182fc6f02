"""Lịch sử cập nhật: the explicit `updated` + `change_note`, then earlier commits of
the file (with the editor's "Thay-doi:" trailer), up to the portal's as-of date;
"Cập nhật lần cuối" falls back to git when a file has no `updated` field."""

from __future__ import annotations

import os
import shutil
import subprocess

from site_builder import git as portal_git
from site_builder.check import check
from site_builder.render import render_site

from conftest import SITES

PROC = "procedures/ho-tich/dang-ky-khai-tu.yml"


def git(root, *args, date=None):
    env = {**os.environ, "GIT_AUTHOR_NAME": "Biên tập viên", "GIT_AUTHOR_EMAIL": "btv@example.gov.vn",
           "GIT_COMMITTER_NAME": "Biên tập viên", "GIT_COMMITTER_EMAIL": "btv@example.gov.vn"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_history_from_change_note_and_git(tmp_path):
    root = tmp_path / "portal"
    shutil.copytree(SITES / "full", root)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "Nội dung ban đầu", date="2024-01-05T09:00:00+07:00")
    path = root / PROC
    text = path.read_text(encoding="utf-8")
    assert "updated: 2024-12-31" in text
    path.write_text(text.replace("updated: 2024-12-31", "updated: 2024-12-31\nchange_note: \"Bổ sung trường hợp "
                                 "đăng ký khai tử quá hạn.\""), encoding="utf-8")
    git(root, "commit", "-qam", "Sửa lệ phí\n\nThay-doi: Cập nhật mức lệ phí theo nghị quyết mới.",
        date="2024-03-01T09:00:00+07:00")
    git(root, "commit", "-q", "--allow-empty", "-m", "sau ngày tham chiếu", date="2030-01-01T09:00:00+07:00")
    portal_git._history.cache_clear()
    page = render_site(check(root))["thu-tuc/dang-ky-khai-tu.md"]
    section = page[page.index("## Lịch sử cập nhật"):]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "Ngày" not in line]
    assert rows[1] == "| 01/03/2024 | Cập nhật mức lệ phí theo nghị quyết mới. |"
    assert rows[2] == "| 05/01/2024 | Cập nhật nội dung. |"
    assert rows[0] == "| 31/12/2024 | Bổ sung trường hợp đăng ký khai tử quá hạn. |"
    assert len(rows) == 3                                             # nothing after the as-of date


def test_last_updated_falls_back_to_git(tmp_path):
    root = tmp_path / "portal"
    shutil.copytree(SITES / "full", root)
    path = root / PROC
    path.write_text("\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                              if not line.startswith("updated:")) + "\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "x", date="2024-02-03T09:00:00+07:00")
    portal_git._history.cache_clear()
    page = render_site(check(root))["thu-tuc/dang-ky-khai-tu.md"]
    assert "Cập nhật lần cuối: 03/02/2024" in page
