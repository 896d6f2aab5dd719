"""The PAXLST reader on the GTAS samples in ``../shared/data/formats/paxlst``, on damaged
copies of them, on generated manifests and under the UN-list screener."""

from __future__ import annotations

import io
import random
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SHARED_DATA
from tests.messages.test_edifact import write_interchange, write_segment
from watchkeeper.message_screening import Decision, MessageScreener
from watchkeeper.messages import paxlst
from watchkeeper.messages.edifact import EnvelopeMismatch, Separators
from watchkeeper.messages.units import (
    CountryRef,
    CountryRole,
    FreeText,
    MessageFormatError,
    Party,
    ScreeningUnit,
)
from watchkeeper.model import DateSpec, Gender, Identifier, IdType, Schema

FOLDER = SHARED_DATA / "formats" / "paxlst"
SAMPLES = sorted(FOLDER.glob("*.edi"))
LARGE = "gtas_large_multi_pax_part01C_D02B.edi"
INVALID_BYTE_AT = 12949
"""gtas_large_multi_pax_part01C_D02B.edi holds the byte 0x87 in the name "Nov\\x87k" at this
offset: not ASCII (its UNB declares UNOA), not UTF-8, a control character in ISO 8859-1."""


def sample(name: str) -> bytes:
    return (FOLDER / name).read_bytes()


def read(data: bytes, expected: str | None = None) -> list[ScreeningUnit | MessageFormatError]:
    return list(paxlst.read_units(io.BytesIO(data), "test.edi", expected))


def all_units(items: list[ScreeningUnit | MessageFormatError]) -> list[ScreeningUnit]:
    return [item for item in items if isinstance(item, ScreeningUnit)]


def is_sender(unit: ScreeningUnit) -> bool:
    """The unit of a message's reporting party (and header remarks)."""
    return all(party.role == "reporting_party" for party in unit.parties)


def units_of(items: list[ScreeningUnit | MessageFormatError]) -> list[ScreeningUnit]:
    """The travellers' units."""
    return [unit for unit in all_units(items) if not is_sender(unit)]


def senders_of(items: list[ScreeningUnit | MessageFormatError]) -> list[ScreeningUnit]:
    return [unit for unit in all_units(items) if is_sender(unit)]


def errors_of(items: list[ScreeningUnit | MessageFormatError]) -> list[MessageFormatError]:
    return [item for item in items if isinstance(item, MessageFormatError)]


def read_sample(name: str) -> list[ScreeningUnit]:
    """The units of a sample, whose only errors may be envelope mismatches."""
    items = read(sample(name))
    assert all(isinstance(e, EnvelopeMismatch) for e in errors_of(items)), errors_of(items)
    return units_of(items)


def replaced(data: bytes, old: bytes, new: bytes) -> bytes:
    assert old in data, old
    return data.replace(old, new)


def traveller(unit: ScreeningUnit) -> Party:
    party = unit.parties[0]
    assert party.path == unit.unit
    return party


def refs(unit: ScreeningUnit) -> set[tuple[str, str, CountryRole]]:
    return {(ref.path, ref.country, ref.role) for ref in unit.countries}


# --- every sample ------------------------------------------------------------------------


