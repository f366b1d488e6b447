"""Records of all notes → merged concepts, tags, notes and the structural relations.

Two occurrences are one concept when a name of one and a name of the other normalize to the
same key (NFKC, case, width, spaces). A synonym glues concepts too, unless it is claimed as a
synonym by two concepts whose names clearly differ — then both are kept apart and the
collision is reported. Everything is sorted first, so the result does not depend on the order
in which files were read.
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import combinations

from . import lexicon
from .model import (BROADER, FRONTMATTER, HIERARCHY, LINK, MENTION, Concept, Label, Note,
                    NoteRecords, Relation, Resource, Source, TermRecord, Text, Warning)
from .records import RelationTable
from .rules.links import page_slug
from .rules.term_item import _numeronym, is_abbreviation
from .termhood import is_acronym, is_everyday, zipf
from .text import clean_label, folded, has_cjk, merge_key, normalize, plain_singular, short_hash, slug


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


LANGUAGE_FOLDERS = lexicon.LANGUAGE_FOLDERS


def translations(paths: list[str]) -> list[list[str]]:
    """Notes that are translations of one another: the same path under sibling language
    folders (`content/en/container.md`, `content/zh-cn/container.md`).

    >>> translations(["c/en/pod.md", "c/zh-cn/pod.md", "c/en/node.md", "notes/en.md"])
    [['c/en/pod.md', 'c/zh-cn/pod.md']]
    """
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for path in paths:
        parts = path.split("/")
        for i, part in enumerate(parts[:-1]):
            if part.lower() in LANGUAGE_FOLDERS:
                groups[(*parts[:i], "*", *parts[i + 1:])].append(path)
                break
    return [sorted(g) for _, g in sorted(groups.items()) if len(g) > 1]


def _stem(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    for suffix in (".markdown", ".mdx", ".md"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def tag_id(label: str) -> str:
    return slug(label.replace("/", "-"))


def note_name_keys(rec: NoteRecords) -> set[str]:
    """The names a wikilink may reach this note by (its file name and aliases)."""
    return {merge_key(n) for n in (_stem(rec.path), *rec.aliases)}


def kept_terms(rec: NoteRecords, note_names: set[str] | dict) -> list[int]:
    """Which of a note's term records take part in merging: a wikilink to a note by its file
    name or alias is that note's concept (the link edge joins them); only a link to no note
    names a concept of its own."""
    return [i for i, t in enumerate(rec.terms)
            if not (t.rule == "wikilink" and merge_key(t.names[0].text) in note_names)]


def page_link_slugs(rec: NoteRecords) -> dict[tuple[int, int, str], str]:
    """(line, 0, merge key of the link text) → the term page a path link points at."""
    out: dict[tuple[int, int, str], str] = {}
    for link in rec.links:
        if link.kind != "path":
            continue
        slug = page_slug(link.target)
        if slug is not None:
            out.setdefault((link.source.line, 0, merge_key(clean_label(link.text))), slug)
    return out


_PLURAL_WORD = re.compile(r"[A-Za-z]{2,}[a-z]*s")
_VERSION = re.compile(r"v?\d+(?:\.\d+)*[a-z]?", re.I)


@lru_cache(maxsize=1 << 16)
def form_key(label: str) -> str | None:
    """A Latin label's key with a regular English plural on its last word made singular, for
    joining `task notes` / `task note`, `LLMs` / `LLM`, `pods v2` / `pod v2`: two labels with
    one form key name one concept. Not -ss/-us/-is/-os words (`class`, `status`, `Redis`),
    not an all-capital acronym (`AWS`); a lone word only when its singular is no everyday
    word (`Windows`, `Teams`, `Rails` are names of their own; `nodes` is the plural of
    `node`); and an acronym keeps its capitals (`gpts` is not the plural of `GPT`). None for
    Chinese.

    >>> [form_key(x) for x in ("Task Notes", "LLMs", "GPUs", "pods v2", "API policies")]
    ['tasknote a', 'llm A', 'gpu A', 'podv2 a', 'apipolicy a']
    >>> [form_key(x) for x in ("task note", "LLM", "gpts", "GPT", "Windows", "window")]
    ['tasknote a', 'llm A', 'gpt a', 'gpt A', 'windows a', 'window a']
    >>> form_key("sparse matrixes") == form_key("sparse matrix"), form_key("Lock caches")
    (True, 'lockcache a')
    """
    if has_cjk(label):
        return None
    words = folded(label).split(" ")
    at = len(words) - 1
    while at > 0 and _VERSION.fullmatch(words[at]):
        at -= 1
    word = words[at]
    if _PLURAL_WORD.fullmatch(word) and not (word[-2].islower() and
                                             word.endswith(("ss", "us", "is", "os"))):
        single = _singular(word.lower())
        if at > 0 or word[:-1].isupper() or not is_everyday(single):
            words = [*words[:at], single, *words[at + 1:]]
            word = word[:-1]
    capitals = "A" if len(word) >= 2 and word.isupper() else "a"
    return f"{merge_key(' '.join(words))} {capitals}"


def _singular(plural: str) -> str:
    """A regular plural's singular: `policies` → `policy`; after s, x, z, ch, sh the `es`
    goes (`indexes`, `hashes`, `buses`) where that leaves the likelier word (`caches` is a
    cache's, `databases` a database's; a word no list knows keeps its e: `memcaches`).

    >>> [_singular(w) for w in ("policies", "indexes", "hashes", "batches", "caches", "nodes")]
    ['policy', 'index', 'hash', 'batch', 'cache', 'node']
    >>> [_singular(w) for w in ("buses", "statuses", "aliases", "databases", "memcaches")]
    ['bus', 'status', 'alias', 'database', 'memcache']
    """
    if plural.endswith("ies") and len(plural) > 4:
        return plural[:-3] + "y"
    if plural.endswith(("xes", "zes", "shes", "ches", "ses")) and len(plural) > 4 \
            and zipf(plural[:-2]) > zipf(plural[:-1]):
        return plural[:-2]
    return plural[:-1]


def occurrence_keys(rec: NoteRecords, term: TermRecord, pages: Callable[[], Mapping],
                    translated: str | None) -> tuple[str, ...]:
    """What can join this occurrence to others in `group`: its names and synonyms, their
    singular forms (`form_key` without its mark of capitals: a name that is its own singular
    gives one key, not two; `group` tells the capitals apart) (`k:`), the term page its link
    text points at (`p:`), the translation group of a note's title (`t:`). Occurrences that
    share no key, directly or through others, are merged independently; two that share one
    need not join. `pages()`: the note's `page_link_slugs`, asked for by a page-link
    occurrence only."""
    labels = (*term.names, *term.synonyms)
    keys = {"k:" + merge_key(label.text) for label in labels}
    keys.update("k:" + form_key(label.text)[:-2] for label in labels if not has_cjk(label.text))
    if term.rule == "page-link":
        slug = pages().get((term.source.line, 0, merge_key(term.names[0].text)))
        if slug is not None:
            keys.add("p:" + slug)
    if translated is not None and term.key == rec.title_key:
        keys.add("t:" + translated)
    return tuple(sorted(keys))


def translation_key(path: str) -> str | None:
    """The same path with its language folder replaced by `*` (see `translations`)."""
    parts = path.split("/")
    for i, part in enumerate(parts[:-1]):
        if part.lower() in LANGUAGE_FOLDERS:
            return "/".join((*parts[:i], "*", *parts[i + 1:]))
    return None


def group(occs: list[tuple[NoteRecords, TermRecord]]
          ) -> tuple[list[list[int]], list[tuple[int, Warning]]]:
    """Occurrences → groups that name one concept (indices into `occs`, each group in order,
    groups ordered by their first member), and the synonym collisions to report (with the
    index of the occurrence each is about).

    `occs` must be in build order (note path, then position in the note) and closed under
    the keys of `occurrence_keys`: the result for one group never depends on occurrences
    that share no key with it, which is what lets `graph.assemble` merge only what an edit
    touched.
    """
    uf = _UnionFind(len(occs))
    warnings: list[tuple[int, Warning]] = []

    # 1. Same name → same concept (a plural and its singular too, see `form_key`), unless one
    # note gives that name as the translation of two different names (`one_gloss_two_names`).
    # A weak pair joins by its first name only (`joining_names`).
    # An everyday English gloss joins by name within its note only (`冠词(article)` and
    # `限定词(article)` in one list are one thing said two ways; `对象 (object)` here and
    # `宾语 (object)` there are two): its key is the note's.
    by_name: dict[str, int] = {}
    by_form: dict[str, int] = {}
    joins = [joining_names(term) for _, term in occs]
    for i, (rec, term) in enumerate(occs):
        for label in term.names:
            if label in joins[i]:
                keys = ((by_name, merge_key(label.text)), (by_form, form_key(label.text)))
            elif not _weak(term):  # an everyday gloss (`_everyday_gloss`)
                keys = ((by_name, f"{rec.path}\0{merge_key(label.text)}"),)
            else:
                continue
            for index, key in keys:
                if key is None:
                    continue
                if key not in index:
                    index[key] = i
                elif one_gloss_two_names(occs[index[key]], occs[i]):
                    first = occs[index[key]][1]
                    zh_first, zh_here = (next(x.text for x in t.names if has_cjk(x.text))
                                         for t in (first, term))
                    warnings.append((i, Warning(
                        term.source.file, term.source.line,
                        f"'{label.text}' translates both '{zh_first}' ({first.source}) and "
                        f"'{zh_here}'; kept apart", "collision")))
                else:
                    uf.union(index[key], i)

    # Translations: the same note under sibling language folders (en/x.md, zh-cn/x.md) is
    # one concept in several languages (Hugo, Docusaurus and most doc sites lay them out so).
    by_path: dict[str, NoteRecords] = {}
    for rec, _ in occs:
        by_path.setdefault(rec.path, rec)
    title_index = {(rec.path, term.key): i for i, (rec, term) in enumerate(occs)
                   if term.key == rec.title_key}
    for paths in translations(sorted(by_path)):
        firsts = [title_index.get((p, by_path[p].title_key)) for p in paths]
        firsts = [i for i in firsts if i is not None]
        for i in firsts[1:]:
            uf.union(firsts[0], i)
    roots = [uf.find(i) for i in range(len(occs))]
    group_names: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for i, (_, term) in enumerate(occs):
        for label in term.names:  # every name says what the group is, joining or not
            group_names[roots[i]][label.lang].add(merge_key(label.text))
            group_names[roots[i]]["acronyms" if is_acronym(label.text) else "texts"].add(
                label.text)

    # Links to one term page (`/continuous-integration/`, `/zh-cn/continuous-integration/`):
    # their texts, in any language, name one concept, unless the groups clearly differ (a
    # link to the wrong page must not join Continuous Delivery and Continuous Deployment).
    by_page: dict[str, list[int]] = defaultdict(list)
    pages = {path: page_link_slugs(rec) for path, rec in by_path.items()}
    for i, (rec, term) in enumerate(occs):
        if term.rule == "page-link":
            slug = pages[rec.path].get((term.source.line, 0, merge_key(term.names[0].text)))
            if slug is not None:
                by_page[slug].append(i)
    for slug in sorted(by_page):
        first, *rest = by_page[slug]
        for i in rest:
            ra, rb = uf.find(first), uf.find(i)
            # Latin names must agree; Chinese ones may differ between Simplified and
            # Traditional writers (持续集成 / 持續整合 link the same page).
            latin = ("en", "acronyms", "texts")
            if ra == rb or _conflict({k: v for k, v in group_names[ra].items() if k in latin},
                                     {k: v for k, v in group_names[rb].items() if k in latin}):
                continue
            uf.union(ra, rb)
            root, other = (ra, rb) if uf.find(ra) == ra else (rb, ra)
            for lang, keys in group_names[other].items():
                group_names[root][lang] |= keys
    roots = [uf.find(i) for i in range(len(occs))]

    # 2. A shared synonym glues groups when it can only mean one thing (see `_glue`).
    holders: dict[str, dict[int, bool]] = defaultdict(dict)  # syn key → {group: as name?}
    forms: dict[str, set[str]] = defaultdict(set)  # syn key → its form keys
    for i, (_, term) in enumerate(occs):
        for label in (*term.synonyms, *(x for x in term.names if x not in joins[i])):
            key = merge_key(label.text)
            holders[key].setdefault(roots[i], False)
            form = form_key(label.text)
            if form is not None:
                forms[key].add(form)
    for key in holders:
        if key in by_name:
            holders[key][roots[by_name[key]]] = True
        for form in sorted(forms.get(key, ())):  # `LLMs` where `LLM` is a name
            if form in by_form:
                holders[key][roots[by_form[form]]] = True
    # What an occurrence that says so in words (又称, also called: `MARKED_RULES`) gives as
    # other names of its group, to see two groups agree (`_agree`): one occurrence's word, not
    # what a large group gathered from many (`接口（interface）或抽象类（abstract class）`).
    other_names: dict[int, list[set[str]]] = defaultdict(list)
    for i, (_, term) in enumerate(occs):
        if term.rule in MARKED_RULES and len(term.synonyms) >= 2:
            other_names[roots[i]].append({_agreement_key(x.text) for x in term.synonyms})

    def agree(a: int, b: int) -> bool:
        return any(_agree(said, group_names[b]) for said in other_names.get(a, ()))

    for key in sorted(holders):
        groups = holders[key]
        if len(groups) < 2:
            continue
        joined, clash = _glue(key, groups, group_names, agree)
        if clash:
            a, b = clash
            ta, tb = occs[a][1], occs[b][1]
            warnings.append((b, Warning(
                tb.source.file, tb.source.line,
                f"synonym collision: '{key}' names both '{ta.names[0].text}' ({ta.source}) and "
                f"'{tb.names[0].text}'; kept apart", "collision")))
        for a, b in joined:
            uf.union(a, b)

    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(occs)):
        members[uf.find(i)].append(i)
    return [members[root] for root in sorted(members)], warnings


def make_concept(occs: list[tuple[NoteRecords, TermRecord]], idxs: list[int]) -> Concept | None:
    """The concept one group names (without its id and texts), or None when the evidence is
    too weak (a Latin word once in a sentence)."""
    confidence = combined_confidence(occs[i][1].confidence for i in idxs)
    if confidence < MIN_CONFIDENCE:
        return None
    concept = _concept(occs, idxs)
    concept.confidence = round(confidence, 3)
    return concept


def label_keys(concept: Concept) -> tuple[list[str], list[str]]:
    """The merge keys of a concept's preferred labels and of its synonyms."""
    return ([merge_key(x.text) for x in concept.labels],
            [merge_key(x.text) for x in concept.synonyms])


