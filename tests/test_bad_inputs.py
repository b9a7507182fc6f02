"""A catalogue of hostile and careless content, each applied to a copy of the sample
portal and built with the real CLI. Every case must give exit 1, a message naming
the file (and the line where there is one) with a hint, no traceback, no source
file modified, and the previous site/ untouched. What copy and paste from office
documents leaves behind (BOM, CRLF, NFD, invisible characters, non-breaking
spaces) is accepted and normalised; text typed in legacy encodings is flagged."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from conftest import REPO, run_portal

PROC = "procedures/ho-tich/dang-ky-khai-sinh.yml"
DOC = "policies/2015/nghi-dinh-123-2015-nd-cp.md"
DOC2 = "policies/2014/luat-ho-tich-2014.md"


def replace(rel, old, new, count=1):
    def mutate(root: Path):
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return mutate


def write(rel, data: bytes | str):
    def mutate(root: Path):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return mutate


def drop_closing_delimiter(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.remove("---") if lines[0] != "---" else lines.pop(lines.index("---", 1))
    path.write_text("\n".join(lines), encoding="utf-8")


def both(*mutations):
    def mutate(root: Path):
        for m in mutations:
            m(root)
    return mutate


def proc_text() -> str:
    return (REPO / PROC).read_text(encoding="utf-8")


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
    for p, n in zip("abcdefgh", "bcdefghi", strict=False))

# (id, mutation, file named, expected code, line expected?)
CASES = [
    ("tab-indentation", replace(PROC, "\n  - name:", "\n\t- name:"), PROC, "YAML-TAB", True),
    (
        "unclosed-quote",
        replace(PROC, 'name: "Thủ tục đăng ký khai sinh"', 'name: "Thủ tục đăng ký khai sinh'),
        PROC,
        "YAML-SYNTAX",
        True,
    ),
    ("duplicate-key", replace(PROC, "level: xa\n", "level: xa\nlevel: huyen\n"), PROC, "YAML-DUPLICATE-KEY", True),
    ("front-matter-not-closed", lambda root: drop_closing_delimiter(root / DOC), DOC, "FRONT-MATTER-UNCLOSED", True),
    (
        "list-instead-of-mapping",
        replace(PROC, "online_service:", "online_service: [toan_trinh]\nx_old_online_service:"),
        PROC,
        "FIELD-INVALID",
        True,
    ),
    (
        "mapping-file-is-a-list",
        write("procedures/ho-tich/danh-sach.yml", "- a\n- b\n"),
        "procedures/ho-tich/danh-sach.yml",
        "FILE-SHAPE",
        True,
    ),
    ("empty-file", write("procedures/ho-tich/rong.yml", ""), "procedures/ho-tich/rong.yml", "FILE-SHAPE", False),
    (
        "50-MB-file",
        write("procedures/ho-tich/rat-lon.yml", b"name: x\n" + b"# " + b"x" * (50 * 1024 * 1024) + b"\n"),
        "procedures/ho-tich/rat-lon.yml",
        "FILE-TOO-LARGE",
        False,
    ),
    ("alias-bomb", write("procedures/ho-tich/bom.yml", BOMB), "procedures/ho-tich/bom.yml", "YAML-TOO-COMPLEX", True),
    (
        "not-utf-8",
        write(
            "procedures/ho-tich/cp1258.yml", 'name: "Thủ tục"\n'.encode("utf-8").replace("ủ".encode("utf-8"), b"\xfe")
        ),
        "procedures/ho-tich/cp1258.yml",
        "ENCODING",
        False,
    ),
    (
        "utf-16",
        write("procedures/ho-tich/utf16.yml", 'name: "Thủ tục"\n'.encode("utf-16")),
        "procedures/ho-tich/utf16.yml",
        "ENCODING",
        False,
    ),
    (
        "number-with-wrong-year",
        replace(DOC, 'number: "123/2015/NĐ-CP"', 'number: "123/2016/NĐ-CP"'),
        DOC,
        "NUMBER-YEAR",
        True,
    ),
    (
        "effective-before-issued",
        replace(DOC, "effective: 2016-01-01", "effective: 2015-01-01"),
        DOC,
        "DATE-ORDER",
        True,
    ),
    (
        "relation-to-itself",
        replace(
            DOC, "sectors: [ho-tich]", 'sectors: [ho-tich]\nrelations:\n  - {type: amends, target: "123/2015/NĐ-CP"}'
        ),
        DOC,
        "RELATION-SELF",
        True,
    ),
    (
        "relation-cycle",
        both(
            replace(
                DOC, "sectors: [ho-tich]", 'sectors: [ho-tich]\nrelations:\n  - {type: amends, target: "60/2014/QH13"}'
            ),
            replace(DOC2, "\n---\n", '\nrelations:\n  - {type: amends, target: "123/2015/NĐ-CP"}\n---\n'),
        ),
        DOC,
        "RELATION-CYCLE",
        True,
    ),
    (
        "form-path-escaping",
        replace(PROC, "  - items:\n", '  - items:\n      - {name: "Mẫu", form: "../../etc/passwd"}\n'),
        PROC,
        "REF-FORM",
        True,
    ),
    (
        "two-items-one-national-code",
        write(
            "procedures/ho-tich/ban-sao.yml",
            proc_text().replace('name: "Thủ tục đăng ký khai sinh"', 'name: "Thủ tục khác cùng mã"'),
        ),
        PROC,  # names both files
        "DUPLICATE-CODE",
        True,
    ),
    (
        "5000-character-title",
        replace(PROC, 'name: "Thủ tục đăng ký khai sinh"', 'name: "' + "Thủ tục " * 625 + '"'),
        PROC,
        "FIELD-INVALID",
        True,
    ),
    (
        "10000-steps",
        replace(PROC, "steps:\n", "steps:\n" + '  - {name: "Bước"}\n' * 10000),
        PROC,
        "FIELD-INVALID",
        True,
    ),
    (
        "date-as-vietnamese-text",
        replace(PROC, "updated: 2024-12-31", "updated: 31/12/2024"),
        PROC,
        "FIELD-INVALID",
        True,
    ),
    (
        "unknown-field-from-a-typo",
        replace(PROC, "receiving_address:", "recieving_address:"),
        PROC,
        "FIELD-UNKNOWN",
        True,
    ),
    (
        "nul-bytes",
        write("procedures/ho-tich/nul.yml", b"name: x\x00\n"),
        "procedures/ho-tich/nul.yml",
        "ENCODING",
        True,
    ),
]

# Round 2, by class. Each class the hostile-input review found gets cases of its own.
OUTSIDE = Path("/etc/passwd")                      # never to be read, copied or shown


def symlink(rel, target):
    def mutate(root: Path):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target(root) if callable(target) else target)
    return mutate


def outside_yaml(root: Path) -> Path:
    # A valid procedure, but outside the repository.
    away = root.parent / "ngoai-kho"
    away.mkdir(exist_ok=True)
    (away / "thu-tuc.yml").write_text(proc_text().replace('national_code: "1.001193"', 'national_code: "1.999999"'),
                                      encoding="utf-8")
    return away / "thu-tuc.yml"


TCVN3_ADDRESS = 'receiving_address: "Bé phËn Mét cöa ñy ban nh©n d©n cÊp x·"'
VNI_LINE = "Ngöôøi daân noäp hoà sô tröïc tieáp taïi Boä phaän Moät cöûa."
CASES += [
    # nothing from outside the repository: a link is never followed, whatever it points at
    ("symlink-form-to-etc-passwd", both(symlink("content/forms/ho-tich/to-khai.docx", OUTSIDE),
                                        replace(PROC, "  - items:\n", '  - items:\n      - {name: "Tờ khai", form: '
                                                '"content/forms/ho-tich/to-khai.docx"}\n')), PROC, "REF-FORM", True),
    ("symlink-unreferenced-form", symlink("content/forms/ho-tich/passwd.txt", OUTSIDE),
     "content/forms/ho-tich/passwd.txt", "SYMLINK", False),
    ("symlink-content-yaml-outside", symlink("procedures/ho-tich/ngoai.yml", outside_yaml),
     "procedures/ho-tich/ngoai.yml", "SYMLINK", False),
    ("symlink-folder", symlink("policies/2099", lambda root: root.parent), "policies/2099", "SYMLINK", False),
    # depth limits before any recursive walk
    ("yaml-flow-100000-deep", write("procedures/ho-tich/sau.yml", "name: " + "[" * 100_000 + "]" * 100_000 + "\n"),
     "procedures/ho-tich/sau.yml", "YAML-TOO-DEEP", True),
    ("yaml-block-60-deep", write("procedures/ho-tich/sau2.yml", "".join(" " * i + "k:\n" for i in range(60))),
     "procedures/ho-tich/sau2.yml", "YAML-TOO-DEEP", True),
    ("front-matter-deep", replace(DOC, "sectors: [ho-tich]", "sectors: " + "[" * 5000 + "]" * 5000), DOC,
     "YAML-TOO-DEEP", True),
    ("markdown-quotes-100000-deep", replace(DOC, "\n---\n", "\n---\n" + ">" * 100_000 + " x\n"), DOC,
     "MARKDOWN-TOO-DEEP", True),
    ("markdown-lists-1000-deep", replace(DOC, "\n---\n", "\n---\n" + "- " * 1000 + "x\n"), DOC,
     "MARKDOWN-TOO-DEEP", True),
    ("markdown-emphasis-run", replace(DOC, "\n---\n", "\n---\n" + "*" * 5000 + "x" + "*" * 5000 + "\n"), DOC,
     "MARKDOWN-TOO-DEEP", True),
    # addresses are ASCII, lower case and unique
    ("file-name-with-diacritics", write("procedures/ho-tich/đăng-ký-lại.yml", "name: x\n"),
     "procedures/ho-tich/đăng-ký-lại.yml", "SLUG-INVALID", False),
    ("file-name-upper-case", write("content/agencies/So-Tu-Phap-2.yml", "name: x\nlevel: tinh\n"),
     "content/agencies/So-Tu-Phap-2.yml", "SLUG-INVALID", False),
    ("names-differ-by-d", write("procedures/ho-tich/đang-ky-khai-sinh.yml", proc_text().replace(
        'national_code: "1.001193"', 'national_code: "1.999998"')), "procedures/ho-tich/đang-ky-khai-sinh.yml",
     "SLUG-COLLISION", False),
    ("page-address-collision", write("content/pages/contacts.md", "---\ntitle: Contacts\nlang: en\nsection: english\n"
                                     "description: x\nupdated: 2024-12-01\n---\nx\n"), "content/pages/contacts.md",
     "SLUG-COLLISION", False),
    ("form-name-upper-case", write("content/forms/ho-tich/To-Khai.DOCX", b"PK"),
     "content/forms/ho-tich/To-Khai.DOCX", "SLUG-INVALID", False),
    # legacy encodings are errors, with the likely source encoding
    ("tcvn3-in-a-field", replace(PROC, 'receiving_address: "Bộ phận Một cửa Ủy ban nhân dân cấp xã"', TCVN3_ADDRESS),
     PROC, "LEGACY-ENCODING", True),
    ("vni-in-a-body", replace(DOC, "\n---\n", "\n---\n" + VNI_LINE + "\n"), DOC, "LEGACY-ENCODING", True),
    # what the build would silently change is refused (portal build is strict by default)
    ("script-tag", replace(DOC, "\n---\n", "\n---\n<script>alert(1)</script>\n"), DOC, "UNSAFE-HTML", True),
    ("javascript-link", replace(DOC, "\n---\n", "\n---\n[Bấm](javascript:alert(1))\n"), DOC, "UNSAFE-HTML", True),
    ("event-handler", replace(DOC, "\n---\n", '\n---\n<img src="x.png" onerror="alert(1)" alt="x">\n'), DOC,
     "UNSAFE-HTML", True),
    ("iframe", replace(DOC, "\n---\n", '\n---\n<iframe src="https://example.com/"></iframe>\n'), DOC,
     "UNSAFE-HTML", True),
    ("data-url", replace(DOC, "\n---\n", '\n---\n<a href="data:text/html,x">x</a>\n'), DOC, "UNSAFE-HTML", True),
    ("style-attribute", replace(DOC, "\n---\n", '\n---\n<p style="color:red">x</p>\n'), DOC, "UNSAFE-HTML", True),
    ("zero-width-in-a-code", replace(PROC, 'national_code: "1.001193"', 'national_code: "1.001193\u200b"'), PROC,
     "INVISIBLE-CHARACTER", True),
    ("zero-width-in-a-number", replace(DOC, 'number: "123/2015/NĐ-CP"', 'number: "123/2015/\u200bNĐ-CP"'), DOC,
     "INVISIBLE-CHARACTER", True),
    # links are checked at check time, by source file and line
    ("markdown-link-to-no-page", replace(DOC, "\n---\n", "\n---\nXem [thủ tục](/thu-tuc/khong-co-thu-tuc/).\n"),
     DOC, "LINK-BROKEN", True),
    ("relative-link-to-no-page", replace(DOC, "\n---\n", "\n---\nXem [luật](../2014/khong-co.md).\n"), DOC,
     "LINK-BROKEN", True),
    ("link-to-no-anchor", replace(DOC, "\n---\n", "\n---\nXem [mục](/thu-tuc/dang-ky-khai-sinh/#khong-co-muc).\n"),
     DOC, "LINK-BROKEN", True),
    # dates after the as-of date
    ("updated-after-as-of", replace(PROC, "updated: 2024-12-31", "updated: 2099-01-01"), PROC, "DATE-FUTURE", True),
    ("issued-after-as-of", both(replace(DOC, "issued: 2015-11-15", "issued: 2025-11-15"),
                                replace(DOC, 'number: "123/2015/NĐ-CP"', 'number: "123/2025/NĐ-CP"')),
     DOC, "DATE-FUTURE", True),
]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample sources, and a site built from them once: every case must leave it as it is."""
    base = tmp_path_factory.mktemp("bad")
    src = base / "src"
    for name in ("content", "procedures", "policies"):
        shutil.copytree(REPO / name, src / name)
    site, index = base / "site", base / "search-index"
    result = run_portal("build", "--root", str(src), "--site-dir", str(site), "--index-dir", str(index))
    assert result.returncode == 0, result.stdout + result.stderr
    return src, site, index, (hashes(site), os.readlink(index / "current"))


