import subprocess
import sys
from pathlib import Path

from conftest import REPO, SITES, run_portal


def test_check_exit_codes(tmp_path):
    assert run_portal("check", "--root", str(SITES / "minimal")).returncode == 0
    assert run_portal("check", "--root", str(SITES / "broken")).returncode == 1
    usage = run_portal("check", "--root", str(tmp_path))
    assert usage.returncode == 2 and "content/" in usage.stderr
    assert run_portal("check", "--as-of", "31/12/2024").returncode == 2
    assert run_portal("no-such-command").returncode == 2


def test_as_of_changes_status_checks():
    # The full fixture has a decree effective 01/03/2025 marked not yet effective;
    # checked as of a later date that status becomes a contradiction.
    later = run_portal("check", "--root", str(SITES / "full"), "--as-of", "2025-06-01")
    assert later.returncode == 1 and "STATUS-DATES" in later.stderr
    assert run_portal("check", "--root", str(SITES / "full"), "--as-of", "2024-12-31").returncode == 0


def test_clicks_own_framing_is_vietnamese(tmp_path):
    help_text = run_portal("--help").stdout + run_portal("check", "--help").stdout
    assert "Cách dùng: portal [TÙY CHỌN] LỆNH" in help_text and "Hiện hướng dẫn này rồi thoát." in help_text
    assert "Tùy chọn:" in help_text and "Lệnh:" in help_text
    for english in ("Usage:", "Options:", "Show this message", "Commands:", "[default:", "[OPTIONS]"):
        assert english not in help_text, english
    wrong = run_portal("chek")
    assert wrong.returncode == 2 and "Lỗi: Không có lệnh 'chek'." in wrong.stderr
    assert "Xem hướng dẫn: 'portal --help'." in wrong.stderr and "Try" not in wrong.stderr
    bad_date = run_portal("check", "--as-of", "31/12/2024")
    assert "ngày dạng YYYY-MM-DD" in bad_date.stderr and "Invalid" not in bad_date.stderr
    aborted = subprocess.run([str(Path(sys.executable).parent / "portal"), "new", "procedure", "--root", str(REPO)],
                             input="", capture_output=True, text=True)       # the editor closes the prompt
    assert aborted.returncode == 1 and "Đã hủy!" in aborted.stderr and "Aborted" not in aborted.stderr


def test_every_click_message_an_editor_can_see_is_translated():
    import ast

    import click

    from site_builder import cli_vi
    found = set()
    for source in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                found |= {a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    assert found
    missing = found - set(cli_vi.MESSAGES) - cli_vi.DEVELOPER_ONLY
    assert not missing, sorted(missing)
