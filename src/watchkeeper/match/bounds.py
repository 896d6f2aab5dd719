"""Optimistic name scores: the most :func:`~watchkeeper.match.names.compare_names` can give
two names, knowing only which of their units met and how alike they are.

Two names score ``M / (M + λ·(R_q + R_c + X)/2 + μ·min(R_q, R_c))`` (see
:mod:`watchkeeper.match.names`; ``X`` is what initials and acronyms weigh apart); a bound
counts everything that may have matched into ``M`` and only what cannot have into the rest,
so that it is never below the real score as long as every pair of tokens alike enough to
align shares a key.

Before any listed name is known, :class:`QueryBound` tells from the units of a query name
and the best each met (:class:`Reach`) whether a listed name can reach the threshold when
only some of them met it, and how heavy it can then be at most.  For one listed name,
:func:`bound` counts the words and joined runs that met as matched by the share their most
alike pair allows; so do initials (they may stand for any word) and, pair by pair, the
heaviest particles, legal forms and other minor tokens of the two names (those meet tokens
of their own kind, whether or not they met otherwise); the other words, and the minor
tokens no minor token of the other name is left for, are left over.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from watchkeeper.match.names import NameParams
from watchkeeper.text.tokens import NameStyle, Token, TokenKind


class Profile(NamedTuple):
    """What a bound needs to know of a name: its tokens' weights, by kind."""

    weights: tuple[float, ...]
    left: tuple[float, ...]
    """The least each token weighs when left over (:func:`left_over_weights`)."""
    words: int
    """Positions of the ordinary words."""
    minor: int
    """Positions of the particles, legal forms, titles, numbers ...: they only meet tokens
    of their own kind."""
    initials: int
    """Positions of the initials: they may meet a word that starts with them."""
    leads: str
    """The first letter of each token."""
    organization: bool


def profile(
    tokens: Sequence[Token], weights: Sequence[float], style: NameStyle, params: NameParams
) -> Profile:
    """The profile of a name cut into ``tokens`` of these ``weights``."""
    words = minor = initials = 0
    for i, token in enumerate(tokens):
        if token.kind is TokenKind.WORD:
            words |= 1 << i
        elif token.kind is TokenKind.INITIAL:
            initials |= 1 << i
        else:
            minor |= 1 << i
    left = tuple(left_over_weights(tokens, weights, params))
    leads = "".join(token.text[:1] or " " for token in tokens)
    organization = style is NameStyle.ORGANIZATION
    return Profile(tuple(weights), left, words, minor, initials, leads, organization)


def weights_in(profile: Profile, mask: int) -> list[float]:
    """The weights of the tokens at the positions of ``mask``."""
    return [weight for i, weight in enumerate(profile.weights) if mask >> i & 1]


def _lefts_in(profile: Profile, mask: int) -> list[float]:
    """What the tokens at the positions of ``mask`` weigh when left over."""
    return [left for i, left in enumerate(profile.left) if mask >> i & 1]


def formula_score(
    matched: float, query_left: float, listed_left: float, organization: bool, params: NameParams
) -> float:
    """The score formula of :func:`~watchkeeper.match.names.compare_names` for matched and
    left-over weights."""
    extra = params.organization_extra_penalty if organization else params.extra_penalty
    penalty = extra * (query_left + listed_left) / 2
    penalty += params.conflict_penalty * min(query_left, listed_left)
    return matched / (matched + penalty) if matched > 0 else 0.0


@dataclass(slots=True)
class Met:
    """The positions of a query name and a listed name whose units met, and how much of
    each may count as matched (the share of the most alike pair it is in)."""

    query: int = 0
    listed: int = 0
    query_shares: dict[int, float] = field(default_factory=dict)
    listed_shares: dict[int, float] = field(default_factory=dict)
    query_initials: int = 0
    """Positions met as initials (acronyms)."""
    listed_initials: int = 0

    def meet(self, query_mask: int, listed_mask: int, share: float) -> None:
        """Two units at these positions met, alike enough to count ``share`` as matched."""
        self.query |= query_mask
        self.listed |= listed_mask
        _raise(self.query_shares, query_mask, share)
        _raise(self.listed_shares, listed_mask, share)


def _raise(shares: dict[int, float], mask: int, share: float) -> None:
    for position in range(mask.bit_length()):
        if mask >> position & 1 and shares.get(position, 0.0) < share:
            shares[position] = share


