"""The compliance engine: profiles by date, configuration, outputs, the public report."""

from __future__ import annotations

import csv
import datetime as dt
import inspect
import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from site_builder.check import check
from site_builder.compliance import ProfileError, select_profile
from site_builder.compliance.registry import CHECKS, load_not_checked, load_rules
from site_builder.compliance.workdays import WorkCalendar

from conftest import REPO, SITES, run_portal

BASE = SITES / "compliance"


@pytest.mark.parametrize("day, expected", [
    ("2007-01-01", "it-law-2006"), ("2011-09-30", "it-law-2006"), ("2011-10-01", "decree-43-2011"),
    ("2022-08-14", "decree-43-2011"), ("2022-08-15", "decree-42-2022"), ("2026-06-30", "decree-42-2022"),
    ("2026-07-01", "digital-transformation-2026"), ("2030-01-01", "digital-transformation-2026"),
])
def test_profile_boundaries(day, expected):
    profile, forced = select_profile(dt.date.fromisoformat(day), None)
    assert (profile.id, forced) == (expected, False)


def test_no_profile_before_the_it_law_is_a_usage_error():
    with pytest.raises(ProfileError):
        select_profile(dt.date(2006, 12, 31), None)
    result = run_portal("check", "--root", str(BASE), "--as-of", "2006-12-31")
    assert result.returncode == 2 and "Luật CNTT 2006" in result.stderr


def test_unknown_profile_suggests_the_right_one():
    result = run_portal("check", "--root", str(BASE), "--profile", "decree-42")
    assert result.returncode == 2 and "decree-42-2022" in result.stderr


def test_registry_and_checks_match_and_are_documented():
    rules = load_rules()
    # Every rule names a registered check with the parameters it takes; every check serves a rule.
    assert {r.check for r in rules.values()} == set(CHECKS)
    for rule in rules.values():
        inspect.signature(CHECKS[rule.check]).bind(None, **rule.params)
        assert rule.citation and rule.description and rule.title
        assert rule.confidence in ("C", "C2", "R")
        assert rule.applies_to and rule.category
        if rule.confidence == "R":
            assert rule.default_severity == "warning"
    ids = {item["id"] for item in load_not_checked()}
    assert not ids & set(rules)


def test_sample_passes_strict_under_its_date_and_the_2008_basis():
    by_date = run_portal("check", "--strict")
    assert by_date.returncode == 0, by_date.stdout + by_date.stderr
    assert "decree-42-2022" in by_date.stdout
    legacy = run_portal("check", "--strict", "--profile", "it-law-2006")
    assert legacy.returncode == 0, legacy.stdout + legacy.stderr


