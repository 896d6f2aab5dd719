"""OFAC's XML publications, on the real files in ``../shared/data/lists/ofac_non_sdn``.

Expected figures are counted in the tests straight from the files (regular expressions over
the XML, the ``csv`` module over ``cons_prim.csv``) and agree with the 442-443 entries of
``../shared/data/README.md``.  Field values were checked by hand in the files, at the entries
named by their uid.  The SDN flavours, which ``../shared`` does not hold, are read from the
small hand-written samples in ``tests/fixtures/ofac``.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from watchkeeper.model import DateSpec, Entity, Gender, Identifier, IdType, Name, NameKind, Schema
from watchkeeper.sources import ofac_xml
from watchkeeper.sources.base import ListFormat, ListFormatError, ListSnapshot
from watchkeeper.sources.registry import detect_format, format_by_name

CLASSIC_SDN, CLASSIC_CONS, ENHANCED_SDN, ENHANCED_CONS = ofac_xml.FORMATS
CLASSIC_FILE = "ofac_non_sdn/cons_sdnlist_format_2026-01-08.xml"
ENHANCED_ZIP = "ofac_non_sdn/CONS_ENHANCED.ZIP"
ENHANCED_MEMBER = "CONS_ENHANCED.XML"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ofac"
CLASSIC_SAMPLE = FIXTURES / "sdn_classic_sample.xml"
ENHANCED_SAMPLE = FIXTURES / "sdn_enhanced_sample.xml"
DELISTED_BEFORE_2026 = {"26182"}
"""In the enhanced file of 2025-01-10 only: KAYAKIRAN, Evren (FSE-IR), gone from the CSV and
the classic XML of 2026-01 (a real removal from the list between the two publications)."""


def by_id(snapshot: ListSnapshot) -> dict[str, Entity]:
    return {entity.id: entity for entity in snapshot.entities}


def names(entity: Entity) -> set[tuple[str, NameKind]]:
    return {(name.full, name.kind) for name in entity.names}


def uids(snapshot: ListSnapshot) -> set[str]:
    return {entity.id.split(":", 1)[1] for entity in snapshot.entities}


def enhanced_xml_text(lists_dir: Path) -> str:
    with zipfile.ZipFile(lists_dir / ENHANCED_ZIP) as archive:
        return archive.read(ENHANCED_MEMBER).decode("utf-8")


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.fixture(scope="module")
def classic_text(lists_dir: Path) -> str:
    return (lists_dir / CLASSIC_FILE).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def classic(lists_dir: Path) -> ListSnapshot:
    return CLASSIC_CONS.parse([lists_dir / CLASSIC_FILE])


@pytest.fixture(scope="module")
def enhanced(lists_dir: Path) -> ListSnapshot:
    return ENHANCED_CONS.parse([lists_dir / ENHANCED_ZIP])


@pytest.fixture(scope="module")
def cons_prim_ent_nums(lists_dir: Path) -> set[str]:
    """``ent_num`` (first column) of every row of OFAC's non-SDN CSV, read with csv."""
    text = (lists_dir / "ofac_non_sdn/cons_prim.csv").read_bytes().decode("latin-1")
    rows = csv.reader(io.StringIO(text.rstrip("\x1a")))
    return {row[0].strip() for row in rows if row}


# -- telling the formats and lists apart ---------------------------------------------------


def test_registry_knows_all_four_formats() -> None:
    assert [f.name for f in ofac_xml.FORMATS] == [
        "ofac-xml",
        "ofac-cons-xml",
        "ofac-enhanced-xml",
        "ofac-cons-enhanced-xml",
    ]
    assert [f.list_name for f in ofac_xml.FORMATS] == ["ofac", "ofac-cons"] * 2
    assert format_by_name("ofac-cons-xml") is CLASSIC_CONS


