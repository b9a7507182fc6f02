"""The schema.org JSON-LD validator (tests/schemaorg.py) against schema-dts 2.1.0.

Valid documents shaped like the portal's own (GovernmentService for a procedure,
Legislation for a legal document, GovernmentOrganization for an agency) must give
no error; each kind of mistake must give its exact message, so a validator that
always answers [] fails here.
"""

from __future__ import annotations

import copy

import pytest

from schemaorg import DEFAULT_PATH, Vocabulary

# A missing vocabulary is a failure with the fix, never a skip: `make test` runs npm ci.
assert DEFAULT_PATH.is_file(), f"{DEFAULT_PATH} is missing: run `npm ci` (package.json pins schema-dts 2.1.0)"

CTX = "https://schema.org"


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary.load()


def government_service() -> dict:
    return {
        "@context": CTX,
        "@type": "GovernmentService",
        "@id": "https://yenbai.gov.vn/thu-tuc/cap-giay-chung-nhan-attp-nganh-cong-thuong/#service",
        "name": "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (ngành Công Thương)",
        "description": "Thủ tục cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm do Sở Công Thương cấp.",
        "serviceType": "An toàn thực phẩm",
        "identifier": "2.000591.000.00.00.H65",
        "url": "https://yenbai.gov.vn/thu-tuc/cap-giay-chung-nhan-attp-nganh-cong-thuong/",
        "termsOfService": "https://yenbai.gov.vn/chinh-sach/dieu-khoan/",
        "provider": {
            "@type": "GovernmentOrganization",
            "@id": "https://yenbai.gov.vn/co-quan/so-cong-thuong/#org",
            "name": "Sở Công Thương tỉnh Yên Bái",
            "email": "sct@yenbai.gov.vn",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "Số 1, đường Hòa Bình",
                "addressLocality": "Thành phố Yên Bái",
                "addressRegion": "Yên Bái",
                "addressCountry": "VN",
            },
        },
        "serviceOperator": {"@id": "https://yenbai.gov.vn/co-quan/so-cong-thuong/#org"},
        "areaServed": {"@type": "AdministrativeArea", "name": "Tỉnh Yên Bái"},
        "jurisdiction": "Tỉnh Yên Bái",
        "availableChannel": [
            {
                "@type": "ServiceChannel",
                "name": "Nộp hồ sơ trực tuyến",
                "serviceUrl": "https://dichvucong.yenbai.gov.vn/",
                "availableLanguage": "vi",
                "processingTime": "P20D",
            },
            {
                "@type": "ServiceChannel",
                "name": "Nộp trực tiếp tại Trung tâm Phục vụ hành chính công",
                "serviceUrl": "/lien-he/",
                "availableLanguage": {"@type": "Language", "name": "Tiếng Việt", "alternateName": "vi"},
                "servicePostalAddress": {"@type": "PostalAddress", "addressLocality": "Thành phố Yên Bái"},
            },
        ],
    }


def legislation() -> dict:
    return {
        "@context": CTX,
        "@type": "Legislation",
        "@id": "https://yenbai.gov.vn/van-ban/nghi-dinh-42-2022/#legislation",
        "name": "Nghị định quy định về việc cung cấp thông tin và dịch vụ công trực tuyến",
        "legislationIdentifier": "42/2022/NĐ-CP",
        "legislationType": "Nghị định",
        "legislationDate": "2022-06-24",
        "legislationDateVersion": "2024-12-31",
        "legislationLegalForce": "InForce",
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": "Chính phủ"},
        "legislationResponsible": {"@type": "GovernmentOrganization", "name": "Bộ Thông tin và Truyền thông"},
        "legislationJurisdiction": "VN",
        "jurisdiction": {"@type": "Country", "name": "Việt Nam"},
        "inLanguage": "vi",
        "datePublished": "2022-06-24",
        "dateModified": "2024-12-31T08:30:00+07:00",
        "isBasedOn": "https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=154150",
        "url": "/van-ban/nghi-dinh-42-2022/",
        "legislationChanges": [
            {
                "@type": "Legislation",
                "name": "Nghị định 43/2011/NĐ-CP",
                "legislationIdentifier": "43/2011/NĐ-CP",
                "legislationLegalForce": "https://schema.org/NotInForce",
            },
            {"@id": "https://yenbai.gov.vn/van-ban/nghi-dinh-64-2007/#legislation"},
        ],
        "legislationConsolidates": {
            "@type": "Legislation",
            "legislationIdentifier": "61/2018/NĐ-CP",
            "legislationLegalForce": "PartiallyInForce",
            "legislationDate": "2018-04-23",
        },
    }


