"""The concept graph as SKOS RDF: export (Turtle, JSON-LD, N-Triples, RDF/XML), linked-data
descriptions of one resource, and a SHACL check of the SKOS integrity conditions.

Mapping (the vocabulary is `vocab_turtle()`, namespace `gg:` = https://glossgraph.example/vocab#):

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
  that would close a cycle is dropped) and reported by `adjustments()`;
* SKOS S27 (skos:related is disjoint with skos:broaderTransitive): two concepts linked through
  the broader hierarchy, however far apart, get no skos:related and no gg: sub-property triple
  — the hierarchy wins; each dropped pair is reported by `adjustments()`;
* tags are `skos:Concept`s of their own scheme `{base}tags` (also typed `gg:Tag`), with a
  `skos:prefLabel`; concepts and notes that carry a tag have it as `dcterms:subject`. See
  `_tag_rows` for why a tag named like a concept is `skos:exactMatch` that concept;
* notes are `foaf:Document` `{base}note/{path}` with `dcterms:title`, `gg:path` and
  `foaf:primaryTopic` (the note's own concept). Each concept has `dcterms:source` its notes
  and `gg:occurrence` one `gg:Location` `{base}note/{path}#L{line}` per place it is written
  (`gg:file`, `gg:line`, `dcterms:isPartOf` the note). Locations are IRIs, not blank nodes:
  the export holds no blank node, so it is byte-identical for the same notes.

IRIs: ids and path segments are kept readable (CJK stays as it is — IRIs allow it); what an
IRI path segment cannot hold (spaces, `%`, `#`, `?`, `/` inside an id, control and format
characters, ...) is percent-encoded as UTF-8. `resource_of(base, iri)` maps an IRI back.

Speed and determinism: the triples are generated once per BuildResult (which never changes;
they are kept while it lives) as N-Triples lines in their final order — one subject block after
the other: scheme, tag scheme, concepts by id, tags, notes, locations; predicates in a fixed
order, objects sorted. Those lines are the N-Triples export as they are (canonical N-Triples);
pyoxigraph parses them once into Triples (kept too) and writes Turtle and RDF/XML in the same
order; JSON-LD (a compact @context with the prefixes, one node object per subject) is written
directly from the lines. Same notes → byte-identical output in every format, in any process.
Memory: about 1.5× the N-Triples size per build kept (≈ 80 MB for 420k triples, +100 MB once
Turtle or RDF/XML was asked for); `clear_cache()` drops it.

Problems: `adjustments()` lists what the export repaired (broader cycles, S27 pairs) or left
out (resource URLs); `validate()` runs the SHACL shapes of graph/shapes.ttl (pySHACL) on the
exported triples and returns `Violation`s — one line each: `file:line: concept id (label):
rule: message`.

>>> concept_iri(DEFAULT_BASE_IRI, "神经网络"), note_iri("https://x.org/", "a b/c#d.md")
('https://glossgraph.example/concept/神经网络', 'https://x.org/note/a%20b/c%23d.md')
>>> resource_of("https://x.org/", "https://x.org/note/a%20b/c%23d.md")
('note', 'a b/c#d.md')
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
import weakref
from dataclasses import dataclass
from graphlib import TopologicalSorter
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox

from . import registry
from .model import BROADER, Source
from .text import lang_of, merge_key, normalize

DEFAULT_BASE_IRI = "https://glossgraph.example/"
GG = "https://glossgraph.example/vocab#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
SH = "http://www.w3.org/ns/shacl#"

PREFIXES = {"rdf": RDF, "rdfs": RDFS, "xsd": XSD, "skos": SKOS, "dcterms": DCTERMS,
            "foaf": FOAF, "gg": GG}

FORMATS = registry.FORMAT_NAMES
MEDIA_TYPES = {f.name: f.media_type for f in registry.FORMATS}
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
               "xml": ox.RdfFormat.RDF_XML}

# Relation kind → the sub-property of skos:related that keeps it.
RELATION_PROPERTIES = {k.key: k.skos for k in registry.RELATION_KINDS}

_HERE = Path(__file__).resolve().parent
VOCAB_PATH = _HERE / "vocab.ttl"
SHAPES_PATH = _HERE / "shapes.ttl"

# Predicates, in the order they are written inside a subject block.
_TYPE = RDF + "type"
_ORDER = [_TYPE, SKOS + "inScheme", SKOS + "topConceptOf", SKOS + "hasTopConcept",
          DCTERMS + "title", DCTERMS + "description", SKOS + "prefLabel", SKOS + "altLabel",
          SKOS + "definition", SKOS + "note", SKOS + "broader", SKOS + "narrower",
          SKOS + "related", *RELATION_PROPERTIES.values(), SKOS + "exactMatch",
          DCTERMS + "subject", DCTERMS + "source", GG + "occurrence", RDFS + "seeAlso",
          FOAF + "depiction", GG + "path", FOAF + "primaryTopic", GG + "file", GG + "line",
          DCTERMS + "isPartOf", GG + "rule", GG + "confidence"]


# --------------------------------------------------------------------------------------- IRIs

_SAFE_ASCII = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                        "-._~!$&'()*+,;=:@")
_segment_cache: dict[str, str] = {}


def _ucschar(ch: str) -> bool:
    """May this non-ASCII character stand unencoded in an IRI path (RFC 3987 ucschar)?

    Spaces, separators, control and format characters and unassigned code points are
    encoded even where RFC 3987 would allow them: they are invisible or ambiguous."""
    cp = ord(ch)
    if not (0xA0 <= cp <= 0xD7FF or 0xF900 <= cp <= 0xFDCF or 0xFDF0 <= cp <= 0xFFEF
            or (0x10000 <= cp <= 0xEFFFD and (cp & 0xFFFF) < 0xFFFE
                and not 0xE0000 <= cp < 0xE1000)):
        return False
    return unicodedata.category(ch)[0] not in "CZ"


def _encode(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))


def iri_segment(text: str) -> str:
    """`text` as one IRI path segment: readable, percent-encoding only what must be.

    >>> iri_segment("神经网络"), iri_segment("it/s 50%"), iri_segment("c++")
    ('神经网络', 'it%2Fs%2050%25', 'c++')
    """
    done = _segment_cache.get(text)
    if done is not None:
        return done
    out = "".join(ch if ch in _SAFE_ASCII or (ch > "\x7f" and _ucschar(ch)) else _encode(ch)
                  for ch in text)
    if out in (".", ".."):  # dot segments would be removed by IRI resolution
        out = out.replace(".", "%2E")
    if len(_segment_cache) < 200_000:
        _segment_cache[text] = out
    return out


def check_base(base_iri: str | None) -> str:
    """The base IRI to use: a valid absolute IRI ending in '/' (else ValueError)."""
    base = base_iri or DEFAULT_BASE_IRI
    if not base.endswith("/") or "#" in base or "?" in base:
        raise ValueError(f"base IRI must be an absolute IRI ending in '/': {base!r}")
    try:
        ox.NamedNode(base)
    except ValueError as exc:
        raise ValueError(f"base IRI is not a valid absolute IRI: {base!r} ({exc})") from None
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", base):
        raise ValueError(f"base IRI must be an absolute IRI ending in '/': {base!r}")
    return base


def concept_iri(base: str | None, cid: str) -> str:
    return f"{base or DEFAULT_BASE_IRI}concept/{iri_segment(cid)}"


def tag_iri(base: str | None, tid: str) -> str:
    return f"{base or DEFAULT_BASE_IRI}tag/{iri_segment(tid)}"


def note_iri(base: str | None, path: str) -> str:
    return f"{base or DEFAULT_BASE_IRI}note/" + "/".join(iri_segment(p) for p in path.split("/"))


def location_iri(base: str | None, path: str, line: int) -> str:
    return f"{note_iri(base, path)}#L{int(line)}"


def scheme_iri(base: str | None) -> str:
    return f"{base or DEFAULT_BASE_IRI}scheme"


def tag_scheme_iri(base: str | None) -> str:
    return f"{base or DEFAULT_BASE_IRI}tags"


def resource_of(base: str | None, iri: str) -> tuple[str, str] | None:
    """(kind, id) of one of our IRIs — kind concept | tag | note | scheme | tags — else None.

    A location `{note}#L{n}` gives ("note", path). The inverse of concept_iri, tag_iri, note_iri.
    """
    base = base or DEFAULT_BASE_IRI
    if not iri.startswith(base):
        return None
    rest = iri[len(base):].split("#", 1)[0]
    if rest in ("scheme", "tags"):
        return (rest, "")
    kind, _, tail = rest.partition("/")
    if kind not in ("concept", "tag", "note") or not tail:
        return None
    if kind != "note" and "/" in tail:
        return None
    return (kind, "/".join(unquote(p) for p in tail.split("/")))


_URL_SCHEMES = {"http", "https", "ftp", "ftps", "mailto"}
_ILLEGAL_ASCII = frozenset(' <>"{}|\\^`[]')
_HEX = frozenset("0123456789abcdefABCDEF")
_url_cache: dict[str, str | None] = {}


def resource_url_iri(url: str) -> str | None:
    """A resource URL as an absolute IRI, or None when it is not one we publish.

    Only http(s), ftp(s) and mailto URLs count (relative paths and app links such as
    obsidian:// are local to the author). Characters an IRI cannot hold are percent-encoded.

    >>> resource_url_iri("https://e.org/a b|c#x#y"), resource_url_iri("images/x.png")
    ('https://e.org/a%20b%7Cc#x%23y', None)
    """
    if url in _url_cache:
        return _url_cache[url]
    result = None
    text = url.strip()
    m = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", text)
    if m and m.group(1).lower() in _URL_SCHEMES:
        scheme = m.group(1).lower()
        head, rest = text[:m.end()], text[m.end():]
        if scheme != "mailto":
            if not rest.startswith("//"):
                rest = None
            else:
                end = len(rest)
                for sep in "/?#":
                    i = rest.find(sep, 2)
                    if i != -1:
                        end = min(end, i)
                head, rest = head + rest[:end], rest[end:]
        if rest is not None:
            out, fragment = [], False
            for i, ch in enumerate(rest):
                if ch == "%":
                    ok = rest[i + 1:i + 2] in _HEX and rest[i + 2:i + 3] in _HEX
                    out.append("%" if ok else "%25")
                elif ch == "#":
                    out.append("%23" if fragment else "#")
                    fragment = True
                elif ch < "\x80":
                    out.append(_encode(ch) if ch in _ILLEGAL_ASCII or ch < " " or ch == "\x7f"
                               else ch)
                else:
                    out.append(ch if _ucschar(ch) else _encode(ch))
            iri = head + "".join(out)
            try:
                ox.NamedNode(iri)
                result = iri
            except ValueError:
                result = None
    if len(_url_cache) < 100_000:
        _url_cache[url] = result
    return result


# ----------------------------------------------------------------------------------- literals

_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*\Z")


def clean_text(text: str) -> str:
    """Text as it goes into a literal: line ends as '\\n', no control character but tab and
    line feed (XML 1.0 forbids most of them; none is useful in a label or definition)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _BAD_CHARS.sub("", text)


def _lit(text: str, lang: str | None = None) -> str:
    """An N-Triples literal, escaped as canonical N-Triples (and pyoxigraph) does.

    Its quoted part is also a valid JSON string: the JSON-LD writer reuses it as it is."""
    t = clean_text(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if "\t" in t:
        t = t.replace("\t", "\\t")
    if lang and _LANG.match(lang):
        return f'"{t}"@{lang.lower()}'
    return f'"{t}"'


def _int(n: int) -> str:
    return f'"{int(n)}"^^<{XSD}integer>'


def _decimal(x: float) -> str:
    return f'"{x:.3f}"^^<{XSD}decimal>'


# ----------------------------------------------------------------------------------- problems


@dataclass(frozen=True, order=True)
class Violation:
    """A SKOS integrity rule broken by the exported graph, located at the concept's source.

    str() is one line: `file:line: concept id (label): rule: message`."""

    file: str
    line: int
    concept: str  # concept (or tag, note) id
    label: str
    rule: str
    message: str
    kind: str = "concept"  # concept | tag | note | resource
    focus: str = ""  # the IRI the rule was checked on

    def __str__(self) -> str:
        label = " ".join(self.label.split())
        message = " ".join(self.message.split())
        where = f"{self.file}:{self.line}"
        return f"{where}: {self.kind} {self.concept} ({label}): {self.rule}: {message}"


class Adjustment(Violation):
    """Something the export changed so that the graph stays valid SKOS (a cycle broken, a
    skos:related pair dropped for S27, a URL left out). Same one-line str() as Violation."""


# ------------------------------------------------------------------------------------- export


class _Export:
    """The triples of one build for one base IRI, kept as canonical N-Triples bytes.

    They are written one subject block after the other, each sorted by predicate order then
    object, so the lines are already in their final, deterministic order. `blocks` maps each
    subject to the byte span of its block; rows — (subject IRI, predicate IRI, object as an
    N-Triples term) — are read back from the bytes when needed (describe, validate, JSON-LD).
    """

    def __init__(self, result, base: str):
        self.result = result
        self.base = base
        self.blocks: dict[str, tuple[int, int]] = {}
        self.count = 0
        self.adjustments: list[Adjustment] = []
        self.locations: dict[str, list[str]] = {}  # note path → location IRIs
        self._chunks: list[bytes] = []
        self._size = 0
        self._objects: dict[str, list[tuple[int, int]]] | None = None
        self._triples: list | None = None
        self._lock = threading.Lock()
        self._make()
        self.nt = b"".join(self._chunks)
        del self._chunks

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
        concept = self.result.concepts.get(cid)
        label = concept.label if concept else cid
        src = source or (concept.sources[0] if concept and concept.sources else Source("", 0))
        self.adjustments.append(Adjustment(src.file, src.line, cid, label, rule, message, kind,
                                           concept_iri(self.base, cid)))

    def _hierarchy(self) -> dict[str, list[str]]:
        """child → parents, acyclic; cycles broken in the order of the evidence."""
        concepts = self.result.concepts
        evidence: dict[tuple[str, str], Source] = {}
        for rel in self.result.relations:
            if rel.kind != BROADER or rel.source == rel.target:
                continue
            if rel.source not in concepts or rel.target not in concepts:
                continue
            key = (rel.source, rel.target)
            if key not in evidence or rel.evidence < evidence[key]:
                evidence[key] = rel.evidence
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

    def _make(self) -> None:
        result, base = self.result, self.base
        concepts = result.concepts
        parents = self._hierarchy()
        children: dict[str, list[str]] = {}
        for child, ps in parents.items():
            for parent in ps:
                children.setdefault(parent, []).append(child)
        ancestors = _ancestors(parents)

        # Related pairs, directional kinds kept; S27: the hierarchy wins.
        kinds: dict[tuple[str, str], set[str]] = {}
        first: dict[tuple[str, str], tuple[str, int, str, str]] = {}  # pair → evidence, from, to
        for rel in result.relations:
            prop = RELATION_PROPERTIES.get(rel.kind)
            a, b = rel.source, rel.target
            if prop is None or a == b or a not in concepts or b not in concepts:
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
        for tid, tag in result.tags.items():
            cid = result.label_index.get(merge_key(tag.label))
            if cid in concepts:
                tag_match[tid] = cid
        concept_tags: dict[str, set[str]] = {}
        for tid, cid in tag_match.items():
            concept_tags.setdefault(cid, set()).add(tid)

        scheme = scheme_iri(base)
        tags_scheme = tag_scheme_iri(base)
        c_iri = {cid: concept_iri(base, cid) for cid in concepts}
        t_iri = {tid: tag_iri(base, tid) for tid in result.tags}
        n_iri = {path: note_iri(base, path) for path in result.notes}
        ref = "<{}>".format
        c_ref = {cid: f"<{iri}>" for cid, iri in c_iri.items()}
        t_ref = {tid: f"<{iri}>" for tid, iri in t_iri.items()}
        n_ref = {path: f"<{iri}>" for path, iri in n_iri.items()}

        # The schemes.
        root = Path(result.root)
        is_file = root.suffix.lower() in (".md", ".mdx", ".markdown")
        title = result.config.title or (root.stem if is_file else root.name) or "glossary"
        tops = sorted(cid for cid in concepts if cid not in parents)
        props: dict[str, set[str] | list[str]] = {
            _TYPE: [ref(SKOS + "ConceptScheme")],
            DCTERMS + "title": [_lit(title)],
            SKOS + "prefLabel": [_lit(title, lang_of(title))],
            SKOS + "hasTopConcept": [c_ref[c] for c in tops]}
        if result.config.description:
            props[DCTERMS + "description"] = [_lit(result.config.description)]
        self._block(scheme, props)
        if result.tags:
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
        for tid, tag in result.tags.items():
            for src in tag.sources:
                if src.file in n_iri:
                    note_tags.setdefault(src.file, set()).add(t_ref[tid])
        doc = [ref(FOAF + "Document")]
        for path in sorted(result.notes):
            note = result.notes[path]
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
        result = self.result
        ref = "<{}>".format
        types = [ref(SKOS + "Concept"), ref(GG + "Tag")]
        in_scheme = [ref(tags_scheme)]
        for tid in sorted(result.tags):
            tag = result.tags[tid]
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
                self._triples = [q.triple for q in
                                 ox.parse(self.nt, ox.RdfFormat.N_TRIPLES, lenient=True)]
            return self._triples

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


# One N-Triples line as the export writes it: IRIs hold no '>' nor space.
_LINE = re.compile(rb"^<([^>]*)> <([^>]*)> (.*) \.$", re.M)
_IRI_LINE = re.compile(rb"^<([^>]*)> <([^>]*)> <([^>]*)> \.$", re.M)


_ORDER_INDEX = {p: i for i, p in enumerate(_ORDER)}


def _nt_bytes(rows) -> bytes:
    return "".join([f"<{s}> <{p}> {o} .\n" for s, p, o in rows]).encode("utf-8")




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

# A BuildResult is immutable once built (a rebuild makes a new one), so its triples are made
# once per (result, base IRI) and kept while the result lives.
_cache: dict[tuple[int, str], tuple[weakref.ref, _Export]] = {}
_cache_lock = threading.Lock()
_CACHE_SIZE = 4


def _export(result, base_iri: str | None = None) -> _Export:
    base = check_base(base_iri or getattr(result.config, "base_iri", None))
    key = (id(result), base)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None and hit[0]() is result:
            return hit[1]
    export = _Export(result, base)
    with _cache_lock:
        for k in [k for k, (ref, _) in _cache.items() if ref() is None]:
            del _cache[k]
        while len(_cache) >= _CACHE_SIZE:
            del _cache[next(iter(_cache))]
        _cache[key] = (weakref.ref(result), export)
    return export


def clear_cache() -> None:
    """Forget the triples kept for builds (they are also dropped when a build is freed)."""
    with _cache_lock:
        _cache.clear()


# ------------------------------------------------------------------------------ serializing


def _format(fmt: str) -> str:
    return registry.fmt(fmt).name  # ValueError naming the formats


def prefixes(base: str | None = None) -> dict[str, str]:
    """The prefixes written in Turtle and RDF/XML and put in the JSON-LD @context."""
    base = base or DEFAULT_BASE_IRI
    names = {**PREFIXES, "concept": f"{base}concept/", "tag": f"{base}tag/",
             "note": f"{base}note/"}
    # A prefix named like the base IRI's scheme (a `tag:` base IRI, say) would make JSON-LD
    # read full IRIs of that scheme as compact ones: rename it.
    scheme = base.split(":", 1)[0].lower()
    if scheme in names:
        names[f"gg{scheme}"] = names.pop(scheme)
    return names


def _write(nt: bytes, fmt: str, base: str, triples=None) -> bytes:
    """N-Triples lines (as the export writes them) in `fmt`; `triples`: the same as
    pyoxigraph Triples, if at hand."""
    if fmt == "json-ld":
        return _jsonld(((m[1], m[2], m[3]) for m in _LINE.finditer(nt)), base)
    if fmt == "nt":
        return nt  # already canonical N-Triples, in the export's order
    if triples is None:
        triples = ox.parse(nt, ox.RdfFormat.N_TRIPLES, lenient=True)  # see _Export.triples
    return ox.serialize(triples, format=_OX_FORMATS[fmt], prefixes=prefixes(base))


class _Compactor:
    """IRI → compact IRI (prefix:suffix), in bytes, for the JSON-LD writer; the longest
    namespace wins."""

    def __init__(self, context: dict[str, str]):
        self.spaces = sorted(((ns.encode(), name.encode()) for name, ns in context.items()),
                             key=lambda x: -len(x[0]))
        self.done: dict[bytes, bytes] = {}

    def __call__(self, iri: bytes) -> bytes:
        out = self.done.get(iri)
        if out is None:
            out = iri
            for ns, name in self.spaces:
                if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith(b"//"):
                    out = name + b":" + iri[len(ns):]
                    break
            self.done[iri] = out
        return out


_TYPE_B = _TYPE.encode()
_INTEGER_B = f"^^<{XSD}integer>".encode()


def _jsonld(rows, base: str) -> bytes:
    """Compact JSON-LD: a @context with the prefixes, then one node object per subject.

    Written directly from the sorted rows, as bytes (rdflib's serializer takes about a minute
    on the largest corpus, and orders nodes by hash): the order is the Turtle's, so it is
    deterministic. Literals reuse their N-Triples escaping, which is valid JSON.
    `rows`: (subject IRI, predicate IRI, object N-Triples term) as bytes, grouped by subject.
    """
    context = prefixes(base)
    compact = _Compactor(context)
    ctx = json.dumps(context, indent=4, ensure_ascii=False).replace("\n}", "\n  }")
    out: list[bytes] = [b'{\n  "@context": ', ctx.encode("utf-8"), b',\n  "@graph": [']
    subject = pred = None
    key = b""
    values: list[bytes] = []
    for s, p, o in rows:
        if s != subject or p != pred:
            if pred is not None:
                out.append(b',\n      "' + key + b'": [' + b", ".join(values) + b"]")
            if s != subject:
                out.append(b"\n    {" if subject is None else b"\n    },\n    {")
                out.append(b'\n      "@id": "' + compact(s) + b'"')
                subject = s
            pred, values = p, []
            key = b"@type" if p == _TYPE_B else compact(p)
        if o[0] == 60:  # "<": an IRI
            iri = compact(o[1:-1])
            values.append(b'"' + iri + b'"' if p == _TYPE_B else b'{"@id": "' + iri + b'"}')
            continue
        end = o.rindex(b'"')
        text, tail = o[:end + 1], o[end + 1:]
        if not tail:
            values.append(text)
        elif tail[0] == 64:  # "@": a language tag
            values.append(b'{"@language": "' + tail[1:] + b'", "@value": ' + text + b"}")
        elif tail == _INTEGER_B:
            values.append(text[1:-1])
        else:
            values.append(b'{"@type": "' + compact(tail[3:-1]) + b'", "@value": ' + text + b"}")
    if pred is not None:
        out.append(b',\n      "' + key + b'": [' + b", ".join(values) + b"]")
        out.append(b"\n    }")
    out.append(b"\n  ]\n}\n")
    return b"".join(out)


def serialize(result, fmt: str = "turtle", base_iri: str | None = None) -> bytes:
    """The whole build as SKOS RDF in `fmt` (turtle | json-ld | nt | xml).

    base_iri: this argument, else the notes folder's config ([rdf] base_iri), else
    DEFAULT_BASE_IRI. Same notes → byte-identical output. The triples of a build are made on
    the first call and kept with it (a BuildResult does not change), so later calls only
    serialize.
    """
    fmt = _format(fmt)
    export = _export(result, base_iri)
    if fmt in ("turtle", "xml"):
        return _write(export.nt, fmt, export.base, export.triples())
    return _write(export.nt, fmt, export.base)


def triple_count(result, base_iri: str | None = None) -> int:
    """How many triples the export of `result` holds."""
    return _export(result, base_iri).count


def describe(result, kind: str, id: str, fmt: str = "turtle",  # noqa: A002 - the contract's name
             base_iri: str | None = None) -> bytes | None:
    """The description of one concept, tag or note, for a linked-data endpoint; None if unknown.

    It holds the resource's own triples (a concept's with its gg:Location occurrences, a note's
    with the locations in it), the triples of our concepts, tags and notes that point at it,
    and the labels (skos:prefLabel, dcterms:title) of everything these triples name.
    """
    fmt = _format(fmt)
    export = _export(result, base_iri)
    base = export.base
    if kind == "concept" and id in result.concepts:
        iri = concept_iri(base, id)
        extra = [o[1:-1] for _, p, o in export.block(iri) if p == GG + "occurrence"]
    elif kind == "tag" and id in result.tags:
        iri, extra = tag_iri(base, id), []
    elif kind == "note" and id in result.notes:
        iri, extra = note_iri(base, id), export.locations.get(id, [])
    else:
        return None
    chosen: set[tuple[str, str, str]] = set()
    for subject in (iri, *extra):
        chosen.update(export.block(subject))
    for start, end in export.objects().get(f"<{iri}>", ()):
        for row in export.rows(start, end):
            if "#" not in row[0][len(base):]:  # from our resources, not from locations
                chosen.add(row)
    own = {iri, *extra}
    named = {t for s, _, o in chosen for t in (s, o[1:-1] if o[0] == "<" else None)
             if t and t not in own}
    for subject in named:
        for row in export.block(subject):
            if row[1] in (SKOS + "prefLabel", DCTERMS + "title"):
                chosen.add(row)
    rank = {iri: 0, **{x: 1 for x in extra}}
    ordered = sorted(chosen, key=lambda r: (rank.get(r[0], 2), r[0],
                                            _ORDER_INDEX.get(r[1], 999), r[1], r[2]))
    return _write(_nt_bytes(ordered), fmt, base)


def vocab_turtle() -> str:
    """The glossgraph vocabulary (gg:) as Turtle, with prefixes skos, dcterms, rdfs and gg."""
    return VOCAB_PATH.read_text(encoding="utf-8")


def shapes_turtle() -> str:
    """The SHACL shapes that `validate` checks, as Turtle."""
    return SHAPES_PATH.read_text(encoding="utf-8")


def adjustments(result, base_iri: str | None = None) -> list[Adjustment]:
    """What the export changed to keep the graph valid SKOS (broader cycles broken, S27
    skos:related pairs dropped) or left out (resource URLs that are not absolute IRIs)."""
    return list(_export(result, base_iri).adjustments)


# -------------------------------------------------------------------------------- validation

# The predicates the shapes look at: validation reads only these triples of the export.
_VALIDATED = {_TYPE, SKOS + "prefLabel", SKOS + "altLabel", SKOS + "hiddenLabel",
              SKOS + "broader", SKOS + "narrower", SKOS + "related"}
_HIERARCHY = (SKOS + "broader", SKOS + "narrower")
_VALIDATED_LINE = re.compile(rb"^<([^>]*)> <(" + b"|".join(re.escape(p.encode()) for p in
                                                           sorted(_VALIDATED)) + rb")> (.*) \.$",
                             re.M)
_shapes_graph = None
_UNESCAPE = re.compile(r"\\(.)")
_UNESCAPED = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r"}


def _shapes():
    global _shapes_graph
    if _shapes_graph is None:
        import rdflib

        g = rdflib.Graph()
        g.parse(SHAPES_PATH, format="turtle")
        _shapes_graph = g
    return _shapes_graph


def _rdflib_graph(rows):
    """An rdflib Graph of export rows, made term by term (faster than parsing N-Triples)."""
    import rdflib

    uri: dict[str, rdflib.URIRef] = {}

    def iri(text: str) -> rdflib.URIRef:
        node = uri.get(text)
        if node is None:
            node = uri[text] = rdflib.URIRef(text)
        return node

    def term(o: str):
        if o[0] == "<":
            return iri(o[1:-1])
        end = o.rindex('"')
        text, tail = o[1:end], o[end + 1:]
        if "\\" in text:
            text = _UNESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(1)), text)
        if tail.startswith("@"):
            return rdflib.Literal(text, lang=tail[1:])
        if tail.startswith("^^"):
            return rdflib.Literal(text, datatype=iri(tail[3:-1]))
        return rdflib.Literal(text)

    g = rdflib.Graph()
    g.addN((iri(s), iri(p), term(o), g) for s, p, o in rows)
    return g


