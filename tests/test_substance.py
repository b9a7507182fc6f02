"""Legal checks verify substance: an empty or placeholder page, a form that is not a document, a
contact who is a post, a document with no official text each fail; findings are one per fact."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import zipfile

import pytest

from site_builder.check import check
from site_builder.compliance.registry import load_rules
from site_builder.compliance.substance import placeholder

from conftest import REPO, SITES, run_portal

BASE = SITES / "compliance"
PROFILES = {"it-law-2006": dt.date(2010, 12, 1), "decree-43-2011": dt.date(2020, 1, 1),
            "decree-42-2022": dt.date(2024, 12, 31), "digital-transformation-2026": dt.date(2026, 11, 26)}
PR = "procedures/ho-tich/dang-ky-khai-tu.yml"
AG = "content/agencies/so-tu-phap.yml"
LAW = "policies/2006/luat-cntt.md"


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(BASE, root)
    return root


def _edit(root, rel, old, new):
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _not_met(root, profile="decree-42-2022"):
    checked = check(root, PROFILES[profile], profile)
    return checked, checked.compliance.by_state("not_met")


def _empty(root, rel):
    path = root / rel
    text = path.read_text(encoding="utf-8")
    head, _, _ = text.partition("\n---\n")
    path.write_text(head + "\n---\n.\n", encoding="utf-8")


def _required_pages():
    """(profile, page, rules) for every page a profile requires, from the untouched fixture."""
    out = []
    for profile, day in PROFILES.items():
        for req in check(BASE, day, profile).compliance.requirements:
            if req.aspect == "content" and req.primary.path.startswith("content/pages/"):
                out.append((profile, req.primary.path, frozenset(r.id for r in req.rules)))
    return out


REQUIRED = _required_pages()


def test_every_required_page_is_checked_somewhere():
    pages = {page for _, page, _ in REQUIRED}
    assert pages == {f"content/pages/{p.name}" for p in (BASE / "content" / "pages").glob("*.md")}


@pytest.mark.parametrize("profile, page, rules", REQUIRED, ids=lambda v: v if isinstance(v, str) else "")
def test_emptying_a_required_page_fails_with_its_rules(site, profile, page, rules):
    _empty(site, page)
    checked, failing = _not_met(site, profile)
    [gap] = [r for r in failing if r.primary.path == page and r.aspect == "content"]
    assert {r.id for r in gap.failing_rules} == rules
    [problem] = [p for p in checked.report.problems if p.path == page and p.code == gap.rule.id
                 and "giữ chỗ" in p.message]
    for rule in gap.failing_rules:
        assert rule.citation in problem.message


def test_portal_check_strict_fails_on_an_emptied_sample_page(tmp_path):
    root = tmp_path / "portal"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "build",
                                                                "tests", "bench", "docs", "*.egg-info"))
    _empty(root, "content/pages/bao-cao-tai-chinh.md")
    result = run_portal("check", "--strict", "--root", str(root))
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    lines = [x for x in out.splitlines() if x.startswith("content/pages/bao-cao-tai-chinh.md:")]
    assert any("[LATI-19-1e]" in x and "giữ chỗ" in x and "Điều 19 khoản 1 điểm e" in x for x in lines), lines
    assert "Traceback" not in out


@pytest.mark.parametrize("line", [
    "Nội dung đang được cập nhật.", "Ảnh bản đồ sẽ được bổ sung.", "| Báo cáo năm 2024 | Cần bổ sung tệp báo cáo |",
    "Lorem ipsum dolor sit amet.", "Điện thoại: (0216) 0000 012", "TODO: viết trang", "…", "Coming soon",
    "Văn bản chương trình cần được bổ sung.", "Số liệu cập nhật sau.",
])
def test_placeholders_are_recognised(line):
    assert placeholder("Đoạn đầu có nội dung thật.\n\n" + line) is not None


@pytest.mark.parametrize("line", [
    "Nếu hồ sơ chưa đầy đủ, cơ quan tiếp nhận thông báo một lần nội dung cần bổ sung, hoàn thiện.",
    "Điện thoại: 0216 3852 123; năm 2000 có 10000 hộ.", "Tổng đài 112, 113, 114, 115.",
])
def test_real_sentences_are_not_placeholders(line):
    assert placeholder(line) is None


@pytest.mark.parametrize("page, old, new, aspect", [
    ("content/pages/tai-chinh.md", "| Thu ngân sách | 1.200 | 1.250 |", "| Thu ngân sách | Cần bổ sung | |", "content"),
    ("content/pages/tai-chinh.md", "| Chi thường xuyên | 900 | 880 |\n| Chi đầu tư | 300 | 290 |\n", "",
     "content:figures"),
    ("content/pages/thong-ke.md", "## Số liệu năm 2025", "## Số liệu", "content:period"),
    ("content/pages/lanh-dao.md", "Ông Nguyễn Văn An, ", "", "content:people"),
    ("content/pages/quy-hoach.md", "[Quyết định phê duyệt quy hoạch tỉnh](/van-ban/tep/quy-hoach.pdf)", "",
     "content:document"),
    ("content/pages/danh-muc-cong-khai.md", "| Báo cáo tài chính năm | Mục Công khai | Tệp báo cáo | 5 năm |\n", "",
     "content:table"),
    ("content/pages/lien-he.md", "Điện thoại: 0216 3852 101. ", "Điện thoại: 0216 0000 101. ", "content"),
])
def test_contracts_ask_for_substance(site, page, old, new, aspect):
    _edit(site, page, old, new)
    special = {"lanh-dao": "digital-transformation-2026", "lien-he": "decree-43-2011"}
    profile = special.get(page[14:-3], "decree-42-2022")
    _, failing = _not_met(site, profile)
    assert {r.primary.path for r in failing} == {page} and aspect in {r.aspect for r in failing}


def test_the_map_needs_a_map_and_communes(site):
    _edit(site, "content/pages/ban-do.md", "![Bản đồ hành chính tỉnh Thử Nghiệm đến cấp xã](/ban-do-thu-nghiem.svg)",
          "Bản đồ đặt tại trụ sở.")
    _edit(site, "content/pages/ban-do.md", "- Xã Thử Minh\n- Xã Thử Nam\n", "")
    _, failing = _not_met(site, "digital-transformation-2026")
    assert {r.aspect for r in failing} == {"content:map", "content:units"}


def _docx(path, member="word/document.xml"):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(member, "<w:document/>")


@pytest.mark.parametrize("name, make, words", [
    ("to-khai.txt", lambda p: p.write_text("Tờ khai\n"), "không phải loại văn bản"),
    ("to-khai.pdf", lambda p: p.write_bytes(b"<html>not a pdf</html>"), "không phải tệp PDF"),
    ("to-khai.docx", lambda p: _docx(p, "content.xml"), "không phải tệp Word"),
    ("to-khai.doc", lambda p: p.write_bytes(b""), "rỗng"),
    ("to-khai.pdf", lambda p: (p.write_bytes(b"%PDF-1.4\n"), os.truncate(p, 21 * 1024 * 1024)), "quá lớn"),
])
def test_a_form_must_be_a_real_document(site, name, make, words):
    (site / "content/forms/ho-tich/to-khai.docx").unlink()
    make(site / "content/forms/ho-tich" / name)
    _edit(site, PR, "content/forms/ho-tich/to-khai.docx", f"content/forms/ho-tich/{name}")
    checked, failing = _not_met(site)
    [gap] = failing
    assert gap.aspect == "form" and {r.id for r in gap.failing_rules} == {"D63-08-2h"}
    assert words in gap.primary.message
    # Both rules that ask for the form, one finding naming both.
    _, failing = _not_met(site, "decree-43-2011")
    [gap] = failing
    assert {r.id for r in gap.failing_rules} == {"D63-08-2h", "D43-18/19"}


def test_a_named_form_needs_a_file(site):
    _edit(site, PR, '        form: "content/forms/ho-tich/to-khai.docx"\n', "")
    (site / "content/forms/ho-tich/to-khai.docx").unlink()
    _, failing = _not_met(site)
    assert [(r.aspect, r.primary.message) for r in failing] == [("form", "Mẫu 'Mẫu tờ khai' chưa có tệp để tải về.")]


@pytest.mark.parametrize("source, ok", [
    ("https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=1", True),
    ("https://congbao.chinhphu.vn/noi-dung-van-ban-so-1", True),
    ("https://thuvienphapluat.vn/van-ban/luat-cntt.aspx", False),
    (None, False),
])
def test_a_document_links_its_official_text(site, source, ok):
    _edit(site, LAW, 'file: "content/files/luat-cntt.pdf"\n', f'source_url: "{source}"\n' if source else "")
    _, failing = _not_met(site)
    assert [r.aspect for r in failing] == ([] if ok else ["official_text"])


def test_an_original_file_that_is_not_a_pdf_is_no_official_text(site):
    (site / "content/files/luat-cntt.pdf").write_bytes(b"plain text")
    _, failing = _not_met(site)
    [gap] = failing
    assert gap.aspect == "official_text" and "không phải tệp PDF" in gap.primary.message


@pytest.mark.parametrize("old, new, aspect", [
    ('  - name: "Đỗ Thị Đào"', '  - name: "Văn phòng Sở Tư pháp"', "contact_person"),
    ('  - name: "Đỗ Thị Đào"', '  - name: "Giám đốc Sở"', "contact_person"),
    ('phone: "0216 3852 103"', 'phone: "0216 0000 003"', "contact_details"),
])
def test_contacts_are_named_people_with_real_details(site, old, new, aspect):
    _edit(site, AG, old, new)
    _, failing = _not_met(site)
    assert aspect in {r.aspect for r in failing}


def test_an_expired_legal_basis_names_its_replacement(site):
    _edit(site, PR, '  - number: "64/2007/NĐ-CP"\n', '  - number: "90/2006/NĐ-CP"\n')
    _, failing = _not_met(site)
    [gap] = failing
    assert gap.rule.id == "VBPL-BASIS" and "thay bằng 64/2007/NĐ-CP" in gap.primary.message


def test_an_exemption_by_kind_covers_a_fact_once_across_rules(site):
    (site / "content/forms/ho-tich/to-khai.docx").unlink()
    _edit(site, PR, '        form: "content/forms/ho-tich/to-khai.docx"\n', "")
    (site / "content/compliance.yml").write_text(
        "exemptions:\n  - aspect: form\n    paths: ['procedures/ho-tich/*']\n"
        "    reason: 'Phụ lục mẫu chính thức chưa có'\n    until: 2027-01-01\n", encoding="utf-8")
    checked = check(site, PROFILES["decree-43-2011"], "decree-43-2011")
    assert checked.report.problems == []
    [gap] = checked.compliance.by_state("exempted")
    assert {r.id for r in gap.failing_rules} == {"D63-08-2h", "D43-18/19"}
    assert sum(r.state != "met" for r in checked.compliance.requirements) == 1


def test_an_empty_page_can_never_be_exempted(site):
    _empty(site, "content/pages/tai-chinh.md")
    (site / "content/compliance.yml").write_text(
        "exemptions:\n  - rule: LATI-19-1e\n    paths: ['content/pages/*']\n    reason: 'Chưa có'\n"
        "    until: 2027-01-01\n  - aspect: content\n    paths: ['content/pages/*']\n    reason: 'Chưa có'\n"
        "    until: 2027-01-01\n", encoding="utf-8")
    checked, failing = _not_met(site)
    assert "content" in {r.aspect for r in failing}
    assert any(p.code == "COMPLIANCE-CONFIG" and p.line == 6 for p in checked.report.problems)


def test_archive_rule_fires_on_a_deleted_file(site):
    def git(*args):
        subprocess.run(["git", *args], cwd=site, check=True, capture_output=True,
                       env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                            "GIT_COMMITTER_EMAIL": "t@t", "GIT_AUTHOR_DATE": "2020-01-01T00:00:00",
                            "GIT_COMMITTER_DATE": "2020-01-01T00:00:00"})
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "nội dung")
    checked, failing = _not_met(site, "decree-43-2011")
    kept = [r for r in checked.compliance.requirements if "D43-17-2" in {x.id for x in r.rules}]
    assert kept and all(r.state == "met" for r in kept)        # the expired document keeps its page
    (site / "policies/2006/nghi-dinh-cu.md").unlink()
    _edit(site, "policies/2007/nghi-dinh-64-2007.md",
          '  - {type: replaces, target: "90/2006/NĐ-CP", date: 2007-05-18}\n', "")
    git("commit", "-qam", "xóa văn bản cũ")
    checked, failing = _not_met(site, "decree-43-2011")
    [gap] = [r for r in failing if r.rule.id == "D43-17-2"]
    assert gap.primary.path == "policies/2006/nghi-dinh-cu.md" and "không còn tra cứu được" in gap.primary.message


def test_unconfirmed_periods_only_warn():
    rules = load_rules()
    assert rules["TT32-16"].severity_on(dt.date(2024, 4, 4)) == "error"
    assert rules["TT32-16"].severity_on(dt.date(2024, 4, 5)) == "warning"
    assert rules["TT24-DC"].severity_on(dt.date(2022, 8, 15)) == "warning"
    assert rules["DOMAIN"].source == "34/2008/CT-TTg"


# Rules the sample gives nothing to evaluate, and why. Every other rule must produce outcomes on the
# sample under a profile it belongs to (a rule that never runs on real content hides its gaps).
NOT_ON_SAMPLE = {
    "D64-16": "Cổng mẫu không có thông báo tạm ngừng (maintenance_notices).",
    "D224-13": "Cổng mẫu không có thông báo tạm ngừng (maintenance_notices).",
    "D64-19-2": "Cổng mẫu chưa có tệp biểu mẫu nào (chưa có bản chính thức: miễn trừ 'form').",
    "D63-15": "Chưa có quyết định công bố thủ tục nào của tỉnh (miễn trừ 'publication_decision').",
}


def test_every_rule_is_evaluated_on_the_sample():
    evaluated = set()
    for profile, day in PROFILES.items():
        for when in (day, dt.date(2024, 12, 31)):          # in the profile's period, and the sample's as-of date
            evaluated |= {o.rule for o in check(REPO, when, profile).compliance.outcomes}
    rules = set(load_rules())
    assert rules - evaluated == set(NOT_ON_SAMPLE), sorted(rules - evaluated)