def government_organization() -> dict:
    return {
        "@context": CTX,
        "@type": "GovernmentOrganization",
        "@id": "https://yenbai.gov.vn/#org",
        "name": "Ủy ban nhân dân tỉnh Yên Bái",
        "alternateName": "UBND tỉnh Yên Bái",
        "url": "https://yenbai.gov.vn/",
        "logo": "https://yenbai.gov.vn/assets/bieu-trung.svg",
        "email": "ubnd@yenbai.gov.vn",
        "telephone": "+84 216 3852 218",
        "address": {"@type": "PostalAddress", "addressLocality": "Thành phố Yên Bái", "addressCountry": "VN"},
        "areaServed": {"@type": "State", "name": "Yên Bái"},
        "foundingDate": "1991-10-01",
        "sameAs": ["https://www.facebook.com/yenbai.gov.vn", "https://vbpl.vn/yenbai"],
        "contactPoint": [
            {
                "@type": "ContactPoint",
                "contactType": "Góp ý về cổng thông tin",
                "email": "gopy@yenbai.gov.vn",
                "telephone": "(0216) 0000 000",
                "availableLanguage": ["vi", "en"],
                "areaServed": "VN",
                "hoursAvailable": {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": ["Monday", "https://schema.org/Tuesday", "Wednesday", "Thursday", "Friday"],
                    "opens": "07:30",
                    "closes": "17:00:00",
                },
            },
        ],
        "subOrganization": {"@type": "GovernmentOrganization", "name": "Sở Công Thương tỉnh Yên Bái"},
        "parentOrganization": {"@id": "https://chinhphu.vn/#org"},
    }


# --- the vocabulary ----------------------------------------------------------------

def test_load_is_cached_and_a_fresh_parse_agrees(vocab):
    # How long a parse takes is measured by `make bench` (bench/pages_bench.py), not asserted here.
    assert Vocabulary.load() is vocab
    assert Vocabulary.load(DEFAULT_PATH) is vocab
    fresh = Vocabulary.parse(DEFAULT_PATH.read_text(encoding="utf-8"))
    assert fresh.parents == vocab.parents


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="npm ci"):
        Vocabulary.load(tmp_path / "schema.d.ts")


def test_vocabulary_size(vocab):
    schema_types = [t for t in vocab.types if "/" not in t]
    assert 850 < len(schema_types) < 1200
    assert 1300 < len(vocab.property_names) < 2000
    assert 80 < len(vocab.enum_members) < 150


def test_hierarchy_from_the_unions(vocab):
    assert vocab.parents["GovernmentOrganization"] == {"Organization"}
    assert vocab.parents["GovernmentService"] == {"Service"}
    assert vocab.parents["LegalForceStatus"] == {"StatusEnumeration"}
    assert vocab.ancestors("LegislationObject") >= {"Legislation", "MediaObject", "CreativeWork", "Thing"}
    assert vocab.ancestors("Dentist") >= {"LocalBusiness", "MedicalOrganization", "Organization", "Place"}
    assert vocab.is_subtype("PostalAddress", "ContactPoint")
    assert not vocab.is_subtype("Organization", "GovernmentOrganization")
    assert "3DModel" in vocab.types and "_3DModel" not in vocab.types   # TS identifier vs @type