def hashes(root: Path, sources: bool = False) -> dict[str, str]:
    """Content of every file, and the target of every link (links are recorded, never followed).
    For a portal's sources, build/ is left out: it holds the build's caches, not content."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        if sources and Path(dirpath) == root and "build" in dirnames:
            dirnames.remove("build")
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                out[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.mark.parametrize("case,mutate,rel,code,with_line", CASES, ids=[c[0] for c in CASES])
def test_bad_input(sample, tmp_path, case, mutate, rel, code, with_line):
    src, site, index, release_before = sample
    root = tmp_path / "portal"
    for name in ("content", "procedures", "policies"):
        shutil.copytree(src / name, root / name)
    mutate(root)
    sources_before = hashes(root, sources=True)
    result = run_portal("build", "--root", str(root), "--site-dir", str(site), "--index-dir", str(index))
    out = result.stdout + result.stderr
    assert result.returncode == 1, out[-2000:]
    assert "Traceback" not in out and "root:x:0:0" not in out      # nothing outside is ever shown
    lines = [line for line in out.splitlines() if line.startswith(f"{rel}:") and f"[{code}]" in line]
    assert lines, out[-3000:]
    if with_line:
        assert lines[0].split(":")[1].isdigit(), lines[0]
    hint = out.splitlines()[out.splitlines().index(lines[0]) + 1]
    assert hint.startswith("    gợi ý: ") and len(hint) > 20
    assert VIETNAMESE_LETTERS.search(lines[0]) and VIETNAMESE_LETTERS.search(hint), (lines[0], hint)
    prose = re.sub(r"'[^']*'|“[^”]*”|`[^`]*`|\S+\.(?:yml|md|docx)\b", "", lines[0].split("] ", 1)[1] + hint)
    assert not ENGLISH.search(prose), (lines[0], hint)                 # field names and values aside
    assert hashes(root, sources=True) == sources_before            # sources are only read
    assert (hashes(site), os.readlink(index / "current")) == release_before    # the previous release is intact
    assert not (site / "bieu-mau" / "tep" / "ho-tich" / "passwd.txt").exists()


VIETNAMESE_LETTERS = re.compile("[ăâđêôơưàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]", re.I)
ENGLISH = re.compile(r"\b(should|must|the|is not|value error|list|string|input|field required|invalid)\b", re.I)


# What copy and paste from office files leaves that changes nothing a citizen reads: accepted by the
# strict build, normalised in memory, the file never rewritten.
BENIGN = [
    ("bom-crlf-nfd", lambda t: "\ufeff" + unicodedata.normalize("NFD", t).replace("\n", "\r\n")),
    ("non-breaking-spaces", lambda t: t.replace('name: "Thủ tục', 'name: "Thủ\u00a0tục')),
]


@pytest.mark.parametrize("case,transform", BENIGN, ids=[c[0] for c in BENIGN])
def test_what_office_paste_leaves_is_accepted_and_normalised(sample, tmp_path, case, transform):
    src = sample[0]
    root = tmp_path / "portal"
    for name in ("content", "procedures", "policies"):
        shutil.copytree(src / name, root / name)
    path = root / PROC
    path.write_bytes(transform(path.read_text(encoding="utf-8")).encode("utf-8"))
    before = path.read_bytes()
    site = tmp_path / "site"
    result = run_portal("build", "--root", str(root), "--site-dir", str(site), "--no-index")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (site / "thu-tuc" / "dang-ky-khai-sinh" / "index.html").read_text(encoding="utf-8")
    assert "Thủ tục đăng ký khai sinh" in page and "1.001193" in page
    assert path.read_bytes() == before


def test_invisible_characters_are_dropped_from_the_preview_with_a_warning(sample, tmp_path):
    """Outside --strict (the preview, `portal generate`), a zero-width character is dropped and named."""
    src = sample[0]
    root = tmp_path / "portal"
    for name in ("content", "procedures", "policies"):
        shutil.copytree(src / name, root / name)
    replace(PROC, 'national_code: "1.001193"', 'national_code: "1.001193\u200b"')(root)
    result = run_portal("generate", "--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{PROC}:2: warning [INVISIBLE-CHARACTER]" in result.stdout + result.stderr
    page = (tmp_path / "out" / "thu-tuc" / "dang-ky-khai-sinh.md").read_text(encoding="utf-8")
    assert "1.001193" in page and "\u200b" not in page
    assert run_portal("check", "--root", str(root), "--strict").returncode == 1


def test_fix_encoding_converts_only_the_named_files(sample, tmp_path):
    src = sample[0]
    root = tmp_path / "portal"
    for name in ("content", "procedures", "policies"):
        shutil.copytree(src / name, root / name)
    replace(PROC, 'receiving_address: "Bộ phận Một cửa Ủy ban nhân dân cấp xã"', TCVN3_ADDRESS)(root)
    replace(PROC, 'national_code: "1.001193"', 'national_code: "1.001193\u200b"')(root)
    replace(DOC, "\n---\n", "\n---\n" + VNI_LINE + "\n")(root)
    other = (root / DOC).read_bytes()
    result = run_portal("fix-encoding", "--root", str(root), str(root / PROC))
    assert result.returncode == 0, result.stderr
    assert "TCVN3" in result.stdout and "ký tự ẩn" in result.stdout
    fixed = (root / PROC).read_text(encoding="utf-8")
    assert 'receiving_address: "bộ phận một cửa ủy ban nhân dân cấp xã"' in fixed.lower()
    assert 'national_code: "1.001193"' in fixed
    assert (root / DOC).read_bytes() == other                          # only the file named is written
    assert run_portal("fix-encoding", "--root", str(root), str(root / DOC)).returncode == 0
    assert "Người dân nộp hồ sơ trực tiếp tại Bộ phận Một cửa." in (root / DOC).read_text(encoding="utf-8")
    strict = run_portal("check", "--root", str(root), "--strict")
    assert "[LEGACY-ENCODING]" not in strict.stdout and "[INVISIBLE-CHARACTER]" not in strict.stdout, strict.stdout
    refused = run_portal("fix-encoding", "--root", str(root), "/etc/passwd")
    assert refused.returncode == 2 and "không nằm trong" in refused.stderr
