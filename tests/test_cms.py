"""The browser editor's configuration and local backend, without a browser (tests/test_cms_browser.py
drives the real CMS)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from site_builder.content.loading import load_site
from site_builder.content.schemas import schema_of
from site_builder.editor.cms_backend import Refused, handle
from site_builder.editor.cms_config import cms_config, collections_spec
from site_builder.problems import Report

from conftest import REPO, copy_sample


def _paths(node: dict, defs: dict, prefix: str = "") -> set[str]:
    out = set()
    for name, prop in node.get("properties", {}).items():
        out.add(prefix + name)
        for option in [prop, *prop.get("anyOf", []), prop.get("items", {})]:
            ref = option.get("$ref") or (option.get("items") or {}).get("$ref")
            if ref:
                out |= _paths(defs[ref.rsplit("/", 1)[-1]], defs, prefix + name + ".")
    return out


def _config_paths(fields: list[dict], prefix: str = "") -> set[str]:
    out = set()
    for f in fields:
        out.add(prefix + f["name"])
        out |= _config_paths(f.get("fields", []), prefix + f["name"] + ".")
    return out


def test_every_schema_field_has_a_form_field():
    config = cms_config(load_site(REPO, Report()))
    by_name = {c["name"]: c for c in config["collections"]}
    for spec in collections_spec():
        schema = schema_of(spec["schema"])
        missing = _paths(schema, schema.get("$defs", {})) - _config_paths(by_name[spec["name"]]["fields"])
        assert not missing, f"{spec['schema']}: no form field for {sorted(missing)}"


def test_fields_carry_labels_selects_dates_patterns_and_articles():
    config = cms_config(load_site(REPO, Report()))
    procedure = {f["name"]: f for f in config["collections"][0]["fields"]}
    assert procedure["sector"]["widget"] == "select" and {"label": "Hộ tịch", "value": "ho-tich"} in \
        procedure["sector"]["options"]
    assert procedure["steps"]["widget"] == "list" and procedure["steps"]["required"]
    assert "Nghị định 63/2010/NĐ-CP, Điều 8 khoản 2 điểm b" in procedure["steps"]["hint"]
    assert procedure["updated"]["widget"] == "datetime" and procedure["updated"]["format"] == "YYYY-MM-DD"
    assert procedure["national_code"]["pattern"][0] == r"^\d\.\d{6}$"
    document = {f["name"]: f for f in config["collections"][1]["fields"]}
    assert {o["value"] for o in document["status"]["options"]} >= {"in_force", "expired", "partly_expired"}
    assert config["locale"] == "vi"
    yaml.safe_dump(config, allow_unicode=True)


@pytest.fixture
def portal(tmp_path):
    return copy_sample(tmp_path / "portal")


def _resaved(text: str, markdown: bool) -> str:
    """What another serialiser (no comments, its own quoting and order) sends for the same data."""
    if markdown:
        front, body = text[4:].split("\n---\n", 1)
        return "---\n" + yaml.safe_dump(yaml.safe_load(front), allow_unicode=True, sort_keys=True) + "---\n" + body
    return yaml.safe_dump(yaml.safe_load(text), allow_unicode=True, sort_keys=True)


def test_saving_unchanged_entries_keeps_every_byte(portal):
    files = [p for spec in collections_spec()
             for p in sorted((portal / spec["folder"]).rglob("*." + spec["extension"]))]
    assert len(files) > 100
    for path in files:
        rel = path.relative_to(portal).as_posix()
        before = path.read_bytes()
        raw = _resaved(before.decode("utf-8"), rel.endswith(".md"))
        answer = handle(portal, {"action": "persistEntry", "params": {"dataFiles": [{"path": rel, "raw": raw}]}})
        assert answer["files"][0]["written"] is False, rel
        assert path.read_bytes() == before, rel


def test_a_path_outside_the_content_folders_is_refused(portal):
    for rel in ("../etc/passwd", "site/index.html", "procedures/ho-tich/../../x.yml", "content/portal.yml"):
        with pytest.raises(Refused):
            handle(portal, {"action": "getEntry", "params": {"path": rel}})
    with pytest.raises(Refused):
        handle(portal, {"action": "deleteFile", "params": {"path": "procedures/ho-tich/dang-ky-khai-sinh.yml"}})


def test_new_entries_get_the_address_portal_new_gives(portal):
    from site_builder.editor.scaffold import address_of
    assert address_of(portal, "procedure", {"name": "Thủ tục đăng ký khai sinh lưu động", "sector": "ho-tich"}) \
        == "procedures/ho-tich/dang-ky-khai-sinh-luu-dong.yml"
    answer = handle(portal, {"action": "portalAddress", "params": {"collection": "documents", "data": {
        "type": "nghi-dinh", "number": "123/2015/NĐ-CP", "issued": "2015-11-15"}}})
    assert answer == {"path": "policies/2015/nghi-dinh-123-2015-nd-cp.md", "folder": "2015",
                      "address": "nghi-dinh-123-2015-nd-cp"}


def test_hostile_saves_are_refused_without_writing(portal):
    rel = "procedures/ho-tich/dang-ky-khai-sinh.yml"
    before = (portal / rel).read_bytes()
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b]\n"
    for raw in (bomb, "- just\n- a list\n", "name: [unclosed\n", 12):
        with pytest.raises(Refused):
            handle(portal, {"action": "persistEntry", "params": {"dataFiles": [{"path": rel, "raw": raw}]}})
    with pytest.raises(Refused):      # a new entry cannot overwrite an existing file
        handle(portal, {"action": "persistEntry", "params": {"options": {"newEntry": True}, "dataFiles": [
            {"path": "procedures/ho-tich/x.yml", "raw": "name: Thủ tục đăng ký khai sinh\nsector: ho-tich\n"}]}})
    assert (portal / rel).read_bytes() == before
    assert not (portal / "procedures/ho-tich/x.yml").exists()


def test_gitlab_set_up_is_generated_with_the_editorial_workflow(portal, tmp_path):
    import subprocess
    import sys
    portal_cmd = str(Path(sys.executable).parent / "portal")
    out = tmp_path / "cms-gitlab"
    missing = subprocess.run([portal_cmd, "cms-config", "--root", str(portal), "--backend", "gitlab"],
                             capture_output=True, text=True)
    assert missing.returncode != 0 and "--repo" in missing.stderr and "Traceback" not in missing.stderr
    done = subprocess.run([portal_cmd, "cms-config", "--root", str(portal), "--backend", "gitlab", "--repo",
                           "so-tttt/cong-thong-tin", "--base-url", "https://gitlab.tinh.gov.vn/", "--app-id", "abc",
                           "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    config = yaml.safe_load((out / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["name"] == "gitlab" and config["backend"]["api_root"] == "https://gitlab.tinh.gov.vn/api/v4"
    assert config["backend"]["auth_type"] == "pkce" and config["publish_mode"] == "editorial_workflow"
    for name in ("index.html", "portal-cms.js", "cms-before.js", "locale-vi.js", "portal-codes.json",
                 "decap/decap-cms.js", "yaml/index.js"):
        assert (out / name).is_file(), name


def test_any_request_shape_is_answered_with_a_sentence(tmp_path_factory):
    """Whatever JSON reaches the backend, it either answers or refuses with a Vietnamese sentence (Refused);
    no other exception (the endpoint would have to turn it into a generic error)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    root = copy_sample(tmp_path_factory.mktemp("fuzz") / "portal")
    before = {p: p.stat().st_mtime_ns for p in (root / "procedures").rglob("*.yml")}
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20),
                        st.sampled_from(["procedures", "policies", "../x", "procedures/ho-tich/dang-ky-khai-sinh.yml"]))
    values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["path", "raw", "folder", "files", "dataFiles", "options", "newEntry", "data", "collection"]),
        inner, max_size=3), max_leaves=8)
    actions = st.sampled_from(["entriesByFolder", "entriesByFiles", "getEntry", "persistEntry", "deleteFile",
                               "getMedia", "portalAddress", "info", "nope", None, 3])

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(actions, values)
    def probe(action, params):
        try:
            handle(root, {"action": action, "params": params})
        except Refused as exc:
            assert str(exc) and not str(exc).startswith("Traceback")

    probe()
    after = {p: p.stat().st_mtime_ns for p in (root / "procedures").rglob("*.yml")}
    assert after == before        # nothing valid was sent: nothing written
