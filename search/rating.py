"""`POST /api/danh-gia`: the "Trang này có hữu ích không?" answers (Decree 224/2026
Art. 10(3): citizens rate satisfaction online, confidentially).

Confidential by construction: a line holds the day, the page path and the answer;
no address, cookie or time of day is kept. One short O_APPEND write per answer,
so several workers can append to the same file safely.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse

log = logging.getLogger("portal.rating")
ANSWERS = {"co": True, "khong": False}
THANKS = "/cam-on-danh-gia/"
MAX_BODY = 2048


def ratings_file() -> Path:
    return Path(os.environ.get("PORTAL_RATINGS_FILE", "build/danh-gia.jsonl"))


def _bad(message: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error": {"code": "bad_rating", "message": message}}, status_code=400)


async def rate(request: Request):
    try:
        body = await request.body()
        if len(body) > MAX_BODY:
            return _bad("Dữ liệu đánh giá quá dài.")
        try:
            form = parse_qs(body.decode("utf-8", "replace"), max_num_fields=10)
        except ValueError:          # more fields than the form has: not a 503, the sender's mistake
            return _bad("Dữ liệu đánh giá không hợp lệ.")
        page = (form.get("trang") or [""])[0]
        answer = (form.get("huu_ich") or [""])[0]
        if answer not in ANSWERS:
            return _bad("Chọn 'Có' hoặc 'Không'.")
        if not page.startswith("/") or page.startswith("//") or len(page) > 300:
            return _bad("Thiếu địa chỉ trang được đánh giá.")
        line = json.dumps({"date": dt.date.today().isoformat(), "page": page, "useful": ANSWERS[answer]},
                          ensure_ascii=False) + "\n"
        path = ratings_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o640)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)
    except Exception:   # never a 500
        log.exception("rating not recorded")
        return JSONResponse({"ok": False, "error": {"code": "internal", "message":
                             "Chưa ghi nhận được đánh giá. Vui lòng thử lại sau."}}, status_code=503)
    return RedirectResponse(THANKS, status_code=303)
