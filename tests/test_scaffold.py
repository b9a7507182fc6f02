"""`portal new` writes a valid, commented file from the essentials, refuses bad
values with the list of valid ones, and never overwrites a file."""

from __future__ import annotations

import shutil

import pytest

from site_builder.check import check
from site_builder.compliance.registry import load_rules

from conftest import REPO, run_portal

CASES = {
    "procedure": (["--name", "Thủ tục cấp bản sao trích lục hộ tịch", "--sector", "ho-tich", "--level", "xa",
                   "--agency", "ubnd-cap-xa", "--code", "2.999635", "--slug", "vi-du-ban-sao"],
                  "procedures/ho-tich/vi-du-ban-sao.yml", "/thu-tuc/vi-du-ban-sao/"),
    "document": (["--number", "15/2024/QĐ-UBND", "--type", "quyet-dinh", "--issuer", "ubnd-tinh-yen-bai",
                  "--issued", "2024-05-02", "--abstract", "Quy định ví dụ"],
                 "policies/2024/quyet-dinh-15-2024-qd-ubnd.md", "/van-ban/2024/quyet-dinh-15-2024-qd-ubnd/"),
    "agency": (["--name", "Phòng Tư pháp huyện Ví Dụ", "--level", "huyen", "--parent", "so-tu-phap",
                "--email", "ptp@vidu.yenbai.gov.vn"], "content/agencies/phong-tu-phap-huyen-vi-du.yml",
               "/co-quan/phong-tu-phap-huyen-vi-du/"),
    "page": (["--title", "Hướng dẫn nộp hồ sơ qua bưu điện", "--section", "huong-dan"],
             "content/pages/huong-dan-nop-ho-so-qua-buu-dien.md", "/huong-dan/nop-ho-so-qua-buu-dien/"),
}


@pytest.fixture
def root(tmp_path):
    for name in ("content", "procedures", "policies"):
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path


@pytest.mark.parametrize("kind", CASES)
def test_new_file_is_valid_and_the_law_lists_what_is_missing(root, kind):
    args, rel, url = CASES[kind]
    result = run_portal("new", kind, "--root", str(root), "--no-input", *args)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Đã tạo {rel}" in result.stdout and url in result.stdout
    text = (root / rel).read_text(encoding="utf-8")
    if rel.endswith(".yml"):
        assert text.startswith("# yaml-language-server: $schema=../../schemas/")
    assert "#" in text                                       # the optional fields are there, commented
    checked = check(root)
    own = [p for p in checked.report.problems if p.path == rel]
    rules = load_rules()
    structural = [p for p in own if p.code not in rules]
    assert not structural, [p.format() for p in structural]  # shape and references are right
    if kind == "procedure":
        assert {"D63-08-2b", "D63-15-1"} <= {p.code for p in own}   # steps, legal basis: the law asks for them


def test_bad_values_are_refused_with_the_valid_ones(root):
    result = run_portal("new", "procedure", "--root", str(root), "--no-input", "--name", "X", "--sector", "khong-co",
                        "--level", "xa")
    assert result.returncode == 2 and "Không có lĩnh vực 'khong-co'" in result.stderr and "ho-tich" in result.stderr
    result = run_portal("new", "document", "--root", str(root), "--no-input", "--number", "15/QĐ", "--type",
                        "quyet-dinh", "--issuer", "ubnd-tinh-yen-bai", "--issued", "2024-05-02", "--abstract", "x")
    assert result.returncode == 2 and "Nghị định 30/2020/NĐ-CP" in result.stderr
    result = run_portal("new", "page", "--root", str(root), "--no-input")
    assert result.returncode == 2 and "Thiếu --title" in result.stderr
    result = run_portal("new", "procedure", "--root", str(root), "--no-input", "--name", "Y", "--sector", "ho-tich",
                        "--level", "xa", "--code", "1.001193")
    assert result.returncode == 2 and "đã có ở procedures/ho-tich/dang-ky-khai-sinh.yml" in result.stderr
    assert not list((root / "procedures").glob("*/x.yml")) and not list((root / "procedures").glob("*/y.yml"))


def test_never_overwrites(root):
    existing = root / "procedures/ho-tich/dang-ky-khai-sinh.yml"
    before = existing.read_bytes()
    result = run_portal("new", "procedure", "--root", str(root), "--no-input", "--name", "Thủ tục đăng ký khai sinh",
                        "--sector", "ho-tich", "--level", "xa")
    assert result.returncode == 2 and "Đã có tệp procedures/ho-tich/dang-ky-khai-sinh.yml" in result.stderr
    assert existing.read_bytes() == before


def test_prompts_for_what_is_missing(root):
    import subprocess
    import sys
    from pathlib import Path
    portal = Path(sys.executable).parent / "portal"
    result = subprocess.run([str(portal), "new", "agency", "--root", str(root)], input="Phòng Văn hóa ví "
                                                                                       "dụ\nhuyen\n\n\n",
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (root / "content/agencies/phong-van-hoa-vi-du.yml").is_file()
