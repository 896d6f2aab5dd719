"""``watchkeeper match``: score two given records against each other, with the reasons."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from watchkeeper.cli.common import (
    DbOption,
    JsonOption,
    NamesCutOption,
    console,
    err_console,
    open_output,
    open_store,
    schema_option,
)
from watchkeeper.match.index import CandidateIndex
from watchkeeper.match.score import MatchScore, score_entity
from watchkeeper.match.weights import TokenWeights
from watchkeeper.model import Query
from watchkeeper.queries import QueryFieldError, entity_from_query, query_from_json
from watchkeeper.screening import index_path


def match_command(
    names: Annotated[
        list[str] | None, typer.Argument(help="Two names: the query, then the listed name.")
    ] = None,
    schema: Annotated[str | None, typer.Option("--schema", help="Schema of both names.")] = None,
    pairs: Annotated[
        Path | None,
        typer.Option("--pairs", help='JSON lines {"id", "query": {...}, "candidate": {...}}.'),
    ] = None,
    output_file: Annotated[
        Path | None, typer.Option("--output", help="Result lines (default: standard output).")
    ] = None,
    names_cut: NamesCutOption = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Score a query name against a listed name (or each pair of a file) and explain why."""
    weights = _listed_weights(db)
    if pairs is not None:
        _match_pairs(pairs, output_file, weights)
        return
    if not names or len(names) != 2:
        raise typer.BadParameter("give exactly two names, or --pairs FILE")
    query_schema = schema_option(schema)
    query = Query(id="query", names=[names[0]], schema=query_schema, names_cut=names_cut)
    candidate = entity_from_query(Query(id="candidate", names=[names[1]], schema=query_schema))
    result = score_entity(query, candidate, weights)
    if result is None:
        raise typer.BadParameter("both names must hold at least one word")
    if as_json:
        sys.stdout.write(json.dumps(_pair_line("pair", result), ensure_ascii=False) + "\n")
        return
    _print_result(result)


def _listed_weights(db: Path | None) -> TokenWeights | None:
    """Word weights of the lists in the store, so that scores agree with ``screen``."""
    with open_store(db) as store:
        path = index_path(store)
    return CandidateIndex.load(path).weights if path.exists() else None


def _match_pairs(path: Path, output_file: Path | None, weights: TokenWeights | None) -> None:
    failures = 0
    with open_output(output_file) as output:
        for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = _pair_record(line)
                query = query_from_json(record["query"], f"line-{line_number}-query")
                candidate = query_from_json(record["candidate"], f"line-{line_number}-candidate")
                result = score_entity(query, entity_from_query(candidate), weights)
                if result is None:
                    raise QueryFieldError("a name holds no word")
                data = _pair_line(record.get("id", f"line-{line_number}"), result)
            except (json.JSONDecodeError, QueryFieldError) as error:
                failures += 1
                message = f"{path}, line {line_number}: {error}"
                data = {"id": None, "line": line_number, "error": message}
            output.write(json.dumps(data, ensure_ascii=False) + "\n")
    if failures:
        err_console.print(f"{failures} pair(s) could not be read")
        raise typer.Exit(1)


def _pair_record(line: str) -> dict[str, Any]:
    record = json.loads(line)
    if not isinstance(record, dict) or "query" not in record or "candidate" not in record:
        raise QueryFieldError("a pair needs 'query' and 'candidate' objects")
    return record


def _pair_line(pair_id: object, result: MatchScore) -> dict[str, Any]:
    return {
        "id": pair_id,
        "score": round(result.score, 4),
        "match": result.match,
        "explanation": result.explanation(),
    }


def _print_result(result: MatchScore) -> None:
    verdict = "[red]match[/]" if result.match else "[green]no match[/]"
    console.print(f"score {result.score:.3f}: {verdict}")
    for pair in result.name.pairs:
        console.print(
            f"  {' '.join(pair.query)} ~ {' '.join(pair.candidate)}: "
            f"{pair.similarity:.2f} ({pair.how})"
        )
    for label, tokens in (
        ("query only", result.name.unmatched_query),
        ("listed only", result.name.unmatched_candidate),
    ):
        if tokens:
            console.print(f"  {label}: {' '.join(tokens)}")
    for item in result.explanation()[1:]:
        if item["effect"]:
            console.print(f"  {item['feature']} {item['effect']:+.2f}: {item.get('detail', '')}")
