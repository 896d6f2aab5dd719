"""Similarity of a query name and a listed name, in 0..1, with its explanation.

Both names are cut into tokens (:mod:`watchkeeper.text.tokens`) once, by
:func:`prepare_name`.  :func:`compare_names` then aligns them one-to-one, order-free:
candidate pairs are single words, runs of two or three adjacent words against one word
(split / merge: "Abdul Rahman" / "Abdulrahman") and acronyms ("PLA", "JC Juncker"; never
of a person's whole name), taken greedily from the most similar.  Each token
carries a weight: rare words near 1, frequent ones lower
(:class:`~watchkeeper.match.weights.TokenWeights`), particles, legal forms, titles and
initials a fixed low weight.

The score is  M / (M + λ·(R_q + R_c)/2 + μ·min(R_q, R_c)),  where M is the weight of what
matched (times how well), R_q and R_c the weight each side has left over (unmatched words
and the unmatched share of imperfect pairs).  Words only one name has cost λ; words that
both names have but that disagree ("Sergey Viktorovich" / "Sergey Ivanovich") also cost μ:
a different word is stronger evidence of a different person than a missing one.

The parts of a compound given name other than its head ("abdul" of "Abdul Rahman", "ud"
and "din" of "Tamizuddin") weigh together little when they meet (:func:`met_weights`), and
one that meets a whole name of the other name otherwise than as the same word (written so
or mistyped) counts no more of it (the rest is left over): "din" is not the given name
"Don".

A query name that its field may have cut short (:mod:`watchkeeper.match.truncation`) also
pairs its last word with the listed words it starts, and counts what the cut may have lost
for little.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz.distance import OSA

from watchkeeper.match.tokensim import How, SimilarityParams, token_similarity
from watchkeeper.match.truncation import (
    SHORTEST_PREFIX,
    cut_position,
    cut_similarity,
    may_be_cut,
    may_start,
)
from watchkeeper.match.weights import TokenWeights
from watchkeeper.text.compounds import ARTICLE, compound_spans
from watchkeeper.text.tokens import NameStyle, Token, TokenKind, merge_tokens, tokenize_name
from watchkeeper.text.vocabulary import GENERIC_WORDS

DEFAULT_THRESHOLD = 0.58
"""Name score at and above which two names are taken to match (fitted on name_bench)."""


@dataclass(frozen=True, slots=True)
class NameParams:
    """Tunable constants of name scoring (defaults fitted, see ``benchmarks/name_bench.py``)."""

    floor: float = 0.65
    """Word similarity at or below which two words count as different."""
    extra_penalty: float = 1.25
    """λ: cost of a word only one name has, per unit of weight."""
    organization_extra_penalty: float = 2.0
    """λ for organisation names, where an extra distinctive word tends to mean another
    organisation ("Bowne Global Solutions" / "Bowne Global Solutions II") rather than an
    omitted middle name.  Searched from 1.5 up only, by design, so that a name of common
    words ("General Trading Corp") does not match every longer name containing them."""
    conflict_penalty: float = 4.0
    """μ: additional cost of words the two names disagree on."""
    leniency: float = 0.15
    """Exponent on the share of a near-equal pair that counts as matched (< 1 forgives more)."""
    sound_alike_factor: float = 0.6
    """Share of its score a name keeps when its words met the listed name's only by sounding
    alike (:attr:`How.SOUND_ALIKE`: "Hiki Risi" / "Reza Khaki"), or by joining words to
    meet a word written without short vowels, or by initials: at most just under the
    threshold, so such a resemblance never alerts on its own."""
    cut_weight: float = 0.2
    """Share of its weight left to a word a name cut short by its field may have lost: the
    listed words after the last one it met, and its own last word when that meets nothing
    and there are such listed words (:mod:`~watchkeeper.match.truncation`).  Set by
    reasoning, as low as a legal form."""
    duplicate_factor: float = 0.5
    """Weight left to an unmatched repetition of a matched word ("Sergey Sergey Shoigu")."""
    compound_weight: float = 0.3
    """Most the tokens of a compound given name but its head weigh together when they meet
    ("abdul" of "Abdul Rauf", "al" and "din" of "Sadr al-Din"): as much as a particle.  A
    compound is one given name, however many tokens spell it; met as two or three names,
    "Abdurrauf Sora" met the listed "RAUF, Abdul" by two of its three names, and alerted; and
    "abdul" met alone tells as little as "al" ("Abdul Hasib" / "Abdul Ahmad").  Left over,
    whole or the share of an imperfect pair, they keep their weight: "Abdul Jan" / "Mohammad
    Jan" disagree on a name.  Set by reasoning, not searched."""
    generic_weight: float = 0.3
    """Most a generic word of organisation names weighs ("Trading", "International",
    :data:`~watchkeeper.text.vocabulary.GENERIC_WORDS`): as little as a particle, however
    rare the lists make it.  Set by reasoning, not searched."""
    kind_weights: dict[TokenKind, float] = field(
        default_factory=lambda: {
            TokenKind.PARTICLE: 0.3,
            TokenKind.LEGAL_FORM: 0.2,
            TokenKind.TITLE: 0.1,
            TokenKind.FILLER: 0.1,
            TokenKind.INITIAL: 0.35,
            TokenKind.NUMBER: 0.5,
        }
    )
    merge_spelling: float = 0.75
    """Spelling similarity (edit-based, on the romanised letters) a run of joined words needs
    with the single word it is compared with.  Joining words ("Abdul Rahman" / "Abdulrahman")
    is a spacing convention, not another romanisation, so the letters must nearly agree;
    sound-alike runs ("Miu Hagee" / "Mukake") are chance.  Words written without short
    vowels are exempt: their skeletons compare."""
    similarity: SimilarityParams = field(default_factory=SimilarityParams)


