"""`portal` command line: the publishing commands here, the editors' tools in cli_editor.py.

Each command parses its options, calls one function of the pipeline and ends in `finish`
(cli_common.py). Exit codes: 0 clean, 1 content problems, 2 usage error.
"""

from __future__ import annotations

from pathlib import Path

import click

from . import heap
from .cli_common import Group, as_of_option, day, finish, guard, index_dir_option, portal_root, root_option
from .cli_editor import register_editor_commands


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]}, options_metavar="[TÙY CHỌN]",
             subcommand_metavar="LỆNH [THAM SỐ]...")
def main() -> None:
    """Công cụ xây dựng cổng thông tin điện tử cấp tỉnh."""


@main.command("check")
@root_option
@as_of_option
@click.option("--profile", help="Bộ quy tắc áp dụng thay cho bộ của ngày tham chiếu, ví dụ decree-42-2022.")
@click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path), metavar="[TỆP]...")
def check_cmd(root: Path, as_of, profile: str | None, strict: bool, fmt: str, files: tuple[Path, ...]) -> None:
    """Kiểm tra nội dung và yêu cầu pháp luật; in mọi lỗi dạng tệp:dòng.

    Với FILES (móc pre-commit truyền các tệp sắp commit): chỉ báo lỗi của các tệp đó và
    các lỗi tham chiếu chéo ở tệp khác; tệp không đổi được đọc lại từ bộ nhớ đệm
    build/cache/parsed.pickle nên nhanh cả với cổng quy mô tỉnh."""
    heap.for_batch()
    from .check import check, check_files
    from .compliance.output import profile_line, report_json
    if files:
        _, shown = guard(lambda: check_files(portal_root(root), list(files), day(as_of), profile))
        finish(shown, strict=strict)
    checked = guard(lambda: check(portal_root(root), day(as_of), profile))
    if fmt == "json":
        click.echo(report_json(checked))
        finish(None, not checked.report.errors and not (strict and checked.report.warnings))
    finish(checked.report, messages=[profile_line(checked)] if checked.compliance else [], strict=strict)


@main.command("generate")
@root_option
@as_of_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Thư mục ghi cây trang Markdown (sẽ bị thay thế toàn bộ).")
@click.option("--mkdocs-config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Ghi thêm một tệp cấu hình mkdocs độc lập (không cần plugin) để dựng thư mục --out.")
def generate_cmd(root: Path, as_of, out: Path, mkdocs_config: Path | None) -> None:
    """Sinh các trang Markdown ra thư mục (cho CI hoặc công cụ dựng khác)."""
    heap.for_batch()
    from .publish.generate import generate
    checked, written = guard(lambda: generate(portal_root(root), out, day(as_of), mkdocs_config))
    finish(checked.report, messages=[f"Đã sinh {written} tệp vào {out}."] if written else [], quiet=True)


@main.command("build")
@root_option
@as_of_option
@index_dir_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục kết quả (mặc định site/ trong thư mục gốc).")
@click.option("--strict/--no-strict", default=True, show_default=True,
              help="Dựng mkdocs ở chế độ strict: mọi cảnh báo (liên kết hỏng…) làm hỏng bản dựng.")
@click.option("--index/--no-index", "with_index", default=True, show_default=True,
              help="Dựng cả chỉ mục tìm kiếm (song song với mkdocs).")
@click.option("--check-external", is_flag=True,
              help="Kiểm tra cả liên kết ra ngoài cổng (chậm; dành cho lượt kiểm tra hằng đêm).")
@click.option("--cache/--no-cache", "use_cache", default=True, show_default=True,
              help="Dùng lại trang đã dựng ở lần trước khi nội dung của trang không đổi (build/cache/).")
def build_cmd(root: Path, as_of, index_dir: Path | None, site_dir: Path | None, strict: bool, with_index: bool,
              check_external: bool, use_cache: bool) -> None:
    """Kiểm tra, sinh trang, dựng site/ bằng mkdocs và dựng chỉ mục tìm kiếm (song song).

    Trang mới và chỉ mục mới chỉ thay bản cũ khi cả hai đều dựng xong. Với --strict (mặc
    định), mọi liên kết và mục (#…) trong cổng được kiểm tra trước đó. Ngày trong kết quả
    lấy theo SOURCE_DATE_EPOCH, mặc định là thời điểm commit gần nhất."""
    heap.for_batch()
    from .publish.build import build
    result = guard(lambda: build(portal_root(root), site_dir=site_dir, index_dir=index_dir,
                                  as_of=day(as_of), strict=strict, with_index=with_index,
                                  check_external=check_external, use_cache=use_cache))
    finish(result.checked.report, result.ok, [*result.messages, result.kept], quiet=True)


