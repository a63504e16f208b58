"""Answering a reader's query from the index (docs/search.md).

A query becomes *slots*, one per word or per synonym phrase it contains; each slot has
alternatives (the word itself, its synonyms, the words one typo away when the word is unknown),
and an entry matches when every slot has an alternative all of whose terms it holds. The score
adds each slot's best weight (title above keywords above text; a synonym or a correction counts
less than the word typed) and a bonus for each two query words found side by side, so the
phrase comes first. The postings of every term are read in one query; the rest is arithmetic.
"""

import itertools
import re
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Coalesce
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.page_cache import remember

from . import MAX_QUERY_WORDS, MIN_TYPO_LENGTH, deletions, fold, one_typo_apart, stem
from .models import SearchEntry, SearchMiss, SearchPosting, SearchSynonym, SearchWord

SYNONYM_FACTOR = 0.8
TYPO_FACTOR = 0.5


@dataclass(frozen=True)
class Alternative:
    terms: tuple
    factor: float = 1.0
    typo: bool = False


@dataclass
class Slot:
    word: str  # what the reader typed for this slot, folded
    alternatives: list


@dataclass
class Answer:
    query: str
    ids: list = field(default_factory=list)
    kinds: dict = field(default_factory=dict)
    audiences: dict = field(default_factory=dict)
    suggestion: str = ""
    near: list = field(default_factory=list)
    # The words to mark in each entry: those of the alternatives it was found by.
    highlight: dict = field(default_factory=dict)

    @property
    def total(self):
        return len(self.ids)


def pairs(sequence):
    return [f"{a} {b}" for a, b in itertools.pairwise(sequence)]


def phrase_terms(phrase):
    """A phrase is found by its words side by side: the pairs of its words, or its one word."""
    found = phrase.split()
    return tuple(pairs(found)) or tuple(found)


def synonym_groups():
    """The editors' synonyms, folded, kept with the public pages (a change refreshes both)."""
    return remember(
        "search:synonyms",
        lambda: [group.folded_phrases() for group in SearchSynonym.objects.all()],
    )


def make_slots(query_words, language, groups):
    slots, i = [], 0
    while i < len(query_words):
        best = None
        for group in groups:
            for phrase in group:
                length = len(phrase.split())
                if query_words[i : i + length] == phrase.split() and (
                    best is None or length > len(best[0].split())
                ):
                    best = (phrase, group)
        if best:
            phrase, group = best
            alternatives = [
                Alternative(phrase_terms(p), 1.0 if p == phrase else SYNONYM_FACTOR)
                for p in dict.fromkeys([phrase, *group])
            ]
            slots.append(Slot(phrase, alternatives))
            i += len(phrase.split())
            continue
        word = query_words[i]
        alternatives = [Alternative((word,))]
        if language == "en" and stem(word) != word:
            alternatives.append(Alternative((stem(word),)))
        slots.append(Slot(word, alternatives))
        i += 1
    return slots


def add_corrections(slots):
    """Words the index has never seen get the words one typo away as alternatives."""
    single = {alt.terms[0] for slot in slots for alt in slot.alternatives if len(alt.terms) == 1}
    single = {term for term in single if " " not in term}
    if not single:
        return
    known = set(SearchWord.objects.filter(word__in=single).values_list("word", flat=True))
    unknown = [
        slot
        for slot in slots
        if len(slot.alternatives) <= 2
        and " " not in slot.word
        and len(slot.word) >= MIN_TYPO_LENGTH
        and not slot.word.isdigit()
        and not any(alt.terms[0] in known for alt in slot.alternatives)
    ]
    if not unknown:
        return
    keys = set()
    for slot in unknown:
        keys |= deletions(slot.word) | {slot.word}
    near = set(
        SearchWord.objects.filter(Q(word__in=keys) | Q(variants__variant__in=keys))
        .distinct()
        .values_list("word", flat=True)
    )
    for slot in unknown:
        for word in sorted(near):
            if word != slot.word and one_typo_apart(slot.word, word):
                slot.alternatives.append(Alternative((word,), TYPO_FACTOR, typo=True))


def best_weight(slot, held):
    """The slot's best (weight, alternative) among those whose terms the entry holds."""
    best = (0, None)
    for alternative in slot.alternatives:
        weights = [held.get(term) for term in alternative.terms]
        if all(weights):
            weight = min(weights) * alternative.factor
            if weight > best[0]:
                best = (weight, alternative)
    return best


