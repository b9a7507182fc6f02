"""The content model: what editors write, as pydantic models.

Field names are English snake_case; titles and descriptions are Vietnamese
because they become the JSON Schemas that give editors autocompletion and
hover help in their editor. Each model forbids unknown keys so a typo is an
error with a suggestion, not silently ignored data.

Closed lists (sectors, levels, document types, issuers, statuses, relation
types) are data files in content/taxonomy/, checked in validation.py, so the
model only says "a string id" for them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Text = Annotated[str, Field(min_length=1, max_length=5000)]
# Names and titles are read on a phone and in search results: a paragraph pasted by mistake is refused.
Title = Annotated[str, Field(min_length=1, max_length=500)]
Email = Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                             description="Địa chỉ thư điện tử công vụ")]
Url = Annotated[str, Field(pattern=r"^https?://\S+$", description="Địa chỉ web đầy đủ, bắt đầu bằng https://")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class SampleMixin(Strict):
    sample: bool = Field(False, title="Dữ liệu mẫu",
                         description="true khi có dữ kiện chưa được xác minh; trang sẽ hiện thông báo 'dữ liệu mẫu'.")
    sample_note: str | None = Field(None, title="Ghi chú dữ liệu mẫu",
                                    description="Nêu dữ kiện nào chưa xác minh.")


# --------------------------------------------------------------------------
# People (agency leaders and contacts)

class Person(Strict):
    name: Text = Field(title="Họ và tên")
    position: Text = Field(title="Chức vụ")
    unit: str | None = Field(None, title="Đơn vị")
    phone: str | None = Field(None, title="Điện thoại")
    fax: str | None = Field(None, title="Fax")
    email: Email | None = Field(None, title="Thư điện tử công vụ")
    bio: str | None = Field(None, title="Tiểu sử tóm tắt")
    info_request: bool = Field(False, title="Đầu mối cung cấp thông tin",
                               description="Người/đơn vị đầu mối tiếp nhận yêu cầu cung cấp thông tin (Luật 104/2016 "
                                           "Điều 19(1)(đ)).")


# --------------------------------------------------------------------------
# Agencies (content/agencies/*.yml)

class Unit(Strict):
    name: Text = Field(title="Tên đơn vị trực thuộc")
    functions: str | None = Field(None, title="Chức năng, nhiệm vụ")
    head: str | None = Field(None, title="Người đứng đầu")
    phone: str | None = None
    email: Email | None = Field(None, title="Thư điện tử công vụ của đơn vị")


class Agency(SampleMixin):
    name: Title = Field(title="Tên cơ quan")
    short_name: str | None = Field(None, title="Tên viết tắt")
    name_en: str | None = Field(None, title="Tên tiếng Anh")
    level: Text = Field(title="Cấp", description="Mã cấp trong content/taxonomy/levels.yml: tinh, huyen, xa")
    parent: str | None = Field(None, title="Cơ quan cấp trên", description="Tên tệp (không có .yml) của cơ quan cấp "
                                                                           "trên")
    functions: str | None = Field(None, title="Chức năng, nhiệm vụ, quyền hạn", description="Markdown; Luật CNTT Điều "
                                                                                            "28(2)(a)")
    address: str | None = Field(None, title="Địa chỉ")
    phone: str | None = Field(None, title="Điện thoại")
    fax: str | None = None
    email: Email | None = Field(None, title="Thư điện tử công vụ", description="Bắt buộc, trừ nhóm cơ quan chung "
                                                                               "(generic: true)")
    website: Url | None = Field(None, title="Trang thông tin điện tử")
    generic: bool = Field(False, title="Nhóm cơ quan chung",
                          description="true cho mục chung như 'Ủy ban nhân dân cấp xã' mà CSDL quốc gia ghi làm cơ "
                                      "quan thực hiện")
    leaders: list[Person] = Field(default_factory=list, title="Lãnh đạo")
    contacts: list[Person] = Field(default_factory=list, title="Cán bộ đầu mối liên hệ")
    units: list[Unit] = Field(default_factory=list, title="Đơn vị trực thuộc")
    updated: dt.date | None = Field(None, title="Cập nhật lần cuối")
    change_note: str | None = Field(None, title="Ghi chú thay đổi", max_length=500,
                                    description="Một câu nói điều đã thay đổi trong lần cập nhật này; hiện ở mục Lịch "
                                                "sử cập nhật của trang")


# --------------------------------------------------------------------------
# Procedures (procedures/<sector>/<slug>.yml)

TimeUnit = Literal["working_days", "days", "hours", "same_day", "months", "unspecified"]


class TimeLimit(Strict):
    value: Annotated[float, Field(ge=0)] | None = Field(None, title="Số lượng")
    unit: TimeUnit = Field(title="Đơn vị", description="working_days (ngày làm việc), days (ngày), hours (giờ), "
                                                       "same_day (trong ngày), months (tháng), unspecified (không có "
                                                       "thời hạn cố định: giải thích ở note)")
    note: str | None = Field(None, title="Ghi chú", description="Ví dụ: trường hợp cần xác minh")

    @model_validator(mode="after")
    def _value_needed(self):
        if self.unit not in ("same_day", "unspecified") and self.value is None:
            raise ValueError("cần ghi số lượng (value) cho thời hạn, trừ khi unit là same_day hoặc unspecified")
        if self.unit == "unspecified" and not self.note:
            raise ValueError("thời hạn không cố định (unspecified) phải giải thích ở note")
        return self


class Fee(Strict):
    name: Text = Field(title="Tên khoản phí, lệ phí")
    amount_vnd: Annotated[int, Field(ge=0)] | None = Field(
        None, title="Mức thu (đồng)", description="Số nguyên, đơn vị đồng; để trống khi mức thu do văn bản khác quy "
                                                  "định (ghi rõ ở note)")
    note: str | None = Field(None, title="Ghi chú", description="Trường hợp miễn, giảm; văn bản quy định mức thu")


Channel = Literal["truc_tiep", "truc_tuyen", "buu_chinh"]


class Method(Strict):
    channel: Channel = Field(title="Hình thức nộp", description="truc_tiep, truc_tuyen, buu_chinh")
    time_limit: TimeLimit = Field(title="Thời hạn giải quyết")
    fees: list[Fee] = Field(title="Phí, lệ phí", description="Danh sách rỗng [] nghĩa là không thu phí, lệ phí")
    description: str | None = Field(None, title="Mô tả")


class Step(Strict):
    name: Text = Field(title="Tên bước")
    description: str | None = Field(None, title="Nội dung")
    responsible: str | None = Field(None, title="Người/bộ phận chịu trách nhiệm",
                              description="Luật CNTT 67/2006 Điều 28(2)(c): tên người hoặc bộ phận chịu trách nhiệm "
                                          "từng bước")
    duration: str | None = Field(None, title="Thời gian thực hiện bước")


class DossierItem(Strict):
    name: Text = Field(title="Tên giấy tờ")
    originals: Annotated[int, Field(ge=0)] = Field(0, title="Số bản chính")
    copies: Annotated[int, Field(ge=0)] = Field(0, title="Số bản sao")
    form: str | None = Field(None, title="Mẫu đơn, tờ khai",
                             description="Đường dẫn tệp mẫu trong content/forms/, ví dụ "
                                         "content/forms/ho-tich/to-khai-khai-sinh.docx")
    form_name: str | None = Field(None, title="Tên/số hiệu mẫu", description="Ví dụ: Mẫu số 01 ban hành kèm Thông tư "
                                                                             "04/2020/TT-BTP")
    note: str | None = Field(None, title="Ghi chú")
    present_only: bool = Field(False, title="Chỉ xuất trình", description="Giấy tờ chỉ xuất trình, không nộp")


class DossierCase(Strict):
    case: str | None = Field(None, title="Trường hợp", description="Bỏ trống nếu hồ sơ chung cho mọi trường hợp")
    items: list[DossierItem] = Field(min_length=1, max_length=200, title="Giấy tờ")


class LegalBasis(Strict):
    number: Text = Field(title="Số, ký hiệu", description="Khớp với một văn bản trong policies/ hoặc ghi thêm trích "
                                                          "yếu nếu văn bản ngoài cổng")
    abstract: str | None = Field(None, title="Trích yếu", description="Bắt buộc với văn bản không có trong policies/")
    issued: dt.date | None = Field(None, title="Ngày ban hành")
    issuer: str | None = Field(None, title="Cơ quan ban hành")
    articles: str | None = Field(None, title="Điều, khoản áp dụng")


class Decision(Strict):
    number: Text = Field(title="Số quyết định công bố")
    date: dt.date = Field(title="Ngày quyết định")
    issuer: str | None = Field(None, title="Cơ quan ban hành")


OnlineLevel = Literal["toan_trinh", "mot_phan", "khong"]


class Withdrawal(Strict):
    date: dt.date = Field(title="Ngày bãi bỏ")
    decision: str | None = Field(None, title="Quyết định công bố bãi bỏ", description="Ví dụ 123/QĐ-UBND ngày "
                                                                                      "15/01/2025")
    replaced_by: str | None = Field(None, title="Thủ tục thay thế", description="Tên tệp (không có .yml) của thủ tục "
                                                                                "thay thế")
    note: str | None = Field(None, title="Ghi chú")


class OnlineService(Strict):
    level: OnlineLevel = Field(title="Mức độ dịch vụ công trực tuyến", description="toan_trinh, mot_phan, khong")
    reason: str | None = Field(None, title="Lý do chỉ cung cấp một phần",
                               description="Bắt buộc khi level là mot_phan (Nghị định 224/2026 Điều 14)")
    reason_legal_basis: str | None = Field(None, title="Căn cứ pháp lý của lý do")
    url: Url | None = Field(None, title="Đường dẫn nộp hồ sơ trực tuyến")
    guide_url: Url | None = Field(None, title="Hướng dẫn sử dụng dịch vụ", description="Nghị định 224/2026 Điều "
                                                                                       "15(1)(b)")


class Procedure(SampleMixin):
    national_code: str | None = Field(None, title="Mã thủ tục (CSDL quốc gia)",
                                      description="Dạng 1.001193; đặt trong dấu nháy")
    name: Title | None = Field(None, title="Tên thủ tục", description="Đúng tên trên CSDL quốc gia về TTHC")
    publication_decision: Decision | None = Field(None, title="Quyết định công bố")
    level: Text = Field(title="Cấp thực hiện", description="Mã trong content/taxonomy/levels.yml")
    procedure_type: Literal["standard", "assigned_regulation"] = Field("standard", title="Loại thủ tục")
    sector: Text = Field(title="Lĩnh vực", description="Mã trong content/taxonomy/sectors.yml; trùng tên thư mục")
    agency: str | None = Field(None, title="Cơ quan thực hiện", description="Tên tệp cơ quan trong content/agencies/")
    competent_agency: str | None = Field(None, title="Cơ quan có thẩm quyền")
    coordinating_agencies: list[str] = Field(default_factory=list, title="Cơ quan phối hợp")
    receiving_address: str | None = Field(None, title="Địa chỉ tiếp nhận hồ sơ")
    subjects: list[Text] = Field(default_factory=list, title="Đối tượng thực hiện")
    steps: list[Step] = Field(default_factory=list, max_length=200, title="Trình tự thực hiện")
    methods: list[Method] = Field(default_factory=list, max_length=10, title="Cách thức thực hiện")
    dossier: list[DossierCase] = Field(default_factory=list, max_length=100, title="Thành phần, số lượng hồ sơ")
    time_limit: TimeLimit | None = Field(None, title="Thời hạn giải quyết")
    result: list[Text] = Field(default_factory=list, title="Kết quả thực hiện")
    has_conditions: bool = Field(False, title="Có yêu cầu, điều kiện", description="true thì phải ghi requirements "
                                                                                   "(Nghị định 63/2010 Điều 8(2)(h))")
    requirements: str | None = Field(None, title="Yêu cầu, điều kiện thực hiện", description="Markdown")
    legal_basis: list[LegalBasis] = Field(default_factory=list, max_length=300, title="Căn cứ pháp lý")
    online_service: OnlineService | None = Field(None, title="Dịch vụ công trực tuyến")
    withdrawn: Withdrawal | None = Field(None, title="Đã bãi bỏ",
                                         description="Không xóa tệp thủ tục đã bãi bỏ: trang vẫn còn, có thông báo "
                                                     "(Nghị định 43/2011 Điều 17(2))")
    keywords: list[str] = Field(default_factory=list, title="Từ khóa")
    description: str | None = Field(None, title="Mô tả", description="Markdown")
    updated: dt.date | None = Field(None, title="Ngày cập nhật")
    change_note: str | None = Field(None, title="Ghi chú thay đổi", max_length=500,
                                    description="Một câu nói điều đã thay đổi trong lần cập nhật này; hiện ở mục Lịch "
                                                "sử cập nhật của trang")

    @field_validator("national_code")
    @classmethod
    def _code_format(cls, v):
        import re
        if v is not None and not re.fullmatch(r"\d\.\d{6}", v):
            raise ValueError("mã thủ tục phải có dạng 1.001193 (một chữ số, dấu chấm, sáu chữ số)")
        return v


# --------------------------------------------------------------------------
# Legal documents (policies/<year>/<slug>.md front matter)

class Relation(Strict):
    type: Text = Field(title="Loại quan hệ", description="Mã trong content/taxonomy/relation_types.yml, chỉ ghi chiều "
                                                         "thuận")
    target: Text = Field(title="Văn bản đích", description="Số, ký hiệu của văn bản (hoặc tên tệp nếu văn bản chưa có "
                                                           "số)")
    date: dt.date | None = Field(None, title="Ngày có hiệu lực của quan hệ")
    articles: str | None = Field(None, title="Điều, khoản liên quan")
    note: str | None = None


class StatusChange(Strict):
    date: dt.date = Field(title="Ngày")
    status: Text = Field(title="Tình trạng")
    note: str | None = Field(None, title="Ghi chú")


class LegalDocument(SampleMixin):
    number: str | None = Field(None, title="Số, ký hiệu", description="Ví dụ 64/2007/NĐ-CP")
    type: Text = Field(title="Loại văn bản", description="Mã trong content/taxonomy/document_types.yml")
    issuer: Text = Field(title="Cơ quan ban hành", description="Mã trong content/taxonomy/issuers.yml")
    signer: str | None = Field(None, title="Người ký")
    signer_title: str | None = Field(None, title="Chức vụ người ký")
    issued: dt.date = Field(title="Ngày ban hành")
    effective: dt.date | None = Field(None, title="Ngày có hiệu lực")
    expired: dt.date | None = Field(None, title="Ngày hết hiệu lực")
    status: Text = Field(title="Tình trạng hiệu lực", description="Mã trong content/taxonomy/statuses.yml")
    status_note: str | None = Field(None, title="Ghi chú tình trạng")
    status_history: list[StatusChange] = Field(default_factory=list, title="Lịch sử hiệu lực")
    abstract: str | None = Field(None, title="Trích yếu")
    sectors: list[str] = Field(default_factory=list, title="Lĩnh vực")
    file: str | None = Field(None, title="Tệp văn bản gốc", description="Đường dẫn trong content/files/")
    source_url: Url | None = Field(None, title="Nguồn", description="Địa chỉ văn bản trên CSDL quốc gia về văn bản "
                                                                    "pháp luật hoặc Công báo")
    gazette: str | None = Field(None, title="Công báo", description="Số Công báo, ngày đăng")
    excerpt: bool = Field(False, title="Chỉ trích đoạn", description="true khi phần nội dung chỉ là trích đoạn, không "
                                                                     "phải toàn văn")
    relations: list[Relation] = Field(default_factory=list, title="Quan hệ với văn bản khác")
    published: dt.date | None = Field(None, title="Ngày đăng trên cổng", description="Mặc định: ngày tệp được đưa vào "
                                                                                     "kho git")
    updated: dt.date | None = Field(None, title="Ngày cập nhật")
    change_note: str | None = Field(None, title="Ghi chú thay đổi", max_length=500,
                                    description="Một câu nói điều đã thay đổi trong lần cập nhật này; hiện ở mục Lịch "
                                                "sử cập nhật của trang")


# --------------------------------------------------------------------------
# Portal pages, projects, consultations (content/)

PageRole = Literal["introduction", "boundary_map", "history_culture", "leaders", "organisation_chart", "contacts",
                   "news", "work_schedule", "petition_answers", "guidance", "plan", "annual_plan", "online_services",
                   "service_guide", "faq", "financial_report", "statistics", "disclosure_list", "gazette", "investors",
                   "public_interest"]


class Page(SampleMixin):
    title: Title = Field(title="Tiêu đề")
    lang: Literal["vi", "en"] = Field("vi", title="Ngôn ngữ")
    role: PageRole | None = Field(None, title="Vai trò của trang",
                                  description="Loại thông tin pháp luật yêu cầu mà trang này đáp ứng (dùng cho kiểm "
                                              "tra tuân thủ)")
    section: Text = Field(title="Chuyên mục", description="Mã chuyên mục trong content/taxonomy/sections.yml")
    order: int = Field(100, title="Thứ tự")
    description: str | None = Field(None, title="Mô tả ngắn")
    date: dt.date | None = Field(None, title="Ngày đăng")
    basis_date: dt.date | None = Field(
        None, title="Ngày của văn bản làm căn cứ",
        description="Ngày ban hành văn bản được hướng dẫn, ngày phê duyệt quy hoạch, kế hoạch, ngày quyết định công bố "
                    "số liệu thống kê: thời hạn đăng tính từ ngày này (Nghị định 43/2011 Điều 17)")
    updated: dt.date | None = Field(None, title="Ngày cập nhật")
    change_note: str | None = Field(None, title="Ghi chú thay đổi", max_length=500,
                                    description="Một câu nói điều đã thay đổi trong lần cập nhật này; hiện ở mục Lịch "
                                                "sử cập nhật của trang")


class Project(SampleMixin):
    """Decree 43/2011 Art. 10(1)(h): nine fields per project."""

    name: Text = Field(title="Tên dự án")
    objective: str | None = Field(None, title="Mục tiêu")
    field: str | None = Field(None, title="Lĩnh vực")
    kind: str | None = Field(None, title="Loại dự án", description="Ví dụ: đầu tư công, kêu gọi đầu tư, mua sắm công, "
                                                                   "đấu thầu")
    duration: str | None = Field(None, title="Thời gian thực hiện")
    budget: str | None = Field(None, title="Kinh phí")
    funding: str | None = Field(None, title="Loại nguồn vốn")
    donor: str | None = Field(None, title="Nhà tài trợ", description="Ghi 'Không' nếu không có nhà tài trợ")
    approved: dt.date | None = Field(None, title="Ngày phê duyệt")
    status: Literal["chuan_bi", "dang_thuc_hien", "hoan_thanh"] | None = Field(None, title="Tình trạng",
                                                                       description="chuan_bi, dang_thuc_hien, "
                                                                                   "hoan_thanh")
    agency: str | None = Field(None, title="Chủ đầu tư / cơ quan chủ trì")
    description: str | None = Field(None, title="Mô tả", description="Markdown")
    updated: dt.date | None = None


class Consultation(SampleMixin):
    """Decree 43/2011 Art. 10(1)(i): drafts for comment."""

    title: Text = Field(title="Tên dự thảo")
    agency: Text = Field(title="Cơ quan chủ trì soạn thảo", description="Tên tệp cơ quan trong content/agencies/")
    opened: dt.date = Field(title="Ngày bắt đầu lấy ý kiến")
    deadline: dt.date | None = Field(None, title="Hạn góp ý")
    contact_email: Email | None = Field(None, title="Thư điện tử nhận góp ý")
    updated: dt.date | None = None

    @model_validator(mode="after")
    def _dates(self):
        if self.deadline and self.deadline < self.opened:
            raise ValueError("hạn góp ý (deadline) phải sau ngày bắt đầu (opened)")
        return self
