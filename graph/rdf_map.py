"""The model as SKOS triples: what each concept, tag, note and location becomes in RDF.

Mapping (the vocabulary is graph/vocab.ttl, namespace `gg:` = https://glossgraph.example/vocab#):

* the glossary is one `skos:ConceptScheme` `{base}scheme` (dcterms:title / dcterms:description
  from the config's [rdf] title / description, else the notes folder's name);
* each concept is a `skos:Concept` `{base}concept/{id}`, `skos:inScheme` the scheme, and
  `skos:topConceptOf` it (the scheme `skos:hasTopConcept` it) when it has no broader concept;
  `skos:prefLabel` per language (@zh, @en; at most one each), `skos:altLabel` for synonyms (never
  equal to one of its prefLabels), `skos:definition` / `skos:note` with their language, and
  `rdfs:seeAlso` for each resource URL that is an absolute http(s)/ftp/mailto IRI (images are
  also `foaf:depiction`; other URLs — relative paths, app links — are left out);
* RELATED_TO edges are `skos:related` in both directions, plus the sub-property of
  skos:related that keeps the edge kind, in the direction the edge was found: `gg:linksTo`
  (link), `gg:mentions` (mention), `gg:listedUnder` (hierarchy), `gg:frontMatterRef`
  (frontmatter);
* BROADER edges are `skos:broader` and `skos:narrower`, both directions. Cycles are broken
  deterministically (edges are added in the order of their evidence, file then line; an edge
  that would close a cycle is dropped) and reported as adjustments;
* SKOS S27 (skos:related is disjoint with skos:broaderTransitive): two concepts linked through
  the broader hierarchy, however far apart, get no skos:related and no gg: sub-property triple
  — the hierarchy wins; each dropped pair is reported as an adjustment;
* tags are `skos:Concept`s of their own scheme `{base}tags` (also typed `gg:Tag`), with a
  `skos:prefLabel`; concepts and notes that carry a tag have it as `dcterms:subject`. See
  `_tag_rows` for why a tag named like a concept is `skos:exactMatch` that concept;
* notes are `foaf:Document` `{base}note/{path}` with `dcterms:title`, `gg:path` and
  `foaf:primaryTopic` (the note's own concept). Each concept has `dcterms:source` its notes
  and `gg:occurrence` one `gg:Location` `{base}note/{path}#L{line}` per place it is written
  (`gg:file`, `gg:line`, `dcterms:isPartOf` the note). Locations are IRIs, not blank nodes:
  the export holds no blank node, so it is byte-identical for the same notes.

Two layers, for named graphs (`glossgraph push`): the triples of one note are its
foaf:Document block and the blocks of the locations in it (`note_graph`); everything else —
the schemes, concepts and tags, merged across notes — is the concept layer (`concept_layer`).
Together they are the whole export, each triple in exactly one of them.

The triples are read through the `GraphStore` interface only (a few batch calls), written as
canonical N-Triples lines in their final order — one subject block after the other: scheme,
tag scheme, concepts by id, tags, notes, locations; predicates in a fixed order, objects
sorted — and kept per store (`export_of`). Memory: about 1.5× the N-Triples size per store
kept; `clear_cache()` drops them.
"""

from __future__ import annotations

import threading
import weakref
from graphlib import TopologicalSorter
from pathlib import Path

import pyoxigraph as ox

from .build import BuildResult
from .gcpause import paused
from .model import Source
from .rdf_terms import (_IRI_LINE, _LINE, _ORDER_INDEX, _TYPE, DCTERMS, FOAF, GG,
                        RELATION_PROPERTIES, RDFS, SKOS, Adjustment, _decimal, _int, _lit,
                        check_base, clean_text, concept_iri, note_iri, resource_url_iri,
                        scheme_iri, tag_iri, tag_scheme_iri)
from .store import GraphStore, MemoryStore
from .text import lang_of

HIERARCHY_KIND = "broader"  # the kind of a BROADER edge in GraphStore.edges_of

# ------------------------------------------------------------------------------------- export