def test_real_consolidated_files_are_detected_by_content(lists_dir: Path, tmp_path: Path) -> None:
    assert detect_format(lists_dir / CLASSIC_FILE) is CLASSIC_CONS
    assert detect_format(lists_dir / ENHANCED_ZIP) is ENHANCED_CONS
    # renamed to something that says nothing, the classic file is still the consolidated
    # list: its first entries carry only non-SDN programmes (NS-PLC)
    renamed = shutil.copy(lists_dir / CLASSIC_FILE, tmp_path / "list.xml")
    assert detect_format(Path(renamed)) is CLASSIC_CONS


def test_sdn_samples_are_detected_as_the_sdn_list() -> None:
    assert detect_format(CLASSIC_SAMPLE) is CLASSIC_SDN
    assert detect_format(ENHANCED_SAMPLE) is ENHANCED_SDN


def test_an_sdnlist_file_with_the_real_sdn_programmes_is_the_sdn_list(
    lists_dir: Path, tmp_path: Path
) -> None:
    """Every entry of the real 2024 SDN CSV, written as classic XML: never the consolidated list.

    This checks the rule that tells the two lists apart on a whole real SDN list: no entry
    has only programmes of the non-SDN lists, though some (9647, 9659) carry NS-PLC.
    """
    text = (lists_dir / "ofac_sdn_2024/sdn_2024-05-03.csv").read_bytes().decode("latin-1")
    rows = [row for row in csv.reader(io.StringIO(text.rstrip("\x1a"))) if len(row) > 3]
    entries = []
    for row in rows:
        programs = "".join(
            f"<program>{p}</program>" for p in row[3].strip("[] ").split("] [") if p.strip()
        )
        name = row[1].replace("&", "&amp;").replace("<", "&lt;")
        entries.append(
            f"<sdnEntry><uid>{row[0]}</uid><lastName>{name}</lastName>"
            f"<sdnType>Entity</sdnType><programList>{programs}</programList></sdnEntry>"
        )
    path = tmp_path / "ofac_publication.xml"
    path.write_text(
        '<?xml version="1.0"?><sdnList><publshInformation><Publish_Date>05/03/2024'
        f"</Publish_Date><Record_Count>{len(rows)}</Record_Count></publshInformation>"
        + "\n".join(entries)
        + "</sdnList>",
        encoding="utf-8",
    )
    assert any("NS-PLC" in row[3] for row in rows)
    assert detect_format(path) is CLASSIC_SDN
    snapshot = CLASSIC_SDN.parse([path])
    assert snapshot.errors == []
    assert len(snapshot.entities) == len(rows) == 14965
    assert snapshot.published == "2024-05-03"


def test_consolidated_file_read_as_the_sdn_list_is_an_error(lists_dir: Path) -> None:
    snapshot = CLASSIC_SDN.parse([lists_dir / CLASSIC_FILE])
    assert len(snapshot.errors) == 1
    assert "consolidated list" in snapshot.errors[0].message
    assert snapshot.errors[0].location.field == "programList"


def test_enhanced_consolidated_file_read_as_the_sdn_list_is_refused(lists_dir: Path) -> None:
    assert not ENHANCED_SDN.sniff(lists_dir / ENHANCED_ZIP, b"PK\x03\x04")
    with pytest.raises(ListFormatError) as raised:
        ENHANCED_SDN.parse([lists_dir / ENHANCED_ZIP])
    assert raised.value.location.element == "publicationInfo/filters"
    assert ENHANCED_MEMBER in raised.value.location.file
    assert "Consolidated List" in raised.value.message


def test_other_xml_is_not_taken_for_ofac(lists_dir: Path) -> None:
    un_file = lists_dir / "un/un_consolidated_2026-02-27.xml"
    head = un_file.read_bytes()[:65536]
    assert not any(list_format.sniff(un_file, head) for list_format in ofac_xml.FORMATS)
    with pytest.raises(ListFormatError) as raised:
        CLASSIC_CONS.parse([un_file])
    assert raised.value.location.file == str(un_file)
    assert "sdnList" in raised.value.message


