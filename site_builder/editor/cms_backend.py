"""The browser editor's local backend: Decap CMS's proxy protocol, served by `portal serve`.

Decap posts {action, params} to /quan-tri/api/v1. Entries are read from and written into the
working tree, like decap-server does, with three differences that make it the portal's own:
- a save is checked exactly like `portal check FILE` before anything is written (the entry is
  handed to the loader as an overlay), and refused with the Vietnamese problems otherwise;
- only the changed values are written (cms_files.py), so the rest of the file keeps its bytes;
- a new entry gets the address `portal new` would give (scaffold.py), never the CMS's own slug.
Only the content folders of the collections can be read or written; nothing is deleted.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse

from .. import codes
from ..check import CHECK_CACHE, check
from ..content.cache import LoadCache
from ..problems import Report
from .cms_config import collections_spec
from .cms_files import NotAnEntry, compose, parse_entry
from .scaffold import ScaffoldError, address_of

NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_BYTES = 2 * 2**20


class Refused(Exception):
    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.status = status


def _folders() -> dict[str, dict]:
    return {spec["folder"]: spec for spec in collections_spec()}


def _spec_of(rel: str) -> dict:
    """The collection a path belongs to; refuses anything outside the content folders."""
    for folder, spec in _folders().items():
        if not rel.startswith(folder + "/"):
            continue
        inner = rel[len(folder) + 1:]
        parts = inner.split("/")
        stem, dot, ext = parts[-1].rpartition(".")
        if (len(parts) == spec["depth"] and dot and ext == spec["extension"]
                and all(NAME.fullmatch(p) for p in parts[:-1] + [stem])):
            return spec
    raise Refused(f"Đường dẫn '{rel}' không thuộc thư mục nội dung nào mà trình soạn thảo được sửa.", 403)


def _entry(root: Path, rel: str) -> dict:
    raw = (root / rel).read_bytes()
    return {"data": raw.decode("utf-8"), "file": {"path": rel, "id": hashlib.sha1(raw).hexdigest()}}


def _list(root: Path, folder: str, extension: str, depth: int) -> list[dict]:
    spec = _folders().get(folder.strip("/"))
    if spec is None:
        raise Refused(f"Không có bộ sưu tập ở thư mục '{folder}'.", 404)
    pattern = "/".join(["*"] * spec["depth"]) + f".{spec['extension']}"
    out = []
    for path in sorted((root / spec["folder"]).glob(pattern)):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and not path.is_symlink() and not any(p.startswith(".") for p in rel.split("/")):
            out.append(_entry(root, rel))
    return out


def _problems(report: Report, rel: str) -> list[str]:
    return [f"{p.path}{':' + str(p.line) if p.line else ''}: {p.message} {p.hint}".strip()
            for p in report.sorted() if p.severity == "error" and (p.path == rel or codes.is_cross_file(p.code))]


def persist(root: Path, data_file: dict, new_entry: bool) -> dict:
    """Check and write one entry; returns {path, written}. Raises Refused with the problems."""
    rel = str(data_file.get("path") or "")
    spec = _spec_of(rel)
    raw = data_file.get("raw")
    if not isinstance(raw, str) or len(raw.encode("utf-8")) > MAX_BYTES:
        raise Refused("Nội dung gửi lên không hợp lệ hoặc quá lớn (tối đa 2 MB).", 400)
    markdown = spec["extension"] == "md"
    try:
        data = parse_entry(raw, markdown)
    except NotAnEntry as exc:
        raise Refused(f"Nội dung gửi lên không đọc được: {exc}.", 400) from None
    if new_entry:
        try:
            rel = address_of(root, spec["schema"], data)
        except ScaffoldError as exc:
            raise Refused(str(exc)) from None
        if (root / rel).exists():
            raise Refused(f"Đã có tệp {rel}: mở tệp đó để sửa, hoặc đặt tên khác cho mục mới.", 409)
        old = None
    else:
        try:
            old = (root / rel).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise Refused(f"Không còn tệp {rel} (có thể đã bị đổi tên hoặc xóa): tải lại trang.", 404) from None
    text = compose(old, data, rel, markdown)
    if old is not None and text == old:
        return {"path": rel, "written": False}
    with _lock(root):
        cache = LoadCache.read(root / CHECK_CACHE)
        checked = check(root, cache=cache, overlay={rel: text})
        problems = _problems(checked.report, rel)
        if problems:
            raise Refused("Chưa lưu " + rel + " vì còn lỗi:\n" + "\n".join(f"• {p}" for p in problems))
        _write(root / rel, text)
    return {"path": rel, "written": True}


class _lock:
    """One save at a time across the server's worker processes."""

    def __init__(self, root: Path):
        self.path = root / "build" / "cms.lock"

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self.fd, fcntl.LOCK_EX)

    def __exit__(self, *exc):
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.cms-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    if path.exists():
        os.chmod(tmp, path.stat().st_mode & 0o777)
    os.replace(tmp, path)