def test_the_samples_are_there() -> None:
    assert len(SAMPLES) >= 5


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_every_sample_reads(path: Path) -> None:
    data = path.read_bytes()
    assert paxlst.sniff(data[:65536]) == "paxlst"
    items = read(data)
    units = units_of(items)
    assert units
    for error in errors_of(items):
        if path.name == LARGE and not isinstance(error, EnvelopeMismatch):
            assert f"at byte offset {INVALID_BYTE_AT} (element 4, component 1)" in str(error)
        else:
            assert isinstance(error, EnvelopeMismatch), error
    for unit in units:
        assert unit.format == "paxlst" and unit.source == "test.edi"
        party = traveller(unit)
        assert party.role in ("passenger", "crew")
        assert party.query.id == party.path and party.query.names[0].strip()
        assert party.query.schema is Schema.PERSON
        assert any(ref.role is CountryRole.ROUTE for ref in unit.countries)
        for ref in unit.countries:
            assert len(ref.country) == 2 and ref.country.isupper()
    (sender,) = senders_of(items)  # each sample is one message with a reporting party
    assert sender.unit == "UNH[1]/NAD[1]" and len(sender.parties) == 1
    # the flight's route is the sender's and every traveller's
    assert sender.countries and all(ref.role is CountryRole.ROUTE for ref in sender.countries)
    assert all(set(sender.countries) <= set(unit.countries) for unit in units)
    assert len({unit.unit for unit in all_units(items)}) == len(all_units(items))
    # every traveller gives a unit or an error
    travellers = data.count(b"NAD+FL") + data.count(b"NAD*FL") + data.count(b"NAD+FM")
    unreadable = [e for e in errors_of(items) if not isinstance(e, EnvelopeMismatch)]
    assert len(units) + len(unreadable) == travellers


# --- values checked by hand in the samples -----------------------------------------------


def test_cbp_example_passengers_route_and_reporting_party() -> None:
    # gtas_cbp_ig_example_multileg_D05B.edi, read by hand: two legs ATL-ORD and ORD-JFK
    # (LOC+92), NAD+MS JOHN SMITH, passengers CLARK:MICHAEL and CLARK:CHERYL.
    michael, cheryl = read_sample("gtas_cbp_ig_example_multileg_D05B.edi")
    assert (michael.unit, cheryl.unit) == ("UNH[1]/NAD[2]", "UNH[1]/NAD[3]")
    query = traveller(michael).query
    assert query.names == ["MICHAEL CLARK"]
    assert (query.gender, query.birth_dates) == (Gender.MALE, [DateSpec("1972-09-07")])
    assert query.identifiers == [
        Identifier(IdType.OTHER, "1234567890ABC", note="redress number"),
        Identifier(IdType.OTHER, "20060907NY123", note="known traveller number"),
    ]
    assert traveller(cheryl).query.gender is Gender.FEMALE
    assert len(michael.parties) == 1
    route = {(f"UNH[1]/LOC[{n}]", "US", CountryRole.ROUTE) for n in (1, 2, 3, 4, 5, 6)}
    assert refs(michael) == route
    # the reporting party NAD+MS is a unit of its own, with the flight's route
    (sender,) = senders_of(read(sample("gtas_cbp_ig_example_multileg_D05B.edi")))
    (reporting,) = sender.parties
    assert (sender.unit, reporting.path, reporting.role, reporting.query.names) == (
        "UNH[1]/NAD[1]",
        "UNH[1]/NAD[1]",
        "reporting_party",
        ["JOHN SMITH"],
    )
    assert reporting.query.schema is None
    assert refs(sender) == {(f"UNH[1]/LOC[{n}]", "US", CountryRole.ROUTE) for n in (1, 2, 3, 4)}


