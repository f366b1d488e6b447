"""HTTP content negotiation: pick the response media type an Accept header likes best.

>>> negotiate("*/*", ["application/graphql-response+json", "application/json"],
...           explicit_only={"application/graphql-response+json"})
'application/json'
>>> negotiate("text/html,application/xhtml+xml,*/*;q=0.8", ["text/turtle", "text/html"],
...           explicit_only={"text/html"})
'text/html'
>>> negotiate("image/png", ["text/turtle"]) is None
True
"""

from __future__ import annotations

from collections.abc import Collection, Sequence


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges of an Accept header with their q values, in the order given."""
    ranges = []
    for part in (header or "").split(","):
        media, *params = [p.strip() for p in part.split(";")]
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def negotiate(header: str | None, offers: Sequence[str],
              explicit_only: Collection[str] = ()) -> str | None:
    """The offer the Accept header likes best, or None when none is acceptable.

    The most specific matching range gives an offer its q; ties go to an exact match, then
    to the earlier offer. Offers in `explicit_only` only match when named (not via `*/*`),
    e.g. a redirect to HTML only for clients that ask for HTML. No header: the first offer
    not in `explicit_only`.
    """
    ranges = parse_accept(header)
    if not ranges:
        return next((o for o in offers if o not in explicit_only), None)
    best, best_key = None, None
    for i, offer in enumerate(offers):
        kind = offer.split("/")[0]
        q, specificity = None, -1
        for media, mq in ranges:
            if media == offer:
                s = 2
            elif offer in explicit_only:
                continue
            elif media == f"{kind}/*":
                s = 1
            elif media == "*/*":
                s = 0
            else:
                continue
            if s > specificity:
                q, specificity = mq, s
        if q is None or q <= 0:
            continue
        key = (q, specificity == 2, -i)
        if best_key is None or key > best_key:
            best, best_key = offer, key
    return best
