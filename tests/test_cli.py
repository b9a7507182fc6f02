from conftest import SITES, run_portal


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
