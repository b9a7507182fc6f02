"""Open data downloads (/du-lieu-mo/): procedures, legal documents, agencies and
the compliance table as JSON and CSV, each JSON file with its JSON Schema.

JSON records are the content model as editors wrote it (the content schema)
plus `id` and `url`; CSV files hold the columns a spreadsheet user needs and
start with a byte-order mark so Excel opens the Vietnamese text correctly.
"""

from __future__ import annotations

import copy
import csv
import io
import json

from .. import urls
from ..content.model import Agency, LegalDocument, Procedure
from .context import RenderContext

BOM = "\ufeff"
BASE = urls.OPEN_DATA


def _json(data) -> str:
    # Compact: with indent the json module falls back to its pure-Python encoder (1.5 s at province scale).
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return BOM + out.getvalue()


def _file_schema(title: str, record: dict, name: str, with_ids: bool) -> dict:
    """Schema of a download: metadata plus records that follow `record`."""
    record = copy.deepcopy(record)
    defs = record.pop("$defs", {})
    record.setdefault("properties", {})
    if with_ids:
        record["properties"] = {"id": {"type": "string", "title": "Mã bản ghi (tên tệp nguồn)"},
                            "url": {"type": "string", "format": "uri", "title": "Địa chỉ trang trên cổng"},
                                **record["properties"]}
        record["required"] = ["id", "url", *record.get("required", [])]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json",
            "title": title, "type": "object", "required": ["dataset", "as_of", "licence", "records"],
            "properties": {"dataset": {"type": "string"}, "as_of": {"type": "string", "format": "date"},
                           "licence": {"type": "object"}, "records": {"type": "array", "items": record}},
            "$defs": defs}


def _records(ctx: RenderContext, entries: dict, path_of) -> list[dict]:
    return [
        {
            "id": slug,
            "url": ctx.page_url(path_of(slug)),
            **entries[slug].item.model_dump(mode="json", exclude_none=True),
        }
        for slug in sorted(entries)
    ]


def datasets(ctx: RenderContext) -> list[dict]:
    """What the page lists: name, description, files, record count."""
    site = ctx.site
    procedures = _records(ctx, site.procedures, ctx.procedure_path)
    documents = _records(ctx, site.documents, ctx.document_path)
    agencies = _records(ctx, site.agencies, ctx.agency_path)
    out = [
        {"name": "thu-tuc", "title": "Thủ tục hành chính", "model": Procedure, "records": procedures,
         "description": "Mã, tên, lĩnh vực, cấp, cơ quan thực hiện, thời hạn, phí, lệ phí, hồ sơ, căn cứ pháp lý.",
         "header": ["ma_thu_tuc", "ten_thu_tuc", "linh_vuc", "cap_thuc_hien", "co_quan_thuc_hien", "thoi_han",
                    "phi_le_phi", "dich_vu_cong_truc_tuyen", "cap_nhat", "dia_chi"],
         "rows": [[p.get("national_code", ""), ctx.procedure_name(p["id"]), ctx.sector_name(p["sector"]),
                   ctx.level_name(p["level"]), ctx.agency_name(p.get("agency")),
                   ctx.time_limit(site.procedures[p["id"]].item.time_limit),
                   ctx.fee_summary(site.procedures[p["id"]].item),
                   (p.get("online_service") or {}).get("level", ""), p.get("updated", ""), p["url"]]
                  for p in procedures]},
        {"name": "van-ban", "title": "Văn bản quy phạm pháp luật, chỉ đạo điều hành", "model": LegalDocument,
         "records": documents,
         "description": "Số, ký hiệu, loại, cơ quan ban hành, ngày ban hành, hiệu lực, tình trạng, quan hệ giữa văn "
                        "bản.",
         "header": ["so_ky_hieu", "loai_van_ban", "co_quan_ban_hanh", "ngay_ban_hanh", "ngay_hieu_luc",
                    "tinh_trang", "trich_yeu", "dia_chi"],
         "rows": [[d.get("number", ""), ctx.tax.document_types[d["type"]].name if d["type"] in ctx.tax.document_types
                   else d["type"], ctx.tax.issuers[d["issuer"]].name if d["issuer"] in ctx.tax.issuers else d["issuer"],
                   d["issued"], d.get("effective", ""), ctx.status_name(d["status"]), d.get("abstract", ""), d["url"]]
                  for d in documents]},
        {"name": "co-quan", "title": "Cơ quan, đơn vị và thư điện tử công vụ", "model": Agency, "records": agencies,
         "description": "Tên, cấp, cơ quan cấp trên, địa chỉ, điện thoại, thư điện tử, lãnh đạo.",
         "header": ["ma_co_quan", "ten_co_quan", "cap", "co_quan_cap_tren", "dia_chi_tru_so", "dien_thoai",
                    "thu_dien_tu", "dia_chi"],
         "rows": [[a["id"], a["name"], ctx.level_name(a["level"]), a.get("parent", ""), a.get("address", ""),
                   a.get("phone", ""), a.get("email", ""), a["url"]] for a in agencies]},
    ]
    result = ctx.checked.compliance
    if result is not None and result.enabled:
        from ..compliance.scorecard import scorecard, scorecard_csv
        names = {slug: e.item.short_name or e.item.name for slug, e in site.agencies.items()}
        text = scorecard_csv(scorecard(result), names)
        rows = list(csv.reader(io.StringIO(text)))
        numbers = {"so_yeu_cau": int, "so_dat": int, "so_thieu": int, "so_mien_tru": int, "ty_le_phan_tram": float}
        records = [{k: numbers.get(k, str)(v) for k, v in zip(rows[0], r, strict=False)} for r in rows[1:]]
        schema = {"type": "object", "required": rows[0], "additionalProperties": False,
                  "properties": {k: {"type": "integer" if numbers.get(k) is int else
                                     "number" if k in numbers else "string"} for k in rows[0]}}
        out.append({"name": "tuan-thu", "title": "Bảng tuân thủ cung cấp thông tin", "model": None,
                    "record_schema": schema, "records": records,
                    "description": "Số yêu cầu luật định, số đã đạt, số miễn trừ có lý do và tỷ lệ đạt theo đơn vị và "
                                   "nhóm yêu cầu.",
                    "header": rows[0], "rows": rows[1:]})
    return out


def render_open_data(ctx: RenderContext) -> tuple[dict[str, str], list[dict]]:
    licence = {"name": ctx.config.open_data_licence.name, "url": str(ctx.config.open_data_licence.url)}
    files: dict[str, str] = {}
    listed = []
    for ds in datasets(ctx):
        record = ds["model"].model_json_schema() if ds["model"] else ds["record_schema"]
        files[f"{BASE}/{ds['name']}.json"] = _json({"dataset": ds["title"], "as_of": ctx.as_of.isoformat(),
                                                    "licence": licence, "records": ds["records"]})
        files[f"{BASE}/{ds['name']}.csv"] = _csv(ds["header"], ds["rows"])
        files[f"{BASE}/{ds['name']}.schema.json"] = _json(_file_schema(ds["title"], record, ds["name"],
                                                                       with_ids=ds["model"] is not None))
        listed.append({"name": ds["name"], "title": ds["title"], "description": ds["description"],
                       "count": len(ds["records"])})
    return files, listed
