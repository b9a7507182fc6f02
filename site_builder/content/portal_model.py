"""The portal's own configuration: content/portal.yml and content/compliance.yml.

Titles and descriptions are Vietnamese: they become the JSON Schemas editors see.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from .model import Email, SampleMixin, Strict, Text, Url


class OperatingUnit(Strict):
    name: Text = Field(title="Cơ quan chủ quản / đơn vị vận hành")
    responsible_person: str | None = Field(None, title="Người chịu trách nhiệm chính", description="Thông tư 32/2017 "
                                                                                                   "Điều 16")
    responsible_title: str | None = Field(None, title="Chức vụ người chịu trách nhiệm")
    address: str | None = Field(None, title="Địa chỉ")
    phone: str | None = Field(None, title="Điện thoại")
    fax: str | None = None
    email: Email | None = Field(None, title="Thư điện tử")
    licence: str | None = Field(None, title="Giấy phép", description="Số giấy phép thiết lập trang/cổng, nếu có")


class RelatedPortal(Strict):
    name: Text
    url: Url


class Licence(Strict):
    name: Text = Field(title="Tên giấy phép")
    url: Url = Field(title="Địa chỉ văn bản giấy phép")


class MaintenanceNotice(Strict):
    announced: dt.date = Field(title="Ngày thông báo")
    start: dt.date = Field(title="Bắt đầu tạm ngừng")
    expected_end: dt.date | None = Field(None, title="Dự kiến khôi phục")
    note: str | None = None


class HomeTask(Strict):
    label: Text = Field(title="Việc cần làm", description="Cách người dân nói, ví dụ: Khai sinh cho con")
    procedure: str | None = Field(None, title="Thủ tục", description="Tên tệp (không có .yml) của thủ tục trong "
                                                                     "procedures/")
    sector: str | None = Field(None, title="Lĩnh vực", description="Mã lĩnh vực: mở danh sách thủ tục của lĩnh vực")
    hint: str | None = Field(None, title="Gợi ý ngắn", description="Một dòng dưới nhãn, ví dụ: Đăng ký khai sinh, "
                                                                  "cấp bản sao")

    @model_validator(mode="after")
    def _one_target(self):
        if bool(self.procedure) == bool(self.sector):
            raise ValueError("mỗi việc trên trang chủ trỏ tới đúng một đích: procedure hoặc sector")
        return self


class PortalConfig(SampleMixin):
    province: Text = Field(title="Tên tỉnh", description="Ví dụ: Yên Bái")
    portal_name: Text = Field(title="Tên cổng", description="Ví dụ: Cổng thông tin điện tử tỉnh Yên Bái")
    agency_name: Text = Field(title="Tên đầy đủ cơ quan chủ quản",
                              description="Hiện ở đầu trang (Thông tư 32/2017 Điều 16)")
    domain: Text = Field(title="Tên miền", description="Ví dụ: yenbai.gov.vn")
    site_url: Url = Field(title="Địa chỉ cổng")
    emblem: Text = Field(title="Biểu tượng", description="Đường dẫn tới tệp SVG/PNG quốc huy hoặc biểu trưng, tính từ "
                                                         "thư mục gốc")
    as_of: dt.date | None = Field(None, title="Ngày tham chiếu",
                                  description="Nội dung phản ánh tình trạng tại ngày này (trạng thái hiệu lực, cơ "
                                              "quan).")
    national_service_portal: Url = Field("https://dichvucong.gov.vn", title="Cổng Dịch vụ công quốc gia")
    provincial_service_portal: Url | None = Field(None, title="Cổng dịch vụ công của tỉnh")
    operating_unit: OperatingUnit = Field(title="Đơn vị vận hành (chân trang)")
    copyright: str | None = Field(None, title="Dòng bản quyền")
    feedback_email: Email | None = Field(None, title="Thư điện tử nhận góp ý, phản ánh",
                                         description="Luật CNTT Điều 28(2)(h): mục lấy ý kiến góp ý")
    satisfaction_url: str | None = Field(None, title="Địa chỉ đánh giá mức độ hài lòng",
                                         description="Nghị định 224/2026 Điều 10(3): https://… hoặc mailto:…")
    legal_database_url: Url | None = Field(None, title="CSDL văn bản pháp luật đồng bộ",
                                           description="Nghị định 42/2022 Điều 4(1)(a): nguồn đồng bộ văn bản (CSDL "
                                                       "quốc gia về văn bản pháp luật, Công báo)")
    related_portals: list[RelatedPortal] = Field(default_factory=list, title="Liên kết cổng thông tin liên quan")
    online_retention: dict[str, str] = Field(default_factory=dict, title="Thời hạn duy trì thông tin trên cổng",
                                             description="Nghị định 64/2007 Điều 20(2): mỗi loại thông tin (procedure, "
                                                         "document, agency, page, project, consultation) và thời hạn")
    own_issuers: list[str] = Field(default_factory=list, title="Mã cơ quan ban hành của chính tỉnh",
                                   description="Dùng để tính hạn đăng văn bản của cơ quan ban hành (Nghị định 43/2011 "
                                               "Điều 17)")
    published_since: dt.date | None = Field(None, title="Ngày cổng bắt đầu hoạt động")
    review_period_days: int = Field(365, ge=1, title="Chu kỳ rà soát (ngày)", description="Trang không cập nhật quá số "
                                                                                          "ngày này bị cảnh báo")
    maintenance_notices: list[MaintenanceNotice] = Field(default_factory=list, title="Thông báo tạm ngừng cung cấp "
                                                                                     "dịch vụ")
    home_tasks: list[HomeTask] = Field(default_factory=list, max_length=12, title="Việc thường làm (trang chủ)",
                                       description="Các thủ tục dùng nhiều nhất theo sự kiện cuộc sống, mỗi việc "
                                                   "một chạm từ trang chủ")
    search_enabled: bool = Field(False, title="Có công cụ tìm kiếm",
                                 description="true khi dịch vụ tìm kiếm của cổng được triển khai cùng trang")
    open_data_licence: Licence = Field(
        Licence(name="Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)",
                url="https://creativecommons.org/licenses/by/4.0/deed.vi"),
        title="Giấy phép dữ liệu mở", description="Áp dụng cho các tệp tải về ở trang /du-lieu-mo/")


class Exemption(Strict):
    """A gap that cannot be closed yet, said in public: what, why, and until when."""

    rule: str | None = Field(None, title="Mã quy tắc",
                             description="Bỏ trống để miễn trừ một loại yêu cầu (aspect) theo mọi quy tắc")
    aspect: str | None = Field(None, title="Loại yêu cầu",
                               description="Ví dụ form (tệp biểu mẫu), official_text (văn bản gốc), "
                                           "publication_decision, contact_person; xem hướng dẫn biên tập mục 4.10")
    paths: list[Text] = Field(min_length=1, title="Tệp áp dụng", description="Mẫu đường dẫn, ví dụ procedures/* hoặc "
                                                                             "content/portal.yml")
    reason: Text = Field(title="Lý do", description="Hiện trên báo cáo công khai: vì sao chưa có thông tin này")
    until: dt.date = Field(title="Hiệu lực đến ngày",
                           description="Ngày phải rà soát lại; sau ngày này miễn trừ hết tác dụng")

    @model_validator(mode="after")
    def _targets_something(self):
        if self.rule is None and self.aspect is None:
            raise ValueError("miễn trừ phải ghi quy tắc (rule) hoặc loại yêu cầu (aspect)")
        return self


class ComplianceConfig(Strict):
    """content/compliance.yml: per-rule severity and documented, public exemptions."""

    enabled: bool = Field(True, title="Bật kiểm tra yêu cầu pháp luật",
                          description="Chỉ tắt cho bộ nội dung thử nghiệm; cổng thật luôn để true")
    severity: dict[str, Literal["error", "warning", "off"]] = Field(default_factory=dict, title="Mức độ theo quy tắc")
    exemptions: list[Exemption] = Field(default_factory=list, title="Miễn trừ có lý do")
