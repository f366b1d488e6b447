"""The canonical graph, kept up to date by per-note deltas.

`Assembly` holds every note's records and what was made of them: the concepts merged from the
notes' term occurrences (graph.merge), what each note gives besides (its `NotePart`: texts,
tags, structure, links), what each concept gives by itself (its head-word and mention
relations), and the typed nodes and out-edges the store reads (graph.nxgraph).

`update(changes)` retracts what the changed notes gave and adds what they give now. Only the
groups of occurrences that share a key with a changed occurrence are merged again; only the
notes and concepts that depended on something that changed (a concept id, a label lookup,
another note's concept, a text) are worked out again; only their nodes and edges are made
again. A first build is one update from empty, so both paths run the same code. Adding,
removing or renaming a note (or changing a title or aliases) changes what links resolve to:
the notes whose links now find another note are updated with it (`_renamed`). An occurrence
that only moved in its note's records (a bullet added above it) keeps its merge
(`matching_terms`).

>>> from graph.extract import extract_text
>>> from graph.config import Config
>>> a = Assembly(set())
>>> d = a.update({"a.md": extract_text("a.md", "# A\\n- RAG(检索增强生成): 用向量检索。", Config())})
>>> sorted(a.concepts)
['a', 'rag']
>>> d = a.update({"a.md": extract_text("a.md", "# A\\n- RAG: 检索增强生成。", Config())})
>>> d.full, sorted(d.concepts)
(False, ['rag'])
"""

from __future__ import annotations

import dataclasses
import sys
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from collections.abc import Callable
from itertools import chain

from .link import MentionIndex
from .merge import (NotePart, UnresolvedLink, concept_ids, dendron_parents, group,
                    head_candidates, head_relation, id_order, index_owner, kept_terms,
                    make_concept, note_name_keys, note_part, occurrence_keys, page_link_slugs,
                    translation_key, unresolved_warning)
from .model import (BROADER, Concept, Note, NoteRecords, Relation, Source, Tag, TermRecord,
                    Warning, sized)
from .nxgraph import (node_id, note_edges, note_node, synonym_node, tag_node, term_edges,
                      term_node, term_node_attrs)
from .resolve import NoteIndex
from .text import has_cjk, merge_key, normalize, slug
from .versioned import Tracked

# An occurrence: a note's number (`Assembly._note_no`) times OCC_STRIDE plus the index of the
# term record in the note. One int instead of a (path, index) tuple and an index of its own:
# 133,000 occurrences on the author's notebook, each held by three tables.
Occ = int
OCC_STRIDE = 1 << 32
MENTION_BATCH = 512  # concepts whose mentions are found together (graph.link.mentions_many)


@dataclass
class Delta:
    """What one update changed: concept ids (added, removed or possibly changed) and graph
    nodes made again or removed. `full`: made from empty (everything may have changed); its
    sets are then empty (listing every concept and node, they were 3 MB on the author's
    notebook, kept by the build being served, and nothing reads them)."""

    full: bool
    concepts: set[str] = field(default_factory=set)
    nodes: set[str] = field(default_factory=set)


class _Few(tuple):
    """Two to `FEW` values under one key of a one-or-more index, in a tuple (a set of two
    costs 216 bytes, this 56; most keys that have more than one value have a few)."""

    __slots__ = ()


FEW = 16  # past this many values under one key, a set (tuples are searched value by value)


def _put(index: dict, key, value) -> None:
    """Add `value` under `key` of a one-or-more index: the value itself while it is the only
    one, a `_Few` tuple of up to FEW, a set past that (most keys have one; a set costs 216
    bytes). Values are never sets nor `_Few` themselves; each value is held once."""
    found = index.get(key)
    if found is None:
        index[key] = value
    elif type(found) is _Few:
        if value not in found:
            index[key] = _Few((*found, value)) if len(found) < FEW else {*found, value}
    elif type(found) is set:
        found.add(value)
    elif found != value:
        index[key] = _Few((found, value))


def _take(index: dict, key, value) -> None:
    """Remove `value` from under `key` of a one-or-more index (see `_put`)."""
    found = index.get(key)
    if found is None:
        return
    if type(found) is _Few:
        if value in found:
            rest = [v for v in found if v != value]
            index[key] = rest[0] if len(rest) == 1 else _Few(rest)
    elif type(found) is set:
        found.discard(value)
        if len(found) == 1:
            index[key] = next(iter(found))
        elif not found:
            del index[key]
        elif len(found) <= FEW // 2:  # back to a tuple well below the size it became a set
            index[key] = _Few(found)
    elif found == value:
        del index[key]


def _under(index: dict, key):
    """The values under `key` of a one-or-more index (see `_put`)."""
    found = index.get(key)
    if found is None:
        return ()
    return found if type(found) is set or type(found) is _Few else (found,)


