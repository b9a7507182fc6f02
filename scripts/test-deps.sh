#!/usr/bin/env bash
# What the tests need besides Python: Debian's nginx (the production pair), chromium (driven by
# Playwright, never a downloaded browser), Java for the Nu HTML checker, and
# Node/npm for axe-core, vnu-jar, schema-dts and Lighthouse (npm ci from the
# committed lock file). Installs what is missing when run as root; otherwise
# says what to install and fails.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/chromium ] || command -v chromium >/dev/null || need+=(chromium)
command -v java >/dev/null || need+=(default-jre-headless)
command -v npm >/dev/null || need+=(nodejs npm)
# nginx: tests/test_nginx.py runs the production pair (deploy/nginx/portal.conf in front of the workers).
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
# portal report: the PDF uses Liberation Serif 2 (Times New Roman's metrics, with Vietnamese; version 1
# lacks letters like ệ and Ủ), and tests/test_report.py reads it back with poppler's pdftotext/pdffonts.
[ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || need+=(fonts-liberation2)
command -v pdftotext >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Thiếu gói cho kiểm thử trình duyệt: ${need[*]}. Chạy: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
  echo "Cài gói Debian cho kiểm thử trình duyệt: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm ci only when the lock file changed since the last install.
stamp=node_modules/.lock-installed
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
  cp package-lock.json "$stamp"
fi