def _dicts(value, what: str) -> list[dict]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise Refused(f"Yêu cầu không hợp lệ: {what} phải là danh sách.", 400)
    return value


def handle(root: Path, body: dict) -> object:
    action, params = body.get("action"), body.get("params") or {}
    if not isinstance(params, dict) or not isinstance(action, (str, type(None))):
        raise Refused("Yêu cầu không hợp lệ: thiếu action hoặc params.", 400)
    if action == "info":
        return {"repo": root.name, "publish_modes": ["simple"], "type": "local_git"}
    if action == "entriesByFolder":
        return _list(root, str(params.get("folder", "")), str(params.get("extension", "")), params.get("depth", 1))
    if action == "entriesByFiles":
        return [_entry(root, rel) for rel in (str(f.get("path", "")) for f in _dicts(params.get("files", []), "files"))
                if _spec_of(rel) and (root / rel).is_file()]
    if action == "getEntry":
        rel = str(params.get("path", ""))
        _spec_of(rel)
        if not (root / rel).is_file():
            raise Refused(f"Không có tệp {rel}.", 404)
        return _entry(root, rel)
    if action == "persistEntry":
        files = _dicts(params.get("dataFiles") or [], "dataFiles")
        if params.get("assets"):
            raise Refused("Trình soạn thảo chưa nhận tệp đính kèm: chép tệp vào content/files/ qua git.", 400)
        options = params.get("options") or {}
        new_entry = bool(options.get("newEntry")) if isinstance(options, dict) else False
        saved = [persist(root, f, new_entry) for f in files]
        return {"message": "Đã lưu", "files": saved}
    if action in ("getMedia",):
        return []
    if action in ("deleteFile", "deleteFiles"):
        raise Refused("Không xóa nội dung qua trình soạn thảo: thủ tục bãi bỏ ghi 'withdrawn', văn bản hết hiệu "
                      "lực ghi 'status: expired', để lịch sử còn trên cổng.", 403)
    if action == "portalAddress":
        spec = next((s for s in collections_spec() if s["name"] == params.get("collection")), None)
        if spec is None:
            raise Refused("Không có bộ sưu tập này.", 404)
        try:
            data = params.get("data") or {}
            rel = address_of(root, spec["schema"], data if isinstance(data, dict) else {})
        except ScaffoldError as exc:
            raise Refused(str(exc)) from None
        inner = rel[len(spec["folder"]) + 1:].rsplit(".", 1)[0]
        folder, _, address = inner.rpartition("/")
        return {"path": rel, "folder": folder, "address": address}
    raise Refused(f"Trình soạn thảo gửi yêu cầu chưa hỗ trợ: {action}.", 400)


async def endpoint(request: Request) -> JSONResponse:
    """POST /quan-tri/api/v1. Same-origin JSON only: a page elsewhere cannot write content."""
    root = Path(os.environ["PORTAL_CMS_ROOT"])
    origin = request.headers.get("origin")
    host = request.headers.get("host", "")
    if origin and origin.split("://", 1)[-1] != host:
        return JSONResponse({"error": "Yêu cầu từ trang khác bị từ chối."}, status_code=403)
    if not request.headers.get("content-type", "").startswith("application/json"):
        return JSONResponse({"error": "Cần gửi JSON."}, status_code=415)
    if int(request.headers.get("content-length") or 0) > 2 * MAX_BYTES:
        return JSONResponse({"error": "Nội dung gửi lên quá lớn (tối đa 2 MB)."}, status_code=413)
    try:
        body = await request.json()
        if not isinstance(body, dict):
            raise ValueError
    except ValueError:
        return JSONResponse({"error": "Yêu cầu không phải JSON hợp lệ."}, status_code=400)
    try:
        return JSONResponse(handle(root, body))
    except Refused as exc:
        return JSONResponse({"error": str(exc)}, status_code=exc.status)
    except (RecursionError, UnicodeDecodeError) as exc:
        return JSONResponse({"error": f"Nội dung không đọc được ({type(exc).__name__}); chưa ghi gì."}, status_code=400)
    except Exception as exc:         # the editor must see a sentence, never a bare 500
        return JSONResponse({"error": f"Không xử lý được yêu cầu ({type(exc).__name__}); nội dung chưa được ghi. "
                                      "Báo cho bộ phận CNTT kèm thời điểm."}, status_code=422)
