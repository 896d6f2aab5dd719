"""EU Financial Sanctions Files: XML and CSV v1.0 on the real files, XML v1.1 on a fixture.

Expected figures come from the files themselves, counted here with regular expressions and
the csv module, and from values checked by hand in the files.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from watchkeeper.model import DateSpec, Entity, Gender, Identifier, IdType, NameKind, Schema
from watchkeeper.sources import eu
from watchkeeper.sources.base import ListFormatError, ListSnapshot
from watchkeeper.sources.registry import read_head

XML_V10 = "eu/eu_fsf_xml_v1_0_2016-02-11_regime_subset.xml"
CSV_V10 = "eu/eu_fsf_csv_v1_0_2018-07-04_first999rows.csv"
UN_XML = "un/un_consolidated_2026-02-27.xml"
FIXTURE_V11 = Path(__file__).resolve().parents[1] / "fixtures" / "eu_fsf_v1_1_sample.xml"


@pytest.fixture(scope="module")
def xml_v10_path(lists_dir: Path) -> Path:
    return lists_dir / XML_V10


@pytest.fixture(scope="module")
def csv_v10_path(lists_dir: Path) -> Path:
    return lists_dir / CSV_V10


@pytest.fixture(scope="module")
def xml_v10(xml_v10_path: Path) -> ListSnapshot:
    return eu.parse_xml_v10([xml_v10_path])


@pytest.fixture(scope="module")
def csv_v10(csv_v10_path: Path) -> ListSnapshot:
    return eu.parse_csv_v10([csv_v10_path])


@pytest.fixture(scope="module")
def xml_v11() -> ListSnapshot:
    return eu.parse_xml_v11([FIXTURE_V11])


def by_id(snapshot: ListSnapshot) -> dict[str, Entity]:
    return {entity.id: entity for entity in snapshot.entities}


def names_of(entity: Entity, kind: NameKind) -> list[str]:
    return [name.full for name in entity.names if name.kind is kind]


def line_of(path: Path, needle: str, encoding: str = "utf-8") -> int:
    """The 1-based line of ``path`` that first contains ``needle``."""
    for number, line in enumerate(path.read_text(encoding).splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


# --- XML v1.0 -----------------------------------------------------------------------------------


def xml_blocks(path: Path) -> dict[str, str]:
    """Entity id -> the text of its ENTITY element, found with a regular expression."""
    text = path.read_text("utf-8")
    return dict(re.findall(r'(?s)<ENTITY Id="(\d+)"(.*?)</ENTITY>', text))


def parts(block: str, element: str) -> list[str]:
    return re.findall(rf"(?s)<{element} .*?</{element}>", block)


def tag(block: str, name: str) -> str:
    match = re.search(rf"(?s)<{name}>(.*?)</{name}>", block)
    return " ".join(match[1].split()) if match else ""


def test_xml_v10_reads_every_entity(xml_v10: ListSnapshot, xml_v10_path: Path) -> None:
    text = xml_v10_path.read_text("utf-8")
    assert len(re.findall(r"<ENTITY\b", text)) == 595
    assert len(xml_v10.entities) == 595
    assert {e.id for e in xml_v10.entities} == {f"eu:{i}" for i in xml_blocks(xml_v10_path)}
    assert xml_v10.errors == [] and xml_v10.warnings == []
    assert xml_v10.format == "eu-fsf-xml-1.0"
    assert xml_v10.published == "2016-02-11"  # <WHOLE Date="11/02/2016">
    persons = sum(e.schema is Schema.PERSON for e in xml_v10.entities)
    assert persons == len(re.findall(r'<ENTITY Id="\d+" Type="P"', text)) == 319


def test_xml_v10_detail_totals_match_the_elements(
    xml_v10: ListSnapshot, xml_v10_path: Path
) -> None:
    """Each distinct NAME, BIRTH date, document, CITIZEN and street address becomes one value."""
    names = births = documents = citizens = addresses = 0
    for block in xml_blocks(xml_v10_path).values():
        names += len({tag(p, "WHOLENAME") for p in parts(block, "NAME")})
        births += len({tag(p, "DATE") for p in parts(block, "BIRTH")} - {""})
        documents += len(
            {(tag(p, "NUMBER").split(" (")[0], tag(p, "COUNTRY")) for p in parts(block, "PASSPORT")}
            - {("UNKNOWN", "")}  # a placeholder, not a number
        )
        citizens += len({tag(p, "COUNTRY") for p in parts(block, "CITIZEN")} - {""})
        address_fields = ("NUMBER", "STREET", "ZIPCODE", "CITY", "COUNTRY")
        addresses += len(
            {
                tuple(tag(p, f) for f in address_fields)
                for p in parts(block, "ADDRESS")
                if any(tag(p, f) for f in address_fields[:4])
            }
        )
    entities = xml_v10.entities
    assert sum(len(e.names) for e in entities) == names == 2697
    assert sum(len(e.birth_dates) for e in entities) == births == 406
    assert sum(len(e.identifiers) for e in entities) == documents == 124
    assert sum(len(e.nationalities) for e in entities) == citizens == 304
    assert sum(len(e.addresses) for e in entities) == addresses == 440
    assert all(len(names_of(e, NameKind.PRIMARY)) == 1 for e in entities)


def test_xml_v10_taqa_entry_checked_by_hand(xml_v10: ListSnapshot) -> None:
    entity = by_id(xml_v10)["eu:927"]
    assert entity.schema is Schema.PERSON
    primary = entity.names[0]
    assert primary.kind is NameKind.PRIMARY
    assert primary.full == "Mohamed Ben Belgacem Ben Abdallah Al-Aouadi"
    assert (primary.given, primary.middle, primary.family) == (
        "Mohamed",
        "Ben Belgacem Ben Abdallah",
        "Al-Aouadi",
    )
    assert names_of(entity, NameKind.ALIAS) == ["Mohamed Ben Belkacem Aouadi", "Fathi Hannachi"]
    assert entity.gender is Gender.MALE
    assert entity.birth_dates == [DateSpec("1974-12-11")]
    assert entity.birth_places == ["Tunis"]
    assert entity.properties["birth_country"] == ["tn"]
    assert entity.nationalities == ["tn"]
    assert entity.identifiers == [
        Identifier(IdType.PASSPORT, "L191609", "tn", "National passport"),
        Identifier(IdType.NATIONAL_ID, "04643632", "tn", "National identification card"),
    ]
    assert [a.full for a in entity.addresses] == ["23 50th Street, Zehrouni, Tunis"]
    assert entity.addresses[0].country == "tn"
    assert entity.programs == ["TAQA"]
    assert entity.listed_on == "2003-05-20"  # CITIZEN reg_date, the earliest act cited
    assert "(Italian Fiscal Code: DAOMMD74T11Z352Z)" in entity.remarks


def test_xml_v10_approximate_ranges_and_other_scripts(xml_v10: ListSnapshot) -> None:
    entities = by_id(xml_v10)
    # <DATE>1953 - 1958 (approximative)</DATE>, twice
    assert entities["eu:521"].birth_dates == [DateSpec("1953", "1958", circa=True)]
    assert entities["eu:521"].birth_places == [
        "Kandahar province",
        "Tirin Kot District, Uruzgan Province",
    ]
    abu_nidal = entities["eu:201"]
    assert "Επαναστατικό Συµβούλιο Fatah" in names_of(abu_nidal, NameKind.ORIGINAL_SCRIPT)
    assert "Организация Abu Nidal" in names_of(abu_nidal, NameKind.ORIGINAL_SCRIPT)
    assert {n.lang for n in abu_nidal.names if n.kind is NameKind.ORIGINAL_SCRIPT} == {"el", "bg"}
    saddam = entities["eu:13"]
    assert saddam.caption == "Saddam Hussein Al-Tikriti"
    assert "Abu Ali" in names_of(saddam, NameKind.ALIAS)


def test_xml_v10_record_without_id_is_reported_and_parsing_goes_on(
    xml_v10_path: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "eu.xml"
    broken.write_text(
        xml_v10_path.read_text("utf-8").replace('<ENTITY Id="13" ', "<ENTITY ", 1), "utf-8"
    )
    snapshot = eu.parse_xml_v10([broken])
    assert len(snapshot.entities) == 594
    [error] = snapshot.errors
    assert error.location.file == str(broken)
    assert error.location.line == line_of(broken, "<ENTITY Type=") == 40
    assert error.location.field == "Id"


def test_xml_v10_truncated_copy_raises_with_the_line(xml_v10_path: Path, tmp_path: Path) -> None:
    lines = xml_v10_path.read_text("utf-8").splitlines(keepends=True)
    truncated = tmp_path / "eu.xml"
    truncated.write_text("".join(lines[:4999]) + lines[4999][:10], "utf-8")  # cut in line 5000
    with pytest.raises(ListFormatError) as caught:
        eu.parse_xml_v10([truncated])
    assert caught.value.location.file == str(truncated)
    assert caught.value.location.line == 5000


def test_xml_v10_parser_refuses_un_xml(lists_dir: Path) -> None:
    """UN XML has ENTITY elements too, but under ENTITIES, not WHOLE."""
    with pytest.raises(ListFormatError) as caught:
        eu.parse_xml_v10([lists_dir / UN_XML])
    assert "inside <ENTITIES>, not <WHOLE>" in caught.value.message


# --- CSV v1.0 ------------------------------------------------------------------------------------


def csv_rows(path: Path) -> list[list[str]]:
    """Rows of the EU CSV read with the csv module: each line is one quoted ';'-separated row."""
    lines = csv.reader(io.StringIO(path.read_text("cp1252"), newline=""))
    return [next(csv.reader([line[0]], delimiter=";")) for line in lines]


def test_csv_v10_reads_every_entity(csv_v10: ListSnapshot, csv_v10_path: Path) -> None:
    header, *rows = csv_rows(csv_v10_path)
    assert header[1] == "Entity_logical_id" and len(rows) == 999
    entity_ids = {row[1] for row in rows}
    assert len(entity_ids) == 93
    assert {e.id for e in csv_v10.entities} == {f"eu:{i}" for i in entity_ids}
    assert csv_v10.errors == []
    assert csv_v10.format == "eu-fsf-csv-1.0"
    assert csv_v10.published == "2018-07-04"  # Date_file column: 04/07/2018


def test_csv_v10_last_entity_is_reported_as_possibly_cut(
    csv_v10: ListSnapshot, csv_v10_path: Path, xml_v10: ListSnapshot
) -> None:
    *_, last_row = csv_rows(csv_v10_path)
    assert last_row[1] == "481"
    cut = [w for w in csv_v10.warnings if "cut off" in w.message]
    assert len(cut) == 1
    assert cut[0].location.line == 1000
    assert cut[0].location.element == "entity eu:481"
    # It truly is cut: the 2016 XML lists addresses in Niger and Tunisia for this entity,
    # which the CSV never reaches.
    in_csv = by_id(csv_v10)["eu:481"].countries
    in_xml = by_id(xml_v10)["eu:481"].countries
    assert in_csv == ["dz", "ml", "mr", "ma"]
    assert set(in_xml) - set(in_csv) == {"ne", "tn"}


def test_csv_v10_entries_checked_by_hand(csv_v10: ListSnapshot) -> None:
    entities = by_id(csv_v10)
    ksm = entities["eu:191"]
    assert ksm.caption == "Khalid Shaikh MOHAMMED"
    assert ksm.names[0].family == "MOHAMMED"
    assert "Ashraf Refaat Nabith HENIN" in names_of(ksm, NameKind.ALIAS)
    assert ksm.birth_dates == [DateSpec("1965-04-14"), DateSpec("1964-03-01")]
    assert ksm.birth_places == []  # Birt_place is "-"
    assert ksm.properties["birth_country"] == ["pk"]
    assert ksm.identifiers == [Identifier(IdType.PASSPORT, "488555", None, "National passport")]
    assert ksm.properties["eu_reference"] == ["EU.3579.2"]
    assert ksm.programs == ["TERR"]

    aziz = entities["eu:83"]
    assert aziz.nationalities == ["iq"]
    assert aziz.birth_places == ["Mosul", "Baghdad"]
    assert aziz.identifiers[0].value == "34409/129"
    assert aziz.identifiers[0].type is IdType.OTHER
    assert [n.lang for n in aziz.names] == [None, None, "fr", "fr"]

    trust = entities["eu:330"]  # TAQA; the export wrote every comma as a tab
    assert trust.schema is Schema.ORGANIZATION
    assert trust.programs == ["TAQA"]
    assert "Al-Madina Trust, Pakistan" in names_of(trust, NameKind.ALIAS)
    karachi = trust.addresses[1]
    assert (karachi.street, karachi.city, karachi.country) == (
        "Kitab Ghar, Darul Ifta Wal Irshad, Nazimbad No 4",
        "Karachi",
        "pk",
    )


def test_csv_v10_is_decoded_as_cp1252(csv_v10: ListSnapshot, csv_v10_path: Path) -> None:
    assert b"ta\x92 Fatah" in csv_v10_path.read_bytes()  # 0x92 is cp1252's right quote
    names = [n.full for e in csv_v10.entities for n in e.names]
    assert "Kunsill Rivoluzzjonarju ta’ Fatah" in names
    assert "Conselho Revolucionário do Fatah" in names


def test_csv_v10_names_lost_to_question_marks_are_kept_as_text(
    csv_v10: ListSnapshot, csv_v10_path: Path
) -> None:
    lost = "???????????? ??µ?????? Fatah"  # Greek name the export could not encode
    abu_nidal = by_id(csv_v10)["eu:201"]
    assert lost in abu_nidal.properties["unreadable_name"]
    assert lost not in [n.full for n in abu_nidal.names]
    [warning] = [w for w in csv_v10.warnings if lost in w.message]
    assert warning.location.line == line_of(csv_v10_path, lost, "cp1252")
    assert warning.location.field == "Naal_wholename"


def test_csv_v10_utf8_copy_reads_the_same(
    csv_v10: ListSnapshot, csv_v10_path: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "eu.csv"
    copy.write_text(csv_v10_path.read_text("cp1252"), "utf-8")
    again = eu.parse_csv_v10([copy])
    assert [e.canonical_json() for e in again.entities] == [
        e.canonical_json() for e in csv_v10.entities
    ]


def test_csv_v10_row_without_entity_id_is_an_error(csv_v10_path: Path, tmp_path: Path) -> None:
    lines = csv_v10_path.read_bytes().split(b"\n")
    assert lines[7].startswith(b'"04/07/2018;13;')  # line 8: first row of Saddam Hussein
    lines[7] = lines[7].replace(b";13;", b";;", 1)
    broken = tmp_path / "eu.csv"
    broken.write_bytes(b"\n".join(lines))
    snapshot = eu.parse_csv_v10([broken])
    [error] = snapshot.errors
    assert (error.location.line, error.location.field) == (8, "Entity_logical_id")
    assert len(snapshot.entities) == 93  # his other rows still make the entity


def test_csv_v10_file_cut_mid_row_raises_with_the_line(csv_v10_path: Path, tmp_path: Path) -> None:
    lines = csv_v10_path.read_bytes().split(b"\n")
    truncated = tmp_path / "eu.csv"
    truncated.write_bytes(b"\n".join(lines[:499]) + b"\n" + lines[499][:120])
    with pytest.raises(ListFormatError) as caught:
        eu.parse_csv_v10([truncated])
    assert caught.value.location.file == str(truncated)
    assert caught.value.location.line == 500


def test_csv_v10_plain_lines_read_the_same_and_a_cut_line_raises(
    csv_v10: ListSnapshot, csv_v10_path: Path, tmp_path: Path
) -> None:
    """The rows written as plain ';'-separated lines, without the quotes around each line."""
    plain = [line[0] for line in csv.reader(io.StringIO(csv_v10_path.read_text("cp1252")))]
    copy = tmp_path / "eu.csv"
    copy.write_text("\n".join(plain) + "\n", "cp1252")
    assert [e.canonical_json() for e in eu.parse_csv_v10([copy]).entities] == [
        e.canonical_json() for e in csv_v10.entities
    ]
    copy.write_text("\n".join(plain[:500]) + "\n" + plain[500][:60], "cp1252")
    with pytest.raises(ListFormatError) as caught:
        eu.parse_csv_v10([copy])
    assert "ends mid-row" in caught.value.message
    assert caught.value.location.line == 501


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        ("Entity_logical_id;Naal_wholename\n".encode("utf-16-le"), "NUL byte"),
        (b"name;country\nX;Y\n", "not an EU CSV"),
        (b'"Date_file;Entity_logical_id;Naal_logical_id;Naal_wholename"\n', "no data rows"),
    ],
)
def test_csv_v10_unreadable_files_raise(content: bytes, message: str, tmp_path: Path) -> None:
    path = tmp_path / "eu.csv"
    path.write_bytes(content)
    with pytest.raises(ListFormatError) as caught:
        eu.parse_csv_v10([path])
    assert message in caught.value.message
    assert caught.value.location.file == str(path)


# --- XML v1.1 (hand-written fixture in the shape of the 2026 export) ---------------------------


def test_xml_v11_person_field_by_field(xml_v11: ListSnapshot) -> None:
    assert xml_v11.format == "eu-fsf-xml-1.1"
    assert xml_v11.published == "2026-08-05T16:47:04.449+02:00"
    person = by_id(xml_v11)["eu:5001"]
    assert person.schema is Schema.PERSON
    primary = person.names[1]  # the split name wins over the French one listed first
    assert (primary.full, primary.kind) == ("Karim Abdel HADDAD", NameKind.PRIMARY)
    assert (primary.given, primary.middle, primary.family, primary.title) == (
        "Karim",
        "Abdel",
        "HADDAD",
        "Dr.",
    )
    assert [(n.full, n.lang) for n in person.names if n.kind is NameKind.ALIAS] == [
        ("Karime Abdel Hadad", "fr"),
        ("Karim Haddad", "de"),
    ]
    assert names_of(person, NameKind.WEAK_ALIAS) == ["Abu Karim"]
    assert names_of(person, NameKind.ORIGINAL_SCRIPT) == [
        "Карим Абдел Хадад",
        "Καρίμ Αμπντέλ Χαντάντ",
    ]
    assert person.gender is Gender.MALE
    assert person.properties["position"] == ["Chief financier"]
    assert person.nationalities == ["lb"]  # the "00" / UNKNOWN citizenship is no country
    assert person.birth_dates == [
        DateSpec("1968-07-04"),
        DateSpec("1966", circa=True),
        DateSpec("1967-03"),
        DateSpec("1963", "1965", circa=True),
    ]
    assert person.birth_places == ["Tripoli"]
    assert person.identifiers == [
        Identifier(
            IdType.PASSPORT, "RL1234567", "lb", "National passport; issued in 2009; known expired"
        ),
        Identifier(IdType.NATIONAL_ID, "000-123-456", None, "National identification card"),
    ]
    [address] = person.addresses
    assert address.full == "12 Example Street, 1107, Beirut, LEBANON"
    assert (address.street, address.postal_code, address.city, address.country) == (
        "12 Example Street",
        "1107",
        "Beirut",
        "lb",
    )
    assert person.properties["phone"] == ["+961 1 000000"]
    assert person.programs == ["TAQA"]
    assert person.listed_on == "2011-03-15"  # designationDate
    assert person.properties["eu_reference"] == ["EU.9001.11"]
    assert person.properties["un_reference"] == ["QDi.990"]
    assert person.properties["legal_basis"] == ["2011/250 (OJ L70)"]
    assert person.remarks == [
        "Designated by the Council",
        "Synthetic test record.",
        "Also spelled with one D.",
    ]


def test_xml_v11_enterprise_field_by_field(xml_v11: ListSnapshot) -> None:
    company = by_id(xml_v11)["eu:5002"]
    assert company.schema is Schema.ORGANIZATION
    assert company.caption == "Example Trading LLC"
    assert names_of(company, NameKind.ORIGINAL_SCRIPT) == ["ООО Пример Трейдинг"]
    assert company.identifiers == [
        Identifier(IdType.REGISTRATION, "1027700000001", "ru", "Registration Number"),
        Identifier(IdType.BIC, "EXAMRUMMXXX", "ru", "SWIFT BIC"),
    ]
    assert [a.full for a in company.addresses] == ["Moscow, RUSSIAN FEDERATION"]
    assert company.countries == ["ru"]
    assert company.programs == ["UKR"]
    assert company.listed_on == "2014-07-31"  # no designationDate: earliest act cited


def test_xml_v11_reports_unusable_records_and_open_ranges(xml_v11: ListSnapshot) -> None:
    assert len(xml_v11.entities) == 2
    no_id, no_name = xml_v11.errors
    assert no_id.location.line == line_of(FIXTURE_V11, 'euReferenceNumber="EU.9003.33"')
    assert no_id.location.field == "logicalId"
    assert no_name.location.line == line_of(FIXTURE_V11, 'logicalId="5004"')
    assert no_name.location.element == "sanctionEntity[5004]"
    [open_range] = xml_v11.warnings
    assert open_range.location.line == line_of(FIXTURE_V11, 'yearRangeTo="1970"')
    assert open_range.location.field == "yearRangeFrom"
    assert by_id(xml_v11)["eu:5001"].properties["birth_date"] == ["..1970"]


def test_xml_v11_other_calendars_are_kept_as_text(tmp_path: Path) -> None:
    copy = tmp_path / "eu.xml"
    text = FIXTURE_V11.read_text("utf-8")
    copy.write_text(text.replace('calendarType="GREGORIAN"', 'calendarType="ISLAMIC"', 1), "utf-8")
    person = by_id(eu.parse_xml_v11([copy]))["eu:5001"]
    assert DateSpec("1968-07-04") not in person.birth_dates
    assert "1968-07-04 ISLAMIC" in person.properties["birth_date"]


def test_xml_v11_truncated_copy_raises_with_the_line(tmp_path: Path) -> None:
    lines = FIXTURE_V11.read_text("utf-8").splitlines(keepends=True)
    truncated = tmp_path / "eu.xml"
    truncated.write_text("".join(lines[:39]) + lines[39][:30], "utf-8")  # cut in line 40
    with pytest.raises(ListFormatError) as caught:
        eu.parse_xml_v11([truncated])
    assert caught.value.location.file == str(truncated)
    assert caught.value.location.line == 40


def test_xml_v11_other_namespace_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "eu.xml"
    copy.write_text(FIXTURE_V11.read_text("utf-8").replace(eu.V11_NAMESPACE, "urn:other"), "utf-8")
    with pytest.raises(ListFormatError) as caught:
        eu.parse_xml_v11([copy])
    assert "inside <{urn:other}export>" in caught.value.message
    assert caught.value.location.line == line_of(copy, "<sanctionEntity ")


# --- sniffing ----------------------------------------------------------------------------------


def test_sniffing_tells_the_three_formats_apart_and_rejects_un_xml(lists_dir: Path) -> None:
    files = {
        "eu-fsf-xml-1.0": lists_dir / XML_V10,
        "eu-fsf-csv-1.0": lists_dir / CSV_V10,
        "eu-fsf-xml-1.1": FIXTURE_V11,
        None: lists_dir / UN_XML,
    }
    for expected, path in files.items():
        head = read_head(path)
        accepted = [f.name for f in eu.FORMATS if f.sniff(path, head)]
        assert accepted == ([expected] if expected else []), path
    assert {f.list_name for f in eu.FORMATS} == {"eu"}