def _slot(key: str) -> int:
    """Where `Assembly._key_occs` files a merge key: its hash, an int of 32 bytes, not the
    string (0.9 MB less on the author's notebook, 5.4 MB at 2,000 synthetic notes). Two keys
    in one slot would only make a region larger, by whole groups of occurrences joined by
    their keys, which merge again as they were (60 bits: a chance of one in two million
    that any two of a million keys share one)."""
    return hash(key) & _SLOT_BITS


_SLOT_BITS = (1 << 60) - 1  # an int of two 30-bit digits


def _put_occ(index: dict, slot: int, occ: Occ) -> None:
    """Add an occurrence under a slot of `Assembly._key_occs`: the int alone while it is the
    only one, then an array of machine ints (as sets and `_Few` tuples of int objects they
    were 13 MB on the author's notebook: most keys have one occurrence, a few thousands). An
    occurrence is put under the slot of each of its keys (twice in one slot if two keys
    share it), and taken from them before it is put again, so it is appended unchecked."""
    found = index.get(slot)
    if found is None:
        index[slot] = occ
    elif type(found) is array:
        found.append(occ)
    else:
        index[slot] = array("q", (found, occ))


def _take_occ(index: dict, slot: int, occ: Occ) -> None:
    """Remove an occurrence (once) from under a slot of `Assembly._key_occs` (see `_put_occ`)."""
    found = index.get(slot)
    if type(found) is array:
        try:
            found.remove(occ)
        except ValueError:
            return
        if len(found) == 1:
            index[slot] = found[0]
    elif found == occ:
        del index[slot]


def _occs_under(index: dict, slot: int):
    """The occurrences under a slot of `Assembly._key_occs` (see `_put_occ`)."""
    found = index.get(slot)
    if found is None:
        return ()
    return found if type(found) is array else (found,)


def _head_bucket(key: str) -> str:
    """Where `Assembly._head_wanted` files a head-word key: the last two characters of a
    Chinese one, the last five of another with a plural ending taken off. The keys a label's
    head words give (its ends, their plurals) share one or two buckets: a concept holds one or
    two entries instead of a string per key (six on average at 10k synthetic notes, 145 MB).

    >>> [_head_bucket(k) for k in ("脂肪酸", "饱和脂肪酸", "vocriovem", "vocriovems", "registries")]
    ['肪酸', '肪酸', 'iovem', 'iovem', 'istry']
    """
    if has_cjk(key[-1:]):
        return sys.intern(key[-2:])
    if key.endswith("ies"):
        key = key[:-3] + "y"
    elif key.endswith(("shes", "ches", "xes")):
        key = key[:-2]
    elif key.endswith("s"):
        key = key[:-1]
    return sys.intern(key[-5:])


def matching_terms(old: NoteRecords, new: NoteRecords, old_kept, new_kept) -> dict[int, int]:
    """Which of a note's old term records (by index) are written again, unchanged, in its new
    records, and where: a bullet appended near the top shifts every later record (and record
    keys, which are positions) without changing them. Records compare by content, a parent
    by its content; the matching keeps their order (so merging sees them as a fresh build
    would).

    >>> from graph.model import Label, NoteRecords, Source, TermRecord
    >>> def rec(*names):
    ...     return NoteRecords("n.md", "n", terms=[TermRecord(k, (Label(x, "en"),), (),
    ...                        Source("n.md", 1), "item") for k, x in enumerate(names)])
    >>> matching_terms(rec("a", "b"), rec("new", "a", "b"), [0, 1], [0, 1, 2])
    {0: 1, 1: 2}
    """

    def signatures(rec: NoteRecords, kept) -> list[tuple]:
        by_key = {t.key: t for t in rec.terms}

        def own(t) -> tuple:
            return (t.names, t.synonyms, t.source, t.origin, t.parent_relation, t.rule,
                    t.confidence, t.key == rec.title_key)

        out = []
        for i in kept:
            t = rec.terms[i]
            parent = by_key.get(t.parent) if t.parent is not None else None
            out.append((own(t), own(parent) if parent is not None else t.parent))
        return out

    waiting: dict[tuple, list[int]] = {}
    for i, sig in zip(old_kept, signatures(old, old_kept)):
        waiting.setdefault(sig, []).append(i)
    out: dict[int, int] = {}
    last = -1
    for j, sig in zip(new_kept, signatures(new, new_kept)):
        olds = waiting.get(sig)
        if olds:
            i = olds.pop(0)
            if i > last:  # out of order: merged again, like a changed record
                out[i] = j
                last = i
    return out


def _indexes(indexes: list[int], size: int) -> array:
    """Indexes into a list of `size` as an array of the narrowest machine ints that hold
    them (two bytes for any note below 65,536 term records, eight before)."""
    return array("H" if size <= 1 << 16 else "I" if size <= 1 << 32 else "q", indexes)


def _once(make: Callable, arg) -> Callable[[], object]:
    """`make(arg)`, made when first asked for (most notes' page links never are)."""
    made = []

    def get():
        if not made:
            made.append(make(arg))
        return made[0]
    return get


def _itself(path: str) -> str:
    return path