# -- the classic sdnList XML ---------------------------------------------------------------


def test_classic_entry_count_matches_independent_counts(
    classic: ListSnapshot, classic_text: str
) -> None:
    entries = len(re.findall(r"<sdnEntry>", classic_text))
    declared = re.findall(r"<Record_Count>(\d+)</Record_Count>", classic_text)
    assert len(classic.entities) == entries == int(declared[0]) == 442
    assert classic.errors == []
    assert classic.warnings == []
    assert classic.list_name == "ofac-cons"
    assert classic.published == "2026-01-08"  # <Publish_Date>01/08/2026, month first


def test_classic_uids_are_the_csv_ent_nums(
    classic: ListSnapshot, cons_prim_ent_nums: set[str]
) -> None:
    """uid is OFAC's ent_num: the same ids whichever format a version is read from."""
    assert uids(classic) == cons_prim_ent_nums
    assert all(entity.id.startswith("ofac-cons:") for entity in classic.entities)


def test_classic_person_with_aliases_birth_and_programme(classic: ListSnapshot) -> None:
    haniya = by_id(classic)["ofac-cons:9639"]
    assert haniya.schema is Schema.PERSON
    assert haniya.names[0] == Name(
        "HANIYA, Ismail Abdul Salah", NameKind.PRIMARY, given="Ismail Abdul Salah", family="HANIYA"
    )
    assert names(haniya) == {
        ("HANIYA, Ismail Abdul Salah", NameKind.PRIMARY),
        ("HANIYA, Ismail", NameKind.ALIAS),
        ("HANIYYA, Ismaeel", NameKind.ALIAS),
    }
    assert haniya.birth_dates == [DateSpec("1962")]
    assert haniya.birth_places == ["Shati"]
    assert haniya.programs == ["NS-PLC"]


def test_classic_weak_aliases_gender_links_and_programmes(classic: ListSnapshot) -> None:
    zahhar = by_id(classic)["ofac-cons:9647"]
    assert names(zahhar) == {
        ("ZAHHAR, Mahmoud Khaled", NameKind.PRIMARY),
        ("AL ZAHAR, Mahmoud Khaled", NameKind.ALIAS),
        ("ZAHAR, Mahmoud", NameKind.WEAK_ALIAS),
        ("AL-ZAHAR, Mahmoud", NameKind.WEAK_ALIAS),
    }
    assert zahhar.gender is Gender.MALE
    assert zahhar.links == ["HAMAS"]  # <remarks>(Linked To: HAMAS)</remarks>
    assert zahhar.programs == ["NS-PLC", "SDGT"]
    assert zahhar.properties["sanctions_information"] == [
        "Secondary sanctions risk: section 1(b) of Executive Order 13224, "
        "as amended by Executive Order 13886"
    ]


def test_classic_full_date_nationality_national_id_and_addresses(classic: ListSnapshot) -> None:
    martelly = by_id(classic)["ofac-cons:50476"]
    assert ("Sweet Micky", NameKind.WEAK_ALIAS) in names(martelly)
    assert martelly.birth_dates == [DateSpec("1961-02-12")]
    assert martelly.birth_places == ["Port-au-Prince, Haiti"]
    assert martelly.nationalities == ["ht"]
    assert martelly.identifiers[0] == Identifier(
        IdType.NATIONAL_ID, "0032768386", "ht", "National ID No."
    )
    assert Identifier(IdType.OTHER, "M634550610520", "us", "Driver's License No.") in (
        martelly.identifiers
    )
    assert [address.full for address in martelly.addresses] == [
        "Miami, FL, United States",
        "Petionville, Ouest, Haiti",
        "Port-au-Prince, Ouest, Haiti",
        "Dominican Republic",
    ]
    assert martelly.addresses[0].city == "Miami"
    assert martelly.addresses[0].region == "FL"
    assert martelly.addresses[0].country == "us"


