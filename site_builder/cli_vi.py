"""Click's own words in Vietnamese: usage lines, errors, aborts, help lines.

Click looks its messages up through gettext at the moment it prints them (`_()` and `ngettext()` in
each of its modules), so installing a lookup over this table is enough. tests/test_cli.py fails when
a click upgrade brings a message this table lacks.
"""

from __future__ import annotations

import sys

MESSAGES = {
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "(Did you mean one of: {possibilities}?)": "(Có phải ý bạn là một trong: {possibilities}?)",
    "(dynamic)": "(động)",
    "Aborted!": "Đã hủy!",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} nhận {nargs} giá trị.",
    "Choice({choices})": "Chọn({choices})",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "Commands": "Lệnh",
    "Confirm the action without prompting.": "Xác nhận luôn, không hỏi lại.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "Do you want to continue?": "Bạn có muốn tiếp tục không?",
    "Error: The two entered values do not match.": "Lỗi: hai giá trị vừa nhập không khớp nhau.",
    "Error: invalid input": "Lỗi: giá trị nhập không hợp lệ",
    "Error: {message}": "Lỗi: {message}",
    "Got unexpected extra argument ({args})": "Có tham số thừa không dùng được ({args})",
    "Got unexpected extra arguments ({args})": "Có các tham số thừa không dùng được ({args})",
    "Invalid start character for option ({option})": "Ký tự đầu của tùy chọn không hợp lệ ({option})",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Missing argument": "Thiếu tham số",
    "Missing command.": "Thiếu tên lệnh.",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing {param_type}": "Thiếu {param_type}",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "Options": "Tùy chọn",
    "Positional arguments": "Tham số",
    "Press any key to continue...": "Nhấn phím bất kỳ để tiếp tục...",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Takes {nargs} values but 1 was given.": "Cần {nargs} giá trị nhưng chỉ có 1.",
    "Takes {nargs} values but {len} were given.": "Cần {nargs} giá trị nhưng có {len}.",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: '{command} {option}'.",
    "Usage:": "Cách dùng:",
    "Value must be an iterable.": "Giá trị phải là một danh sách.",
    "default: {default}": "mặc định: {default}",
    "deprecated": "không còn dùng",
    "directory": "thư mục",
    "env var: {var}": "biến môi trường: {var}",
    "file": "tệp",
    "path": "đường dẫn",
    "unknown error": "lỗi không rõ",
    "{len_type} values are required, but {len_value} was given.": "Cần {len_type} giá trị, nhưng có {len_value}.",
    "{len_type} values are required, but {len_value} were given.": "Cần {len_type} giá trị, nhưng có {len_value}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} không chạy được.",
    "{name} {filename!r} is not readable.": "Không đọc được {name} {filename!r}.",
    "{name} {filename!r} is not writable.": "Không ghi được {name} {filename!r}.",
    "{value!r} does not match the format {format}.": "{value!r} không đúng dạng {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} không đúng các dạng {formats}.",
    "{value!r} is not a valid UUID.": "{value!r} không phải UUID hợp lệ.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} không phải giá trị đúng/sai hợp lệ. Các giá trị nhận được: {states}",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải {number_type} hợp lệ.",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc {choices}.",
    "{value!r} is not {choice}.": "{value!r} không phải {choice}.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "integer": "số nguyên",
    "float": "số thực",
}
# Messages only a developer of this toolkit can see (wrong decorator use, other platforms): not translated.
DEVELOPER_ONLY = {
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Could not determine name for option with declarations {decls!r}",
    "Couldn't detect Bash version, shell completion is not supported.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}",
    "Name '{name}' defined twice",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? Did you mean to "
    "pass '--{name}'?",
    "Shell completion is not supported for Bash versions older than 4.4.",
    "Unknown color {colour!r}", "Unknown standard stream '{name}'", "Windows error: {error}", "d",
    "{editor}: Editing failed", "{editor}: Editing failed: {e}",
}


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


TYPE_NAMES = {"IntParamType": "số nguyên", "IntRange": "số nguyên trong khoảng", "FloatParamType": "số thực",
              "FloatRange": "số thực trong khoảng", "StringParamType": "chữ", "DateTime": "ngày", "Choice": "lựa chọn",
              "BoolParamType": "đúng/sai"}


def install() -> None:
    """Make every loaded click module speak Vietnamese."""
    import click.types
    for cls, name in TYPE_NAMES.items():         # shown in messages and as placeholders (SỐ NGUYÊN)
        getattr(click.types, cls).name = name
    for name, module in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            if hasattr(module, "_"):
                module._ = gettext
            if hasattr(module, "ngettext"):
                module.ngettext = ngettext