def _split(
    profile: Profile, mask: int, shares: dict[int, float], acronyms: int, lost: float = 1.0
) -> tuple[float, list[float]]:
    """The matched weight of the positions met (by their shares), and what each position
    leaves over: a word met, the share of it not matched; a minor token met, nothing (it
    may meet a token of its class of the other name instead); a word met only in an
    acronym, nothing (what it weighs apart from its partner is not counted); a word not
    met, ``lost`` of its weight left over; an initial, nothing (it may stand for a word of
    the other name)."""
    matched = 0.0
    rest = [0.0] * len(profile.weights)
    for position, weight in enumerate(profile.weights):
        if mask >> position & 1:
            share = 1.0 if profile.minor >> position & 1 else shares.get(position, 1.0)
            matched += share * weight
            rest[position] = (1 - share) * weight
        elif profile.words >> position & 1 and not acronyms >> position & 1:
            rest[position] = profile.left[position] * lost
        if profile.initials >> position & 1:
            rest[position] = 0.0
    return matched, rest


def bound(
    query: Profile, listed: Profile, met: Met, params: NameParams, lost: float = 1.0
) -> float:
    """The most :func:`compare_names` can give two names whose units met at these positions
    only: their shares of what met count as matched, acronyms as initials; the rest as the
    module says.  An initial may stand for any word of the other name that starts with it,
    met or not.  The listed tokens not met count ``lost`` of their weight (what a query name
    cut short may have lost: :attr:`~watchkeeper.match.names.NameParams.cut_weight`)."""
    query_matched, query_rest = _split(query, met.query, met.query_shares, met.query_initials)
    listed_matched, listed_rest = _split(
        listed, met.listed, met.listed_shares, met.listed_initials, lost
    )
    matched = (query_matched + listed_matched) / 2
    query_left, listed_left = sum(query_rest), sum(listed_rest)
    if query.minor or listed.minor:
        query_used = met.query | met.query_initials
        listed_used = met.listed | met.listed_initials
        query_minor = sorted(_lefts_in(query, query.minor & ~query_used), reverse=True)
        listed_minor = sorted(_lefts_in(listed, listed.minor & ~listed_used), reverse=True)
        query_partners = sorted(weights_in(query, query.minor & ~met.query_initials), reverse=True)
        listed_partners = sorted(
            weights_in(listed, listed.minor & ~met.listed_initials), reverse=True
        )
        pairs = min(len(query_partners), len(listed_partners))
        matched += (sum(query_partners[:pairs]) + sum(listed_partners[:pairs])) / 2
        query_left += sum(query_minor[len(listed_partners) :])
        listed_left += sum(listed_minor[len(query_partners) :]) * lost
    letters = _acronym_letters(met.query_initials.bit_count(), met.listed_initials.bit_count())
    if query.initials or listed.initials:
        query_words = query.words & ~met.query_initials
        listed_words = listed.words & ~met.listed_initials
        query_initials = query.initials & ~met.query_initials
        listed_initials = listed.initials & ~met.listed_initials
        letters += _partnered(query, query_initials, listed, listed_words | listed_initials)
        letters += _partnered(listed, listed_initials, query, query_words | query_initials)
        query_left -= _consumed(query, query_rest, query_words, listed, listed_initials)
        listed_left -= _consumed(listed, listed_rest, listed_words, query, query_initials)
    matched += letters * params.kind_weights[TokenKind.INITIAL]
    organization = query.organization or listed.organization
    return formula_score(matched, query_left, listed_left, organization, params)


def _acronym_letters(query_positions: int, listed_positions: int) -> int:
    """The most initials acronyms at these numbers of positions may count: each pairs one
    word with a run of words and counts the run's length, so all of them together count
    every position but one per pair (at least one)."""
    return query_positions + listed_positions - 1 if query_positions else 0


def _partnered(side: Profile, initials: int, other: Profile, partners: int) -> int:
    """How many of the initials of one name at ``initials`` have a token of the other name
    among ``partners`` that starts with them."""
    leads = {other.leads[i] for i in range(partners.bit_length()) if partners >> i & 1}
    return sum(
        1 for i in range(initials.bit_length()) if initials >> i & 1 and side.leads[i] in leads
    )


