"""What every `portal` command shares: options, the Vietnamese framing, and the one way a command ends.

Exit codes: 0 clean, 1 content problems, 2 usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import cli_vi
from .problems import Report

cli_vi.install()          # before any option is made: click names its types when they are created

class Date(click.ParamType):
    """YYYY-MM-DD, refused with a Vietnamese example (click's own message shows strptime codes)."""

    name = "ngày"

    def convert(self, value, param, ctx):
        import datetime as dt
        if isinstance(value, dt.datetime):
            return value
        try:
            return dt.datetime.strptime(str(value).strip(), "%Y-%m-%d")
        except ValueError:
            self.fail(f"'{value}' không phải ngày dạng YYYY-MM-DD (ví dụ 2024-12-31).", param, ctx)


DATE = Date()


FOLDER = click.Path(file_okay=False, path_type=Path)
root_option = click.option("--root", type=FOLDER, default=Path("."), show_default=True, metavar="THƯ_MỤC",
                           help="Thư mục gốc của cổng (chứa content/, procedures/, policies/).")
as_of_option = click.option("--as-of", "as_of", type=DATE, default=None, metavar="NGÀY",
                            help="Ngày tham chiếu YYYY-MM-DD (mặc định: as_of trong content/portal.yml).")
index_dir_option = click.option("--index-dir", type=FOLDER, default=None, metavar="THƯ_MỤC",
                                help="Thư mục chỉ mục tìm kiếm (mặc định build/search-index trong thư mục gốc).")


class Group(click.Group):
    """Commands whose usage line reads in Vietnamese ("[TÙY CHỌN]")."""

    def command(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        return super().command(*args, **kwargs)


def day(as_of):
    return as_of.date() if as_of else None


def portal_root(root: Path) -> Path:
    if not (root / "content").is_dir():
        raise click.UsageError(f"'{root}' không phải thư mục gốc của cổng (không có thư mục content/).")
    return root


def guard(call):
    """Run a pipeline step; a bad profile or date is a usage error, not a traceback."""
    from .compliance import ProfileError
    try:
        return call()
    except ProfileError as exc:
        raise click.UsageError(str(exc)) from None


def finish(report: Report | None, ok: bool = True, messages=(), *, strict: bool = False, quiet: bool = False):
    """The one way a command ends: problems, then messages, then the exit code."""
    failed = not ok or bool(report and (report.errors or (strict and report.warnings)))
    if report is not None and (report.problems or not quiet):
        click.echo(report.format(), err=bool(report.errors))
    for message in messages:
        if message:
            click.echo(message, err=failed)
    sys.exit(1 if failed else 0)