def test_crew_list_on_one_line() -> None:
    # gtas_crew_manifest_FM_D02B_oneline.edi: BGM+250, eight NAD+FM, FRA -> IAD.
    units = read_sample("gtas_crew_manifest_FM_D02B_oneline.edi")
    assert [traveller(u).query.names[0] for u in units] == [
        "Andrea Pat Steur",
        "Julie Pat Adomat",
        "Clifton Pat Nalek",
        "Costa Pat Meissener",
        "Melissa Pat Pelzing",
        "Kevin Pat Merfort",
        "Kari Pat Sautter",
        "Jaclyn Pat Zschieschak",
    ]
    first = units[0]
    party = traveller(first)
    assert party.role == "crew"
    query = party.query
    assert query.birth_dates == [DateSpec("1978-07-06")]
    assert (query.nationalities, query.countries) == (["gb"], ["gb"])
    # DOC+P:1812019+123456789, DTM+36:610218 (nearer 2061 than 1961 for a 2014 manifest)
    assert query.identifiers == [
        Identifier(IdType.PASSPORT, "123456789", "gb", "expires 2061-02-18")
    ]
    assert refs(first) == {
        ("UNH[1]/LOC[1]", "DE", CountryRole.ROUTE),  # LOC+125+FRA
        ("UNH[1]/LOC[2]", "US", CountryRole.ROUTE),  # LOC+87+IAD
        ("UNH[1]/LOC[3]", "US", CountryRole.ROUTE),  # LOC+22+IAD
        ("UNH[1]/LOC[4]", "GB", CountryRole.RESIDENCE),  # LOC+174+GBR
        ("UNH[1]/LOC[5]", "DE", CountryRole.ROUTE),  # LOC+178+FRA
        ("UNH[1]/LOC[6]", "US", CountryRole.ROUTE),  # LOC+179+IAD
        ("UNH[1]/LOC[7]", "US", CountryRole.BIRTH_PLACE),  # LOC+180+:::Hartford USA
        ("UNH[1]/NAT[1]", "GB", CountryRole.NATIONALITY),
        ("UNH[1]/LOC[8]", "GB", CountryRole.DOCUMENT),  # LOC+91+GBR
    }


def test_d05b_three_legs_residence_and_documents() -> None:
    # gtas_multiple_flight_leg_D05B.edi: MIA-IAD, IAD-JFK, JFK-CDG; BARRETT:TODD and
    # LANG:KRISTIN with French and Spanish passports.
    todd, kristin = read_sample("gtas_multiple_flight_leg_D05B.edi")
    assert traveller(todd).query.identifiers == [
        Identifier(IdType.PASSPORT, "YY3478621G", "fr", "expires 2008-12-30")
    ]
    assert traveller(kristin).query.names == ["KRISTIN LANG"]
    assert traveller(kristin).query.nationalities == ["es"]
    assert traveller(kristin).query.birth_dates == [DateSpec("1960-06-06")]
    assert ("UNH[1]/LOC[13]", "ES", CountryRole.RESIDENCE) in refs(kristin)
    route = {ref.country for ref in kristin.countries if ref.role is CountryRole.ROUTE}
    assert route == {"US", "FR"}


def test_custom_separators_passengers() -> None:
    # gtas_custom_separators_UNA_star_dollar.edi: ten passengers "NAD*FL***SURNAME:GIVEN:",
    # BRE (Bremen) to YEU (Eureka, Canada).
    units = read_sample("gtas_custom_separators_UNA_star_dollar.edi")
    assert len(units) == 10
    assert traveller(units[0]).query.names == ["DAVID BETTON"]
    assert traveller(units[-1]).query.names == ["DANIEL LOWE"]
    assert traveller(units[8]).query.identifiers[0].value == "179868051"
    assert {ref.country for ref in units[0].countries if ref.role is CountryRole.ROUTE} == {
        "DE",
        "CA",
    }


def test_a_passenger_with_an_unreadable_name_is_reported_and_the_others_read() -> None:
    items = read(sample(LARGE))
    (unreadable,) = [e for e in errors_of(items) if not isinstance(e, EnvelopeMismatch)]
    assert unreadable.where == "UNH[1]/NAD[72], segment 852 (NAD) at line 1, byte 12937"
    assert "the traveller cannot be read: byte 0x87" in str(unreadable)
    units = units_of(items)
    assert len(units) == 259
    # the passengers on either side of "Nov\x87k:Jeffrey:Pat", read by hand
    assert [(u.unit, traveller(u).query.names[0]) for u in units[69:71]] == [
        ("UNH[1]/NAD[71]", "Tabbatha Pat Rumenapp"),
        ("UNH[1]/NAD[73]", "Brandy Pat Corves"),
    ]


