"""`portal report`: the directive's periodic report from a fixture repository whose commits fall in
two periods (2024-H1, 2024-H2) and after them, with numbers known in advance."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

PORTAL = str(Path(sys.executable).parent / "portal")
KHAI_TU = "procedures/ho-tich/dang-ky-khai-tu.yml"


def git(root: Path, *args: str, day: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.vn", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.vn"}
    if day:
        env |= {"GIT_AUTHOR_DATE": f"{day}T10:00:00+07:00", "GIT_COMMITTER_DATE": f"{day}T10:00:00+07:00"}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


def own_document(root: Path, slug: str, number: str, issued: str) -> None:
    path = root / "policies" / "2024" / f"{slug}.md"
    path.write_text(f'---\nnumber: "{number}"\ntype: quyet-dinh\nissuer: ubnd-tinh-yen-bai\nissued: {issued}\n'
                    f'status: in_force\nabstract: "Quyết định thử {slug}"\n'
                    'source_url: "https://vbpl.vn/yenbai/Pages/vbpq-toanvan.aspx?ItemID=1"\n---\nNội dung.\n',
                    encoding="utf-8")


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    """2023-12-15 the portal; 2024-03-10 (H1) a procedure added, a page edited; 2024-09-05 (H2) a
    procedure added and one amended, two of the province's documents (one late, one on time);
    2025-01-10 (after both) another procedure, which the 2024 reports must not see."""
    root = tmp_path_factory.mktemp("report") / "portal"
    shutil.copytree(REPO / "tests/fixtures/sites/full", root, ignore=shutil.ignore_patterns("build", "site"))
    cfg = root / "content/portal.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "own_issuers: [ubnd-tinh-yen-bai]\n", encoding="utf-8")
    (root / "content/compliance.yml").write_text("enabled: true\n", encoding="utf-8")
    khai_tu = (root / KHAI_TU).read_text(encoding="utf-8")
    (root / KHAI_TU).unlink()
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "portal", day="2023-12-15")
    (root / KHAI_TU).write_text(khai_tu, encoding="utf-8")
    page = root / "content/pages/hoi-dap.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nCập nhật câu hỏi.\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "H1", day="2024-03-10")
    (root / "procedures/ho-tich/dang-ky-khai-tu-luu-dong.yml").write_text(
        khai_tu.replace('"1.000656"', '"1.000657"').replace("Thủ tục đăng ký khai tử",
                                                            "Thủ tục đăng ký khai tử lưu động"),
        encoding="utf-8")
    land = root / "procedures/dat-dai/dang-ky-dat-dai-lan-dau.yml"
    land.write_text(land.read_text(encoding="utf-8").replace("receiving_address:", "receiving_address:", 1)
                    + "keywords: [\"đất đai\"]\n", encoding="utf-8")
    own_document(root, "quyet-dinh-muon", "101/QĐ-UBND", "2024-08-26")      # 7 working days before 05/09: late
    own_document(root, "quyet-dinh-dung-han", "102/QĐ-UBND", "2024-09-04")  # 1 working day: on time
    git(root, "add", "-A")
    git(root, "commit", "-qm", "H2", day="2024-09-05")
    (root / "procedures/ho-tich/dang-ky-khai-tu-2025.yml").write_text(
        khai_tu.replace('"1.000656"', '"1.000658"').replace("Thủ tục đăng ký khai tử", "Thủ tục đăng ký khai tử 2025"),
        encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "2025", day="2025-01-10")
    return root


def test_the_figures_of_two_periods(history):
    from site_builder.report.history import report_figures
    from site_builder.report.period import Period
    before = git(history, "status", "--porcelain")
    h2, h1 = report_figures(history, Period.parse("2024-H2"))
    assert git(history, "status", "--porcelain") == before          # the working tree is never touched
    assert h2.source.startswith("kho tại commit") and h1.source.startswith("kho tại commit")
    counts = {k: (c.value, c.at_least) for k, c in h2.counts.items()}
    assert counts == {
        "procedures_added": (1, False), "procedures_withdrawn": (0, False),
        # the land procedure (changed in git, updated 30/11) and the one added in H1 (updated 31/12)
        "procedures_amended": (2, False),
        "documents_published": (2, False), "documents_on_time": (1, False), "documents_late": (1, False),
        "pages_updated": (1, False),                                  # lich-su: updated 01/10
    }, counts
    previous = {k: c.value for k, c in h1.counts.items()}
    assert previous == {"procedures_added": 1, "procedures_withdrawn": 0, "procedures_amended": 0,
                        "documents_published": 0, "documents_on_time": 0, "documents_late": 0, "pages_updated": 1}
    # Compliance under the profile in force at the period's end, three states, per agency.
    assert h2.profile == "Nghị định 42/2022/NĐ-CP"
    total = h2.total
    assert total.required == total.met + total.exempted + total.not_met > 0
    assert {r.slug for r in h2.agencies} >= {"", "ubnd-xa", "so-tai-nguyen"}
    assert all(g.agency for g in h2.gaps)


def test_without_the_history_of_a_period_figures_say_so(tmp_path):
    from site_builder.report.figures import compute
    from site_builder.report.period import Period
    root = tmp_path / "portal"
    shutil.copytree(REPO / "tests/fixtures/sites/full", root, ignore=shutil.ignore_patterns("build", "site"))
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "late", day="2026-11-01")
    figures = compute(root, Period.parse("2024-H2"))
    added = figures.counts["procedures_added"]
    assert added.value is None and "lịch sử git bắt đầu từ 01/11/2026" in added.why
    assert figures.counts["procedures_withdrawn"].value == 0       # a content field: known without git


def test_docx_and_pdf_hold_the_header_tables_and_numbers(history, tmp_path):
    from docx import Document
    out = tmp_path / "out"
    run = subprocess.run([PORTAL, "report", "--root", str(history), "--period", "2024-H2", "--out", str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr + run.stdout
    doc = Document(str(out / "bao-cao-cung-cap-thong-tin-2024-h2.docx"))
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1] and "Độc lập - Tự do - Hạnh phúc" in header[1]
    assert "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM" in header[0] and "VĂN PHÒNG ỦY BAN NHÂN DÂN" in header[0]
    assert "Số:" in header[0] and "/BC-" in header[0] and "Thử Nghiệm, ngày" in header[1]
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts
    assert ("Tình hình cung cấp thông tin trên Cổng thông tin điện tử tỉnh 6 tháng cuối năm 2024" in texts)
    assert doc.core_properties.title == ("Báo cáo tình hình cung cấp thông tin trên Cổng thông tin điện tử tỉnh "
                                         "6 tháng cuối năm 2024")
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    changes = next(t for t in doc.tables if t.rows[0].cells[0].text == "Nội dung")
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in changes.rows[1:]}
    assert rows["Thủ tục hành chính được đăng mới"] == ["1", "1", "Không đổi"]
    assert rows["Văn bản của tỉnh đăng quá hạn"] == ["1", "0", "+1"]
    assert rows["Văn bản được đăng"] == ["2", "0", "+2"]
    closing = doc.tables[-1] if not any("PHỤ LỤC" == p.text for p in doc.paragraphs) else None
    assert any("Nơi nhận:" in c.text for t in doc.tables for c in t.rows[0].cells)
    assert any("CHÁNH VĂN PHÒNG" in c.text for t in doc.tables for c in t.rows[0].cells), closing
    runs = {r.font.name for p in doc.paragraphs for r in p.runs if r.text.strip()}
    assert runs == {"Times New Roman"}
    # The PDF: same numbers, A4 pages, the declared fonts (Times New Roman, or its metric twin Liberation Serif).
    pdf = out / "bao-cao-cung-cap-thong-tin-2024-h2.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "BÁO CÁO" in text
    line = next(x for x in text.splitlines() if "Văn bản của tỉnh đăng quá hạn" in x)
    assert line.split()[-3:] == ["1", "0", "+1"], line
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in fonts if line.strip()}
    assert names and all(n.startswith(("LiberationSerif", "TimesNewRoman")) for n in names), names


def test_a_shallow_clone_gives_a_clear_error(history, tmp_path):
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", history.as_uri(), str(shallow)], check=True)
    run = subprocess.run([PORTAL, "report", "--root", str(shallow), "--period", "2024-H2", "--format", "docx",
                          "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert run.returncode == 1
    assert "bản sao nông" in run.stderr and "git fetch --unshallow" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists()


def test_a_badly_written_period_is_refused_in_vietnamese(history):
    run = subprocess.run([PORTAL, "report", "--root", str(history), "--period", "2024-6"], capture_output=True,
                         text=True)
    assert run.returncode != 0 and "2024-H1" in run.stderr and "Traceback" not in run.stderr


def test_the_sample_report(tmp_path):
    run = subprocess.run([PORTAL, "report", "--root", str(REPO), "--period", "2024-H2", "--format", "docx,html",
                          "--out", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "bao-cao-cung-cap-thong-tin-2024-h2.html").read_text(encoding="utf-8")
    assert "Yên Bái, ngày" in html and "dữ liệu mẫu" in html
    assert "Không xác định" in html          # the sample's git history starts after 2024: said, not zero


def test_the_published_reports_are_downloads_on_the_compliance_report(sample_site):
    """content/files/bao-cao/ (written by `portal report --publish`): the yearly report beside the two
    half-year reports, PDF and Word, on the compliance report page."""
    import re
    html = (sample_site / "bao-cao-tuan-thu" / "index.html").read_text(encoding="utf-8")
    row = re.search(r"<tr>\s*<td[^>]*>2024</td>(.*?)</tr>", html, re.S)
    assert row, "no 2024 row in the periodic reports table"
    links = re.findall(r'href="([^"]+)"', row.group(1))
    assert [Path(link).name for link in links] == [
        f"bao-cao-cung-cap-thong-tin-{key}.{ext}" for key in ("2024-h1", "2024-h2", "2024") for ext in ("pdf", "docx")]
    for link in links:
        target = (sample_site / "bao-cao-tuan-thu" / link).resolve()
        assert target.is_file() and target.stat().st_size > 10_000, link