def validate(result, base_iri: str | None = None) -> list[Violation]:
    """Check the exported graph against the SKOS integrity shapes (graph/shapes.ttl).

    Rules: S13 prefLabel / altLabel / hiddenLabel pairwise disjoint, S14 at most one prefLabel
    per language, S27 skos:related disjoint with skos:broaderTransitive, no skos:broader cycle,
    every concept has a prefLabel. pySHACL runs with SHACL-SPARQL and no inference, over the
    triples those rules read: skos:Concept types, labels, skos:broader (skos:narrower folded
    into it) and the skos:related triples that could break S27 (from a concept with a broader
    one to a concept with a narrower one, each pair taken both ways).
    One Violation per problem, located at the concept's first source; sorted. What the export
    itself repaired is in `adjustments()`.
    """
    export = _export(result, base_iri)
    related, broader, narrower = SKOS + "related", SKOS + "broader", SKOS + "narrower"
    read = [(m[1].decode(), m[2].decode(), m[3].decode())
            for m in _VALIDATED_LINE.finditer(export.nt)]
    has_parent = {s for s, p, _ in read if p == broader} | \
        {o[1:-1] for _, p, o in read if p == narrower}
    has_child = {o[1:-1] for _, p, o in read if p == broader} | \
        {s for s, p, _ in read if p == narrower}
    rows: dict[tuple[str, str, str], None] = {}
    concept = f"<{SKOS}Concept>"
    for s, p, o in read:
        if p == _TYPE and o != concept:
            continue
        if p == narrower:  # folded into skos:broader (see graph/shapes.ttl)
            rows[(o[1:-1], broader, f"<{s}>")] = None
        elif p == related:
            # Only a concept with something above it, related to one with something below
            # it, can break S27: keep those, both ways (skos:related is symmetric).
            target = o[1:-1]
            if s in has_parent and target in has_child:
                rows[(s, p, o)] = None
            if target in has_parent and s in has_child:
                rows[(target, p, f"<{s}>")] = None
        else:
            rows[(s, p, o)] = None
    return validate_graph(_rdflib_graph(rows), result, export.base, normalized=True)