@main.command("bundle")
@root_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("dist/portal"),
              show_default=True, help="Thư mục gói triển khai (sẽ được thay thế toàn bộ).")
def bundle_cmd(root: Path, out: Path) -> None:
    """Gói triển khai cho CI: site/ (đã kiểm tra liên kết), search-index/, deploy/, MANIFEST.json."""
    heap.for_batch()
    from .publish.bundle import make_bundle
    result = guard(lambda: make_bundle(portal_root(root), out))
    finish(result.checked.report, result.ok, [*result.messages, result.kept], quiet=True)


@main.command("index")
@root_option
@as_of_option
@index_dir_option
def index_cmd(root: Path, as_of, index_dir: Path | None) -> None:
    """Dựng chỉ mục tìm kiếm từ nội dung (thay thế nguyên khối chỉ mục cũ)."""
    heap.for_batch()
    from .publish.index import index_only
    checked, result = guard(lambda: index_only(portal_root(root), index_dir, day(as_of)))
    finish(checked.report, bool(result and result.ok), [result.message] if result else [], quiet=True)


@main.command("search")
@click.argument("text", metavar="NỘI_DUNG")
@root_option
@index_dir_option
@click.option("--filter", "filters", multiple=True, help="Lọc: ten=giá_trị, ví dụ sector=ho-tich, type=nghi-dinh.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--page", default=1, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON như API.")
def search_cmd(text: str, root: Path, index_dir: Path | None, filters, sort: str, page: int, as_json: bool) -> None:
    """Tìm kiếm trên dòng lệnh, không cần máy chủ (cùng kết quả với API)."""
    from search.service import SearchRefused, as_text, search_once
    try:
        found = search_once(index_dir or (root / "build" / "search-index"), text, filters, sort, page)
    except SearchRefused as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(as_text(found, as_json))


@main.command("report")
@root_option
@click.option("--period", required=True, metavar="KỲ", help="2024-H1 (6 tháng đầu năm), 2024-H2 (6 tháng cuối năm) "
              "hoặc 2024 (cả năm).")
@click.option("--format", "formats", default=None,
              help="Các định dạng, cách nhau bằng dấu phẩy: docx, pdf, html (mặc định cả ba; pdf khi có Chromium).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục ghi báo cáo (mặc định build/bao-cao).")
@click.option("--publish", is_flag=True, help="Ghi bản PDF và Word vào content/files/bao-cao/ để đăng trên cổng "
              "(mục Báo cáo mức độ cung cấp thông tin); commit các tệp đó như mọi nội dung.")
def report_cmd(root: Path, period: str, formats: str | None, out: Path | None, publish: bool) -> None:
    """Báo cáo 6 tháng, hằng năm về cung cấp thông tin trên cổng, theo thể thức Nghị định 30/2020/NĐ-CP.

    Số liệu tính từ nội dung và lịch sử git (kỳ đã qua: bản của kho tại commit cuối kỳ), kèm kỳ trước để so sánh."""
    heap.for_batch()
    from .git import HistoryUnavailable
    from .report.pdf import PdfUnavailable
    from .report.period import Period, PeriodError
    from .report.write import FORMATS, write_report
    try:
        chosen = Period.parse(period)
    except PeriodError as exc:
        raise click.UsageError(str(exc)) from None
    notes = []
    if publish:
        from .urls import PERIODIC_REPORTS
        if out is not None or (formats and set(formats.split(",")) - {"pdf", "docx"}):
            raise click.UsageError("--publish ghi bản PDF và Word vào content/files/bao-cao/: bỏ --out, "
                                   "và chỉ chọn --format pdf,docx.")
        out = portal_root(root) / PERIODIC_REPORTS
        formats = formats or "pdf,docx"
    if formats is None:
        from .report.pdf import available
        wanted = list(FORMATS) if available() else ["docx", "html"]
        if "pdf" not in wanted:
            notes.append("Không có Chromium nên không in PDF (cài gói Debian 'chromium' để có bản PDF).")
    else:
        wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise click.UsageError(f"Định dạng không hỗ trợ: {', '.join(unknown) or '(trống)'}; chọn docx, pdf, html.")
    root = portal_root(root)
    try:
        written = guard(lambda: write_report(root, chosen, wanted, out or root / "build" / "bao-cao"))
    except (HistoryUnavailable, PdfUnavailable) as exc:
        finish(None, False, [str(exc)])
    finish(None, True, [*notes, *(f"Đã ghi {path}" for path in written)])


@main.command("schemas")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"), show_default=True)
def schemas_cmd(out: Path) -> None:
    """Xuất JSON Schema của các loại nội dung (cho gợi ý khi soạn thảo)."""
    from .content.schemas import write_schemas
    for path in write_schemas(out):
        click.echo(path)


register_editor_commands(main)

if __name__ == "__main__":  # pragma: no cover
    main()
