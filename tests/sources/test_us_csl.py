"""US Consolidated Screening List: the real 2022-05 gzip file."""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

import pytest

from watchkeeper.model import DateSpec, Entity, Gender, Identifier, IdType, NameKind, Schema
from watchkeeper.sources import us_csl
from watchkeeper.sources.base import ListFormatError, ListSnapshot
from watchkeeper.sources.registry import read_head

CSL = "us_csl/consolidated_2022.csv.gz"


@pytest.fixture(scope="module")
def csl_file(lists_dir: Path) -> Path:
    return lists_dir / CSL


@pytest.fixture(scope="module")
def rows(csl_file: Path) -> list[dict[str, str]]:
    with gzip.open(csl_file, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def snapshot(csl_file: Path) -> ListSnapshot:
    return us_csl.parse([csl_file])


def _entity(snapshot: ListSnapshot, entity_id: str) -> Entity:
    return next(entity for entity in snapshot.entities if entity.id == entity_id)


def test_rows_become_entities_one_per_source_and_id(
    snapshot: ListSnapshot, rows: list[dict[str, str]]
) -> None:
    assert len(rows) == 14160  # the figure in the data README
    keys = {(row["source"].split("(")[1].split(")")[0].split()[0], row["_id"]) for row in rows}
    assert len(snapshot.entities) == len(keys) == 14159
    assert snapshot.errors == []
    [repeat] = snapshot.warnings  # one CAP row is in the file twice
    assert repeat.location.line == 1980
    assert "csl:CAP:15268" in repeat.message


def test_a_person(snapshot: ListSnapshot) -> None:
    putin = _entity(snapshot, "csl:SDN:35096")
    assert putin.schema is Schema.PERSON
    assert [(n.full, n.kind) for n in putin.names] == [
        ("PUTIN, Vladimir Vladimirovich", NameKind.PRIMARY),
        ("PUTIN, Vladimir", NameKind.ALIAS),
    ]
    assert putin.birth_dates == [DateSpec("1952-10-07")]
    assert putin.birth_places == ["Leningrad, Russia"]
    assert (putin.nationalities, putin.gender) == (["ru"], Gender.MALE)
    assert putin.programs == ["RUSSIA-EO14024"]
    assert [(a.full, a.country) for a in putin.addresses] == [
        ("Kremlin, Moscow, RU", "ru"),
        ("Novo-Ogaryevo, Moscow Region, RU", "ru"),
        ("Bocharov Ruchey, Sochi, RU", "ru"),
        ("Valdai, Novgorod Region, RU", "ru"),
    ]
    assert putin.properties["position"] == ["President of the Russian Federation"]


def test_packed_ids_are_parsed(snapshot: ListSnapshot) -> None:
    dawood = _entity(snapshot, "csl:SDN:9758")
    passports = [i for i in dawood.identifiers if i.type is IdType.PASSPORT]
    assert len(passports) == 11
    assert Identifier(IdType.PASSPORT, "A-333602", "in", "Passport; date 1985-06-04") in passports
    assert Identifier(IdType.PASSPORT, "G-869537", "pk", "Passport") in passports
    andreyev = _entity(snapshot, "csl:SDN:29703")
    assert andreyev.gender is Gender.MALE
    assert Identifier(IdType.CRYPTO, "1Fz29BQp82pE3vXXcsZoMNQ3KSHfMzfMe3", None, "XBT") in (
        andreyev.identifiers
    )


def test_expiry_comes_before_issue_in_the_ids_column(snapshot: ListSnapshot) -> None:
    notes = {
        i.value: i.note for e in snapshot.entities for i in e.identifiers if i.value == "B32563329"
    }
    assert notes == {"B32563329": "Passport; date 2019-12-17"}
    five_fields = [
        i for e in snapshot.entities for i in e.identifiers if i.value == "111904000420805"
    ]
    assert [(i.country, i.note) for i in five_fields] == [
        ("gt", "Passport; expires 2013-08-28; issued 2008-08-28")
    ]


def test_sanction_notes_become_remarks_and_links(snapshot: ListSnapshot) -> None:
    gpb = _entity(snapshot, "csl:SSI:20315")
    assert gpb.links == ["GAZPROMBANK JOINT STOCK COMPANY"]
    assert "Executive Order 13662 Directive Determination - Subject to Directive 1" in gpb.remarks
    assert gpb.properties["website"] == ["www.gpbfs.com.cy"]
    assert [(i.type, i.value) for i in gpb.identifiers] == [(IdType.REGISTRATION, "HE 246301")]
    melli = _entity(snapshot, "csl:SDN:25578")
    assert melli.links == ["ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE"]


def test_vessel_and_other_sources(snapshot: ListSnapshot) -> None:
    tanker = _entity(snapshot, "csl:SDN:27304")
    assert tanker.schema is Schema.VESSEL
    assert [n.full for n in tanker.names] == ["ADRIAN DARYA 1", "GRACE 1"]
    assert [(i.type, i.value) for i in tanker.identifiers] == [(IdType.IMO, "9116412")]
    assert tanker.properties["flag"] == ["ir"]
    denied = _entity(snapshot, "csl:DPL:deb7a1d5743a85c354ca1a2c7f2664e2104b32d7")
    assert (denied.schema, denied.caption, denied.listed_on) == (
        Schema.LEGAL_ENTITY,
        "I. ASH",
        "2003-06-19",
    )
    assert denied.properties["end_date"] == ["2056-06-29"]


def test_circa_birth_dates(snapshot: ListSnapshot, rows: list[dict[str, str]]) -> None:
    assert _entity(snapshot, "csl:SDN:8183").birth_dates == [DateSpec("1967", circa=True)]
    circa_rows = sum(1 for row in rows if "circa" in row["dates_of_birth"])
    circa_entities = sum(1 for e in snapshot.entities if any(d.circa for d in e.birth_dates))
    assert circa_entities == circa_rows


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(gzip.compress(buffer.getvalue().encode()))


def test_bad_rows_are_reported_with_their_line(rows: list[dict[str, str]], tmp_path: Path) -> None:
    header = list(rows[0])
    good = list(rows[1].values())
    no_id = ["", *good[1:]]
    no_name = list(rows[2].values())
    no_name[header.index("name")] = ""
    short = good[:5]
    path = tmp_path / "csl.csv.gz"
    _write_csv(path, header, [good, no_id, no_name, short, list(rows[3].values())])
    snapshot = us_csl.parse([path])
    assert len(snapshot.entities) == 2
    problems = [(e.location.line, e.location.field) for e in snapshot.errors]
    assert problems == [(3, "_id"), (4, "name"), (5, None)]
    assert all(e.location.file == str(path) for e in snapshot.errors)


def test_missing_column_raises(rows: list[dict[str, str]], tmp_path: Path) -> None:
    header = [column for column in rows[0] if column != "alt_names"]
    path = tmp_path / "csl.csv.gz"
    _write_csv(path, header, [[rows[0][column] for column in header]])
    with pytest.raises(ListFormatError, match="alt_names") as raised:
        us_csl.parse([path])
    assert raised.value.location.line == 1


def test_truncated_gzip_raises(csl_file: Path, tmp_path: Path) -> None:
    data = csl_file.read_bytes()
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(ListFormatError, match="gzip"):
        us_csl.parse([path])


def test_sniffing(lists_dir: Path, csl_file: Path) -> None:
    [csl_format] = us_csl.FORMATS
    assert csl_format.sniff(csl_file, read_head(csl_file))
    for other in ("us_other/dpl_2023-11.txt", "other/canada_sema_consolidated_2025-03.xml"):
        assert not csl_format.sniff(lists_dir / other, read_head(lists_dir / other))