DEFAULT_PARAMS = NameParams()
_MAX_RUN = 3
_MAX_ACRONYM = 4


@dataclass(frozen=True, slots=True)
class _Run:
    """Adjacent tokens of one name, joined."""

    mask: int
    """Bit ``i`` set for each position ``i`` of the run."""
    token: Token
    weight: float
    length: int
    """Letters of the joined text."""


@dataclass(frozen=True, slots=True)
class PreparedName:
    """A name cut into weighted tokens, ready to be compared many times."""

    text: str
    tokens: tuple[Token, ...]
    weights: tuple[float, ...]
    runs: dict[str, tuple[_Run, ...]]
    """Runs of two or three adjacent words, by each of the first two letters of their
    skeleton (:func:`_leads`)."""
    acronyms: dict[str, tuple[_Run, ...]]
    """Runs of two to four words, by their initials."""
    words: tuple[tuple[int, Token, float], ...]
    """(position, token, weight) of the ordinary words."""
    style: NameStyle
    compounds: tuple[tuple[int, int], ...] = ()
    """The positions of each compound given name and of its head (:func:`name_compounds`)."""
    met_weights: tuple[float, ...] = ()
    """What each token weighs when it meets (:func:`met_weights`)."""
    cut: int | None = None
    """Position of the last written word of a query name that a field may have cut short
    (:mod:`~watchkeeper.match.truncation`); None for other names."""


def token_weight(token: Token, weights: TokenWeights | None, params: NameParams) -> float:
    """The weight of a token in a name: by frequency for words (no more than
    ``generic_weight`` for generic words of organisation names), by kind for the others."""
    if token.kind is TokenKind.WORD:
        weight = weights.weight(token) if weights is not None else 1.0
        return min(weight, params.generic_weight) if token.text in GENERIC_WORDS else weight
    return params.kind_weights[token.kind]