def test_classic_organisation_ids_former_names_and_remarks(classic: ListSnapshot) -> None:
    vtb = by_id(classic)["ofac-cons:17013"]
    assert vtb.schema is Schema.ORGANIZATION
    assert ("JSC VTB BANK", NameKind.FORMER) in names(vtb)  # f.k.a.
    assert ("JSC VTB BANK NEW DELHI BRANCH", NameKind.WEAK_ALIAS) in names(vtb)
    assert ("VTB BANK PJSC", NameKind.ALIAS) in names(vtb)
    assert Identifier(IdType.BIC, "VTBRRUMM", None, "SWIFT/BIC") in vtb.identifiers
    assert Identifier(IdType.TAX_ID, "7702070139", "ru", "Tax ID No.") in vtb.identifiers
    eximbank = by_id(classic)["ofac-cons:18268"]
    assert Identifier(IdType.LEI, "253400HA6URWT39X2982", None, "Legal Entity Number") in (
        eximbank.identifiers
    )
    assert eximbank.remarks[0] == "All offices worldwide"
    assert eximbank.links == [
        "STATE CORPORATION BANK FOR DEVELOPMENT AND FOREIGN ECONOMIC AFFAIRS VNESHECONOMBANK"
    ]


def test_classic_sdn_sample_vessel_and_person() -> None:
    snapshot = CLASSIC_SDN.parse([CLASSIC_SAMPLE])
    assert snapshot.errors == snapshot.warnings == []
    tanker, person = snapshot.entities
    assert tanker.id == "ofac:990001"
    assert tanker.schema is Schema.VESSEL
    assert Identifier(IdType.IMO, "9999995", None, "Vessel Registration Identification IMO") in (
        tanker.identifiers
    )
    assert Identifier(IdType.CALL_SIGN, "XX1AB", None, "Vessel Call Sign") in tanker.identifiers
    assert Identifier(IdType.MMSI, "572000001", None, "MMSI") in tanker.identifiers
    assert tanker.properties["flag"] == ["ir"]
    assert tanker.properties["former_flag"] == ["mt"]
    assert tanker.properties["vessel_type"] == ["Crude Oil Tanker"]
    assert tanker.properties["vessel_owner"] == ["EXAMPLE SHIPPING COMPANY"]
    assert tanker.properties["gross_registered_tonnage"] == ["80000"]
    assert ("OLD EXAMPLE", NameKind.FORMER) in names(tanker)
    assert tanker.links == ["EXAMPLE SHIPPING COMPANY"]
    assert person.gender is Gender.FEMALE
    assert person.birth_dates == [DateSpec("1970", circa=True), DateSpec("1971", "1973")]
    assert person.countries == ["cy"]  # citizenship
    assert (
        Identifier(
            IdType.PASSPORT, "X1234567", "ru", "Passport; issued 01 Jan 2015 expires 01 Jan 2025"
        )
        in person.identifiers
    )
    assert Identifier(IdType.CRYPTO, "1ExampleBitcoinAddress000000000001", None, "XBT") in (
        person.identifiers
    )
    assert person.properties["email"] == ["jane@example.org"]
    assert person.properties["website"] == ["www.example.org"]
    assert person.properties["position"] == ["Director of Example Operations"]
    assert ("JANIE", NameKind.WEAK_ALIAS) in names(person)
    # an idList label the remarks grammar does not know stays as OFAC's CSV would hold it
    assert person.remarks == ["Trademark number TM-0002"]
    assert all(identifier.value != "TM-0002" for identifier in person.identifiers)


# -- the enhanced XML ----------------------------------------------------------------------


def test_enhanced_entity_count_matches_independent_counts(
    enhanced: ListSnapshot, lists_dir: Path
) -> None:
    assert len(enhanced.entities) == len(re.findall(r"<entity id=", enhanced_xml_text(lists_dir)))
    assert len(enhanced.entities) == 443
    assert enhanced.errors == enhanced.warnings == []
    assert enhanced.published == "2025-01-10"  # <dataAsOf>2025-01-10T00:00:00


