"""`portal` command line. Exit codes: 0 clean, 1 content problems, 2 usage error."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from .problems import Report


def _root_option(f):
    return click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
                        show_default=True, help="Thư mục gốc của cổng (chứa content/, procedures/, policies/).")(f)


def _as_of_option(f):
    return click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                        help="Ngày tham chiếu YYYY-MM-DD (mặc định: as_of trong content/portal.yml).")(f)


def _print_report(report: Report, quiet: bool = False) -> None:
    text = report.format()
    if report.problems or not quiet:
        click.echo(text, err=bool(report.errors))


def _profile_option(f):
    return click.option("--profile", default=None,
                        help="Áp dụng bộ quy tắc này thay vì bộ quy tắc của ngày tham chiếu "
                             "(it-law-2006, decree-43-2011, decree-42-2022, digital-transformation-2026).")(f)


def _checked(root: Path, as_of, profile: str | None = None):
    from .compliance import ProfileError
    from .pipeline import check
    if not (root / "content").is_dir():
        raise click.UsageError(f"'{root}' không phải thư mục gốc của cổng (không có thư mục content/).")
    try:
        return check(root, as_of.date() if as_of else None, profile)
    except ProfileError as exc:
        raise click.UsageError(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Công cụ xây dựng cổng thông tin điện tử cấp tỉnh."""


@main.command("check")
@_root_option
@_as_of_option
@_profile_option
@click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def check_cmd(root: Path, as_of, profile: str | None, strict: bool, fmt: str, files: tuple[Path, ...]) -> None:
    """Kiểm tra nội dung và yêu cầu pháp luật; in mọi lỗi dạng tệp:dòng.

    Với FILES (móc pre-commit truyền các tệp sắp commit): chỉ báo lỗi của các tệp đó và
    các lỗi tham chiếu chéo ở tệp khác; tệp không đổi được đọc lại từ bộ nhớ đệm
    build/check-cache.pickle nên nhanh cả với cổng quy mô tỉnh."""
    if files:
        _check_files(root, as_of, profile, strict, files)
        return
    checked = _checked(root, as_of, profile)
    if fmt == "json":
        from .compliance.output import report_json
        click.echo(report_json(checked))
    else:
        _print_report(checked.report)
        if checked.compliance:
            from .compliance.output import profile_line
            click.echo(profile_line(checked), err=bool(checked.report.errors))
    failed = checked.report.errors or (strict and checked.report.warnings)
    sys.exit(1 if failed else 0)


CROSS_REFERENCE = ("REF-", "RELATION-", "DUPLICATE-", "SLUG-", "ARCHIVE-", "REDIRECT-", "AGENCY-CYCLE")


def _check_files(root: Path, as_of, profile, strict: bool, files: tuple[Path, ...]) -> None:
    import os
    from .compliance import ProfileError
    from .loading import LoadCache
    from .pipeline import check
    root = root.resolve()
    wanted = set()
    for f in files:
        p = (f if f.is_absolute() else Path.cwd() / f).resolve()
        wanted.add(p.relative_to(root).as_posix() if p.is_relative_to(root) else str(f))
    cache_path = root / "build" / "check-cache.pickle"
    cache = LoadCache.read(cache_path)
    try:
        checked = check(root, as_of.date() if as_of else None, profile, cache=cache)
    except ProfileError as exc:
        raise click.UsageError(str(exc)) from None
    shown = Report()
    shown.extend(p for p in checked.report.problems if p.path in wanted or p.code.startswith(CROSS_REFERENCE))
    _print_report(shown)
    failed = shown.errors or (strict and shown.warnings)
    if cache.dirty:
        # Write the cache after answering: a child process does it, so the hook returns at once.
        sys.stdout.flush()
        sys.stderr.flush()
        if hasattr(os, "fork") and os.fork() == 0:
            try:
                devnull = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(devnull, fd)
                os.setsid()
                cache.write(cache_path)
            finally:
                os._exit(0)
        elif not hasattr(os, "fork"):
            cache.write(cache_path)
    sys.exit(1 if failed else 0)