def name_compounds(tokens: Sequence[Token]) -> tuple[tuple[int, int], ...]:
    """The positions (bit masks) of each compound given name of a name, all its tokens and
    its head: "Abdul Rahman", "Abdurrauf", "Sadr al-Din"
    (:func:`~watchkeeper.text.compounds.compound_spans`)."""
    return tuple(
        ((1 << span.end) - (1 << span.start), 1 << span.head)
        for span in compound_spans([token.canon for token in tokens])
        if all(
            token.kind is TokenKind.WORD or token.canon == ARTICLE
            for token in tokens[span.start : span.end]
        )
    )


def met_weights(
    weights: Sequence[float], compounds: Sequence[tuple[int, int]], params: NameParams
) -> tuple[float, ...]:
    """What each token of a name weighs when it meets a token of another name: its weight,
    but that the tokens of a compound given name (``compounds``, from
    :func:`name_compounds`) other than its head weigh together no more than
    :attr:`~NameParams.compound_weight`, shared in proportion to their weights."""
    weighed = list(weights)
    for mask, head in compounds:
        rest = _positions(mask & ~head)
        total = sum(weighed[i] for i in rest)
        if total > params.compound_weight:
            for i in rest:
                weighed[i] *= params.compound_weight / total
    return tuple(weighed)


def _group(runs: list[tuple[str, _Run]]) -> dict[str, tuple[_Run, ...]]:
    grouped: dict[str, list[_Run]] = {}
    for label, run in runs:
        grouped.setdefault(label, []).append(run)
    return {label: tuple(found) for label, found in grouped.items()}


def _all_words(tokens: Sequence[Token]) -> bool:
    return all(token.kind is TokenKind.WORD for token in tokens)


