"""``watchkeeper screen-message``: payment and passenger messages in, a decision per unit out."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated, TextIO

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
from watchkeeper.messages.units import MessageFormatError, MessageWarning

EXIT_REVIEW = 3
"""Some unit was held for review; none was blocked and every message was read."""
EXIT_UNREADABLE = 4
"""Some message could not be read (so was not screened); none was blocked."""
EXIT_BLOCK = 5
"""Some unit was blocked."""


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
    counts: Counter[str] = Counter()
    errors: list[MessageFormatError] = []
    warnings: list[MessageWarning] = []
    with open_output(output_file) as output:
        for path in files:
            for item in read_message_file(path, format_name, int(max_mb * 2**20)):
                if isinstance(item, MessageWarning):
                    warnings.append(item)
                    continue
                if isinstance(item, MessageFormatError):
                    errors.append(item)
                    _write(output, error_line(item, None if format_name == AUTO else format_name))
                    continue
                result = screener.screen_unit(item)
                counts[result.decision] += 1
                _write(output, result.to_dict())
    _summarise(len(files), counts, errors, warnings)
    if counts[Decision.BLOCK]:
        raise typer.Exit(EXIT_BLOCK)
    if errors:
        raise typer.Exit(EXIT_UNREADABLE)
    if counts[Decision.REVIEW]:
        raise typer.Exit(EXIT_REVIEW)


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


def _write(output: TextIO, line: dict[str, object]) -> None:
    output.write(json.dumps(line, ensure_ascii=False) + "\n")


def _summarise(
    files: int,
    counts: Counter[str],
    errors: list[MessageFormatError],
    warnings: list[MessageWarning],
) -> None:
    units = sum(counts.values())
    err_console.print(
        f"{files:,} files, {units:,} units: {counts[Decision.PASS]:,} pass, "
        f"{counts[Decision.REVIEW]:,} review, {counts[Decision.BLOCK]:,} block; "
        f"{len(errors):,} unreadable, {len(warnings):,} warnings"
    )
    for label, problems in (("unreadable", errors), ("warning", warnings)):
        for problem in problems[:20]:
            err_console.print(f"  {label}: {problem}", markup=False, highlight=False)
