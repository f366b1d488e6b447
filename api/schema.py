"""The GraphQL schema (strawberry): exactly the SDL of docs/contract.md, plus a few additions.

Resolvers read only through the request's `GraphStore` (`info.context["store"]`), taken once
when the request starts, so one request always sees one build. Read-only: there are no
mutations. Bad arguments raise `graph.store.QueryError` and come back as GraphQL errors with
`extensions.code = "BAD_USER_INPUT"`; anything unexpected is masked as "internal error"
(and logged), never a traceback.

Additions to the contract (the viewer does not rely on them): `PathStep.direction`,
`overview(notes:, synonyms:)`, `GraphStats.nodesByKind`. Additions the viewer relies on
(issue 13): `Concept.community`, `.ghost`, `.section(images:)`, `.relatedCount`;
`GraphNode.community`, `.path`, `.ghost`, `.tag`; `communities(first:)`; `layout(limit:)`.
One edge-kind vocabulary: `Relation.kind`, `PathStep.kind` and `GraphEdge.kind` are the
registry's kinds written as RelationKind's values (LINK, …, BROADER, TAGGED; see edge_kind).
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncGenerator
import logging
from datetime import datetime, timezone
from enum import Enum
from typing import Annotated, Optional

import strawberry
from strawberry import UNSET
from graphql import GraphQLError
from strawberry.extensions import (AddValidationRules, MaskErrors, MaxTokensLimiter,
                                   ParserCache, ValidationCache)
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from graph import model as m, registry
from graph.store import MAX_PAGE, MAX_WARNINGS, GraphStore, QueryError, decode_cursor, \
    encode_cursor

from .cost import DEFAULT_BUDGET, CostLimit, document_limits
from .execution import DEFAULT_QUERY_TIMEOUT, QueryTimeout, Stop, StoppableExecution, \
    run_stoppable
from .limits import clip, clip_message

log = logging.getLogger("glossgraph.api")

# Safety limits of a GraphQL document (see also the bounds in graph.store).
MAX_QUERY_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 2000
CACHE_SIZE = 256
MAX_COMMUNITIES = 1000


# --------------------------------------------------------------------------- helpers


def _store(info: strawberry.Info) -> GraphStore:
    return info.context["store"]


def _base(info: strawberry.Info) -> str | None:
    return info.context.get("base_iri")


def _iri(info: strawberry.Info, kind: str, key: str) -> str:
    from graph import rdf

    make = {"concept": rdf.concept_iri, "tag": rdf.tag_iri, "note": rdf.note_iri}[kind]
    return make(_base(info) or rdf.DEFAULT_BASE_IRI, key)


def global_id(type_name: str, key: str) -> str:
    """Relay global id: base64 of "Type:key"."""
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


def parse_global_id(gid: str) -> tuple[str, str]:
    try:
        text = base64.b64decode(gid.encode(), validate=True).decode()
    except (ValueError, UnicodeError):
        text = ""
    type_name, sep, key = text.partition(":")
    if not sep or type_name not in ("Concept", "Tag", "Note"):
        raise QueryError(f"{clip(gid)!r} is not a global id of this API (use the `id` field "
                         "of a Concept, Tag or Note)")
    return type_name, key


def _page(name: str, value: int | None, high: int = MAX_PAGE, default: int = 10) -> int:
    """A page size: null means the default; outside 0..high is an error."""
    if value is None:
        return default
    if not 0 <= value <= high:
        raise QueryError(f"{name} must be between 0 and {high} (got {value})")
    return value


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- types


@strawberry.enum(description="Kinds of RELATED_TO edges: how a relation was found.")
class RelationKind(Enum):
    LINK = m.LINK
    MENTION = m.MENTION
    HIERARCHY = m.HIERARCHY
    FRONTMATTER = m.FRONTMATTER


@strawberry.interface(description="An object with a global id (Relay).")
class Node:
    id: strawberry.ID


@strawberry.type
class Label:
    value: str
    language: str
    preferred: bool


@strawberry.type
class Source:
    file: str
    line: int

    @staticmethod
    def of(src: m.Source) -> Source:
        return Source(file=src.file, line=src.line)


@strawberry.type
class Evidence:
    file: str
    line: int
    text: str


@strawberry.type
class TextItem:
    text: str
    language: str
    source: Source


@strawberry.type
class Resource:
    url: str
    title: str
    image: bool
    source: Source


@strawberry.type
class Relation:
    kind: RelationKind
    direction: str = strawberry.field(description='"out" or "in"')
    target: Concept
    evidence: Evidence
    rule: str = strawberry.field(description="The rule that made the edge (mention, wikilink, "
                                             "listed-in-note, nesting, paren-example, …).")
    confidence: float = strawberry.field(description="How sure that rule is (0..1).")


@strawberry.type
class Concept(Node):
    model: strawberry.Private[m.Concept]

    @staticmethod
    def of(c: m.Concept | None) -> Concept | None:
        return None if c is None else Concept(id=strawberry.ID(global_id("Concept", c.id)),
                                              model=c)

    @strawberry.field(description="The readable id, e.g. rag.")
    def concept_id(self) -> str:
        return self.model.id

    @strawberry.field
    def iri(self, info: strawberry.Info) -> str:
        return _iri(info, "concept", self.model.id)

    @strawberry.field(description="The preferred label in `lang` (zh, en), else the main one.")
    def label(self, lang: Optional[str] = UNSET) -> str:
        if lang:
            return self.model.label_in(lang) or self.model.label
        return self.model.label

    @strawberry.field
    def labels(self) -> list[Label]:
        return [Label(value=x.text, language=x.lang, preferred=True) for x in self.model.labels]

    @strawberry.field
    def synonyms(self) -> list[Label]:
        return [Label(value=x.text, language=x.lang, preferred=False)
                for x in self.model.synonyms]

    @strawberry.field
    def definition(self) -> Optional[str]:
        return self.model.definition

    @strawberry.field
    def definitions(self) -> list[TextItem]:
        return [TextItem(text=t.text, language=t.lang, source=Source.of(t.source))
                for t in self.model.definitions]

    @strawberry.field
    def notes(self) -> list[TextItem]:
        return [TextItem(text=t.text, language=t.lang, source=Source.of(t.source))
                for t in self.model.notes]

    @strawberry.field
    def resources(self) -> list[Resource]:
        return [Resource(url=r.url, title=r.title, image=r.image, source=Source.of(r.source))
                for r in self.model.resources]

    @strawberry.field
    def tags(self, info: strawberry.Info) -> list[Tag]:
        store = _store(info)
        return [Tag.of(t) for t in (store.tag(tid) for tid in self.model.tags) if t]

    @strawberry.field(description="RELATED_TO relations, outgoing first.")
    def related(self, info: strawberry.Info, kinds: Optional[list[RelationKind]] = UNSET,
                first: Optional[int] = 50,
                min_confidence: Optional[float] = UNSET) -> list[Relation]:
        first = _page("first", first, default=50)
        store = _store(info)
        refs = store.relations(self.model.id, [k.value for k in kinds] if kinds else None)
        if min_confidence:
            refs = [r for r in refs if r.confidence >= min_confidence]
        out = []
        for ref in refs[:first]:
            target = store.concept(ref.target)
            if target is None:
                continue
            out.append(Relation(kind=RelationKind(ref.kind), direction=ref.direction,
                                target=Concept.of(target),
                                evidence=Evidence(file=ref.evidence.file,
                                                  line=ref.evidence.line, text=ref.text),
                                rule=ref.rule or ref.kind, confidence=ref.confidence))
        return out

    @strawberry.field(description="How many distinct concepts a relation joins it to (either "
                                  "way): `related` lists at most 100 relations, this counts "
                                  "them all. degree = these and its broader/narrower ones.")
    def related_count(self, info: strawberry.Info) -> int:
        store = _store(info)
        return len({ref.target for ref in store.relations(self.model.id)
                    if store.concept(ref.target) is not None})

    @strawberry.field
    def broader(self, info: strawberry.Info) -> list[Concept]:
        return [Concept.of(c) for c in _store(info).broader(self.model.id)]

    @strawberry.field
    def narrower(self, info: strawberry.Info) -> list[Concept]:
        return [Concept.of(c) for c in _store(info).narrower(self.model.id)]

    @strawberry.field
    def sources(self) -> list[Source]:
        return [Source.of(s) for s in self.model.sources]

    @strawberry.field(description="How many distinct concepts this one is related to.")
    def degree(self, info: strawberry.Info) -> int:
        return _store(info).degree(self.model.id)

    @strawberry.field(description="Why it is here: the extraction rule of its most confident "
                                  "occurrence (title, heading, term-item, bilingual-pair, bold, "
                                  "link-text, latin-run, wikilink, repeated-phrase, …).")
    def rule(self) -> str:
        return self.model.rule

    @strawberry.field(description="How sure the rules are, all occurrences together (0..1).")
    def confidence(self) -> float:
        return self.model.confidence

    @strawberry.field(description="Known only from wikilinks to it (a link to no note), like "
                                  "Obsidian's unresolved links.")
    def ghost(self) -> bool:
        return self.model.rule == GHOST_RULE

    @strawberry.field(description="Its topic: the community of the concept graph it is in.")
    def community(self, info: strawberry.Info) -> Optional[Community]:
        return Community.of(_store(info).community(self.model.id))

    @strawberry.field(description="The section of the note where it is defined, as HTML "
                                  "(escaped, no scripts; remote images are placeholders "
                                  "unless `images`), its labels marked.")
    def section(self, info: strawberry.Info,
                images: Optional[bool] = False) -> Optional[NoteSection]:
        return NoteSection.of(_store(info).section(self.model.id, bool(images)))


GHOST_RULE = "wikilink"  # the rule of a concept known only from links to it


@strawberry.type(description="A topic of the glossary: a community of the concept graph "
                             "(Louvain, fixed seed), named by its most central concept.")
class Community:
    id: int = strawberry.field(description="Rank by size: 0 is the largest.")
    label: str
    size: int
    center_id: str = strawberry.field(description="conceptId of the concept it is named by.")

    @staticmethod
    def of(c) -> Community | None:
        return None if c is None else Community(id=c.id, label=c.label, size=c.size,
                                                center_id=c.center)


@strawberry.type(description="A link that opens the note in an editor (when configured).")
class EditorLink:
    editor: str = strawberry.field(description="obsidian | vscode")
    name: str
    url: str


@strawberry.type(description="The part of a note where a concept is written, as HTML.")
class NoteSection:
    file: str
    line: int = strawberry.field(description="The line of the concept (1-based).")
    start_line: int
    end_line: int
    heading: str
    html: str = strawberry.field(description="Rendered Markdown: raw HTML escaped; the block "
                                             "of `line` has class=here, the labels <mark>.")
    remote_images: int = strawberry.field(description="Remote images shown as placeholders.")
    truncated: bool
    editor: list[EditorLink]

    @staticmethod
    def of(sec) -> NoteSection | None:
        if sec is None:
            return None
        return NoteSection(file=sec.file, line=sec.line, start_line=sec.start,
                           end_line=sec.end, heading=sec.heading, html=sec.html,
                           remote_images=sec.images, truncated=sec.truncated,
                           editor=[EditorLink(editor=e.editor, name=e.name, url=e.url)
                                   for e in sec.editor])


@strawberry.type(description="Where the viewer draws a node of the whole graph.")
class NodePosition:
    id: str
    x: float
    y: float


@strawberry.type
class Tag(Node):
    model: strawberry.Private[m.Tag]

    @staticmethod
    def of(t: m.Tag | None) -> Tag | None:
        return None if t is None else Tag(id=strawberry.ID(global_id("Tag", t.id)), model=t)

    @strawberry.field
    def tag_id(self) -> str:
        return self.model.id

    @strawberry.field
    def label(self) -> str:
        return self.model.label

    @strawberry.field
    def iri(self, info: strawberry.Info) -> str:
        return _iri(info, "tag", self.model.id)

    @strawberry.field(description="How many concepts carry the tag.")
    def count(self, info: strawberry.Info) -> int:
        return _store(info).tag_count(self.model.id)

    @strawberry.field
    def concepts(self, info: strawberry.Info, first: Optional[int] = 50) -> list[Concept]:
        first = _page("first", first, default=50)
        page, _ = _store(info).concepts(tag=self.model.id, limit=first)
        return [Concept.of(c) for c in page]


@strawberry.type
class Note(Node):
    model: strawberry.Private[m.Note]

    @staticmethod
    def of(n: m.Note | None) -> Note | None:
        return None if n is None else Note(id=strawberry.ID(global_id("Note", n.path)), model=n)

    @strawberry.field
    def path(self) -> str:
        return self.model.path

    @strawberry.field
    def title(self) -> str:
        return self.model.title

    @strawberry.field
    def iri(self, info: strawberry.Info) -> str:
        return _iri(info, "note", self.model.path)

    @strawberry.field
    def concept(self, info: strawberry.Info) -> Optional[Concept]:
        return Concept.of(_store(info).concept(self.model.concept)) if self.model.concept \
            else None


@strawberry.type
class Warning:  # noqa: A001
    file: str
    line: int
    message: str
    code: str


@strawberry.type
class Count:
    key: str
    count: int


@strawberry.type
class GraphStats:
    version: int
    built_at: str
    build_seconds: float
    notes: int
    concepts: int
    tags: int
    edges: int
    warnings: int
    edges_by_type: list[Count]
    nodes_by_kind: list[Count]


@strawberry.type(description="What one rebuild of the notes changed (live reload).")
class GraphChange:
    version: int
    built_at: str
    added: list[str] = strawberry.field(description="ids of concepts that appeared")
    changed: list[str] = strawberry.field(description="ids of concepts whose labels, texts, "
                                                      "tags or edges changed")
    removed: list[str] = strawberry.field(description="ids of concepts that are gone")


@strawberry.type
class SearchHit:
    concept: Concept
    score: float
    matched: str
    field: str


@strawberry.type
class GraphNode:
    id: str = strawberry.field(description='Graph node id, e.g. "term:rag".')
    kind: str = strawberry.field(description="term | tag | note | synonym")
    label: str
    concept_id: Optional[str]
    degree: int

    def _concept(self, info: strawberry.Info) -> m.Concept | None:
        return _store(info).concept(self.concept_id) if self.kind == m.TERM \
            and self.concept_id else None

    @strawberry.field(description="The community (Community.id) of a concept.")
    def community(self, info: strawberry.Info) -> Optional[int]:
        if self.kind != m.TERM or not self.concept_id:
            return None
        found = _store(info).community(self.concept_id)
        return None if found is None else found.id

    @strawberry.field(description="The note a concept is written in (its first), or a note's "
                                  "path: for folder colours and filters.")
    def path(self, info: strawberry.Info) -> Optional[str]:
        if self.kind == m.NOTE:
            return self.id.removeprefix("note:")
        c = self._concept(info)
        return c.note_paths[0] if c is not None and c.note_paths else None

    @strawberry.field(description="A concept known only from wikilinks to it.")
    def ghost(self, info: strawberry.Info) -> bool:
        c = self._concept(info)
        return c is not None and c.rule == GHOST_RULE

    @strawberry.field(description="A concept's tag with the most concepts (for tag colours).")
    def tag(self, info: strawberry.Info) -> Optional[str]:
        c = self._concept(info)
        if c is None or not c.tags:
            return None
        store = _store(info)
        return min(c.tags, key=lambda t: (-store.tag_count(t), t))


def edge_kind(edge_type: str, kind: str | None = None) -> str:
    """The one edge-kind vocabulary of the API: a kind of graph/registry.py as GraphQL writes
    enum values (RelationKind's LINK, MENTION, HIERARCHY, FRONTMATTER, then BROADER, SYNONYM,
    TAGGED, DEFINED). `Relation.kind`, `PathStep.kind` and `GraphEdge.kind` all use it."""
    if edge_type == m.RELATED_TO or edge_type is None:
        return registry.kind(kind or m.LINK).key.upper()
    return registry.kind(edge_type).key.upper()


EDGE_KINDS = " | ".join(k.key.upper() for k in registry.KINDS)


@strawberry.type
class GraphEdge:
    source: str
    target: str
    type: str = strawberry.field(description="HAS_SYNONYM | TAGGED | RELATED_TO | BROADER | "
                                             "DEFINED_IN")
    kind: Optional[str] = strawberry.field(description=f"{EDGE_KINDS}: the values of "
                                                       "RelationKind for RELATED_TO edges")


@strawberry.type
class Neighborhood:
    center: Optional[str]
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool

    @staticmethod
    def of(sub) -> Neighborhood:
        return Neighborhood(
            center=sub.center,
            nodes=[GraphNode(id=n.id, kind=n.kind, label=n.label, concept_id=n.concept_id,
                             degree=n.degree) for n in sub.nodes],
            edges=[GraphEdge(source=e.source, target=e.target, type=e.type,
                             kind=edge_kind(e.type, e.kind))
                   for e in sub.edges],
            truncated=sub.truncated)


@strawberry.type
class PathStep:
    from_: Concept = strawberry.field(name="from")
    to: Concept
    kind: str = strawberry.field(description="LINK | MENTION | HIERARCHY | FRONTMATTER | "
                                             "BROADER: the values of RelationKind, and BROADER")
    evidence: Evidence
    direction: str = strawberry.field(description='"out" when the edge points from `from` to '
                                                  '`to`, "in" when the path walks it backwards')


@strawberry.type
class Path:
    length: int
    concepts: list[Concept]
    steps: list[PathStep]


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: Optional[str]
    end_cursor: Optional[str]


@strawberry.type
class ConceptEdge:
    node: Concept
    cursor: str


@strawberry.type
class ConceptConnection:
    edges: list[ConceptEdge]
    page_info: PageInfo
    total_count: int


@strawberry.input
class ConceptFilter:
    tag: Optional[str] = UNSET
    kind: Optional[RelationKind] = UNSET
    search: Optional[str] = UNSET
    min_confidence: Optional[float] = strawberry.field(
        default=UNSET, description="Only concepts the rules are at least this sure of (0..1).")


@strawberry.type(description="A link to no note, as Obsidian calls it unresolved.")
class UnresolvedLink:
    target: str = strawberry.field(description="As written, e.g. [[Vercel]].")
    file: str
    line: int
    concept: Optional[Concept] = strawberry.field(
        description="The concept its name made, if any (a ghost: known only from links).")

    @strawberry.field(description="The note the link is written in.")
    def note(self, info: strawberry.Info) -> Optional[Note]:
        return Note.of(_store(info).note(self.file))


# --------------------------------------------------------------------------- query


def _need_concept(store: GraphStore, id_or_label: str, arg: str) -> m.Concept:
    concept = store.concept(id_or_label) or store.concept_by_label(id_or_label)
    if concept is None:
        raise QueryError(f"no concept with id or label {clip(id_or_label)!r} ({arg})")
    return concept


@strawberry.type
class Query:
    @strawberry.field(description="Any object by its global id (Relay).")
    def node(self, info: strawberry.Info, id: strawberry.ID) -> Optional[Node]:  # noqa: A002
        type_name, key = parse_global_id(str(id))
        store = _store(info)
        if type_name == "Concept":
            return Concept.of(store.concept(key))
        if type_name == "Tag":
            return Tag.of(store.tag(key))
        return Note.of(store.note(key))

    @strawberry.field(description="A concept by its readable id or by any of its labels.")
    def concept(self, info: strawberry.Info, id: Optional[str] = UNSET,  # noqa: A002
                label: Optional[str] = UNSET) -> Optional[Concept]:
        if not id and not label:
            raise QueryError("concept needs an `id` or a `label` argument")
        store = _store(info)
        if id:
            return Concept.of(store.concept(id))
        return Concept.of(store.concept_by_label(label))

    @strawberry.field(description="Concepts, a page at a time (Relay connection), sorted by id, "
                                  "or by relevance with filter.search (its 100 best matches).")
    def concepts(self, info: strawberry.Info, filter: Optional[ConceptFilter] = UNSET,  # noqa: A002
                 first: Optional[int] = 20, after: Optional[str] = UNSET) -> ConceptConnection:
        first = _page("first", first, default=20)
        offset = decode_cursor(after) + 1 if after else 0
        f = filter or ConceptFilter()
        page, total = _store(info).concepts(tag=f.tag or None,
                                            kind=f.kind.value if f.kind else None,
                                            search=f.search or None, offset=offset, limit=first,
                                            min_confidence=f.min_confidence or 0.0)
        edges = [ConceptEdge(node=Concept.of(c), cursor=encode_cursor(offset + i))
                 for i, c in enumerate(page)]
        return ConceptConnection(
            edges=edges, total_count=total,
            page_info=PageInfo(has_next_page=offset + len(page) < total,
                               has_previous_page=offset > 0,
                               start_cursor=edges[0].cursor if edges else None,
                               end_cursor=edges[-1].cursor if edges else None))

    @strawberry.field(description="Ranked search over labels, synonyms, pinyin and "
                                  "definitions (Chinese, English, typos).")
    def search(self, info: strawberry.Info, text: str,
               first: Optional[int] = 10) -> list[SearchHit]:
        first = _page("first", first, default=10)
        store = _store(info)
        out = []
        for hit in store.search(text, first=first):
            concept = store.concept(hit.concept_id)
            if concept is not None:
                out.append(SearchHit(concept=Concept.of(concept), score=float(hit.score),
                                     matched=hit.matched, field=hit.field))
        return out

    @strawberry.field
    def tags(self, info: strawberry.Info) -> list[Tag]:
        return [Tag.of(t) for t in _store(info).tags()]

    @strawberry.field(description="A tag by id or label (a leading # is ignored).")
    def tag(self, info: strawberry.Info, name: str) -> Optional[Tag]:
        return Tag.of(_store(info).tag(name))

    @strawberry.field
    def notes(self, info: strawberry.Info) -> list[Note]:
        return [Note.of(n) for n in _store(info).notes()]

    @strawberry.field(description="Nodes and edges within `depth` (1..3) steps of a concept; "
                                  "kinds filters edge types (HAS_SYNONYM, TAGGED, RELATED_TO, "
                                  "BROADER, DEFINED_IN) or relation kinds (link, mention, "
                                  "hierarchy, frontmatter).")
    def neighborhood(self, info: strawberry.Info, id: str,  # noqa: A002
                     depth: Optional[int] = 1,
                     kinds: Optional[list[str]] = UNSET) -> Neighborhood:
        store = _store(info)
        concept = _need_concept(store, id, "id")
        return Neighborhood.of(store.neighborhood(concept.id, 1 if depth is None else depth,
                                                  kinds or None))

    @strawberry.field(description="The whole graph when small, else the most connected "
                                  "concepts and their neighbours.")
    def overview(self, info: strawberry.Info, limit: Optional[int] = 400,
                 tags: Optional[list[str]] = UNSET, notes: Optional[bool] = False,
                 synonyms: Optional[bool] = False) -> Neighborhood:
        return Neighborhood.of(_store(info).overview(400 if limit is None else limit,
                                                     tags or None, notes=bool(notes),
                                                     synonyms=bool(synonyms)))

    @strawberry.field(description="A shortest chain of relations between two concepts (ids or "
                                  "labels), at most maxLength (1..6) steps; null when none.")
    def path(self, info: strawberry.Info,
             from_: Annotated[str, strawberry.argument(name="from")], to: str,
             max_length: Optional[int] = 4,
             kinds: Optional[list[str]] = UNSET) -> Optional[Path]:
        store = _store(info)
        a = _need_concept(store, from_, "from")
        b = _need_concept(store, to, "to")
        found = store.path(a.id, b.id, 4 if max_length is None else max_length, kinds or None)
        if found is None:
            return None
        concepts = {cid: Concept.of(store.concept(cid)) for cid in found.concepts}
        steps = [PathStep(from_=concepts[s.source], to=concepts[s.target],
                          kind=edge_kind(m.BROADER if s.kind in (m.BROADER, m.NARROWER)
                                         else m.RELATED_TO, s.kind),
                          direction=s.direction,
                          evidence=Evidence(file=s.evidence.file, line=s.evidence.line,
                                            text=s.text))
                 for s in found.steps]
        return Path(length=found.length, concepts=[concepts[c] for c in found.concepts],
                    steps=steps)

    @strawberry.field
    def stats(self, info: strawberry.Info) -> GraphStats:
        s = _store(info).stats()
        return GraphStats(version=s.version, built_at=_iso(s.built_at),
                          build_seconds=round(s.seconds, 4), notes=s.notes,
                          concepts=s.concepts, tags=s.tags, edges=s.edges,
                          warnings=s.warnings,
                          edges_by_type=[Count(key=k, count=n) for k, n in s.edges_by_type],
                          nodes_by_kind=[Count(key=k, count=n) for k, n in s.nodes_by_kind])

    @strawberry.field(description="Links to no note (one summary line in `warnings`).")
    def unresolved_links(self, info: strawberry.Info,
                         first: Optional[int] = 100) -> list[UnresolvedLink]:
        first = _page("first", first, MAX_WARNINGS, default=100)
        store = _store(info)
        return [UnresolvedLink(target=u.target, file=u.file, line=u.line,
                               concept=Concept.of(store.concept(u.concept)) if u.concept
                               else None)
                for u in store.unresolved_links()[:first]]

    @strawberry.field(description="Topics: communities of the concept graph, largest first.")
    def communities(self, info: strawberry.Info, first: Optional[int] = 100) -> list[Community]:
        first = _page("first", first, MAX_COMMUNITIES, default=100)
        return [Community.of(c) for c in _store(info).communities()[:first]]

    @strawberry.field(description="Positions of the nodes of overview(limit), computed once per "
                                  "build (grouped by community); empty when the overview is "
                                  "too large to be laid out on the server.")
    def layout(self, info: strawberry.Info, limit: Optional[int] = 400) -> list[NodePosition]:
        pos = _store(info).layout(400 if limit is None else limit)
        return [NodePosition(id=k, x=x, y=y) for k, (x, y) in pos.items()]

    @strawberry.field
    def warnings(self, info: strawberry.Info, first: Optional[int] = 100) -> list[Warning]:
        first = _page("first", first, MAX_WARNINGS, default=100)
        return [Warning(file=w.file, line=w.line, message=w.message, code=w.code)
                for w in _store(info).warnings()[:first]]


# --------------------------------------------------------------------------- errors, schema


def _is_user_error(error: GraphQLError) -> bool:
    original = error.original_error
    return original is None or isinstance(original, (QueryError, GraphQLError))


@strawberry.type
class Subscription:
    @strawberry.subscription(description="A message after each rebuild of the notes (the "
                                         "server follows edits unless run with --no-watch).")
    async def graph_changed(self, info: strawberry.Info) -> AsyncGenerator[GraphChange, None]:
        holder = info.context["holder"]
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue = asyncio.Queue()
        # Swaps happen on the watcher's thread: hand each snapshot over to this event loop.
        unsubscribe = holder.subscribe(
            lambda snapshot: loop.call_soon_threadsafe(queue.put_nowait, snapshot))
        try:
            while True:
                snapshot = await queue.get()
                change = snapshot.change
                yield GraphChange(version=snapshot.version,
                                  built_at=_iso(snapshot.store.stats().built_at),
                                  added=list(getattr(change, "added", [])),
                                  changed=list(getattr(change, "changed", [])),
                                  removed=list(getattr(change, "removed", [])))
        finally:
            unsubscribe()


class ErrorPolicy(MaskErrors):
    """User errors keep their message (code BAD_USER_INPUT); anything else is masked.

    Every message is clipped: an argument it repeats is cut to 80 characters ("…"), the whole
    message to 1,000 (a 2 MB argument must not come back as a 2 MB error).
    """

    def __init__(self) -> None:
        super().__init__(should_mask_error=lambda e: not _is_user_error(e),
                         error_message="internal error (logged on the server)")

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        processed = super()._process_errors(errors)
        for error in processed:
            error.message = clip_message(error.message)
            if isinstance(error.original_error, QueryError):
                error.extensions = {**(error.extensions or {}), "code": "BAD_USER_INPUT"}
            elif error.message.startswith("internal error"):
                error.extensions = {**(error.extensions or {}), "code": "INTERNAL_SERVER_ERROR"}
        return processed


def _operation_type(query: str | None, operation_name: str | None) -> OperationType | None:
    """The type of the operation a request selects; None when the document does not parse."""
    from graphql import get_operation_ast, parse

    try:
        operation = get_operation_ast(parse(query or "", max_tokens=MAX_TOKENS), operation_name)
    except GraphQLError:
        return None
    return OperationType(operation.operation.value) if operation else None


def timeout_result(seconds: float) -> ExecutionResult:
    return ExecutionResult(data=None, errors=[GraphQLError(
        f"query stopped: it ran longer than the server's limit of {seconds:g} s; ask for "
        'less (lower "first"/"limit" arguments, nest less)',
        extensions={"code": "TIMEOUT"})])


class GlossSchema(strawberry.Schema):
    """The schema, executing queries in worker threads with a time limit (api.execution).

    `execute()` — used for HTTP and for queries sent over WebSocket — runs `execute_sync` in a
    worker thread: the event loop stays free while a query works. The limit is
    `context["query_timeout"]` seconds (default 10); past it the answer is a TIMEOUT error and
    the work stops at its next field; if the awaiting task is cancelled (the client went away)
    the work stops too. Subscriptions run on the event loop as before (they only wait).
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("execution_context_class", StoppableExecution)
        super().__init__(*args, **kwargs)

    def process_errors(self, errors, execution_context=None) -> None:
        """Log unexpected errors with their traceback; user errors are the client's business."""
        for error in errors:
            if not _is_user_error(error):
                log.error("error in %s", error.path, exc_info=error.original_error)

    async def execute(self, query, variable_values=None, context_value=None, root_value=None,
                      operation_name=None, allowed_operation_types=None,
                      operation_extensions=None) -> ExecutionResult:
        stop = Stop()
        timeout: float | None = DEFAULT_QUERY_TIMEOUT
        if isinstance(context_value, dict):
            timeout = context_value.get("query_timeout", timeout)
            context_value = {**context_value, "stop": stop}  # per operation (WS shares one)

        def call() -> ExecutionResult:
            return self.execute_sync(query, variable_values, context_value, root_value,
                                     operation_name, allowed_operation_types,
                                     operation_extensions)
        try:
            result = await run_stoppable(call, stop, timeout)
        except QueryTimeout as exc:
            return timeout_result(exc.seconds)
        if isinstance(context_value, dict):
            # graphql-core's executor leaves reference cycles (holding this context) that only
            # the collector frees; one still alive when a rebuild freezes the heap
            # (graph.gcpause.settle) pinned this request's build (hundreds of MB) until the
            # next full collection. The work is done: it needs the build no more.
            context_value.pop("store", None)
            context_value.pop("snapshot", None)
        return result

    async def stream(self, query, variable_values=None, context_value=None, root_value=None,
                     operation_name=None, operation_extensions=None,
                     allowed_operation_types=None):
        """WebSocket operations: queries go through `execute` (a worker thread)."""
        kind = await asyncio.to_thread(_operation_type, query, operation_name)  # may be long
        if kind is None or kind == OperationType.SUBSCRIPTION:
            return await super().stream(query, variable_values, context_value, root_value,
                                        operation_name, operation_extensions,
                                        allowed_operation_types)
        result = await self.execute(query, variable_values, context_value, root_value,
                                    operation_name, allowed_operation_types,
                                    operation_extensions)

        async def one() -> AsyncGenerator[ExecutionResult, None]:
            yield result
        return one()


# Validation rules are built once so that the ValidationCache key stays the same. Depth and
# aliases are measured with each fragment once (api.cost): strawberry's QueryDepthLimiter and
# MaxAliasesLimiter expand every fragment spread, exponential on a "fragment bomb".
_RULES = [document_limits(MAX_QUERY_DEPTH, MAX_ALIASES)]


def make_schema() -> strawberry.Schema:
    return GlossSchema(
        query=Query,
        subscription=Subscription,
        types=[Concept, Tag, Note],
        extensions=[
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            lambda: AddValidationRules(_RULES),
            lambda: ParserCache(maxsize=CACHE_SIZE),
            lambda: ValidationCache(maxsize=CACHE_SIZE),
            lambda: CostLimit(DEFAULT_BUDGET),
            ErrorPolicy,
        ],
    )


schema = make_schema()
