"""Pydantic validation errors → Vietnamese problems with lines and hints."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..codes import C
from ..problems import Report
from .sources import YamlDoc

_MESSAGES = {
    "missing": ("Thiếu trường bắt buộc '{field}'.", "Thêm dòng '{key}: …' (xem mô tả trường trong JSON Schema ở thư "
                                                    "mục schemas/)."),
    "string_type": ("Trường '{field}' phải là văn bản.", "Đặt giá trị trong dấu nháy kép, ví dụ {field}: \"{value}\"."),
    "int_type": ("Trường '{field}' phải là số nguyên.", "Chỉ ghi chữ số, không có dấu chấm ngăn cách hay đơn vị (ví dụ "
                                                        "200000)."),
    "int_parsing": ("Trường '{field}' phải là số nguyên, nhận được '{value}'.", "Chỉ ghi chữ số, không có dấu chấm "
                                                                                "ngăn cách hay đơn vị (ví dụ 200000)."),
    "int_from_float": ("Trường '{field}' phải là số nguyên, nhận được '{value}'.", "Bỏ phần thập phân; tiền ghi bằng "
                                                                                   "đồng, ví dụ 200000."),
    "float_type": ("Trường '{field}' phải là số.", "Ghi số, ví dụ 3 hoặc 1.5."),
    "float_parsing": ("Trường '{field}' phải là số, nhận được '{value}'.", "Ghi số, ví dụ 3 hoặc 1.5."),
    "bool_type": ("Trường '{field}' chỉ nhận true hoặc false.", "Ghi true hoặc false (không dấu nháy)."),
    "bool_parsing": ("Trường '{field}' chỉ nhận true hoặc false, nhận được '{value}'.", "Ghi true hoặc false (không "
                                                                                        "dấu nháy)."),
    "date_type": ("Trường '{field}' phải là ngày.", "Ghi ngày dạng YYYY-MM-DD, ví dụ 2024-12-31."),
    "date_parsing": ("Trường '{field}' không phải ngày hợp lệ: '{value}'.", "Ghi ngày dạng YYYY-MM-DD, ví dụ "
                                                                            "2024-12-31 (không dùng 31/12/2024)."),
    "date_from_datetime_parsing": ("Trường '{field}' không phải ngày hợp lệ: '{value}'.", "Ghi ngày dạng YYYY-MM-DD, "
                                                                                          "ví dụ 2024-12-31 (không "
                                                                                          "dùng 31/12/2024)."),
    "date_from_datetime_inexact": ("Trường '{field}' phải là ngày, không kèm giờ.", "Ghi ngày dạng YYYY-MM-DD."),
    "list_type": ("Trường '{field}' phải là danh sách.", "Viết mỗi phần tử trên một dòng bắt đầu bằng '- '."),
    "dict_type": ("'{field}' phải là một nhóm trường (bảng), không phải {got}.", "Viết các trường con thụt lề bên "
                                                                                 "dưới, dạng 'ten: giá trị'."),
    "model_type": ("'{field}' phải là một nhóm trường (bảng), không phải {got}.", "Viết các trường con thụt lề bên "
                                                                                  "dưới, dạng 'ten: giá trị'."),
    "model_attributes_type": ("'{field}' phải là một nhóm trường (bảng), không phải {got}.", "Viết các trường con thụt "
                                                                                             "lề bên dưới, dạng 'ten: "
                                                                                             "giá trị'."),
    "too_short": ("Trường '{field}' không được để trống.", "Ghi ít nhất một giá trị."),
    "string_too_short": ("Trường '{field}' không được để trống.", "Ghi nội dung cho trường này hoặc xóa dòng nếu "
                                                                  "trường không bắt buộc."),
    "string_pattern_mismatch": ("Giá trị '{value}' của trường '{field}' sai định dạng.", "{pattern_hint}"),
    "literal_error": ("Giá trị '{value}' của trường '{field}' không hợp lệ.", "Chỉ nhận một trong: {expected}."),
    "greater_than_equal": ("Trường '{field}' phải lớn hơn hoặc bằng {ge}.", "Ghi số từ {ge} trở lên."),
    "greater_than": ("Trường '{field}' phải lớn hơn {gt}.", "Ghi số lớn hơn {gt}."),
    "less_than_equal": ("Trường '{field}' không được lớn hơn {le}.", "Ghi số từ {le} trở xuống."),
    "less_than": ("Trường '{field}' phải nhỏ hơn {lt}.", "Ghi số nhỏ hơn {lt}."),
    "too_long": ("Trường '{field}' có quá nhiều phần tử ({actual_length}, tối đa {max_length}).",
                 "Bớt phần tử; một nội dung dán lặp nhiều lần thường là nguyên nhân."),
    "string_too_long": ("Trường '{field}' quá dài ({actual_length} ký tự, tối đa {max_length}).",
                        "Rút gọn; nội dung dài hãy đưa vào phần mô tả hoặc đính kèm tệp văn bản gốc."),
    "extra_forbidden": ("Trường '{field}' không có trong mẫu nội dung.", "{suggestion}"),
    "value_error": ("{message}.", "Sửa theo mô tả trong thông báo."),
}

_PATTERN_HINTS = {
    "email": "Ghi địa chỉ thư điện tử đầy đủ, ví dụ vanphong@yenbai.gov.vn.",
    "url": "Ghi địa chỉ web đầy đủ bắt đầu bằng https://.",
}


def _type_name(value: Any) -> str:
    return {list: "danh sách", str: "văn bản", int: "số", float: "số", bool: "true/false",
            type(None): "giá trị rỗng"}.get(type(value), type(value).__name__)


def _submodel(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that the mapping at `loc` is validated against."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _unwrap(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    # list[Step] → Step; Step | None → Step; Annotated[...] → inner
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, tuple, set):
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if models else args[0]
        else:
            return annotation


def _loc_label(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(gốc)"


def _model_names() -> set[str]:
    from . import model, taxonomy
    names = set()
    for module in (model, taxonomy):
        names |= {n for n, v in vars(module).items() if isinstance(v, type) and issubclass(v, BaseModel)}
    return names


# What pydantic appends to an error location for union members and validators (not keys of the file).
_TAGS = _model_names() | {"str", "int", "float", "bool", "date", "datetime", "list", "dict", "none",
                          "constrained-str", "literal", "union"}


def report_validation_error(exc: ValidationError, model: type[BaseModel], doc: YamlDoc,
                            rel: str, report: Report) -> None:
    for err in exc.errors(include_url=False):
        # pydantic appends the union member / validator name to the loc; keep
        # only the parts that are real keys or indexes of the document.
        raw = err["loc"]
        loc = tuple(p for i, p in enumerate(raw)
                    if isinstance(p, int) or (err["type"] == "extra_forbidden" and i == len(raw) - 1)
                    or not (str(p) in _TAGS or "[" in str(p) or str(p).startswith("function-")))
        etype = err["type"]
        field = _loc_label(loc)
        value = err.get("input")
        ctx = err.get("ctx") or {}
        # Anything pydantic can say that the table lacks is still said in Vietnamese, without its English text.
        template, hint = _MESSAGES.get(etype, ("Giá trị của trường '{field}' không hợp lệ.",
                                              "Sửa giá trị theo mô tả của trường (JSON Schema trong schemas/)."))
        values = {
            "field": field,
            "key": next((str(p) for p in reversed(loc) if not isinstance(p, int)), field),
            "value": _short(value),
            "got": _type_name(value),
            "message": _value_error_text(err),
            "expected": str(ctx.get("expected", "")).replace(" or ", " hoặc "),
            "pattern_hint": _pattern_hint(loc),
            "suggestion": "",
            **{k: ctx.get(k, "") for k in ("ge", "gt", "le", "lt", "max_length")},
            "actual_length": ctx.get("actual_length") or (len(value) if hasattr(value, "__len__") else ""),
        }
        if etype == "extra_forbidden":
            parent = _submodel(model, loc[:-1])
            allowed = list(parent.model_fields) if parent else []
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            values["suggestion"] = (f"Có phải ý bạn là '{close[0]}'? Sửa tên trường." if close else
                                    "Xóa trường này hoặc kiểm tra chính tả; các trường hợp lệ: "
                                    + ", ".join(allowed) + ".")
        if etype == "string_type" and isinstance(value, (int, float)) and loc and loc[-1] == "national_code":
            hint = ('Mã thủ tục phải đặt trong dấu nháy, ví dụ national_code: "1.001193" '
                    "(không có dấu nháy YAML đọc thành số và mất số 0 cuối).")
        line = doc.line_of(loc)
        message = template.format(**values)
        report.add(rel, line, _code(etype), message, hint.format(**values))


def _code(etype: str) -> str:
    return {"missing": C.FIELD_MISSING, "extra_forbidden": C.FIELD_UNKNOWN}.get(etype, C.FIELD_INVALID)


def _value_error_text(err: dict) -> str:
    msg = err.get("msg", "")
    prefix = "Value error, "
    text = msg[len(prefix):] if msg.startswith(prefix) else msg
    return text[:1].upper() + text[1:]


def _pattern_hint(loc: tuple) -> str:
    name = str(loc[-1]) if loc else ""
    if "email" in name:
        return _PATTERN_HINTS["email"]
    if "url" in name or name in ("website", "site_url"):
        return _PATTERN_HINTS["url"]
    return "Kiểm tra lại định dạng theo mô tả của trường."


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"