def index_owner(labelled: Iterable[str], synonym: Iterable[str]) -> str | None:
    """Which concept a lookup by one label finds: the first (by id) whose preferred label it
    is (数据库 finds the concept named 数据库, not one that lists it among its synonyms), else
    the first that has it as a synonym."""
    return min(labelled, default=None) or min(synonym, default=None)


@dataclass
class NotePart:
    """What one note gives besides its occurrences: its `Note`, the texts, resources and tags
    it attaches to concepts, its relations (structure, front matter, links, Dendron names) and
    its unresolved links; and what that depended on besides the note itself (label lookups,
    other notes' concepts, concepts' rules), so that it is worked out again only when one
    of those changes."""

    note: Note
    # concept → (definitions, notes, resources, tag ids), tuples once the part is made
    texts: dict[str, tuple[tuple[Text, ...], tuple[Text, ...], tuple[Resource, ...],
                           tuple[str, ...]]]
    tags: list[tuple[str, str, Source]]  # (tag id, label, where)
    relations: RelationTable  # a list while the part is made
    unresolved: list
    keys: set[str] = field(default_factory=set)  # label-index keys looked up
    notes: set[str] = field(default_factory=set)  # other notes whose concept was used
    cids: set[str] = field(default_factory=set)  # concepts whose rule was looked at

    # Its relations grouped by the concept they are written from, and its BROADER ones by
    # the concept they point at: positions in `relations` in that order (2 bytes each while a
    # note has under 65,536 relations), searched by bisection. Dicts of tuples were 3 MB on
    # the author's notebook, for lookups made only when a concept's edges are made again.
    @cached_property
    def _by_source(self) -> array:
        rels = self.relations
        return _positions(sorted(range(len(rels)), key=rels.source_at))

    @cached_property
    def _broader_to(self) -> array:
        rels = self.relations
        return _positions(sorted((i for i in range(len(rels)) if rels.kind_at(i) == BROADER),
                                 key=rels.target_at))

    def from_source(self, cid: str) -> list[Relation]:
        """Its relations written from `cid`, in their order."""
        rels = self.relations
        return _run(rels, self._by_source, cid, rels.source_at)

    def broader_to(self, cid: str) -> list[Relation]:
        """Its BROADER relations that point at `cid`, in their order."""
        rels = self.relations
        return _run(rels, self._broader_to, cid, rels.target_at)

    def ends(self) -> Iterator[tuple[str, str, str]]:
        """(source, target, kind) of each of its relations, making none."""
        rels = self.relations
        return map(lambda i: (rels.source_at(i), rels.target_at(i), rels.kind_at(i)),
                   range(len(rels)))

    def grouped(self) -> tuple[dict[str, list[tuple]], dict[str, list[tuple]]]:
        """Its relations by source and its BROADER ones by target, as tuples of their values
        (`RelationTable.rows`; made when asked: to compare two versions of a note's part)."""
        by_source: dict[str, list[tuple]] = {}
        broader_to: dict[str, list[tuple]] = {}
        for row in self.relations.rows():
            by_source.setdefault(row[0], []).append(row)
            if row[2] == BROADER:
                broader_to.setdefault(row[1], []).append(row)
        return by_source, broader_to


