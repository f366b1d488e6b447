"""The records that flow through a build: notes → extracted records → merged concepts.

Everything here is plain data (frozen where it can be) so that one note's records can be
cached, compared between builds and sent across processes.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass, field, fields
from operator import attrgetter

# Node kinds and edge types of the networkx graph (see graph.nxgraph).
TERM, SYNONYM, TAG, NOTE = "term", "synonym", "tag", "note"
HAS_SYNONYM, TAGGED, RELATED_TO = "HAS_SYNONYM", "TAGGED", "RELATED_TO"
BROADER, NARROWER, DEFINED_IN = "BROADER", "NARROWER", "DEFINED_IN"
# Kinds of RELATED_TO edges.
LINK, MENTION, HIERARCHY, FRONTMATTER = "link", "mention", "hierarchy", "frontmatter"
RELATION_KINDS = (LINK, MENTION, HIERARCHY, FRONTMATTER)


def quick_pickle(cls):
    """Give a slotted dataclass a state that is its values in field order.

    `dataclass(slots=True)` pickles through a `__setstate__` that calls `fields()` for every
    object: the author's notebook's half-million cached records took 1.6 s of CPU to load,
    0.85 s when each is made by its class from its values.

    >>> import pickle
    >>> pickle.loads(pickle.dumps(Source("a.md", 3)))
    Source(file='a.md', line=3)
    """
    get = attrgetter(*(f.name for f in fields(cls)))
    many = len(fields(cls)) > 1

    def __reduce__(self):
        return cls, get(self) if many else (get(self),)

    cls.__reduce__ = __reduce__
    return cls


@quick_pickle
@dataclass(frozen=True, order=True, slots=True)
class Source:
    """Where something was read: a note path relative to the notes folder, and a 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@quick_pickle
@dataclass(frozen=True, order=True, slots=True)
class Warning:  # noqa: A001 - the build's own notion of a warning, not the builtin
    """A problem found in the notes; the build goes on after each one."""

    file: str
    line: int
    message: str
    code: str = "note"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@quick_pickle
@dataclass(frozen=True, slots=True)
class Label:
    """A name of a concept. `lang` is "zh" when the text holds CJK, else "en"."""

    text: str
    lang: str


@quick_pickle
@dataclass(frozen=True, slots=True)
class Text:
    """A definition or note, with where it was read."""

    text: str
    source: Source
    lang: str


@quick_pickle
@dataclass(frozen=True, slots=True)
class Resource:
    """A URL or image found under a concept."""

    url: str
    title: str
    source: Source
    image: bool = False


@quick_pickle
@dataclass(frozen=True, slots=True)
class TermRecord:
    """One occurrence of a concept in one note, as the extraction rules saw it.

    `names` are the labels that name the concept here (at most one per language is taken
    as a preferred candidate, in order); `synonyms` are further names. `key` identifies the
    occurrence inside its note so that other records can point at it (`parent`).
    """

    key: int
    names: tuple[Label, ...]
    synonyms: tuple[Label, ...]
    source: Source
    origin: str  # "title" | "heading" | "item" | "paragraph" | "prose"
    parent: int | None = None  # key of the broader term in the same note
    parent_relation: str = BROADER  # BROADER, HIERARCHY ("listed in the note about"), MENTION
    rule: str = ""  # the extraction rule that found it (graph/rules/…), for "why is this here?"
    confidence: float = 1.0  # how sure that rule is that this names a concept (0..1)


@quick_pickle
@dataclass(frozen=True, slots=True)
class LinkRecord:
    """A wikilink or relative Markdown link from the term `owner` (a record key)."""

    owner: int | None
    target: str  # as written: note name, title, alias or relative path
    anchor: str
    source: Source
    text: str
    kind: str = "wikilink"  # "wikilink" | "path" | "frontmatter"
    # The inline field the link is the value of, as graph.rules.links.field_relation reads
    # it: "up" (the owner is narrower than the target), "down" (the target is narrower than
    # the owner) or "" (a plain link).
    field: str = ""