def test_inherited_properties_and_ranges(vocab):
    legislation_props = vocab.properties("Legislation")
    assert {"legislationLegalForce", "datePublished", "inLanguage", "name", "url"} <= set(legislation_props)
    assert legislation_props["legislationDate"].datatypes == {"Date"}
    assert legislation_props["legislationPassedBy"].classes == {"Organization", "Person"}
    assert "legislationLegalValue" not in legislation_props           # only on LegislationObject
    assert "legislationLegalValue" in vocab.properties("LegislationObject")
    assert vocab.properties("GovernmentService")["serviceOperator"].classes == {"Organization"}
    assert "email" in vocab.properties("GovernmentOrganization")      # Organization has no own Base in the Leaf


def test_enumerations_and_data_types(vocab):
    assert vocab.enum_members["LegalForceStatus"] == {"InForce", "NotInForce", "PartiallyInForce"}
    assert vocab.enum_members["StatusEnumeration"] >= {"InForce", "EventScheduled", "OrderDelivered"}
    assert {"Monday", "PublicHolidays"} <= vocab.enum_members["DayOfWeek"]
    assert vocab.datatypes["Text"] == {"Text", "URL", "CssSelectorType", "XPathType"}
    assert vocab.datatypes["Number"] == {"Number", "Integer", "Float"}
    assert vocab.string_classes == {"PronounceableText"}


# --- valid documents -----------------------------------------------------------------

@pytest.mark.parametrize("make", [government_service, legislation, government_organization])
def test_valid_documents(vocab, make):
    assert vocab.validate(make()) == []


@pytest.mark.parametrize("context", ["https://schema.org", "http://schema.org", "https://schema.org/", "http://schema.org/"])
def test_accepted_contexts(vocab, context):
    doc = legislation()
    doc["@context"] = context
    assert vocab.validate(doc) == []


def test_graph_and_list_documents(vocab):
    nodes = [government_service(), legislation(), government_organization()]
    for node in nodes:
        del node["@context"]
    assert vocab.validate({"@context": CTX, "@graph": nodes}) == []
    assert vocab.validate([government_service(), legislation()]) == []


@pytest.mark.parametrize("value", [
    "InForce", "https://schema.org/InForce", "http://schema.org/PartiallyInForce",
    {"@id": "https://schema.org/InForce"},
    {"@type": "LegalForceStatus", "name": "Còn hiệu lực"},
    ["InForce", "PartiallyInForce"],
])
def test_enumeration_value_forms(vocab, value):
    doc = legislation()
    doc["legislationLegalForce"] = value
    assert vocab.validate(doc) == []


def test_schema_org_conventions(vocab):
    doc = {
        "@context": CTX, "@type": ["WebPage", "schema:CreativeWork"],
        "name": {"@value": "Trang chủ", "@language": "vi"},
        "about": [legislation() | {"@context": CTX}, {"@type": "GovernmentService", "name": "x"}],  # Thing: any type
        "author": {"@type": "GovernmentOrganization", "name": "UBND"},    # a subtype of Organization
        "isBasedOn": {"@type": "LegislationObject", "legislationLegalValue": "OfficialLegalValue"},
        "mainEntityOfPage": "/van-ban/",                                  # CreativeWork | URL: a string is fine
        "keywords": "thủ tục, hành chính",
        "isAccessibleForFree": True,
        "commentCount": 3, "position": "2",
        "copyrightYear": "2024",
        "timeRequired": "PT15M",
        "speakable": {"@type": "SpeakableSpecification", "cssSelector": ["h1", ".tom-tat"]},
        "contributor": {"@type": "OrganizationRole", "roleName": "Biên tập", "anything": 1},  # Role: not checked
        "potentialAction": {"@type": "SearchAction", "target": "https://yenbai.gov.vn/tim-kiem/?q={q}",
                            "query-input": "required name=q"},
    }
    assert vocab.validate(doc) == []


