"""Which state of the repository a period is computed from.

A period is computed from the repository at the last commit dated on or before its last day, in a
temporary worktree (git.worktree; the working tree is never touched). When the repository has no
commit that old (the sample, written later than the portal it describes), from the current content,
whose date fields carry the period; the report says which.
"""

from __future__ import annotations

from pathlib import Path

from .. import git
from .figures import Figures, compute
from .period import Period

SHALLOW = ("Kho git này là bản sao nông (shallow clone): thiếu lịch sử để tính báo cáo theo kỳ. "
           "Chạy `git fetch --unshallow` rồi chạy lại; trong CI đặt độ sâu bằng 0 (GitLab: GIT_DEPTH: \"0\", "
           "GitHub: fetch-depth: 0).")


def figures_at(root: Path, period: Period) -> Figures:
    if git.is_shallow(root):
        raise git.HistoryUnavailable(SHALLOW)
    latest = git.head(root)
    if latest is None:
        return compute(root, period, "nội dung hiện tại (thư mục không phải kho git nên không có lịch sử cập nhật)")
    commit = git.last_commit_on_or_before(root, period.end)
    if commit is None or commit == latest:
        note = ("nội dung hiện tại của kho" if commit else
                f"nội dung hiện tại (kho git chưa có commit nào đến ngày {period.end:%d/%m/%Y}; "
                "ngày trong các trường nội dung cho biết kỳ)")
        return compute(root, period, note)
    with git.worktree(root, commit) as tree:
        return compute(tree, period, f"kho tại commit {commit[:10]}, commit cuối cùng của kỳ")


def report_figures(root: Path, period: Period) -> tuple[Figures, Figures]:
    """(this period, the previous one) for the side-by-side trend."""
    return figures_at(root, period), figures_at(root, period.previous())