def test_enhanced_ids_are_the_csv_ent_nums_and_the_classic_uids(
    enhanced: ListSnapshot, classic: ListSnapshot, cons_prim_ent_nums: set[str]
) -> None:
    assert uids(enhanced) - cons_prim_ent_nums == DELISTED_BEFORE_2026
    assert cons_prim_ent_nums <= uids(enhanced)
    assert uids(enhanced) - uids(classic) == DELISTED_BEFORE_2026


def test_enhanced_and_classic_read_an_entry_alike(
    enhanced: ListSnapshot, classic: ListSnapshot
) -> None:
    from_enhanced, from_classic = (
        by_id(enhanced)["ofac-cons:9639"],
        by_id(classic)["ofac-cons:9639"],
    )
    for field in ("names", "birth_dates", "birth_places", "programs", "schema"):
        assert getattr(from_enhanced, field) == getattr(from_classic, field)


def test_enhanced_original_script_relationships_and_listing(enhanced: ListSnapshot) -> None:
    eximbank = by_id(enhanced)["ofac-cons:18268"]
    assert Name("АО РОСЭКСИМБАНК", NameKind.ORIGINAL_SCRIPT, lang="Cyrl") in eximbank.names
    assert ("AO ROSEKSIMBANK", NameKind.ALIAS) in names(eximbank)
    assert eximbank.links == [
        "STATE CORPORATION BANK FOR DEVELOPMENT AND FOREIGN ECONOMIC AFFAIRS VNESHECONOMBANK"
    ]
    assert eximbank.listed_on == "2015-07-30"
    assert eximbank.properties["sanctions_lists"] == [
        "Sectoral Sanctions Identifications List",
        "Consolidated List",
        "SDN List",
    ]
    assert Identifier(IdType.REGISTRATION, "1027739109133", "ru", "Registration Number") in (
        eximbank.identifiers
    )
    assert eximbank.addresses[0].full == "12 Krasnopresnenskaya Embankments, Moscow, 123610, Russia"
    assert eximbank.addresses[0].postal_code == "123610"


def test_enhanced_passport_gender_citizenship_and_birth_date(enhanced: ListSnapshot) -> None:
    kayakiran = by_id(enhanced)["ofac-cons:26182"]
    assert kayakiran.names == [
        Name("KAYAKIRAN, Evren", NameKind.PRIMARY, given="Evren", family="KAYAKIRAN")
    ]
    assert kayakiran.birth_dates == [DateSpec("1980-02-08")]
    assert kayakiran.gender is Gender.MALE
    assert kayakiran.countries == ["tr"]  # Citizenship Country
    assert kayakiran.identifiers == [Identifier(IdType.PASSPORT, "U00242309", "tr", "Passport")]
    assert kayakiran.programs == ["FSE-IR"]


def test_enhanced_sdn_sample() -> None:
    snapshot = ENHANCED_SDN.parse([ENHANCED_SAMPLE])
    assert snapshot.errors == snapshot.warnings == []
    assert snapshot.published == "2026-07-13"
    vessel, person = snapshot.entities
    assert vessel.id == "ofac:990101"
    assert vessel.schema is Schema.VESSEL
    assert Identifier(IdType.IMO, "9999998", None, "Vessel Registration Identification IMO") in (
        vessel.identifiers
    )
    assert vessel.properties["flag"] == ["ir"]
    assert vessel.properties["vessel_type"] == ["Crude Oil Tanker"]
    assert Name("يوسف أحمد الإكزامبلي", NameKind.ORIGINAL_SCRIPT, lang="Arab") in person.names
    assert ("ABU EXAMPLE", NameKind.WEAK_ALIAS) in names(person)  # isLowQuality
    assert person.birth_dates == [DateSpec("1975", circa=True)]
    # "Cote d Ivoire, Republic of" is resolved through the file's own ISO code
    assert person.nationalities == ["ci"]
    assert Identifier(IdType.PASSPORT, "P0000001", "ci", "Passport") in person.identifiers
    # a document label the remarks grammar does not know is still an identifier
    assert Identifier(IdType.OTHER, "TM-0001", None, "Trademark number") in person.identifiers
    assert not any("TM-0001" in remark for remark in person.remarks if "not valid" not in remark)
    assert "document TM-0001 is marked not valid" in person.remarks
    assert any("reliability Reported" in remark for remark in person.remarks)


