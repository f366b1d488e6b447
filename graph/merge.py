"""Records of all notes → merged concepts, tags, notes and the structural relations.

Two occurrences are one concept when a name of one and a name of the other normalize to the
same key (NFKC, case, width, spaces). A synonym glues concepts too, unless it is claimed as a
synonym by two concepts whose names clearly differ — then both are kept apart and the
collision is reported. Everything is sorted first, so the result does not depend on the order
in which files were read.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from .model import (BROADER, FRONTMATTER, HIERARCHY, LINK, Concept, Label, Note, NoteRecords,
                    Relation, Source, Tag, TermRecord, Warning)
from .resolve import NoteIndex
from .text import normalize, short_hash, slug


@dataclass
class Merged:
    concepts: dict[str, Concept] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)  # RELATED_TO and BROADER
    warnings: list[Warning] = field(default_factory=list)
    label_index: dict[str, str] = field(default_factory=dict)  # normalized label → concept id
    occurrence: dict[tuple[str, int], str] = field(default_factory=dict)  # (path, key) → id


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller index wins, so the root is the earliest occurrence: order-independent.
            self.parent[max(ra, rb)] = min(ra, rb)


def tag_id(label: str) -> str:
    return slug(label.replace("/", "-"))


def merge(records: list[NoteRecords]) -> Merged:
    records = sorted(records, key=lambda r: r.path)
    occs: list[tuple[NoteRecords, TermRecord]] = [(r, t) for r in records for t in r.terms]
    uf = _UnionFind(len(occs))
    warnings: list[Warning] = []

    # 1. Same name → same concept.
    by_name: dict[str, int] = {}
    for i, (_, term) in enumerate(occs):
        for label in term.names:
            key = normalize(label.text)
            if key in by_name:
                uf.union(by_name[key], i)
            else:
                by_name[key] = i
    roots = [uf.find(i) for i in range(len(occs))]
    group_names: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for i, (_, term) in enumerate(occs):
        for label in term.names:
            group_names[roots[i]][label.lang].add(normalize(label.text))

    # 2. A shared synonym glues groups, unless two groups claim it and clearly differ.
    holders: dict[str, dict[int, bool]] = defaultdict(dict)  # syn key → {group: as name?}
    for i, (_, term) in enumerate(occs):
        for label in term.synonyms:
            holders[normalize(label.text)].setdefault(roots[i], False)
    for key in holders:
        if key in by_name:
            holders[key][roots[by_name[key]]] = True
    for key in sorted(holders):
        groups = holders[key]
        if len(groups) < 2:
            continue
        syn_only = sorted(g for g, as_name in groups.items() if not as_name)
        clash = [(a, b) for a, b in combinations(syn_only, 2)
                 if _conflict(group_names[a], group_names[b])]
        if clash:
            a, b = clash[0]
            ta, tb = occs[a][1], occs[b][1]
            warnings.append(Warning(
                tb.source.file, tb.source.line,
                f"synonym collision: '{key}' names both '{ta.names[0].text}' ({ta.source}) and "
                f"'{tb.names[0].text}'; kept apart", "collision"))
            continue
        first = min(groups)
        for g in groups:
            uf.union(first, g)

    # 3. Build concepts from the final groups.
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(occs)):
        members[uf.find(i)].append(i)
    merged = Merged(warnings=warnings)
    concepts_by_root: dict[int, Concept] = {}
    for root, idxs in members.items():
        concepts_by_root[root] = _concept(occs, idxs)
    _assign_ids(concepts_by_root)
    for root, idxs in members.items():
        concept = concepts_by_root[root]
        merged.concepts[concept.id] = concept
        for i in idxs:
            rec, term = occs[i]
            merged.occurrence[(rec.path, term.key)] = concept.id
    for concept in sorted(merged.concepts.values(), key=lambda c: c.id):
        for label in concept.all_labels():
            merged.label_index.setdefault(normalize(label.text), concept.id)

    # 4. Texts, resources, tags, notes.
    for rec in records:
        cid_of = lambda key: merged.occurrence.get((rec.path, key))  # noqa: E731
        title_id = cid_of(rec.title_key)
        merged.notes[rec.path] = Note(rec.path, rec.title, title_id)
        for key, texts in rec.definitions.items():
            merged.concepts[cid_of(key)].definitions.extend(texts)
        for key, texts in rec.notes.items():
            merged.concepts[cid_of(key)].notes.extend(texts)
        for key, items in rec.resources.items():
            merged.concepts[cid_of(key)].resources.extend(items)
        for label, source in rec.tags:
            tag = merged.tags.setdefault(tag_id(label), Tag(tag_id(label), label))
            tag.sources.append(source)
        for key, tags in rec.term_tags.items():
            concept = merged.concepts[cid_of(key)]
            for label, _source in tags:
                if tag_id(label) not in concept.tags:
                    concept.tags.append(tag_id(label))
        # 5. Structure: broader edges and "listed in the note about" edges.
        for term in rec.terms:
            if term.parent is None:
                continue
            child, parent = cid_of(term.key), cid_of(term.parent)
            if child == parent:
                continue
            kind = BROADER if term.parent_relation == BROADER else HIERARCHY
            merged.relations.append(Relation(child, parent, kind, term.source,
                                             term.names[0].text))
        # Front matter tags naming a concept relate the note's concept to it.
        for label, source in rec.tags:
            target = merged.label_index.get(normalize(label))
            if target and title_id and target != title_id and source.line <= 2:
                merged.relations.append(Relation(title_id, target, FRONTMATTER, source,
                                                 f"tag: {label}"))
    for concept in merged.concepts.values():
        concept.definitions.sort(key=lambda t: t.source)
        concept.notes.sort(key=lambda t: t.source)
    return merged


def _conflict(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    """Two groups clearly differ when, in some language, both have names and none is shared."""
    return any(lang in b and not (names & b[lang]) for lang, names in a.items())


def _concept(occs, idxs: list[int]) -> Concept:
    name_count: Counter[str] = Counter()
    first_seen: dict[str, tuple[Source, int]] = {}
    display: dict[str, Label] = {}
    head_count: Counter[str] = Counter()
    synonyms: list[Label] = []
    sources: list[Source] = []
    paths: list[str] = []
    label_sources: dict[str, Source] = {}
    for order, i in enumerate(sorted(idxs, key=lambda i: occs[i][1].source)):
        rec, term = occs[i]
        sources.append(term.source)
        if rec.path not in paths:
            paths.append(rec.path)
        for pos, label in enumerate(term.names):
            key = normalize(label.text)
            name_count[key] += 1
            if pos == 0:
                head_count[key] += 1
            first_seen.setdefault(key, (term.source, order))
            display.setdefault(key, label)
        synonyms.extend(term.synonyms)
        for label in (*term.names, *term.synonyms):
            label_sources.setdefault(normalize(label.text), term.source)
    # Main label: the name most often written first, then the earliest.
    ranked = sorted(name_count, key=lambda k: (-head_count[k], -name_count[k], first_seen[k]))
    labels: list[Label] = []
    for key in ranked:
        label = display[key]
        if all(x.lang != label.lang for x in labels):
            labels.append(label)
    taken = {normalize(x.text) for x in labels}
    syn_out: list[Label] = []
    for label in [*(display[k] for k in ranked), *synonyms]:
        key = normalize(label.text)
        if key not in taken:
            taken.add(key)
            syn_out.append(label)
    return Concept(id="", labels=labels, synonyms=syn_out, sources=sources, note_paths=paths,
                   label_sources=label_sources)


def _assign_ids(concepts: dict[int, Concept]) -> None:
    """Readable ids from the main label; a clash gets a short hash of its label."""
    taken: set[str] = set()
    for concept in sorted(concepts.values(), key=lambda c: (normalize(c.label), c.label)):
        cid = slug(concept.label)
        if cid in taken:
            cid = f"{cid}-{short_hash(normalize(concept.label) + concept.sources[0].file)}"
        taken.add(cid)
        concept.id = cid


def resolve_links(merged: Merged, records: list[NoteRecords]) -> None:
    """Wikilinks and relative links → RELATED_TO(link) edges; unresolved ones → warnings."""
    index = NoteIndex(merged, records)
    for rec in sorted(records, key=lambda r: r.path):
        title_id = merged.notes[rec.path].concept
        for link in rec.links:
            owner = merged.occurrence.get((rec.path, link.owner)) if link.owner is not None \
                else title_id
            owner = owner or title_id
            target = index.resolve(rec.path, link)
            if target is None:
                shown = f"[[{link.target}]]" if link.kind == "wikilink" else link.target
                merged.warnings.append(Warning(link.source.file, link.source.line,
                                               f"unresolved link: {shown}", "link"))
                continue
            if target != owner and owner:
                kind = FRONTMATTER if link.kind == "frontmatter" else LINK
                merged.relations.append(Relation(owner, target, kind, link.source,
                                                 link.text or link.target))