def validate_graph(data, result=None, base_iri: str | None = None,
                   normalized: bool = False) -> list[Violation]:
    """Run the SKOS shapes on an rdflib Graph; map focus nodes back to concepts of `result`.

    Unless `normalized`, a copy of `data` first gets the triples the shapes take for granted:
    skos:related in both directions, skos:broader for each skos:narrower.
    """
    import rdflib
    from pyshacl import validate as shacl

    base = base_iri or (result.config.base_iri if result is not None else DEFAULT_BASE_IRI)
    if not normalized:
        skos = rdflib.Namespace(SKOS)
        copy = rdflib.Graph()
        for triple in data:
            copy.add(triple)
        for s, o in data.subject_objects(skos.narrower):
            copy.add((o, skos.broader, s))
        for s, o in data.subject_objects(skos.related):
            copy.add((o, skos.related, s))
        data = copy
    shapes = _shapes()
    _conforms, report, _text = shacl(data, shacl_graph=shapes, inference="none",
                                     advanced=True, allow_warnings=True)
    sh = rdflib.Namespace(SH)
    out: set[Violation] = set()
    for res in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = report.value(res, sh.focusNode)
        shape = report.value(res, sh.sourceShape)
        value = report.value(res, sh.value)
        constraint = report.value(res, sh.sourceConstraint)
        rule = str(shapes.value(shape, rdflib.RDFS.label) or shape)
        message = str(shapes.value(shape, sh.message)
                      or (constraint is not None and shapes.value(constraint, sh.message))
                      or report.value(res, sh.resultMessage) or "")
        if value is not None and value != focus:
            message += f": {_show(value, result, base)}"
        out.add(_locate(str(focus), rule, message, result, base))
    return sorted(out)


def _show(term, result, base: str) -> str:
    """A value in a message: a concept as `id (label)`, a literal as its N-Triples form."""
    import rdflib

    if isinstance(term, rdflib.URIRef):
        found = resource_of(base, str(term))
        if found and found[0] == "concept" and result is not None and found[1] in result.concepts:
            return f"{found[1]} ({result.concepts[found[1]].label})"
        return f"<{term}>"
    return term.n3()


def _locate(focus: str, rule: str, message: str, result, base: str) -> Violation:
    found = resource_of(base, focus)
    kind, rid = found if found else ("resource", focus)
    label, src = rid, Source("", 0)
    if result is not None:
        if kind == "concept" and rid in result.concepts:
            c = result.concepts[rid]
            label, src = c.label, (c.sources[0] if c.sources else src)
        elif kind == "tag" and rid in result.tags:
            t = result.tags[rid]
            label, src = t.label, (min(t.sources) if t.sources else src)
        elif kind == "note" and rid in result.notes:
            label, src = result.notes[rid].title, Source(rid, 1)
    return Violation(src.file or "-", src.line, rid, label, rule, message, kind, focus)
