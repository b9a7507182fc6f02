"""The editors' commands of `portal`: the preview (`serve`), new files (`new`), fixing pasted text
(`fix-encoding`). Registered on the main group by cli.py."""

from __future__ import annotations

from pathlib import Path

import click

from .cli_common import finish, guard, portal_root, root_option


@click.command("serve", options_metavar="[TÙY CHỌN]")
@root_option
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
    status_file = cms_root = None
    if not no_build:
        started = guard(lambda: preview.start(portal_root(root)))
        if not started.ok:
            finish(started.checked.report, False, [*started.messages, started.kept])
        click.echo("\n".join([started.checked.report.format()] * bool(started.checked.report.problems)
                              + started.messages))
        if not no_watch:
            status_file = preview.watch(started, echo=lambda text: click.echo(text, err=True))
            click.echo("Đang theo dõi content/, procedures/, policies/: lưu tệp là trang tự cập nhật.")
            if host in ("127.0.0.1", "localhost", "::1"):      # the editor writes files: this machine only
                from .editor.cms_app import CONFIG_DIR
                from .editor.cms_config import write_cms_config
                write_cms_config(started.checked.site, root / CONFIG_DIR)
                cms_root = root
    if not (root / "site" / "index.html").is_file():
        raise click.UsageError(f"Chưa có {root / 'site'}/index.html: chạy 'portal build' trước.")
    serve(root / "site", root / "build" / "search-index", host, port, workers, preview_status=status_file,
          cms_root=cms_root)


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


@click.command("new", options_metavar="[TÙY CHỌN]")
@click.argument("kind", type=click.Choice(["procedure", "document", "agency", "page"]), metavar="LOẠI")
@root_option
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
        created = new_item(kind, portal_root(root), given, asker(given, prompt))
    except ScaffoldError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"Đã tạo {created.rel} (địa chỉ trên cổng: {created.url}).")
    own = [p for p in guard(lambda: check(root)).report.sorted() if p.path == created.rel]
    if own:
        click.echo("Các mục cần bổ sung trong tệp mới:\n" + "\n".join(p.format() for p in own))
    click.echo("Mở tệp, điền các mục có chú thích (#), rồi xem trước bằng `portal serve`.")


@click.command("fix-encoding", options_metavar="[TÙY CHỌN]")
@root_option
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="TỆP...")
def fix_encoding_cmd(root: Path, files: tuple[Path, ...]) -> None:
    """Sửa chữ dán từ văn bản cũ trong các TỆP được nêu: chuyển chữ gõ bằng bảng mã TCVN3 (ABC) hoặc VNI
    sang Unicode dựng sẵn (NFC) và bỏ ký tự ẩn. Đây là lệnh duy nhất ghi vào tệp nguồn, và chỉ ghi các
    tệp được nêu; hãy xem lại thay đổi (git diff) trước khi commit."""
    from .editor.fix_encoding import FixRefused, fix_files
    try:
        results = fix_files(portal_root(root), list(files))
    except FixRefused as exc:
        raise click.UsageError(str(exc)) from None
    finish(None, messages=[r.summary() for r in results])


@click.command("cms-config", options_metavar="[TÙY CHỌN]")
@root_option
@click.option("--backend", type=click.Choice(["local", "gitlab"]), default="local", show_default=True,
              help="local: portal serve ghi vào thư mục làm việc; gitlab: GitLab của tỉnh, mỗi bài một merge request.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Thư mục ghi (mặc định build/cms; với gitlab: cả trang biên tập để đặt lên máy chủ nội bộ).")
@click.option("--repo", help="Kho GitLab dạng nhom/du-an (gitlab).")
@click.option("--base-url", help="Địa chỉ GitLab, ví dụ https://gitlab.tinh.gov.vn (gitlab).")
@click.option("--app-id", help="Application ID của ứng dụng OAuth tạo trong GitLab (gitlab).")
@click.option("--branch", default="main", show_default=True, help="Nhánh CI đăng lên cổng.")
@click.option("--site-url", help="Địa chỉ cổng (để có nút 'Xem trên cổng'); mặc định site_url trong portal.yml.")
def cms_config_cmd(root: Path, backend: str, out: Path | None, repo: str | None, base_url: str | None,
                   app_id: str | None, branch: str, site_url: str | None) -> None:
    """Sinh cấu hình trình soạn thảo trên trình duyệt (Decap CMS) từ schemas/ và danh mục.

    Không sửa tay tệp sinh ra: mỗi lần đổi danh mục, cơ quan hay phiên bản bộ công cụ, chạy lại lệnh.
    `portal serve` tự chạy lệnh này cho chế độ local."""
    from .check import check
    from .editor.cms_app import CONFIG_DIR, export_editor
    from .editor.cms_config import gitlab_backend, write_cms_config
    root = portal_root(root)
    checked = guard(lambda: check(root, law=False))
    if checked.report.errors:
        finish(checked.report, False, ["Sửa các lỗi trên trước khi sinh cấu hình trình soạn thảo."])
    if backend == "gitlab":
        missing = [name for name, value in (("--repo", repo), ("--base-url", base_url), ("--app-id", app_id))
                   if not value]
        if missing:
            raise click.UsageError("Chế độ gitlab cần " + ", ".join(missing) + ".")
        folder = out or root / "build" / "cms-gitlab"
        write_cms_config(checked.site, folder, backend=gitlab_backend(repo, base_url, app_id, branch),
                         site_url=site_url or (checked.site.config.site_url if checked.site.config else None),
                         editorial=True)
        export_editor(root, folder)
        click.echo(f"Đã ghi trang biên tập và cấu hình GitLab vào {folder}; xem docs/huong-dan-bien-tap.md, "
                   "mục 'Biên tập trên trình duyệt'.")
        return
    path = write_cms_config(checked.site, out or root / CONFIG_DIR, site_url=site_url)
    click.echo(f"Đã ghi {path}.")


def register_editor_commands(main: click.Group) -> None:
    for command in (serve_cmd, new_cmd, fix_encoding_cmd, cms_config_cmd):
        main.add_command(command)