# --- a 500-passenger manifest built from a real sample -----------------------------------


def test_a_500_passenger_manifest_gives_500_units(tmp_path: Path) -> None:
    data = sample("gtas_multiple_flight_leg_D05B.edi").decode("ascii")
    start, end = data.index("NAD+FL"), data.index("CNT+42")
    todd = data[start : data.index("NAD+FL", start + 1)]
    rng = random.Random(500)
    surnames = [
        "".join(rng.choice("BCDFGKLMNPRSTVZ") + rng.choice("AEIOU") for _ in range(4))
        for _ in range(500)
    ]
    groups = []
    for number, surname in enumerate(surnames):
        group = todd.replace("BARRETT:TODD", f"{surname}:PASSENGER{number}")
        groups.append(group.replace("YY3478621G", f"PP{number:07d}"))
    segments = data[data.index("UNH") : start].count("'") + "".join(groups).count("'") + 2
    manifest = data[:start] + "".join(groups) + data[end:].replace("UNT+46", f"UNT+{segments}")
    path = tmp_path / "manifest.edi"
    path.write_text(manifest, encoding="ascii")
    with path.open("rb") as stream:
        items = list(paxlst.read_units(stream, path.name))
    assert errors_of(items) == []
    units = units_of(items)
    assert len(units) == 500
    assert [u.unit for u in units] == [f"UNH[1]/NAD[{n}]" for n in range(2, 502)]
    names = [traveller(unit).query.names for unit in units]
    assert names == [[f"PASSENGER{n} {surname}"] for n, surname in enumerate(surnames)]
    assert traveller(units[123]).query.identifiers[0].value == "PP0000123"
    for unit in units:
        assert {ref.country for ref in unit.countries if ref.role is CountryRole.ROUTE} == {
            "US",
            "FR",
        }


# --- damaged and hostile copies ----------------------------------------------------------


def test_wrong_separators_are_refused_naming_the_place() -> None:
    data = sample("gtas_custom_separators_UNA_star_dollar.edi")
    (error,) = read(replaced(data, b"UNA:*.? $", b"UNA:+.? '"))
    assert isinstance(error, MessageFormatError)
    assert error.where == "UNB at byte 11" and "wrong separators" in error.problem


def test_a_traveller_segment_in_other_separators_is_reported_alone() -> None:
    data = sample("gtas_cbp_ig_example_multileg_D05B.edi")
    items = read(replaced(data, b"ATT+2++F'", b"ATT*2**F'"))
    (error,) = errors_of(items)
    assert error.where == (
        "UNH[1]/NAD[3] (from segment 27 (NAD) at line 23, byte 583), "
        "UNH[1]/ATT[2], segment 28 (ATT) at line 24, byte 607"
    )
    assert "not a segment tag: wrong separators?" in error.problem
    assert [u.unit for u in units_of(items)] == ["UNH[1]/NAD[2]"]


def test_invalid_utf8_in_one_passenger_spares_the_others() -> None:
    data = sample("gtas_multiple_flight_leg_D05B.edi")
    broken = replaced(data, b"NAT+2+FRA", b"NAT+2+FR\xe9")
    offset = broken.index(b"\xe9")
    items = read(broken)
    (error,) = errors_of(items)
    assert f"byte 0xE9 at byte offset {offset} (element 2, component 1)" in str(error)
    assert error.where == (
        "UNH[1]/NAD[2] (from segment 23 (NAD) at line 21, byte 535), "
        "UNH[1]/NAT[1], segment 29 (NAT) at line 27, byte 623"
    )
    assert [traveller(u).query.names for u in units_of(items)] == [["KRISTIN LANG"]]


def test_a_passenger_without_a_name() -> None:
    data = sample("gtas_multiple_flight_leg_D05B.edi")
    items = read(replaced(data, b"NAD+FL+++BARRETT:TODD'", b"NAD+FL'"))
    (error,) = errors_of(items)
    assert error.where == "UNH[1]/NAD[2], segment 23 (NAD) at line 21, byte 535"
    assert error.problem == "the traveller has no name (NAD element 4)"
    assert len(units_of(items)) == 1


