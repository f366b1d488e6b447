"""One registry of what the graph holds and how it is written: relation kinds, edge types,
node kinds and export formats. Everything that names a kind or a format reads it here (the
GraphQL enum, the SKOS properties, the path preference, the viewer's styles, `?format=` and
`--format`), so adding a kind or a format is one entry.

One vocabulary: a kind's `key` (lower case: `mention`, `broader`) names it in the graph, the
CLI and the viewer's registry route; GraphQL writes the same keys as enum values (`MENTION`,
`BROADER`) in `related.kind`, `path.steps.kind` and `neighborhood.edges.kind`.

>>> [k.key for k in RELATION_KINDS]
['link', 'mention', 'hierarchy', 'frontmatter']
>>> kind("BROADER").skos, fmt("ttl").name, fmt("json").media_type
('http://www.w3.org/2004/02/skos/core#broader', 'turtle', 'application/ld+json')
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

GG = "https://glossgraph.example/vocab#"
SKOS = "http://www.w3.org/2004/02/skos/core#"


@dataclass(frozen=True)
class Kind:
    """A kind of edge between two concepts (or from a concept to a tag, note or synonym)."""

    key: str  # lower case, the one vocabulary: link, mention, broader, tagged, …
    label: str  # for people: "Mentions"
    edge_type: str  # the networkx edge type it is stored as (RELATED_TO, BROADER, …)
    skos: str | None  # the RDF property of the export (None: not exported as a property)
    related: bool  # a sub-kind of "related to" (skos:related)
    path_rank: int  # which edge a path shows when several join two concepts (low first)
    color: str
    line: str  # solid | dashed | dotted
    width: float
    arrow: bool
    description: str


RELATION_KINDS = (
    Kind("link", "Links to", "RELATED_TO", GG + "linksTo", True, 0, "#0284c7", "solid", 1.8,
         True, "a wikilink or relative Markdown link to the note of the other concept"),
    Kind("mention", "Mentions", "RELATED_TO", GG + "mentions", True, 4, "#94a3b8", "solid", 1.2,
         True, "a definition or note names a label of the other concept"),
    Kind("hierarchy", "Listed in", "RELATED_TO", GG + "listedUnder", True, 3, "#16a34a",
         "solid", 1.6, True, "written in the note, or the section, about the other concept"),
    Kind("frontmatter", "Front matter", "RELATED_TO", GG + "frontMatterRef", True, 1,
         "#0d9488", "dashed", 1.6, True, "a front matter field (tags, related, up) names it"),
)
BROADER_KIND = Kind("broader", "Broader", "BROADER", SKOS + "broader", False, 2, "#1e293b",
                    "solid", 2.6, True, "the other concept is broader (nesting, examples, "
                    "Dendron's a.b.c under a.b)")
# Edges from a concept to what is not a concept (never in a path).
NODE_EDGE_KINDS = (
    Kind("synonym", "Synonym", "HAS_SYNONYM", SKOS + "altLabel", False, 9, "#c084fc", "dotted",
         1.6, False, "another name of the concept"),
    Kind("tagged", "Tagged", "TAGGED", "http://purl.org/dc/terms/subject", False, 9, "#fb923c",
         "dashed", 1.4, False, "the concept or note carries the tag"),
    Kind("defined", "Defined in", "DEFINED_IN", "http://purl.org/dc/terms/source", False, 9,
         "#cbd5e1", "dotted", 1.0, False, "the note the concept is written in"),
)
KINDS = (*RELATION_KINDS, BROADER_KIND, *NODE_EDGE_KINDS)
_BY_NAME = {k.key: k for k in KINDS}
_BY_NAME.update({k.edge_type.lower(): k for k in (BROADER_KIND, *NODE_EDGE_KINDS)})
_BY_NAME.update({"narrower": BROADER_KIND, "tag": _BY_NAME["tagged"],
                 "tags": _BY_NAME["tagged"], "synonyms": _BY_NAME["synonym"],
                 "note": _BY_NAME["defined"], "notes": _BY_NAME["defined"]})


def kind(name: str) -> Kind:
    """The kind by its key, edge type or a common alias, any case; KeyError otherwise."""
    return _BY_NAME[str(name).strip().lower()]


def kind_of_edge(data: dict) -> str:
    """The kind key of a networkx edge's data: its relation kind, or its type's kind."""
    if data.get("type") == "RELATED_TO":
        return data.get("kind") or "link"
    return kind(data["type"]).key if data.get("type") in _EDGE_TYPES else "broader"


_EDGE_TYPES = {k.edge_type for k in (BROADER_KIND, *NODE_EDGE_KINDS)}

NODE_KINDS = (
    {"key": "term", "label": "Concept", "color": "#2563eb", "shape": "ellipse"},
    {"key": "synonym", "label": "Synonym", "color": "#9333ea", "shape": "ellipse"},
    {"key": "tag", "label": "Tag", "color": "#ea580c", "shape": "round-diamond"},
    {"key": "note", "label": "Note", "color": "#64748b", "shape": "round-rectangle"},
)


@dataclass(frozen=True)
class Format:
    """An export format: its name, media type, the names `?format=` / `--format` accept."""

    name: str
    media_type: str
    aliases: tuple[str, ...]
    charset: bool  # whether the media type takes `; charset=utf-8`


FORMATS = (
    Format("turtle", "text/turtle", ("ttl",), True),
    Format("json-ld", "application/ld+json", ("jsonld", "json"), False),
    Format("nt", "application/n-triples", ("ntriples", "n-triples"), True),
    Format("xml", "application/rdf+xml", ("rdf", "rdfxml", "rdf+xml", "rdf/xml", "rdf-xml"),
           False),
)
_FORMAT = {f.name: f for f in FORMATS}
_FORMAT.update({alias: f for f in FORMATS for alias in f.aliases})
FORMAT_NAMES = tuple(f.name for f in FORMATS)
CHOICES = ", ".join(FORMAT_NAMES[:-1]) + " or " + FORMAT_NAMES[-1]  # turtle, json-ld, nt or xml


def fmt(name: str) -> Format:
    """The format by its name or an alias, any case; ValueError naming the choices."""
    found = _FORMAT.get(str(name).strip().lower())
    if found is None:
        raise ValueError(f"unknown format {name!r}: use {CHOICES}")
    return found


def by_media_type(media: str) -> Format | None:
    return next((f for f in FORMATS if f.media_type == media), None)


def as_json() -> dict:
    """The registry for a client (the viewer draws kinds with these colours and names)."""
    return {"relationKinds": [asdict(k) for k in RELATION_KINDS],
            "kinds": [asdict(k) for k in KINDS], "nodeKinds": list(NODE_KINDS),
            "formats": [asdict(f) for f in FORMATS]}