def _consumed(side: Profile, rest: list[float], words: int, other: Profile, initials: int) -> float:
    """The most of what the words of one name at ``words`` leave over (``rest``) that
    initials of the other name at ``initials`` may take away, each standing for the word
    that starts with it and leaves the most."""
    by_letter: dict[str, list[float]] = {}
    for i in range(words.bit_length()):
        if words >> i & 1:
            by_letter.setdefault(side.leads[i], []).append(rest[i])
    consumed = 0.0
    for i in range(initials.bit_length()):
        if initials >> i & 1 and by_letter.get(other.leads[i]):
            lefts = by_letter[other.leads[i]]
            heaviest = max(lefts)
            lefts.remove(heaviest)
            consumed += heaviest
    return consumed


def left_over_weights(
    tokens: Sequence[Token], weights: Sequence[float], params: NameParams
) -> list[float]:
    """The least each token of a name weighs when it is left over: a token whose class
    repeats in the name may count only ``duplicate_factor`` of its weight."""
    canons = [token.canon for token in tokens]
    return [
        weight * params.duplicate_factor if canons.count(token.canon) > 1 else weight
        for token, weight in zip(tokens, weights, strict=True)
    ]


class Reach(NamedTuple):
    """The most meeting a listed name in one unit of a query name (its tokens at positions
    ``start`` to ``end``) may bring, in units of weight (see :class:`QueryBound`)."""

    start: int
    end: int
    value: float
    """What the best pair it may be in adds towards the threshold."""
    room: float
    """How much heavier that makes the heaviest listed name that may reach it."""


def _most(reaches: Sequence[Reach], size: int, part: int) -> float:
    """The largest sum of one part of reaches at disjoint positions (of ``size``)."""
    best = [0.0] * (size + 1)
    ending: list[list[Reach]] = [[] for _ in range(size + 1)]
    for reach in reaches:
        ending[reach.end].append(reach)
    for end in range(1, size + 1):
        best[end] = max([best[end - 1], *(best[r.start] + r[part] for r in ending[end])])
    return best[size]


_VALUE, _ROOM = 2, 3


@dataclass(frozen=True, slots=True)
class QueryBound:
    """Which listed names a query name may reach the threshold with, before knowing them.

    A name scores ``t`` or more only if ``(1 - t)·M >= t·(λ·(R_q + R_c + X)/2 + μ·min(R_q,
    R_c))``.  The minimum is at least the sum of those of each aligned pair, so each pair
    ``k`` (a query unit of weight ``w``, ``e`` when left over, and a listed unit of weight
    ``c``, ``s`` of them matched) has a *value* ``v_k`` — what it adds to the left side
    less what it costs on the right, plus ``e`` it no longer leaves over, divided by
    ``t·λ/2`` — and the condition reads ``Σ v_k >= W + L``: ``W`` what the query name leaves
    over when nothing of it matches, ``L`` what the listed name leaves over.  A weak pair
    has a negative value: it never helps a name reach the threshold.  And a listed name can
    weigh at most ``Σ (c_k + v_k) - W``.  ``λ`` is that of a listed name of one style
    (:attr:`organization`).
    """

    size: int
    """Tokens of the query name."""
    left_over: float
    """``W``."""
    organization: bool
    """Whether the pairs are scored as organisation names (either name is one)."""
    threshold: float
    params: NameParams

    def scales(self) -> tuple[float, float]:
        """``(1 - t) / (t·λ)`` and ``2·μ/λ``: the value of a pair is ``(1 - t) / (t·λ) · s·(w
        + c) - (1 - s)·(w + c + 2·μ/λ · min(w, c)) + e`` (pairs of initials: ``2·(1 - t) / (t·λ)
        · letters · initial weight - (w - c) + e``, as they weigh at least their difference
        apart)."""
        params = self.params
        penalty = params.organization_extra_penalty if self.organization else params.extra_penalty
        ratio = (1 - self.threshold) / (self.threshold * penalty)
        return ratio, 2 * params.conflict_penalty / penalty

    def reachable(self, reaches: Sequence[Reach]) -> bool:
        """Whether a listed name that met the query in these reaches only may score the
        threshold."""
        return _most(reaches, self.size, _VALUE) >= self.left_over

    def heaviest(self, reaches: Sequence[Reach]) -> float:
        """The most a listed name met in these reaches may leave over (when nothing of it
        matches) and still score the threshold."""
        return _most(reaches, self.size, _ROOM) - self.left_over
