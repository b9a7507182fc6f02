"""`portal` command line. Exit codes: 0 clean, 1 content problems, 2 usage error.

Each command parses its options, calls one function of the pipeline and ends in `_finish`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .problems import Report

DATE = click.DateTime(formats=["%Y-%m-%d"])


_root = click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True,
                     help="Thư mục gốc của cổng (chứa content/, procedures/, policies/).")
_as_of = click.option("--as-of", "as_of", type=DATE, default=None,
                      help="Ngày tham chiếu YYYY-MM-DD (mặc định: as_of trong content/portal.yml).")
_index_dir = click.option("--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                          help="Thư mục chỉ mục tìm kiếm (mặc định build/search-index trong thư mục gốc).")


def _day(as_of):
    return as_of.date() if as_of else None


def _portal_root(root: Path) -> Path:
    if not (root / "content").is_dir():
        raise click.UsageError(f"'{root}' không phải thư mục gốc của cổng (không có thư mục content/).")
    return root


def _guard(call):
    """Run a pipeline step; a bad profile or date is a usage error, not a traceback."""
    from .compliance import ProfileError
    try:
        return call()
    except ProfileError as exc:
        raise click.UsageError(str(exc)) from None


def _finish(report: Report | None, ok: bool = True, messages=(), *, strict: bool = False, quiet: bool = False):
    """The one way a command ends: problems, then messages, then the exit code."""
    failed = not ok or bool(report and (report.errors or (strict and report.warnings)))
    if report is not None and (report.problems or not quiet):
        click.echo(report.format(), err=bool(report.errors))
    for message in messages:
        if message:
            click.echo(message, err=failed)
    sys.exit(1 if failed else 0)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Công cụ xây dựng cổng thông tin điện tử cấp tỉnh."""


@main.command("check")
@_root
@_as_of
@click.option("--profile", help="Bộ quy tắc áp dụng thay cho bộ của ngày tham chiếu, ví dụ decree-42-2022.")
@click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def check_cmd(root: Path, as_of, profile: str | None, strict: bool, fmt: str, files: tuple[Path, ...]) -> None:
    """Kiểm tra nội dung và yêu cầu pháp luật; in mọi lỗi dạng tệp:dòng.

    Với FILES (móc pre-commit truyền các tệp sắp commit): chỉ báo lỗi của các tệp đó và
    các lỗi tham chiếu chéo ở tệp khác; tệp không đổi được đọc lại từ bộ nhớ đệm
    build/check-cache.pickle nên nhanh cả với cổng quy mô tỉnh."""
    from .check import check, check_files
    from .compliance.output import profile_line, report_json
    if files:
        _, shown = _guard(lambda: check_files(_portal_root(root), list(files), _day(as_of), profile))
        _finish(shown, strict=strict)
    checked = _guard(lambda: check(_portal_root(root), _day(as_of), profile))
    if fmt == "json":
        click.echo(report_json(checked))
        _finish(None, not checked.report.errors and not (strict and checked.report.warnings))
    _finish(checked.report, messages=[profile_line(checked)] if checked.compliance else [], strict=strict)


@main.command("generate")
@_root
@_as_of
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Thư mục ghi cây trang Markdown (sẽ bị thay thế toàn bộ).")
@click.option("--mkdocs-config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Ghi thêm một tệp cấu hình mkdocs độc lập (không cần plugin) để dựng thư mục --out.")
def generate_cmd(root: Path, as_of, out: Path, mkdocs_config: Path | None) -> None:
    """Sinh các trang Markdown ra thư mục (cho CI hoặc công cụ dựng khác)."""
    from .publish.generate import generate
    checked, written = _guard(lambda: generate(_portal_root(root), out, _day(as_of), mkdocs_config))
    _finish(checked.report, messages=[f"Đã sinh {written} tệp vào {out}."] if written else [], quiet=True)


@main.command("build")
@_root
@_as_of
@_index_dir
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục kết quả (mặc định site/ trong thư mục gốc).")
@click.option("--strict/--no-strict", default=True, show_default=True,
              help="Dựng mkdocs ở chế độ strict: mọi cảnh báo (liên kết hỏng…) làm hỏng bản dựng.")
@click.option("--index/--no-index", "with_index", default=True, show_default=True,
              help="Dựng cả chỉ mục tìm kiếm (song song với mkdocs).")
@click.option("--check-external", is_flag=True,
              help="Kiểm tra cả liên kết ra ngoài cổng (chậm; dành cho lượt kiểm tra hằng đêm).")
def build_cmd(root: Path, as_of, index_dir: Path | None, site_dir: Path | None, strict: bool, with_index: bool,
              check_external: bool) -> None:
    """Kiểm tra, sinh trang, dựng site/ bằng mkdocs và dựng chỉ mục tìm kiếm (song song).

    Trang mới và chỉ mục mới chỉ thay bản cũ khi cả hai đều dựng xong. Với --strict (mặc
    định), mọi liên kết và mục (#…) trong cổng được kiểm tra trước đó. Ngày trong kết quả
    lấy theo SOURCE_DATE_EPOCH, mặc định là thời điểm commit gần nhất."""
    from .publish.build import build
    result = _guard(lambda: build(_portal_root(root), site_dir=site_dir, index_dir=index_dir,
                                  as_of=_day(as_of), strict=strict, with_index=with_index,
                                  check_external=check_external))
    _finish(result.checked.report, result.ok, [*result.messages, result.kept], quiet=True)


@main.command("bundle")
@_root
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("dist/portal"),
              show_default=True, help="Thư mục gói triển khai (sẽ được thay thế toàn bộ).")