def joined_spans(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(start, end) of the runs of adjacent tokens a name is also compared by, joined into one
    word: two or three tokens of any kind (split / merge) and two to four words (acronyms)."""
    return [
        (start, end)
        for start in range(len(tokens) - 1)
        for end in range(start + 2, min(start + _MAX_ACRONYM, len(tokens)) + 1)
        if end - start <= _MAX_RUN or _all_words(tokens[start:end])
    ]


def prepare_name(
    text: str,
    schema: str | None = None,
    weights: TokenWeights | None = None,
    params: NameParams = DEFAULT_PARAMS,
) -> PreparedName:
    """Tokenise and weigh a name once (``schema`` is the FollowTheMoney schema name)."""
    style = NameStyle.for_schema(schema)
    return prepare_tokens(text, style, tuple(tokenize_name(text, style)), weights, params)


def prepare_query_name(
    text: str,
    schema: str | None = None,
    weights: TokenWeights | None = None,
    params: NameParams = DEFAULT_PARAMS,
    cut: bool | None = None,
) -> PreparedName:
    """:func:`prepare_name` of a query name that knows where it may have been cut short by
    its field (:mod:`~watchkeeper.match.truncation`): if ``cut``, or if it is None (not
    known) and the name is as long as a field that cuts names."""
    name = prepare_name(text, schema, weights, params)
    if cut or (cut is None and may_be_cut(text)):
        return replace(name, cut=cut_position(name.tokens, text))
    return name


def prepare_tokens(
    text: str,
    style: NameStyle,
    tokens: tuple[Token, ...],
    weights: TokenWeights | None = None,
    params: NameParams = DEFAULT_PARAMS,
    joined: Sequence[Token] | None = None,
) -> PreparedName:
    """Weigh the tokens of a name already cut into tokens (``tokenize_name(text, style)``).

    ``joined`` are the tokens of :func:`joined_spans` merged (``merge_tokens``), in that
    order, when they are known already; they are computed otherwise.
    """
    token_weights = tuple(token_weight(token, weights, params) for token in tokens)
    compounds = name_compounds(tokens)
    spans = joined_spans(tokens)
    if joined is None:
        joined = [merge_tokens(tokens[start:end]) for start, end in spans]
    merged: list[tuple[str, _Run]] = []
    acronyms: list[tuple[str, _Run]] = []
    for (start, end), token in zip(spans, joined, strict=True):
        part = tokens[start:end]
        mask = (1 << end) - (1 << start)
        run = _Run(mask, token, sum(token_weights[start:end]), len(token.text))
        if end - start <= _MAX_RUN:
            merged.extend((lead, run) for lead in _leads(token))
        if _all_words(part):
            acronyms.append(("".join(word.text[0] for word in part), run))
    words = tuple(
        (index, token, weight)
        for index, (token, weight) in enumerate(zip(tokens, token_weights, strict=True))
        if token.kind is TokenKind.WORD
    )
    return PreparedName(
        text,
        tokens,
        token_weights,
        _group(merged),
        _group(acronyms),
        words,
        style,
        compounds,
        met_weights(token_weights, compounds, params) if compounds else token_weights,
    )


def _leads(token: Token) -> set[str]:
    """The first two letters of a word's skeleton (its first alone if it has one, "" if
    none): a word and a run of words that are one word spelled alike share one of them, even
    when a typo took or changed the first consonant of one ("Adulqader" / "Abdul Qader")."""
    return {token.skeleton[:1], *token.skeleton[1:2]}


def _positions(mask: int) -> tuple[int, ...]:
    return tuple(index for index in range(mask.bit_length()) if mask >> index & 1)


@dataclass(frozen=True, slots=True)
class AlignedTokens:
    """Tokens of the query name that met tokens of the candidate name."""

    query: tuple[str, ...]
    candidate: tuple[str, ...]
    similarity: float
    how: How


_Pair = tuple[int, int, float, How]
"""(query positions mask, candidate positions mask, similarity, how)."""


@dataclass(frozen=True, slots=True)
class NameComparison:
    """The score of two names and the alignment behind it."""

    score: float
    query: PreparedName
    candidate: PreparedName
    alignment: tuple[_Pair, ...]
    """Aligned token groups, best first, as position bit masks."""

    @property
    def pairs(self) -> list[AlignedTokens]:
        """Aligned tokens, best first."""
        return [
            AlignedTokens(
                tuple(self.query.tokens[i].text for i in _positions(query_mask)),
                tuple(self.candidate.tokens[j].text for j in _positions(candidate_mask)),
                similarity,
                how,
            )
            for query_mask, candidate_mask, similarity, how in self.alignment
        ]

    @property
    def unmatched_query(self) -> tuple[str, ...]:
        """Query tokens that met nothing."""
        used = sum(query_mask for query_mask, _, _, _ in self.alignment)
        return tuple(t.text for i, t in enumerate(self.query.tokens) if not used >> i & 1)

    @property
    def unmatched_candidate(self) -> tuple[str, ...]:
        """Candidate tokens that met nothing."""
        used = sum(candidate_mask for _, candidate_mask, _, _ in self.alignment)
        return tuple(t.text for j, t in enumerate(self.candidate.tokens) if not used >> j & 1)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready explanation."""
        return {
            "score": round(self.score, 4),
            "query_name": self.query.text,
            "matched_name": self.candidate.text,
            "pairs": [
                {
                    "query": " ".join(pair.query),
                    "candidate": " ".join(pair.candidate),
                    "similarity": round(pair.similarity, 3),
                    "how": pair.how.value,
                }
                for pair in self.pairs
            ],
            "unmatched_query": list(self.unmatched_query),
            "unmatched_candidate": list(self.unmatched_candidate),
        }


_Candidate = tuple[float, int, float, str, str, float, int, int, How, float, float]
"""(-similarity, rank, -weight, tie-break texts, how far apart the two words stand in their
names, query mask, candidate mask, how, query weight, candidate weight): sorting puts the
best candidate first.  Among equally similar ones the same word comes first (rank 0), then
other single words (1), then groups (2): an initial or a legal form of the same class that
scores as much does not take the word an identical one needs ("M. MARINE" / "M. Muarine":
"m" is "m" before it is the initial of "marine").  Ties are then broken by weight and by
text, so that the result does not depend on which name is the query, then a word met several
times by the one standing where it stands ("Mounir Ben Dhaou Benbrahim Ben Helal": its
second "ben" is the listed name's last, not the one "Ben Brahim" needs)."""
_SAME_WORD_RANK, _WORD_RANK, _GROUP_RANK = 0, 1, 2
"""Ranks of equally similar candidates: see :data:`_Candidate`."""