# --- one failing case per kind of error -------------------------------------------------

def test_missing_context(vocab):
    doc = government_organization()
    del doc["@context"]
    assert vocab.validate(doc) == ['$: missing @context (expected "https://schema.org")']


def test_wrong_context(vocab):
    doc = government_organization()
    doc["@context"] = "https://schema.org/docs"
    assert vocab.validate(doc) == [
        "$.@context: 'https://schema.org/docs' is not the schema.org context (expected \"https://schema.org\")"]


def test_missing_context_in_a_list(vocab):
    second = legislation()
    del second["@context"]
    assert vocab.validate([government_service(), second]) == ['$[1]: missing @context (expected "https://schema.org")']


def test_unknown_type(vocab):
    doc = government_service()
    doc["@type"] = "GovermentService"
    assert vocab.validate(doc) == ["$.@type: unknown type 'GovermentService' (did you mean 'GovernmentService'?)"]


def test_unknown_nested_type(vocab):
    doc = government_service()
    doc["provider"]["address"]["@type"] = "Address"
    assert vocab.validate(doc) == ["$.provider.address.@type: unknown type 'Address' (did you mean 'PostalAddress'?)"]


def test_missing_type(vocab):
    doc = government_service()
    del doc["provider"]["@type"]
    assert vocab.validate(doc) == ["$.provider: missing @type"]


def test_unknown_property(vocab):
    doc = government_service()
    doc["legislationDate"] = "2022-06-24"        # a Legislation property, not a GovernmentService one
    doc["availableChannel"][1]["url_"] = "/x/"
    assert vocab.validate(doc) == [
        "$.availableChannel[1].url_: 'url_' is not a property of ServiceChannel (did you mean 'url'?)",
        "$.legislationDate: 'legislationDate' is not a property of GovernmentService",
    ]


def test_bad_enumeration_member(vocab):
    doc = legislation()
    doc["legislationLegalForce"] = "Valid"
    doc["legislationChanges"][0]["legislationLegalForce"] = "https://schema.org/Expired"
    assert vocab.validate(doc) == [
        "$.legislationLegalForce: 'Valid' is not a member of LegalForceStatus",
        "$.legislationChanges[0].legislationLegalForce: 'https://schema.org/Expired' is not a member of "
        "LegalForceStatus",
    ]


def test_bad_date(vocab):
    doc = legislation()
    doc["legislationDate"] = "24/06/2022"
    doc["legislationConsolidates"]["legislationDate"] = "2018-02-30"
    assert vocab.validate(doc) == [
        "$.legislationDate: '24/06/2022' is not a valid Date (YYYY-MM-DD)",
        "$.legislationConsolidates.legislationDate: '2018-02-30' is not a valid Date (YYYY-MM-DD)",
    ]


def test_bad_date_or_datetime(vocab):
    doc = legislation()
    doc["dateModified"] = "2024-12-31 08:30"
    assert vocab.validate(doc) == ["$.dateModified: '2024-12-31 08:30' is not a valid Date (YYYY-MM-DD) "
                                   "or DateTime (ISO 8601, YYYY-MM-DDThh:mm[:ss][Z|+hh:mm])"]


def test_wrong_nested_type(vocab):
    doc = legislation()
    doc["legislationPassedBy"] = {"@type": "Legislation", "name": "Quốc hội"}
    doc["legislationChanges"][0] = {"@type": "WebPage", "name": "Nghị định 43/2011/NĐ-CP"}
    assert vocab.validate(doc) == [
        "$.legislationPassedBy: expected Organization or Person, got Legislation",
        "$.legislationChanges[0]: expected Legislation, got WebPage",
    ]


def test_plain_string_for_an_object_range(vocab):
    doc = government_service()
    doc["provider"] = "Sở Công Thương tỉnh Yên Bái"     # Organization | Person: no Text, so not a string
    doc["jurisdiction"] = "Tỉnh Yên Bái"                 # AdministrativeArea | Text: a string is fine
    assert vocab.validate(doc) == [
        "$.provider: expected Organization or Person, got string 'Sở Công Thương tỉnh Yên Bái'"]