class _Export:
    """The triples of one build for one base IRI, kept as canonical N-Triples bytes.

    They are written one subject block after the other, each sorted by predicate order then
    object, so the lines are already in their final, deterministic order. `blocks` maps each
    subject to the byte span of its block; rows — (subject IRI, predicate IRI, object as an
    N-Triples term) — are read back from the bytes when needed (describe, validate, JSON-LD).
    """

    def __init__(self, store: GraphStore, base: str):
        # Weakly, unless `keep`: an export kept in the cache must not keep a version alive
        # (a server's old store, and the build under it) after its snapshot is gone.
        self._store = weakref.ref(store)
        self._kept: GraphStore | None = None
        self.base = base
        # The whole graph, read through the store in a few batch calls.
        ids = store.concept_ids()
        self.concepts = store.concepts_by_id(ids)
        self.edges = store.edges_of(ids, "out")
        self.tags = {t.id: t for t in store.tags()}
        self.notes = {n.path: n for n in store.notes()}
        self.meta = store.meta()
        self.blocks: dict[str, tuple[int, int]] = {}
        self.count = 0
        self.adjustments: list[Adjustment] = []
        self.locations: dict[str, list[str]] = {}  # note path → location IRIs
        self._chunks: list[bytes] = []
        self._size = 0
        self._objects: dict[str, list[tuple[int, int]]] | None = None
        self._triples: list | None = None
        self._lock = threading.Lock()
        self._make(store)
        self.nt = b"".join(self._chunks)
        del self._chunks

    @property
    def store(self) -> GraphStore | None:
        """The store this export was made from, while it lives."""
        return self._kept if self._kept is not None else self._store()

    # -- building

    def _block(self, subject: str, props: dict[str, set[str] | list[str]]) -> None:
        lines = []
        append = lines.append
        for pred in sorted(props, key=_ORDER_INDEX.__getitem__):
            values = props[pred]
            head = f"<{subject}> <{pred}> "
            if len(values) == 1:
                append(f"{head}{next(iter(values))} .\n")
            else:
                for obj in sorted(set(values)):
                    append(f"{head}{obj} .\n")
        data = "".join(lines).encode("utf-8")
        start = self._size
        self._size += len(data)
        self._chunks.append(data)
        self.blocks[subject] = (start, self._size)
        self.count += len(lines)

    def _adjust(self, cid: str, rule: str, message: str, source: Source | None = None,
                kind: str = "concept") -> None:
        concept = self.concepts.get(cid)
        label = concept.label if concept else cid
        src = source or (concept.sources[0] if concept and concept.sources else Source("", 0))
        self.adjustments.append(Adjustment(src.file, src.line, cid, label, rule, message, kind,
                                           concept_iri(self.base, cid)))

    def _hierarchy(self) -> dict[str, list[str]]:
        """child → parents, acyclic; cycles broken in the order of the evidence."""
        concepts = self.concepts
        evidence: dict[tuple[str, str], Source] = {}
        for cid, refs in self.edges.items():
            for ref in refs:
                if ref.kind != HIERARCHY_KIND or ref.target == cid or ref.target not in concepts:
                    continue
                key = (cid, ref.target)
                if key not in evidence or ref.evidence < evidence[key]:
                    evidence[key] = ref.evidence
        parents: dict[str, list[str]] = {}
        for child, parent in evidence:
            parents.setdefault(child, []).append(parent)
        cyclic = _cyclic_nodes(parents)
        if cyclic:
            kept: dict[str, list[str]] = {}
            for child, ps in parents.items():
                for parent in ps:
                    if not (child in cyclic and parent in cyclic):
                        kept.setdefault(child, []).append(parent)
            inner = sorted((ev, child, parent) for (child, parent), ev in evidence.items()
                           if child in cyclic and parent in cyclic)
            for ev, child, parent in inner:
                path = _find_path(kept, parent, child)
                if path is not None:  # parent already reaches child: this edge closes a cycle
                    cycle = " → ".join([child, *path])
                    self._adjust(child, "no broader cycle",
                                 f"skos:broader {parent} dropped: it closes the cycle {cycle}",
                                 ev)
                    continue
                kept.setdefault(child, []).append(parent)
            parents = kept
        return {c: sorted(ps) for c, ps in parents.items()}

    def _make(self, store: GraphStore) -> None:
        base = self.base
        concepts = self.concepts
        parents = self._hierarchy()
        children: dict[str, list[str]] = {}
        for child, ps in parents.items():
            for parent in ps:
                children.setdefault(parent, []).append(child)
        ancestors = _ancestors(parents)

        # Related pairs, directional kinds kept; S27: the hierarchy wins.
        kinds: dict[tuple[str, str], set[str]] = {}
        first: dict[tuple[str, str], tuple[str, int, str, str]] = {}  # pair → evidence, from, to
        for a, b, rel in ((a, ref.target, ref) for a, refs in self.edges.items()
                          for ref in refs):
            prop = RELATION_PROPERTIES.get(rel.kind)
            if prop is None or a == b or b not in concepts:
                continue
            props = kinds.get((a, b))
            if props is None:
                props = kinds[(a, b)] = set()
            props.add(prop)
            pair = (a, b) if a < b else (b, a)
            ev = (rel.evidence.file, rel.evidence.line, a, b)
            if pair not in first or ev < first[pair]:
                first[pair] = ev
        related: dict[str, set[str]] = {}
        sub: dict[str, dict[str, set[str]]] = {}
        pruned: set[tuple[str, str]] = set()
        empty: frozenset = frozenset()
        for (a, b), props in kinds.items():
            pair = (a, b) if a < b else (b, a)
            if pair in pruned:
                continue
            if b in ancestors.get(a, empty) or a in ancestors.get(b, empty):
                pruned.add(pair)
                continue
            related.setdefault(a, set()).add(b)
            related.setdefault(b, set()).add(a)
            for prop in props:
                sub.setdefault(a, {}).setdefault(prop, set()).add(b)
        for pair in sorted(pruned, key=first.__getitem__):
            file, line, owner, other = first[pair]
            where = "broader" if other in ancestors.get(owner, empty) else "narrower"
            self._adjust(owner, "S27 skos:related is disjoint with skos:broaderTransitive",
                         f"skos:related {other} dropped: it is {where} (transitively)",
                         Source(file, line))

        # Tags matched to concepts by label (see _tag_rows).
        tag_match: dict[str, str] = {}
        for tid, tag in self.tags.items():
            match = store.concept_by_label(tag.label)
            if match is not None and match.id in concepts:
                tag_match[tid] = match.id
        concept_tags: dict[str, set[str]] = {}
        for tid, cid in tag_match.items():
            concept_tags.setdefault(cid, set()).add(tid)

        scheme = scheme_iri(base)
        tags_scheme = tag_scheme_iri(base)
        c_iri = {cid: concept_iri(base, cid) for cid in concepts}
        t_iri = {tid: tag_iri(base, tid) for tid in self.tags}
        n_iri = {path: note_iri(base, path) for path in self.notes}
        ref = "<{}>".format
        c_ref = {cid: f"<{iri}>" for cid, iri in c_iri.items()}
        t_ref = {tid: f"<{iri}>" for tid, iri in t_iri.items()}
        n_ref = {path: f"<{iri}>" for path, iri in n_iri.items()}

        # The schemes.
        title = self.meta.title
        tops = sorted(cid for cid in concepts if cid not in parents)
        props: dict[str, set[str] | list[str]] = {
            _TYPE: [ref(SKOS + "ConceptScheme")],
            DCTERMS + "title": [_lit(title)],
            SKOS + "prefLabel": [_lit(title, lang_of(title))],
            SKOS + "hasTopConcept": [c_ref[c] for c in tops]}
        if self.meta.description:
            props[DCTERMS + "description"] = [_lit(self.meta.description)]
        self._block(scheme, props)
        if self.tags:
            tags_title = f"Tags of {title}"
            self._block(tags_scheme, {
                _TYPE: [ref(SKOS + "ConceptScheme")],
                DCTERMS + "title": [_lit(tags_title)],
                SKOS + "prefLabel": [_lit(tags_title, "en")],
                SKOS + "hasTopConcept": [ref(t) for t in t_iri.values()]})

        # Concepts.
        concept_type = [ref(SKOS + "Concept")]
        in_scheme = [ref(scheme)]
        for cid in sorted(concepts):
            c = concepts[cid]
            me = c_iri[cid]
            props = {_TYPE: concept_type, SKOS + "inScheme": in_scheme}
            if cid not in parents:
                props[SKOS + "topConceptOf"] = in_scheme
            prefs: list[str] = []
            langs: set[str] = set()
            for label in c.labels:
                text = clean_text(label.text).strip()
                if not text:
                    continue
                if label.lang in langs:
                    self._adjust(cid, "S14 at most one skos:prefLabel per language",
                                 f"second skos:prefLabel@{label.lang} {text!r} written as "
                                 "skos:altLabel")
                    continue
                langs.add(label.lang)
                prefs.append(_lit(text, label.lang))
            if not prefs:
                prefs.append(_lit(cid))
            alts = {_lit(text, lb.lang) for lb in (*c.synonyms, *c.labels)
                    if (text := clean_text(lb.text).strip())}
            alts.difference_update(prefs)
            props[SKOS + "prefLabel"] = prefs
            if alts:
                props[SKOS + "altLabel"] = alts
            definitions = [_lit(t.text, t.lang) for t in c.definitions if t.text.strip()]
            if definitions:
                props[SKOS + "definition"] = definitions
            notes = [_lit(t.text, t.lang) for t in c.notes if t.text.strip()]
            if notes:
                props[SKOS + "note"] = notes
            if cid in parents:
                props[SKOS + "broader"] = [c_ref[p] for p in parents[cid]]
            if cid in children:
                props[SKOS + "narrower"] = [c_ref[x] for x in children[cid]]
            if cid in related:
                props[SKOS + "related"] = [c_ref[x] for x in related[cid]]
                for prop, targets in sub.get(cid, {}).items():
                    props[prop] = [c_ref[x] for x in targets]
            if cid in concept_tags:
                props[SKOS + "exactMatch"] = [t_ref[t] for t in concept_tags[cid]]
            tags = [t_ref[t] for t in c.tags if t in t_iri]
            if tags:
                props[DCTERMS + "subject"] = tags
            sources = [n_ref[p] for p in c.note_paths if p in n_iri]
            if sources:
                props[DCTERMS + "source"] = sources
            occurrences = [f"<{n_iri[s.file]}#L{s.line}>" for s in c.sources
                           if s.file in n_iri]
            if occurrences:
                props[GG + "occurrence"] = occurrences
            see, depict = set(), set()
            for res in c.resources:
                iri = resource_url_iri(res.url)
                if iri is None:
                    continue
                see.add(ref(iri))
                if res.image:
                    depict.add(ref(iri))
            if see:
                props[RDFS + "seeAlso"] = see
            if depict:
                props[FOAF + "depiction"] = depict
            if c.rule:  # why is this here: the rule that found it, and how sure it is
                props[GG + "rule"] = [_lit(c.rule)]
                props[GG + "confidence"] = [_decimal(c.confidence)]
            self._block(me, props)

        # Tags.
        self._tag_rows(t_iri, c_ref, tag_match, tags_scheme)

        # Notes and the locations in them.
        note_tags: dict[str, set[str]] = {}
        for tid, tag in self.tags.items():
            for src in tag.sources:
                if src.file in n_iri:
                    note_tags.setdefault(src.file, set()).add(t_ref[tid])
        doc = [ref(FOAF + "Document")]
        for path in sorted(self.notes):
            note = self.notes[path]
            props = {_TYPE: doc, DCTERMS + "title": [_lit(note.title or Path(path).stem)],
                     GG + "path": [_lit(path)]}
            if note.concept in c_iri:
                props[FOAF + "primaryTopic"] = [c_ref[note.concept]]
            if path in note_tags:
                props[DCTERMS + "subject"] = note_tags[path]
            self._block(n_iri[path], props)
        places: set[tuple[str, int]] = {(s.file, s.line) for c in concepts.values()
                                         for s in c.sources if s.file in n_iri}
        loc_type = [ref(GG + "Location")]
        for path, line in sorted(places):
            iri = f"{n_iri[path]}#L{line}"
            self.locations.setdefault(path, []).append(iri)
            self._block(iri, {_TYPE: loc_type, GG + "file": [_lit(path)],
                              GG + "line": [_int(line)], DCTERMS + "isPartOf": [n_ref[path]]})

        # Resource URLs left out (reported, not violations).
        for cid in sorted(concepts):
            for res in concepts[cid].resources:
                if resource_url_iri(res.url) is None:
                    self._adjust(cid, "rdfs:seeAlso needs an absolute http(s)/ftp/mailto IRI",
                                 f"resource {res.url!r} left out", res.source, "resource")

    def _tag_rows(self, t_iri, c_ref, tag_match, tags_scheme) -> None:
        """Tags: `skos:Concept`s (and `gg:Tag`s) of their own scheme, not of the glossary.

        A tag whose label equals a label (preferred or synonym, compared normalized) of a
        concept gets `skos:exactMatch` that concept, in both directions. skos:exactMatch is a
        mapping property, meant between concepts of different schemes: that is why tags live
        in `{base}tags` and not in the glossary's scheme. A tag has no skos:broader or
        skos:related, so the match can never meet them (SKOS S46: exactMatch is disjoint with
        broadMatch and relatedMatch; S27 is untouched). Concepts carrying the tag point to it
        with `dcterms:subject`, which is not a SKOS semantic relation.
        """
        ref = "<{}>".format
        types = [ref(SKOS + "Concept"), ref(GG + "Tag")]
        in_scheme = [ref(tags_scheme)]
        for tid in sorted(self.tags):
            tag = self.tags[tid]
            label = clean_text(tag.label).strip() or tid
            props = {_TYPE: types, SKOS + "inScheme": in_scheme,
                     SKOS + "topConceptOf": in_scheme,
                     SKOS + "prefLabel": [_lit(label, lang_of(label))]}
            if tid in tag_match:
                props[SKOS + "exactMatch"] = [c_ref[tag_match[tid]]]
            self._block(t_iri[tid], props)

    # -- reading

    def rows(self, start: int = 0, end: int | None = None) -> list[tuple[str, str, str]]:
        """The triples of the byte span [start, end) as (subject, predicate, object) rows."""
        return [(m[1].decode(), m[2].decode(), m[3].decode())
                for m in _LINE.finditer(self.nt, start, len(self.nt) if end is None else end)]

    def block(self, subject: str) -> list[tuple[str, str, str]]:
        span = self.blocks.get(subject)
        return self.rows(*span) if span else []

    def triples(self) -> list:
        """The triples as pyoxigraph Triples, in order (made on first use, then kept: Turtle
        and RDF/XML are then written without parsing the lines again)."""
        with self._lock:
            if self._triples is None:
                # The lines were generated here from checked IRIs and escaped literals: no
                # need to validate them again (lenient parsing is about twice as fast).
                with paused():
                    self._triples = [q.triple for q in
                                     ox.parse(self.nt, ox.RdfFormat.N_TRIPLES, lenient=True)]
            return self._triples

    def note_graph(self, path: str) -> bytes:
        """The N-Triples of one note's named graph: its document and its locations."""
        spans = [self.blocks[s] for s in (note_iri(self.base, path), *self.locations.get(path, ()))
                 if s in self.blocks]
        return b"".join(self.nt[a:b] for a, b in spans)

    def concept_layer(self) -> list[tuple[str, tuple[int, int]]]:
        """The subject blocks that are no note's own (schemes, concepts, tags), as (subject,
        byte span of its lines), in order."""
        own: set[str] = set()
        for path in self.notes:
            own.add(note_iri(self.base, path))
            own.update(self.locations.get(path, ()))
        return [(s, span) for s, span in self.blocks.items() if s not in own]

    def objects(self) -> dict[str, list[tuple[int, int]]]:
        """IRI object term → byte spans of the lines that point at it (built on first use)."""
        with self._lock:
            if self._objects is None:
                index: dict[str, list[tuple[int, int]]] = {}
                rdf_type = _TYPE.encode()
                for m in _IRI_LINE.finditer(self.nt):
                    if m[2] != rdf_type:
                        index.setdefault(f"<{m[3].decode()}>", []).append(m.span())
                self._objects = index
            return self._objects