def _candidate(
    similarity: float,
    query: tuple[Token, int, float],
    candidate: tuple[Token, int, float],
    how: How,
) -> _Candidate:
    (query_token, query_mask, query_weight) = query
    (candidate_token, candidate_mask, candidate_weight) = candidate
    low, high = query_token.text, candidate_token.text
    if high < low:
        low, high = high, low
    weight = query_weight + candidate_weight
    return (
        -similarity,
        _GROUP_RANK,
        -weight,
        low,
        high,
        0.0,
        query_mask,
        candidate_mask,
        how,
        query_weight,
        candidate_weight,
    )


SimilarityCache = dict[tuple[int, int], tuple[Token, Token, float, How]]
"""Similarities of token pairs computed already, keyed by the ids of the two tokens.  Each
entry holds its two tokens, so that no other token can take their ids while it exists."""


def matched_share(similarity: float, params: NameParams) -> float:
    """How much of a pair of words of this similarity (above the floor) counts as matched;
    the rest of their weight is left over."""
    share: float = min(1.0, (similarity - params.floor) / (1.0 - params.floor)) ** params.leniency
    return share


def cached_similarity(
    a: Token,
    b: Token,
    params: SimilarityParams,
    cache: SimilarityCache | None,
    readings_across_scripts: bool = True,
) -> tuple[float, How]:
    """:func:`token_similarity`, looked up in ``cache`` first (a pair of tokens is always
    compared with the same ``readings_across_scripts``: words with, joined runs without)."""
    if cache is None:
        return token_similarity(a, b, params, readings_across_scripts)
    key = (id(a), id(b))
    found = cache.get(key)
    if found is None:
        similarity, how = token_similarity(a, b, params, readings_across_scripts)
        cache[key] = (a, b, similarity, how)
        return similarity, how
    return found[2], found[3]


def _single_candidates(
    query: PreparedName,
    candidate: PreparedName,
    params: NameParams,
    cache: SimilarityCache | None,
) -> list[_Candidate]:
    found = []
    floor = params.floor
    similarity_params = params.similarity
    exact = How.EXACT
    candidate_tokens = tuple(zip(candidate.tokens, candidate.weights, strict=True))
    query_scale = 1 / max(1, len(query.tokens) - 1)
    candidate_scale = 1 / max(1, len(candidate_tokens) - 1)
    for i, (query_token, query_weight) in enumerate(zip(query.tokens, query.weights, strict=True)):
        query_text = query_token.text
        for j, (candidate_token, candidate_weight) in enumerate(candidate_tokens):
            candidate_text = candidate_token.text
            if query_text == candidate_text and query_token.original == candidate_token.original:
                similarity, how = 1.0, exact
            else:
                similarity, how = cached_similarity(
                    query_token, candidate_token, similarity_params, cache
                )
                if similarity <= floor:
                    continue
            low, high = (
                (query_text, candidate_text)
                if query_text <= candidate_text
                else (candidate_text, query_text)
            )
            found.append(
                (
                    -similarity,
                    _SAME_WORD_RANK if query_text == candidate_text else _WORD_RANK,
                    -query_weight - candidate_weight,
                    low,
                    high,
                    abs(i * query_scale - j * candidate_scale),
                    1 << i,
                    1 << j,
                    how,
                    query_weight,
                    candidate_weight,
                )
            )
    return found