def _positions(order: list[int]) -> array:
    return array("H" if len(order) < 1 << 16 else "I", order)


def _run(rels: RelationTable, order: array, cid: str, key) -> list[Relation]:
    """The relations at the positions of `order` (sorted by `key`) whose key is `cid`."""
    lo = bisect_left(order, cid, key=key)
    hi = bisect_right(order, cid, lo=lo, key=key)
    return [rels[i] for i in order[lo:hi]]


def note_part(rec: NoteRecords, occurrence: Callable[[int], str | None],
              label_index: Mapping[str, str], note_index, note_concept: Callable[[str], str | None],
              concept_rule: Callable[[str], str], dendron_parent: str | None) -> NotePart:
    """Everything `rec` gives besides its occurrences. `occurrence(key)` is the concept of one
    of its term records; `note_index` resolves links (graph.resolve.NoteIndex);
    `note_concept(path)` is the concept of a note; `dendron_parent` the note whose name is the
    nearest Dendron ancestor of this one."""
    title_id = occurrence(rec.title_key) if rec.title_key is not None else None
    part = NotePart(Note(rec.path, rec.title, title_id), {}, [], (), [])

    def cid_of(key):
        found = occurrence(key)
        return found if found is not None else title_id

    def texts(cid):
        got = part.texts.get(cid)
        if got is None:
            got = part.texts[cid] = ([], [], [], [])
        return got

    for key, items in rec.definitions.items():
        texts(cid_of(key))[0].extend(items)
    for key, items in rec.notes.items():
        texts(cid_of(key))[1].extend(items)
    for key, items in rec.resources.items():
        texts(cid_of(key))[2].extend(items)
    for label, source in rec.tags:
        part.tags.append((tag_id(label), label, source))
    for key, tags in rec.term_tags.items():
        tids = texts(cid_of(key))[3]
        for label, _source in tags:
            if tag_id(label) not in tids:
                tids.append(tag_id(label))
    # Structure: broader edges, "listed in the note about" edges, `X(podman)`.
    relations = RelationTable()
    for term in rec.terms:
        if term.confidence <= 0.0 and term.parent is not None:
            pass  # a record of no evidence relates two concepts, it lists none in the note
        elif term.parent is None or term.parent_relation == BROADER and \
                term.parent != rec.title_key:
            # Whatever a note names is listed in the note about its topic (nested
            # terms too, unless the hierarchy already leads there).
            child = occurrence(term.key)
            if child is not None and title_id is not None and child != title_id \
                    and term.key != rec.title_key:
                relations.add(child, title_id, HIERARCHY, term.source, term.names[0].text,
                              "listed-in-note", _rounded(min(1.0, term.confidence)))
        if term.parent is None:
            continue
        child = occurrence(term.key)
        parent = occurrence(term.parent)
        if child is None or parent is None or child == parent:
            continue
        kind = term.parent_relation
        if kind == MENTION:  # `X(Y)` where Y is a neighbour: X mentions Y
            child, parent = parent, child
        rule = term.rule if kind != BROADER or term.rule.endswith("example") else "nesting"
        if kind == HIERARCHY:
            rule = "listed-in-note"
        confidence = term.confidence
        if confidence <= 0.0:  # a record of no evidence (graph.extract): the rule's own
            confidence = NO_EVIDENCE_RELATIONS.get(rule, CO_MENTIONED)
        relations.add(child, parent, kind, term.source, term.names[0].text, rule,
                      _rounded(min(1.0, confidence)))
    # Front matter tags naming a concept relate the note's concept to it.
    for label, source in rec.tags:
        key = merge_key(label)
        part.keys.add(key)
        target = label_index.get(key)
        if target and title_id and target != title_id and source.line <= 2:
            relations.add(title_id, target, FRONTMATTER, source, f"tag: {label}")
    # Wikilinks and relative links (see `link_relations`).
    for link in rec.links:
        owner = occurrence(link.owner) if link.owner is not None else title_id
        owner = owner or title_id
        target, via_note, keys = note_index.resolve(rec.path, link, label_index,
                                                      note_concept)
        part.keys.update(keys)
        if via_note is not None:
            part.notes.add(via_note)
        if target is not None:
            part.cids.add(target)
        if target is None or concept_rule(target) == "wikilink":
            shown = f"[[{link.target}]]" if link.kind == "wikilink" else link.target
            part.unresolved.append(UnresolvedLink(shown, link.source.file, link.source.line,
                                                  target))
        if target is None:
            continue
        if target != owner and owner:
            text = link.text or link.target
            if link.field == "up":  # `up:: [[X]]`: the owner is under X
                relations.add(owner, target, BROADER, link.source, text, "up-field")
            elif link.field == "down":  # `down:: [[X]]`: X is under the owner
                relations.add(target, owner, BROADER, link.source, text, "down-field")
            else:
                kind = FRONTMATTER if link.kind == "frontmatter" else LINK
                relations.add(owner, target, kind, link.source, text,
                              "wikilink" if link.kind == "wikilink" else f"{link.kind}-link")
    # Dendron writes the hierarchy into file names: `a.b.c.md` is narrower than `a.b.md`.
    if dendron_parent is not None:
        part.notes.add(dendron_parent)
        parent_id = note_concept(dendron_parent)
        if title_id and parent_id and title_id != parent_id:
            relations.add(title_id, parent_id, BROADER, Source(rec.path, 1), rec.path,
                          "dendron-hierarchy")
    # Kept as long as the note is: tuples (an empty one is shared) instead of four lists each.
    part.texts = {cid: (tuple(defs), tuple(notes), tuple(resources), tuple(tids))
                  for cid, (defs, notes, resources, tids) in part.texts.items()}
    part.relations = relations.done()
    return part


