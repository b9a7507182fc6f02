"""The sample production configuration: Debian's nginx on a loopback port in front of real workers."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from test_search_service import _free_port, get, start_server

from conftest import REPO

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def production_app() -> str:
    """The app the deployed workers run, read from the systemd unit the bundle ships."""
    unit = (REPO / "deploy" / "portal-search.service").read_text(encoding="utf-8")
    command = re.search(r"^ExecStart=(.*)$", unit, re.M).group(1).split()
    assert command[0].endswith("uvicorn") and "--factory" in command
    return command[1]


@pytest.fixture
def nginx_in_front(sample_site, sample_index, tmp_path):
    assert NGINX, "nginx is not installed: `make test` installs Debian's nginx (scripts/test-deps.sh)"
    # The production pair: nginx with deploy/nginx/portal.conf in front of the workers systemd starts.
    workers, api = start_server(sample_site, sample_index, app=production_app(),
                                env={"PORTAL_RATINGS_FILE": str(tmp_path / "danh-gia.jsonl")})
    assert workers.poll() is None, workers.stderr.read().decode()
    port = _free_port()
    server_block = (REPO / "deploy" / "nginx" / "portal.conf").read_text(encoding="utf-8")
    from site_builder.publish.security_headers import nginx_lines, read_headers
    (tmp_path / "security-headers.conf").write_text(nginx_lines(read_headers(sample_site)), encoding="utf-8")
    for key, value in {"LISTEN": f"127.0.0.1:{port}", "SERVER_NAME": "localhost", "SITE_DIR": str(sample_site),
                       "SEARCH_UPSTREAM": api.removeprefix("http://"),
                       "SECURITY_HEADERS": str(tmp_path / "security-headers.conf")}.items():
        server_block = server_block.replace("{{" + key + "}}", value)
    (tmp_path / "portal.conf").write_text(server_block, encoding="utf-8")
    (tmp_path / "logs").mkdir()
    conf = tmp_path / "nginx.conf"
    # pytest's temporary folders are private (0700): workers keep the test's user.
    user = "user root;" if os.geteuid() == 0 else ""
    conf.write_text(f"""
{user}
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/logs/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log {tmp_path}/logs/access.log;
    client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi; uwsgi_temp_path {tmp_path}/uwsgi; scgi_temp_path {tmp_path}/scgi;
    include {tmp_path}/portal.conf;
}}
""", encoding="utf-8")
    check = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(tmp_path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp_path), "-g", "daemon off;"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            get(base, "/")
            break
        except OSError:
            time.sleep(0.05)
    yield base
    proc.terminate()
    proc.wait(timeout=10)
    workers.terminate()
    workers.wait(timeout=10)


def test_nginx_serves_site_and_proxies_search(nginx_in_front):
    base = nginx_in_front
    status, body, headers = get(base, "/thu-tuc/dang-ky-khai-sinh/")
    assert status == 200 and "1.001193" in body.decode("utf-8")
    assert "uvicorn" not in headers.get("server", "").lower()            # static: nginx itself
    status, body, headers = get(base, "/api/search?q=giay+phep+lai+xe")
    assert status == 200 and json.loads(body)["results"][0]["url"] == "/thu-tuc/doi-giay-phep-lai-xe/"
    status, body, _ = get(base, "/tim-kiem/?q=khai+sinh")
    assert status == 200 and 'role="status"' in body.decode("utf-8")
    status, body, _ = get(base, "/api/search?q=x&sector=khong-co")
    assert status == 400 and json.loads(body)["error"]["code"] == "unknown_filter"
    status, _, _ = get(base, "/khong-co-trang-nay/")
    assert status == 404
    assert get(base, "/healthz")[0] == 200


def test_nginx_passes_the_rating_form_to_the_workers(nginx_in_front, tmp_path):
    import urllib.request
    request = urllib.request.Request(nginx_in_front + "/api/danh-gia", method="POST",
                                     data=b"trang=%2Fthu-tuc%2Fdang-ky-khai-sinh%2F&huu_ich=co",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    try:
        status = urllib.request.build_opener(NoRedirect).open(request, timeout=5).status
    except urllib.error.HTTPError as exc:
        status = exc.code
    assert status in (200, 303), status
    assert "/thu-tuc/dang-ky-khai-sinh/" in (tmp_path / "danh-gia.jsonl").read_text(encoding="utf-8")


def test_nginx_sends_security_headers_everywhere(nginx_in_front):
    base = nginx_in_front
    for path in ("/", "/thu-tuc/dang-ky-khai-sinh/", "/tim-kiem/?q=khai+sinh", "/api/search?q=khai+sinh",
                 "/assets/portal.css"):
        status, _, headers = get(base, path)
        lower = {k.lower(): v for k, v in headers.items()}
        assert status == 200, path
        assert "script-src 'self' 'sha256-" in lower["content-security-policy"], path
        assert "frame-ancestors 'none'" in lower["content-security-policy"]
        assert lower["x-content-type-options"] == "nosniff", path
        assert lower["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in lower["permissions-policy"]
    status, body, _ = get(base, "/")
    bundle = __import__("re").search(rb'src="([^"]*bundle\.[0-9a-f]{8}\.min\.js)"', body).group(1).decode()
    _, _, headers = get(base, "/" + bundle.lstrip("./"))
    assert "immutable" in headers.get("Cache-Control", "")                # fingerprinted: a year
    _, _, headers = get(base, "/assets/portal.css")
    assert headers.get("Cache-Control") == "no-cache"                     # not fingerprinted: revalidate


def test_nginx_rate_limits_the_search_endpoint(nginx_in_front):
    import concurrent.futures as cf
    base = nginx_in_front
    with cf.ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(lambda _: get(base, "/api/search?q=ho+tich")[0], range(80)))
    assert statuses.count(429) >= 20, statuses          # burst 20, then 10 per second per address
    assert statuses.count(200) >= 20
    assert get(base, "/thu-tuc/dang-ky-khai-sinh/")[0] == 200          # pages are not limited
