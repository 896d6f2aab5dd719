"""Narrative fields of an MT text block (70, 72, 77B, 23E) as free text.

A field is cut into items: a line starting ``/CODE/`` opens an item, ``//`` lines and
uncoded lines continue the one before; each item (without its code) is a free text at
``<field>/line[n]``, ``n`` the line of the field it starts on.  In 77B, ``/ORDERRES/`` and
``/BENEFRES/`` items give a country of residence; in 72, an ``/INS/`` item holding a BIC is
an instructing institution.  The text after the code of 23E is a free text.  Texts without
a letter (references, amounts) are not kept: they name no one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from watchkeeper.countries import country_code
from watchkeeper.messages.bank_codes import is_bic
from watchkeeper.messages.mt_blocks import Field, FieldLine
from watchkeeper.messages.mt_content import (
    FieldContent,
    Part,
    bic_party,
    check_size,
    join_wrapped,
    part,
)
from watchkeeper.messages.units import CountryRef, CountryRole

_NARRATIVE_LINES = {"70": 4, "72": 6, "77B": 3, "23E": 1}
NARRATIVE_TAGS = frozenset(_NARRATIVE_LINES)

_NARRATIVE_CODE = re.compile(r"/([A-Z0-9]{1,8})/")
_RESIDENCE = re.compile(r"([A-Z]{2})//?(.*)")
_RESIDENCE_CODES = frozenset({"ORDERRES", "BENEFRES"})


def read_narrative(narrative: Field, path: str) -> FieldContent:
    """The free text of 70, 72, 77B or 23E at ``path`` (``msg[1]/B4/72``)."""
    check_size(narrative, _NARRATIVE_LINES[narrative.tag])
    content = FieldContent()
    if narrative.tag == "23E":
        _, _, info = narrative.lines[0].text.partition("/")
        content.add_text(path, info)
        return content
    for start, code, parts in _narrative_items(narrative.lines):
        text = join_wrapped(parts)
        item_path = f"{path}/line[{start}]"
        residence = _RESIDENCE.fullmatch(text) if code in _RESIDENCE_CODES else None
        if residence and country_code(residence[1]):
            content.countries.append(CountryRef(item_path, residence[1], CountryRole.RESIDENCE))
            text = residence[2]
        if narrative.tag == "72" and code == "INS" and is_bic(text):
            bic_party(item_path, "instructing_institution", text, content)
        else:
            content.add_text(item_path, text)
    return content


def _narrative_items(lines: Sequence[FieldLine]) -> list[tuple[int, str, list[Part]]]:
    items: list[tuple[int, str, list[Part]]] = []
    for index, line in enumerate(lines, start=1):
        text = line.text
        code = _NARRATIVE_CODE.match(text)
        if items and text.startswith("//"):
            items[-1][2].append(part(text[2:], text))
        elif code or not items:
            rest = text[code.end() :] if code else text
            items.append((index, code[1] if code else "", [part(rest, text)]))
        else:
            items[-1][2].append(part(text))
    return items