@main.command("generate")
@_root_option
@_as_of_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Thư mục ghi cây trang Markdown (sẽ bị thay thế toàn bộ).")
@click.option("--mkdocs-config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Ghi thêm một tệp cấu hình mkdocs độc lập (không cần plugin) để dựng thư mục --out.")
def generate_cmd(root: Path, as_of, out: Path, mkdocs_config: Path | None) -> None:
    """Sinh các trang Markdown ra thư mục (cho CI hoặc công cụ dựng khác)."""
    from .output import write_tree
    from .render import render_site
    checked = _checked(root, as_of)
    if checked.report.errors:
        _print_report(checked.report)
        sys.exit(1)
    pages = render_site(checked)
    write_tree(pages, out)
    if mkdocs_config:
        from .standalone import write_standalone_config
        write_standalone_config(root, out, mkdocs_config, checked)
    _print_report(checked.report, quiet=True)
    click.echo(f"Đã sinh {len(pages)} tệp vào {out}.")


def _index_option(f):
    return click.option("--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                        help="Thư mục chỉ mục tìm kiếm (mặc định build/search-index trong thư mục gốc).")(f)


def _source_date_epoch(root: Path) -> None:
    """Dates mkdocs writes (sitemap lastmod, gzip header) come from SOURCE_DATE_EPOCH; without it
    they would come from the clock. Default: the last commit's time, so a build is a function of the input."""
    import os
    import subprocess
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return
    try:
        stamp = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True,
                               text=True, timeout=30, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return
    if stamp.isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = stamp


@main.command("build")
@_root_option
@_as_of_option
@_index_option
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

    Với --strict (mặc định), mọi liên kết và mục (#…) trong cổng được kiểm tra trước khi
    bản dựng mới thay bản cũ. Ngày trong kết quả lấy theo SOURCE_DATE_EPOCH, mặc định là
    thời điểm commit gần nhất: cùng nội dung cho cùng kết quả, từng byte."""
    from .adapters.mkdocs_build import build_site
    from .indexing import start_index_build
    _source_date_epoch(root)
    checked = _checked(root, as_of)
    if checked.report.errors:
        _print_report(checked.report)
        click.echo("Không dựng trang: hãy sửa các lỗi trên. Thư mục site/ cũ được giữ nguyên.", err=True)
        sys.exit(1)
    _print_report(checked.report, quiet=True)
    target = site_dir or (root / "site")
    # The index builds in another process while mkdocs renders: neither waits for the other.
    indexing = start_index_build(checked, index_dir or (root / "build" / "search-index")) if with_index else None
    verify = None
    if strict:
        from .linkcheck import check_site
        site_url = str(checked.site.config.site_url) if checked.site.config else None
        verify = lambda built: [b.format() for b in check_site(built, site_url, external=check_external)]  # noqa: E731
    ok, message = build_site(root, target, strict=strict, as_of=as_of.date() if as_of else None, checked=checked,
                             verify=verify)
    index_ok, index_message = indexing.wait() if indexing else (True, "")
    click.echo(message, err=not ok)
    if index_message:
        click.echo(index_message, err=not index_ok)
    sys.exit(0 if ok and index_ok else 1)


@main.command("bundle")
@_root_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("dist/portal"), show_default=True,
              help="Thư mục gói triển khai (sẽ được thay thế toàn bộ).")
def bundle_cmd(root: Path, out: Path) -> None:
    """Gói triển khai cho CI: site/ (đã kiểm tra liên kết), search-index/, deploy/, MANIFEST.json."""
    import shutil as _shutil
    import tempfile as _tempfile
    from .adapters.mkdocs_build import build_site
    from .bundle import copy_deploy, write_manifest
    from .indexing import start_index_build
    from .linkcheck import check_site
    from .output import swap_into_place
    _source_date_epoch(root)
    checked = _checked(root, None)
    if checked.report.errors:
        _print_report(checked.report)
        sys.exit(1)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(_tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    tmp.chmod(0o755)
    try:
        indexing = start_index_build(checked, tmp / "search-index")
        site_url = str(checked.site.config.site_url)
        ok, message = build_site(root, tmp / "site", strict=True, checked=checked,
                                 verify=lambda built: [b.format() for b in check_site(built, site_url)])
        index_ok, index_message = indexing.wait()
        click.echo(message, err=not ok)
        click.echo(index_message, err=not index_ok)
        if not (ok and index_ok):
            sys.exit(1)
        for stale in (tmp / "search-index").glob(".*"):      # only the current generation ships
            _shutil.rmtree(stale, ignore_errors=True)
        copy_deploy(Path(__file__).resolve().parent.parent / "deploy", tmp)
        pages = sum(1 for _ in (tmp / "site").rglob("index.html"))
        manifest = write_manifest(tmp, root, checked.as_of, pages)
    except BaseException:
        _shutil.rmtree(tmp, ignore_errors=True)
        raise
    swap_into_place(tmp, out)
    click.echo(f"Đã tạo gói triển khai {out} ({pages} trang, {len(manifest['files'])} tệp, commit "
               f"{(manifest['commit'] or 'không rõ')[:12]}).")


@main.command("index")
@_root_option
@_as_of_option
@_index_option
def index_cmd(root: Path, as_of, index_dir: Path | None) -> None:
    """Dựng chỉ mục tìm kiếm từ nội dung (thay thế nguyên khối chỉ mục cũ)."""
    from .indexing import start_index_build
    checked = _checked(root, as_of)
    if checked.report.errors:
        _print_report(checked.report)
        sys.exit(1)
    ok, message = start_index_build(checked, index_dir or (root / "build" / "search-index")).wait()
    click.echo(message, err=not ok)
    sys.exit(0 if ok else 1)


@main.command("search")
@click.argument("text")
@_root_option
@_index_option
@click.option("--filter", "filters", multiple=True, help="Lọc: ten=giá_trị, ví dụ sector=ho-tich, type=nghi-dinh.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--page", default=1, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON như API.")
def search_cmd(text: str, root: Path, index_dir: Path | None, filters, sort: str, page: int, as_json: bool) -> None:
    """Tìm kiếm trên dòng lệnh, không cần máy chủ (cùng kết quả với API)."""
    import json as _json
    from search.engine import IndexHandle, IndexUnavailable, run_search
    from search.query import QueryError, plan
    from search.service import PARAMS
    index_root = index_dir or (root / "build" / "search-index")
    try:
        gen = IndexHandle(index_root).get()
        p = plan(text)
    except (IndexUnavailable, QueryError) as exc:
        raise click.UsageError(str(exc)) from None
    chosen = {}
    for item in filters:
        name, _, value = item.partition("=")
        if name not in PARAMS:
            raise click.UsageError(f"Không có bộ lọc '{name}'. Các bộ lọc: {', '.join(PARAMS)}.")
        chosen[PARAMS[name]] = value
    found = run_search(gen, p, chosen, sort, page)
    if as_json:
        click.echo(_json.dumps(found, ensure_ascii=False, indent=2))
        return
    click.echo(f"{found['total']} kết quả cho “{p.text}”.")
    if found["suggestion"]:
        click.echo(f"Có phải bạn muốn tìm: {found['suggestion']}?")
    for i, hit in enumerate(found["results"], (page - 1) * 10 + 1):
        click.echo(f"{i:3}. {hit['title']}\n     {hit['subtitle']}\n     {hit['url']}")


@main.command("serve")
@_root_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 16))
@click.option("--no-build", is_flag=True, help="Phục vụ site/ và chỉ mục hiện có, không dựng lại.")
@click.option("--no-watch", is_flag=True, help="Không theo dõi thay đổi (mặc định: lưu tệp là trang tự cập nhật).")
def serve_cmd(root: Path, host: str, port: int, workers: int, no_build: bool, no_watch: bool) -> None:
    """Dựng rồi phục vụ cổng và dịch vụ tìm kiếm tại http://127.0.0.1:8000.

    Khi đang chạy, mỗi lần lưu tệp nội dung chỉ các trang liên quan được dựng lại
    (khoảng một giây, kể cả cổng quy mô tỉnh) và trình duyệt tự tải lại trang."""
    from .indexing import start_index_build
    target, index_root = root / "site", root / "build" / "search-index"
    status_file = None
    if not no_build:
        from .adapters.mkdocs_preview import MkdocsPreview, quiet_mkdocs
        from .preview import Preview
        from .compliance import ProfileError
        preview = Preview(root)
        try:
            checked = preview.start()
        except ProfileError as exc:
            raise click.UsageError(str(exc)) from None
        if checked.report.errors:
            _print_report(checked.report)
            sys.exit(1)
        started = time.perf_counter()
        indexing = start_index_build(checked, index_root)
        html = MkdocsPreview(root, target)
        html.full_build(checked, preview.rendered)
        quiet_mkdocs()
        index_ok, index_message = indexing.wait()
        click.echo(f"Đã dựng {len(preview.rendered)} tệp vào {target} trong {time.perf_counter() - started:.1f} giây.")
        click.echo(index_message, err=not index_ok)
        if not index_ok:
            sys.exit(1)
        if not no_watch:
            from .watch import Watcher
            status_file = (root / "build" / "preview-status.json").resolve()
            status_file.parent.mkdir(parents=True, exist_ok=True)
            Watcher(preview, html, status_file, echo=lambda text: click.echo(text, err=True)).start()
            click.echo("Đang theo dõi content/, procedures/, policies/: lưu tệp là trang tự cập nhật.")
    if not (target / "index.html").is_file():
        raise click.UsageError(f"Chưa có {target}/index.html: chạy 'portal build' trước.")
    from .serve import serve
    serve(target, index_root, host, port, workers, preview_status=status_file)


@main.command("new")
@click.argument("kind", type=click.Choice(["procedure", "document", "agency", "page"]))
@_root_option
@click.option("--name", help="Tên thủ tục / tên cơ quan.")
@click.option("--title", help="Tiêu đề trang.")
@click.option("--sector", help="Mã lĩnh vực (thủ tục), ví dụ ho-tich.")
@click.option("--level", help="Mã cấp: tinh, huyen, xa.")
@click.option("--agency", help="Cơ quan thực hiện (tên tệp trong content/agencies/).")
@click.option("--code", help="Mã thủ tục trên CSDL quốc gia, ví dụ 1.001193.")
@click.option("--number", help="Số, ký hiệu văn bản, ví dụ 15/2024/QĐ-UBND.")
@click.option("--type", "doc_type", help="Loại văn bản, ví dụ quyet-dinh.")
@click.option("--issuer", help="Cơ quan ban hành, ví dụ ubnd-tinh.")
@click.option("--issued", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]), help="Ngày ban hành.")
@click.option("--abstract", help="Trích yếu văn bản.")
@click.option("--parent", help="Cơ quan cấp trên (tên tệp).")
@click.option("--email", help="Thư điện tử công vụ.")
@click.option("--section", help="Chuyên mục trang, ví dụ huong-dan.")
@click.option("--lang", default="vi", show_default=True, type=click.Choice(["vi", "en"]))
@click.option("--slug", help="Tên tệp (không dấu); mặc định lấy từ tên.")
@click.option("--no-input", is_flag=True, help="Không hỏi: thiếu thông tin thì báo lỗi (cho CI, kịch bản).")
def new_cmd(kind: str, root: Path, no_input: bool, **given) -> None:
    """Tạo tệp nội dung mới từ mẫu có chú thích: procedure, document, agency, page.

    Hỏi những thông tin tối thiểu (hoặc nhận qua tùy chọn), kiểm tra với danh mục của
    cổng rồi ghi tệp; sau đó `portal check` liệt kê các mục luật yêu cầu còn thiếu."""
    from .loading import load_site
    from .scaffold import ScaffoldError, new_agency, new_document, new_page, new_procedure
    if not (root / "content").is_dir():
        raise click.UsageError(f"'{root}' không phải thư mục gốc của cổng (không có thư mục content/).")
    site = load_site(root, Report())
    tax, agencies = site.taxonomy, set(site.agencies)

    def ask(key: str, question: str, choices=None, required: bool = True):
        if given.get(key) not in (None, ""):
            return given[key]
        if no_input:
            if required:
                raise click.UsageError(f"Thiếu --{key.replace('doc_type', 'type')}: {question}.")
            return None
        hint = f" ({', '.join(sorted(choices))})" if choices and len(choices) <= 20 else ""
        return click.prompt(question + hint, default="" if not required else None, show_default=False) or None

    try:
        if kind == "procedure":
            created = new_procedure(root, tax, agencies, name=ask("name", "Tên thủ tục (đúng tên trên CSDL quốc gia)"),
                                    sector=ask("sector", "Mã lĩnh vực", tax.sectors),
                                    level=ask("level", "Cấp thực hiện", tax.levels),
                                    agency=ask("agency", "Cơ quan thực hiện (Enter để bỏ qua)", required=False),
                                    code=ask("code", "Mã thủ tục, ví dụ 1.001193 (Enter để bỏ qua)", required=False),
                                    slug=given["slug"],
                                    codes={e.item.national_code: e.rel for e in site.procedures.values()
                                           if e.item.national_code})
        elif kind == "document":
            issued = given["issued"] or (None if no_input else click.prompt(
                "Ngày ban hành (YYYY-MM-DD)", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"])))
            if issued is None:
                raise click.UsageError("Thiếu --issued: ngày ban hành.")
            created = new_document(root, tax, number=ask("number", "Số, ký hiệu"),
                                   type=ask("doc_type", "Loại văn bản", tax.document_types),
                                   issuer=ask("issuer", "Cơ quan ban hành", tax.issuers), issued=issued.date(),
                                   abstract=ask("abstract", "Trích yếu"), slug=given["slug"])
        elif kind == "agency":
            created = new_agency(root, tax, agencies, name=ask("name", "Tên cơ quan"),
                                 level=ask("level", "Cấp", tax.levels),
                                 parent=ask("parent", "Cơ quan cấp trên (Enter để bỏ qua)", required=False),
                                 email=ask("email", "Thư điện tử công vụ (Enter để bỏ qua)", required=False),
                                 slug=given["slug"])
        else:
            created = new_page(root, tax, title=ask("title", "Tiêu đề trang"),
                               section=ask("section", "Chuyên mục", tax.sections), lang=given["lang"],
                               slug=given["slug"])
    except ScaffoldError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"Đã tạo {created.rel} (địa chỉ trên cổng: {created.url}).")
    checked = _checked(root, None)
    own = [p for p in checked.report.sorted() if p.path == created.rel]
    if own:
        click.echo("Các mục cần bổ sung trong tệp mới:")
        for problem in own:
            click.echo(problem.format())
    click.echo("Mở tệp, điền các mục có chú thích (#), rồi xem trước bằng `portal serve`.")


@main.command("schemas")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"), show_default=True)
def schemas_cmd(out: Path) -> None:
    """Xuất JSON Schema của các loại nội dung (cho gợi ý khi soạn thảo)."""
    from .schemas import write_schemas
    for path in write_schemas(out):
        click.echo(path)


@main.command("scale-corpus")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--procedures", default=2000, show_default=True)
@click.option("--documents", default=10000, show_default=True)
@click.option("--agencies", default=60, show_default=True)
@click.option("--sample-root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True,
              help="Cổng mẫu lấy cấu hình và danh mục.")
def scale_cmd(out: Path, procedures: int, documents: int, agencies: int, sample_root: Path) -> None:
    """Sinh bộ nội dung quy mô tỉnh (xác định, dùng cho đo hiệu năng)."""
    from .scale import generate_corpus
    generate_corpus(sample_root, out, procedures=procedures, documents=documents, agencies=agencies)
    click.echo(f"Đã sinh bộ nội dung vào {out}.")


if __name__ == "__main__":  # pragma: no cover
    main()