_ROUNDED: dict[float, float] = {}


def _rounded(confidence: float) -> float:
    """`round(confidence, 3)`, one float object per value (150,000 relations on the author's
    notebook hold a few dozen values: 3.4 MB as floats of their own)."""
    value = round(confidence, 3)
    if type(value) is not float or not value > 0.0:  # 1 is not 1.0, 0.0 is not -0.0
        return value
    if len(_ROUNDED) < 4096:
        return _ROUNDED.setdefault(value, value)
    return _ROUNDED.get(value, value)


def unresolved_warning(unresolved: list) -> list[Warning]:
    """All links to no note are one summary warning, not one each."""
    if not unresolved:
        return []
    first = unresolved[0]
    more = f" (and {len(unresolved) - 1} more; GraphQL unresolvedLinks lists them)" \
        if len(unresolved) > 1 else ""
    return [Warning(first.file, first.line, f"unresolved link: {first.target}{more}", "link")]


MIN_CONFIDENCE = 0.5
CO_MENTIONED = 0.3  # a relation of two terms named in one sentence
# How sure relations from records of no evidence are, by rule.
NO_EVIDENCE_RELATIONS = {"co-mentioned": CO_MENTIONED, "text-example": 0.5}


def combined_confidence(values) -> float:
    """Evidence adds up: 1 - Π(1 - c) over the occurrences (two weak mentions of a Latin
    name in two sentences, 0.5 each, make 0.75)."""
    missing = 1.0
    for value in values:
        missing *= 1.0 - min(max(value, 0.0), 1.0)
    return 1.0 - missing


