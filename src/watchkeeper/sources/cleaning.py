"""Small text clean-ups shared by the list parsers."""

from __future__ import annotations

import re

_NESTED_ONCE = r"(?:[^()]|\([^();]*\))"
"""A character outside parentheses, or one parenthesis without ``;`` (``Name (script)``)."""
_PACKED = re.compile(
    rf"^(?P<head>{_NESTED_ONCE}*?)\s*\((?P<inner>{_NESTED_ONCE}*;{_NESTED_ONCE}*)\)\s*$"
)


def clean(text: str | None) -> str | None:
    """Collapse whitespace; None for empty or missing text."""
    if text is None:
        return None
    value = " ".join(text.split())
    return value or None


def split_packed_names(text: str) -> list[str]:
    """Split a string that packs several names into one.

    ``جبهة النصرة (the Victory Front; Jabhat al-Nusrah)`` -> the Arabic name, ``the Victory
    Front``, ``Jabhat al-Nusrah``; ``A; B; C`` -> ``A``, ``B``, ``C``.  A name with a
    parenthesis that holds no ``;`` (``Al-Qaida (AQ)``) stays whole.
    """
    value = clean(text)
    if not value:
        return []
    match = _PACKED.match(value)
    parts = [match["head"], *match["inner"].split(";")] if match else value.split(";")
    names: list[str] = []
    for part in parts:
        name = clean(part)
        if name and name not in names:
            names.append(name)
    return names
