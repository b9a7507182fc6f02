"""The Jinja environment of the page templates (Markdown out), and rendering one page with it."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import markupsafe

from . import structured
from .context import CHANNELS, ONLINE_LEVELS, PROCEDURE_TYPES, PROJECT_STATUS, RenderContext, cell

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    autoescape=False,  # Markdown, not HTML; content is sanitised at the HTML stage
)
_ENV.filters["cell"] = cell
_ENV.filters["jsonld"] = structured.serialise
_ENV.filters["h"] = lambda value: str(markupsafe.escape(value))  # for the few raw-HTML blocks
_ENV.filters["q"] = lambda value: json.dumps(value, ensure_ascii=False)  # a YAML-safe string
_ENV.globals.update(CHANNELS=CHANNELS, ONLINE_LEVELS=ONLINE_LEVELS, PROJECT_STATUS=PROJECT_STATUS,
                    PROCEDURE_TYPES=PROCEDURE_TYPES)


def render(template: str, path: str, ctx: RenderContext, **values) -> str:
    def link(to: str) -> str:
        return ctx.link(path, to)

    def html_link(to: str) -> str:
        return ctx.html_link(path, to)
    return _ENV.get_template(template).render(ctx=ctx, link=link, html_link=html_link, path=path, **values)