def _specific(key: str) -> bool:
    """A synonym that can only mean one thing: not an acronym or a short word (`PC`, `CD`,
    `API`, `进程`), which two concepts may each use for themselves."""
    if has_cjk(key):
        return len(key) >= 3 and not is_everyday(key)
    letters = [ch for ch in key if ch.isalpha()]
    return len(key) >= 6 and len(letters) >= 5 and not is_everyday(key)


# Rules whose records name other names because the text says they are (又称, 亦称, also
# called), not because of where they stand: what `_agree` trusts.
MARKED_RULES = frozenset({"marked-synonym", "marked-pair"})


def _agreement_key(text: str) -> str:
    """A label as `_agree` compares it: its merge key, a Latin plural's `s` dropped."""
    key = merge_key(text)
    return key if has_cjk(key) else plain_singular(key)


def _agree(synonyms: Iterable[str], names: dict[str, set[str]]) -> bool:
    """Do the other names one occurrence gives its concept (`_agreement_key`s) give another
    group's names in two languages? `发布者（publishers）亦称生产者（producers）` beside
    `producer: 生产者`: the Chinese and the English name of the second both, which no short
    synonym shared by chance (PC, CD) does: the two are one concept, different as their
    first names are."""
    synonyms = set(synonyms)
    latin = {_agreement_key(t) for t in (*names.get("texts", ()), *names.get("acronyms", ()))
             if not has_cjk(t)}
    chinese = {k for lang, keys in names.items() if lang not in ("en", "texts", "acronyms")
               for k in keys}
    return bool(synonyms & latin) and bool(synonyms & chinese)


def _own_acronyms(a: TermRecord, b: TermRecord) -> bool:
    """Both records give an acronym, and none of one's is the other's (`APIs` is `API`)."""
    acr_a = {_acronym_key(x.text) for x in (*a.names, *a.synonyms) if is_acronym(x.text)}
    acr_b = {_acronym_key(x.text) for x in (*b.names, *b.synonyms) if is_acronym(x.text)}
    return bool(acr_a and acr_b and not acr_a & acr_b)


def _acronym_key(text: str) -> str:
    """`APIs` → `api`, `CI/CD` → `cicd`: an acronym's merge key without a plural `s`."""
    if len(text) > 2 and text.endswith("s") and text[:-1].isupper():
        text = text[:-1]
    return merge_key(text)


# A pair of names this weak (an everyday word glossed in passing: `test(被检测的数据)`,
# `数据(state)`, `model(改变)`; the co-mentions that repeat a pair) joins other groups by its
# first name only: its other names join as synonyms do (`_glue`), only where they can mean one
# thing. Joined by every name, such pairs chained 字符串, 数据, 状态, 模型 and test into one
# concept of 51 labels on the author's notebook.
WEAK_PAIR = 0.5


# Records that repeat the names of another record of the note to relate it (`co-defined`,
# `co-mentioned`): the record they repeat joins by its names, they add no evidence of a pair.
REPEATING_RULES = frozenset({"co-defined", "co-mentioned"})


