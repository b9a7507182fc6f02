"""A catalogue of hostile and careless content, each applied to a copy of the sample
portal and built with the real CLI. Every case must give exit 1, a message naming
the file (and the line where there is one) with a hint, no traceback, no source
file modified, and the previous site/ untouched. What copy and paste from office
documents leaves behind (BOM, CRLF, NFD, invisible characters, non-breaking
spaces) is accepted and normalised; text typed in legacy encodings is flagged."""

from __future__ import annotations

import hashlib
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


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample sources, and a site built from them once: every case must leave it as it is."""
    base = tmp_path_factory.mktemp("bad")
    src = base / "src"
    for name in ("content", "procedures", "policies"):
        shutil.copytree(REPO / name, src / name)
    site = base / "site"
    result = run_portal("build", "--root", str(src), "--site-dir", str(site), "--no-index")
    assert result.returncode == 0, result.stdout + result.stderr
    return src, site, hashes(site)


def hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case,mutate,rel,code,with_line", CASES, ids=[c[0] for c in CASES])
def test_bad_input(sample, tmp_path, case, mutate, rel, code, with_line):
    src, site, site_before = sample
    root = tmp_path / "portal"
    for name in ("content", "procedures", "policies"):
        shutil.copytree(src / name, root / name)
    mutate(root)
    sources_before = hashes(root)
    result = run_portal("build", "--root", str(root), "--site-dir", str(site), "--no-index")
    out = result.stdout + result.stderr
    assert result.returncode == 1, out[-2000:]
    assert "Traceback" not in out
    lines = [line for line in out.splitlines() if line.startswith(f"{rel}:") and f"[{code}]" in line]
    assert lines, out[-3000:]
    if with_line:
        assert lines[0].split(":")[1].isdigit(), lines[0]
    hint = out.splitlines()[out.splitlines().index(lines[0]) + 1]
    assert hint.startswith("    gợi ý: ") and len(hint) > 20
    assert hashes(root) == sources_before            # sources are only read
    assert hashes(site) == site_before               # the previous site is untouched


OFFICE = [
    ("bom-crlf-nfd", lambda t: "\ufeff" + unicodedata.normalize("NFD", t).replace("\n", "\r\n")),
    ("invisible-characters", lambda t: t.replace('national_code: "1.001193"', 'national_code: "1.001193\u200b"')
     .replace('name: "Thủ tục', 'name: "Thủ\u00a0tục\u00ad')),
]


@pytest.mark.parametrize("case,transform", OFFICE, ids=[c[0] for c in OFFICE])
def test_what_office_paste_leaves_is_accepted_and_normalised(sample, tmp_path, case, transform):
    src, _, _ = sample
    root = tmp_path / "portal"
    for name in ("content", "procedures", "policies"):
        shutil.copytree(src / name, root / name)
    path = root / PROC
    path.write_bytes(transform(path.read_text(encoding="utf-8")).encode("utf-8"))
    before = path.read_bytes()
    result = run_portal("generate", "--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "out" / "thu-tuc" / "dang-ky-khai-sinh.md").read_text(encoding="utf-8")
    assert "# Thủ tục đăng ký khai sinh" in page and "1.001193" in page and "\u200b" not in page
    assert path.read_bytes() == before


def test_legacy_vietnamese_encodings_are_flagged(sample, tmp_path):
    src, _, _ = sample
    root = tmp_path / "portal"
    for name in ("content", "procedures", "policies"):
        shutil.copytree(src / name, root / name)
    replace(PROC, 'receiving_address: "Bộ phận Một cửa Ủy ban nhân dân cấp xã"',
            'receiving_address: "Bé phËn Mét cöa ñy ban nh©n d©n cÊp x·"')(root)
    result = run_portal("check", "--root", str(root))
    assert f"{PROC}:8: warning [LEGACY-ENCODING]" in result.stdout + result.stderr