@dataclass
class NoteRecords:
    """Everything one note contributes to the graph. A pure function of the note's bytes."""

    path: str
    title: str
    aliases: tuple[str, ...] = ()
    tags: tuple[tuple[str, Source], ...] = ()
    terms: list[TermRecord] = field(default_factory=list)
    definitions: dict[int, list[Text]] = field(default_factory=dict)
    notes: dict[int, list[Text]] = field(default_factory=dict)
    resources: dict[int, list[Resource]] = field(default_factory=dict)
    term_tags: dict[int, list[tuple[str, Source]]] = field(default_factory=dict)
    links: list[LinkRecord] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    title_key: int | None = None  # the record key of the note's own concept


def share_values(rec: NoteRecords, shared: dict | None = None) -> NoteRecords:
    """Hold each value of one note's records once, in place, and return them: equal sources,
    labels, tuples of labels, numbers and rule names become one object, and label texts are
    interned (`sys.intern`: shared with other notes while any holds them). A note's records
    read from a pickle give each record its own `Source`, line, key and confidence (1.16
    million objects for the 345 notes of the author's notebook, a third of them kept from
    now on); nothing reads them by identity. `shared`: a table of labels and tuples of
    labels kept from call to call, so that notes read together share those too (the
    notebook's records held 58,000 labels and 55,000 tuples of them for 23,000 values each). Call it on records nothing else holds yet (the
    objects are frozen: they are changed here, before anyone reads them).

    >>> rec = NoteRecords("n.md", "n", terms=[
    ...     TermRecord(1000, (Label("RAG", "en"),), (), Source("n.md", 300), "item", None,
    ...                confidence=0.75),
    ...     TermRecord(1001, (Label("RAG", "en"),), (), Source("n.md", 300), "item", 1000,
    ...                confidence=0.75)])
    >>> a, b = share_values(rec).terms
    >>> a.source is b.source, a.names is b.names, a.key is b.parent, a.confidence is b.confidence
    (True, True, True, True)
    >>> a == TermRecord(1000, (Label("RAG", "en"),), (), Source("n.md", 300), "item", None,
    ...                 confidence=0.75)
    True
    """
    values: dict = {}  # by type: 1 == 1.0 == True are one key in a dict
    floats: dict = {}
    labels: dict = {} if shared is None else shared
    # Keys and lines are shared with the notes read together too (56,000 int objects of
    # the notebook's records were one note's own). Ints only (no float nor bool is put in
    # `labels`): a Label or a tuple never equals one.
    ints: dict = labels
    set_ = object.__setattr__

    def number(x):
        if type(x) is int:
            return ints.setdefault(x, x)
        if type(x) is float and x == x and (x or math.copysign(1.0, x) > 0):  # not nan, -0.0
            return floats.setdefault(x, x)
        return x

    def source(src):
        if type(src) is not Source:
            return src
        found = values.get(src)
        if found is None:
            found = values[src] = src
            set_(src, "file", sys.intern(src.file))
            set_(src, "line", number(src.line))
        return found

    def label(x):
        found = labels.get(x)
        if found is None:
            found = labels[x] = x
            set_(x, "text", sys.intern(x.text))
            set_(x, "lang", sys.intern(x.lang))
        return found

    def names(xs: tuple) -> tuple:
        found = labels.get(xs)
        if found is None:
            found = tuple(label(x) for x in xs)
            labels[found] = found  # keyed by itself: `xs` may hold labels of its own
        return found

    def text(x):
        set_(x, "source", source(x.source))
        if hasattr(x, "lang"):
            set_(x, "lang", sys.intern(x.lang))
        return x

    for term in rec.terms:
        set_(term, "key", number(term.key))
        set_(term, "names", names(term.names))
        set_(term, "synonyms", names(term.synonyms))
        set_(term, "source", source(term.source))
        set_(term, "origin", sys.intern(term.origin))
        if term.parent is not None:
            set_(term, "parent", number(term.parent))
        set_(term, "parent_relation", sys.intern(term.parent_relation))
        set_(term, "rule", sys.intern(term.rule))
        set_(term, "confidence", number(term.confidence))
    for table in (rec.definitions, rec.notes, rec.resources):
        items = list(table.items())
        table.clear()
        for key, texts in items:
            table[number(key)] = [text(x) for x in texts]
    term_tags = list(rec.term_tags.items())
    rec.term_tags.clear()
    for key, tags in term_tags:
        rec.term_tags[number(key)] = [(sys.intern(tag), source(src)) for tag, src in tags]
    rec.tags = tuple((sys.intern(tag), source(src)) for tag, src in rec.tags)
    for link in rec.links:
        if link.owner is not None:
            set_(link, "owner", number(link.owner))
        set_(link, "source", source(link.source))
    if rec.title_key is not None:
        rec.title_key = number(rec.title_key)
    return rec