def joining_names(term: TermRecord) -> tuple[Label, ...]:
    """The names by which an occurrence joins every group that has one of them: all its
    names, or only its first one when it is a weak pair (`WEAK_PAIR`) or repeats another
    record's names (`REPEATING_RULES`); an everyday English word given as the translation of
    a Chinese name (`对象 (object)`, `类 - class`) is not one of them (`_everyday_gloss`)."""
    if len(term.names) < 2:
        return term.names
    if _weak(term):
        return term.names[:1]
    if any(has_cjk(x.text) for x in term.names):
        kept = tuple(x for x in term.names if not _everyday_gloss(x.text))
        if kept and kept != term.names:
            return kept
    return term.names


def _weak(term: TermRecord) -> bool:
    return term.confidence <= WEAK_PAIR or term.rule in REPEATING_RULES


def _everyday_gloss(text: str) -> bool:
    """An English name that is an everyday word (`object`, `class`, `function`, `Methods`):
    beside a Chinese name it translates it, and other notes translate it otherwise (对象 and
    宾语 are both `object`; 函数 and 功能 `function`), so it joins by name only within its note
    (`group`) and elsewhere as a synonym does (`_glue`: where one group alone has it as its
    name). Joined by it everywhere, 函数, 类, 对象, 方法, 构造器 and 宾语 were one concept of 44
    labels on the author's notebook."""
    return not has_cjk(text) and " " not in text.strip() and is_everyday(text)


def one_gloss_two_names(a: tuple[NoteRecords, TermRecord], b: tuple[NoteRecords, TermRecord]
                        ) -> bool:
    """Two headings of one note pair one English name with two different Chinese names
    (`## 谓语 - predicate`, later `### 表语 - predicate`): two sections, two things; the shared
    word is a slip or a loose gloss, not a reason to make them one. Reported, kept apart.
    Only headings: a name glossed again in a list or in prose is usually the same thing said
    another way (`操作符` here, `运算符` there); of the corpora's 220 pairs of any origin, the 10
    pairs of headings are the ones that mostly name two things.

    >>> from graph.model import Label, NoteRecords, Source, TermRecord
    >>> rec = NoteRecords("n.md", "n")
    >>> def entry(zh, en, line, origin="heading"):
    ...     names = (Label(zh, "zh"), Label(en, "en"))
    ...     return rec, TermRecord(line, names, (), Source("n.md", line), origin)
    >>> one_gloss_two_names(entry("主键", "key", 3), entry("键", "key", 5))
    True
    >>> one_gloss_two_names(entry("主键", "key", 3), entry("主键", "Key", 5))
    False
    >>> one_gloss_two_names(entry("主键", "key", 3), entry("键", "key", 5, "item"))
    False

    Entries of any kind that each give their own acronym are two things as well:
    `Java标准版(Java 2 Platform, J2SE)` and `Java企业版(Java 2 Platform, J2EE)` share a
    word of the author's, not a meaning; `API` and `APIs` are one acronym.

    >>> def item(zh, en, acronym, line):
    ...     names = (Label(zh, "zh"), Label(en, "en"))
    ...     return rec, TermRecord(line, names, (Label(acronym, "en"),), Source("n.md", line),
    ...                            "item")
    >>> one_gloss_two_names(item("标准版", "Java 2 Platform", "J2SE", 3),
    ...                     item("企业版", "Java 2 Platform", "J2EE", 4))
    True
    >>> one_gloss_two_names(item("应用程序接口", "Application Programming Interface", "API", 3),
    ...                     item("应用编程接口", "Application Programming Interface", "APIs", 4))
    False
    """
    (rec_a, ta), (rec_b, tb) = a, b
    if rec_a.path != rec_b.path:
        return False
    if (ta.origin != "heading" or tb.origin != "heading") and not _own_acronyms(ta, tb):
        return False
    zh_a = {merge_key(x.text) for x in ta.names if has_cjk(x.text)}
    zh_b = {merge_key(x.text) for x in tb.names if has_cjk(x.text)}
    en_a = {k for x in ta.names if not has_cjk(x.text) for k in _name_keys(x.text)}
    en_b = {k for x in tb.names if not has_cjk(x.text) for k in _name_keys(x.text)}
    return bool(zh_a and zh_b and en_a & en_b and not zh_a & zh_b)


def _name_keys(text: str) -> set[str]:
    return {merge_key(text), form_key(text)} - {None}


def _glue(key: str, groups: dict[int, bool], names: dict[int, dict[str, set[str]]],
          agree: Callable[[int, int], bool] = lambda a, b: False):
    """Which groups one shared synonym joins: pairs to union, and a clash to report.

    A group that has the synonym as its *name* takes the others in, unless they clearly
    differ from it (and the other's synonyms do not name it in two languages, `_agree`);
    groups that only share it as a synonym join when it is specific and none of them clearly
    differs from another. A short or acronym synonym held by two groups that each have their
    own names joins nothing: it is reported."""
    named = sorted(g for g, as_name in groups.items() if as_name)
    syn_only = sorted(g for g, as_name in groups.items() if not as_name)
    specific = _specific(key)
    if named:
        target = named[0]
        fits = [g for g in syn_only if not _conflict(names[g], names[target])
                or agree(g, target)]
        if len(fits) > 1 and not specific:
            return [], (fits[0], fits[1])  # PC: 程序计数器 or Personal Computer?
        return [(target, g) for g in fits], None
    clash = next(((a, b) for a, b in combinations(syn_only, 2)
                  if _conflict(names[a], names[b])), None)
    if clash is not None or (not specific and len(syn_only) > 1):
        return [], clash or (syn_only[0], syn_only[1])
    return [(syn_only[0], g) for g in syn_only[1:]], None


