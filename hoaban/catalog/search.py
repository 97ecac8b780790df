"""Product search that ranks, and stays fast at 100,000 products.

A product's `search_text` is its folded name and code, then `NAME_END`, then its category,
ethnic group, places of origin and description (services.product_search_text); `name_text` is
the name and code part alone. A word matches a product through `search_text` or through its
seller's own `search_text` (name and place), which is kept apart so renaming a cooperative
never leaves product rows stale.

The ranks (`tiers`, disjoint; `rank` is the same as a CASE):
0. every word in the name or code (`name_text`);
1. every word in the product's own text (category, description, origin…), not rank 0;
2. the rest: some word matched only through the seller.

A search page reads the ranks one after the other, each in the list's order and stopped
early (queries.RankedPages), never sorting every match: "mien dong" matches 35,000 of
100,000 products. Rank 0 is read from the list's index alone (it carries `name_text` and the
seller: migration catalog 0007), or from the trigram index on `name_text` when its words are
rare. On PostgreSQL a trigram GIN index serves `search_text LIKE '%word%'` on both tables
(migration catalog 0006, orgs 0009), and the seller side is written
`organisation_id = ANY(ARRAY(SELECT …))`: evaluated once, so the planner can OR the two
index scans together instead of scanning every product (rank 2 of a page writes the
sellers' ids out instead: matches_given_sellers).
"""

from collections.abc import Callable

from django.db.models import BooleanField, Case, F, Func, IntegerField, Q, Subquery, Value, When

from hoaban.orgs.models import Organisation

# Ends the name and code in `search_text` (never in folded text: services strips it).
NAME_END = "\x1f"


class InSubquery(Func):
    """`lhs IN (subquery)`, written `lhs = ANY(ARRAY(subquery))` on PostgreSQL."""

    conditional = True
    output_field = BooleanField()
    arity = 2

    def as_sql(self, compiler, connection, **extra_context):
        lhs, subquery = self.source_expressions
        lhs_sql, lhs_params = compiler.compile(lhs)
        sub_sql, sub_params = compiler.compile(subquery)
        return f"{lhs_sql} IN {sub_sql}", (*lhs_params, *sub_params)

    def as_postgresql(self, compiler, connection, **extra_context):
        lhs, subquery = self.source_expressions
        lhs_sql, lhs_params = compiler.compile(lhs)
        sub_sql, sub_params = compiler.compile(subquery)
        return f"{lhs_sql} = ANY(ARRAY{sub_sql})", (*lhs_params, *sub_params)


def sellers_matching(term: str) -> Subquery:
    """The organisations whose own text has the word (name, commune, provinces)."""
    return Subquery(Organisation.objects.filter(search_text__contains=term).order_by().values("pk"))


def matches(terms: list[str]) -> Q:
    """Every word in the product's text or in its seller's."""
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=term) | Q(
            InSubquery(F("organisation_id"), sellers_matching(term))
        )
    return condition


def in_name(terms: list[str]) -> Q:
    """Every word in the name or code."""
    condition = Q()
    for term in terms:
        condition &= Q(name_text__contains=term)
    return condition


def in_own_text(terms: list[str]) -> Q:
    """Every word in the product's own text (name and code included)."""
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=term)
    return condition


def tiers(terms: list[str]) -> list[Q | Callable[[], Q]]:
    """The matches of rank 0, 1 and 2 (see above), disjoint; rank 2's is worked out when
    asked (`tier()`: it reads the sellers, 1 query). Rank 0 and 1 need no `matches`: a word
    in the name or the product's text is a match (and rank 0's condition stays on columns the
    list's index carries)."""
    return [
        in_name(terms),
        in_own_text(terms) & ~in_name(terms),
        lambda: matches_given_sellers(terms, sellers_by_term(terms)) & ~in_own_text(terms),
    ]


def sellers_by_term(terms: list[str]) -> dict[str, list[int]]:
    """For each word, the organisations whose own text has it (1 query for all words)."""
    condition = Q()
    for term in terms:
        condition |= Q(search_text__contains=term)
    sellers = Organisation.objects.filter(condition).values_list("pk", "search_text")
    found: dict[str, list[int]] = {term: [] for term in terms}
    for pk, text in sellers:
        for term in terms:
            if term in text:
                found[term].append(pk)
    return found


def matches_given_sellers(terms: list[str], sellers: dict[str, list[int]]) -> Q:
    """`matches` with the sellers' ids written out: the planner then knows how many products
    they hold (a subquery's array it does not), and reads the list's index in order when
    they are most of the catalogue ("hop tac xa": 1,600 of 2,000 cooperatives) instead of
    fetching all their products to sort them."""
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=term) | Q(organisation_id__in=sellers[term])
    return condition


def rank(terms: list[str]) -> Case:
    """0 (name or code), 1 (the product's own text), 2 (through its seller): see above."""
    return Case(
        When(in_name(terms), then=Value(0)),
        When(in_own_text(terms), then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
