"""A self-contained mkdocs config for a tree written by `portal generate`.

CI (or another builder that reads mkdocs.yml) can then build the generated
Markdown without our plugin: the values the plugin would inject are written
out explicitly.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..check import Checked
from ..render import has_english, nav_of

DEFAULTS = Path(__file__).resolve().parent / "mkdocs.default.yml"
THEME = Path(__file__).resolve().parent.parent / "theme"


def write_standalone_config(root: Path, docs: Path, config_path: Path, checked: Checked) -> None:
    portal = checked.site.config
    logo = "assets/bieu-trung" + Path(portal.emblem).suffix
    # JSON is valid YAML; INHERIT keeps theme and Markdown settings in one place.
    config = {
        "INHERIT": str(DEFAULTS),
        "site_name": portal.portal_name,
        "site_url": portal.site_url,
        "docs_dir": str(docs.resolve()),
        "theme": {"name": "material", "custom_dir": str(THEME), "logo": logo, "favicon": logo},
        "plugins": [],
        "nav": nav_of(checked),
        "extra": {"generator": False, "portal": portal.model_dump(mode="json"), "has_english": has_english(checked)},
    }
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text(json.dumps(config, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
