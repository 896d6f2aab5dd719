"""UK lists: the real OFSI ConList xlsx (2025) and HMT CSV (2018), plus FCDO/OFSI CSV fixtures."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import pytest

from watchkeeper.model import DateSpec, Entity, Gender, Identifier, IdType, Name, NameKind, Schema
from watchkeeper.sources import uk
from watchkeeper.sources.base import ListFormatError, ListSnapshot
from watchkeeper.sources.registry import read_head

XLSX = "uk/ofsi_conlist_2025-04-10.xlsx"
HMT_CSV = "uk/hmt_conlist_2018-04-13.csv"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FCDO_SAMPLE = FIXTURES / "uk_sanctions_list_sample.csv"
OFSI_CSV_SAMPLE = FIXTURES / "uk_ofsi_conlist_2022_layout_sample.csv"
SCHEMA_OF_GROUP_TYPE = {
    "Individual": Schema.PERSON,
    "Entity": Schema.ORGANIZATION,
    "Ship": Schema.VESSEL,
}


@pytest.fixture(scope="module")
def xlsx_file(lists_dir: Path) -> Path:
    return lists_dir / XLSX


@pytest.fixture(scope="module")
def hmt_file(lists_dir: Path) -> Path:
    return lists_dir / HMT_CSV


@pytest.fixture(scope="module")
def xlsx_rows(xlsx_file: Path) -> list[dict[str, str]]:
    """The xlsx data rows as ``header -> value``, read with openpyxl alone."""
    workbook = openpyxl.load_workbook(xlsx_file, read_only=True)
    try:
        values = list(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()
    header = [str(cell) for cell in values[1]]
    return [dict(zip(header, row, strict=True)) for row in values[2:] if any(row)]


@pytest.fixture(scope="module")
def xlsx_snapshot(xlsx_file: Path) -> ListSnapshot:
    return uk.parse_ofsi_xlsx([xlsx_file])


@pytest.fixture(scope="module")
def hmt_snapshot(hmt_file: Path) -> ListSnapshot:
    return uk.parse_ofsi_csv([hmt_file])


@pytest.fixture(scope="module")
def fcdo_snapshot() -> ListSnapshot:
    return uk.parse_fcdo_csv([FCDO_SAMPLE])


def _entity(snapshot: ListSnapshot, entity_id: str) -> Entity:
    return next(entity for entity in snapshot.entities if entity.id == entity_id)


def _names(entity: Entity, kind: NameKind) -> list[str]:
    return [name.full for name in entity.names if name.kind is kind]


def _group_types(rows: list[dict[str, str]]) -> Counter[Schema]:
    """Schema -> number of distinct Group IDs, counted from the raw rows."""
    types = {row["Group ID"]: row["Group Type"] for row in rows}
    return Counter(SCHEMA_OF_GROUP_TYPE[group_type] for group_type in types.values())


def _hmt_text(path: Path) -> str:
    return path.read_bytes().decode("cp1252")


def _hmt_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.split("\n", 1)[1], newline="")))


# --- OFSI xlsx ---------------------------------------------------------------------------


def test_xlsx_groups_rows_into_one_entity_per_group_id(
    xlsx_snapshot: ListSnapshot, xlsx_rows: list[dict[str, str]]
) -> None:
    rows = xlsx_rows
    groups = {row["Group ID"] for row in rows}
    assert (len(rows), len(groups)) == (18_796, 4_686)  # the figures in the data README
    assert len(xlsx_snapshot.entities) == len(groups)
    assert {entity.id for entity in xlsx_snapshot.entities} == {f"uk:{g}" for g in groups}
    assert xlsx_snapshot.errors == []
    assert xlsx_snapshot.format == "uk-ofsi-xlsx"
    assert xlsx_snapshot.published == "2025-04-10"


def test_xlsx_schemas_follow_the_group_type(
    xlsx_snapshot: ListSnapshot, xlsx_rows: list[dict[str, str]]
) -> None:
    expected = _group_types(xlsx_rows)
    assert expected[Schema.VESSEL] == 15
    assert Counter(entity.schema for entity in xlsx_snapshot.entities) == expected


def test_xlsx_person_with_name_parts_weak_aliases_and_passports(
    xlsx_snapshot: ListSnapshot,
) -> None:
    person = _entity(xlsx_snapshot, "uk:13194")
    assert person.schema is Schema.PERSON
    primary = next(name for name in person.names if name.kind is NameKind.PRIMARY)
    assert primary == Name(
        "ASHRAF MUHAMMAD YUSUF 'UTHMAN 'ABD AL-SALAM",
        NameKind.PRIMARY,
        given="ASHRAF",
        middle="MUHAMMAD YUSUF",
        family="'UTHMAN 'ABD AL-SALAM",
    )
    assert _names(person, NameKind.WEAK_ALIAS) == ["Ibn AL-KHATTAB", "KHATTAB"]
    assert "Ashraf Muhamma Yusif ABD AL-SALAM" in _names(person, NameKind.ALIAS)
    assert _names(person, NameKind.ORIGINAL_SCRIPT) == ["اشرف محمد يوسف عثمان عبد السلام"]
    assert len(person.names) == 7  # six name rows plus the Arabic-script name
    assert person.birth_dates == [DateSpec("1984")]  # 00/00/1984 on every row, merged once
    assert person.birth_places == ["Iraq"]
    assert person.nationalities == ["jo"]
    assert person.countries == ["sy"]
    assert person.identifiers == [
        Identifier(IdType.PASSPORT, "K048787", "jo", "Issued in Jordan"),
        Identifier(IdType.PASSPORT, "486298", "jo", "Issued in Jordan"),
    ]
    assert person.programs == ["ISIL (Da'esh) and Al-Qaida"]
    assert person.listed_on == "2015-02-03"
    assert person.properties["designated_on"] == ["2015-01-23"]
    assert person.properties["uk_sanctions_list_ref"] == ["AQD0149"]
    assert person.properties["un_reference"] == ["QDi.343"]
    assert person.remarks[0].startswith("(UK Sanctions List Ref):AQD0149. (UN Ref):QDi.343.")


def test_xlsx_cyrillic_name_position_and_gender(xlsx_snapshot: ListSnapshot) -> None:
    person = _entity(xlsx_snapshot, "uk:15890")
    assert person.names[-1] == Name(
        "ЗАДАЧИН Андрей Андреевич", NameKind.ORIGINAL_SCRIPT, lang="rus"
    )
    assert _names(person, NameKind.PRIMARY) == ["Andrey Andreevich ZADACHIN"]
    assert _names(person, NameKind.ALIAS) == ["Andrei Andreevich ZADACHIN"]  # name variation
    assert person.birth_dates == [DateSpec("1990-08-22")]
    assert person.properties["position"] == [
        "Investigator for Particularly Important Cases of the Main Investigative Directorate"
        " of the Investigative Committee of the Russian Federation",
        "Major of Justice",
    ]
    assert _entity(xlsx_snapshot, "uk:15672").gender is Gender.MALE  # "(Gender):Male"


def test_xlsx_former_names_and_a_country_in_words(xlsx_snapshot: ListSnapshot) -> None:
    adf = _entity(xlsx_snapshot, "uk:13189")
    assert adf.schema is Schema.ORGANIZATION
    assert _names(adf, NameKind.PRIMARY) == ["ADF (ALLIED DEMOCRATIC FORCES)"]
    assert _names(adf, NameKind.FORMER) == [
        "ADF/NALU",
        "FORCES DEMOCRATIQUES ALLIEES-ARMEE NATIONALE DE LIBERATION DE L'OUGANDA",
        "NALU",
    ]
    assert adf.countries == ["cd"]  # "Congo (Democratic Republic)"
    assert adf.addresses[0].full == "North Kivu Province, Congo (Democratic Republic)"


def test_xlsx_ship_details_from_other_information(xlsx_snapshot: ListSnapshot) -> None:
    ship = _entity(xlsx_snapshot, "uk:13651")
    assert ship.schema is Schema.VESSEL
    assert _names(ship, NameKind.PRIMARY) == ["SAM JONG 2"]
    assert len(ship.names) == 9
    assert ship.identifiers == [Identifier(IdType.IMO, "7408873")]
    assert ship.properties["flag"] == ["kp"]
    assert ship.properties["previous_flags"] == ["ru"]
    assert ship.properties["vessel_type"] == ["Oil tanker"]
    assert ship.properties["tonnage"] == ["1676"]
    assert ship.properties["owner"] == ["Korea Samjong Shipping"]
    assert ship.properties["build_year"] == ["1975"]


def test_xlsx_month_year_birth_date_and_numbered_nationalities(
    xlsx_snapshot: ListSnapshot, xlsx_rows: list[dict[str, str]]
) -> None:
    rows = xlsx_rows
    month_year = next(row for row in rows if row["DOB"] == "05/1973")
    person = _entity(xlsx_snapshot, f"uk:{month_year['Group ID']}")
    assert DateSpec("1973-05") in person.birth_dates
    two = next(row for row in rows if row["Nationality"] == "(1) Malaysia (2) Indonesia")
    assert _entity(xlsx_snapshot, f"uk:{two['Group ID']}").nationalities == ["my", "id"]


# --- HMT CSV (2018, 29 columns) ------------------------------------------------------------


def test_hmt_csv_groups_rows_into_one_entity_per_group_id(
    hmt_snapshot: ListSnapshot, hmt_file: Path
) -> None:
    rows = _hmt_rows(_hmt_text(hmt_file))
    groups = {row["Group ID"] for row in rows}
    assert (len(rows), len(groups)) == (9_487, 2_106)  # the figures in the data README
    assert len(hmt_snapshot.entities) == len(groups)
    assert hmt_snapshot.errors == []
    assert hmt_snapshot.format == "uk-ofsi-csv"
    assert hmt_snapshot.published == "2018-04-13"
    expected = _group_types(rows)
    assert Counter(entity.schema for entity in hmt_snapshot.entities) == expected


def test_hmt_csv_person(hmt_snapshot: ListSnapshot) -> None:
    person = _entity(hmt_snapshot, "uk:13349")
    assert _names(person, NameKind.PRIMARY) == ["Nayef Salam Muhammad Ujaym AL-HABABI"]
    assert "Sheikh Farooq AL-QAHTANI" in _names(person, NameKind.ALIAS)  # leading space gone
    assert person.birth_dates == [DateSpec("1980"), DateSpec("1981")]
    assert person.nationalities == ["sa", "qa"]  # "1) Saudi Arabia 2) Qatar"
    assert person.identifiers == [
        Identifier(
            IdType.PASSPORT,
            "592667",
            "qa",
            "Passport No: 592667 (Qatari passport issued on 3 May 2007)",
        )
    ]
    assert person.programs == ["The ISIL (Da'esh) and Al-Qaida organisations"]
    assert person.listed_on == "2016-04-01"


def test_hmt_csv_vessel_numbers_from_free_text(hmt_snapshot: ListSnapshot) -> None:
    tong_san = _entity(hmt_snapshot, "uk:13556")
    assert tong_san.names == [Name("TONG SAN 2", NameKind.PRIMARY)]
    assert tong_san.identifiers == [
        Identifier(IdType.IMO, "8937675"),
        Identifier(IdType.MMSI, "445539000"),
    ]


def test_hmt_csv_is_read_as_windows_1252(hmt_snapshot: ListSnapshot) -> None:
    remarks = [remark for entity in hmt_snapshot.entities for remark in entity.remarks]
    assert any("the ‘PK5’ (3rd district)" in remark for remark in remarks)
    assert any("Protégé of Russia's Deputy Prime" in remark for remark in remarks)
    assert not any("\x92" in remark for remark in remarks)


def test_hmt_csv_row_without_group_id_is_reported_and_the_rest_parsed(
    hmt_file: Path, tmp_path: Path
) -> None:
    text = _hmt_text(hmt_file)
    last_row_start = text.rindex("\n", 0, len(text) - 1) + 1
    assert text.endswith(",12927\n")
    broken = text[: len(text) - len("12927\n")] + "\n"
    copy = tmp_path / "hmt_missing_group_id.csv"
    copy.write_bytes(broken.encode("cp1252"))

    snapshot = uk.parse_ofsi_csv([copy])

    assert len(snapshot.errors) == 1
    location = snapshot.errors[0].location
    assert location.file == str(copy)
    assert location.line == text[:last_row_start].count("\n") + 1
    assert location.field == "Group ID"
    remaining = {row["Group ID"] for row in _hmt_rows(broken) if row["Group ID"]}
    assert len(snapshot.entities) == len(remaining) == 2_106


@pytest.mark.parametrize("cut", ["mid_quoted_field", "mid_last_row"])
def test_truncated_csv_raises_naming_the_line(hmt_file: Path, tmp_path: Path, cut: str) -> None:
    text = _hmt_text(hmt_file)
    if cut == "mid_quoted_field":
        start = text.index("\n3AO,") + 1  # this row's Other Information spans two lines
        end = text.index("the installation of gas", start)
    else:
        start = text.rindex("\n", 0, len(text) - 1) + 1
        end = start + 20
    copy = tmp_path / "truncated.csv"
    copy.write_bytes(text[:end].encode("cp1252"))
    with pytest.raises(ListFormatError) as caught:
        uk.parse_ofsi_csv([copy])
    assert caught.value.location.file == str(copy)
    assert caught.value.location.line == text[:start].count("\n") + 1


def test_row_of_the_wrong_width_is_an_error(hmt_file: Path, tmp_path: Path) -> None:
    text = _hmt_text(hmt_file)
    start = text.index("\n IL,Kim Kyong ,") + 1
    copy = tmp_path / "short_row.csv"
    copy.write_bytes((text[:start] + "IL,Kim\n" + text[start:]).encode("cp1252"))
    snapshot = uk.parse_ofsi_csv([copy])
    assert [(e.location.line, e.location.field) for e in snapshot.errors] == [
        (text[:start].count("\n") + 1, None)
    ]
    assert "2 fields" in snapshot.errors[0].message
    assert len(snapshot.entities) == 2_106


def test_empty_or_binary_files_raise(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\n\n")
    with pytest.raises(ListFormatError, match="empty"):
        uk.parse_ofsi_csv([empty])
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"Last Updated,01/01/2020\n\x00\x01\x02")
    with pytest.raises(ListFormatError, match="NUL byte") as caught:
        uk.parse_ofsi_csv([binary])
    assert (caught.value.location.file, caught.value.location.line) == (str(binary), 2)


def test_utf16_with_byte_order_mark_reads_like_utf8(tmp_path: Path) -> None:
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes(OFSI_CSV_SAMPLE.read_text(encoding="utf-8").encode("utf-16"))
    assert uk.parse_ofsi_csv([utf16]).entities == uk.parse_ofsi_csv([OFSI_CSV_SAMPLE]).entities


def test_other_csv_is_not_read_as_a_uk_list(lists_dir: Path) -> None:
    sdn = lists_dir / "ofac_sdn_2024/sdn_2024-05-03.csv"
    with pytest.raises(ListFormatError, match="no UK list header row"):
        uk.parse_ofsi_csv([sdn])
    with pytest.raises(ListFormatError, match="'unique id' column"):
        uk.parse_fcdo_csv([OFSI_CSV_SAMPLE])


# --- OFSI CSV, current layout (hand-typed rows of the 2025-04-10 list) ----------------------


def test_current_ofsi_csv_layout_reads_like_the_xlsx(xlsx_snapshot: ListSnapshot) -> None:
    snapshot = uk.parse_ofsi_csv([OFSI_CSV_SAMPLE])
    assert [entity.id for entity in snapshot.entities] == ["uk:13194", "uk:13651", "uk:15890"]
    assert (snapshot.errors, snapshot.warnings) == ([], [])
    assert snapshot.published == "2025-04-10"
    # Both rows of group 15890 are in the sample: the entity equals the one read from xlsx.
    assert _entity(snapshot, "uk:15890") == _entity(xlsx_snapshot, "uk:15890")
    # Groups 13194 and 13651 are sampled (some name rows only): their other fields match.
    for entity_id in ("uk:13194", "uk:13651"):
        from_csv, from_xlsx = _entity(snapshot, entity_id), _entity(xlsx_snapshot, entity_id)
        assert set(map(repr, from_csv.names)) < set(map(repr, from_xlsx.names))
        from_csv.names = from_xlsx.names
        assert from_csv == from_xlsx


def test_csv_with_byte_order_mark(tmp_path: Path) -> None:
    copy = tmp_path / "bom.csv"
    copy.write_bytes(b"\xef\xbb\xbf" + OFSI_CSV_SAMPLE.read_bytes())
    snapshot = uk.parse_ofsi_csv([copy])
    assert len(snapshot.entities) == 3
    assert snapshot.published == "2025-04-10"


# --- xlsx problems -----------------------------------------------------------------------


def test_xlsx_row_without_group_id_and_group_without_name(
    xlsx_rows: list[dict[str, str]], tmp_path: Path
) -> None:
    header = list(xlsx_rows[0])
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(["Last Updated", "10/04/2025"])
    sheet.append(list(header))
    base = {"Group Type": "Individual", "Alias Type": "Primary name", "Regime": "Russia"}
    for row in (
        {**base, "Name 6": "IVANOV", "Name 1": "Ivan", "Group ID": 1},
        {**base, "Name 6": "PETROV", "Group ID": None},
        {**base, "Name 6": None, "DOB": "01/02/1970", "Group ID": "3"},
    ):
        sheet.append([row.get(column) for column in header])
    path = tmp_path / "small.xlsx"
    workbook.save(path)

    snapshot = uk.parse_ofsi_xlsx([path])

    assert [entity.id for entity in snapshot.entities] == ["uk:1"]  # numeric Group ID read
    problems = [(e.location.line, e.location.element, e.location.field) for e in snapshot.errors]
    assert problems == [
        (4, "sheet Data", "Group ID"),
        (5, "sheet Data", "Name 6"),
    ]


def test_truncated_xlsx_raises(xlsx_file: Path, tmp_path: Path) -> None:
    data = xlsx_file.read_bytes()
    copy = tmp_path / "truncated.xlsx"
    copy.write_bytes(data[: len(data) // 2])
    with pytest.raises(ListFormatError, match="not a readable xlsx") as caught:
        uk.parse_ofsi_xlsx([copy])
    assert caught.value.location.file == str(copy)


# --- FCDO UK Sanctions List CSV (hand-written sample in the published layout) --------------


def test_fcdo_csv_groups_rows_by_unique_id(fcdo_snapshot: ListSnapshot) -> None:
    assert [entity.id for entity in fcdo_snapshot.entities] == [
        "uk:AFG0011",
        "uk:AQD0128",
        "uk:AQD0377",
        "uk:DPR0075",
        "uk:RUS2176",
    ]
    assert (fcdo_snapshot.errors, fcdo_snapshot.warnings) == ([], [])
    assert fcdo_snapshot.format == "uk-fcdo-csv"
    assert fcdo_snapshot.published == "2026-08-14"  # "Report Date: 14-Aug-2026"


def test_fcdo_csv_person_across_rows(fcdo_snapshot: ListSnapshot) -> None:
    mansur = _entity(fcdo_snapshot, "uk:AFG0011")
    assert mansur.names == [
        Name(
            "ABDUL LATIF MANSUR",
            NameKind.PRIMARY,
            given="ABDUL",
            middle="LATIF",
            family="MANSUR",
            title="Maulavi",
        ),
        Name("عبد اللطيف منصور", NameKind.ORIGINAL_SCRIPT),
        Name(
            "Abdul Latif MANSOOR",
            NameKind.ALIAS,
            given="Abdul",
            middle="Latif",
            family="MANSOOR",
            title="Maulavi",
        ),
        Name("Wali MOHAMMAD", NameKind.ALIAS, given="Wali", family="MOHAMMAD", title="Maulavi"),
    ]
    assert mansur.birth_dates == [DateSpec("1968"), DateSpec("1967-11-12")]  # dd/mm/1968
    assert [(i.type, i.value, i.country) for i in mansur.identifiers] == [
        (IdType.PASSPORT, "D0009720", "af"),
        (IdType.PASSPORT, "D0010442", "af"),
    ]
    assert mansur.birth_places == [
        "Zurmat District, Paktia Province, Afghanistan",
        "Afghanistan",
        "Garda Saray District, Paktia Province, Afghanistan",
    ]
    assert mansur.nationalities == ["af"]
    assert mansur.addresses[0].full == "Darul Aman, Kabul, Afghanistan"
    assert mansur.programs == ["The Afghanistan (Sanctions) (EU Exit) Regulations 2020"]
    assert mansur.listed_on == "2001-01-31"
    assert mansur.properties["ofsi_group_id"] == ["7270"]
    assert mansur.properties["un_reference"] == ["TAi.007"]
    assert mansur.properties["sanctions"] == ["Asset freeze", "Travel Ban"]
    assert mansur.properties["last_updated"] == ["2026-04-29"]


def test_fcdo_csv_weak_aliases_partial_dates_and_nameless_rows(
    fcdo_snapshot: ListSnapshot,
) -> None:
    akram = _entity(fcdo_snapshot, "uk:AQD0128")
    assert _names(akram, NameKind.PRIMARY) == ["AKRAM TURKI HISHAN AL-MAZIDIH"]
    assert _names(akram, NameKind.WEAK_ALIAS) == ["Abu Akram", "Abu Jarrah"]
    assert _names(akram, NameKind.ALIAS) == ["Akram Turki Al-Hishan"]
    assert akram.birth_dates == [
        DateSpec("1974"),
        DateSpec("1975"),
        DateSpec("1979"),
        DateSpec("1958-09"),  # dd/09/1958
        DateSpec("1985"),
    ]
    assert akram.identifiers == [Identifier(IdType.NATIONAL_ID, "0075258", note="Ration card no")]
    assert akram.countries == ["iq", "sy"]


def test_fcdo_csv_entity_and_ships(fcdo_snapshot: ListSnapshot) -> None:
    ktj = _entity(fcdo_snapshot, "uk:AQD0377")
    assert ktj.schema is Schema.ORGANIZATION
    assert _names(ktj, NameKind.ORIGINAL_SCRIPT) == ["Катиба ат-Таухид валь-Джихад"]
    assert ktj.properties["entity_type"] == ["Terrorist Group"]
    petrel = _entity(fcdo_snapshot, "uk:DPR0075")
    assert petrel.schema is Schema.VESSEL
    assert _names(petrel, NameKind.ALIAS) == ["Jal Vahini", "Jal_Vahini", "Tian Tai 36"]
    assert petrel.identifiers == [Identifier(IdType.IMO, "9562233")]
    assert petrel.properties["flag"] == ["km"]
    assert petrel.properties["length"] == ["134.5"]
    assert "ofsi_group_id" not in petrel.properties
    korolev = _entity(fcdo_snapshot, "uk:RUS2176")
    assert korolev.identifiers == [Identifier(IdType.IMO, "9826902")]
    assert korolev.properties["flag"] == ["ga"]
    assert korolev.remarks[1].startswith("KOROLEV PROSPECT (IMO 9826902) is involved")


def _fcdo_copy(tmp_path: Path, edit: dict[str, str], unique_id: str) -> tuple[Path, int]:
    """A copy of the FCDO sample with ``edit`` applied to the first row of ``unique_id``."""
    lines = FCDO_SAMPLE.read_text(encoding="utf-8").splitlines()
    header = next(csv.reader([lines[1]]))
    index = next(i for i, line in enumerate(lines) if f",{unique_id}," in line)
    cells = dict(zip(header, next(csv.reader([lines[index]])), strict=True))
    cells.update(edit)
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([cells[column] for column in header])
    lines[index] = out.getvalue()
    path = tmp_path / "fcdo_edited.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, index + 1


def test_unreadable_birth_date_is_kept_as_text_with_a_warning(tmp_path: Path) -> None:
    path, line = _fcdo_copy(tmp_path, {"D.O.B": "in the late 1960s"}, "AFG0011")
    snapshot = uk.parse_fcdo_csv([path])
    mansur = _entity(snapshot, "uk:AFG0011")
    assert mansur.properties["birth_date_text"] == ["in the late 1960s"]
    assert DateSpec("1967-11-12") in mansur.birth_dates
    [warning] = snapshot.warnings
    assert (warning.location.file, warning.location.line, warning.location.field) == (
        str(path),
        line,
        "D.O.B",
    )


def test_designation_without_any_name_is_an_error(tmp_path: Path) -> None:
    path, line = _fcdo_copy(tmp_path, {"Name 6": "", "Name type": ""}, "RUS2176")
    snapshot = uk.parse_fcdo_csv([path])
    assert "uk:RUS2176" not in {entity.id for entity in snapshot.entities}
    assert len(snapshot.entities) == 4
    [error] = snapshot.errors
    assert (error.location.line, error.location.field) == (line, "Name 6")
    assert "RUS2176" in error.message


# --- sniffing ----------------------------------------------------------------------------


def _accepted_by(path: Path) -> list[str]:
    head = read_head(path)
    return [f.name for f in uk.FORMATS if f.sniff(path, head)]


def test_sniffing_tells_the_three_layouts_apart(xlsx_file: Path, hmt_file: Path) -> None:
    assert [f.name for f in uk.FORMATS] == ["uk-ofsi-xlsx", "uk-ofsi-csv", "uk-fcdo-csv"]
    assert _accepted_by(xlsx_file) == ["uk-ofsi-xlsx"]
    assert _accepted_by(hmt_file) == ["uk-ofsi-csv"]
    assert _accepted_by(OFSI_CSV_SAMPLE) == ["uk-ofsi-csv"]
    assert _accepted_by(FCDO_SAMPLE) == ["uk-fcdo-csv"]


def test_sniffing_rejects_other_lists(lists_dir: Path) -> None:
    others = sorted(p for p in lists_dir.rglob("*") if p.is_file() and p.parent.name != "uk")
    assert len(others) > 10
    accepted = defaultdict(list)
    for path in others:
        for name in _accepted_by(path):
            accepted[name].append(path.name)
    assert accepted == {}
