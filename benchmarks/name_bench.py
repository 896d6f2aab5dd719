"""Name similarity on nomenklatura's labelled name pairs, against its frozen logic-v2 run.

    .venv/bin/python benchmarks/name_bench.py [--threshold T] [--fit] [--errors]

The 826 pairs are split in two fixed halves by the SHA-256 of the listed name (``name2``), so
that all pairs built around one reference name fall in the same half: "fit" (used to choose
the defaults of ``NameParams`` and ``DEFAULT_THRESHOLD``; ``--fit`` reruns that search) and
"held-out" (never used for fitting).  Precision, recall and F1 are printed for both halves
and overall, with a breakdown by category, quality and script, and the same figures for
OpenSanctions' logic-v2 (threshold 0.7) from its frozen run.  Word weights come from the
OFAC SDN names and aliases.  The search keeps the organisation penalty for extra words at
1.5 or more by design (common-word company names must not match longer names); the weight
of generic organisation words and the strength of cross-script readings are set by reasoning,
not searched.  Throughput is the median of five runs over all pairs, names prepared
beforehand.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import hashlib
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from corpus import EVAL, listed_name_weights, median_rate

from watchkeeper.match.names import (
    DEFAULT_PARAMS,
    DEFAULT_THRESHOLD,
    NameParams,
    PreparedName,
    compare_names,
    prepare_name,
)
from watchkeeper.match.weights import TokenWeights
from watchkeeper.text.scripts import Script, dominant_script

BENCH = EVAL / "nomenklatura_name_bench"


@dataclass(frozen=True, slots=True)
class Case:
    schema: str
    name1: str
    name2: str
    is_match: bool
    quality: str
    category: str
    held_out: bool

    @property
    def script(self) -> str:
        scripts = sorted({_script(self.name1), _script(self.name2)})
        return "+".join(scripts)


def _script(text: str) -> str:
    script = dominant_script(text)
    return Script.LATIN.value if script is Script.COMMON else script.value


def _held_out(name2: str) -> bool:
    return hashlib.sha256(name2.encode()).digest()[0] % 2 == 1


def load_cases() -> list[Case]:
    with (BENCH / "name_bench_cases.csv").open(encoding="utf-8", newline="") as handle:
        return [
            Case(
                row["schema"],
                row["name1"],
                row["name2"],
                row["is_match"] == "true",
                row["quality"],
                row["category"] or "(none)",
                _held_out(row["name2"]),
            )
            for row in csv.DictReader(handle)
        ]


def load_logic_v2() -> dict[tuple[str, str, str], bool]:
    """Predictions of the frozen logic-v2 run, by (schema, name1, name2)."""
    with (BENCH / "name_bench_logicv2_frozen_run.csv").open(encoding="utf-8") as handle:
        return {
            (row["schema"], row["name1"], row["name2"]): row["predicted_match"] == "true"
            for row in csv.DictReader(handle)
        }


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, truth: bool, predicted: bool) -> None:
        if truth and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif truth:
            self.fn += 1
        else:
            self.tn += 1

    def f1(self) -> float:
        return 2 * self.tp / max(1, 2 * self.tp + self.fp + self.fn)

    def line(self) -> str:
        precision = self.tp / max(1, self.tp + self.fp)
        recall = self.tp / max(1, self.tp + self.fn)
        total = self.tp + self.fp + self.fn + self.tn
        return f"n={total:4d}  P={precision:.3f}  R={recall:.3f}  F1={self.f1():.3f}"


def prepare_pairs(
    cases: list[Case], weights: TokenWeights, params: NameParams
) -> list[tuple[PreparedName, PreparedName]]:
    return [
        (
            prepare_name(case.name1, case.schema, weights, params),
            prepare_name(case.name2, case.schema, weights, params),
        )
        for case in cases
    ]


def scores_of(pairs: list[tuple[PreparedName, PreparedName]], params: NameParams) -> list[float]:
    return [compare_names(query, candidate, params).score for query, candidate in pairs]


def counts(cases: Iterable[Case], predictions: Iterable[bool]) -> Counts:
    result = Counts()
    for case, predicted in zip(cases, predictions, strict=True):
        result.add(case.is_match, predicted)
    return result


def best_threshold(scores: list[float], cases: list[Case]) -> tuple[float, float]:
    best = (0.0, 0.0)
    for step in range(40, 91):
        threshold = step / 100
        f1 = counts(cases, (score >= threshold for score in scores)).f1()
        best = max(best, (f1, threshold))
    return best


Setting = tuple[NameParams, TokenWeights]


def _with(setting: Setting, name: str, value: float) -> Setting:
    """``setting`` with one constant changed: a ``NameParams`` field, ``similarity.x`` for the
    word-similarity ones, ``weights.x`` for the word-weight curve."""
    params, weights = setting
    group, _, field_name = name.rpartition(".")
    if group == "weights":
        curve = {
            "full_weight_share": weights.full_weight_share,
            "floor": weights.floor,
            "steepness": weights.steepness,
        }
        return params, weights.with_curve(**(curve | {field_name: value}))
    if group == "similarity":
        similarity = dataclasses.replace(params.similarity, **{field_name: value})
        return dataclasses.replace(params, similarity=similarity), weights
    return dataclasses.replace(params, **{field_name: value}), weights


def fit(cases: list[Case], weights: TokenWeights) -> tuple[Setting, float]:
    """Coordinate search over the main constants on the fit half."""
    fit_cases = [case for case in cases if not case.held_out]
    grid: dict[str, list[float]] = {
        "floor": [0.55, 0.6, 0.65, 0.7, 0.75, 0.8],
        "extra_penalty": [0.5, 0.75, 1.0, 1.25, 1.5],
        "organization_extra_penalty": [1.5, 2.0, 3.0],
        "conflict_penalty": [0.5, 1.0, 1.5, 2.0, 3.0, 4.0],
        "leniency": [0.15, 0.2, 0.3, 0.5, 0.7, 1.0],
        "duplicate_factor": [0.0, 0.2, 0.5],
        "similarity.edit_power": [1.0, 1.25, 1.5, 1.75, 2.0],
        "similarity.key_edit_cost": [0.5, 1.0, 1.5, 2.0, 3.0],
        "weights.full_weight_share": [0.001, 0.003],
        "weights.floor": [0.05, 0.1, 0.15, 0.25],
        "weights.steepness": [1.0, 1.5, 2.0],
    }
    setting: Setting = (DEFAULT_PARAMS, weights)
    best = (0.0, 0.0)
    for _round in range(2):
        for name, values in grid.items():
            for value in values:
                trial = _with(setting, name, value)
                pairs = prepare_pairs(fit_cases, trial[1], trial[0])
                found = best_threshold(scores_of(pairs, trial[0]), fit_cases)
                if found > best:
                    best, setting = found, trial
        curve = (setting[1].full_weight_share, setting[1].floor, setting[1].steepness)
        print(f"round: F1={best[0]:.3f} threshold={best[1]:.2f} {setting[0]} weights {curve}")
    return setting, best[1]


def report(
    cases: list[Case],
    scores: list[float],
    threshold: float,
    logic_v2: dict[tuple[str, str, str], bool],
) -> None:
    print(f"threshold {threshold:.2f}")
    halves = {
        "fit half": [not case.held_out for case in cases],
        "held-out half": [case.held_out for case in cases],
        "overall": [True] * len(cases),
    }
    for label, selected in halves.items():
        chosen = [(c, s) for c, s, keep in zip(cases, scores, selected, strict=True) if keep]
        ours = counts((c for c, _ in chosen), (s >= threshold for _, s in chosen))
        known = [c for c, _ in chosen if (c.schema, c.name1, c.name2) in logic_v2]
        theirs = counts(known, (logic_v2[(c.schema, c.name1, c.name2)] for c in known))
        print(f"  {label:14s} watchkeeper {ours.line()}   logic-v2 {theirs.line()}")
    for field_name in ("category", "quality", "script"):
        groups: dict[str, Counts] = defaultdict(Counts)
        for case, score in zip(cases, scores, strict=True):
            groups[getattr(case, field_name)].add(case.is_match, score >= threshold)
        print(f"by {field_name}:")
        for group, found in sorted(groups.items(), key=lambda item: -sum(vars_(item[1]))):
            print(f"  {group[:32]:32s} {found.line()}")


def vars_(found: Counts) -> tuple[int, int, int, int]:
    return found.tp, found.fp, found.fn, found.tn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--fit", action="store_true", help="rerun the parameter search")
    parser.add_argument("--errors", action="store_true", help="list the misjudged pairs")
    args = parser.parse_args()
    cases = load_cases()
    weights = listed_name_weights()
    (params, weights), threshold = (
        fit(cases, weights) if args.fit else ((DEFAULT_PARAMS, weights), args.threshold)
    )
    pairs = prepare_pairs(cases, weights, params)
    scores = scores_of(pairs, params)
    report(cases, scores, threshold, load_logic_v2())
    if args.errors:
        for case, score in sorted(zip(cases, scores, strict=True), key=lambda item: item[1]):
            if case.is_match != (score >= threshold):
                half = "H" if case.held_out else "F"
                print(f"{half} {score:.3f} {case.is_match!s:5s} {case.name1} | {case.name2}")
    rate = median_rate(lambda: len(scores_of(pairs, params)))
    prepare_rate = median_rate(lambda: 2 * len(prepare_pairs(cases, weights, params)), runs=3)
    print(f"throughput: {rate:,.0f} name pairs/s (compare), {prepare_rate:,.0f} names/s (prepare)")
    print(f"{len(list(itertools.chain(pairs)))} pairs")


if __name__ == "__main__":
    main()
