"""How many processes a build may use: PORTAL_BUILD_WORKERS, else every core."""

from __future__ import annotations

import os


def workers_wanted() -> int:
    value = os.environ.get("PORTAL_BUILD_WORKERS", "")
    return max(1, int(value)) if value.isdigit() else (os.cpu_count() or 1)
