"""Product search that ranks, and stays fast at 100,000 products.

A product's `search_text` is its folded name and code, then `NAME_END`, then its category,
ethnic group, places of origin and description (services.product_search_text). A word matches
a product through that text or through its seller's own `search_text` (name and place), which
is kept apart so renaming a cooperative never leaves product rows stale.

The rank, computed only over the matched rows (a CASE, no extra query):
0. every word in the name or code;
1. every word in the product's own text (category, description, origin…);
2. the rest: some word matched only through the seller.

On PostgreSQL a trigram GIN index serves `search_text LIKE '%word%'` on both tables
(migration catalog 0005, orgs 0007), and the seller side is written
`organisation_id = ANY(ARRAY(SELECT …))`: evaluated once, so the planner can OR the two
index scans together instead of scanning every product.
"""

from django.db.models import BooleanField, Case, F, Func, IntegerField, Q, Subquery, Value, When
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan, LessThan

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


def rank(terms: list[str]) -> Case:
    """0 (name or code), 1 (the product's own text), 2 (through its seller): see above."""
    name_end = StrIndex(F("search_text"), Value(NAME_END))
    in_name = Q()
    in_own_text = Q()
    for term in terms:
        position = StrIndex(F("search_text"), Value(term))
        in_name &= Q(GreaterThan(position, 0)) & Q(LessThan(position, name_end))
        in_own_text &= Q(search_text__contains=term)
    return Case(
        When(in_name, then=Value(0)),
        When(in_own_text, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