@quick_pickle
@dataclass(slots=True)
class Relation:
    """A typed edge between two concepts with the evidence that produced it."""

    source: str  # concept id
    target: str  # concept id
    kind: str
    evidence: Source
    text: str = ""
    rule: str = ""  # the rule that made the edge
    confidence: float = 1.0


class _NoItems(list):
    """The one empty list that concepts without synonyms, texts, resources or tags hold: 75,000
    empty lists on the author's notebook (4 MB). Reads as any empty list (equal to `[]`,
    shown as `[]`, pickled as itself); adding to it raises, so that no concept can change
    another's.

    >>> NO_ITEMS == [], repr(NO_ITEMS), [*NO_ITEMS, 1]
    (True, '[]', [1])
    >>> NO_ITEMS.append(1)
    Traceback (most recent call last):
    ...
    TypeError: a concept's empty list is shared: make a list of its own to add to
    """

    __slots__ = ()

    def _shared(self, *args, **kwargs):
        raise TypeError("a concept's empty list is shared: make a list of its own to add to")

    append = extend = insert = remove = pop = clear = sort = reverse = _shared
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _shared

    def __reduce__(self):
        return _no_items, ()


def _no_items() -> list:
    return NO_ITEMS


NO_ITEMS = _NoItems()


def sized(items: list) -> list:
    """`items` as a concept keeps it: `NO_ITEMS` when empty, else a list of its exact size
    (one grown item by item keeps room for more).

    >>> sized([]) is NO_ITEMS, sized([1, 2])
    (True, [1, 2])
    """
    return [*items] if items else NO_ITEMS


@dataclass(slots=True)
class Concept:
    """A merged concept: every occurrence of one term across the notes."""

    id: str
    labels: list[Label]  # preferred labels, at most one per language, main one first
    synonyms: list[Label]
    definitions: list[Text] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # tag ids
    sources: list[Source] = field(default_factory=list)
    note_paths: list[str] = field(default_factory=list)
    label_sources: dict[str, Source] = field(default_factory=dict)  # normalized label → first seen
    rule: str = ""  # the rule of its most confident occurrence
    confidence: float = 1.0  # evidence of all its occurrences combined (0..1)

    @property
    def label(self) -> str:
        return self.labels[0].text

    def label_in(self, lang: str) -> str | None:
        return next((lbl.text for lbl in self.labels if lbl.lang == lang), None)

    @property
    def definition(self) -> str | None:
        return self.definitions[0].text if self.definitions else None

    def all_labels(self) -> list[Label]:
        return [*self.labels, *self.synonyms]


@dataclass
class Tag:
    id: str
    label: str
    sources: list[Source] = field(default_factory=list)


@dataclass
class Note:
    path: str
    title: str
    concept: str | None = None  # id of the note's own concept