def _merge_candidates(
    runs_side: PreparedName,
    other: PreparedName,
    params: NameParams,
    runs_are_query: bool,
    cache: SimilarityCache | None,
) -> list[_Candidate]:
    """Runs of adjacent words of one name against single words of the other."""
    found = []
    runs = runs_side.runs
    for j, token, weight in other.words:
        length = len(token.text)
        for run in _runs_led(runs, _leads(token)):
            if abs(run.length - length) > 2 and abs(run.length - length) > length // 5:
                continue
            if not (run.token.vowelless or token.vowelless) and (
                OSA.normalized_similarity(run.token.text, token.text) < params.merge_spelling
            ):
                continue
            similarity, _ = cached_similarity(
                run.token, token, params.similarity, cache, readings_across_scripts=False
            )
            if similarity > params.floor:
                merged = (run.token, run.mask, run.weight)
                single = (token, 1 << j, weight)
                query, candidate = (merged, single) if runs_are_query else (single, merged)
                found.append(_candidate(similarity, query, candidate, How.MERGED))
    return found


def _runs_led(runs: dict[str, tuple[_Run, ...]], leads: set[str]) -> Iterable[_Run]:
    """The runs filed under any of ``leads``, each once."""
    if len(leads) == 1:
        return runs.get(next(iter(leads)), ())
    return {run.mask: run for lead in leads for run in runs.get(lead, ())}.values()


def _acronym_candidates(
    acronym_side: PreparedName, other: PreparedName, acronyms_are_query: bool
) -> list[_Candidate]:
    """Short words of one name that are the initials of adjacent words of the other; of a
    person's name, only some of its words ("JC Juncker", never "Aa" for "Abdul Abdillah")."""
    found = []
    whole = (1 << len(other.tokens)) - 1 if other.style is NameStyle.PERSON else 0
    for i, token, weight in acronym_side.words:
        for run in other.acronyms.get(token.text, ()):
            if run.mask == whole:
                continue
            acronym = (token, 1 << i, weight)
            words = (run.token, run.mask, run.weight)
            query, candidate = (acronym, words) if acronyms_are_query else (words, acronym)
            found.append(_candidate(1.0, query, candidate, How.ACRONYM))
    return found


def _cut_candidates(query: PreparedName, candidate: PreparedName) -> list[_Candidate]:
    """The last word of a query name cut short against the longer listed words it starts."""
    if query.cut is None:
        return []
    token = query.tokens[query.cut]
    letters = len(token.text)
    if letters < SHORTEST_PREFIX:
        return []
    cut = (token, 1 << query.cut, query.weights[query.cut])
    similarity = cut_similarity(letters)
    return [
        _candidate(similarity, cut, (word, 1 << j, weight), How.TRUNCATED)
        for j, word, weight in candidate.words
        if len(word.text) > letters and word.text.startswith(token.text)
    ]


def _candidates(
    query: PreparedName,
    candidate: PreparedName,
    params: NameParams,
    cache: SimilarityCache | None,
) -> list[_Candidate]:
    """Every pairing worth considering, best first."""
    found = _single_candidates(query, candidate, params, cache) + _cut_candidates(query, candidate)
    if query.runs or candidate.runs:
        found += _merge_candidates(query, candidate, params, True, cache)
        found += _merge_candidates(candidate, query, params, False, cache)
    if query.acronyms or candidate.acronyms:
        found += _acronym_candidates(query, candidate, acronyms_are_query=True)
        found += _acronym_candidates(candidate, query, acronyms_are_query=False)
    found.sort()
    return found


def _leftover(name: PreparedName, used: int, params: NameParams, lost: int = 0) -> float:
    """Weight of the unmatched tokens of one name (repeated matched words count little, and
    so do those at the positions of ``lost``: cut off, see ``NameParams.cut_weight``)."""
    if used == (1 << len(name.tokens)) - 1:
        return 0.0
    matched = {token.canon for index, token in enumerate(name.tokens) if used >> index & 1}
    total = 0.0
    for index, token in enumerate(name.tokens):
        if not used >> index & 1:
            weight = name.weights[index]
            if lost >> index & 1:
                weight *= params.cut_weight
            total += weight * params.duplicate_factor if token.canon in matched else weight
    return total


