"""A deterministic province-scale corpus in our content format, for benchmarks.

    python bench/scale_corpus.py --out DIR [--procedures 2000] [--documents 10000] [--agencies 60]

Same input counts → byte-identical files (a seeded RNG, no clock), so runs of
`make bench` compare like with like. The text is Vietnamese-looking filler
built from real procedure vocabulary; every item is marked sample.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

from site_builder.content.sources import parse_yaml
from site_builder.problems import Report

REPO = Path(__file__).resolve().parent.parent

_VERBS = ["Cấp", "Cấp lại", "Điều chỉnh", "Gia hạn", "Đăng ký", "Thu hồi", "Xác nhận", "Thẩm định", "Công nhận", "Đổi"]
_OBJECTS = ["giấy phép hoạt động", "giấy chứng nhận đủ điều kiện", "chứng chỉ hành nghề", "giấy xác nhận",
            "giấy phép xây dựng", "giấy chứng nhận quyền sử dụng đất", "giấy phép kinh doanh", "thẻ hành nghề",
            "giấy phép khai thác", "quyết định công nhận"]
_QUALIFIERS = ["cơ sở sản xuất", "hộ kinh doanh", "doanh nghiệp nhỏ và vừa", "hợp tác xã", "tổ chức khoa học",
               "cơ sở giáo dục", "cơ sở y tế tư nhân", "đơn vị sự nghiệp", "công trình hạ tầng", "nhà ở riêng lẻ",
               "trang trại", "làng nghề", "khu du lịch", "cơ sở lưu trú", "bến thủy nội địa", "đường thủy nội địa"]
_WORDS = ("quy định chi tiết thi hành quản lý nhà nước trên địa bàn tỉnh về hoạt động đăng ký thủ tục hồ sơ "
          "trình tự thẩm quyền trách nhiệm cơ quan tổ chức cá nhân doanh nghiệp người dân bảo đảm công khai "
          "minh bạch đất đai xây dựng môi trường giáo dục y tế giao thông nông nghiệp công nghiệp thương mại "
          "du lịch văn hóa lao động việc làm an sinh xã hội chuyển đổi số công nghệ thông tin").split()
_DOC_TYPES = [("nghi-dinh", "NĐ-CP", "chinh-phu"), ("thong-tu", "TT-BTC", "bo-tai-chinh"),
              ("thong-tu", "TT-BTP", "bo-tu-phap"), ("quyet-dinh-qppl", "QĐ-UBND", "ubnd-tinh-yen-bai"),
              ("nghi-quyet-qppl", "NQ-HĐND", "hdnd-tinh-yen-bai"), ("quyet-dinh", "QĐ-UBND", "ubnd-tinh-yen-bai"),
              ("ke-hoach", "KH-UBND", "ubnd-tinh-yen-bai")]


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(n)]
    return " ".join(words).capitalize()


# A synthetic corpus: contact points need person-like names and document files need real PDFs
# to pass the substance checks, like a real province's content would.
_GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Lâm", "Minh", "Nam", "Phúc", "Quang", "Sơn", "Tâm")
_MINIMAL_PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] "
                b"/Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate_corpus(sample_root: Path, out: Path, *, procedures: int = 2000, documents: int = 10000,
                    agencies: int = 60, seed: int = 2008) -> None:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "content").mkdir(parents=True)
    shutil.copytree(sample_root / "content" / "taxonomy", out / "content" / "taxonomy")
    # Portal pages come from the sample so the corpus meets the same legal
    # requirements (sections, roles); everything else is generated.
    shutil.copytree(sample_root / "content" / "pages", out / "content" / "pages")
    (out / "content" / "files").mkdir()
    (out / "content" / "files" / "van-ban.pdf").write_bytes(_MINIMAL_PDF)
    # The sample's pages come with the sample's gaps (no budget figures, no official map, no operator address).
    (out / "content" / "compliance.yml").write_text(
        "exemptions:\n"
        + "".join(f"  - aspect: \"{aspect}\"\n    paths: [{path}]\n    reason: \"Như cổng mẫu.\"\n"
                  "    until: 2099-12-31\n"
                  for aspect, path in (("content:figures", "content/pages/bao-cao-tai-chinh.md"),
                                       ("content:map", "content/pages/ban-do-hanh-chinh.md"),
                                       ("config:operating_unit.address", "content/portal.yml"))),
        encoding="utf-8")
    # The sample's configuration, without its home-page tasks (they name the sample's procedures).
    portal = (sample_root / "content" / "portal.yml").read_text(encoding="utf-8")
    portal = re.sub(r"\nhome_tasks:\n(?:  - .*\n)+", "\n", portal)
    (out / "content" / "portal.yml").write_text(portal, encoding="utf-8")
    shutil.copy2(sample_root / "content" / "bieu-trung.svg", out / "content" / "bieu-trung.svg")
    sectors = _ids(sample_root / "content" / "taxonomy" / "sectors.yml")

    (out / "content" / "consultations").mkdir()
    (out / "content" / "consultations" / "du-thao-mau.md").write_text(
        "---\ntitle: \"Dự thảo đo hiệu năng\"\nagency: co-quan-000\nopened: 2024-12-01\ndeadline: 2024-12-31\n"
        "contact_email: \"gopy@yenbai.gov.vn\"\nsample: true\n---\n"
        + "\n\n".join(f"## Điều {k}. {_sentence(rng, 6)}\n\n{_sentence(rng, 40)}." for k in range(1, 4)) + "\n",
        encoding="utf-8")
    (out / "content" / "projects").mkdir()
    (out / "content" / "projects" / "du-an-mau.yml").write_text(
        "name: \"Dự án đo hiệu năng\"\nobjective: \"Mục tiêu\"\nfield: \"Công nghệ thông tin\"\nkind: \"Đầu tư công\"\n"
        "duration: \"2024 - 2025\"\nbudget: \"1 tỷ đồng\"\nfunding: \"Ngân sách tỉnh\"\ndonor: \"Không\"\n"
        "status: dang_thuc_hien\nagency: co-quan-000\nsample: true\n", encoding="utf-8")
    agency_dir = out / "content" / "agencies"
    agency_dir.mkdir(parents=True)
    agency_ids = []
    for i in range(agencies):
        aid = f"co-quan-{i:03d}"
        agency_ids.append(aid)
        level = "tinh" if i < 20 else ("huyen" if i < 30 else "xa")
        parent = "" if i == 0 else "parent: co-quan-000\n"
        (agency_dir / f"{aid}.yml").write_text(
            f"name: {_q(f'Cơ quan thử nghiệm số {i} tỉnh Yên Bái')}\nlevel: {level}\n{parent}"
            f"functions: {_q(_sentence(rng, 40))}\naddress: {_q(f'Số {i} đường Điện Biên, thành phố Yên Bái')}\n"
            f"phone: \"0216 3852 {100 + i:03d}\"\nemail: \"coquan{i}@yenbai.gov.vn\"\n"
            f"contacts:\n  - {{name: \"Nguyễn Văn {_GIVEN[i % len(_GIVEN)]}\", position: \"Chánh Văn phòng\", "
            f"unit: \"Văn phòng\", phone: \"0216 3853 {100 + i:03d}\", email: \"daumoi{i}@yenbai.gov.vn\", "
            f"info_request: {str(i == 0).lower()}}}\n"
            f"updated: 2024-12-01\nunits:\n"
            + "".join(f"  - name: {_q(f'Phòng nghiệp vụ {j}')}\n    email: \"phong{j}.cq{i}@yenbai.gov.vn\"\n"
                      for j in range(3))
            + "sample: true\n", encoding="utf-8")

    doc_numbers = []
    year_serial: dict[tuple, int] = {}
    for i in range(documents):
        dtype, symbol, issuer = _DOC_TYPES[i % len(_DOC_TYPES)]
        year = 2005 + (i * 7919) % 20
        serial = year_serial[(year, symbol)] = year_serial.get((year, symbol), 0) + 1
        normative = dtype in ("nghi-dinh", "thong-tu", "quyet-dinh-qppl", "nghi-quyet-qppl")
        number = f"{serial}/{year}/{symbol}" if normative else f"{serial}/{symbol}"
        month, day = 1 + i % 12, 1 + i % 28
        slug = f"van-ban-{i:05d}"
        relations = ""
        if doc_numbers and i % 5 == 0:
            target_number, target_year = doc_numbers[rng.randrange(len(doc_numbers))]
            if target_year < year:
                relations = f"relations:\n  - {{type: based_on, target: {_q(target_number)}}}\n"
        doc_numbers.append((number, year))
        body = "\n\n".join(f"## Điều {k}. {_sentence(rng, 6)}\n\n{_sentence(rng, 80)}." for k in range(1, 6))
        path = out / "policies" / str(year) / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\nnumber: {_q(number)}\ntype: {dtype}\nissuer: {issuer}\nissued: {year}-{month:02d}-{day:02d}\n"
            f"effective: {year}-{month:02d}-{day:02d}\nstatus: in_force\nabstract: {_q(_sentence(rng, 14))}\n"
            f"sectors: [{rng.choice(sectors)}]\nfile: \"content/files/van-ban.pdf\"\nexcerpt: true\nsample: true\n"
            f"updated: 2024-12-01\n{relations}---\n{body}\n",
            encoding="utf-8")

    normative_numbers = [n for n, _ in doc_numbers if n.count("/") == 2]
    for i in range(procedures):
        sector = sectors[i % len(sectors)]
        name = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} cho {rng.choice(_QUALIFIERS)} (mẫu {i})"
        steps = "".join(f"  - name: {_q(f'Bước {k}: ' + _sentence(rng, 5))}\n    description: "
                        f"{_q(_sentence(rng, 30))}\n"
                        f"    responsible: {_q('Phòng nghiệp vụ ' + str(k))}\n" for k in range(1, 5))
        items = "".join(f"      - name: {_q(_sentence(rng, 10))}\n        originals: 1\n        copies: {k % 2}\n"
                        for k in range(5))
        basis = "".join(f"  - number: {_q(rng.choice(normative_numbers))}\n" for _ in range(3))
        path = out / "procedures" / sector / f"thu-tuc-{i:05d}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"national_code: \"{1 + i % 3}.{900000 + i:06d}\"\nname: {_q(name)}\nlevel: "
            f"{rng.choice(['tinh', 'huyen', 'xa'])}\n"
            f"publication_decision: {{number: \"{100 + i}/QĐ-UBND\", date: 2004-12-01}}\n"
            f"competent_agency: \"Ủy ban nhân dân tỉnh\"\nreceiving_address: \"Bộ phận Một cửa\"\n"
            f"sector: {sector}\nagency: {rng.choice(agency_ids)}\nsubjects: [\"Công dân Việt Nam\", \"Tổ chức\"]\n"
            f"steps:\n{steps}methods:\n  - channel: truc_tiep\n    time_limit: "
            f"{{value: {1 + i % 20}, unit: working_days}}\n"
            f"    fees:\n      - {{name: \"Lệ phí\", amount_vnd: {1000 * (1 + i % 200)}}}\n"
            f"  - channel: truc_tuyen\n    time_limit: {{value: {1 + i % 20}, unit: working_days}}\n    fees: []\n"
            f"dossier:\n  - items:\n{items}time_limit: {{value: {1 + i % 20}, unit: working_days}}\n"
            f"result: [{_q('Giấy phép')}]\nlegal_basis:\n{basis}"
            f"online_service: {{level: toan_trinh, url: \"https://dichvucong.gov.vn/\"}}\nupdated: 2024-12-31\nsample: "
            f"true\n",
            encoding="utf-8")


def _ids(path: Path) -> list[str]:
    doc = parse_yaml(path.read_text(encoding="utf-8"), str(path), Report())
    return [item["id"] for item in doc.data]


def main() -> None:
    parser = argparse.ArgumentParser(description="Sinh bộ nội dung quy mô tỉnh (xác định, dùng cho đo hiệu năng).")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--agencies", type=int, default=60)
    parser.add_argument("--sample-root", type=Path, default=REPO, help="Cổng mẫu lấy cấu hình và danh mục.")
    args = parser.parse_args()
    generate_corpus(args.sample_root, args.out, procedures=args.procedures, documents=args.documents,
                    agencies=args.agencies)
    print(f"Đã sinh bộ nội dung vào {args.out}.")


if __name__ == "__main__":
    main()