def test_json_output(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(BASE, root)
    page = root / "procedures" / "ho-tich" / "dang-ky-khai-tu.yml"
    page.write_text(page.read_text(encoding="utf-8").replace('    responsible: "Công chức Tư pháp - Hộ tịch"\n', ""),
                    encoding="utf-8")
    result = run_portal("check", "--root", str(root), "--as-of", "2024-12-31", "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["profile"] == "decree-42-2022"
    [item] = data["problems"]
    assert item["rule"] == "ITL-28-2c"
    assert item["citation"] == "Luật CNTT 2006, Điều 28 khoản 2 điểm c"
    assert item["severity"] == "error"
    assert item["file"] == "procedures/ho-tich/dang-ky-khai-tu.yml" and item["line"] == 13
    assert item["message"].startswith("Bước 2 chưa ghi người chịu trách nhiệm")
    # Every finding carries its state; the failing one names its rule, entity and location.
    states = {f["state"] for f in data["findings"]}
    assert states == {"met", "not_met"}
    [gap] = [f for f in data["findings"] if f["state"] == "not_met"]
    assert gap["rules"] == ["ITL-28-2c"] and gap["entity"] == "procedures/ho-tich/dang-ky-khai-tu.yml"
    assert (gap["file"], gap["line"], gap["part"]) == (item["file"], 13, "1")
    assert data["score"]["not_met"] == 1 and data["score"]["met"] == data["score"]["total"] - 1


def _with_config(tmp_path, text: str):
    root = tmp_path / "site"
    shutil.copytree(BASE, root)
    (root / "content" / "compliance.yml").write_text(text, encoding="utf-8")
    page = root / "procedures" / "ho-tich" / "dang-ky-khai-tu.yml"
    page.write_text(page.read_text(encoding="utf-8").replace('    responsible: "Công chức Tư pháp - Hộ tịch"\n', ""),
                    encoding="utf-8")
    return check(root, dt.date(2024, 12, 31))


def test_severity_override_and_off(tmp_path):
    warned = _with_config(tmp_path, "severity: {ITL-28-2c: warning}\n")
    assert [(p.code, p.severity) for p in warned.report.problems] == [("ITL-28-2c", "warning")]
    shutil.rmtree(tmp_path / "site")
    off = _with_config(tmp_path, "severity: {ITL-28-2c: 'off'}\n")
    assert off.report.problems == []


def test_exemptions_are_reported_not_hidden(tmp_path):
    checked = _with_config(tmp_path, "exemptions:\n  - rule: ITL-28-2c\n    paths: ['procedures/*']\n"
                                     "    reason: 'Chưa xác định người chịu trách nhiệm'\n    until: 2025-06-30\n")
    assert checked.report.problems == []
    [finding] = checked.compliance.by_state("exempted")
    assert finding.rule.id == "ITL-28-2c" and finding.exemption.reason == "Chưa xác định người chịu trách nhiệm"


def test_an_exemption_needs_an_end_date_and_a_target(tmp_path):
    checked = _with_config(tmp_path, "exemptions:\n  - rule: ITL-28-2c\n    paths: ['procedures/*']\n"
                                     "    reason: 'Không hạn'\n  - paths: ['procedures/*']\n    reason: 'Không đích'\n"
                                     "    until: 2025-06-30\n")
    messages = [p.message for p in checked.report.problems if p.path == "content/compliance.yml"]
    assert any("until" in m for m in messages) and any("rule" in m and "aspect" in m for m in messages), messages


def test_expired_exemption_and_unknown_rule_are_reported(tmp_path):
    checked = _with_config(tmp_path, "severity: {ITL-28-2x: warning}\nexemptions:\n  - rule: ITL-28-2c\n"
                                     "    paths: ['procedures/*']\n    reason: 'Tạm thời'\n    until: 2024-06-30\n")
    codes = {(p.code, p.severity) for p in checked.report.problems}
    assert ("ITL-28-2c", "error") in codes
    assert ("COMPLIANCE-EXEMPTION", "warning") in codes
    unknown = [p for p in checked.report.problems if p.code == "COMPLIANCE-CONFIG"]
    assert unknown and "Có phải ý bạn là 'ITL-28-2" in unknown[0].hint


def test_unconfirmed_rules_never_fail_a_build(tmp_path):
    checked = _with_config(tmp_path, "severity: {DOMAIN: error}\n")
    agency = (tmp_path / "site" / "content" / "agencies" / "so-tu-phap.yml")
    agency.write_text(
        agency.read_text(encoding="utf-8").replace("dao.dt@thunghiem.gov.vn", "dao@gmail.com"), encoding="utf-8"
    )
    checked = check(tmp_path / "site", dt.date(2024, 12, 31))
    assert ("DOMAIN", "warning") in {(p.code, p.severity) for p in checked.report.problems}


def test_working_days_skip_tet_and_weekends():
    cal = WorkCalendar()
    # Tết Giáp Thìn 2024: 08–14/02 are holidays, 10–11/02 a weekend.
    assert cal.add(dt.date(2024, 2, 7), 1) == dt.date(2024, 2, 15)
    assert cal.between(dt.date(2024, 2, 7), dt.date(2024, 2, 16)) == 2
    # 30/4 and 1/5 2024 with the substitute day off on 29/4.
    assert cal.add(dt.date(2024, 4, 26), 1) == dt.date(2024, 5, 2)


def test_public_report_and_rules_page(sample_site):
    report = (sample_site / "bao-cao-tuan-thu" / "index.html").read_text(encoding="utf-8")
    assert "Báo cáo mức độ cung cấp thông tin theo quy định" in report
    assert "decree-42-2022" in report and "Miễn trừ có lý do" in report and "Chưa đạt" in report
    svg = ET.parse(sample_site / "bao-cao-tuan-thu" / "bieu-do.svg").getroot()
    assert svg.get("role") == "img" and svg.find("{http://www.w3.org/2000/svg}title") is not None
    with open(sample_site / "bao-cao-tuan-thu" / "bao-cao.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and {"ma_don_vi", "ty_le_phan_tram", "so_thieu"} <= set(rows[0])
    assert any(r["ma_don_vi"] == "so-tu-phap" for r in rows)
    # The headline and the scorecard count only met requirements; exempted ones are listed apart.
    from site_builder.compliance.findings import score
    counts = score(check(REPO).compliance.requirements)
    assert counts["exempted"] > 0 and counts["met"] < counts["total"]
    share = 100 * counts["met"] / counts["total"]
    assert f"<strong>{counts['met']}</strong> ({share:.1f}%)".replace(".", ",") in report
    assert re.search(rf"<td[^>]*>Miễn trừ có lý do</td>\n<td[^>]*>{counts['exempted']}</td>", report)
    portal = [r for r in rows if r["nhom_yeu_cau"] == "Tổng"]
    assert sum(int(r["so_dat"]) for r in portal) == counts["met"]
    assert sum(int(r["so_yeu_cau"]) for r in portal) == counts["total"]
    assert sum(int(r["so_mien_tru"]) for r in portal) == counts["exempted"]
    rules_page = (sample_site / "bao-cao-tuan-thu" / "quy-tac" / "index.html").read_text(encoding="utf-8")
    for rule_id in load_rules():
        assert re.search(rf"<td[^>]*>{re.escape(rule_id)}</td>", rules_page), rule_id


def test_a_report_page_per_agency_with_its_gaps(sample_site):
    """The report's table links each agency to its own page: what it lacks, what is exempted."""
    report = (sample_site / "bao-cao-tuan-thu" / "index.html").read_text(encoding="utf-8")
    agencies = sorted(p.stem for p in (REPO / "content" / "agencies").glob("*.yml"))
    assert agencies
    for slug in agencies:
        page = sample_site / "bao-cao-tuan-thu" / "co-quan" / slug / "index.html"
        html = page.read_text(encoding="utf-8")
        assert "Mức độ cung cấp thông tin:" in html and "Chưa đạt" in html and "Miễn trừ có lý do" in html
        assert f'href="co-quan/{slug}/"' in report, slug