def _conflict(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    """Two groups clearly differ when, in some language, both have names and none is shared
    (an acronym named by one and spelled out by the other is shared: SBL, Sisirair Brevur
    Losiklia)."""
    if _spells_out(a, b) or _spells_out(b, a):
        return False
    every_a = (*a.get("acronyms", ()), *a.get("texts", ()))
    every_b = (*b.get("acronyms", ()), *b.get("texts", ()))
    if any(_numeronym(x, y) or _numeronym(y, x) for x in every_a for y in every_b):
        return False  # K8s, Kubernetes
    return any(lang in b and not (names & b[lang]) for lang, names in a.items()
               if lang not in ("acronyms", "texts"))


def _spells_out(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    """Does `b` spell out an acronym that is a name of `a` (SBL, Sisirair Brevur Losiklia),
    one `a` does not already spell out otherwise (PC named with Personal Computer is not
    the PC of Program Counter)?"""
    own = a.get("texts", ())
    for short in a.get("acronyms", ()):
        for long in b.get("texts", ()):
            if is_abbreviation(short, long) and not any(
                    is_abbreviation(short, other) and merge_key(other) != merge_key(long)
                    for other in own):
                return True
    return False


def _concept(occs, idxs: list[int]) -> Concept:
    name_count: Counter[str] = Counter()
    first_seen: dict[str, tuple[Source, int]] = {}
    display: dict[str, Label] = {}
    head_count: Counter[str] = Counter()
    best = max((occs[i][1] for i in idxs), key=lambda t: (t.confidence, -t.source.line))
    # Where a concept is written as a term (title, heading, item), mentions in prose add
    # evidence and other names, never its preferred labels or its sources. A record of no
    # evidence names nothing, so it does not count as such a term (else no label is left).
    structural = any(occs[i][1].origin != "prose" and occs[i][1].confidence > 0.0
                     for i in idxs)
    synonyms: list[Label] = []
    sources: list[Source] = []
    paths: list[str] = []
    label_sources: dict[str, Source] = {}
    for order, i in enumerate(sorted(idxs, key=lambda i: occs[i][1].source)):
        rec, term = occs[i]
        if term.confidence <= 0.0:
            continue  # a record of no evidence (a co-mention of a weak name) names nothing
        if structural and term.origin == "prose":
            synonyms.extend(term.names)
            synonyms.extend(term.synonyms)
            for label in (*term.names, *term.synonyms):
                label_sources.setdefault(normalize(label.text), term.source)
            continue
        sources.append(term.source)
        if rec.path not in paths:
            paths.append(rec.path)
        for pos, label in enumerate(term.names):
            key = normalize(label.text)
            name_count[key] += 1
            if pos == 0:
                head_count[key] += term.confidence
            first_seen.setdefault(key, (term.source, order))
            display.setdefault(key, label)
        synonyms.extend(term.synonyms)
        for label in (*term.names, *term.synonyms):
            label_sources.setdefault(normalize(label.text), term.source)
    # Main label: the name most often written first, then the earliest.
    ranked = sorted(name_count, key=lambda k: (-head_count[k], -name_count[k], first_seen[k]))
    # A plural and its singular: the singular is the label (`Tokens` and `### Token`: Token).
    singular: dict[str, str] = {}
    for key in sorted(name_count, key=len):
        singular.setdefault(form_key(display[key].text) or key, key)
    ranked = list(dict.fromkeys([*(singular.get(form_key(display[k].text) or k, k)
                                   for k in ranked), *ranked]))
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
                   label_sources=label_sources, rule=best.rule or best.origin)


def id_order(concept: Concept) -> tuple[str, str]:
    """Concepts whose labels give one slug: the first in this order gets it plain."""
    return (normalize(concept.label), concept.label)


def concept_ids(concepts: Iterable[Concept]) -> list[str]:
    """Readable ids from the main label for concepts that share one slug (in `id_order`): the
    first gets the slug, the others a short hash of their label appended."""
    out = []
    for n, concept in enumerate(concepts):
        cid = slug(concept.label)
        if n:
            cid = f"{cid}-{short_hash(normalize(concept.label) + concept.sources[0].file)}"
        out.append(cid)
    return out


@dataclass(frozen=True)
class UnresolvedLink:
    """A link to no note: its target as written, where it is, and the concept its name
    made, if any (a ghost node)."""

    target: str
    file: str
    line: int
    concept: str | None = None


def head_relation(concept: Concept, label_index: Mapping[str, str]) -> Relation | None:
    """A compound is narrower than its head word when both are concepts: 单不饱和脂肪酸 is
    a 脂肪酸, 上下文反向链接 a 反向链接, `Plain Tasks` are `Tasks` (the head is the end of a
    Chinese compound and the last words of an English one). The longest head wins.

    >>> from graph.model import Concept, Label, Source
    >>> index = {merge_key(c): c for c in ("脂肪酸", "不饱和脂肪酸", "单不饱和脂肪酸")}
    >>> c = Concept("单不饱和脂肪酸", [Label("单不饱和脂肪酸", "zh")], [], sources=[Source("a.md", 1)])
    >>> head_relation(c, index).target
    '不饱和脂肪酸'
    >>> c = Concept("不饱和脂肪酸", [Label("不饱和脂肪酸", "zh")], [], sources=[Source("a.md", 1)])
    >>> head_relation(c, {**index, merge_key("饱和脂肪酸"): "饱和脂肪酸"}).target   # not a 饱和脂肪酸
    '脂肪酸'
    """
    for label in concept.labels:
        head = _head_concept(label.text, label_index)
        if head is not None and head != concept.id:
            return Relation(concept.id, head, BROADER, concept.sources[0], label.text,
                            "head-word", 0.6)
    return None


def head_candidates(concept: Concept) -> set[str]:
    """The label keys `head_relation` looks up for this concept."""
    return {merge_key(head) for label in concept.labels for head in _heads(label.text)}


# Prefixes that negate what follows: 不饱和脂肪酸 is no 饱和脂肪酸, 非关系型数据库 no 关系型数据库.
NEGATING_PREFIXES = frozenset("不非无未反")


def _heads(text: str) -> list[str]:
    """The possible head words of a compound, longest first: the ends of a Chinese compound
    (at least two characters, never cut right after a negating prefix) or the last words of
    an English one.

    >>> _heads("单不饱和脂肪酸")
    ['不饱和脂肪酸', '和脂肪酸', '脂肪酸', '肪酸']
    >>> _heads("Plain Task Notes"), _heads("Local Vault")
    (['Task Notes', 'Notes'], ['Vault', 'Vaults'])
    """
    text = text.strip()
    if has_cjk(text):
        return [text[i:] for i in range(1, len(text) - 1)
                if has_cjk(text[i]) and has_cjk(text[i - 1])
                and text[i - 1] not in NEGATING_PREFIXES]
    words = text.split()
    heads = [" ".join(words[i:]) for i in range(1, len(words))]
    return [*_versioned(text), *(form for head in heads for form in (head, *_plural_forms(head)))]


_VERSION_LETTERS = re.compile(r"^(.*[A-Za-z].*\d)[A-Za-z]$")
_VERSION_NUMBER = re.compile(r"^(.*[A-Za-z].*?)(?:([-\s]+)|(?<=[A-Z]{2}))(v?)((?:0|[1-9]\d{0,3})"
                             r"(?:\.\d+)*)[A-Za-z]?$")


def _versioned(text: str) -> list[str]:
    """What a versioned name is a version of, nearest first: `GPT-4o` of `GPT-4` and `GPT`,
    `Python 3.11` of `Python`, `HTML5` of `HTML` (a number of at most four digits after a
    hyphen or a space, or right after capitals). Not `log4j`, `Base64`, `K8s`, a code
    (`FF2266`, `kayn-20240712`) nor an everyday word and a count (`limit 0`, `Example 2`).

    >>> _versioned("GPT-4O"), _versioned("Python 3.11"), _versioned("GPT4"), _versioned("IPv6")
    (['GPT-4', 'GPT'], ['Python'], ['GPT'], ['IP'])
    >>> _versioned("log4j"), _versioned("Base64"), _versioned("FF2266"), _versioned("limit 0")
    ([], [], [], [])
    """
    out = []
    match = _VERSION_LETTERS.match(text)
    if match and _version_base(match.group(1)):
        out.append(match.group(1))
    base = _version_base(text)
    if base:
        out.append(base)
    return out


def _version_base(text: str) -> str | None:
    match = _VERSION_NUMBER.match(text)
    if match is None:
        return None
    base, sep, v, number = match.group(1).strip(), match.group(2), match.group(3), match.group(4)
    if len(base) < 2 or not (base[-1].isalpha() or base[-1] in "#+"):
        return None  # `a-zA-Z0-9`, `ipv4 10`: a range, a version's count
    if sep is None and not v and len(number.split(".")[0]) > 2:
        return None  # `FF2266`: a code, not a version
    if not v and "." not in number and is_everyday(base.lower()):
        return None  # `limit 0`, `Example 2`, `TOP10`: a word and a count
    return base


def _plural_forms(head: str) -> list[str]:
    """The plural of an English head, as the concept of the kind may be named: a `Local
    Vault` is one of the `Vaults`, a `Cross Vault Link` one of the `Links` (a word of three
    or more lower-case letters, not already a plural).

    >>> _plural_forms("Vault"), _plural_forms("Registry"), _plural_forms("Notes")
    (['Vaults'], ['Registries'], [])
    >>> _plural_forms("p"), _plural_forms("ES6"), _plural_forms("API")
    ([], [], [])
    """
    last = head.rsplit(" ", 1)[-1]
    if len(last) < 3 or not last.isalpha() or not last[1:].islower() or last.endswith("s"):
        return []
    if last.endswith("y") and last[-2] not in "aeiou":
        return [head[:-1] + "ies"]
    return [head + ("es" if last.endswith(("sh", "ch", "x")) else "s")]


def _head_concept(text: str, index: dict[str, str]) -> str | None:
    for head in _heads(text):
        cid = index.get(merge_key(head))
        if cid is not None:
            return cid
    return None


def dendron_parents(paths: Iterable[str]) -> dict[str, str]:
    """Dendron writes the hierarchy into file names: `a.b.c.md` is narrower than `a.b.md` (the
    nearest existing ancestor note in the same folder). note path → that ancestor's path.

    >>> dendron_parents(["v/a.md", "v/a.b.c.md", "v/a.x.md", "w/a.b.md"])
    {'v/a.b.c.md': 'v/a.md', 'v/a.x.md': 'v/a.md'}
    """
    by_stem: dict[tuple[str, str], str] = {}
    paths = sorted(paths)
    for path in paths:
        folder, _, name = path.rpartition("/")
        by_stem[(folder, _stem(name).lower())] = path
    out: dict[str, str] = {}
    for path in paths:
        folder, _, name = path.rpartition("/")
        parts = _stem(name).lower().split(".")
        for cut in range(len(parts) - 1, 0, -1):
            parent = by_stem.get((folder, ".".join(parts[:cut])))
            if parent is not None:
                out[path] = parent
                break
    return out
