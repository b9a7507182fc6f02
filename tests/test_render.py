"""Rendering details that matter to citizens, on the `full` fixture."""

import posixpath

import pytest

from site_builder.check import check
from site_builder.render import render_site
from site_builder.render.context import RenderContext

from conftest import SITES


@pytest.fixture(scope="module")
def pages():
    return render_site(check(SITES / "full"))


@pytest.mark.parametrize("src, dst", [
    ("thu-tuc/a.md", "van-ban/2014/x.md"), ("index.md", "thu-tuc/a.md"), ("thu-tuc/linh-vuc/x.md", "thu-tuc/a.md"),
    ("thu-tuc/a.md", "thu-tuc/cap/xa.md"), ("van-ban/2014/x.md", "van-ban/2014/y.md"), ("a/b/index.md", "a/index.md"),
    ("so-do-trang/index.md", "index.md"), ("a/b/c.md", "a/b/c.md"),
])
def test_links_equal_relpath(src, dst):
    assert RenderContext.link(src, dst) == posixpath.relpath(dst, posixpath.dirname(src) or ".")


def test_relations_shown_in_both_directions(pages):
    replaced = pages["van-ban/2011/nghi-dinh-43-2011.md"]
    assert "Bị thay thế bởi" in replaced and "[42/2022/NĐ-CP](../2022/nghi-dinh-42-2022.md)" in replaced
    assert "đã hết hiệu lực toàn bộ từ ngày 15/08/2022" in replaced
    replacing = pages["van-ban/2022/nghi-dinh-42-2022.md"]
    assert "| Thay thế |" in replacing and "43/2011/NĐ-CP" in replacing


def test_procedure_page_has_national_db_sections_in_order(pages):
    page = pages["thu-tuc/dang-ky-khai-tu.md"]
    order = ["## Mã thủ tục", "## Số quyết định công bố", "## Cấp thực hiện", "## Loại thủ tục", "## Lĩnh vực",
             "## Trình tự thực hiện", "## Cách thức thực hiện", "## Thành phần, số lượng hồ sơ",
             "## Đối tượng thực hiện", "## Cơ quan thực hiện", "## Kết quả thực hiện", "## Căn cứ pháp lý",
             "## Yêu cầu, điều kiện thực hiện"]
    positions = [page.index(h) for h in order]
    assert positions == sorted(positions)
    assert "*Người/bộ phận chịu trách nhiệm:* Công chức Tư pháp - Hộ tịch" in page
    # printable checklist: real checkboxes, each with its own label
    assert '<input type="checkbox" id="hs-1-1"> <label for="hs-1-1">Tờ khai đăng ký khai tử' in page
    assert page.index("Tóm tắt thủ tục") < page.index("## Mã thủ tục")        # the summary comes first
    assert "Miễn khi đăng ký đúng hạn \\| đúng quy định" in page        # table cell escaped
    assert "[Mẫu tờ khai khai tử](../bieu-mau/tep/ho-tich/to-khai-khai-tu.txt)" in page
    assert "8.000 đồng" in page


def test_sample_items_say_so(pages):
    assert "Dữ liệu mẫu" in pages["thu-tuc/dang-ky-dat-dai-lan-dau.md"]
    assert "Dữ liệu mẫu" not in pages["thu-tuc/dang-ky-khai-tu.md"]


def test_partial_online_service_shows_reason(pages):
    page = pages["thu-tuc/dang-ky-dat-dai-lan-dau.md"]
    assert "Lý do chỉ cung cấp một phần: Phải kiểm tra hiện trạng thửa đất tại thực địa." in page


def test_email_directory_lists_units_and_officials(pages):
    page = pages["danh-ba-thu-dien-tu/index.md"]
    for email in (
        "stnmt@thunghiem.gov.vn",
        "vpdkdd@thunghiem.gov.vn",
        "duc.dv@thunghiem.gov.vn",
        "dongdo@thunghiem.gov.vn",
    ):
        assert f"<{email}>" in page