def _lost_to_cut(
    query: PreparedName, alignment: Sequence[_Pair], used_candidate: int, candidate: PreparedName
) -> tuple[int, int]:
    """Positions of the tokens a query name cut short may have lost: the listed words after
    the last one it met, and the listed words not met that follow the partner of its last
    written word that met one (up to the next listed word met: the given names of "SURNAME,
    Given" come before the surname once turned round); and if there are any and it met
    nothing, its own last word (masks of query and candidate positions).  A last word that
    meets nothing and may be the start of no listed token (:func:`~watchkeeper.match.
    truncation.may_start`) stands where they would: they disagree with it, and nothing
    counts as lost."""
    if query.cut is None:
        return 0, 0
    everything = (1 << len(candidate.tokens)) - 1
    lost = everything & ~((1 << used_candidate.bit_length()) - 1)
    written = [pair for pair in alignment if pair[0] < 1 << (query.cut + 1)]
    if written:
        partner = max(written, key=lambda pair: pair[0])[1]
        after = everything & ~((1 << partner.bit_length()) - 1)
        next_met = after & used_candidate
        lost |= after & ((next_met & -next_met) - 1 if next_met else everything)
    if any(pair[0] >> query.cut & 1 for pair in alignment):
        return 0, lost
    last = query.tokens[query.cut]
    if any(may_start(last, token) for token in candidate.tokens):
        return (1 << query.cut if lost else 0), lost
    return 0, 0


def compare_names(
    query: PreparedName,
    candidate: PreparedName,
    params: NameParams = DEFAULT_PARAMS,
    cache: SimilarityCache | None = None,
) -> NameComparison:
    """Align two prepared names greedily, one-to-one, and score them (see module docs).

    ``cache`` keeps word similarities across calls: pass one dict for the comparisons of one
    query name with many candidates (the tokens it holds stay in memory while it exists).
    """
    initial_weight = params.kind_weights[TokenKind.INITIAL]
    by_initials = (How.INITIAL, How.ACRONYM)
    used_query = used_candidate = 0
    matched = residual_query = residual_candidate = extra = 0.0
    alignment: list[_Pair] = []
    solid = chance = False
    """Whether some word met otherwise than by chance or by its initial, and whether some
    met in a way that may be chance (:func:`_by_chance`)."""
    compounds = bool(query.compounds or candidate.compounds)
    for candidate_pair in _candidates(query, candidate, params, cache):
        negative_similarity, _, _, _, _, _, query_mask, candidate_mask, how = candidate_pair[:9]
        if used_query & query_mask or used_candidate & candidate_mask:
            continue
        used_query |= query_mask
        used_candidate |= candidate_mask
        alignment.append((query_mask, candidate_mask, -negative_similarity, how))
        if _by_chance(how, query, query_mask, candidate, candidate_mask):
            chance = True
        elif how is not How.INITIAL and _has_word(query, query_mask):
            solid = True
        weight_query, weight_candidate = candidate_pair[9], candidate_pair[10]
        if how in by_initials:
            letters = max(query_mask.bit_count(), candidate_mask.bit_count())
            matched += letters * initial_weight
            extra += abs(weight_query - weight_candidate)
            continue
        met_query, met_candidate = weight_query, weight_candidate
        share = matched_share(-negative_similarity, params)
        if compounds:
            met_query = _met_weight(query, query_mask)
            met_candidate = _met_weight(candidate, candidate_mask)
            if how not in _SPELLED_ALIKE:
                capped_query, capped_candidate = _tail_met(
                    query, query_mask, met_query, candidate, candidate_mask, met_candidate
                )
                residual_query += share * (met_query - capped_query)
                residual_candidate += share * (met_candidate - capped_candidate)
                met_query, met_candidate = capped_query, capped_candidate
        matched += share * (met_query + met_candidate) / 2
        residual_query += (1.0 - share) * weight_query
        residual_candidate += (1.0 - share) * weight_candidate
    score = 0.0
    if matched > 0.0:
        lost_query, lost_candidate = _lost_to_cut(query, alignment, used_candidate, candidate)
        residual_query += _leftover(query, used_query, params, lost_query)
        residual_candidate += _leftover(candidate, used_candidate, params, lost_candidate)
        organization = NameStyle.ORGANIZATION in (query.style, candidate.style)
        extra_penalty = params.organization_extra_penalty if organization else params.extra_penalty
        penalty = extra_penalty * (residual_query + residual_candidate + extra) / 2
        penalty += params.conflict_penalty * min(residual_query, residual_candidate)
        score = matched / (matched + penalty)
        if chance and not solid:
            score *= params.sound_alike_factor
    return NameComparison(score, query, candidate, tuple(alignment))


