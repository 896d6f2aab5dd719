"""The EDIFACT syntax layer on the PAXLST and PNRGOV samples in ``../shared/data/formats``
(their UNAs, release characters, wrapped lines, stray spaces and trailing text), on damaged
copies of them and on generated interchanges."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SHARED_DATA
from watchkeeper.messages.edifact import (
    LEVEL_A,
    MAX_SEGMENT_BYTES,
    EnvelopeMismatch,
    Message,
    Segment,
    Separators,
    read_messages,
    sniff,
)
from watchkeeper.messages.units import MessageFormatError

FORMATS_DIR = SHARED_DATA / "formats"
SAMPLES = sorted(
    path for folder in ("paxlst", "pnrgov") for path in (FORMATS_DIR / folder).glob("*.edi")
)
SERVICE_TAGS = {"UNA", "UNB", "UNG", "UNE", "UNH", "UNT", "UNZ"}


def sample(folder: str, name: str) -> bytes:
    return (FORMATS_DIR / folder / name).read_bytes()


def read(data: bytes) -> list[Message | MessageFormatError]:
    return list(read_messages(data, "test.edi"))


def only_message(data: bytes) -> Message:
    items = read(data)
    messages = [item for item in items if isinstance(item, Message)]
    assert len(messages) == 1, items
    return messages[0]


def segments(message: Message, tag: str) -> list[Segment]:
    return [segment for segment in message.segments if segment.tag == tag]


def errors(items: list[Message | MessageFormatError]) -> list[MessageFormatError]:
    """The errors read, those attached to messages included."""
    found: list[MessageFormatError] = []
    for item in items:
        found.extend(item.problems if isinstance(item, Message) else [item])
    return found


# --- writing interchanges (also used by the PAXLST and PNRGOV tests) ---------------------


def escape(value: str, separators: Separators) -> str:
    """``value`` with the release character before every service character in it."""
    release = separators.release
    assert release is not None
    specials = {separators.component, separators.element, separators.terminator, release}
    return "".join(release + char if char in specials else char for char in value)


def write_segment(tag: str, elements: list[list[str]], separators: Separators) -> str:
    parts = [tag] + [
        separators.component.join(escape(c, separators) for c in element) for element in elements
    ]
    return separators.element.join(parts) + separators.terminator


def write_interchange(
    message_type: str, body: list[str], separators: Separators = LEVEL_A
) -> bytes:
    """A UNA, UNB, UNH ... UNT, UNZ interchange around the already written ``body``
    segments, with correct counts and references."""
    advice = f"UNA{separators.component}{separators.element}.{separators.release} "
    advice += separators.terminator

    def write(tag: str, *elements: list[str]) -> str:
        return write_segment(tag, list(elements), separators)

    lines = [
        advice,
        write("UNB", ["UNOY", "4"], ["SENDER"], ["RECEIVER"], ["240131", "1200"], ["REF1"]),
        write("UNH", ["M1"], [message_type, "D", "05B", "UN", "IATA"]),
        *body,
        write("UNT", [str(len(body) + 2)], ["M1"]),
        write("UNZ", ["1"], ["REF1"]),
    ]
    return "\n".join(lines).encode("utf-8")


# --- every sample ------------------------------------------------------------------------


def test_the_samples_are_there() -> None:
    assert {path.parent.name for path in SAMPLES} == {"paxlst", "pnrgov"}


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_sample_splits_into_messages_of_its_type(path: Path) -> None:
    items = read(path.read_bytes())
    messages = [item for item in items if isinstance(item, Message)]
    assert messages
    for message in messages:
        assert message.type == path.parent.name.upper()
        assert message.segments
        for segment in message.segments:
            assert segment.tag.isalnum() and len(segment.tag) == 3, segment
            assert segment.tag not in SERVICE_TAGS, segment
            if segment.problem:  # the one byte no character set allows, see below
                assert (path.name, segment.offset) == (
                    "gtas_large_multi_pax_part01C_D02B.edi",
                    12937,
                )
    # Most GTAS samples were edited by hand: their UNT counts and UNZ references disagree with
    # what they hold.  That is reported, as an envelope mismatch only.
    for error in errors(items):
        assert isinstance(error, EnvelopeMismatch), error


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_every_sample_is_recognised_from_its_head(path: Path) -> None:
    formats = {"PAXLST": "paxlst", "PNRGOV": "pnrgov"}
    assert sniff(path.read_bytes()[:65536], formats) == path.parent.name


# --- the samples' syntax, checked by hand ------------------------------------------------


def test_una_with_star_and_dollar_separators() -> None:
    # gtas_custom_separators_UNA_star_dollar.edi: "UNA:*.? $", CR LF line ends, "UNG *PAXLST"
    # with a space after the tag, and a four-element UNH with the status of transfer 10:F.
    message = only_message(sample("paxlst", "gtas_custom_separators_UNA_star_dollar.edi"))
    assert message.header.elements == (
        ("1402111800",),
        ("PAXLST", "D", "02B", "UN", "IATA"),
        ("AA346",),
        ("10", "F"),
    )
    assert "part 10:F" in message.describe()
    first = segments(message, "NAD")[1]
    assert first.elements == (("FL",), ("",), ("",), ("BETTON", "DAVID", ""))
    assert (first.number, first.line) == (12, 13)  # a UNA is not a segment
    assert segments(message, "DOC")[0].elements == (("P", "110", "111"), ("178556534",))


def test_segments_after_stray_spaces_and_two_on_a_line() -> None:
    # gtas_cbp_ig_example_multileg_D05B.edi: every line starts with a space, and
    # "BGM+745'RFF+TN:AJYTR1070219:::001'" holds two segments.
    message = only_message(sample("paxlst", "gtas_cbp_ig_example_multileg_D05B.edi"))
    assert [s.tag for s in message.segments[:3]] == ["BGM", "RFF", "NAD"]
    assert message.segments[1].elements == (("TN", "AJYTR1070219", "", "", "001"),)
    assert message.segments[1].line == message.segments[0].line == 5
    assert len(message.segments) + 2 == 33  # what its UNT says


def test_a_whole_interchange_on_one_line() -> None:
    # gtas_crew_manifest_FM_D02B_oneline.edi: no UNA, no line break at all.
    message = only_message(sample("paxlst", "gtas_crew_manifest_FM_D02B_oneline.edi"))
    names = [s.component(4, 1) for s in segments(message, "NAD")]
    assert names[:3] == ["CREW SCHEDULING", "Steur", "Adomat"]
    assert {s.line for s in message.segments} == {1}


def test_segments_wrapped_over_lines_are_joined() -> None:
    # gtas_pnrgov10_2pnrs_linewrapped.edi: "...PLACEHOLDER/SMITHJ" CR LF "R/MRJONATHON/ROBERT'"
    # and a telephone number "770" CR LF "5632891".
    message = only_message(sample("pnrgov", "gtas_pnrgov10_2pnrs_linewrapped.edi"))
    docs = [s.component(1, 9) for s in segments(message, "SSR") if s.component(1) == "DOCS"]
    assert docs[0] == "/P/GBR/123456789/GBR/12JUL64/M/23AUG19/SMITHJR/MRJONATHON/ROBERT"
    assert docs[2].endswith("/WAYNE/JOHNALVA")
    payer = segments(message, "IFT")[3]
    assert payer.elements[1:] == (
        ("TIMOTHY SIMS",),
        ("2234 MAIN STREET ATLANTA, GA 30067",),
        ("7705632891",),
    )


def test_the_release_character_keeps_a_separator_as_data() -> None:
    # gtas_pnrgov13_release_char_phone.edi: "CTCE MOLLY..LONT?+50BB//GMAIL.COM".
    message = only_message(sample("pnrgov", "gtas_pnrgov13_release_char_phone.edi"))
    assert segments(message, "IFT")[0].component(2) == "CTCE MOLLY..LONT+50BB//GMAIL.COM"


def test_a_backslash_release_character_and_curly_apostrophes_at_line_ends() -> None:
    # gtas_pnrgov11_iata_ig_p75_korean.edi: "UNA:+.\*'" makes "\" the release character;
    # some lines end with U+2019 instead of the apostrophe terminator.
    message = only_message(sample("pnrgov", "gtas_pnrgov11_iata_ig_p75_korean.edi"))
    history = [s.component(1) for s in segments(message, "LTS")]
    assert "/LK *1A/E*/KE/KR/" in history[1]
    docs = next(s for s in segments(message, "SSR") if s.component(1) == "DOCS")
    assert docs.component(1, 9) == "/P/KR/JR3364288/KR/10SEP72/M/05JUL16/PARK/SEJOON"
    following = message.segments[message.segments.index(docs) + 1]
    assert following.tag == "TVL"


def test_text_after_unz_that_is_no_segment_is_ignored() -> None:
    # gtas_multiple_flight_leg_D05B.edi ends with the line "13Nov09" after its UNZ.
    data = sample("paxlst", "gtas_multiple_flight_leg_D05B.edi")
    assert data.rstrip().endswith(b"13Nov09")
    items = read(data)
    assert errors(items) == []
    assert len(only_message(data).segments) == 44


def test_segments_after_unz_are_reported() -> None:
    data = sample("paxlst", "gtas_cbp_ig_example_multileg_D05B.edi") + b"\nNAD+FL+++DOE:JOHN'\n"
    items = read(data)
    (error,) = errors(items)
    assert str(error).endswith("segments after UNZ, outside any interchange")
    assert error.where == f"segment 38 (NAD) at line 34, byte {data.index(b'NAD+FL+++DOE')}"


def test_two_interchanges_with_different_separators_in_one_file() -> None:
    first = sample("paxlst", "gtas_custom_separators_UNA_star_dollar.edi")
    second = sample("paxlst", "gtas_cbp_ig_example_multileg_D05B.edi")
    items = read(first + second)
    messages = [item for item in items if isinstance(item, Message)]
    assert [m.number for m in messages] == [1, 2]
    assert [m.header.component(1) for m in messages] == ["1402111800", "PAX001"]
    assert segments(messages[1], "NAD")[1].component(4) == "CLARK"


def test_an_interchange_without_unz_followed_by_another() -> None:
    first = sample("paxlst", "gtas_cbp_ig_example_multileg_D05B.edi").replace(
        b" UNZ+1+000006640'", b""
    )
    items = read(first + sample("paxlst", "gtas_multiple_flight_leg_D05B.edi"))
    messages = [item for item in items if isinstance(item, Message)]
    assert len(messages) == 2
    (error,) = [e for e in errors(items) if not isinstance(e, EnvelopeMismatch)]
    assert "no UNZ: a new one starts at segment" in str(error)


# --- damaged copies ----------------------------------------------------------------------


def test_a_una_announcing_other_separators_than_the_file_uses() -> None:
    data = sample("paxlst", "gtas_custom_separators_UNA_star_dollar.edi")
    (error,) = read(data.replace(b"UNA:*.? $", b"UNA:+.? '"))
    assert isinstance(error, MessageFormatError)
    assert error.where == "UNB at byte 11"
    assert "wrong separators: UNB is followed by '*'" in str(error)
    assert "the separators the UNA announces" in str(error)


def test_default_separators_assumed_without_una_but_not_used() -> None:
    data = sample("paxlst", "gtas_custom_separators_UNA_star_dollar.edi")
    (error,) = read(data.replace(b"UNA:*.? $\r\n", b""))
    assert isinstance(error, MessageFormatError)
    assert "UNB is followed by '*'" in str(error) and "there is no UNA" in str(error)


def test_a_una_whose_terminator_the_file_does_not_use() -> None:
    data = sample("paxlst", "gtas_cbp_ig_example_multileg_D05B.edi")
    (error,) = read(data.replace(b"UNA:+.?*'", b"UNA:+.?*$"))
    assert isinstance(error, MessageFormatError)
    assert error.where == "UNB at line 2, byte 12"
    assert "no segment terminator '$' after the UNB: wrong separators" in str(error)


def test_separators_that_change_within_the_file() -> None:
    data = sample("paxlst", "gtas_cbp_ig_example_multileg_D05B.edi")
    broken = data.replace(b"NAD+FL+++CLARK:CHERYL'", b"NAD*FL***CLARK:CHERYL'")
    (bad,) = [s for s in only_message(broken).segments if s.problem]
    assert bad.where() == f"segment 27 (NAD) at line 23, byte {broken.index(b'NAD*FL')}"
    assert bad.problem == (
        "'NAD*FL***CLARK' is not a segment tag: wrong separators? (element '+', component ':', "
        'segment terminator "\'")'
    )


@pytest.mark.parametrize(
    ("advice", "problem"),
    [
        (b"UNA:+.", "ends inside the UNA"),
        (b"UNA:X.? '", "declares 'X' as a separator"),
        (b"UNA::.? '", "the same character for two separators"),
        (b"UNA:+.? \xa7", "declares '\xa7' as a separator"),
    ],
)
def test_an_unusable_una(advice: bytes, problem: str) -> None:
    (error,) = read(advice)
    assert isinstance(error, MessageFormatError)
    assert problem in str(error) and error.where.startswith("UNA at byte 0")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "holds no EDIFACT data"),
        (b" \r\n\t ", "holds no EDIFACT data"),
        (b'<?xml version="1.0"?><Document/>', "not an EDIFACT interchange"),
        (b"UNA:+.? 'UNH+1+PAXLST:D:02B:UN'", "expected the UNB segment"),
    ],
)
def test_no_interchange_at_all(data: bytes, problem: str) -> None:
    (error,) = read(data)
    assert isinstance(error, MessageFormatError) and problem in str(error)


def test_a_missing_unh_is_reported_and_the_next_message_read() -> None:
    data = sample("paxlst", "gtas_multiple_flight_leg_D05B.edi")
    header, message = data[: data.index(b"UNH")], data[data.index(b"UNH") : data.index(b"UNE")]
    headless = message[message.index(b"BGM") :]
    items = read(header + headless + message + b"UNE+2+123456789'UNZ+1+123456789'")
    assert isinstance(items[0], MessageFormatError)
    assert str(items[0]).endswith(
        "45 segment(s) (BGM, RFF, NAD, COM, TDT, ...) outside any message: no UNH before them"
    )
    assert items[0].where == "segment 3 (BGM) at line 1, byte 131"
    assert isinstance(items[1], Message) and items[1].number == 1
    assert len(items[1].segments) == 44 and items[1].problems == []


def test_a_missing_unt_is_reported_and_the_next_message_read() -> None:
    data = sample("pnrgov", "gtas_pnrgov13_ssr_doco_visa.edi")
    message = data[data.index(b"UNH") : data.index(b"UNZ")]
    without_unt = message[: message.index(b"UNT")]
    items = read(data[: data.index(b"UNH")] + without_unt + message + b"UNZ+2+361553663005'")
    messages = [item for item in items if isinstance(item, Message)]
    assert [len(m.segments) for m in messages] == [47, 47]
    (incomplete,) = messages[0].problems
    assert "incomplete: no UNT before the next UNH (segment 50 (UNH) at line 51" in str(incomplete)
    assert incomplete.where == "message UNH[1] (reference '1') at line 2"


def test_a_unt_that_disagrees_is_reported_with_both_counts() -> None:
    data = sample("paxlst", "gtas_cbp_ig_example_multileg_D05B.edi")
    message = only_message(data.replace(b"UNT+33+PAX001", b"UNT+30+PAX002"))
    (mismatch,) = message.problems
    assert isinstance(mismatch, EnvelopeMismatch)
    assert str(mismatch).endswith(
        "UNT counts 30 segments, the file has 33; UNT gives 'PAX002', UNH gives 'PAX001'"
    )
    assert mismatch.where.endswith("segment 35 (UNT) at line 31, byte 708")


def test_invalid_utf8_names_its_byte_offset_element_and_component() -> None:
    data = sample("paxlst", "gtas_multiple_flight_leg_D05B.edi")
    broken = data.replace(b"LANG:KRISTIN", b"LANG:KRIS\xfftin")
    offset = broken.index(b"\xff")
    message = only_message(broken)
    (bad,) = [s for s in message.segments if s.problem]
    assert bad.tag == "NAD" and bad.elements == ()
    assert bad.problem == (
        f"byte 0xFF at byte offset {offset} (element 4, component 2) is not valid in utf-8 "
        "(UNB syntax identifier 'UNOA')"
    )


def test_invalid_utf8_after_a_line_wrap_names_the_byte_in_the_file() -> None:
    data = sample("pnrgov", "gtas_pnrgov10_2pnrs_linewrapped.edi")
    broken = data.replace(b"SMITHJ\r\nR/MR", b"SMITHJ\r\nR\xc3/MR")
    offset = broken.index(b"\xc3")
    (bad,) = [s for s in only_message(broken).segments if s.problem]
    assert f"at byte offset {offset} (element 1, component 9)" in str(bad.problem)


def test_a_single_byte_character_set_from_unb() -> None:
    data = sample("paxlst", "gtas_multiple_flight_leg_D05B.edi")
    latin = data.replace(b"UNOA:4", b"UNOC:4").replace(b"LANG:KRISTIN", b"LANG:KRISTIN J\xd6RG")
    nad = segments(only_message(latin), "NAD")[2]
    assert nad.component(4, 2) == "KRISTIN JÖRG"
    control = latin.replace(b"J\xd6RG", b"J\x85RG")
    (bad,) = [s for s in only_message(control).segments if s.problem]
    assert bad.problem == "invalid character U+0085 (element 4, component 2)"


def test_a_truncated_interchange_names_where_it_ends() -> None:
    data = sample("paxlst", "gtas_multiple_flight_leg_D05B.edi")
    cut = data.index(b"DOC+P:110:111+TRQWE") + 10
    items = read(data[:cut])
    (message,) = items
    assert isinstance(message, Message)
    (problem,) = message.problems
    assert "the file is truncated: it ends inside a segment at line 42" in str(problem)
    assert f"byte {cut - 10} ('DOC+P:110:')" in str(problem)


def test_a_huge_segment_is_refused_before_it_is_decoded() -> None:
    data = sample("paxlst", "gtas_multiple_flight_leg_D05B.edi")
    huge = data.replace(b"LANG:KRISTIN", b"LANG:" + b"K" * (5 * MAX_SEGMENT_BYTES))
    (bad,) = [s for s in only_message(huge).segments if s.problem]
    assert bad.tag == "NAD"
    assert "bytes long (limit 20,000): a missing segment terminator" in str(bad.problem)


# --- generated interchanges --------------------------------------------------------------

SERVICE_CHARS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
TEXT = st.text(
    alphabet=st.sampled_from([*"ABCXYZabcz019 ", *SERVICE_CHARS, "Ö", "ß", "ج", "’"]), max_size=12
)


@st.composite
def separators(draw: st.DrawFn) -> Separators:
    chosen = draw(st.lists(st.sampled_from(SERVICE_CHARS), min_size=4, max_size=4, unique=True))
    return Separators(
        component=chosen[0], element=chosen[1], release=chosen[2], terminator=chosen[3]
    )


@st.composite
def segment_lists(draw: st.DrawFn) -> list[tuple[str, list[list[str]]]]:
    tags = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3).filter(
        lambda tag: tag not in SERVICE_TAGS
    )
    elements = st.lists(st.lists(TEXT, min_size=1, max_size=4), max_size=5)
    return draw(st.lists(st.tuples(tags, elements), min_size=1, max_size=8))


@settings(max_examples=150, deadline=None)
@given(separators(), segment_lists(), st.sampled_from(["", "\n", "\r\n", " \n  "]))
def test_written_segments_read_back(
    seps: Separators, body: list[tuple[str, list[list[str]]]], between: str
) -> None:
    written = [write_segment(tag, elements, seps) + between for tag, elements in body]
    message = only_message(write_interchange("PAXLST", written, seps))
    assert message.problems == []
    read_back = [(s.tag, [list(e) for e in s.elements]) for s in message.segments]
    assert read_back == body


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([b"", b"UNA:+.? '", b"UNA:*.? $UNB*UNOA:4*", b"UNB+UNOY:4+A+B+240101:1200+R'"]),
    st.binary(max_size=400),
)
def test_arbitrary_bytes_give_messages_or_errors(prefix: bytes, data: bytes) -> None:
    for item in read_messages(prefix + data, "fuzz.edi"):
        assert isinstance(item, Message | MessageFormatError)
    assert sniff(prefix + data, {"PAXLST": "paxlst"}) in (None, "paxlst")