def bundle_cmd(root: Path, out: Path) -> None:
    """Gói triển khai cho CI: site/ (đã kiểm tra liên kết), search-index/, deploy/, MANIFEST.json."""
    from .publish.bundle import make_bundle
    result = _guard(lambda: make_bundle(_portal_root(root), out))
    _finish(result.checked.report, result.ok, [*result.messages, result.kept], quiet=True)


@main.command("index")
@_root
@_as_of
@_index_dir
def index_cmd(root: Path, as_of, index_dir: Path | None) -> None:
    """Dựng chỉ mục tìm kiếm từ nội dung (thay thế nguyên khối chỉ mục cũ)."""
    from .publish.index import index_only
    checked, result = _guard(lambda: index_only(_portal_root(root), index_dir, _day(as_of)))
    _finish(checked.report, bool(result and result.ok), [result.message] if result else [], quiet=True)


@main.command("search")
@click.argument("text")
@_root
@_index_dir
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


@main.command("serve")
@_root
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 16))
@click.option("--no-build", is_flag=True, help="Phục vụ site/ và chỉ mục hiện có, không dựng lại.")
@click.option("--no-watch", is_flag=True, help="Không theo dõi thay đổi (mặc định: lưu tệp là trang tự cập nhật).")
def serve_cmd(root: Path, host: str, port: int, workers: int, no_build: bool, no_watch: bool) -> None:
    """Dựng rồi phục vụ cổng và dịch vụ tìm kiếm tại http://127.0.0.1:8000.

    Khi đang chạy, mỗi lần lưu tệp nội dung chỉ các trang liên quan được dựng lại
    (khoảng một giây, kể cả cổng quy mô tỉnh) và trình duyệt tự tải lại trang."""
    from .editor import session as preview
    from .editor.serve import serve
    status_file = None
    if not no_build:
        started = _guard(lambda: preview.start(_portal_root(root)))
        if not started.ok:
            _finish(started.checked.report, False, [*started.messages, started.kept])
        click.echo("\n".join([started.checked.report.format()] * bool(started.checked.report.problems)
                              + started.messages))
        if not no_watch:
            status_file = preview.watch(started, echo=lambda text: click.echo(text, err=True))
            click.echo("Đang theo dõi content/, procedures/, policies/: lưu tệp là trang tự cập nhật.")
    if not (root / "site" / "index.html").is_file():
        raise click.UsageError(f"Chưa có {root / 'site'}/index.html: chạy 'portal build' trước.")
    serve(root / "site", root / "build" / "search-index", host, port, workers, preview_status=status_file)


NEW_OPTIONS = {   # `portal new` fields: option → help
    "name": "Tên thủ tục / tên cơ quan.", "title": "Tiêu đề trang.", "sector": "Mã lĩnh vực (thủ tục), ví dụ ho-tich.",
    "level": "Mã cấp: tinh, huyen, xa.", "agency": "Cơ quan thực hiện (tên tệp trong content/agencies/).",
    "code": "Mã thủ tục trên CSDL quốc gia, ví dụ 1.001193.", "number": "Số, ký hiệu văn bản, ví dụ 15/2024/QĐ-UBND.",
    "type": "Loại văn bản, ví dụ quyet-dinh.", "issuer": "Cơ quan ban hành, ví dụ ubnd-tinh.",
    "issued": "Ngày ban hành (YYYY-MM-DD).", "abstract": "Trích yếu văn bản.", "parent": "Cơ quan cấp trên (tên tệp).",
    "email": "Thư điện tử công vụ.", "section": "Chuyên mục trang, ví dụ huong-dan.",
    "slug": "Tên tệp (không dấu); mặc định lấy từ tên.",
}


def _new_options(f):
    for name, text in reversed(NEW_OPTIONS.items()):
        f = click.option(f"--{name}", "doc_type" if name == "type" else name, help=text)(f)
    return f


@main.command("new")
@click.argument("kind", type=click.Choice(["procedure", "document", "agency", "page"]))
@_root
@_new_options
@click.option("--lang", default="vi", show_default=True, type=click.Choice(["vi", "en"]))
@click.option("--no-input", is_flag=True, help="Không hỏi: thiếu thông tin thì báo lỗi (cho CI, kịch bản).")
def new_cmd(kind: str, root: Path, no_input: bool, **given) -> None:
    """Tạo tệp nội dung mới từ mẫu có chú thích: procedure, document, agency, page.

    Hỏi những thông tin tối thiểu (hoặc nhận qua tùy chọn), kiểm tra với danh mục của
    cổng rồi ghi tệp; sau đó `portal check` liệt kê các mục luật yêu cầu còn thiếu."""
    from .check import check
    from .editor.scaffold import ScaffoldError, asker, new_item
    prompt = None if no_input else lambda text, required: click.prompt(text, default=None if required else "",
                                                                          show_default=False)
    try:
        created = new_item(kind, _portal_root(root), given, asker(given, prompt))
    except ScaffoldError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"Đã tạo {created.rel} (địa chỉ trên cổng: {created.url}).")
    own = [p for p in _guard(lambda: check(root)).report.sorted() if p.path == created.rel]
    if own:
        click.echo("Các mục cần bổ sung trong tệp mới:\n" + "\n".join(p.format() for p in own))
    click.echo("Mở tệp, điền các mục có chú thích (#), rồi xem trước bằng `portal serve`.")


@main.command("schemas")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"), show_default=True)
def schemas_cmd(out: Path) -> None:
    """Xuất JSON Schema của các loại nội dung (cho gợi ý khi soạn thảo)."""
    from .content.schemas import write_schemas
    for path in write_schemas(out):
        click.echo(path)


if __name__ == "__main__":  # pragma: no cover
    main()