def _cyclic_nodes(parents: dict[str, list[str]]) -> set[str]:
    """Nodes on some cycle of child → parent edges (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cyclic: set[str] = set()
    counter = 0
    for root in sorted(parents):
        if root in index:
            continue
        work = [(root, iter(parents.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(parents.get(nxt, ()))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    x = stack.pop()
                    on_stack.discard(x)
                    component.append(x)
                    if x == node:
                        break
                if len(component) > 1:
                    cyclic.update(component)
    return cyclic


def _find_path(parents: dict[str, list[str]], start: str, goal: str) -> list[str] | None:
    """A path start → … → goal along parent edges (breadth first, sorted), else None."""
    if start == goal:
        return [start]
    prev: dict[str, str] = {start: start}
    queue = [start]
    for node in queue:
        for nxt in sorted(parents.get(node, ())):
            if nxt in prev:
                continue
            prev[nxt] = node
            if nxt == goal:
                path = [goal]
                while path[-1] != start:
                    path.append(prev[path[-1]])
                return path[::-1]
            queue.append(nxt)
    return None


def _ancestors(parents: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    """child → every concept above it (the transitive closure of an acyclic hierarchy)."""
    result: dict[str, frozenset[str]] = {}
    empty: frozenset[str] = frozenset()
    for node in TopologicalSorter(parents).static_order():
        ps = parents.get(node)
        if not ps:
            continue
        acc = set(ps)
        for p in ps:
            acc |= result.get(p, empty)
        result[node] = frozenset(acc)
    return result


# -------------------------------------------------------------------------------- the cache

# A store is an immutable snapshot (a rebuild makes a new one), so its triples are made once
# per (store, base IRI) and kept while the store lives. A BuildResult passed instead is read
# through a MemoryStore made for it (and kept with its triples).
_cache: dict[tuple[int, str], tuple[weakref.ref, _Export]] = {}
_cache_lock = threading.Lock()
_CACHE_SIZE = 4


def as_store(source) -> GraphStore:
    """`source` as a GraphStore: a store as it is; a BuildResult through a MemoryStore."""
    if isinstance(source, BuildResult):
        return MemoryStore(source, search_now=False)  # an export searches nothing
    return source


def _base_of(source) -> str | None:
    if isinstance(source, BuildResult):
        return getattr(source.config, "base_iri", None)
    return source.meta().base_iri or None


def export_of(source, base_iri: str | None = None) -> _Export:
    """The triples of a store (or a BuildResult) for a base IRI: made once, then kept."""
    base = check_base(base_iri or _base_of(source))
    key = (id(source), base)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None and hit[0]() is source:
            return hit[1]
    store = as_store(source)
    with paused():  # millions of small objects, all kept: no collections while they are made
        export = _Export(store, base)
    if store is not source:
        export._kept = store  # made for a build: it lives as long as the export
    with _cache_lock:  # (an entry whose source is gone went with it: `_forget`)
        while len(_cache) >= _CACHE_SIZE:
            del _cache[next(iter(_cache))]
        # the callback holds the cache itself: at exit the module's globals are gone first
        _cache[key] = (weakref.ref(source, lambda ref, key=key, cache=_cache:
                                   _forget(cache, key, ref)), export)
    return export


def _forget(cache: dict, key: tuple[int, str], ref: weakref.ref) -> None:
    """A source is gone: so is its export (the triples of a whole version). No lock: this
    runs when the source is freed, perhaps in a thread that holds `_cache_lock`."""
    entry = cache.get(key)
    if entry is not None and entry[0] is ref:
        cache.pop(key, None)


_export = export_of  # the name tests and older callers use


def clear_cache() -> None:
    """Forget the triples kept for stores and builds (also dropped when those are freed)."""
    with _cache_lock:
        _cache.clear()