# -- bad input -----------------------------------------------------------------------------


def test_truncated_classic_xml_names_file_and_line(lists_dir: Path, tmp_path: Path) -> None:
    data = (lists_dir / CLASSIC_FILE).read_bytes()
    cut = data[: len(data) // 2]
    path = tmp_path / "consolidated.xml"
    path.write_bytes(cut)
    with pytest.raises(ListFormatError) as raised:
        CLASSIC_CONS.parse([path])
    assert raised.value.location.file == str(path)
    assert raised.value.location.line == cut.count(b"\n") + 1


def test_truncated_enhanced_xml_in_a_zip_names_member_and_line(
    lists_dir: Path, tmp_path: Path
) -> None:
    text = enhanced_xml_text(lists_dir).encode("utf-8")
    cut = text[:100_000]
    path = write_zip(tmp_path / "CONS_ENHANCED.ZIP", {ENHANCED_MEMBER: cut})
    with pytest.raises(ListFormatError) as raised:
        ENHANCED_CONS.parse([path])
    assert raised.value.location.file == f"{path}!{ENHANCED_MEMBER}"
    assert raised.value.location.line == cut.count(b"\n") + 1


def test_zip_without_an_xml_member_is_refused(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "CONS_ENHANCED.ZIP", {"readme.txt": b"no list in here"})
    with pytest.raises(ListFormatError) as raised:
        ENHANCED_CONS.parse([path])
    assert raised.value.location.file == str(path)
    assert "readme.txt" in raised.value.message
    assert not ENHANCED_CONS.sniff(path, path.read_bytes()[:65536])


def test_zip_member_that_is_not_xml_is_refused(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "CONS_ENHANCED.ZIP", {ENHANCED_MEMBER: b"\x00\x01binary junk"})
    with pytest.raises(ListFormatError) as raised:
        ENHANCED_CONS.parse([path])
    assert raised.value.location.file == f"{path}!{ENHANCED_MEMBER}"
    assert "not well-formed XML" in raised.value.message


def test_zip_member_over_the_size_limit_is_refused_unread(lists_dir: Path, tmp_path: Path) -> None:
    """The archive claims a member larger than allowed (its central directory is patched)."""
    path = write_zip(tmp_path / "CONS_ENHANCED.ZIP", {ENHANCED_MEMBER: b"<sanctionsData/>"})
    data = bytearray(path.read_bytes())
    directory = data.index(b"PK\x01\x02")
    data[directory + 24 : directory + 28] = (ofac_xml.MAX_XML_BYTES + 1).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(ListFormatError) as raised:
        ENHANCED_CONS.parse([path])
    assert raised.value.location.file == f"{path}!{ENHANCED_MEMBER}"
    assert "more than the" in raised.value.message


def test_records_without_uid_or_name_are_errors_and_reading_goes_on(
    classic_text: str, tmp_path: Path
) -> None:
    broken = classic_text.replace("<uid>9639</uid>", "", 1).replace(
        "<lastName>ABU TEIR</lastName>", "", 1
    )
    path = tmp_path / "consolidated.xml"
    path.write_text(broken, encoding="utf-8")
    snapshot = CLASSIC_CONS.parse([path])
    assert len(snapshot.entities) == 440
    lines = broken.splitlines()
    entry_lines = [number for number, line in enumerate(lines, 1) if "<sdnEntry>" in line]
    missing_uid, missing_name = snapshot.errors
    assert (missing_uid.location.line, missing_uid.location.field) == (entry_lines[0], "uid")
    assert missing_name.location.element == "sdnEntry[uid=9640]"
    assert (missing_name.location.line, missing_name.location.field) == (
        entry_lines[1],
        "lastName",
    )
    assert missing_uid.location.file == str(path)


def test_record_count_differing_from_the_header_is_an_error(
    classic_text: str, tmp_path: Path
) -> None:
    path = tmp_path / "consolidated.xml"
    path.write_text(classic_text.replace("<Record_Count>442", "<Record_Count>443"), "utf-8")
    snapshot = CLASSIC_CONS.parse([path])
    assert [problem.location.field for problem in snapshot.errors] == ["Record_Count"]
    assert "443" in snapshot.errors[0].message


def test_unreadable_birth_date_is_kept_as_text_with_a_warning(
    classic_text: str, tmp_path: Path
) -> None:
    path = tmp_path / "consolidated.xml"
    path.write_text(
        classic_text.replace(
            "<dateOfBirth>1962</dateOfBirth>", "<dateOfBirth>unknown</dateOfBirth>", 1
        ),
        encoding="utf-8",
    )
    snapshot = CLASSIC_CONS.parse([path])
    haniya = by_id(snapshot)["ofac-cons:9639"]
    assert haniya.birth_dates == []
    assert "DOB unknown" in haniya.remarks
    (warning,) = snapshot.warnings
    assert warning.location.element == "sdnEntry[uid=9639]/dateOfBirthList/dateOfBirthItem"
    assert warning.location.field == "dateOfBirth"
    line = classic_text.splitlines().index("      <dateOfBirthItem>") + 1
    assert warning.location.line == line


def doctype_file(path: Path, declarations: str, first_name: str, last_name: str) -> Path:
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE sdnList [{declarations}]>\n'
        "<sdnList><publshInformation><Publish_Date>01/08/2026</Publish_Date>"
        "</publshInformation>\n"
        f"<sdnEntry><uid>1</uid><firstName>{first_name}</firstName><lastName>{last_name}"
        "</lastName><sdnType>Individual</sdnType><programList><program>SDGT</program>"
        "</programList></sdnEntry></sdnList>",
        encoding="utf-8",
    )
    return path