def _changed(old: dict, new: dict) -> set:
    """Keys whose values differ between two dicts (present in one only, too)."""
    return {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}


class Assembly:
    """The graph of a notes folder as one set of structures, changed note by note."""

    def __init__(self, stop_labels: set[str]):
        self.stop_labels = stop_labels
        self._reset()

    def _reset(self) -> None:
        self.records: dict[str, NoteRecords] = {}
        # Notes whose records have warnings, whose part has links to no note: what is read
        # for each version, instead of every note.
        self._warned: set[str] = set()
        self._unresolved_in: set[str] = set()
        self._names: dict[str, tuple] = {}  # path → (title, aliases): what links resolve by
        self._note_names: set[str] = set()
        self._note_index = NoteIndex([])
        self._dendron: dict[str, str] = {}
        # Occurrences, their merge keys and concepts.
        self._note_no: dict[str, int] = {}  # path → its number in occurrences (`Occ`)
        self._note_at: list[str] = []  # number → path
        # The indexes of a note's term records that are occurrences (`kept_terms`), as
        # machine ints (`_indexes`): an int object each past 256 (97,000 on the author's
        # notebook).
        self._note_occs: dict[str, array] = {}
        self._title_occ: dict[str, int | None] = {}
        # Occurrences by merge key's `_slot` (one or more: `_put_occ`). An occurrence's keys
        # are not kept: they are worked out again from its note's records (`_reach`), which
        # change with them (kept by note in tuples, they were 7.5 MB more at 2,000 synthetic
        # notes).
        self._key_occs: dict[int, Occ | array] = {}
        # By note, a list by term record index: an occurrence's concept (None: not an
        # occurrence, or no concept). A list, not a table by occurrence: 133,000 occurrences
        # on the author's notebook were a dict of 5 MB.
        self._occ_cid: dict[str, list[str | None]] = {}
        self._occ_warnings: dict[Occ, list[Warning]] = {}
        # Indexes of one or more values (`_put`, `_take`, `_under`: a value alone, a set of 2+).
        self._slugs: dict[str, str | set[str]] = {}
        # Concepts as merged (`_bare`: their texts empty tuples until they are made) and with
        # their texts (`concepts`); once made, `_bare` holds the concept with its texts, which
        # merging reads as it would the bare one (one Concept each, not two: 17,000 on the
        # author's notebook); label lookups.
        self._bare: dict[str, Concept] = {}
        self.concepts: Tracked = Tracked()  # str → Concept
        self.label_index: Tracked = Tracked()  # str → str
        # label key → concepts with it as a preferred label, as a synonym (one or more: `_put`)
        self._label_holders: tuple[dict, dict] = ({}, {})
        self._mention_holders: tuple[dict, dict] = ({}, {})
        self._mention_owner: dict[str, str] = {}
        self._mentions = MentionIndex(self.stop_labels)
        # What notes give, and what that depended on.
        self.notes: Tracked = Tracked()  # str → Note
        self.parts: Tracked = Tracked()  # str → NotePart
        self._key_watchers: dict[str, str | set[str]] = {}
        self._note_watchers: dict[str, str | set[str]] = {}
        self._cid_watchers: dict[str, str | set[str]] = {}
        self._text_notes: dict[str, str | set[str]] = {}  # concept → notes giving it texts
        self._rel_notes: dict[str, str | set[str]] = {}  # concept → notes with relations from it
        self._broader_notes: dict[str, str | set[str]] = {}  # … with BROADER relations to it
        # What concepts give by themselves.
        self._head: Tracked = Tracked()  # str → Relation | None
        # `_head_bucket` of each key a concept's head words look up → the concepts: which
        # concepts to ask again when a label key changes owner (a concept's buckets are worked
        # out again from its labels, which stay as they are while its id does).
        self._head_wanted: dict[str, str | set[str]] = {}
        self._head_to: dict[str, str | set[str]] = {}
        self._mention_rels: Tracked = Tracked()  # str → tuple[Relation, ...]
        # Tags.
        self._tag_uses: dict[str, dict[str, list[tuple[str, Source]]]] = {}
        self.tags: Tracked = Tracked()  # str → Tag
        self._tag_concepts: dict[str, str | set[str]] = {}
        self._tag_keys: dict[str, str | set[str]] = {}  # merge key of a tag's label → tag ids
        # The typed graph (graph.nxgraph).
        self.nodes: Tracked = Tracked()  # str → dict
        self.out: Tracked = Tracked()  # str → list[tuple[str, str, dict]]
        self._syn_holders: dict[str, str | set[str]] = {}

    # ------------------------------------------------------------------ reading

    def unresolved(self) -> list[UnresolvedLink]:
        return [u for path in sorted(self._unresolved_in) for u in self.parts[path].unresolved]

    def warnings(self) -> list[Warning]:
        out = [w for path in self._warned for w in self.records[path].warnings]
        out.extend(chain.from_iterable(self._occ_warnings.values()))
        out.extend(unresolved_warning(self.unresolved()))
        return out

    # ------------------------------------------------------------------ update

    def update(self, changes: dict[str, NoteRecords | None],
               phase: Callable[[str], None] = lambda name: None) -> Delta:
        """Apply the new records of changed notes (None: the note is gone). `phase(name)` is
        called as "merge", "link" and "graph" start."""
        self._phase = phase
        names = dict(self._names)
        for path, rec in changes.items():
            if rec is None:
                names.pop(path, None)
            else:
                names[path] = (rec.title, tuple(rec.aliases))
        if names == self._names and self.records:
            delta = self._apply(changes, full=False)
            if delta is not None:
                return delta
        elif self.records:
            delta = self._renamed(changes, names)
            if delta is not None:
                return delta
        records = {p: r for p, r in self.records.items() if p not in changes}
        records.update({p: r for p, r in changes.items() if r is not None})
        self._reset()
        self._names = names
        self._note_names = set().union(*(note_name_keys(r) for r in records.values()))
        self._note_index = NoteIndex(records[p] for p in sorted(records))
        self._dendron = dendron_parents(records)
        delta = self._apply(records, full=True)
        assert delta is not None
        return Delta(True)

    def _renamed(self, changes: dict[str, NoteRecords | None], names: dict[str, tuple]
                 ) -> Delta | None:
        """A note came, went or changed its title or aliases: what links find changes. The
        notes whose links now find another note (or none), whose wikilinks stop or start
        naming a concept of their own, or whose Dendron parent changed are updated with the
        changed ones; the rest stay."""
        records = {p: r for p, r in self.records.items() if p not in changes}
        records.update({p: r for p, r in changes.items() if r is not None})
        note_names = set().union(*(note_name_keys(r) for r in records.values()))
        index = NoteIndex(records[p] for p in sorted(records))
        dendron = dendron_parents(records)
        old_index, old_names = self._note_index, self._note_names
        affected = {}
        for path, rec in self.records.items():
            if path in changes:
                continue
            if dendron.get(path) != self._dendron.get(path) or \
                    _indexes(kept_terms(rec, note_names), len(rec.terms)) \
                    != self._note_occs.get(path) or \
                    any(index.resolve(path, link, {}, _itself)[1]
                        != old_index.resolve(path, link, {}, _itself)[1] for link in rec.links):
                affected[path] = rec
        self._names, self._note_names, self._note_index = names, note_names, index
        self._dendron = dendron
        delta = self._apply({**changes, **affected}, full=False)
        if delta is None:
            self._names, self._note_names, self._note_index = {}, old_names, old_index
        return delta

    def _apply(self, changes: dict[str, NoteRecords | None], full: bool) -> Delta | None:
        self._phase("merge")
        delta = Delta(full)
        changed_paths = set(changes)
        # 1. Retract the changed notes' occurrences; add their new ones.
        seeds: set[str] = set()
        old_cids: set[str] = set()
        retitled: set[str] = set()
        # The keys of the changed notes' occurrences that stay as they were (those of the
        # others are seeds).
        kept_keys: dict[Occ, tuple[str, ...]] = {}
        for path, rec in sorted(changes.items()):
            base = self._number(path) * OCC_STRIDE
            old_rec = self.records.get(path)
            kept = kept_terms(rec, self._note_names) if rec is not None else []
            translated = translation_key(path)
            if rec is not None:
                pages = _once(page_link_slugs, rec)
                fresh = {i: occurrence_keys(rec, rec.terms[i], pages, translated) for i in kept}
            else:
                fresh = {}
            # An occurrence written as before (same record, same keys) stays as it is, though
            # it moved in the note's list of records: after an edit in one place of a long
            # note, only what changed is merged again.
            same = matching_terms(old_rec, rec, self._note_occs.get(path, ()), kept) \
                if old_rec is not None and rec is not None else {}
            gone = {}
            old_cid = self._occ_cid.pop(path, None)
            old_pages = _once(page_link_slugs, old_rec)
            for i in self._note_occs.pop(path, ()):
                occ = base + i
                # its keys as they were put: from the records it was made of
                keys = occurrence_keys(old_rec, old_rec.terms[i], old_pages, translated)
                for key in keys:
                    _take_occ(self._key_occs, _slot(key), occ)
                gone[i] = (keys, old_cid[i], self._occ_warnings.pop(occ, None))
            if rec is not None:
                occ_cid = self._occ_cid[path] = [None] * len(rec.terms)
            for i, (keys, cid, warnings) in gone.items():
                j = same.get(i)
                if j is not None and fresh.get(j) == keys:
                    del fresh[j]
                    occ = base + j
                    kept_keys[occ] = keys
                    for key in keys:
                        _put_occ(self._key_occs, _slot(key), occ)
                    if cid is not None:
                        occ_cid[j] = cid
                    if warnings is not None:
                        self._occ_warnings[occ] = warnings
                    continue
                seeds.update(keys)
                if cid is not None:
                    old_cids.add(cid)
            self._title_occ.pop(path, None)
            if rec is None:
                self.records.pop(path, None)
                self._warned.discard(path)
                retitled.add(path)
                continue
            self.records[path] = rec
            if rec.warnings:
                self._warned.add(path)
            else:
                self._warned.discard(path)
            self._note_occs[path] = _indexes(kept, len(rec.terms))
            self._title_occ[path] = next((i for i in kept
                                          if rec.terms[i].key == rec.title_key), None)
            for i, keys in fresh.items():
                occ = base + i
                seeds.update(keys)
                for key in keys:
                    _put_occ(self._key_occs, _slot(key), occ)
        # 2. The region: every occurrence joined to a changed one through shared keys.
        region = self._reach(seeds, {self._note_no[p] for p in changes}, kept_keys)
        for occ in region:
            cid = self._cid_of(occ)
            if cid is not None:
                old_cids.add(cid)
            self._occ_warnings.pop(occ, None)
        # 3. Merge the region again (graph.merge.group) and name what it makes.
        occs = sorted(region, key=self._occ_at)  # by path and index, as merging wants
        pairs = []
        for occ in occs:
            path, i = self._occ_at(occ)
            rec, term = self.records[path], region[occ]
            pairs.append((rec, term if term is not None else rec.terms[i]))
        groups, warnings = group(pairs)
        made: list[tuple[Concept, list[Occ]]] = []
        for idxs in groups:
            concept = make_concept(pairs, idxs)
            if concept is not None:
                # A bare concept's texts are its notes' (`_with_texts`): none of its own, one
                # empty tuple shared instead of four empty lists each (17,000 concepts on the
                # author's notebook: 3.8 MB).
                concept.definitions = concept.notes = concept.resources = concept.tags = ()
                # Its lists at their size (grown item by item, they kept room for more), the
                # one shared empty list for none.
                for name in ("labels", "synonyms", "sources", "note_paths"):
                    setattr(concept, name, sized(getattr(concept, name)))
                made.append((concept, [occs[i] for i in idxs]))
        if not self._assign([c for c, _ in made], old_cids):
            return None  # an id outside the region would change: start from empty
        for at, warning in warnings:
            self._occ_warnings.setdefault(occs[at], []).append(warning)
        old_bare = {cid: self._bare.pop(cid) for cid in old_cids}
        for cid, concept in old_bare.items():
            self.concepts.pop(cid, None)
            _take(self._slugs, slug(concept.label), cid)
        before = {}
        for occ in occs:
            path, i = self._occ_at(occ)
            cids = self._occ_cid[path]
            if cids[i] is not None:
                before[occ] = cids[i]
                cids[i] = None
        for concept, members in made:
            self._bare[concept.id] = concept
            _put(self._slugs, slug(concept.label), concept.id)
            for occ in members:
                path, i = self._occ_at(occ)
                self._occ_cid[path][i] = concept.id
        moved = {self._note_at[occ // OCC_STRIDE] for occ in occs
                 if self._cid_of(occ) != before.get(occ)}
        new_cids = {c.id for c, _ in made}
        region_cids = old_cids | new_cids
        delta.concepts |= region_cids
        # 4. Which concept each label finds, for lookups and for mentions.
        new_bare = [c for c, _ in made]
        changed_keys = self._relabel(self._label_holders, self.label_index, old_bare.values(),
                                     new_bare, merge_key)
        mention_changes = self._relabel(self._mention_holders, self._mention_owner,
                                        old_bare.values(), new_bare, normalize)
        self._phase("link")
        # 5. Notes to work out again: the changed ones, those whose occurrences changed
        # concept, and those that looked up a changed label, used a re-made concept or the
        # concept of a note whose concept changed.
        live = self.records  # membership tests only: no set of every note per edit
        dirty = {p for p in changed_paths | moved if p in live}
        for key in changed_keys:
            dirty.update(_under(self._key_watchers, key))
        for cid in region_cids:
            dirty.update(_under(self._cid_watchers, cid))
        for path in moved | changed_paths:
            old = self.notes[path].concept if path in self.notes else None
            if path not in live or old != self._title_cid(path):
                retitled.add(path)
        for path in retitled:
            dirty.update(_under(self._note_watchers, path))
        dirty = {p for p in dirty if p in live}
        texts: set[str] = set(new_cids)  # concepts whose texts are made again
        sources: set[str] = set()  # concepts whose relations (from or BROADER to) changed
        tags: set[str] = set()  # tags whose uses changed
        for path in sorted(p for p in changed_paths if p not in live):
            texts |= self._drop_part(path, sources, tags)
            self.notes.pop(path, None)
            delta.nodes.add(f"note:{path}")
        for path in dirty:  # notes' own concepts first: parts read other notes' concepts
            rec = self.records[path]
            self.notes[path] = Note(path, rec.title, self._title_cid(path))
        for path in sorted(dirty):
            before = self.parts.get(path)
            self._drop_part(path, set(), set())
            part = self._make_part(path)
            related: set[str] = set()  # every concept it relates (making no Relation)
            self._add_part(path, part, related, set())
            # Only what the note gives differently now counts as changed.
            texts |= _changed(before.texts if before else {}, part.texts)
            if before is None:
                sources |= related
            else:
                was, now = before.grouped(), part.grouped()
                sources |= _changed(was[0], now[0]) | _changed(was[1], now[1])
            if before is None or before.tags != part.tags:
                tags.update(tid for tid, _, _ in (*(before.tags if before else ()), *part.tags))
            if before is None or before.note != part.note or before.tags != part.tags:
                delta.nodes.add(f"note:{path}")
        # 6. Concepts with their texts, from the notes that give them.
        texts = {cid for cid in texts if cid in self._bare}
        for cid in texts:
            old = self.concepts.get(cid)
            concept = self.concepts[cid] = self._bare[cid] = self._with_texts(self._bare[cid])
            old_tags = set(old.tags) if old is not None else set()
            for tid in old_tags - set(concept.tags):
                _take(self._tag_concepts, tid, cid)
            for tid in set(concept.tags) - old_tags:
                _put(self._tag_concepts, tid, cid)
        for cid in old_cids - new_cids:
            for tid in old_bare[cid].tags:
                _take(self._tag_concepts, tid, cid)
        delta.concepts |= texts
        # 7. What concepts give by themselves: a head word, mentions.
        for cid in old_cids:
            self._want_head(old_bare[cid], _take)
        for cid in old_cids - new_cids:
            self._drop_head(cid, sources)
            if self._mention_rels.pop(cid, None):
                sources.add(cid)
            self._mentions.forget(cid)
        for cid in new_cids:
            self._want_head(self.concepts[cid], _put)
        heads = set(new_cids) | self._head_wanters(changed_keys.keys(), new_cids)
        for cid in sorted(c for c in heads if c in self.concepts):
            self._set_head(cid, sources)
        mentions = texts | self._mentions.set_labels(mention_changes)
        rescan = sorted(c for c in mentions if c in self.concepts)
        # Some concepts at a time: one call to the segmenter (perhaps in another process)
        # for their texts, and what it is asked of them held only that long.
        for at in range(0, len(rescan), MENTION_BATCH):
            cids = rescan[at:at + MENTION_BATCH]
            found = self._mentions.mentions_many([self.concepts[cid] for cid in cids])
            for cid, rels in zip(cids, found):
                old = self._mention_rels.get(cid, ())
                # A tuple: of its exact size, and the one empty tuple for most concepts.
                new = tuple(rels)
                self._mention_rels[cid] = new
                if old != new:
                    sources.add(cid)
        # 8. Nodes and out-edges made again.
        self._phase("graph")
        for key in changed_keys:
            tags.update(_under(self._tag_keys, key))
        self._remake(delta, region_cids | texts | sources, tags, old_bare, new_bare)
        return delta

    # ------------------------------------------------------------------ merging

    def _reach(self, seeds: set[str], seeded: set[int], known: dict[Occ, tuple[str, ...]]
               ) -> dict[Occ, TermRecord | None]:
        """Occurrences that share a key with `seeds`, directly or through others. `seeded`: the
        numbers of notes whose occurrences have only seeds for keys, but those in `known` (with
        their keys); the keys of other notes' occurrences are worked out again from their
        records as they were put under them (graph.merge.occurrence_keys), and the term record
        read for it is the occurrence's value (merging reads it next)."""
        region: dict[Occ, TermRecord | None] = {}
        todo = [slot for slot in set(map(_slot, seeds)) if slot in self._key_occs]
        seen = set(todo)
        notes: dict[str, tuple] = {}  # path → its page links (when asked for), translation key
        while todo:
            for occ in _occs_under(self._key_occs, todo.pop()):
                if occ in region:
                    continue
                keys = known.get(occ)
                term = None
                if keys is None and occ // OCC_STRIDE not in seeded:
                    path, i = self._occ_at(occ)
                    rec = self.records[path]
                    note = notes.get(path)
                    if note is None:
                        note = notes[path] = (_once(page_link_slugs, rec), translation_key(path))
                    term = rec.terms[i]
                    keys = occurrence_keys(rec, term, *note)
                region[occ] = term
                for slot in map(_slot, keys or ()):
                    if slot not in seen:
                        seen.add(slot)
                        todo.append(slot)
        return region

    def _assign(self, made: list[Concept], old: set[str]) -> bool:
        """Ids for the concepts just merged; False when a concept outside the region would
        have to change its id (then the update starts from empty)."""
        by_slug: dict[str, list[Concept]] = defaultdict(list)
        for concept in made:
            by_slug[slug(concept.label)].append(concept)
        for key, fresh in by_slug.items():
            staying = [self._bare[c] for c in _under(self._slugs, key) if c not in old]
            ordered = sorted([*staying, *fresh], key=id_order)
            ids = concept_ids(ordered)
            if any(c.id != cid for c, cid in zip(ordered, ids) if any(c is s for s in staying)):
                return False
            for concept, cid in zip(ordered, ids):
                # Interned: held by the concept, every table by concept, relation and edge
                # (graph.store interns the ids it reads off edges: the same string).
                concept.id = sys.intern(cid)
        return True

    @staticmethod
    def _relabel(holders: tuple[dict, dict], owner: dict, gone, came, keyer) -> dict[str, str | None]:
        """Which concept each label finds (graph.merge.index_owner) after the concepts
        `gone` went and `came` came; `owner` is updated and the changes returned."""
        touched: set[str] = set()
        for concepts, add in ((gone, False), (came, True)):
            for concept in concepts:
                for slot, labels in ((0, concept.labels), (1, concept.synonyms)):
                    for label in labels:
                        key = keyer(label.text)
                        if add:
                            _put(holders[slot], key, concept.id)
                        else:
                            _take(holders[slot], key, concept.id)
                        touched.add(key)
        changes: dict[str, str | None] = {}
        for key in touched:
            now = index_owner(_under(holders[0], key), _under(holders[1], key))
            if owner.get(key) != now:
                changes[key] = now
                if now is None:
                    del owner[key]
                else:
                    owner[key] = now
        return changes

    def _number(self, path: str) -> int:
        """The note's number in its occurrences (given on first sight, kept until a reset)."""
        number = self._note_no.get(path)
        if number is None:
            number = self._note_no[path] = len(self._note_at)
            self._note_at.append(path)
        return number

    def _occ_at(self, occ: Occ) -> tuple[str, int]:
        """(path, index of the term record) of an occurrence."""
        number, i = divmod(occ, OCC_STRIDE)
        return self._note_at[number], i

    def _cid_of(self, occ: Occ) -> str | None:
        """The concept of an occurrence (None: none yet, or its group named none)."""
        path, i = self._occ_at(occ)
        return self._occ_cid[path][i]

    def _title_cid(self, path: str) -> str | None:
        i = self._title_occ.get(path)
        return self._occ_cid[path][i] if i is not None else None

    # ------------------------------------------------------------------ notes' parts

    def _make_part(self, path: str) -> NotePart:
        rec = self.records[path]
        cids = self._occ_cid[path]
        by_key = {rec.terms[i].key: cids[i] for i in self._note_occs[path]}
        notes, bare = self.notes, self._bare

        def note_concept(p: str) -> str | None:
            note = notes.get(p)
            return note.concept if note is not None else None

        return note_part(rec, by_key.get, self.label_index, self._note_index, note_concept,
                         lambda cid: bare[cid].rule, self._dendron.get(path))

    def _add_part(self, path: str, part: NotePart, sources: set[str], tags: set[str]
                  ) -> set[str]:
        self.parts[path] = part
        if part.unresolved:
            self._unresolved_in.add(path)
        self.notes[path] = part.note
        self._index_part(part, path, sources, _put)
        for tid, label, source in part.tags:
            self._tag_uses.setdefault(tid, {}).setdefault(path, []).append((label, source))
            tags.add(tid)
        return set(part.texts)

    def _index_part(self, part, path: str, sources: set[str], op) -> None:
        """Put a part's note in (`op` = `_put`) or take it out of (`_take`) the indexes of what
        its note names, holds and relates; the concepts it relates go to `sources`."""
        for key in part.keys:
            op(self._key_watchers, key, path)
        for other in part.notes:
            op(self._note_watchers, other, path)
        for cid in part.cids:
            op(self._cid_watchers, cid, path)
        for cid in part.texts:
            op(self._text_notes, cid, path)
        for source, target, kind in part.ends():
            op(self._rel_notes, source, path)
            sources.add(source)
            if kind == BROADER:
                op(self._broader_notes, target, path)
                sources.add(target)

    def _drop_part(self, path: str, sources: set[str], tags: set[str]) -> set[str]:
        part = self.parts.pop(path, None)
        self._unresolved_in.discard(path)
        if part is None:
            return set()
        self._index_part(part, path, sources, _take)
        for tid, _label, _source in part.tags:
            uses = self._tag_uses.get(tid)
            if uses is not None:
                uses.pop(path, None)
                if not uses:
                    del self._tag_uses[tid]
            tags.add(tid)
        return set(part.texts)

    def _with_texts(self, bare: Concept) -> Concept:
        """The concept with the texts, resources and tags its notes give it (in note order);
        those `bare` has (made by an earlier update) are not read."""
        concept = dataclasses.replace(bare, definitions=[], notes=[], resources=[], tags=[])
        for path in sorted(_under(self._text_notes, bare.id)):
            defs, notes, resources, tids = self.parts[path].texts[bare.id]
            concept.definitions.extend(defs)
            concept.notes.extend(notes)
            concept.resources.extend(resources)
            for tid in tids:
                if tid not in concept.tags:
                    concept.tags.append(tid)
        concept.definitions.sort(key=lambda t: t.source)
        concept.notes.sort(key=lambda t: t.source)
        # Most concepts have no texts, resources nor tags: the one empty list for each.
        for name in ("definitions", "notes", "resources", "tags"):
            setattr(concept, name, sized(getattr(concept, name)))
        return concept

    # ------------------------------------------------------------------ concepts' own relations

    def _want_head(self, concept: Concept, op) -> None:
        """File a concept under the buckets of its head-word keys (`op` = `_put`) or take it
        out of them (`_take`)."""
        for bucket in {_head_bucket(key) for key in head_candidates(concept)}:
            op(self._head_wanted, bucket, concept.id)

    def _head_wanters(self, keys, skip: set[str]) -> set[str]:
        """The concepts besides `skip` one of whose head words has one of these label keys."""
        out: set[str] = set()
        for bucket in {_head_bucket(key) for key in keys}:
            for cid in _under(self._head_wanted, bucket):
                if cid not in skip and cid not in out and \
                        not keys.isdisjoint(head_candidates(self.concepts[cid])):
                    out.add(cid)
        return out

    def _set_head(self, cid: str, sources: set[str]) -> None:
        concept = self.concepts[cid]
        old, new = self._head.get(cid), head_relation(concept, self.label_index)
        if old == new:
            return
        sources.add(cid)
        if old is not None:
            _take(self._head_to, old.target, cid)
            sources.add(old.target)
        if new is not None:
            _put(self._head_to, new.target, cid)
            sources.add(new.target)
        self._head[cid] = new

    def _drop_head(self, cid: str, sources: set[str]) -> None:
        old = self._head.pop(cid, None)
        if old is not None:
            _take(self._head_to, old.target, cid)
            sources.update((cid, old.target))

    # ------------------------------------------------------------------ the typed graph

    def _relations_from(self, cid: str) -> list[Relation]:
        out = [r for path in _under(self._rel_notes, cid)
               for r in self.parts[path].from_source(cid)]
        head = self._head.get(cid)
        if head is not None:
            out.append(head)
        out.extend(self._mention_rels.get(cid, ()))
        return out

    def _broader_to(self, cid: str) -> list[Relation]:
        out = [r for path in _under(self._broader_notes, cid)
               for r in self.parts[path].broader_to(cid)]
        out.extend(self._head[c] for c in _under(self._head_to, cid))
        return out

    def _tag_source(self, tid: str) -> Source:
        return min(self.tags[tid].sources)

    def _remake(self, delta: Delta, cids: set[str], tags: set[str],
                old_bare: dict[str, Concept], new_bare: list[Concept]) -> None:
        # Tags first: a concept's TAGGED edge carries where its tag was first used.
        for tid in sorted(tags):
            uses = self._tag_uses.get(tid)
            old = self.tags.pop(tid, None)
            if old is not None:
                _take(self._tag_keys, merge_key(old.label), tid)
            node = node_id("tag", tid)
            delta.nodes.add(node)
            if not uses:
                self.nodes.pop(node, None)
                continue
            ordered = [use for path in sorted(uses) for use in uses[path]]
            tag = self.tags[tid] = Tag(tid, ordered[0][0], [src for _, src in ordered])
            _put(self._tag_keys, merge_key(tag.label), tid)
            self.nodes[node] = tag_node(tag, self.label_index.get(merge_key(tag.label)))
            if old is None or min(old.sources) != min(tag.sources):
                cids.update(_under(self._tag_concepts, tid))
        for path in sorted(n.removeprefix("note:") for n in delta.nodes
                           if n.startswith("note:")):
            node = node_id("note", path)
            part = self.parts.get(path)
            if part is None:
                self.nodes.pop(node, None)
                self.out.pop(node, None)
                continue
            self.nodes[node] = note_node(part.note)
            self.out[node] = note_edges(path, [(tid, src) for tid, _, src in part.tags])
        for cid in sorted(cids):
            node = term_node(cid)
            delta.nodes.add(node)
            concept = self.concepts.get(cid)
            if concept is None:
                self.nodes.pop(node, None)
                self.out.pop(node, None)
                continue
            self.nodes[node] = term_node_attrs(concept)
            self.out[node] = term_edges(concept, self._tag_source, self._relations_from(cid),
                                        self._broader_to(cid))
        # Synonym nodes: as the first concept (by id) that has the synonym has it.
        keys: set[str] = set()
        for concepts, add in ((old_bare.values(), False), (new_bare, True)):
            for concept in concepts:
                for syn in concept.synonyms:
                    key = normalize(syn.text)
                    keys.add(key)
                    if add:
                        _put(self._syn_holders, key, concept.id)
                    else:
                        _take(self._syn_holders, key, concept.id)
        for key in keys:
            node = node_id("synonym", key)
            holders = _under(self._syn_holders, key)
            delta.nodes.add(node)
            if holders:
                self.nodes[node] = synonym_node(self._bare[min(holders)], key)
            else:
                self.nodes.pop(node, None)
