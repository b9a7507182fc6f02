"""What other systems read from the built sample portal: schema.org JSON-LD,
Dublin Core, Atom feeds, open data downloads with their JSON Schemas."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from schemaorg import Vocabulary

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://yenbai.gov.vn/"


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.jsonld: list[str] = []
        self.meta: dict[str, str] = {}
        self.links: list[dict] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True
            self.jsonld.append("")
        elif tag == "meta" and a.get("name", "").startswith("DC."):
            self.meta[a["name"]] = a.get("content", "")
        elif tag == "link":
            self.links.append(a)

    def handle_endtag(self, tag):
        self._in_ld = False if tag == "script" else self._in_ld

    def handle_data(self, data):
        if self._in_ld:
            self.jsonld[-1] += data


def head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def local(site: Path, url: str) -> Path:
    """The built file behind an absolute portal URL."""
    assert url.startswith(SITE_URL), url
    rel = url[len(SITE_URL):].split("#")[0]
    return site / rel / "index.html" if not rel or rel.endswith("/") else site / rel


def test_every_json_ld_block_is_valid_schema_org(sample_site):
    vocab = Vocabulary.load()
    seen: dict[str, int] = {}
    errors = []
    for page in sorted(sample_site.rglob("index.html")):
        for block in head(page).jsonld:
            data = json.loads(block)
            kinds = [n["@type"] for n in data.get("@graph", [data])]
            for k in kinds:
                seen[k] = seen.get(k, 0) + 1
            errors += [f"{page.relative_to(sample_site)}: {e}" for e in vocab.validate(data)]
    assert not errors, "\n".join(errors[:30])
    assert seen.get("GovernmentService") == 41 and seen.get("Legislation", 0) >= 52
    assert seen.get("GovernmentOrganization", 0) >= 22 and seen.get("WebSite") == 1


def test_legislation_json_ld_says_what_the_page_says(sample_site):
    page = sample_site / "van-ban/2011/nghi-dinh-43-2011-thong-tin-dich-vu-cong-truc-tuyen/index.html"
    data = json.loads(head(page).jsonld[0])
    assert data["legislationIdentifier"] == "43/2011/NĐ-CP"
    assert data["legislationDate"] == "2011-06-13"
    assert data["legislationLegalForce"] == "NotInForce"
    replacing = json.loads(
        head(sample_site / "van-ban/2022/nghi-dinh-42-2022-thong-tin-dich-vu-cong-truc-tuyen/index.html").jsonld[0]
    )
    assert any(c["legislationIdentifier"] == "43/2011/NĐ-CP" for c in replacing["legislationChanges"])
    vbhn = json.loads(head(sample_site / "van-ban/2023/van-ban-hop-nhat-1843-2023-vbhn-btp/index.html").jsonld[0])
    assert vbhn["legislationConsolidates"][0]["legislationIdentifier"] == "123/2015/NĐ-CP"
    service = json.loads(head(sample_site / "thu-tuc/dang-ky-khai-sinh/index.html").jsonld[0])
    assert service["identifier"] == "1.001193" and service["@type"] == "GovernmentService"
    for ref in (service["provider"]["@id"], data["@id"]):
        assert local(sample_site, ref).is_file(), ref


@pytest.mark.parametrize("rel", ["index.html", "gioi-thieu/index.html", "thu-tuc/dang-ky-khai-sinh/index.html",
                                 "van-ban/2014/luat-ho-tich-2014/index.html", "co-quan/so-tu-phap/index.html",
                                 "du-an/index.html", "en/introduction/index.html", "en/contacts/index.html"])
def test_dublin_core_mandatory_elements(sample_site, rel):
    meta = head(sample_site / rel).meta
    for element in ("title", "creator", "date", "description", "publisher", "identifier"):   # Circular 24/2011 Art. 5
        assert meta.get(f"DC.{element}", "").strip(), (rel, element)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", meta["DC.date"])
    assert meta["DC.language"] == ("en" if rel.startswith("en/") else "vi")


@pytest.mark.parametrize("feed", ["feeds/van-ban.xml", "feeds/thu-tuc.xml"])
def test_atom_feeds(sample_site, feed):
    root = ET.parse(sample_site / feed).getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    entries = root.findall(f"{ATOM}entry")
    assert 10 <= len(entries) <= 50
    stamps = [e.find(f"{ATOM}updated").text for e in entries]
    assert stamps == sorted(stamps, reverse=True)                     # newest first
    for e in entries:
        assert local(sample_site, e.find(f"{ATOM}link").get("href")).is_file()
        assert e.find(f"{ATOM}summary").text.strip()
    # linked from every page's head, and visibly from the listing page
    links = [a for a in head(sample_site / "index.html").links
             if a.get("type") == "application/atom+xml" and "alternate" in a.get("rel", "").split()]
    assert {Path(a["href"]).name for a in links} == {"van-ban.xml", "thu-tuc.xml"}
    listing = "van-ban/index.html" if "van-ban" in feed else "thu-tuc/index.html"
    assert Path(feed).name in (sample_site / listing).read_text(encoding="utf-8")


def test_feeds_are_the_same_for_the_same_content(sample_site, tmp_path):
    from conftest import run_portal
    out = tmp_path / "gen"
    assert run_portal("generate", "--out", str(out)).returncode == 0
    for feed in ("feeds/van-ban.xml", "feeds/thu-tuc.xml"):
        assert (out / feed).read_bytes() == (sample_site / feed).read_bytes()


@pytest.mark.parametrize("name,count", [("thu-tuc", 41), ("van-ban", 54), ("co-quan", 22), ("tuan-thu", None)])
def test_open_data_downloads_validate_against_their_schemas(sample_site, name, count):
    base = sample_site / "du-lieu-mo"
    data = json.loads((base / f"{name}.json").read_text(encoding="utf-8"))
    schema = json.loads((base / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["licence"]["url"].startswith("https://creativecommons.org/")
    if count is not None:
        assert len(data["records"]) == count
    raw = (base / f"{name}.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())                             # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) - 1 == len(data["records"])
    page = (base / "index.html").read_text(encoding="utf-8")
    for ext in ("json", "csv", "schema.json"):
        assert f'href="{name}.{ext}"' in page


def test_a_broken_record_fails_its_schema(sample_site):
    base = sample_site / "du-lieu-mo"
    data = json.loads((base / "thu-tuc.json").read_text(encoding="utf-8"))
    schema = json.loads((base / "thu-tuc.schema.json").read_text(encoding="utf-8"))
    del data["records"][0]["url"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