def _met_weight(name: PreparedName, mask: int) -> float:
    """What the tokens of ``name`` at the positions of ``mask`` weigh, met."""
    return sum(name.met_weights[i] for i in _positions(mask))


_SPELLED_ALIKE = frozenset({How.EXACT, How.TYPO})
"""Ways two tokens meet as one word, written so or mistyped."""


def _tail_met(
    query: PreparedName,
    query_mask: int,
    met_query: float,
    candidate: PreparedName,
    candidate_mask: int,
    met_candidate: float,
) -> tuple[float, float]:
    """What two tokens that met otherwise than as one word (:data:`_SPELLED_ALIKE`) weigh
    met, when one is a part of a compound given name other than its head ("din" of
    "Tamizuddin") and the other is not: a fraction of one name that sounds like a whole name
    of the other meets no more than as much of it ("Don" of "Don Tomas"); the rest of it is
    left over.  Short parts such as "din", "ud" or "abd" sound like many words."""
    query_tail = _in_compound_tail(query, query_mask)
    if query_tail == _in_compound_tail(candidate, candidate_mask):
        return met_query, met_candidate
    if query_tail:
        return met_query, min(met_candidate, met_query)
    return min(met_query, met_candidate), met_candidate


def _in_compound_tail(name: PreparedName, mask: int) -> bool:
    """Whether the tokens of ``name`` at ``mask`` are all of one compound given name, its
    head aside (:func:`name_compounds`)."""
    return any(mask & ~(whole & ~head) == 0 for whole, head in name.compounds)


def _by_chance(
    how: How, query: PreparedName, query_mask: int, candidate: PreparedName, candidate_mask: int
) -> bool:
    """Whether tokens met in a way that chance explains as well as a variant: sounding
    alike, or a run of words joined to meet a word written without short vowels by its
    consonants ("ياكولا" / "Yu Chol U").  (An initial backs no such pair either: "M. Aziz"
    / "Мирослав Уцу".)"""
    if how is How.SOUND_ALIKE:
        return True
    return how is How.MERGED and (
        _has_vowelless(query, query_mask) or _has_vowelless(candidate, candidate_mask)
    )


def _has_vowelless(name: PreparedName, mask: int) -> bool:
    """Whether the tokens of ``name`` in ``mask`` include one written without short vowels."""
    return any(mask >> index & 1 and token.vowelless for index, token in enumerate(name.tokens))


def _has_word(name: PreparedName, mask: int) -> bool:
    """Whether the tokens of ``name`` in ``mask`` include an ordinary word."""
    return any(
        mask >> index & 1 and token.kind is TokenKind.WORD
        for index, token in enumerate(name.tokens)
    )


def name_similarity(
    query: str,
    candidate: str,
    schema: str | None = None,
    weights: TokenWeights | None = None,
) -> float:
    """Score of two name strings (prepares both; use :func:`compare_names` in loops)."""
    return compare_names(
        prepare_name(query, schema, weights), prepare_name(candidate, schema, weights)
    ).score
