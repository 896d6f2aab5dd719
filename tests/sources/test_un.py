"""The UN Consolidated List parser, on the real list files in ``../shared/data/lists/un``.

Expected figures are counted in the tests from the raw XML text with regular expressions
(independently of the parser) and agree with the table in ``../shared/data/README.md``.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pytest

from watchkeeper.model import DateSpec, Entity, Gender, IdType, NameKind, Schema
from watchkeeper.sources import un
from watchkeeper.sources.base import ListFormatError, ListSnapshot
from watchkeeper.sources.registry import read_head

FEB = "un_consolidated_2026-02-27.xml"
JAN = "un_consolidated_2026-01-28.xml"
NAME_PART_TAGS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
ALIAS_KINDS = {NameKind.ALIAS, NameKind.WEAK_ALIAS, NameKind.FORMER}
KIND_BY_QUALITY = {
    "Good": NameKind.ALIAS,
    "a.k.a.": NameKind.ALIAS,
    "Low": NameKind.WEAK_ALIAS,
    "f.k.a.": NameKind.FORMER,
}
RECORD = re.compile(r"<(INDIVIDUAL|ENTITY)>(.*?)</\1>", re.DOTALL)
ALIAS = re.compile(r"<(INDIVIDUAL|ENTITY)_ALIAS>(.*?)</\1_ALIAS>", re.DOTALL)


def texts(xml: str, tag: str) -> list[str]:
    """Whitespace-collapsed, unescaped texts of every ``<tag>…</tag>`` in ``xml``."""
    found = re.findall(rf"<{tag}>(.*?)</{tag}>", xml, re.DOTALL)
    return [" ".join(html.unescape(text).split()) for text in found]


@pytest.fixture(scope="module")
def un_dir(lists_dir: Path) -> Path:
    return lists_dir / "un"


@pytest.fixture(scope="module")
def feb_text(un_dir: Path) -> str:
    return (un_dir / FEB).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def feb(un_dir: Path) -> ListSnapshot:
    return un.parse([un_dir / FEB])


@pytest.fixture(scope="module")
def feb_by_id(feb: ListSnapshot) -> dict[str, Entity]:
    return {entity.id: entity for entity in feb.entities}


@pytest.mark.parametrize(
    ("file_name", "individuals", "entities", "published"),
    [
        (FEB, 730, 273, "2026-02-27T00:00:09.554Z"),
        (JAN, 726, 273, "2026-01-28T00:00:11.197Z"),
    ],
)
def test_every_record_becomes_an_entity(
    un_dir: Path, file_name: str, individuals: int, entities: int, published: str
) -> None:
    raw = (un_dir / file_name).read_text(encoding="utf-8")
    assert len(re.findall(r"<INDIVIDUAL>", raw)) == individuals  # README figures
    assert len(re.findall(r"<ENTITY>", raw)) == entities

    snapshot = un.parse([un_dir / file_name])

    schemas = Counter(entity.schema for entity in snapshot.entities)
    assert schemas == {Schema.PERSON: individuals, Schema.ORGANIZATION: entities}
    assert snapshot.errors == []
    assert snapshot.published == published
    assert (snapshot.list_name, snapshot.format) == ("un", "un-xml")
    expected_ids = [f"un:{ref}" for ref in texts(raw, "REFERENCE_NUMBER")]
    assert [entity.id for entity in snapshot.entities] == expected_ids


def test_month_on_month_delta_is_the_four_new_sudan_entries(
    un_dir: Path, feb: ListSnapshot
) -> None:
    january = un.parse([un_dir / JAN])
    added = {e.id for e in feb.entities} - {e.id for e in january.entities}
    removed = {e.id for e in january.entities} - {e.id for e in feb.entities}
    assert added == {f"un:SDi.{n:03d}" for n in range(7, 11)}
    assert removed == set()


def test_alias_names(feb_text: str, feb_by_id: dict[str, Entity]) -> None:
    """README's 3,043 "aliases" counts INDIVIDUAL_ALIAS + ENTITY_ALIAS elements, empty ones too.

    291 of them are empty placeholders (``<QUALITY/><ALIAS_NAME/>``), so 2,752 carry a name.
    2,666 of those are plain (no ``;`` or parentheses): each must be one name of its entity
    with the kind its QUALITY gives; the first listing wins when the same text is listed twice
    (QDe.168 lists JANNAT OSHIKLARI as a.k.a. and as f.k.a.).  The other 86 pack several
    names or a rendering in another script: each must give at least one name that is a part
    of its text (the splitting itself is checked by hand in other tests).
    """
    aliases = ALIAS.findall(feb_text)
    assert len(aliases) == 3043
    named = [body for _tag, body in aliases if texts(body, "ALIAS_NAME")]
    assert len(aliases) - len(named) == 291

    plain_checked, packed_checked = 0, 0
    for record in RECORD.finditer(feb_text):
        entity = feb_by_id[f"un:{texts(record.group(2), 'REFERENCE_NUMBER')[0]}"]
        first_kind: dict[str, NameKind] = {}
        for _tag, body in ALIAS.findall(record.group(2)):
            if not texts(body, "ALIAS_NAME"):
                continue
            alias, kind = texts(body, "ALIAS_NAME")[0], KIND_BY_QUALITY[texts(body, "QUALITY")[0]]
            if re.search(r"[;()]", alias):
                assert any(n.full in alias for n in entity.names if n.kind is kind), alias
                packed_checked += 1
            else:
                first_kind.setdefault(alias, kind)
                assert [n.kind for n in entity.names if n.full == alias] == [first_kind[alias]]
                plain_checked += 1
    assert (plain_checked, packed_checked) == (2666, 86)
    alias_names = sum(n.kind in ALIAS_KINDS for e in feb_by_id.values() for n in e.names)
    assert alias_names > 2752


def test_original_script_names(feb_text: str, feb_by_id: dict[str, Entity]) -> None:
    """README's 378 original-script names are the NAME_ORIGINAL_SCRIPT elements.

    None packs several names; one (QDe.164) repeats the primary name in Latin letters and is
    not added twice, so 377 names have kind ``original_script``.
    """
    assert len(texts(feb_text, "NAME_ORIGINAL_SCRIPT")) == 378
    repeats_primary = 0
    for record in RECORD.finditer(feb_text):
        body = record.group(2)
        primary = " ".join(text for tag in NAME_PART_TAGS for text in texts(body, tag) if text)
        repeats_primary += sum(text == primary for text in texts(body, "NAME_ORIGINAL_SCRIPT"))
    assert repeats_primary == 1
    kinds = Counter(n.kind for e in feb_by_id.values() for n in e.names)
    assert kinds[NameKind.ORIGINAL_SCRIPT] == 378 - repeats_primary
    assert [
        n.full for n in feb_by_id["un:QDe.137"].names if n.kind is NameKind.ORIGINAL_SCRIPT
    ] == ["جبهة النصرة لأهل الشام"]


def test_al_nusrah_packed_alias_is_split(feb_by_id: dict[str, Entity]) -> None:
    names = {n.full: n.kind for n in feb_by_id["un:QDe.137"].names}
    assert names["AL-NUSRAH FRONT FOR THE PEOPLE OF THE LEVANT"] is NameKind.PRIMARY
    for name in (
        "جبهة النصرة",
        "the Victory Front",
        "Jabhat al-Nusrah",
        "Jabhet al-Nusra",
        "Al-Nusrah Front",
        "Al-Nusra Front",
        # nested parentheses: "Hay’at Tahrir al-Sham (HTS) (هيئة تحرير الشام (original script); …)"
        "Hay’at Tahrir al-Sham (HTS)",
        "هيئة تحرير الشام",
        "Tahrir al-Sham Hay’at",
    ):
        assert names.pop(name) is NameKind.ALIAS
    assert not [name for name in names if ";" in name or "original script" in name]


def test_other_packed_alias_shapes(feb_by_id: dict[str, Entity]) -> None:
    def names_of(entity_id: str) -> dict[str, NameKind]:
        return {n.full: n.kind for n in feb_by_id[entity_id].names}

    # "Jin Tiesan (金铁三)": a rendering in another script in parentheses
    assert {"Jin Tiesan", "金铁三"} <= names_of("un:KPi.035").keys()
    # "Amir Khazmat (original script: Амир Хазмат)", quality Low: both stay weak aliases
    assert names_of("un:QDi.396")["Амир Хазмат"] is NameKind.WEAK_ALIAS
    assert names_of("un:QDi.396")["Amir Khazmat"] is NameKind.WEAK_ALIAS
    # "Mohammed Sabet; Mohammad Sabet b) M. Javad Kareemi Sabet; …": enumeration marker
    assert {"Mohammad Sabet", "M. Javad Kareemi Sabet"} <= names_of("un:IRi.034").keys()
    # names spelled out in an alias NOTE: "in Arabic script: شركة الكوثر"
    assert names_of("un:QDe.157")["شركة الكوثر"] is NameKind.ALIAS
    assert (
        "Al Kawthar Co.: in Arabic script: شركة الكوثر"
        in (feb_by_id["un:QDe.157"].properties["alias_note"])
    )


def test_individual_with_four_name_parts_passport_and_circa_date(
    feb_by_id: dict[str, Entity],
) -> None:
    entity = feb_by_id["un:TAi.011"]  # checked by hand in the file, line 34193
    primary = entity.names[0]
    assert primary.full == "AKHTAR MOHAMMAD MANSOUR SHAH MOHAMMED"
    assert (primary.kind, primary.given, primary.middle, primary.family) == (
        NameKind.PRIMARY,
        "AKHTAR",
        "MOHAMMAD MANSOUR",
        "SHAH MOHAMMED",
    )
    assert ("اختر محمد منصور شاه محمد", NameKind.ORIGINAL_SCRIPT) in [
        (n.full, n.kind) for n in entity.names
    ]
    assert ("Naib Imam", NameKind.WEAK_ALIAS) in [(n.full, n.kind) for n in entity.names]
    assert entity.birth_dates == [DateSpec("1960", circa=True), DateSpec("1966")]
    assert entity.birth_places == [
        "Band-e-Timur village, Maiwand District, Kandahar Province, Afghanistan"
    ]
    assert entity.nationalities == ["af"]
    [passport] = entity.identifiers
    assert (passport.type, passport.value, passport.country) == (IdType.PASSPORT, "SE-011697", "af")
    assert passport.note == "issued 1988-01-25 in Kabul, Afghanistan; expired on 23 Feb. 2000"
    assert entity.programs == ["Taliban"]
    assert entity.listed_on == "2001-01-25"
    assert entity.properties["title"] == ["Maulavi", "Mullah"]
    assert entity.properties["position"] == [
        "Minister of Civil Aviation and Transportation under the Taliban regime"
    ]
    assert entity.remarks[0].startswith("Involved in drug trafficking as of 2011")
    assert entity.addresses == []  # <INDIVIDUAL_ADDRESS><COUNTRY/></INDIVIDUAL_ADDRESS>


def test_individual_with_date_range_and_gender(feb_by_id: dict[str, Entity]) -> None:
    entity = feb_by_id["un:CDi.030"]  # BOSCO TAGANDA: BETWEEN 1973 and 1974
    assert (entity.names[0].given, entity.names[0].family) == ("BOSCO", "TAGANDA")
    assert entity.birth_dates == [DateSpec("1973", "1974")]
    assert entity.gender is Gender.MALE
    assert entity.birth_places == ["Bigogwe, Rwanda"]
    assert entity.nationalities == ["cd"]
    assert [(a.full, a.country) for a in entity.addresses] == [("Belgium", "be")]
    assert entity.countries == ["be"]
    assert entity.properties["address_note"] == ["Belgium: As of 14 December 2022"]
    assert "Tango Romeo: Call sign" in entity.properties["alias_note"]


def test_birth_dates_approximate_between_and_unreadable(feb_by_id: dict[str, Entity]) -> None:
    # two DOBs of TYPE_OF_DATE BETWEEN, each with NOTE "Approximately"
    assert feb_by_id["un:TAi.002"].birth_dates == [
        DateSpec("1955", "1958", circa=True),
        DateSpec("1945", "1950", circa=True),
    ]
    # a DOB that is only a NOTE: "Between Aug. and Sep. 1977" is kept as text
    qdi306 = feb_by_id["un:QDi.306"]
    assert qdi306.birth_dates == [DateSpec("1976")]
    assert qdi306.properties["birth_date_text"] == ["Between Aug. and Sep. 1977"]
    # an alias's own DATE_OF_BIRTH is a birth date of the person too
    # (file order: the alias comes before INDIVIDUAL_DATE_OF_BIRTH)
    assert feb_by_id["un:KPi.016"].birth_dates == [DateSpec("1958-02-22"), DateSpec("1957-04-15")]


def test_listed_on_with_time_zone_and_unknown_nationality(feb_by_id: dict[str, Entity]) -> None:
    assert feb_by_id["un:QDi.352"].listed_on == "2015-04-07"  # <LISTED_ON>2015-04-07-04:00
    assert feb_by_id["un:SDi.001"].nationalities == []  # <VALUE>na</VALUE> is not Namibia


def test_identifiers_and_warnings_match_the_documents(feb_text: str, feb: ListSnapshot) -> None:
    documents = re.findall(r"<INDIVIDUAL_DOCUMENT>(.*?)</INDIVIDUAL_DOCUMENT>", feb_text, re.S)
    numbered = [d for d in documents if texts(d, "NUMBER")]
    without_number = [d for d in documents if not texts(d, "NUMBER")]
    assert (len(numbered), len(without_number)) == (454, 14)

    identifiers = [i for e in feb.entities for i in e.identifiers]
    assert len(identifiers) == len(numbered)
    passports = sum("Passport" in texts(d, "TYPE_OF_DOCUMENT")[0] for d in numbered)
    assert sum(i.type is IdType.PASSPORT for i in identifiers) >= passports

    by_field = Counter(w.location.field for w in feb.warnings)
    assert by_field == {"NUMBER": len(without_number), "NOTE": 3}
    assert all(w.location.file.endswith(FEB) and w.location.line for w in feb.warnings)
    kept = sorted(v for e in feb.entities for v in e.properties.get("birth_date_text", []))
    assert kept == ["24/06/1402 (Hijri Calendar)", "30-35 years old", "Between Aug. and Sep. 1977"]


def test_truncated_file_names_file_and_line(un_dir: Path, tmp_path: Path) -> None:
    data = (un_dir / FEB).read_bytes()
    cut = tmp_path / "un_truncated.xml"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ListFormatError) as raised:
        un.parse([cut])
    assert raised.value.location.file == str(cut)
    assert raised.value.location.line == data[: len(data) // 2].count(b"\n") + 1


def test_wrong_encoding_names_the_line(un_dir: Path, tmp_path: Path) -> None:
    data = (un_dir / FEB).read_bytes()
    quote = data.index("’".encode())
    broken = tmp_path / "cp1252.xml"
    broken.write_bytes(data[:quote] + b"\x92" + data[quote + 3 :])
    with pytest.raises(ListFormatError) as raised:
        un.parse([broken])
    assert raised.value.location.line == data[:quote].count(b"\n") + 1


@pytest.mark.parametrize("content", [b"", b"<?xml version='1.0'?>\n<CONSOLIDATED_LIST/>\n"])
def test_empty_file_or_list_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.xml"
    path.write_bytes(content)
    with pytest.raises(ListFormatError) as raised:
        un.parse([path])
    assert raised.value.location.file == str(path)


def test_bad_records_are_reported_and_the_rest_parsed(un_dir: Path, tmp_path: Path) -> None:
    text = (un_dir / FEB).read_text(encoding="utf-8")
    # CDi.001 (DATAID 6907993) loses its reference, CDi.002 (DATAID 6907994) its name
    text = text.replace("<REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>", "", 1)
    text = text.replace("<FIRST_NAME>FRANK KAKOLELE</FIRST_NAME>", "<FIRST_NAME/>", 1)
    text = text.replace("<SECOND_NAME>BWAMBALE</SECOND_NAME>", "", 1)
    path = tmp_path / "un_bad_records.xml"
    path.write_text(text, encoding="utf-8")

    snapshot = un.parse([path])

    assert len(snapshot.entities) == 1003 - 2
    no_reference, no_name = snapshot.errors
    assert no_reference.location.element == "INDIVIDUAL[DATAID=6907993]"
    assert no_reference.location.field == "REFERENCE_NUMBER"
    assert no_reference.location.line == _start_line(text, "<DATAID>6907993</DATAID>")
    assert no_name.location.element == "INDIVIDUAL[DATAID=6907994, REFERENCE_NUMBER=CDi.002]"
    assert no_name.location.field == "FIRST_NAME"
    assert no_name.location.line == _start_line(text, "<DATAID>6907994</DATAID>")
    assert str(path) in str(no_name)
    assert "un:CDi.003" in {e.id for e in snapshot.entities}


def test_duplicate_reference_is_an_error(un_dir: Path, tmp_path: Path) -> None:
    text = (un_dir / FEB).read_text(encoding="utf-8")
    text = text.replace("<REFERENCE_NUMBER>CDi.002<", "<REFERENCE_NUMBER>CDi.001<", 1)
    path = tmp_path / "un_duplicate.xml"
    path.write_text(text, encoding="utf-8")
    [error] = un.parse([path]).errors
    assert error.location.line == _start_line(text, "<DATAID>6907994</DATAID>")
    assert f"line {_start_line(text, '<DATAID>6907993</DATAID>')}" in error.message


def test_unknown_element_is_kept_with_a_warning(un_dir: Path, tmp_path: Path) -> None:
    text = (un_dir / FEB).read_text(encoding="utf-8")
    text = text.replace("<GENDER>Male</GENDER>", "<GENDER>Male</GENDER><EYES>brown</EYES>", 1)
    text = text.replace("<COUNTRY>Rwanda</COUNTRY>", "<COUNTRY>Rwanda</COUNTRY><X>y</X>", 1)
    path = tmp_path / "un_new_field.xml"
    path.write_text(text, encoding="utf-8")
    snapshot = un.parse([path])
    entity = snapshot.entities[0]
    assert entity.properties["eyes"] == ["brown"]
    assert entity.properties["x"] == ["y"]
    elements = {w.location.element for w in snapshot.warnings if "CDi.001" in w.location.element}
    assert elements == {
        "INDIVIDUAL[DATAID=6907993, REFERENCE_NUMBER=CDi.001]/EYES",
        "INDIVIDUAL[DATAID=6907993, REFERENCE_NUMBER=CDi.001]/INDIVIDUAL_ADDRESS/X",
    }


def test_sniff_by_content(lists_dir: Path, tmp_path: Path) -> None:
    [list_format] = un.FORMATS
    assert (list_format.name, list_format.list_name) == ("un-xml", "un")
    for name in (FEB, JAN):
        path = lists_dir / "un" / name
        assert list_format.sniff(path, read_head(path))
    for other in (
        lists_dir / "ofac_sdn_2024" / "sdn_2024-05-03.csv",
        lists_dir / "eu" / "eu_fsf_xml_v1_0_2016-02-11_regime_subset.xml",
        lists_dir / "other" / "canada_sema_consolidated_2025-03.xml",
        lists_dir / "ofac_non_sdn" / "cons_sdnlist_format_2026-01-08.xml",
    ):
        assert not list_format.sniff(other, read_head(other)), other
    # the name does not decide: an EU file called like a UN file is still not one
    disguised = tmp_path / FEB
    disguised.write_bytes(
        read_head(lists_dir / "eu" / "eu_fsf_xml_v1_0_2016-02-11_regime_subset.xml")
    )
    assert not list_format.sniff(disguised, disguised.read_bytes())


def test_other_xml_is_refused_by_parse(lists_dir: Path) -> None:
    eu = lists_dir / "eu" / "eu_fsf_xml_v1_0_2016-02-11_regime_subset.xml"
    with pytest.raises(ListFormatError) as raised:
        un.parse([eu])
    assert (raised.value.location.element, raised.value.location.line) == ("WHOLE", 3)


def _start_line(text: str, marker: str) -> int:
    """The line of the ``<INDIVIDUAL>`` start tag of the record holding ``marker``."""
    start = text.rindex("<INDIVIDUAL>", 0, text.index(marker))
    return text.count("\n", 0, start) + 1