def test_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    declaration = f'<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
    path = doctype_file(tmp_path / "sdn.xml", declaration, "Jane", "DOE &xxe;")
    snapshot = CLASSIC_SDN.parse([path])
    (entity,) = snapshot.entities
    assert "TOP-SECRET" not in entity.canonical_json()
    assert entity.names[0].family == "DOE &xxe;"  # kept as written, not expanded
    (warning,) = snapshot.warnings
    assert "&xxe; left unexpanded" in warning.message
    assert warning.location.line == 4  # the <sdnEntry> holding the reference


def test_entity_expansion_bomb_is_never_expanded(tmp_path: Path) -> None:
    """A billion laughs: refused outright by libxml2, or read with the reference unexpanded."""
    laughs = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    path = doctype_file(tmp_path / "sdn.xml", f'<!ENTITY lol0 "lol">{laughs}', "&lol9;", "DOE")
    started = time.monotonic()
    try:
        snapshot = CLASSIC_SDN.parse([path])
    except ListFormatError as error:
        assert error.location.file == str(path)
    else:
        assert all(len(name.full) < 40 for name in snapshot.entities[0].names)
    assert time.monotonic() - started < 5


def test_parse_takes_exactly_one_file(lists_dir: Path) -> None:
    with pytest.raises(ListFormatError):
        CLASSIC_CONS.parse([lists_dir / CLASSIC_FILE, lists_dir / ENHANCED_ZIP])


@pytest.mark.parametrize("list_format", ofac_xml.FORMATS, ids=lambda f: f.name)
def test_empty_file_is_refused(list_format: ListFormat, tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_bytes(b"")
    assert not list_format.sniff(path, b"")
    with pytest.raises(ListFormatError) as raised:
        list_format.parse([path])
    assert raised.value.location.file == str(path)
