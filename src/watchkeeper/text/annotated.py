"""Persons' names that carry a note of the list after the name itself.

The UN list writes some aliases with what it knows of them: "Safia Farkash Mohammed
Al-Hadad, born 1 Jan. 1953 (Oman passport no. ...)", "Abdel Ilah Sabri (false identity
related to fraudulent South African identification number ...)", and some names with the
father's: "Akhter Mohmad son of Noor Mohmad".  Other lists, and payments, write the name
alone; so the index files such a name also without its note (:func:`without_note`).
"""

from __future__ import annotations

import re

_NOTE = re.compile(
    r"(?:,\s*(?:born|b\.|date of birth|dob)\b"
    r"|\s+(?:son|daughter|wife|widow) of\s"
    r"|\s+[sdw]/o\s"
    r"|\s*\((?=[^()]*\d|(?:[^()\s]+\s+){3}[^()\s]))",
    re.IGNORECASE,
)
"""Where a note starts: a comma before a birth, a parent or spouse, or a parenthesis that
holds a number or more than three words."""


def without_note(text: str) -> str | None:
    """A person's name without the note that follows it, or None if it has none (or
    nothing is written before it)."""
    found = _NOTE.search(text)
    if found is None:
        return None
    name = " ".join(text[: found.start()].split())
    return name or None
