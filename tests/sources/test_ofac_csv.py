"""The OFAC legacy CSV parser, on the real files in ``../shared/data/lists/ofac_*``.

Expected figures are counted in the tests with the ``csv`` module straight from the files
(independently of the parser) and agree with the table in ``../shared/data/README.md``.
Field values were checked by hand against the rows named by their ent_num.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from watchkeeper.model import (
    Address,
    DateSpec,
    Entity,
    Gender,
    Identifier,
    IdType,
    NameKind,
    Schema,
)
from watchkeeper.sources import ofac_csv
from watchkeeper.sources.base import ListFormat, ListFormatError, ListSnapshot
from watchkeeper.sources.registry import read_head

SDN_FORMAT, CONS_FORMAT = ofac_csv.FORMATS
WEEK_1 = "ofac_sdn_2024/sdn_2024-04-26.csv"
WEEK_2 = "ofac_sdn_2024/sdn_2024-05-03.csv"
SET_2021 = "ofac_sdn_2021"
PARTIAL_2025 = "ofac_sdn_2025_partial"
NON_SDN = "ofac_non_sdn"
SCHEMA_BY_TYPE = {
    "individual": Schema.PERSON,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
    "-0-": Schema.ORGANIZATION,
}


def raw_rows(path: Path) -> list[list[str]]:
    """The rows of an OFAC CSV file as the csv module reads them, end-of-file byte removed."""
    text = path.read_bytes().decode("latin-1").rstrip("\x1a")
    return list(csv.reader(io.StringIO(text)))


def is_null(value: str) -> bool:
    return value.strip() == "-0-"


def csv_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.csv"))


def kojic_passport(path: Path, line: int) -> str:
    """Where ent_num 8116 says "Passport issued in Sarajevo": a passport without a number."""
    return f"{path}, line {line}, ent_num 8116, field Remarks: Passport"


def by_id(snapshot: ListSnapshot) -> dict[str, Entity]:
    return {entity.id: entity for entity in snapshot.entities}


@pytest.fixture(scope="module")
def week_2(lists_dir: Path) -> ListSnapshot:
    return SDN_FORMAT.parse([lists_dir / WEEK_2])


@pytest.fixture(scope="module")
def set_2021(lists_dir: Path) -> ListSnapshot:
    return SDN_FORMAT.parse(csv_files(lists_dir / SET_2021))


@pytest.fixture(scope="module")
def non_sdn(lists_dir: Path) -> ListSnapshot:
    return CONS_FORMAT.parse(csv_files(lists_dir / NON_SDN))


@pytest.fixture(scope="module")
def partial_2025(lists_dir: Path) -> ListSnapshot:
    return SDN_FORMAT.parse(csv_files(lists_dir / PARTIAL_2025))


# -- counts -----------------------------------------------------------------------------------


def test_dated_sdn_file_entries_and_types(lists_dir: Path, week_2: ListSnapshot) -> None:
    rows = raw_rows(lists_dir / WEEK_2)
    expected = Counter(SCHEMA_BY_TYPE[row[2].strip()] for row in rows)

    assert len(rows) == len(week_2.entities) == 14_965
    assert Counter(entity.schema for entity in week_2.entities) == expected
    assert expected == {
        Schema.PERSON: 6_854,
        Schema.ORGANIZATION: 6_884,
        Schema.VESSEL: 851,
        Schema.AIRCRAFT: 376,
    }
    assert {entity.id for entity in week_2.entities} == {f"ofac:{row[0]}" for row in rows}
    assert week_2.errors == []
    assert [str(w.location) for w in week_2.warnings] == [kojic_passport(lists_dir / WEEK_2, 654)]
    assert (week_2.list_name, week_2.format, week_2.published) == ("ofac", "ofac-sdn-csv", None)


def test_the_week_before(lists_dir: Path) -> None:
    snapshot = SDN_FORMAT.parse([lists_dir / WEEK_1])

    assert len(snapshot.entities) == len(raw_rows(lists_dir / WEEK_1)) == 14_668
    assert snapshot.errors == []


def test_complete_2021_set_entries_aliases_and_addresses(
    lists_dir: Path, set_2021: ListSnapshot
) -> None:
    folder = lists_dir / SET_2021
    alias_rows = raw_rows(folder / "alt.csv")
    address_rows = raw_rows(folder / "add.csv")
    remarks = {row[0]: row[11] for row in raw_rows(folder / "sdn.csv") if not is_null(row[11])}
    for ent_num, continued in raw_rows(folder / "sdn_comments.csv"):
        remarks[ent_num] += continued
    quoted = Counter(
        m for text in remarks.values() for m in re.findall(r"\b([afn])\.k\.a\. '", text)
    )
    names = Counter(name.kind for entity in set_2021.entities for name in entity.names)
    fka_rows = sum(row[2] == "fka" for row in alias_rows)

    assert len(set_2021.entities) == len(raw_rows(folder / "sdn.csv")) == 8_976
    assert len(alias_rows) == 11_910
    assert names[NameKind.ALIAS] + names[NameKind.FORMER] == 11_910 + quoted["f"] + quoted["n"]
    assert names[NameKind.FORMER] == fka_rows + quoted["f"]
    assert names[NameKind.WEAK_ALIAS] == quoted["a"]
    assert len(address_rows) == 13_837
    assert sum(len(entity.addresses) for entity in set_2021.entities) == sum(
        not all(is_null(value) for value in row[2:5]) for row in address_rows
    )
    assert set_2021.errors == []
    assert [str(w.location) for w in set_2021.warnings] == [kojic_passport(folder / "sdn.csv", 899)]


def test_non_sdn_consolidated_set(lists_dir: Path, non_sdn: ListSnapshot) -> None:
    rows = raw_rows(lists_dir / NON_SDN / "cons_prim.csv")
    entities = by_id(non_sdn)

    assert len(non_sdn.entities) == len(rows) == 442  # README: 442-443 (CSV vs XML)
    assert set(entities) == {f"ofac-cons:{row[0]}" for row in rows}
    assert (non_sdn.list_name, non_sdn.format) == ("ofac-cons", "ofac-cons-csv")
    assert non_sdn.errors == []
    hamas_leader = entities["ofac-cons:9647"]
    assert hamas_leader.names[0].family == "ZAHHAR"
    assert hamas_leader.programs == ["SDGT", "NS-PLC"]
    assert hamas_leader.links == ["HAMAS"]
    assert hamas_leader.birth_dates == [DateSpec("1945")]
    assert hamas_leader.nationalities == ["ps"]


# -- values checked by hand -----------------------------------------------------------------


def test_individual_with_birth_date_ranges(week_2: ListSnapshot) -> None:
    naqdi = by_id(week_2)["ofac:12057"]

    assert naqdi.schema is Schema.PERSON
    assert naqdi.names[0].full == "NAQDI, Mohammad Reza"
    assert (naqdi.names[0].family, naqdi.names[0].given) == ("NAQDI", "Mohammad Reza")
    assert naqdi.programs == ["SDGT", "NPWMD", "IRGC", "IFSR", "IRAN-HR", "IRAN-EO13876"]
    assert naqdi.birth_dates == [
        DateSpec("1951", "1953"),
        DateSpec("1960", "1962"),
        DateSpec("1961-04"),
        DateSpec("1953"),
    ]
    assert naqdi.birth_places == ["Najaf, Iraq", "Tehran, Iran"]
    assert naqdi.nationalities == ["ir"]
    assert naqdi.gender is Gender.MALE
    assert naqdi.remarks[-1] == "Head of the Basij"
    assert naqdi.properties["position"] == [
        "Brigadier General and Commander of the IRGC Basij Resistance Force; President of the "
        "Organization of the Basij of the Oppressed; Chief of the Mobilization of the Oppressed "
        "Organization"
    ]


def test_passports_with_country_and_gender(week_2: ListSnapshot) -> None:
    ayesha = by_id(week_2)["ofac:12610"]

    assert ayesha.gender is Gender.FEMALE
    assert ayesha.identifiers[0] == Identifier(IdType.PASSPORT, "215215", "ly", "Passport")
    assert ayesha.identifiers[3] == Identifier(
        IdType.PASSPORT, "03824970", "om", "Passport; issued 04 May 2014 expires 03 May 2024"
    )
    assert ayesha.birth_dates == [DateSpec("1977"), DateSpec("1976"), DateSpec("1978-01-01")]


def test_weak_aliases_crypto_and_citizenship(week_2: ListSnapshot) -> None:
    yan = by_id(week_2)["ofac:25308"]

    assert [(n.full, n.kind) for n in yan.names] == [
        ("YAN, Xiaobing", NameKind.PRIMARY),
        ("ZHOU, William", NameKind.WEAK_ALIAS),
        ("YAN, Steven", NameKind.WEAK_ALIAS),
    ]
    assert yan.identifiers[0] == Identifier(
        IdType.CRYPTO, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h", note="XBT"
    )
    assert sum(i.type is IdType.CRYPTO for i in yan.identifiers) == 6
    assert yan.countries == ["cn"]
    assert yan.nationalities == []


def test_vessel_columns_and_imo(week_2: ListSnapshot) -> None:
    entities = by_id(week_2)
    ebano, mar_azul = entities["ofac:4243"], entities["ofac:4238"]

    assert ebano.schema is Schema.VESSEL
    assert ebano.identifiers == [
        Identifier(IdType.IMO, "7406784", None, "Vessel Registration Identification IMO")
    ]
    assert [(n.full, n.kind) for n in ebano.names[1:]] == [
        ("ANA I", NameKind.FORMER),
        ("SAND SWAN", NameKind.FORMER),
    ]
    assert ebano.properties == {
        "vessel_type": ["General Cargo"],
        "tonnage": ["2595"],
        "gross_registered_tonnage": ["1865"],
        "flag": ["pa"],
    }
    assert mar_azul.identifiers == [Identifier(IdType.CALL_SIGN, "CL2192", note="Call_Sign")]
    assert mar_azul.properties["owner"] == ["Samir de Navegacion S.A."]


def test_links_and_entity_schema(week_2: ListSnapshot) -> None:
    entities = by_id(week_2)
    bank = entities["ofac:4632"]

    assert bank.schema is Schema.ORGANIZATION
    assert bank.names[0].full == "BANK MARKAZI JOMHOURI ISLAMI IRAN"
    assert bank.names[0].family is None
    assert bank.links == ["ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE", "HIZBALLAH"]
    assert entities["ofac:12991"].links[-1] == "KPD S.A."
    assert any(e.caption == "KPD S.A." for e in entities.values())


def test_aliases_and_addresses_from_companion_files(set_2021: ListSnapshot) -> None:
    bank = by_id(set_2021)["ofac:306"]

    assert [(n.full, n.kind) for n in bank.names] == [
        ("BANCO NACIONAL DE CUBA", NameKind.PRIMARY),
        ("NATIONAL BANK OF CUBA", NameKind.ALIAS),
        ("BNC", NameKind.WEAK_ALIAS),
    ]
    assert bank.addresses[0] == Address(
        "Zweierstrasse 35, Zurich CH-8022, Switzerland",
        street="Zweierstrasse 35",
        city="Zurich CH-8022",
        country="ch",
    )
    assert [a.country for a in bank.addresses] == ["ch", "es", "jp", "pa"]
    assert bank.countries == ["ch", "es", "jp", "pa"]


def test_comments_continue_the_remarks_before_parsing(
    set_2021: ListSnapshot, non_sdn: ListSnapshot
) -> None:
    # sdn.csv ends with "a.k.a. 'snowsjo", sdn_comments.csv goes on "hn'; Linked To: ..."
    tian = by_id(set_2021)["ofac:28263"]
    # cons_prim.csv ends with "Registration Numbe", cons_comments.csv goes on "r 1027700342890"
    bank = by_id(non_sdn)["ofac-cons:17014"]

    assert ("snowsjohn", NameKind.WEAK_ALIAS) in [(n.full, n.kind) for n in tian.names]
    assert tian.links == ["LAZARUS GROUP"]
    assert (
        Identifier(IdType.REGISTRATION, "1027700342890", "ru", "Registration Number")
        in bank.identifiers
    )
    assert ("RUSAG", NameKind.WEAK_ALIAS) in [(n.full, n.kind) for n in bank.names]


# -- a set without its main file --------------------------------------------------------------


def test_partial_set_imports_with_one_warning(lists_dir: Path, partial_2025: ListSnapshot) -> None:
    folder = lists_dir / PARTIAL_2025
    with_alias = {row[0] for row in raw_rows(folder / "alt.csv")}
    mentioned = {
        row[0] for name in ("add.csv", "sdn_comments.csv") for row in raw_rows(folder / name)
    }
    nameless = mentioned - with_alias

    assert len(partial_2025.entities) == len(with_alias) == 8_191
    assert {e.id for e in partial_2025.entities} == {f"ofac:{n}" for n in with_alias}
    assert {e.schema for e in partial_2025.entities} == {Schema.LEGAL_ENTITY}
    assert partial_2025.errors == []
    assert len(partial_2025.warnings) == 1
    warning = partial_2025.warnings[0]
    assert warning.location.file == str(folder / "sdn.csv")
    assert "main file missing" in warning.message
    assert f"{len(with_alias):,} entries are known only by their alias names" in warning.message
    assert f"{len(nameless):,} entries" in warning.message
    assert sum(len(e.names) for e in partial_2025.entities) >= 19_486


def test_partial_set_keeps_alias_kinds_and_addresses(partial_2025: ListSnapshot) -> None:
    bank = by_id(partial_2025)["ofac:306"]

    assert bank.names[0].full == "NATIONAL BANK OF CUBA"
    assert bank.names[0].kind is NameKind.ALIAS
    assert bank.caption == "NATIONAL BANK OF CUBA"
    assert [a.city for a in bank.addresses] == [
        "Zurich CH-8022",
        "Madrid E-28036",
        "Tokyo 103",
        "Panama City",
    ]


# -- bad input --------------------------------------------------------------------------------

BROKEN_LINE = 1000


def _unbalanced_quote(line: bytes) -> bytes:
    ent_num, rest = line.split(b',"', 1)
    name, rest = rest.split(b'",', 1)
    return ent_num + b',"' + name + b"," + rest


def _one_column_short(line: bytes) -> bytes:
    return line.replace(b",-0- ", b"", 1)


def _text_ent_num(line: bytes) -> bytes:
    return b"X" + line


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (_unbalanced_quote, "malformed row"),
        (_one_column_short, "11 columns where 12 were expected"),
        (_text_ent_num, "is not a whole number"),
    ],
)
def test_broken_row_is_reported_and_the_rest_parsed(
    lists_dir: Path, tmp_path: Path, breakage: Callable[[bytes], bytes], message: str
) -> None:
    lines = (lists_dir / SET_2021 / "sdn.csv").read_bytes().split(b"\r\n")
    broken_ent_num = lines[BROKEN_LINE - 1].split(b",", 1)[0].decode()
    lines[BROKEN_LINE - 1] = breakage(lines[BROKEN_LINE - 1])
    copy = tmp_path / "sdn.csv"
    copy.write_bytes(b"\r\n".join(lines))

    snapshot = SDN_FORMAT.parse([copy])

    assert len(snapshot.errors) == 1
    error = snapshot.errors[0]
    assert (error.location.file, error.location.line) == (str(copy), BROKEN_LINE)
    assert message in error.message
    assert f"line {BROKEN_LINE}" in str(error)
    assert len(snapshot.entities) == 8_976 - 1
    ids = {entity.id for entity in snapshot.entities}
    assert f"ofac:{broken_ent_num}" not in ids
    neighbours = [lines[BROKEN_LINE - 2], lines[BROKEN_LINE]]
    assert {f"ofac:{line.split(b',', 1)[0].decode()}" for line in neighbours} <= ids


def test_alias_row_of_an_unknown_entry_is_an_error(lists_dir: Path, tmp_path: Path) -> None:
    for path in csv_files(lists_dir / SET_2021):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    alt = tmp_path / "alt.csv"
    body = alt.read_bytes().rstrip(b"\x1a")
    alt.write_bytes(body + b'999999,1,"aka","NOBODY",-0- \r\n\x1a')

    snapshot = SDN_FORMAT.parse(csv_files(tmp_path))

    assert len(snapshot.entities) == 8_976
    assert len(snapshot.errors) == 1
    assert snapshot.errors[0].location.file == str(alt)
    assert snapshot.errors[0].location.line == 11_911
    assert "no entry with this ent_num in sdn.csv" in snapshot.errors[0].message


def test_nameless_entry_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(
        b'1,"FIRST",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
        b'2,-0- ,-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a'
    )

    snapshot = SDN_FORMAT.parse([path])

    assert [e.id for e in snapshot.entities] == ["ofac:1"]
    assert (
        str(snapshot.errors[0])
        == f"{path}, line 2, ent_num 2, field SDN_Name: entry without a name"
    )


def test_unreadable_remark_value_is_kept_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(
        b'7,"DOE, John","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        b'"DOB sometime in the sixties; POB Cairo, Egypt."\r\n\x1a'
    )

    snapshot = SDN_FORMAT.parse([path])

    entity = snapshot.entities[0]
    assert entity.remarks == ["DOB sometime in the sixties"]
    assert entity.birth_places == ["Cairo, Egypt"]
    assert len(snapshot.warnings) == 1
    location = snapshot.warnings[0].location
    assert (location.file, location.line, location.field) == (str(path), 1, "Remarks: DOB")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x1a", "empty"),
        (b"36,\x00\x00\x01binary", "NUL byte"),
        (b"Name,Street,City\r\nACME,Main St,Springfield\r\n", "no row has the 12 columns"),
    ],
)
def test_unreadable_file_raises_naming_it(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(content)

    with pytest.raises(ListFormatError) as caught:
        SDN_FORMAT.parse([path])

    assert caught.value.location.file == str(path)
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("encoded", "expected"),
    [
        ("ŠEKO, José".encode("cp1252"), "ŠEKO, José"),
        ("ŠEKO, José".encode(), "ŠEKO, José"),
        (b"\x81SEKO, Jos\xe9", "\x81SEKO, José"),  # 0x81 is undefined in cp1252: latin-1
    ],
)
def test_text_encodings(tmp_path: Path, encoded: bytes, expected: str) -> None:
    path = tmp_path / "sdn_2030-01-01.csv"
    path.write_bytes(
        b'5,"' + encoded + b'","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a'
    )

    entity = SDN_FORMAT.parse([path]).entities[0]

    assert entity.names[0].full == expected
    assert entity.names[0].family == expected.split(",")[0]


# -- sniffing and file sets -------------------------------------------------------------------


def sniffed(list_format: ListFormat, path: Path) -> bool:
    return list_format.sniff(path, read_head(path))


@pytest.mark.parametrize(
    "relative",
    [
        WEEK_1,
        WEEK_2,
        f"{SET_2021}/sdn.csv",
        f"{SET_2021}/alt.csv",
        f"{SET_2021}/add.csv",
        f"{SET_2021}/sdn_comments.csv",
        f"{PARTIAL_2025}/alt.csv",
    ],
)
def test_sniff_accepts_sdn_set_files(lists_dir: Path, relative: str) -> None:
    assert sniffed(SDN_FORMAT, lists_dir / relative)
    assert not sniffed(CONS_FORMAT, lists_dir / relative)


@pytest.mark.parametrize("name", ["cons_prim.csv", "cons_alt.csv", "cons_add.csv"])
def test_sniff_accepts_consolidated_files(lists_dir: Path, name: str) -> None:
    assert sniffed(CONS_FORMAT, lists_dir / NON_SDN / name)
    assert not sniffed(SDN_FORMAT, lists_dir / NON_SDN / name)


@pytest.mark.parametrize(
    "relative",
    [
        "un/un_consolidated_2026-02-27.xml",
        "uk/hmt_conlist_2018-04-13.csv",
        "us_other/dpl_2023-11.txt",
        "us_csl/consolidated_2022.csv.gz",
        "eu/eu_fsf_csv_v1_0_2018-07-04_first999rows.csv",
        f"{NON_SDN}/cons_sdnlist_format_2026-01-08.xml",
    ],
)
def test_sniff_rejects_other_lists(lists_dir: Path, relative: str) -> None:
    assert not sniffed(SDN_FORMAT, lists_dir / relative)
    assert not sniffed(CONS_FORMAT, lists_dir / relative)


def test_sniff_judges_content_not_the_name(lists_dir: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "download.csv"
    renamed.write_bytes((lists_dir / WEEK_2).read_bytes()[:100_000])
    not_ofac = tmp_path / "sdn.csv"
    not_ofac.write_bytes(b"id,name\r\n1,ACME\r\n")
    comments_by_another_name = tmp_path / "notes.csv"
    comments_by_another_name.write_bytes((lists_dir / SET_2021 / "sdn_comments.csv").read_bytes())

    assert sniffed(SDN_FORMAT, renamed)
    assert not sniffed(SDN_FORMAT, not_ofac)
    assert not sniffed(SDN_FORMAT, comments_by_another_name)


def test_companions(lists_dir: Path, tmp_path: Path) -> None:
    full = lists_dir / SET_2021
    partial = lists_dir / PARTIAL_2025
    dated = tmp_path / "sdn_2024-05-03.csv"
    for name in ("sdn_2024-05-03.csv", "alt_2024-05-03.csv", "alt_2024-04-26.csv", "alt.csv"):
        (tmp_path / name).write_bytes(b"")
    assert SDN_FORMAT.companions is not None
    assert CONS_FORMAT.companions is not None

    assert SDN_FORMAT.companions(full / "add.csv") == csv_files(full)
    assert SDN_FORMAT.companions(partial / "alt.csv") == csv_files(partial)
    assert SDN_FORMAT.companions(lists_dir / WEEK_2) == [lists_dir / WEEK_2]
    assert SDN_FORMAT.companions(dated) == [tmp_path / "alt_2024-05-03.csv", dated]
    assert CONS_FORMAT.companions(lists_dir / NON_SDN / "cons_alt.csv") == csv_files(
        lists_dir / NON_SDN
    )


def test_a_renamed_set_member_is_placed_by_its_columns(lists_dir: Path, tmp_path: Path) -> None:
    main = tmp_path / "download.csv"
    main.write_bytes((lists_dir / SET_2021 / "sdn.csv").read_bytes())
    aliases = tmp_path / "names.csv"
    aliases.write_bytes((lists_dir / SET_2021 / "alt.csv").read_bytes())

    snapshot = SDN_FORMAT.parse([main, aliases])

    assert len(snapshot.entities) == 8_976
    assert sum(len(e.names) for e in snapshot.entities) > 8_976 + 11_910
    assert snapshot.errors == []


def test_two_main_files_in_one_set_are_refused(lists_dir: Path) -> None:
    with pytest.raises(ListFormatError) as caught:
        SDN_FORMAT.parse([lists_dir / SET_2021 / "sdn.csv", lists_dir / WEEK_2])

    assert "a second main file" in caught.value.message
