"""``watchkeeper screen-message``: payment and passenger messages in, a decision per unit out."""

from __future__ import annotations

import itertools
import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, NamedTuple

import typer

from watchkeeper.cli.common import (
    DbOption,
    err_console,
    open_current_index,
    open_output,
    open_store,
)
from watchkeeper.countries import country_code
from watchkeeper.match.score import DEFAULT_THRESHOLD
from watchkeeper.message_screening import (
    DEFAULT_BLOCK_AT,
    DEFAULT_EMBARGOED,
    Decision,
    DecisionPolicy,
    MessageScreener,
    error_line,
)
from watchkeeper.messages.reader import AUTO, DEFAULT_MAX_BYTES, FORMAT_NAMES, read_message_file
from watchkeeper.messages.units import MessageFormatError, MessageWarning, ScreeningUnit
from watchkeeper.parallel import forked_map

EXIT_REVIEW = 3
"""Some unit was held for review; none was blocked and every message was read."""
EXIT_UNREADABLE = 4
"""Some message could not be read (so was not screened); none was blocked."""
EXIT_BLOCK = 5
"""Some unit was blocked."""
UNITS_PER_TASK = 32
"""Units a worker process screens at a time."""
UNREADABLE = "unreadable"
WARNING = "warning"


def screen_message_command(
    files: Annotated[
        list[Path], typer.Argument(help="Message files.", exists=True, dir_okay=False)
    ],
    format_name: Annotated[
        str,
        typer.Option(
            "--format", help=f"{AUTO} (from the content) or one of: {', '.join(FORMAT_NAMES)}."
        ),
    ] = AUTO,
    review_at: Annotated[
        float,
        typer.Option("--review-at", min=0.01, max=1.0, help="Score that holds a unit for review."),
    ] = DEFAULT_THRESHOLD,
    block_at: Annotated[
        float, typer.Option("--block-at", min=0.01, max=1.0, help="Score that blocks a unit.")
    ] = DEFAULT_BLOCK_AT,
    embargo: Annotated[
        str,
        typer.Option(
            "--embargo",
            help="Embargoed countries, comma-separated codes or names ('' for none).",
        ),
    ] = ",".join(sorted(DEFAULT_EMBARGOED)),
    block_embargo: Annotated[
        bool,
        typer.Option(
            "--block-embargo", help="Block, not review, units tied to an embargoed country."
        ),
    ] = False,
    max_mb: Annotated[
        float, typer.Option("--max-mb", min=0.001, help="Refuse files larger than this (MiB).")
    ] = DEFAULT_MAX_BYTES / 2**20,
    output_file: Annotated[
        Path | None, typer.Option("--output", help="Result lines (default: standard output).")
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Processes screening units.")
    ] = os.cpu_count() or 1,
    db: DbOption = None,
) -> None:
    """Screen every party, free text and country of payment and passenger messages.

    One JSON line per transaction / passenger (and per message that could not be read); a
    summary on standard error, with warnings about messages read whole whose envelope
    disagrees with their content (a wrong segment count).  Exit status:
    0 all passed, 3 something held for review, 4 a message could not be read, 5 something
    blocked (the most severe applies).
    """
    if format_name != AUTO and format_name not in FORMAT_NAMES:
        raise typer.BadParameter(f"unknown format {format_name!r}", param_hint="--format")
    if review_at > block_at:
        raise typer.BadParameter("--review-at is above --block-at", param_hint="--review-at")
    policy = DecisionPolicy(
        review_at=review_at,
        block_at=block_at,
        embargoed=_embargoed(embargo),
        embargo_decision=Decision.BLOCK if block_embargo else Decision.REVIEW,
    )
    with open_store(db) as store:
        screener = MessageScreener(open_current_index(store), policy)
    items = _read_items(files, format_name, int(max_mb * 2**20))
    counts: Counter[str] = Counter()
    problems: dict[str, list[str]] = {UNREADABLE: [], WARNING: []}
    with open_output(output_file) as output:
        for outcomes in forked_map(_screen_chunk, screener, _chunks(items), workers):
            for outcome in outcomes:
                if outcome.line is not None:
                    output.write(outcome.line + "\n")
                if outcome.problem is None:
                    counts[outcome.kind] += 1
                else:
                    problems[outcome.kind].append(outcome.problem)
    _summarise(len(files), counts, problems)
    if counts[Decision.BLOCK]:
        raise typer.Exit(EXIT_BLOCK)
    if problems[UNREADABLE]:
        raise typer.Exit(EXIT_UNREADABLE)
    if counts[Decision.REVIEW]:
        raise typer.Exit(EXIT_REVIEW)


class _Outcome(NamedTuple):
    """What became of one unit or unreadable message, or a warning about a message."""

    kind: str
    """The unit's decision, :data:`UNREADABLE` or :data:`WARNING`."""
    line: str | None
    """The JSON line to write (none for a warning)."""
    problem: str | None = None
    """What was wrong, for the summary (none for a screened unit)."""


def _read_items(
    files: list[Path], format_name: str, max_bytes: int
) -> Iterator[ScreeningUnit | _Outcome]:
    """The units of every file, in order; unreadable messages and warnings as outcomes."""
    for path in files:
        for item in read_message_file(path, format_name, max_bytes):
            if isinstance(item, MessageWarning):
                yield _Outcome(WARNING, None, str(item))
            elif isinstance(item, MessageFormatError):
                fixed_format = None if format_name == AUTO else format_name
                yield _Outcome(UNREADABLE, _json(error_line(item, fixed_format)), str(item))
            else:
                yield item


def _chunks(
    items: Iterator[ScreeningUnit | _Outcome],
) -> Iterator[list[ScreeningUnit | _Outcome]]:
    while chunk := list(itertools.islice(items, UNITS_PER_TASK)):
        yield chunk


def _screen_chunk(
    screener: MessageScreener, chunk: list[ScreeningUnit | _Outcome]
) -> list[_Outcome]:
    units = [item for item in chunk if not isinstance(item, _Outcome)]
    results = iter(screener.screen_units(units))
    outcomes = []
    for item in chunk:
        if isinstance(item, _Outcome):
            outcomes.append(item)
        else:
            result = next(results)
            outcomes.append(_Outcome(result.decision, _json(result.to_dict())))
    return outcomes


def _embargoed(text: str) -> frozenset[str]:
    codes = set()
    for part in (part.strip() for part in text.split(",")):
        if not part:
            continue
        code = country_code(part)
        if code is None:
            raise typer.BadParameter(f"{part!r} is not a country", param_hint="--embargo")
        codes.add(code.upper())
    return frozenset(codes)


def _json(line: dict[str, object]) -> str:
    return json.dumps(line, ensure_ascii=False)


def _summarise(files: int, counts: Counter[str], problems: dict[str, list[str]]) -> None:
    units = sum(counts.values())
    err_console.print(
        f"{files:,} files, {units:,} units: {counts[Decision.PASS]:,} pass, "
        f"{counts[Decision.REVIEW]:,} review, {counts[Decision.BLOCK]:,} block; "
        f"{len(problems[UNREADABLE]):,} unreadable, {len(problems[WARNING]):,} warnings"
    )
    for label, texts in problems.items():
        for text in texts[:20]:
            err_console.print(f"  {label}: {text}", markup=False, highlight=False)