def test_a_truncated_manifest_gives_the_passengers_read_and_the_place_it_ends() -> None:
    data = sample("gtas_multiple_flight_leg_D05B.edi")
    cut = data.index(b"ATT+2++F") + 5
    items = read(data[:cut])
    assert [traveller(u).query.names for u in units_of(items)] == [
        ["TODD BARRETT"],
        ["KRISTIN LANG"],
    ]
    (error,) = errors_of(items)
    assert "the message is incomplete: the file is truncated" in error.problem
    assert f"at line 34, byte {cut - 5} ('ATT+2')" in error.problem


def test_a_broken_message_is_reported_and_the_next_read() -> None:
    data = sample("gtas_cbp_ig_example_multileg_D05B.edi")
    message = data[data.index(b" UNH") : data.index(b" UNE")]
    broken = message.replace(b" UNT+33+PAX001'", b"").replace(b"CLARK", b"BROKEN")
    combined = data.replace(message, broken + message).replace(b"UNE+1+1", b"UNE+2+1")
    items = read(combined)
    assert [traveller(u).query.names[0] for u in units_of(items)] == [
        "MICHAEL BROKEN",
        "CHERYL BROKEN",
        "MICHAEL CLARK",
        "CHERYL CLARK",
    ]
    assert [u.unit for u in units_of(items)][2:] == ["UNH[2]/NAD[2]", "UNH[2]/NAD[3]"]
    (error,) = errors_of(items)
    assert "incomplete: no UNT before the next UNH" in error.problem


def test_a_message_of_another_type_is_reported_and_the_next_read() -> None:
    data = sample("gtas_cbp_ig_example_multileg_D05B.edi")
    message = data[data.index(b" UNH") : data.index(b" UNE")]
    other = message.replace(b"PAXLST:D:05B", b"CUSRES:D:05B")
    items = read(data.replace(message, other + message).replace(b"UNE+1+1", b"UNE+2+1"))
    (error,) = errors_of(items)
    assert error.where == "message UNH[1] (reference 'PAX001') at line 4"
    assert error.problem == "expected a PAXLST message for paxlst, found 'CUSRES'"
    assert len(units_of(items)) == 2


def test_a_pnrgov_file_forced_as_paxlst() -> None:
    data = (SHARED_DATA / "formats" / "pnrgov" / "gtas_pnrgov13_ssr_doco_visa.edi").read_bytes()
    assert paxlst.sniff(data) is None
    items = read(data, expected="paxlst")
    assert "expected a PAXLST message for paxlst (as asked), found 'PNRGOV'" in str(items[0])
    assert units_of(items) == []


def test_an_xml_file_forced_as_paxlst() -> None:
    (error,) = read(b"<?xml version='1.0'?><Document/>", expected="paxlst")
    assert isinstance(error, MessageFormatError)
    assert error.problem.startswith("expected paxlst (an EDIFACT PAXLST message): not an EDIFACT")


def test_a_reader_asked_for_another_format() -> None:
    with pytest.raises(MessageFormatError, match="expected pnrgov, but this reader reads paxlst"):
        read(sample("gtas_cbp_ig_example_multileg_D05B.edi"), expected="pnrgov")


# --- generated manifests -----------------------------------------------------------------

