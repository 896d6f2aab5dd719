"""BIS Denied Persons List: the real 2023-11 tab-separated file."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest

from watchkeeper.model import Address, Entity, NameKind, Schema
from watchkeeper.sources import us_dpl
from watchkeeper.sources.base import ListFormatError, ListSnapshot
from watchkeeper.sources.registry import read_head

DPL = "us_other/dpl_2023-11.txt"


@pytest.fixture(scope="module")
def dpl_file(lists_dir: Path) -> Path:
    return lists_dir / DPL


@pytest.fixture(scope="module")
def rows(dpl_file: Path) -> list[dict[str, str]]:
    with dpl_file.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.fixture(scope="module")
def snapshot(dpl_file: Path) -> ListSnapshot:
    return us_dpl.parse([dpl_file])


def _entity(snapshot: ListSnapshot, entity_id: str) -> Entity:
    return next(entity for entity in snapshot.entities if entity.id == entity_id)


def test_rows_of_one_order_make_one_entity(
    snapshot: ListSnapshot, rows: list[dict[str, str]]
) -> None:
    assert len(rows) == 665  # the figure in the data README
    orders: defaultdict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        name_words = "-".join(re.findall(r"[a-z0-9]+", row["Name"].lower()))
        orders[(name_words, row["Effective_Date"])] += 1
    assert len(snapshot.entities) == len(orders) == 546
    assert snapshot.errors == snapshot.warnings == []
    assert all(entity.schema is Schema.LEGAL_ENTITY for entity in snapshot.entities)


def test_an_order_at_two_addresses(snapshot: ListSnapshot) -> None:
    nasser = _entity(snapshot, "dpl:abdulah-al-nasser:2002-03-04")
    assert nasser.caption == "ABDULAH AL NASSER"
    assert nasser.listed_on == "2002-03-04"
    assert [a.street for a in nasser.addresses] == [
        "605 TRAIL LAKE DRIVE",
        "908 AUDELIA ROAD, SUIE 200, PMB #245",
    ]
    assert nasser.addresses[0] == Address(
        "605 TRAIL LAKE DRIVE, RICHARDSON, TX, 75081, US",
        street="605 TRAIL LAKE DRIVE",
        city="RICHARDSON",
        region="TX",
        postal_code="75081",
        country="us",
    )
    assert nasser.countries == ["us"]
    assert nasser.properties["expiration_date"] == ["2056-06-29"]
    assert nasser.properties["fr_citation"] == [
        "67 F.R. 56530 9/4/02 67 F.R. 10890 3/11/02 71 F.R. 38843 7/10/06",
        "67 F.R. 56530 9/4/02 67 F.R. 10890 3/11/02",
    ]
    assert nasser.properties["action"] == ["50 YEAR DENIAL"]


def test_spellings_of_one_order_are_aliases(snapshot: ListSnapshot) -> None:
    airline = _entity(snapshot, "dpl:al-naser-airlines:2023-10-31")
    assert [(n.full, n.kind) for n in airline.names] == [
        ("AL NASER AIRLINES", NameKind.PRIMARY),
        ("AL-NASER AIRLINES", NameKind.ALIAS),
    ]
    assert len(airline.addresses) == 4


def test_aka_dba_and_nicknames(snapshot: ListSnapshot) -> None:
    def names(entity_id: str) -> list[tuple[str, NameKind]]:
        return [(n.full, n.kind) for n in _entity(snapshot, entity_id).names]

    assert names("dpl:fuyi-sun-a-k-a-frank-sun:2018-06-13") == [
        ("FUYI SUN", NameKind.PRIMARY),
        ("FRANK SUN", NameKind.ALIAS),
    ]
    assert names("dpl:siberian-airlines-d-b-a-s7-airlines:2023-06-15") == [
        ("SIBERIAN AIRLINES", NameKind.PRIMARY),
        ("S7 AIRLINES", NameKind.ALIAS),
    ]
    assert names("dpl:ihsan-medhat-sammy-elashi:2002-03-04") == [
        ("IHSAN MEDHAT ELASHI", NameKind.PRIMARY),
        ("SAMMY", NameKind.WEAK_ALIAS),
    ]
    assert names("dpl:pearl-a-k-a-nei-chien-chu-li:2006-06-23") == [
        ("PEARL LI", NameKind.PRIMARY),
        ("NEI-CHIEN CHU", NameKind.ALIAS),
    ]


HEADER = (
    '"Name"\t"Street_Address"\t"City"\t"State"\t"Country"\t"Postal_Code"\t"Effective_Date"'
    '\t"Expiration_Date"\t"Standard_Order"\t"Last_Update"\t"Action"\t"FR_Citation"\n'
)


def _row(name: str, effective: str, expiration: str = "06/29/2056") -> str:
    fields = [name, "1 MAIN ST", "ZÜRICH", "", "CH", "8001", effective, expiration, "Y"]
    fields += ["2023-01-01", "ADDITION", "88 F.R. 1 1/1/2023"]
    return "\t".join(f'"{field}"' for field in fields) + "\n"


def test_cp1252_file_and_bad_rows(tmp_path: Path) -> None:
    text = HEADER + _row("JOSÉ MÜLLER", "01/02/2023") + _row("", "01/02/2023")
    text += _row("NO DATE CORP", "") + _row("LATE CORP", "02/03/2023", "soon")
    path = tmp_path / "dpl.txt"
    path.write_bytes(text.encode("cp1252"))
    snapshot = us_dpl.parse([path])
    assert [e.id for e in snapshot.entities] == [
        "dpl:jose-muller:2023-01-02",
        "dpl:late-corp:2023-02-03",
    ]
    assert snapshot.entities[0].caption == "JOSÉ MÜLLER"
    assert snapshot.entities[0].addresses[0].city == "ZÜRICH"
    errors = [(e.location.line, e.location.field) for e in snapshot.errors]
    assert errors == [(3, "Name"), (4, "Effective_Date")]
    [warning] = snapshot.warnings
    assert (warning.location.line, warning.location.field) == (5, "Expiration_Date")
    assert snapshot.entities[1].properties["expiration_date"] == ["soon"]


def test_utf16_file_is_read_and_binary_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "dpl.txt"
    path.write_bytes((HEADER + _row("JOSÉ MÜLLER", "01/02/2023")).encode("utf-16"))
    assert [e.caption for e in us_dpl.parse([path]).entities] == ["JOSÉ MÜLLER"]
    path.write_bytes((HEADER + _row("X", "01/02/2023")).encode() + b"\x00\x01")
    with pytest.raises(ListFormatError, match="NUL") as raised:
        us_dpl.parse([path])
    assert raised.value.location.line == 3


def test_wrong_header_and_cut_off_row_raise(dpl_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "dpl.txt"
    path.write_text("Name\tAddress\n" + "X\tY\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="Effective_Date") as raised:
        us_dpl.parse([path])
    assert raised.value.location.line == 1
    lines = dpl_file.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:10]) + lines[10][:40], encoding="utf-8")
    with pytest.raises(ListFormatError, match="cut off") as raised:
        us_dpl.parse([path])
    assert raised.value.location.line == 11


def test_sniffing(lists_dir: Path, dpl_file: Path) -> None:
    [dpl_format] = us_dpl.FORMATS
    assert dpl_format.sniff(dpl_file, read_head(dpl_file))
    for other in ("us_csl/consolidated_2022.csv.gz", "uk/hmt_conlist_2018-04-13.csv"):
        assert not dpl_format.sniff(lists_dir / other, read_head(lists_dir / other))
