"""Cross-script name tokens: does the score separate true pairs from shuffled non-pairs?

    .venv/bin/python benchmarks/cross_script.py [--dev]

For each set of (Latin, other-script) single-word name pairs, the other-script side is
shuffled with a fixed seed to make as many non-pairs.  Printed: recall of the true pairs at
the cut that lets 1% of the non-pairs through, for watchkeeper's name score and for a plain
baseline (anyascii + Jaro-Winkler), and the median throughput of five runs.  Reported sets:
``wikidata_transliteration/wd_arabic_20`` and ``wd_russian_20`` (test slices, no splits) and
``google_ar2en/ar2en-test.txt``; ``--dev`` runs the ar2en train and eval splits instead,
which are the ones used while developing the Arabic romanisation and keys.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Iterator
from pathlib import Path

from anyascii import anyascii
from corpus import EVAL, median_rate
from rapidfuzz.distance import JaroWinkler

from watchkeeper.match.names import PreparedName, compare_names, prepare_name

Pair = tuple[str, str]
"""(Latin name, the same name in another script)."""

NON_PAIR_SHARE = 0.01


def wikidata_pairs(path: Path) -> Iterator[Pair]:
    """``latin<TAB>s p a c e d  s c r i p t<TAB>count`` lines."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 2 and fields[0] and fields[1]:
                yield fields[0], fields[1].replace(" ", "")


def ar2en_pairs(path: Path) -> Iterator[Pair]:
    """``arabic<TAB>latin`` lines."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) == 2 and fields[0] and fields[1]:
                yield fields[1], fields[0]


def non_pairs(pairs: list[Pair]) -> list[Pair]:
    """Each Latin name with the other-script name of another, shuffled pair."""
    others = [script for _, script in pairs]
    random.Random(0).shuffle(others)
    return [
        (latin, other)
        for (latin, script), other in zip(pairs, others, strict=True)
        if other != script
    ]


def recall_at_cut(true_scores: list[float], false_scores: list[float]) -> tuple[float, float]:
    """(recall, cut): the cut lets at most 1% of the non-pairs score above it."""
    ranked = sorted(false_scores, reverse=True)
    cut = ranked[int(NON_PAIR_SHARE * len(ranked))]
    return sum(score > cut for score in true_scores) / len(true_scores), cut


def watchkeeper_scorer(pairs: list[Pair]) -> tuple[Callable[[], list[float]], int]:
    prepared: list[tuple[PreparedName, PreparedName]] = [
        (prepare_name(latin), prepare_name(script)) for latin, script in pairs
    ]
    return lambda: [compare_names(a, b).score for a, b in prepared], len(prepared)


def baseline_scorer(pairs: list[Pair]) -> tuple[Callable[[], list[float]], int]:
    romanised = [(latin.lower(), anyascii(script).lower()) for latin, script in pairs]
    return lambda: [JaroWinkler.normalized_similarity(a, b) for a, b in romanised], len(romanised)


def evaluate(label: str, pairs: list[Pair], target: float) -> None:
    false_pairs = non_pairs(pairs)
    print(f"{label}: {len(pairs)} pairs, {len(false_pairs)} non-pairs, target {target:.2f}")
    for method, scorer in (("watchkeeper", watchkeeper_scorer), ("baseline", baseline_scorer)):
        score_true, count = scorer(pairs)
        score_false, _ = scorer(false_pairs)
        recall, cut = recall_at_cut(score_true(), score_false())
        rate = median_rate(lambda run=score_true, done=count: len(run()) or done)
        print(f"  {method:12s} recall@1%={recall:.3f}  (cut {cut:.3f})  {rate:,.0f} pairs/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", action="store_true", help="ar2en train/eval splits only")
    args = parser.parse_args()
    wikidata = EVAL / "wikidata_transliteration"
    ar2en = EVAL / "google_ar2en"
    if args.dev:
        evaluate("ar2en-train", list(ar2en_pairs(ar2en / "ar2en-train.txt")), 0.92)
        evaluate("ar2en-eval", list(ar2en_pairs(ar2en / "ar2en-eval.txt")), 0.92)
        return
    evaluate("wd_arabic_20", list(wikidata_pairs(wikidata / "wd_arabic_20")), 0.92)
    evaluate("wd_russian_20", list(wikidata_pairs(wikidata / "wd_russian_20")), 0.97)
    evaluate("ar2en-test", list(ar2en_pairs(ar2en / "ar2en-test.txt")), 0.92)


if __name__ == "__main__":
    main()
