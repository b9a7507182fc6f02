"""What mkdocs writes, made right for the portal: theme markup the HTML checker rejects, tables
that fit a phone, the sitemap's dates, robots.txt. Plain text transforms; no mkdocs import."""

from __future__ import annotations

import gzip
import html
import re
from pathlib import Path

# Material's drawer and search toggles are checkboxes with autocomplete="off" (not allowed there).
_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
# The table of contents' title is a <label for="__toc">; the checkbox exists only in some layouts.
_TOC_LABEL = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.S)

_TABLE = re.compile(r"<table(?P<attrs>[^>]*)>(?P<body>.*?)</table>", re.S)
_HEAD_CELL = re.compile(r"<th(?:\s[^>]*)?>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr(?P<attrs>[^>]*)>(?P<cells>.*?)</tr>", re.S)
_CELL = re.compile(r"<(?P<tag>td|th)(?P<attrs>(?:\s[^>]*)?)>(?P<text>.*?)</(?P=tag)>", re.S)
_TAGS = re.compile(r"<[^>]+>")
# Document numbers, dates, codes and amounts that must not break inside ("60/2014/QH13", "20/11/2014").
_TOKEN = re.compile(r"(?<![\w/.-])(\d[\w.]*(?:[/.-][\wĐđ]+)+|\d{1,3}(?:\.\d{3})+(?:\s?đồng)?)(?![\w/-])")


def fix_theme_markup(page: str) -> str:
    page = _TOGGLE.sub(r"\1", page)
    if 'id="__toc"' not in page:
        page = _TOC_LABEL.sub(r'<div class="md-nav__title">\1</div>', page)
    return page


def fit_tables(content: str) -> str:
    """Tables of a page's content: header cells named on every data cell (so a phone shows a
    table of three columns or more as stacked label: value rows, portal.css), columns no row
    fills dropped, numbers and dates kept whole."""
    return _TABLE.sub(_fit_table, content)


def _text(fragment: str) -> str:
    return html.unescape(_TAGS.sub("", fragment)).strip()


def _fit_table(match: re.Match) -> str:
    attrs, body = match.group("attrs"), match.group("body")
    if "thead" not in body:
        return match.group(0)
    head, _, rest = body.partition("</thead>")
    labels = [_text(h) for h in _HEAD_CELL.findall(head)]
    rows = [[c.group("text") for c in _CELL.finditer(r.group("cells"))] for r in _ROW.finditer(rest)]
    width = len(labels)
    if not width or any(len(r) != width for r in rows):
        return match.group(0)            # spans or odd rows: leave the table as it is
    empty = {i for i in range(width) if rows and all(not _text(r[i]) for r in rows)}
    if len(empty) == width:
        empty = set()

    def cells(fragment: str) -> str:
        out, index = [], 0
        for c in _CELL.finditer(fragment):
            if index not in empty:
                text = _TOKEN.sub(r'<span class="nowrap">\1</span>', c.group("text")) if c.group("tag") == "td" \
                    else c.group("text")
                label = f' data-label="{html.escape(labels[index], quote=True)}"' if c.group("tag") == "td" else ""
                out.append(f'<{c.group("tag")}{c.group("attrs")}{label}>{text}</{c.group("tag")}>')
            index += 1
        return "\n".join(out)

    new_head = _ROW.sub(lambda r: f'<tr{r.group("attrs")}>\n{cells(r.group("cells"))}\n</tr>', head)
    new_rest = _ROW.sub(lambda r: f'<tr{r.group("attrs")}>\n{cells(r.group("cells"))}\n</tr>', rest)
    # Two columns fit a phone as they are; wider tables stack their rows there (portal.css).
    stack = ' class="portal-table"' if width - len(empty) >= 3 and "class=" not in attrs else attrs
    return f"<table{stack}>{new_head}</thead>{new_rest}</table>"


def write_robots(site_dir: Path, site_url: str) -> None:
    base = site_url.rstrip("/") + "/"
    (site_dir / "robots.txt").write_text(
        "User-agent: *\nAllow: /\n# The API answers queries; it is not pages. (The results page stays crawlable: a\n"
        "# citizen's search engine may send them to it.)\n"
        f"Disallow: /api/\nSitemap: {base}sitemap.xml\n", encoding="utf-8")


_URL_ENTRY = re.compile(r"\s*<url>\s*<loc>(?P<loc>[^<]+)</loc>(?P<rest>.*?)</url>", re.S)
_LASTMOD = re.compile(r"<lastmod>[^<]*</lastmod>")


def rewrite_sitemap(site_dir: Path, dates: dict[str, str], leave_out: set[str]) -> None:
    """Each page's own content date as lastmod (mkdocs writes the build date on every page), and
    the pages that are not content (the rating thank-you page) left out. dates: url path → ISO date."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")

    def entry(m: re.Match) -> str:
        loc = m.group("loc")
        path = "/" + loc.split("://", 1)[-1].split("/", 1)[-1] if "://" in loc else loc
        if any(path.rstrip("/").endswith(x.rstrip("/")) for x in leave_out):
            return ""
        rest = m.group("rest")
        date = dates.get(path) or dates.get(path.rstrip("/") + "/")
        if date:
            rest = _LASTMOD.sub(f"<lastmod>{date}</lastmod>", rest) if "<lastmod>" in rest \
                else f"\n         <lastmod>{date}</lastmod>{rest}"
        return f"\n    <url>\n         <loc>{loc}</loc>{rest}</url>"

    text = _URL_ENTRY.sub(entry, text)
    sitemap.write_text(text, encoding="utf-8")
    with gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=0) as gz:
        gz.write(text.encode("utf-8"))