NAME_TEXT = st.text(
    alphabet=st.sampled_from([*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "'", "?", "+", ":", "-", "Ö", "Ł"]),
    min_size=1,
    max_size=15,
).filter(lambda text: text.strip("'?+:-") != "")
NATIONS = {"GBR": "gb", "FRA": "fr", "IRN": "ir", "SYR": "sy", "USA": "us", "KOR": "kr"}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            NAME_TEXT,
            NAME_TEXT,
            st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)),
            st.sampled_from(sorted(NATIONS)),
            st.sampled_from(["M", "F"]),
            st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ0123456789", min_size=5, max_size=9),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_written_travellers_read_back(
    travellers: list[tuple[str, str, date, str, str, str]],
) -> None:
    seps = Separators()
    body = [
        write_segment("BGM", [["745"]], seps),
        write_segment("TDT", [["20"], ["XX100"]], seps),
        write_segment("LOC", [["125"], ["LHR"]], seps),
        write_segment("LOC", [["87"], ["THR"]], seps),
    ]
    for surname, given_name, born, nation, sex, number in travellers:
        body += [
            write_segment("NAD", [["FL"], [""], [""], [surname, given_name]], seps),
            write_segment("ATT", [["2"], [""], [sex]], seps),
            write_segment("DTM", [["329", born.strftime("%Y%m%d")]], seps),
            write_segment("NAT", [["2"], [nation]], seps),
            write_segment("DOC", [["P"], [number]], seps),
            write_segment("LOC", [["91"], [nation]], seps),
        ]
    items = read(write_interchange("PAXLST", body, seps))
    assert errors_of(items) == []
    units = units_of(items)
    assert len(units) == len(travellers)
    for unit, (surname, given_name, born, nation, sex, number) in zip(
        units, travellers, strict=True
    ):
        query = traveller(unit).query
        assert query.names == [" ".join(f"{given_name} {surname}".split())]
        assert query.birth_dates == [DateSpec(born.isoformat())]
        assert query.nationalities == [NATIONS[nation]]
        assert query.gender is (Gender.MALE if sex == "M" else Gender.FEMALE)
        assert query.identifiers == [Identifier(IdType.PASSPORT, number, NATIONS[nation])]
        assert {(r.country, r.role) for r in unit.countries if r.role is CountryRole.ROUTE} == {
            ("GB", CountryRole.ROUTE),
            ("IR", CountryRole.ROUTE),
        }


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([path for path in SAMPLES if path.name != LARGE]),
    st.lists(
        st.tuples(st.integers(min_value=0), st.binary(max_size=3), st.integers(0, 3)), max_size=4
    ),
)
def test_mutated_samples_give_units_or_errors(
    path: Path, mutations: list[tuple[int, bytes, int]]
) -> None:
    data = bytearray(path.read_bytes())
    for at, insert, delete in mutations:
        position = at % (len(data) + 1)
        data[position : position + delete] = insert
    for item in paxlst.read_units(io.BytesIO(bytes(data)), "mutated.edi"):
        assert isinstance(item, ScreeningUnit | MessageFormatError)


# --- screening ---------------------------------------------------------------------------

CBP = "gtas_cbp_ig_example_multileg_D05B.edi"
CREW = "gtas_crew_manifest_FM_D02B_oneline.edi"