def test_thing_range_takes_nodes_or_references_not_strings(vocab):
    # ListItem.item is Thing only: Google's examples use a bare URL, but with the schema.org
    # context that string is Text, not a link; {"@id": url} is the JSON-LD way.
    doc = {"@context": CTX, "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Trang chủ", "item": {"@id": "https://yenbai.gov.vn/"}},
        {"@type": "ListItem", "position": 2, "name": "Văn bản", "item": "https://yenbai.gov.vn/van-ban/"},
    ]}
    assert vocab.validate(doc) == [
        "$.itemListElement[1].item: expected Thing, got string 'https://yenbai.gov.vn/van-ban/'"]


def test_bad_url(vocab):
    doc = government_service()
    doc["availableChannel"][0]["serviceUrl"] = "dichvucong.yenbai.gov.vn"
    doc["url"] = "javascript:alert(1)"
    assert vocab.validate(doc) == [
        "$.url: 'javascript:alert(1)' is not a valid URL (absolute http(s) URL or a path starting with /)",
        "$.availableChannel[0].serviceUrl: 'dichvucong.yenbai.gov.vn' is not a valid URL "
        "(absolute http(s) URL or a path starting with /)",
    ]


def test_bad_literals(vocab):
    doc = {
        "@context": CTX, "@type": "Event", "name": 12,
        "isAccessibleForFree": "yes",
        "maximumAttendeeCapacity": 12.5,
        "startDate": "2025-01-01T25:00",
        "duration": "2 giờ",
        "eventStatus": "Scheduled",
        "doorTime": "7h30",
        "location": None,
    }
    assert vocab.validate(doc) == [
        "$.name: expected Text, got number 12",
        "$.isAccessibleForFree: 'yes' is not a valid Boolean (true or false)",
        "$.maximumAttendeeCapacity: 12.5 is not a valid Integer",
        "$.startDate: '2025-01-01T25:00' is not a valid Date (YYYY-MM-DD) "
        "or DateTime (ISO 8601, YYYY-MM-DDThh:mm[:ss][Z|+hh:mm])",
        "$.duration: '2 giờ' is not a valid Duration (ISO 8601 duration, e.g. PT30M)",
        "$.eventStatus: 'Scheduled' is not a member of EventStatusType",
        "$.doorTime: '7h30' is not a valid DateTime (ISO 8601, YYYY-MM-DDThh:mm[:ss][Z|+hh:mm]) "
        "or Time (hh:mm[:ss][Z|+hh:mm])",
        "$.location: null value (omit the property instead)",
    ]


def test_id_reference_needs_an_object_or_url_range(vocab):
    doc = legislation()
    doc["legislationDate"] = {"@id": "https://example.org/date"}
    doc["isBasedOn"] = {"@id": "https://vbpl.vn/x"}        # CreativeWork | Product | URL: fine
    assert vocab.validate(doc) == ["$.legislationDate: expected Date, got an @id reference"]


def test_errors_inside_a_graph(vocab):
    org, law = government_organization(), legislation()
    del org["@context"], law["@context"]
    law["legislationLegalForce"] = "Repealed"
    org["contactPoint"][0]["hoursAvailable"]["dayOfWeek"][1] = "Thứ Ba"
    assert vocab.validate({"@context": CTX, "@graph": [org, law]}) == [
        "$.@graph[0].contactPoint[0].hoursAvailable.dayOfWeek[1]: 'Thứ Ba' is not a member of DayOfWeek",
        "$.@graph[1].legislationLegalForce: 'Repealed' is not a member of LegalForceStatus",
    ]


def test_validate_does_not_mutate_its_input(vocab):
    doc = legislation()
    before = copy.deepcopy(doc)
    vocab.validate(doc)
    assert doc == before
