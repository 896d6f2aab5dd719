"""Reading untrusted XML: no entity expansion, no DTD loading, no network access."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

from lxml import etree

from watchkeeper.sources.base import ListFormatError, Location


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def local_name(element: etree._Element) -> str:
    """The tag without its namespace: ``{urn:x}ENTITY`` -> ``ENTITY``; a prefix no namespace
    was declared for, as damaged files have, goes too (``x:ENTITY`` -> ``ENTITY``); a comment
    or processing instruction has none ("")."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2].rpartition(":")[2]


def iter_records(
    source: Path | IO[bytes], tags: set[str], file_label: str
) -> Iterator[etree._Element]:
    """Stream the elements whose local name is in ``tags``, safely parsed.

    Each yielded element is cleared after the caller is done with it, so whole lists are
    read in bounded memory.  A syntax error (a truncated file, say) becomes a
    :class:`ListFormatError` naming the file and line.
    """
    context = etree.iterparse(
        source,
        events=("end",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    try:
        for _event, element in context:
            if not isinstance(element.tag, str):
                continue
            if local_name(element) in tags:
                yield element
                element.clear(keep_tail=True)
                while element.getprevious() is not None:
                    parent = element.getparent()
                    if parent is None:
                        break
                    del parent[0]
    except etree.XMLSyntaxError as error:
        raise _syntax_error(error, file_label) from error


def parse_document(source: Path | IO[bytes], file_label: str) -> etree._ElementTree:
    """Parse a whole (small) XML document safely; syntax errors name file and line."""
    try:
        return etree.parse(source, _safe_parser())
    except etree.XMLSyntaxError as error:
        raise _syntax_error(error, file_label) from error


def _syntax_error(error: etree.XMLSyntaxError, file_label: str) -> ListFormatError:
    """The error naming the file and (where libxml2 knows it) the line."""
    line = error.position[0] if error.position and error.position[0] > 0 else None
    return ListFormatError(Location(file_label, line=line), f"not well-formed XML: {error.msg}")


def child_text(element: etree._Element, name: str) -> str | None:
    """Whitespace-collapsed text of the first child with local name ``name``, or None."""
    for child in element:
        if isinstance(child.tag, str) and local_name(child) == name:
            return element_text(child)
    return None


def element_text(element: etree._Element) -> str | None:
    """Whitespace-collapsed text of ``element`` and its descendants, or None if empty."""
    text = " ".join("".join(t for t in element.itertext() if isinstance(t, str)).split())
    return text or None


def source_line(element: etree._Element) -> int | None:
    """The line ``element`` starts on (lxml-stubs type ``sourceline`` loosely)."""
    line = element.sourceline
    return line if isinstance(line, int) else None


def children(element: etree._Element, name: str) -> list[etree._Element]:
    """The children of ``element`` with local name ``name``."""
    return [c for c in element if isinstance(c.tag, str) and local_name(c) == name]