@pytest.mark.parametrize(
    ("name", "old", "new", "field", "listed"),
    [
        # un:QDi.006 AIMAN MUHAMMED RABI AL-ZAWAHIRI: other transliteration, no "AL-"
        (CBP, b"CLARK:MICHAEL", b"ZAWAHRI:AYMAN MOHAMED RABIE", "UNH[1]/NAD[2]", "un:QDi.006"),
        # un:LYi.009 AISHA MUAMMAR MUHAMMED ABU MINYAR QADHAFI, her family name in other
        # spellings cut at the 35 characters of the NAD component ("GADDAF")
        (
            CBP,
            b"CLARK:MICHAEL",
            b"MOUAMMAR MOHAMED ABOU MINYAR GADDAF:AISHA",
            "UNH[1]/NAD[2]",
            "un:LYi.009",
        ),
        # un:QDi.017 THARWAT SALAH SHIHATA as a crew member, another transliteration
        (CREW, b"Steur:Andrea:Pat", b"Shehata:Tharwat:Salah", "UNH[1]/NAD[2]", "un:QDi.017"),
        # un:QDi.226 NAJMUDDIN FARAJ AHMAD as the reporting party, other spelling and order
        (
            CBP,
            b"NAD+MS+++JOHN SMITH",
            b"NAD+MS+++FARAJ AHMED NAJMUDDIN",
            "UNH[1]/NAD[1]",
            "un:QDi.226",
        ),
        # un:QDi.421 HAMZA USAMA MUHAMMAD BIN LADEN in the passenger's address (free text)
        (
            CBP,
            b"CLARK:MICHAEL'",
            b"CLARK:MICHAEL+C/O HAMZA OSAMA MOHAMMED BIN LADEN 12 MAIN ST+ATLANTA+GA+30301+USA'",
            "UNH[1]/NAD[2]/5",
            "un:QDi.421",
        ),
        # un:CDi.014 LEOPOLD MUJYAMBERE in a free-text remark of the passenger
        (
            CBP,
            b"ATT+2++M'",
            b"ATT+2++M'FTX+AAI+++TRAVELS WITH LEOPOLD MUJIAMBERE'",
            "UNH[1]/FTX[1]",
            "un:CDi.014",
        ),
    ],
)
def test_a_listed_name_in_each_field_is_held_naming_the_field(
    un_message_screener: MessageScreener, name: str, old: bytes, new: bytes, field: str, listed: str
) -> None:
    units = all_units(read(replaced(sample(name), old, new)))
    unit = next(
        u for u in units if field in {p.path for p in u.parties} | {t.path for t in u.texts}
    )
    result = un_message_screener.screen_unit(unit)
    assert result.decision in (Decision.REVIEW, Decision.BLOCK)
    assert any(hit.field == field and hit.id == listed for hit in result.hits), result.hits


def test_a_family_name_that_fills_its_component_may_have_been_cut() -> None:
    full = b"MOUAMMAR MOHAMED ABOU MINYAR GADDAF:AISHA"
    shorter = b"MOUAMMAR MOHAMED ABOU MINYAR GADDA:AISHA"
    cut, whole = (
        traveller(units_of(read(replaced(sample(CBP), b"CLARK:MICHAEL", new)))[0])
        for new in (full, shorter)
    )
    assert cut.query.names == ["AISHA MOUAMMAR MOHAMED ABOU MINYAR GADDAF"]
    assert (cut.query.names_cut, whole.query.names_cut) == (True, False)


def test_the_address_is_free_text_and_its_country_a_country() -> None:
    data = replaced(sample(CBP), b"CLARK:MICHAEL'", b"CLARK:MICHAEL+12 MAIN ST+DAMASCUS++1010+SYR'")
    unit = units_of(read(data))[0]
    assert FreeText("UNH[1]/NAD[2]/5", "12 MAIN ST, DAMASCUS, 1010") in unit.texts
    assert CountryRef("UNH[1]/NAD[2]/9", "SY", CountryRole.ADDRESS) in unit.countries
    assert traveller(unit).query.countries == ["sy"]


KNOWN_FALSE_ALERTS = {(CBP, "UNH[1]/NAD[1]", "un:LYi.029")}
"""What the unmodified samples raise though they name no listed party: the reporting party
JOHN SMITH of gtas_cbp_ig_example_multileg_D05B.edi scores 0.595 against the Arabic-script
name of un:LYi.029 OSAMA AL KUNI IBRAHIM in the matcher as it stands (reported to the lead)."""


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_the_unmodified_samples_pass(un_message_screener: MessageScreener, path: Path) -> None:
    for unit in all_units(read(path.read_bytes())):
        result = un_message_screener.screen_unit(unit)
        alerts = {(path.name, hit.field, hit.id) for hit in result.hits}
        assert alerts <= KNOWN_FALSE_ALERTS, (unit.unit, result.hits)
        if not alerts:
            assert result.decision is Decision.PASS