def search(query, language, kind="", audience=""):
    """Everything in `language` matching `query`, best first, filtered by kind and audience, with
    the counts per kind and audience, a correction when a word was unknown, and nearer queries
    when nothing matched."""
    query_words = query.split()[:MAX_QUERY_WORDS]
    answer = Answer(query=" ".join(query_words))
    if not query_words:
        return answer
    slots = make_slots(query_words, language, synonym_groups())
    add_corrections(slots)
    phrase_bonus = set(pairs(query_words))
    wanted = {term for slot in slots for alt in slot.alternatives for term in alt.terms}
    held, holding = {}, {}
    rows = SearchPosting.objects.filter(term__in=wanted | phrase_bonus)
    for entry_id, term, weight in rows.values_list("entry_id", "term", "weight"):
        held.setdefault(entry_id, {})[term] = weight
        holding.setdefault(term, set()).add(entry_id)
    # Only the entries holding a term of every slot can match: they alone are scored.
    candidates = None
    for slot in slots:
        terms = {term for alternative in slot.alternatives for term in alternative.terms}
        having = set().union(*(holding.get(term, ()) for term in terms))
        candidates = having if candidates is None else candidates & having
    meta = entry_meta(candidates, language)

    scored, chosen = [], {}
    for entry_id, (entry_kind, _slugs, day) in meta.items():
        terms = held[entry_id]
        bests = [best_weight(slot, terms) for slot in slots]
        if not all(weight for weight, _ in bests):
            continue
        score = sum(weight for weight, _ in bests) + sum(
            terms.get(term, 0) for term in phrase_bonus
        )
        # At equal scores the help page comes first (it is what someone in danger needs), then
        # the newest.
        scored.append((score, 0 if entry_kind == SearchEntry.Kind.HELP else 1, day, entry_id))
        for index, (_, alternative) in enumerate(bests):
            if alternative.typo:
                chosen.setdefault(index, {}).setdefault(alternative.terms[0], 0)
                chosen[index][alternative.terms[0]] += 1
        answer.highlight[entry_id] = {
            word for _, alternative in bests for term in alternative.terms for word in term.split()
        }
    scored.sort(key=lambda item: (item[2], item[3]), reverse=True)  # newest first...
    scored.sort(key=lambda item: (-item[0], item[1]))  # ...within each score (a stable sort)

    for *_, entry_id in scored:
        entry_kind, slugs, _date = meta[entry_id]
        if not audience or f" {audience} " in slugs:
            answer.kinds[entry_kind] = answer.kinds.get(entry_kind, 0) + 1
        if not kind or entry_kind == kind:
            for slug in slugs.split():
                answer.audiences[slug] = answer.audiences.get(slug, 0) + 1
            if not audience or f" {audience} " in slugs:
                answer.ids.append(entry_id)

    if chosen:
        corrected = [
            max(chosen[i], key=lambda word: (chosen[i][word], word)) if i in chosen else slot.word
            for i, slot in enumerate(slots)
        ]
        answer.suggestion = " ".join(corrected)
    if not scored and len(slots) > 1:
        in_language = entry_meta(held, language)
        answer.near = near_queries(slots, {pk: held[pk] for pk in in_language})
    return answer


def entry_meta(ids, language, chunk=5000):
    """{id: (kind, audience slugs, date as sortable text)} of the entries of `ids` in `language`.
    The date stays text: converting thousands of them to datetimes would cost more than the
    search. One query per `chunk` ids, which keeps under SQLite's limit of bound parameters."""
    ids, meta = list(ids), {}
    day = Coalesce(Cast("date", CharField()), Value(""))
    for start in range(0, len(ids), chunk):
        rows = (
            SearchEntry.objects.filter(pk__in=ids[start : start + chunk], language=language)
            .annotate(day=day)
            .values_list("pk", "kind", "audience_slugs", "day")
        )
        meta.update((pk, (kind, slugs, day)) for pk, kind, slugs, day in rows)
    return meta


def near_queries(slots, held):
    """Shorter queries that find something: the query without one of its words; failing that,
    its words that find something, together or alone."""

    def count(chosen):
        return sum(
            1 for terms in held.values() if all(best_weight(slot, terms)[0] for slot in chosen)
        )

    def ask(chosen):
        return (" ".join(slot.word for slot in chosen), count(chosen))

    near = [ask([s for s in slots if s is not left_out]) for left_out in slots]
    near = [item for item in near if item[1]]
    if not near:
        finding = [slot for slot in slots if count([slot])]
        together = ask(finding) if len(finding) > 1 else ("", 0)
        near = [together] if together[1] else [ask([slot]) for slot in finding]
    return sorted(near, key=lambda item: -item[1])[:3]


TOKEN = re.compile(r"\w+")


def highlight(text, found, limit=None):
    """`text` escaped, with the words in `found` (folded, or by their English stem) marked;
    cut to about `limit` words around the first one found when `limit` is given."""
    stems = {stem(word) for word in found}
    tokens = list(TOKEN.finditer(text))
    if not tokens:
        return ""

    def matches(token):
        word = fold(token.group())
        return word in found or stem(word) in stems

    start, end = 0, len(tokens)
    if limit:
        first = next((i for i, token in enumerate(tokens) if matches(token)), 0)
        start = max(0, first - limit // 4)
        end = min(len(tokens), start + limit)
    pieces = ["… " if start else ""]
    position = tokens[start].start()
    for token in tokens[start:end]:
        pieces.append(escape(text[position : token.start()]))
        word = escape(token.group())
        pieces.append(f"<mark>{word}</mark>" if matches(token) else word)
        position = token.end()
    pieces.append(escape(text[position:]) if end == len(tokens) else " …")
    return mark_safe("".join(pieces))  # every piece of the text is escaped above


def entries(ids):
    """The entries of `ids` in that order, each with what a result shows."""
    found = SearchEntry.objects.filter(pk__in=ids).select_related(
        "page", "page__locale", "audience", "unit"
    )
    by_id = {entry.pk: entry for entry in found}
    return [by_id[pk] for pk in ids if pk in by_id]


def count_miss(query, language):
    """Add one to the count of a query that found nothing. Only the words are kept, and not even
    those when they hold a long number (a phone number is someone's)."""
    if re.search(r"\d{6}", query.replace(" ", "")):
        return
    query = query[:100]
    counter = SearchMiss.objects.filter(query=query, language=language)
    if counter.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            SearchMiss.objects.create(query=query, language=language, count=1)
    except IntegrityError:  # another request created it first
        counter.update(count=F("count") + 1)
