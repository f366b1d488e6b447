"""One note → its records. A pure function of (path, bytes, config), so one note can be
redone without the others.

The walk goes over the block tree of `graph.markdown` and asks the rules in `graph.rules`
what each heading, list item and paragraph is. Text that is not a term belongs to the
concept it sits under (its *owner*): the nearest term item, concept heading, or the note's
own concept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from . import lexicon
from .config import Config
from .markdown import Block, Inline, Segment, parse_blocks
from .model import (BROADER, HIERARCHY, MENTION, Label, LinkRecord, NoteRecords, Resource,
                    Source, TermRecord, Text)
from .notes import RawNote, decode, split_front_matter
from .rules.frontmatter import description_of, related_of, synonyms_of, tags_of, title_of
from .rules.heading import (aspect_head, heading_terms, section_of_claims, split_topics,
                            strip_numbering, title_names_concept, describes_owner, announces_kinds,
                            news_of_everyday, question_terms, strip_marker,
                            title_topic, glued_numbering, strip_glued_number,
                            strip_aspects, strip_section_suffix, drop_item_number)
from .rules.inline_tags import inline_tags
from .rules.links import (WIKILINK, encyclopedia_article, field_relation, leading_link,
                          link_name_pair, linked_kinds, linked_topics, note_link, page_link_name,
                          wikilink_names)
from .rules.definitions import (defined_subject, defined_term, defines_by_article,
                                definition_genus, definition_kind)
from .rules.changes import changed_feature
from .rules.dictionary_pairs import dictionary_pairs
from .rules.enumerations import (ENUMERATION, closed_list_of_names, everyday_noun,
                                 owner_kinds, text_examples)
from .rules.name_runs import latin_terms
from .rules.names import (CJK, example_name, function_word, good_name, is_generic_heading,
                          split_cjk_latin)
from .rules.other_names import opening_other_names
from .rules.prose import prose_terms
from .rules.repeated import repeated_english, repeated_phrases
from .rules.shapes import (FUNCTION_WORDS, TASK_WORDS_EN, _pos, cjk_count, has_url, is_claim,
                           is_command, is_example_marker, is_key_combination, is_name,
                           is_placeholder, is_question, is_sentence, is_task, is_url,
                           is_verb_phrase, opens_with_shortcut)
from .rules.term_item import (TermShape, acronym_letters, bilingual_list, bilingual_table_terms,
                              category_name, counted_field, initials_of, is_abbreviation,
                              is_other_name, kinds_field, kinds_field_subject, name_column_terms,
                              other_names_field, parse_term, split_colon, table_terms,
                              term_list_field, translations)
from .termhood import is_acronym, is_everyday, zipf
from .text import (Squeezed, clean_label, fold_chinese, has_cjk, lang_of, merge_key, normalize,
                   plain_singular, spelling_key)


@dataclass(frozen=True)
class Context:
    owner: int | None  # record key of the concept that text here belongs to
    relation: str  # how a term found here relates to the owner: BROADER or HIERARCHY
    container: bool = False  # directly under a heading that lists terms (Glossary, Lists, …)
    questions: bool = False  # under FAQ-like headings: sub-headings are questions
    quoted: bool = False  # inside a blockquote: text only
    defines: bool = True  # may text here be the owner's definition? (not under 安装, FAQ, …)
    claims: bool = False  # under 优点 / 缺点 / 问题 …: items are statements, not terms
    title_quote: bool = False  # in a quote that opens the note: the title's other names
    describing: bool = False  # directly under 定义 / 解释 / Description: the owner described
    kinds: bool = False  # a list announced as kinds or parts (`它们分别是：`)

    @property
    def definition_ok(self) -> bool:
        return self.defines and not self.quoted


REPEATED, REPEATED_PROSE_NOTE = 0.35, 0.5  # a repeated phrase (graph.rules.repeated)
REPEATED_OFTEN = 5  # an English compound written this often is a concept in any note
# Terms named together in one sentence (`relate_co_mentioned`): how many at most, how sure a
# term must already be to count, and the weight of the record that relates them.
CO_MENTION_MAX, CO_MENTION_MIN, CO_MENTION = 4, 0.5, 0.3
SIBLINGS_MAX = 30  # a longer list is a catalogue, not a set of neighbours
_SENTENCES = re.compile(r"[。！？!?；;\n]|\.(?:\s|$)")
# How sure each structural rule is that what it found names a concept.
CONFIDENCE = {"defined-under": 0.8, "title": 1.0, "heading": 0.85, "heading-defined": 0.8, "heading-topics": 0.75,
              "term-item": 0.9, "bilingual-pair": 0.9, "name-list": 0.7, "bare-item": 0.6,
              "lone-name": 0.6,
              "paragraph-term": 0.8, "bold-entry": 0.8, "term-list-field": 0.8, "kinds-field": 0.8,
              "counted-field": 0.8,
              "table-term": 0.8, "bilingual-table": 0.9, "question-subject": 0.8,
              "item-example": 0.7, "item-related": 0.6,
              "definition-subject": 0.8, "title-topic": 0.8}


def extract_bytes(path: str, data: bytes, config: Config) -> NoteRecords:
    text, warnings = decode(path, data)
    if text is None:
        records = NoteRecords(path=path, title=_stem(path))
        records.warnings.extend(warnings)
        return records
    records = extract_text(path, text, config)
    records.warnings[:0] = warnings
    return records


def extract_text(path: str, text: str, config: Config) -> NoteRecords:
    raw = split_front_matter(path, text)
    return Extractor(raw, config).run()


_ASKS_ZH = ("为什么", "为何", "如何", "怎么", "怎样", "什么是", "何为", "何谓")


def _title_asks(title: str) -> bool:
    """A note's title that is a question: a question mark, or a Chinese question word that
    opens it or a question ending (`为什么要做笔记`, `okr怎么写`, `文化是什么`). Not a name that
    only looks like one (`Will Smith`, `May Fourth Movement`, `毛呢`, `What Is Life`: an English
    title asks only with its question mark).

    >>> [_title_asks(t) for t in ("为什么要做笔记", "okr怎么写", "文化是什么", "What is RAG?")]
    [True, True, True, True]
    >>> [_title_asks(t) for t in ("Will Smith", "毛呢", "What Is Life", "十万个为什么")]
    [False, False, False, False]
    """
    if "?" in title or "？" in title:
        return is_question(title)
    return has_cjk(title) and is_question(title) and (
        title.startswith(_ASKS_ZH) or any(w in title[1:] for w in ("怎么", "怎样", "如何"))
        or title.endswith(("是什么", "是啥", "有哪些", "怎么办")))


def _stem(path: str) -> str:
    name = PurePosixPath(path).name
    for suffix in (".markdown", ".mdx", ".md"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def names_to_labels(shape: TermShape) -> tuple[tuple[Label, ...], tuple[Label, ...]]:
    """The term's names (one per language, first seen first) and its other names as synonyms.

    An acronym in the parenthesis is a synonym, never a name: two terms may each call
    themselves `CD`, and a shared name would make them one concept."""
    names = list(shape.names)
    category = category_name(names[0]) if names else None
    if category:  # `FastAPI框架` is also FastAPI
        names.insert(1, category)
    aliases = [a for a in shape.aliases if not is_acronym(a)]
    acronyms = [a for a in shape.aliases if is_acronym(a)]
    # `ARP协议` is ARP by its own words: that acronym is a name, not a synonym given beside it
    return labels_of([*names, *aliases], extra=[*acronyms, *shape.after_colon],
                     named=(category,) if category else ())


def labels_of(texts, extra=(), named=()) -> tuple[tuple[Label, ...], tuple[Label, ...]]:
    """Names (one per language, first seen first) and synonyms. An acronym after the first
    name is a synonym (two concepts may each call themselves `CD`, and a shared *name* would
    make them one), unless it is `named`."""
    texts = list(texts)
    extra = [*extra, *(t for t in texts[1:] if is_acronym(t) and t not in named)]
    texts = [t for i, t in enumerate(texts) if i == 0 or not is_acronym(t) or t in named]
    names: list[Label] = []
    synonyms: list[Label] = []
    langs: set[str] = set()
    for text in [*texts, *extra]:
        if not usable_label(text):
            continue
        label = Label(text, lang_of(text))
        if any(normalize(x.text) == normalize(text) for x in (*names, *synonyms)):
            continue
        if label.lang not in langs and text not in extra:
            names.append(label)
            langs.add(label.lang)
        else:
            synonyms.append(label)
    return tuple(names), tuple(synonyms)


_NOT_LABELS = set("的 了 是 和 与 或 在 中 等 及".split())


def usable_label(text: str) -> bool:
    """Numbers, single letters and particles are never names (`(1)`, `(a)`, `(的)`)."""
    key = normalize(text)
    if not key or key in _NOT_LABELS:
        return False
    if key.replace(".", "").replace(" ", "").isdigit():
        return False
    return len(key) > 1 or has_cjk(key)


def _source_label(name: str) -> bool:
    """`维基百科定义`, `官方定义`, `Definition`: where a definition comes from, not a term."""
    key = normalize(name)
    return key.endswith(("定义", "解释", "释义", "说明", "描述", "definition", "defined",
                         "says")) and len(key) <= 12


class Extractor:
    def __init__(self, raw: RawNote, config: Config):
        self.raw = raw
        self.config = config
        self.path = raw.path
        self.out = NoteRecords(path=raw.path, title="", warnings=list(raw.warnings))
        self._key = 0
        self.bold_term: tuple[Block | None, int] = (None, 0)  # a bold term line, its record
        self.lone_runs: set[int] = set()  # paragraphs that are names in a row (`add_lone_name`)
        self.glued_numbers = False  # headings numbered `1名称`, `2名称` (`glued_numbering`)

    # ------------------------------------------------------------ helpers

    def src(self, line: int) -> Source:
        return Source(self.path, line)

    def add_term(self, names, synonyms, line: int, origin: str, ctx: Context, rule: str = "",
                 confidence: float | None = None) -> int:
        key = self._key
        self._key += 1
        rule = rule or origin
        if confidence is None:
            confidence = CONFIDENCE.get(rule, 0.8)
        self.out.terms.append(TermRecord(key, names, synonyms, self.src(line), origin,
                                         ctx.owner, ctx.relation, rule, confidence))
        return key

    def add_shape(self, shape: TermShape, line: int, origin: str, ctx: Context,
                  rule: str) -> int | None:
        """A term-shaped item or heading: the term, its examples (narrower) and neighbours."""
        names, synonyms = names_to_labels(shape)
        if not names:
            return None
        key = self.add_term(names, synonyms, line, origin, ctx, rule)
        inner = Context(owner=key, relation=BROADER)
        for example in shape.examples:
            self._add_name(example, line, inner, "item-example")
        for other in shape.related:
            self._add_name(other, line, replace(inner, relation=MENTION), "item-related")
        return key

    def _add_name(self, text: str, line: int, ctx: Context, rule: str,
                  confidence: float | None = None, everyday_ok: bool = False) -> int | None:
        pair = split_cjk_latin(text)  # `任务Task`
        if rule == "wikilink" and not pair:
            pair = link_name_pair(text)
        name = pair[0] if pair else text
        if rule == "enumeration":
            pass  # its items are checked by `prose.enumerations` (with their siblings)
        elif rule.endswith("example"):
            if not example_name(name):
                return None
        elif rule == "wikilink" and news_of_everyday(name):
            return None  # `[[Event Reminders|…]]`: a section of news, as its heading would be
        elif rule == "wikilink" and len(name.split()) >= 2 and is_name(name):
            pass  # a link to `Create Task Note` names something, even in everyday words
        elif rule == "page-link":
            pass  # a link to a term page names that term (`links.page_link_name`)
        elif not good_name(name, strict=False) and not (everyday_ok and everyday_noun(name)):
            return None
        names, synonyms = labels_of(pair or [text])
        if not names:
            return None
        return self.add_term(names, synonyms, line, "prose", ctx, rule, confidence)

    def _record(self, key: int) -> TermRecord:
        return next(t for t in reversed(self.out.terms) if t.key == key)

    def add_text(self, owner: int | None, text: str, line: int, *, definition_ok: bool = True):
        text = text.strip()
        if owner is None or not text:
            return
        item = Text(text, self.src(line), lang_of(text))
        if definition_ok and owner not in self.out.definitions and is_sentence(text) \
                and not has_url(text):
            self.out.definitions[owner] = [item]
        else:
            self.out.notes.setdefault(owner, []).append(item)

    def add_prose_terms(self, owner: int | None, segments: list[Segment], line: int):
        """Names in running text (bold, link texts, Latin names in Chinese, `X（Y）`)."""
        if owner is None:
            return
        paired: list[tuple[int, int]] = []  # (sentence, key) of names given with a translation
        plain = "".join(s.text for s in segments if s.kind in ("text", "link", "wikilink"))
        for term in prose_terms(segments):
            ctx = Context(owner=None, relation=HIERARCHY)
            key = None
            if term.names:
                names, synonyms = labels_of(term.names)
                if names:
                    key = self.add_term(names, synonyms, line, "prose", ctx, term.rule,
                                        term.confidence)
                    if term.rule in ("paren-pair", "bold-pair", "italic-pair", "marked-pair"):
                        paired.append((_sentence_of(plain, term.names[0]), key))
            parent = Context(owner=key if key is not None else owner, relation=BROADER)
            examples: list[int | None] = []
            for example in term.examples:
                k = self._add_name(example, line, parent, term.rule, term.confidence)
                examples.append(k)
                if k is not None and key is not None and owner != self.out.title_key:
                    # `**缓存**：使用分布式缓存（如Redis）`: Redis is a 分布式缓存, and it is
                    # listed under 缓存 too.
                    self.add_term(self._record(k).names, (), line, "prose",
                                  Context(owner=owner, relation=BROADER), term.rule,
                                  term.confidence)
            if term.names or parent.owner != self.out.title_key:
                # `多不饱和脂肪酸常见就是omega-3和omega6`: instances named together
                self.relate_siblings(examples, line)
        self.relate_co_defined(paired, line)

    def add_text_examples(self, owner: int, text: str, line: int) -> None:
        """`- 故障容忍：实现容错机制，例如熔断器模式和重试策略`: the names a glossary entry's
        own definition gives as examples (`prose.text_examples`) are narrower than the term.
        Recorded with no evidence of their own (confidence 0): the relation holds when the
        example is a concept, as two or more named examples are (`enumerations.example_list`,
        a prose rule)."""
        for name in text_examples(text):
            names, _ = labels_of([name])
            if names:
                self.add_term(names, (), line, "prose", Context(owner=owner, relation=BROADER),
                              "text-example", 0.0)

    def add_owner_kinds(self, owner: int, text: str, line: int) -> None:
        """`- **并发编程**：包括多线程、多进程和异步编程`: what a definition opens by listing are
        kinds or parts of the term (`enumerations.owner_kinds`), narrower, each a term."""
        for name in owner_kinds(text):
            names, _ = labels_of([name])
            if names:
                self.add_term(names, (), line, "prose", Context(owner=owner, relation=BROADER),
                              "owner-kinds", ENUMERATION)

    def relate_co_defined(self, paired: list[tuple[int, int]], line: int) -> None:
        """`持久卷（PV）和持久卷声明（PVC）`: names introduced with their other names in one
        sentence are introduced together, as related terms."""
        by_sentence: dict[int, list[int]] = {}
        for sentence, key in paired:
            if sentence >= 0:
                by_sentence.setdefault(sentence, []).append(key)
        for keys in by_sentence.values():
            if not 2 <= len(keys) <= 4:
                continue  # more is a list of translations, not terms introduced together
            for a, b in zip(keys, keys[1:]):
                self.add_term(self._record(b).names, (), line, "prose",
                              Context(owner=a, relation=MENTION), "co-defined", 0.6)

    def relate_in_turn(self, keys: list[int | None], line: int, rule: str) -> None:
        """Each term related to the next (None: no term there), by records of no evidence
        that take the origin of the record they repeat (a record of no evidence names
        nothing)."""
        for a, b in zip(keys, keys[1:]):
            if a is None or b is None:
                continue
            record = self._record(b)
            self.add_term(record.names, (), line, record.origin,
                          Context(owner=a, relation=MENTION), rule, 0.0)

    def add_inline_extras(self, owner: int | None, inline: Inline,
                          narrower: Segment | None = None):
        """Links, resources and #tags anywhere in a piece of inline text (`narrower`: a link
        to a concept narrower than the owner, as if written `down:: [[X]]`)."""
        field = ""  # the inline field (`up:: [[X]]`) the links being read are the value of
        for seg in inline.segments:
            if seg.kind == "text":
                field = field_relation(seg.text, field)
            if seg.kind == "wikilink":
                if not self.add_link(owner, seg.href, inline.line, seg.text, wiki=True,
                                     field="down" if seg is narrower else field):
                    self.add_resource(owner, seg.href, seg.text, inline.line)
                elif owner is not None:
                    # A link names a concept, written or not yet (Obsidian's unresolved link).
                    names = wikilink_names(seg.href)
                    # the topics of the note linked to, by its name (not of a label for it)
                    for name in (*names, *linked_topics(names[0] if names else "")):
                        self._add_name(name, inline.line, Context(None, HIERARCHY),
                                       "wikilink", WIKILINK)
            elif seg.kind == "link":
                if not self.add_link(owner, seg.href, inline.line, seg.text, wiki=False,
                                     field=field):
                    self.add_resource(owner, seg.href, seg.text, inline.line)
                    if owner is not None and encyclopedia_article(seg.href) \
                            and _in_sentence(inline):
                        # `a different [address space](https://en.wikipedia.org/wiki/…)`;
                        # not `见[这里](…)`, `see [here](…)`
                        name = page_link_name(seg.text, seg.href)
                        if name and zipf(name) < DEICTIC:
                            self._add_name(name, inline.line, Context(None, HIERARCHY),
                                           "page-link", WIKILINK)
                elif owner is not None:
                    # A link to a site's term page names that term (`[持续集成](/zh-cn/
                    # continuous-integration/)`); texts of one page are one concept (merge).
                    name = page_link_name(seg.text, seg.href)
                    if name:
                        self._add_name(name, inline.line, Context(None, HIERARCHY),
                                       "page-link", WIKILINK)
            elif seg.kind == "image":
                self.add_resource(owner, seg.href, seg.text, inline.line, image=True)
            elif seg.kind == "text":
                for word in seg.text.split():
                    if is_url(word):
                        self.add_resource(owner, word.rstrip(").,;，。"), "", inline.line)
                for tag in inline_tags(seg.text):
                    if owner is not None:
                        self.out.term_tags.setdefault(owner, []).append((tag, self.src(inline.line)))
                    self.out.tags += ((tag, self.src(inline.line)),)

    def add_link(self, owner, href: str, line: int, text: str, *, wiki: bool,
                 field: str = "") -> bool:
        parsed = note_link(href, wiki=wiki)
        if parsed is None:
            return False
        target, anchor = parsed
        self.out.links.append(LinkRecord(owner, href if wiki else href.split("#")[0],
                                         anchor, self.src(line), text,
                                         "wikilink" if wiki else "path", field))
        return True

    def add_resource(self, owner, url: str, title: str, line: int, image: bool = False):
        if owner is None or not url:
            return
        self.out.resources.setdefault(owner, []).append(
            Resource(url, clean_label(title), self.src(line), image))

    # ------------------------------------------------------------ the walk

    def run(self) -> NoteRecords:
        meta = self.raw.metadata
        blocks = parse_blocks(self.raw.body, self.raw.body_line)
        self.field_heads = _repeated_lead_ins(blocks)
        self.glued_numbers = glued_numbering([b.title for b in _sections(blocks)])
        title = title_of(meta)
        first_h1 = next((b for b in blocks if b.kind == "section" and b.level == 1), None)
        title_line = 1
        if not title and first_h1 is not None and first_h1.title:
            title, title_line = first_h1.title, first_h1.line
        if not title:
            title = _stem(self.path)
        self.out.title = title
        # `∑ 金句库`, `🧑孟子`: the name is what follows the mark, as written (not split: in
        # `∑ DB - 运动与健康` DB is a prefix of the author's, not a name of 运动与健康)
        bare = unmarked_title(title)
        shape = TermShape(names=[bare]) if bare else title_shape(title)
        listed = shape.names if shape.siblings else []
        if listed:  # `IEMI、MEID、SN码`: the note is about each; its own name is the title
            shape = TermShape(names=[clean_label(title) or title])
        names, synonyms = names_to_labels(shape)
        if bare:  # the name as written after the mark (no category split); the title a label
            names, synonyms = labels_of([bare, title.strip()])
        if not names:  # a title such as "2023" is still the note's name
            names = (Label(title, lang_of(title)),)
        extra = tuple(Label(s, lang_of(s)) for s in synonyms_of(meta)
                      if normalize(s) not in {normalize(x.text) for x in (*names, *synonyms)})
        self.out.aliases = tuple(s.text for s in extra)
        root = Context(owner=None, relation=HIERARCHY)
        # A question as a title names no concept (`为什么我们要减少新闻阅读`, `如何提高Obsidian
        # 的启动速度？`: its record stays, with no evidence of its own, so the note has no
        # concept), unless it asks what something is (`文化是什么`, `什么是协议(protocol)？`: that,
        # read as a question heading is).
        asks = _title_asks(strip_marker(title, title=True))
        shapes = question_terms(title, self.config) if asks else []
        if len(shapes) == 2 and has_cjk(shapes[0].names[0]) != has_cjk(shapes[1].names[0]):
            # `What Is a Second Brain？ - 第二大脑是什么？`: one question in two languages
            shapes = [TermShape(names=shapes[0].names[:1],
                                aliases=[*shapes[1].names[:1], *shapes[0].aliases])]
        if len(shapes) == 1:
            names, synonyms = names_to_labels(shapes[0])
        key = self.add_term(names, synonyms + extra, title_line, "title", root, "title",
                            0.0 if asks and len(shapes) != 1 else None)
        self.out.title_key = key
        for name in listed:
            self._add_name(name, title_line, Context(owner=key, relation=HIERARCHY),
                           "title-list", CONFIDENCE["name-list"])
        described = description_of(meta)
        if described:  # Dendron's `desc`, a `description:` or `summary:` field
            self.out.definitions[key] = [Text(described, self.src(2), lang_of(described))]
        tags = tuple((t, self.src(2)) for t in tags_of(meta))
        self.out.tags = tags
        if tags:
            self.out.term_tags[key] = list(tags)
        for name in related_of(meta):
            self.out.links.append(LinkRecord(key, name, "", self.src(2), name, "frontmatter"))
        self.title_concept = title_names_concept(title, self.config)
        self.topic_key = None
        topic = title_topic(title)
        if topic is not None:  # `结构化思维的二十条军规`: the rules listed are 结构化思维's
            self.topic_key = self._add_name(topic, title_line, Context(None, HIERARCHY),
                                            "title-topic", CONFIDENCE["title-topic"])
        self.walk(blocks, self.title_context(HIERARCHY))
        self.add_field_names(blocks, key)
        self.add_repeated_phrases()
        self.join_acronyms()
        self.add_spellings(blocks)
        self.relate_co_mentioned()
        self.add_dictionary_pairs()
        return self.out

    def add_dictionary_pairs(self) -> None:
        """A Chinese name and its English translation the note names apart (a heading `## 死锁`,
        `deadlock` in a sentence): one concept (`rules.dictionary_pairs`), when the note names
        each (`_names_something`). The record that joins them brings no evidence of its own
        (confidence 0: neither name becomes a concept by it), and it is a weak pair, so the
        English name joins elsewhere only as a synonym does."""
        from .merge import _UnionFind

        terms = self.out.terms
        uf = _UnionFind(len(terms))
        by_key: dict[str, int] = {}
        for i, term in enumerate(terms):  # the note's own merging: records that share a name
            for x in (*term.names, *term.synonyms):
                j = by_key.setdefault(merge_key(x.text), i)
                if j != i:
                    uf.union(j, i)
        members: dict[int, list[int]] = {}
        for i in range(len(terms)):
            members.setdefault(uf.find(i), []).append(i)
        groups, heads = [], []
        for idxs in members.values():
            if not any(terms[i].confidence > 0 and _names_something(terms[i]) for i in idxs):
                continue
            texts = dict.fromkeys(x.text for i in idxs
                                  for x in (*terms[i].names, *terms[i].synonyms))
            groups.append(list(texts))
            heads.append(terms[idxs[0]])
        for z, e in dictionary_pairs(groups):
            names = (Label(groups[z][0], "zh"), Label(groups[e][0], "en"))
            self.add_term(names, (), heads[z].source.line, "prose", Context(None, HIERARCHY),
                          "dictionary-pair", 0.0)

    def relate_co_mentioned(self) -> None:
        """`Producer sends messages to the queue.`: two to four of the note's own terms named
        in one sentence of its text are related (the owner of the text already mentions each;
        this joins them to each other).

        Terms the note makes concepts count, and so do names it has only weak evidence for (a
        name in English prose, a short Latin word): those may be concepts through other notes
        (`We cache MySQL queries in Redis.` where both are defined elsewhere). A pair with
        such a name is found in a second pass (the first, of the note's concepts alone, is
        unchanged by it) and recorded with no evidence of its own (confidence 0): it relates
        the two only when both are concepts after the merge, and never makes one nor names
        one (`graph.merge`)."""
        from .merge import combined_confidence
        from .rules.mentions import MentionMatcher

        strength: dict[str, list[float]] = {}
        first: dict[str, TermRecord] = {}
        for term in self.out.terms:
            k = merge_key(term.names[0].text)
            strength.setdefault(k, []).append(term.confidence)
            first.setdefault(k, term)
        labels: dict[str, str] = {}  # the note's concepts
        others: dict[str, str] = {}  # names it has only weak evidence for
        glossed: set[str] = set()
        for k, term in first.items():
            sure = combined_confidence(strength[k]) >= CO_MENTION_MIN
            # `producer: 生产者`: a word glossed with its translation is a term of this note,
            # everyday as it may be elsewhere
            bilingual = len({label.lang for label in (*term.names, *term.synonyms)}) > 1
            for label in (*term.names, *term.synonyms):
                (labels if sure else others).setdefault(normalize(label.text), k)
                if sure and bilingual and term.origin != "prose":
                    glossed.add(normalize(label.text))
        seen: set[tuple[str, str]] = set()
        if len(labels) >= 2:
            self._co_mentions(MentionMatcher(labels, self.config.stop_labels, glossed), first,
                              seen, CO_MENTION, lambda a, b: True)
        if others and len(labels) + len(others) >= 2:
            weak = set(others.values()) - set(labels.values())
            matcher = MentionMatcher({**others, **labels}, self.config.stop_labels, glossed)
            self._co_mentions(matcher, first, seen, 0.0, lambda a, b: a in weak or b in weak)

    def _co_mentions(self, matcher, first: dict[str, TermRecord], seen: set, confidence: float,
                     wanted) -> None:
        """Relate the terms `matcher` finds two to four of in one sentence (pairs `wanted`)."""
        for items in (*self.out.definitions.values(), *self.out.notes.values()):
            for item in items:
                for sentence in _SENTENCES.split(item.text):
                    found: list[str] = []
                    for k, _label, _start in matcher.find(sentence):
                        if k not in found:
                            found.append(k)
                            if len(found) > CO_MENTION_MAX:
                                break  # a list, not a sentence (a table of 10,000 names)
                    if not 2 <= len(found) <= CO_MENTION_MAX:
                        continue
                    for i, a in enumerate(found):
                        for b in found[i + 1:]:
                            if (a, b) in seen or (b, a) in seen or not wanted(a, b):
                                continue
                            seen.add((a, b))
                            self.add_term(first[b].names, (), item.source.line, "prose",
                                          Context(owner=first[a].key, relation=MENTION),
                                          "co-mentioned", confidence)

    def join_acronyms(self) -> None:
        """An acronym and its expansion written apart in one note (`持续集成（CI）` here,
        `Continuous Integration` there) name one concept: when exactly one multi-word
        Latin label of the note spells the acronym out, and exactly one name of the note
        holds the acronym, the two are joined. Not when the expansion is already written with
        the acronym (`程序计数器(PC)` beside `Personal Computer (PC)`: two concepts that each
        call themselves PC)."""
        # Multi-word Latin labels filed by their initials (a long note has thousands of
        # labels, and a glossary of acronyms as many acronyms: comparing each with each was
        # 15 s for 1,500 `Foo Bar (FB)` items).
        by_initials: dict[str, set[str]] = {}
        holders: dict[str, list[TermRecord]] = {}  # acronym → records that have it
        for t in self.out.terms:
            for lb in (*t.names, *t.synonyms):
                if " " in lb.text.strip() and not has_cjk(lb.text):
                    for initials in initials_of(lb.text):
                        by_initials.setdefault(initials, set()).add(lb.text)
                elif is_acronym(lb.text):
                    holders.setdefault(lb.text, []).append(t)
        buckets = {k: sorted(v) for k, v in by_initials.items()}
        for short, terms in holders.items():
            # Its initials spelled out (CI: Continuous Integration, not Continuous Deployment;
            # LOB is not `load balancer`, PID not `print work directory`), never itself
            # (AMQP entities)
            letters = acronym_letters(short)
            if len(letters) < 2:
                continue
            found: list[str] = []
            keys: set[str] = set()
            for e in buckets.get(letters, ()):  # (each spells the letters out)
                if short.lower() not in re.findall(r"\w+", e.lower()):
                    found.append(e)
                    keys.add(merge_key(e))
                    if len(keys) > 1:
                        break
            if len(keys) != 1:
                continue  # none, or several: which one is meant is not clear
            expansion = merge_key(found[0])
            owners: dict[str, str] = {}  # the first names of the records that have it
            for term in terms:
                if any(merge_key(x.text) == expansion for x in (*term.names, *term.synonyms)):
                    owners = {}
                    break  # written together already
                name = term.names[0].text
                if name != short:
                    owners.setdefault(merge_key(name), name)
            if len(owners) != 1:
                continue
            owner = next(iter(owners.values()))
            if is_acronym(owner):
                continue  # NAS among the other names of NAT
            term = terms[0]
            names, synonyms = labels_of([owner, found[0]])
            self.add_term(names, (*synonyms, Label(short, lang_of(short))), term.source.line,
                          "prose", Context(None, HIERARCHY), "acronym-expansion", 0.6)

    def add_spellings(self, blocks: list[Block]) -> None:
        """A name the note is sure of (`SPELLING_MIN`) and also writes in another spelling
        (`Wiki Links` and `wikilinks`, `住宅IP` and `住宅 IP`, `docker-compose` and `docker
        compose`): that spelling is another label of it. Only separators and case differ
        (not a plural: `backlinks` does not make `backlink` a label), so the spelling merges
        anyway and joins no concepts; it is added to the most confident record that has the
        name. Not in a path or a file name (`dendron.topic.wiki-links`)."""
        from .merge import combined_confidence, form_key

        best: dict[str, int] = {}  # spelling key → index of the record to extend
        evidence: dict[str, list[float]] = {}
        for i, term in enumerate(self.out.terms):
            for label in (*term.names, *term.synonyms):
                key = spelling_key(label.text)
                evidence.setdefault(key, []).append(term.confidence)
                j = best.get(key)
                if j is None or self.out.terms[j].confidence < term.confidence:
                    best[key] = i
        best = {k: i for k, i in best.items()
                if combined_confidence(evidence[k]) >= SPELLING_MIN}
        if not best:
            return
        squeezed = Squeezed("\n".join([self.out.title, *_block_texts(blocks)]))
        text = squeezed.text
        spans = squeezed.spans_of(k for k in best if len(k) >= 3)
        added: dict[int, list[Label]] = {}
        # A term's labels by spelling key, and as written (normalized) with those added so
        # far: made once per term (a term of 5,000 front-matter synonyms was scanned once per
        # key, twice).
        keyed: dict[int, dict[str, str]] = {}
        owned: dict[int, set[str]] = {}
        for key, i in best.items():
            term = self.out.terms[i]
            if i not in keyed:
                keyed[i] = {}
                for x in (*term.names, *term.synonyms):
                    keyed[i].setdefault(spelling_key(x.text), x.text)
                owned[i] = {normalize(x.text) for x in (*term.names, *term.synonyms)}
            label = keyed[i][key]
            if len(key) < 3:
                continue
            latin = not has_cjk(label)
            own = owned[i]
            for start, end in spans.get(key, ()):
                if start > 0 and _latin_char(text[start - 1]) and _latin_char(text[start]) \
                        or end < len(text) and _latin_char(text[end - 1]) \
                        and _latin_char(text[end]):
                    continue  # inside a word
                if start > 0 and text[start - 1] in _PATH_CHARS or end < len(text) and (
                        text[end] in _PATH_CHARS and text[end + 1:end + 2].isalnum()):
                    continue  # `dendron.topic.graph-view`, `a/b`: a path, a file name
                spelled = text[start:end]
                if "\n" in spelled or "_" in spelled or normalize(spelled) in own \
                        or latin and form_key(spelled) != form_key(label):
                    continue
                own.add(normalize(spelled))
                added.setdefault(i, []).append(Label(spelled, lang_of(spelled)))
        for i, labels in added.items():
            term = self.out.terms[i]
            self.out.terms[i] = replace(term, synonyms=(*term.synonyms, *labels))

    def add_repeated_phrases(self) -> None:
        """Phrases the note's prose keeps repeating (`graph.rules.repeated`): in a note with
        no glossary structure that is the main evidence; elsewhere it only adds up."""
        texts = [t.text for items in (*self.out.definitions.values(), *self.out.notes.values())
                 for t in items]
        if not texts:
            return
        structural = sum(1 for t in self.out.terms if t.origin in ("heading", "item"))
        confidence = REPEATED_PROSE_NOTE if structural < 3 else REPEATED
        for phrase, _count in repeated_phrases(texts):
            if good_name(phrase):
                self._add_name(phrase, self._first_line(phrase), Context(None, HIERARCHY),
                               "repeated-phrase", confidence)
        # `main container` four times in an English entry: a compound of everyday words,
        # which `good_name` would call everyday, is a term by the note's own use
        # (five times or more is the note's term even among headings and glossary items);
        # written as the note's own term with that name writes it (`Block Anchor`)
        written = {merge_key(n.text): n.text for t in self.out.terms for n in t.names}
        for phrase, count in repeated_english(texts):
            if is_name(phrase) and not self.config.is_generic(phrase) \
                    and not is_placeholder(phrase):
                names, _ = labels_of([written.get(merge_key(phrase), phrase)])
                if names:
                    self.add_term(names, (), self._first_line(phrase, fold=True), "prose",
                                  Context(None, HIERARCHY), "repeated-phrase",
                                  REPEATED_PROSE_NOTE if count >= REPEATED_OFTEN else confidence)

    def _first_line(self, phrase: str, fold: bool = False) -> int:
        for items in (*self.out.definitions.values(), *self.out.notes.values()):
            for t in items:
                if (phrase.lower() in t.text.lower()) if fold else phrase in t.text:
                    return t.source.line
        return 1

    def walk(self, blocks: list[Block], ctx: Context):
        self.lone_runs.update(_lone_name_runs(blocks, self.config))
        prev = None
        answering = False  # after a bold question on a line of its own (a heading in all but name)
        for block in blocks:
            here = ctx
            if block.kind == "paragraph" and _bold_line(block):
                answering = is_question(block.inline.text.strip().rstrip(":："))
            if block.kind == "list" and (answering or _announces_claims(prev)):
                # `**为什么 X？**` or `这种做法的好处包括：` then a list: answers, claims
                here = replace(ctx, claims=True)
            elif block.kind == "list" and prev is not None and _enumerates(prev) \
                    and ctx.owner is not None and not ctx.quoted:
                # `…，它们分别是：` then a list: the kinds or parts of what the text is about
                here = replace(ctx, relation=BROADER, kinds=True)
            elif block.kind == "list" and prev is not None and self.bold_term[0] is prev:
                # `**数据工程师（Data Engineer）**` then a list: a heading in all but name
                here = replace(ctx, owner=self.bold_term[1], relation=BROADER, container=False)
            getattr(self, f"on_{block.kind}")(block, here)
            prev = block

    def on_section(self, block: Block, ctx: Context):
        title = strip_glued_number(block.title) if self.glued_numbers else block.title
        if block.inline is not None:
            self.add_inline_extras(ctx.owner, Inline(
                [s for s in block.inline.segments if s.kind != "text"], block.line))
        shapes = [] if ctx.questions else heading_terms(title, self.config)
        book = book_title(strip_numbering(title))
        if book and shapes:  # `## 《领域驱动设计》`: the book, named as a title names it
            shapes = [TermShape(names=[book], aliases=[clean_label(strip_numbering(title))])]
        # the note's title written again as its first heading, marker and all (`# ψ-概率论`)
        as_written = TermShape(names=[clean_label(strip_marker(strip_numbering(title),
                                                               title=True)) or title])
        if self._is_title(as_written) or shapes and (
                self._is_title(shapes[0]) or self._is_title_aspect(shapes[0])):
            inner = self.title_context(BROADER if self.title_concept else ctx.relation)
            self.walk(self._translation_line(block, self.out.title_key), inner)
            self.add_field_names(block.children, self.out.title_key)
            return
        shapes = [self._without_topic(shape, title) for shape in shapes]
        asked = not shapes and is_question(strip_numbering(title))
        if asked:  # `## 什么是聚簇索引？`: the answer below defines it
            shapes = question_terms(title, self.config)
        if len(shapes) == 1 and shapes[0].siblings:  # `进程、线程、协程`: three topics, not one
            shapes = [TermShape(names=[name]) for name in shapes[0].names if len(name) > 1]
        rule = "question-subject" if asked else \
            "heading" if len(shapes) == 1 else "heading-topics"
        if shapes and shapes[0].weak:
            # An everyday word as a heading names a concept only when the text defines it.
            rule = "heading-defined"
            if not _defines(block, shapes[0].names[0]):
                shapes = []
        if shapes and _only_links(block):
            shapes = []  # a list of links under a heading is a resources section
        if len(shapes) == 1 and _category_heading(shapes[0], block):
            shapes = []  # `## 框架` over `- vllm - unsloth`: what the names are, a section
        if shapes and announces_kinds(title):
            shapes = []  # `## 八大思维工具`: counts the owner's kinds, names no concept
        if shapes:
            keys = [self.add_shape(shape, block.line, "heading", ctx, rule) for shape in shapes]
            keys = [k for k in keys if k is not None]
            if len(keys) == 1:
                self.walk(self._translation_line(block, keys[0]),
                          Context(owner=keys[0], relation=BROADER))
                self.add_field_names(block.children, keys[0])
                return
            if keys:  # `容器化与编排`: what follows is about both, so it stays with the owner
                # `## 高并发和性能优化`: the topics a heading joins are treated together
                self.relate_in_turn(keys, block.line, "joined-topics")
                self.walk(block.children, ctx)
                return
        key = normalize(strip_numbering(title))
        if self.config.is_container(key):
            self.walk(block.children, replace(ctx, container=True, claims=False))
        else:
            questions = ctx.questions or key in self.config.question_headings
            # Under a plain section (Resources, 安装, …) terms are not narrower than the owner.
            generic = self.config.is_generic(key) or is_generic_heading(key, self.config)
            if not generic and not asked and ctx.owner is not None:
                # `### 使用APIView实现REST API接口`, `### 掌握getpid和getppid的使用`: a heading
                # that says what to do names no concept, but the Latin names in its Chinese
                # are terms, as in a sentence
                for term in latin_terms(strip_numbering(title)):
                    name = _OUTLINE_LETTER.sub("", term.names[0])
                    if len(name) > 2 and not _DOMAIN.search(name) \
                            and not _RELEASE.fullmatch(name):  # not `UI`, `formkit.com`
                        self._add_name(name, block.line, Context(None, HIERARCHY),
                                       "heading-latin", term.confidence)
            relation = ctx.relation
            if generic:
                relation = self.describing_relation(ctx) if describes_owner(key) else HIERARCHY
            elif announces_kinds(title):  # `## 几个时期`: the parts of the concept above
                relation = self.describing_relation(ctx)
            defines = key in self.config.definition_headings if generic else ctx.defines
            self.walk(block.children, replace(ctx, relation=relation, container=False,
                                              questions=questions, defines=defines,
                                              claims=section_of_claims(key),
                                              describing=generic and defines))

    def title_context(self, relation: str) -> Context:
        """What the note's top level belongs to: its own concept, or the topic its title
        lists things of (`title_topic`), to which they are narrower."""
        if self.topic_key is not None:
            return Context(owner=self.topic_key, relation=BROADER)
        return Context(owner=self.out.title_key, relation=relation)

    def describing_relation(self, ctx: Context) -> str:
        """How terms under a section that describes the owner (`Concepts`, `Features`,
        `组成`, `类型`) relate to it: narrower than a concept heading, and narrower than the
        note's own concept when its title names one (`Tasks` › `## Features` › `### Task
        Notes`); a note about a topic (`Linux最佳实践`) only lists them."""
        if ctx.owner == self.out.title_key and not self.title_concept:
            return ctx.relation
        return BROADER

    def add_field_names(self, children: list[Block], key: int) -> None:
        """`# 技术组件` then `> 别名-synonym: 后端组件, 基础设施软件`, `# 《领域驱动设计》` then
        `> 英文名: Domain-Driven Design`: a field of other names (`other_names_field`) in the
        text that opens a heading's section (paragraphs and quotes before its first list,
        table or sub-heading), or the note's, names the heading's concept (or the note's).
        The names are synonyms, so a name another concept has joins the two only when they
        do not clearly differ (`graph.merge`)."""
        for paragraph in _leading_paragraphs(children):
            for line_no, line in enumerate(paragraph.inline.text.split("\n")):
                self.add_other_names(key, other_names_field(line.strip()),
                                     paragraph.line + line_no)

    def add_other_names(self, key: int, names: list[str], line: int) -> bool:
        """`names` (of a field of other names) are synonyms of the concept `key`; False when
        none is usable."""
        own = self._record(key).names[:1]
        names = [n for n in names if usable_label(n)
                 and not any(merge_key(n) == merge_key(x.text) for x in own)]
        if names:
            self.add_term(own, tuple(Label(n, lang_of(n)) for n in names), line, "prose",
                          Context(None, HIERARCHY), "other-names-field", 0.8)
        return bool(names)

    def _translation_line(self, block: Block, key: int) -> list[Block]:
        """`# 软件工程` then a line `software engineering`: the heading's name in English,
        written on its own line first under it, or as the first line of a quote that opens
        the section (`# 编程范式` over `> Programming paradigm`). The name joins the heading's
        concept; the children without that line are returned (a quote stays: the rest of it
        is read as before). A Chinese line under an English heading is not read so: mostly
        it says something (`暂无内容`, `未完待续` under many headings would join them all)."""
        record = self._record(key)
        name = record.names[0].text
        for i, child in enumerate(block.children):
            quoted = child.kind == "quote"
            line = child.children[0] if quoted and child.children else child
            text = _translation_of(name, line)
            if text is not None and quoted and _motto(text):
                text = None  # `> Keep It Simple`, `> Embrace change` under 设计原则: a motto
            if text is None:
                if quoted:
                    continue
                break
            if any(merge_key(text) == merge_key(x.text) for x in (*record.names,
                                                                 *record.synonyms)):
                break
            names, synonyms = labels_of([name, text])
            self.add_term(names, synonyms, line.line, "heading", Context(None, HIERARCHY),
                          "heading-translation", 0.8)
            if quoted:
                return block.children
            return [*block.children[:i], *block.children[i + 1:]]
        return block.children

    def _without_topic(self, shape: TermShape, heading: str) -> TermShape:
        """`### Caddy - 自动证书` in the note `Caddy入门`: the note's subject, a dash, and a
        part of it: the heading names 自动证书, not Caddy by another name. (An acronym before
        the dash is spelled out: `ACME - 自动证书管理环境` stays one name and its other.)"""
        parts = re.split(r"(?<!\s)\s+[-–—]\s+", heading, maxsplit=1)
        head = clean_label(strip_numbering(parts[0]))
        names = [*shape.names, *shape.aliases]
        runs = re.findall(r"[A-Za-z][A-Za-z0-9_.+#-]*(?:\s+[A-Za-z0-9][A-Za-z0-9_.+#-]*)*",
                          self.out.title)
        title_words = {merge_key(w) for run in runs for w in (run, *run.split())}
        if len(parts) != 2 or len(names) != 2 or has_cjk(head) or is_acronym(head) \
                or merge_key(head) not in title_words \
                or merge_key(head) not in {merge_key(n) for n in names}:
            return shape  # (a word of the title: `Go - 围棋` in `Godot入门` pairs)
        return replace(shape, names=[n for n in names if merge_key(n) != merge_key(head)],
                       aliases=[])

    def _is_title_aspect(self, shape: TermShape) -> bool:
        """`## Redis特性` in the note `Infra-Redis`: the traits of the note's subject, a
        section of the title (and no concept of its own)."""
        head = aspect_head(shape.names[0]) if len(shape.names) == 1 else ""
        if not head:
            return False
        title_words = {merge_key(w)
                       for w in re.findall(r"[A-Za-z][A-Za-z0-9+#]*", self.out.title)}
        return merge_key(head) in title_words or self._is_title(TermShape(names=[head]))

    def _is_title(self, shape: TermShape) -> bool:
        title = self.out.terms[0] if self.out.terms else None
        if title is None:
            return False
        keys = {merge_key(x.text) for x in (*title.names, *title.synonyms)}
        return any(merge_key(n) in keys for n in [*shape.names, *shape.aliases])

    def on_paragraph(self, block: Block, ctx: Context):
        inline = block.inline
        if inline is None:
            return
        text = inline.text
        if ctx.title_quote and "\n" not in text.strip() \
                and self.add_title_names(text.strip(), block.line):
            return
        if self.opening_expansion(ctx, block):
            return
        if self.add_term_list_field(ctx, block):
            return
        self.opening_other_names(ctx, block)
        # A lone line like `马尔科夫模型, 马尔科夫链(Markov Chain)` or `意图-intent` left
        # outside its list.
        if not ctx.quoted and "\n" not in text and ctx.owner is not None:
            shape = parse_term(text, bare_ok=False)
            glossed = shape is not None and _english_gloss(shape)
            if glossed:
                # `案例学习 : Learning by Examples`: a name and its English, small words and all;
                # the English says it is a name (`游戏学习 : Learning by playing`: two verbs)
                shape.after_colon, shape.definition = [shape.definition.strip()], ""
            translated = shape is not None and bool(shape.after_colon) \
                and (glossed or _bare_name(shape)) and len(shape.names) == 1  # `调试器: debugger`
            if translated and not _mirrors(shape.names[0], shape.after_colon[0]):
                shape.after_colon = []  # words of the line ran on after the translation
            if shape is not None and (shape.aliases or shape.examples or translated) \
                    and not shape.definition \
                    and len(shape.names) <= 2 and not shape.siblings \
                    and not self.config.is_generic(shape.names[0]) \
                    and not any(s.kind in ("link", "wikilink") for s in inline.segments):
                key = self.add_shape(shape, block.line, "paragraph", ctx, "paragraph-term")
                if key is not None:
                    if _bold_line(block):
                        self.bold_term = (block, key)
                    return
        if self.add_lone_name(ctx, block) or self.add_bold_entry(ctx, block):
            return
        self.add_inline_extras(ctx.owner, inline)
        if not _only_links(inline.segments):
            prose = _prose(inline)
            defined = self.add_definition_subject(ctx, prose, block.line)
            for i, line in enumerate(prose.split("\n")[1:], 1):
                if defines_by_article(line):  # `Debugging is …\nA bug is a defect …`
                    self.add_definition_subject(ctx, line, block.line + i)
            self.add_text(ctx.owner, prose, block.line,
                          definition_ok=ctx.definition_ok and defined is None)
            self.add_prose_terms(ctx.owner, inline.segments, block.line)

    def on_table(self, block: Block, ctx: Context):
        self.on_paragraph(block, ctx)
        if ctx.quoted:
            return
        rows = [[c.text for c in row] for row in block.rows]
        # rows naming one thing in two scripts: a glossary wherever it stands
        named = bilingual_table_terms(rows)
        for i, shape in named:
            self.add_shape(shape, block.rows[i][0].line, "item", ctx, "bilingual-table")
        if not named:
            # a column headed as names (`| 符号 | 名称 |`): a list of names wherever it stands
            named = name_column_terms(rows)
            for i, shape in named:
                self.add_shape(shape, block.rows[i][0].line, "item", ctx, "name-column")
        if not named and ctx.container:
            # a table under `## Keywords` / `## 术语`: its cells name the terms listed
            for shape in table_terms(rows):
                self.add_shape(shape, block.line, "item", ctx, "table-term")

    def add_term_list_field(self, ctx: Context, block: Block, item: bool = False) -> bool:
        """`> 相关概念: 主从同步, 集群, 负载均衡` (`rules.term_item.term_list_field`), in a
        quote too: the names listed are terms, related to what the text is about."""
        if ctx.owner is None or block.inline is None \
                or any(s.kind not in ("text", "break") for s in block.inline.segments):
            return False
        # a list item is a field of a record more often: only words that say "terms" count,
        # and a list (`- 名词：noun` is the entry of 名词, not a field)
        shapes = term_list_field(block.inline.text,
                                 self.config.names_terms if item else self.config.is_container)
        inner, rule = Context(owner=ctx.owner, relation=MENTION), "term-list-field"
        owner = self._record(ctx.owner)
        if not shapes and not item:
            # `服务类型: 应用服务, 领域服务` under `### Service`: kinds of what the text is about
            # (`三种锁类型：…` too, whatever it counts)
            shapes = kinds_field(block.inline.text)
            if shapes:
                # narrower than the owner when the field names it (`节点分类` under `节点`)
                stem = kinds_field_subject(block.inline.text)
                named = any(stem and (stem in n.text or n.text in stem)
                            for n in (*owner.names, *owner.synonyms))
                inner = Context(owner=ctx.owner, relation=BROADER if named else MENTION)
                rule = "kinds-field"
        if not shapes:
            # `三个阶段：热身阶段，交替运动阶段，和运动恢复阶段`: as many names as counted
            shapes, rule = counted_field(block.inline.text), "counted-field"
        if item and len(shapes) < 2:
            return False
        # `概念：键值存储、文档数据库、图数据库` under `NoSQL数据库`: a name on the owner's head
        # word is a kind of it (not in a field of related things: `相关概念：关系型数据库`)
        kinds = rule != "term-list-field" or not _related_field(block.inline.text)
        keys = []
        for shape in shapes:
            kind = kinds and inner.relation == MENTION and shape.names and any(
                _same_head(shape.names[0], n.text) and normalize(shape.names[0]) != normalize(n.text)
                for n in owner.names[:2])
            keys.append(self.add_shape(shape, block.line, "paragraph",
                                       replace(inner, relation=BROADER) if kind else inner,
                                       rule))
        return any(k is not None for k in keys)

    def add_definition_subject(self, ctx: Context, text: str, line: int) -> int | None:
        """A sentence that defines something (`X（Y）是…`, `X is a …`).

        About the owner: Y is another name of it (`The VS Code workbench is …` in the note
        about Workbench). About something else: that is a concept with this definition,
        under the owner (`持续集成（CI）是…` listed under CICD); its key is returned."""
        if ctx.owner is None or ctx.quoted:
            return None
        term = defined_term(text)
        if term is None:
            return None
        owner = next((t for t in self.out.terms if t.key == ctx.owner), None)
        if owner is None:
            return None
        subject = merge_key(term.names[0])
        owned = [merge_key(n.text) for n in (*owner.names, *owner.synonyms)]
        if subject.endswith("s") and subject[:-1] in owned:
            subject = subject[:-1]  # `Tensors are …` under `Tensor`
        if subject in owned:
            if len(term.names) > 1:  # X（Y）是…: Y is another name of X
                names, synonyms = labels_of([*(n.text for n in owner.names[:1]), *term.names])
                self.add_term(names, synonyms, line, "prose", Context(None, HIERARCHY),
                              "definition-subject")
            self.add_genus(owner.names, text, line)
            return None
        if any(_holds_name(term.names[0], n.text) for n in (*owner.names, *owner.synonyms)) \
                and len(term.names[0]) <= 40:
            names, synonyms = labels_of([owner.names[0].text, term.names[0]])
            self.add_term(names, synonyms, line, "prose", Context(None, HIERARCHY),
                          "definition-subject")
            return None
        owned_names = (*owner.names, *owner.synonyms)
        if any(_mentions_name(term.names[0], n.text) for n in owned_names) and not any(
                _qualifies_head(term.names[0], n.text) for n in owned_names):
            return None  # `poster 可以说…`, `1.Django` under the owner: a phrase on it
        names, synonyms = labels_of(term.names)
        if not names:
            return None
        key = self.add_term(names, synonyms, line, "prose", ctx, "defined-under")
        self.out.definitions[key] = [Text(text.strip(), self.src(line), lang_of(text))]
        self.add_genus(names, text, line)
        return key

    def add_genus(self, names, text: str, line: int) -> None:
        """`X 是一个…的键值存储系统`: X is narrower than the kind its definition names."""
        genus = definition_genus(text)
        if genus is None:
            self.add_kind(names, text, line)
            return
        if any(merge_key(genus) == merge_key(n.text) for n in names):
            return
        key = self._add_name(genus, line, Context(None, HIERARCHY), "definition-genus", 0.6)
        if key is not None:
            self.add_term(tuple(names), (), line, "prose", Context(owner=key, relation=BROADER),
                          "definition-genus", 0.6)

    def add_kind(self, names, text: str, line: int) -> None:
        """`金丝雀部署是一种部署策略`: X is narrower than the kind its definition puts it in,
        when that kind is a concept anyway (records of no evidence)."""
        kind = definition_kind(text)
        if kind is None or any(merge_key(kind) == merge_key(n.text) for n in names):
            return
        labels, _ = labels_of([kind])
        if not labels:
            return
        key = self.add_term(labels, (), line, "prose", Context(None, HIERARCHY),
                            "definition-kind", 0.0)
        self.add_term(tuple(names), (), line, "prose", Context(owner=key, relation=BROADER),
                      "definition-kind", 0.0)

    def on_quote(self, block: Block, ctx: Context):
        opening = ctx.owner == self.out.title_key and len(self.out.terms) == 1 \
            and not self.out.notes and not self.out.definitions
        self.walk(block.children, replace(ctx, quoted=True, title_quote=opening))

    def opening_expansion(self, ctx: Context, block: Block) -> bool:
        """`Universally Unique Identifier` alone on the first line of a note titled `UUID`:
        the title spelled out (letter by letter, `is_abbreviation`) is its other name."""
        if ctx.quoted or ctx.owner != self.out.title_key or len(self.out.terms) != 1 \
                or self.out.notes or self.out.definitions or block.inline is None:
            return False
        if any(s.kind != "text" for s in block.inline.segments):
            return False
        text = clean_label(block.inline.text)
        if "\n" in text or has_cjk(text) or not is_name(text) or len(text.split()) < 2:
            return False
        title = self._record(self.out.title_key)
        own = [x.text for x in (*title.names, *title.synonyms)]
        if not any(is_abbreviation(t, text) for t in own):
            return False
        names, synonyms = labels_of([own[0], text])
        self.add_term(names, synonyms, block.line, "prose", Context(None, HIERARCHY),
                      "title-names", 0.8)
        return True

    def add_lone_name(self, ctx: Context, block: Block) -> bool:
        """`估计理论`, `大数定理`, `随机过程` on lines of their own: paragraphs of nothing but
        a name (`lone_name`), two or more in a row, are terms, like the bare items of a list
        written without bullets. A single such line is mostly a heading in all but name
        (`用法示例`, `删除外键` over a code block) and is left as text."""
        if ctx.quoted or ctx.owner is None or id(block) not in self.lone_runs:
            return False
        names, _ = labels_of([lone_name(block.inline)])
        if not names:
            return False
        self.add_term(names, (), block.line, "paragraph", ctx, "lone-name")
        return True

    def opening_other_names(self, ctx: Context, block: Block) -> None:
        """`也叫入链。反向链接是…` under the note's title: a paragraph that opens with a
        sentence of nothing but `also called X` gives the title's other names."""
        if ctx.quoted or ctx.owner != self.out.title_key or ctx.owner is None \
                or block.inline is None:
            return
        first = block.inline.segments[0] if block.inline.segments else None
        if first is None or first.kind != "text":
            return
        found = opening_other_names(block.inline.text)
        if not found:
            return
        title = self._record(self.out.title_key)
        names, synonyms = labels_of([title.names[0].text, *found])
        self.add_term(names, synonyms, block.line, "prose", Context(None, HIERARCHY),
                      "title-names", 0.8)

    def add_title_names(self, text: str, line: int) -> bool:
        """A line of names in a quote or callout that opens the note (`> 大语言模型(Large
        Language Model, LLM)` under `# LLM`, `> 计算机视觉, Computer Vision` under `# CV`):
        when one of them is the title spelled out or abbreviated (or the title itself) they all
        are; a line of names that are not the title's (`> Web Framework | Web框架`) is
        a concept of its own."""
        shape = parse_term(text)
        if shape is None or shape.definition or shape.examples or shape.related \
                or len(shape.names) > 2:
            return False
        found = [*shape.names, *shape.aliases, *shape.after_colon]
        title = self._record(self.out.title_key)
        own = [x.text for x in (*title.names, *title.synonyms)]
        if len(found) < 2 and not shape.strong:
            return self.add_title_variant(found[0], own, line)
        # Spelled out, abbreviated or the same: a translation alone could be anything's.
        if not any(is_abbreviation(t, n) or is_abbreviation(n, t) or merge_key(t) == merge_key(n)
                   for t in own for n in found):
            if not (shape.aliases and not shape.siblings):
                return False
            if _same_head(own[0], shape.names[0]):
                # `# FastAPI框架` / `> Web Framework | Web框架`: the kind the title is one of
                key = self.add_shape(shape, line, "paragraph", Context(None, HIERARCHY),
                                     "paragraph-term")
                if key is not None:
                    self.add_term(title.names, (), line, "title", Context(key, BROADER),
                                  "title-kind", 0.0)
                return key is not None
            return self.add_shape(shape, line, "paragraph", Context(self.out.title_key, BROADER),
                                  "paragraph-term") is not None
        names, synonyms = labels_of([*own[:1], *found])
        self.add_term(names, synonyms, line, "prose", Context(None, HIERARCHY), "title-names",
                      0.8)
        return True

    def add_title_variant(self, name: str, own: list[str], line: int) -> bool:
        """`> AI Vision` in the callout that opens `# CV` after `> 计算机视觉, Computer
        Vision`, `> LLM Agents` opening `# Agent`: a lone English name of two to four words
        on the same head word as a name of the title (or one the callout gave it) is another
        name of it."""
        words_ = name.split()
        if has_cjk(name) or not 2 <= len(words_) <= 4 or not is_name(name) \
                or is_sentence(name):
            return False
        given = [x.text for t in self.out.terms if t.rule == "title-names"
                 for x in (*t.names, *t.synonyms)]
        head = plain_singular(words_[-1].lower())
        if not any(not has_cjk(t) and plain_singular(t.split()[-1].lower()) == head
                   and merge_key(t) != merge_key(name) for t in (*own, *given) if t.split()):
            return False
        names, synonyms = labels_of([*own[:1], name])
        self.add_term(names, synonyms, line, "prose", Context(None, HIERARCHY), "title-names",
                      0.8)
        return True

    def on_list(self, block: Block, ctx: Context):
        items = [b for b in block.children if b.kind == "item"]
        self.add_linked_kinds(items, ctx)
        if ctx.claims and not ctx.quoted and self._names_not_claims(items, ctx):
            ctx = replace(ctx, claims=False)  # `## features` over `- MCP - 事件驱动 - Skills`
        heads = bilingual_list([self.item_shape(item, ctx) for item in items])
        # Bare short items are terms among term siblings, directly under a term list heading,
        # or in a list that is mostly names.
        # Among glossary entries (`X(Y)`, `X: …`) or under a Glossary heading a bare item is
        # a term even when it is an everyday word; in a plain list only a good name is. One
        # `X(Y)` among many bare lines does not make a glossary of an outline of phrases.
        strong = sum(1 for h in heads if h is not None and h.strong)
        glossary = ctx.container or (strong and strong * 3 >= len(heads))
        cjk = any(h is not None and has_cjk(h.names[0]) for h in heads)
        named = sum(1 for h in heads if h is not None and (h.strong or _bare_name(h, cjk)))
        term_list = not ctx.quoted and not ctx.claims and (
            glossary or (heads and named * 2 >= len(heads)))
        listed: list[int] = []
        for item, shape in zip(items, heads):
            if shape is not None and not shape.strong and not (
                    term_list and (glossary or _bare_name(shape, cjk))):
                shape = None
            if shape is not None and not shape.strong and ctx.describing and not glossary:
                shape = None  # `## 解释` › `- 材料撰写`: what the owner is or does, not a term
            before = self._key
            self.on_item(item, ctx, shape, glossary or (
                shape is not None and cjk and _code_switched(shape)))
            if before < self._key:
                first = self._record(before)
                if first.origin == "item" and first.source.line == item.line \
                        and shape is not None:
                    # a bare name, or an entry of a list announced as kinds (`分别是：`)
                    bare = not shape.strong and not shape.definition and not item.children
                    listed.append(before if bare or ctx.kinds else None)
        self.relate_siblings(listed, block.line)

    def add_linked_kinds(self, items: list[Block], ctx: Context) -> None:
        """`- [AWS Vault](…) - [TLDR Vault](…)` in the note on Vaults (`links.linked_kinds`):
        each link text is a concept, related to the note's own."""
        if ctx.quoted or not self.out.terms or not items:
            return
        texts = []
        for item in items:
            segments = [s for s in item.inline.segments if s.text.strip()] if item.inline else []
            if item.children or len(segments) != 1 or segments[0].kind not in ("link", "wikilink"):
                return
            texts.append(clean_label(segments[0].text))
        title = self._record(self.out.title_key)
        own = [x.text for x in (*title.names, *title.synonyms)]
        inner = Context(owner=self.out.title_key, relation=MENTION)
        for item, text in zip(items, linked_kinds(texts, own)):
            self._add_name(text, item.line, inner, "linked-kind", 0.6)

    def relate_siblings(self, keys: list[int | None], line: int) -> None:
        """`- vllm - unsloth - kohya`: names listed one after the other, bare (or as the
        kinds a text announces, `它们分别是：`), are neighbours, related each to the next
        (records of no evidence). Glossary entries that each give their own definition are
        entries, not neighbours (None)."""
        if 2 <= len(keys) <= SIBLINGS_MAX:
            self.relate_in_turn(keys, line, "siblings")

    def _names_not_claims(self, items: list[Block], ctx: Context) -> bool:
        """Under a claims heading (特点, Features, 优点 …), a list is still a list of terms
        when its items are shaped as names, not statements: at least three items, none a claim
        (`灵活性高`) or a sentence, two in three a name on its own or a term-shaped entry
        that is no everyday word."""
        if len(items) < 3:
            return False
        shapes = [self.item_shape(item, replace(ctx, claims=False)) for item in items]
        cjk = any(s is not None and has_cjk(s.names[0]) for s in shapes)
        named = 0
        for item, shape in zip(items, shapes):
            text = clean_label(item.inline.first_line_text()) if item.inline else ""
            if not text or is_claim(text) or is_sentence(text) or shape is None:
                return False
            if (shape.strong or _bare_name(shape, cjk)) and not is_everyday(shape.names[0]):
                named += 1
        return named * 3 >= len(items) * 2

    def item_shape(self, item: Block, ctx: Context) -> TermShape | None:
        if ctx.quoted or ctx.claims or item.inline is None:
            return None
        first = item.inline.first_line()
        if not first or any(s.kind in ("link", "wikilink", "image") for s in first[:1]) \
                or _only_links(first):
            return None
        if any(s.kind == "code" for s in first) and len(first) == 1:
            return None  # `kubectl get pods`
        lead = next((i for i, s in enumerate(first) if s.text.strip()), 0)
        if first[lead].kind == "code" and _formula(first[lead].text) \
                and lead + 1 < len(first) and first[lead + 1].kind == "text":
            # `- $\lambda$：特征值`, `- $\sigma$ 标准差：…`: a symbol is no name (one would join
            # every note's λ); what it stands for is
            rest = first[lead + 1].text.lstrip().lstrip(":：")
            first = [replace(first[lead + 1], text=rest), *first[lead + 2:]]
        if _command_entry(first):
            return None  # `- `explain ...`: 解释代码`: a command and what it does
        while len(first) > 1 and (first[-1].kind in ("link", "wikilink", "image")
                                  or not first[-1].text.strip()):
            first = first[:-1]  # `DevOps与CICD [a post about it](…)`: the link is a reference
        text = drop_item_number((bold_named(first) or "".join(s.text for s in first)).strip())
        text = strip_aspects(text)  # `- 多元函数的概念`, `- 正项级数及其审敛法`: about 多元函数
        shape = parse_term(text)
        if shape is None:
            topics = split_topics(clean_label(text))  # 服务化与微服务化
            if len(topics) < 2:
                return None
            shape = TermShape(names=topics, siblings=True)
        if not shape.strong and len(shape.names) == 1:
            topics = split_topics(shape.names[0])
            if len(topics) > 1:  # `服务化与微服务化`: two topics in one item
                shape.names, shape.siblings = topics, True
        if not shape.siblings:  # `- better search page`: the feature, not the change
            shape.names[0] = changed_feature(shape.names[0])
        if _field_label(first, shape):
            return None  # `Next: [Mar 02](…)`, `Subject: TBD`: a field, not a term
        if shape.strong and normalize(shape.names[0]) in self.field_heads:
            return None  # `- 要求：…` heading item after item: a field of a form, not a term
        head = shape.names[0]
        if is_key_combination(head) or opens_with_shortcut(head):
            return None  # `- **Fn-退格**：…`, `- ^Y 向上滚屏`: a shortcut and what it does
        if [tag for _, tag in _pos(head)] == ["c"] and zipf(head) >= COMMON_WORD + 1:
            return None  # `- 因为: …`: a reason given, not a term (与非, NAND, is one)
        if _source_label(head) or is_claim(head) or is_question(head) \
                or is_example_marker(head):
            return None
        if is_generic_heading(head, self.config) and not any(
                has_cjk(n) != has_cjk(head) and len(n) > 1
                and not is_generic_heading(n, self.config) and is_other_name(head, n)
                and translations(head, [n]) for n in shape.aliases):
            # `**应用场景**：…` names a section of the owner, not a concept; `提示(Prompt)`
            # does: a section word in Chinese, a name in its translation (not a tool's name
            # beside a link, `eslint-plugin-vue - [链接](…)`)
            return None
        return shape

    def on_item(self, item: Block, ctx: Context, shape: TermShape | None = None,
                glossary: bool = False):
        """A list item: a term (when `shape` is given) or text of the owner."""
        inline = item.inline
        if shape is not None and shape.siblings:
            rule = "name-list"
            # `日志、缓存、事务、…等`: a list of names, everyday ones too (`closed_list_of_names`)
            everyday_ok = inline is not None and closed_list_of_names(inline.text, shape.names)
            for name in shape.names:
                self._add_name(name, item.line, ctx, rule, everyday_ok=everyday_ok)
            if inline is not None:
                self.add_inline_extras(ctx.owner, inline)
            self.walk(item.children, replace(ctx, container=False))
            return
        key = None
        if shape is not None:
            rule = "term-item" if shape.strong else "bare-item"
            if shape.strong and not shape.definition and not shape.examples \
                    and len(shape.aliases) == 1 and not shape.after_colon \
                    and has_cjk(shape.names[0]) != has_cjk(shape.aliases[0]):
                rule = "bilingual-pair"
            if not shape.strong and not glossary and is_everyday(shape.names[0]):
                key = None
            else:
                key = self.add_shape(shape, item.line, "item", ctx, rule)
        if key is not None:
            self.add_entry_text(key, shape, inline, item.line)
            self.walk(item.children, Context(owner=key, relation=BROADER))
            return
        claims = ctx.claims or link_caption(item)
        if inline is not None and ctx.owner is not None and not ctx.quoted and not item.children \
                and self.add_other_names(ctx.owner, other_names_field(inline.text), item.line):
            return  # `## 变基` over `- 别称: 衍合, 重放`: other names of the section's concept
        if inline is not None and not claims and not ctx.quoted \
                and self.add_term_list_field(ctx, item, item=True):
            # `- **概念**：封装、继承、多态`: an item that is a field listing terms
            self.walk(item.children, replace(ctx, container=False, kinds=False))
            return
        if inline is not None:
            head = clean_label(inline.first_line_text())
            head_key = normalize(strip_numbering(head.rstrip(":：")))
            if head_key in lexicon.CLAIM_SECTIONS or is_question(head.rstrip(":：")):
                claims = True  # `- 优点`, `- 如何…？`: what is listed under it are claims, answers
            kind = linked_kind(inline) if ctx.kinds and ctx.relation == BROADER else None
            self.add_inline_extras(ctx.owner, inline, narrower=kind)
            text = _prose(inline)
            if text and not _only_links(inline.segments) and not is_url(text):
                if is_command(text):
                    self.add_text(ctx.owner, text, item.line, definition_ok=False)
                else:
                    defined = self.add_definition_subject(ctx, text, item.line)
                    self.add_text(ctx.owner, text, item.line,
                                  definition_ok=ctx.definition_ok and defined is None)
                    self.add_prose_terms(ctx.owner, inline.segments, item.line)
        self.walk(item.children, replace(ctx, container=False, claims=claims, kinds=False))

    def add_entry_text(self, key: int, shape: TermShape, inline: Inline | None, line: int):
        """What a glossary entry says after its name: its definition and the names in it, then
        the entry's further lines."""
        if shape.definition:
            self.add_text(key, shape.definition, line)
            read = code_blanked(shape.definition, inline.first_line() if inline else [])
            self.add_prose_terms(key, [Segment("text", read)], line)
            self.add_text_examples(key, read, line)
            self.add_owner_kinds(key, read, line)
        if inline is not None:
            self.add_inline_extras(key, inline)
            rest = inline.rest()
            if rest:
                self.add_text(key, rest, line + 1)
                self.add_prose_terms(key, [Segment("text", rest)], line + 1)

    def add_bold_entry(self, ctx: Context, block: Block) -> bool:
        """`**跳表**: 一种有序的多层链式结构…`: a paragraph that opens with a bold name, a
        colon and what it is, is a glossary entry written without a list's dash, read as a
        list item is (`item_shape`: not a field, a section word, a question, a claim)."""
        inline = block.inline
        if ctx.owner is None or inline is None:
            return False
        segs = [s for s in inline.first_line() if s.text.strip()]
        if len(segs) < 2 or segs[0].kind != "text" or not segs[0].strong:
            return False
        if not (segs[0].text.rstrip().endswith((":", "："))
                or not segs[1].strong and segs[1].text.lstrip().startswith((":", "："))):
            return False
        shape = self.item_shape(block, ctx)
        if shape is None or not shape.definition or shape.siblings or len(shape.names) > 2 \
                or not _entry_name(shape.names[0]):
            return False
        key = self.add_shape(shape, block.line, "paragraph", ctx, "bold-entry")
        if key is None:
            return False
        self.add_entry_text(key, shape, inline, block.line)
        return True


def _names_something(term: TermRecord) -> bool:
    """Does this record name its name, for `add_dictionary_pairs`? Not italics alone, nor a
    capitalised word of English prose that is a verb's third person (`Summarizes long texts…`
    opening a sentence; `Deadlock` in one is a name)."""
    if term.rule == "italic":
        return False
    if term.rule == "english-name" and len(term.names) == 1:
        word = term.names[0].text
        return not (" " not in word and word.endswith("s")
                    and zipf(plain_singular(word).lower()) >= 3.0)
    return True


_NUMERAL_END = re.compile(r"[\u4e00-\u9fff][一二三四五六七八九十]$")
_ORDINAL = re.compile(r"第[一二三四五六七八九十百\d]+[步条点章节项个种类部]?")
COMMON_WORD = 3.9  # Zipf: 方法 5.5, 阶段 5.1, 章节 3.9 are common; 范式 3.2 is a term's


def _entry_name(name: str) -> bool:
    """Is the bold lead of a paragraph (`add_bold_entry`) a Chinese name? Bold leads of
    paragraphs head a point as often as they name a term, so not: a Latin lead (a feature of a
    release, `**Faster Startup**:`), a numbered point (`**3Q**`, `**方案一**`, `**第二步**`), one
    character (`**注**`), an example marker, an everyday word (`**重要**`), a section
    (`**安装用法**`), two topics, a connective (`**其次**`), or what something
    does (`**封装请求参数**`)."""
    name = name.strip()
    if cjk_count(name) < 2 or re.search(r"\d", name) or _NUMERAL_END.search(name) \
            or is_example_marker(name):
        return False
    ordinal = _ORDINAL.match(name)
    if ordinal and (ordinal.end() == len(name) or zipf(name[ordinal.end():]) >= COMMON_WORD):
        return False  # `**第二步**`, `**第二种方法**`, `**第一阶段**` (第一范式 is a name)
    tags = _pos(name)
    if len(tags) == 1 and tags[0][1] in ("c", "d", "p", "r", "m") \
            or len(tags) > 1 and tags[0][0] in lexicon.LEADING_ADVERBS_ZH:
        return False  # `**其次**`, `**难点**`, `**非常重要**`: no name (快速排序 is one)
    if len(tags) >= 3 and tags[0][1] == "v" and len(tags[0][0]) >= 2:
        return False  # `**封装请求参数**`: a verb and its object (守护进程, 有向图 name)
    return not (is_everyday(name) or strip_section_suffix(name) != name
                or len(split_topics(name)) > 1 or is_verb_phrase(name) or is_task(name))


def link_caption(item: Block) -> bool:
    r"""`- https://github.com/x/ComfyUI-NodeAligner` then one line under it, `- 节点对齐`: an
    item that is only a web address (a URL, or links to web pages), with a list of a single
    item under it. That item says what the page is or does (a caption), it names no term of
    its own. Under a link to a note (`- [[notion-like笔记软件]]` › `- 模块化笔记`) the line
    may be another name of the note's concept: not a caption.

    >>> from graph.markdown import parse_blocks
    >>> def first(text): return parse_blocks(text)[0].children[0]
    >>> link_caption(first("- https://github.com/x/aligner\n  - 节点对齐\n"))
    True
    >>> link_caption(first("- https://x.io\n  - LangGraph\n  - LangSmith\n"))
    False
    >>> link_caption(first("- [[notion-like]]\n  - 模块化笔记\n"))
    False
    """
    if item.inline is None:
        return False
    text = item.inline.text.strip()
    links = [s for s in item.inline.segments if s.kind in ("link", "wikilink")]
    if not (is_url(text) or _only_links(item.inline.segments)
            and all(s.kind == "link" and has_url(s.href) for s in links)):
        return False
    lists = [c for c in item.children if c.kind == "list"]
    return len(lists) == 1 and len(item.children) == 1 and len(lists[0].children) == 1 \
        and not lists[0].children[0].children


def bold_named(first: list[Segment]) -> str | None:
    """`趁手 -**学习技能笔记**: 技能调用…`, `快速入门**研究探索笔记**: 建立理解性框架`: a glossary
    entry whose head (the text before its colon) ends on a bold span after a short plain
    lead-in: the bold span is the term, the lead-in a tagline. The item read with the bold span
    as its head.

    >>> bold_named([Segment("text", "趁手 -"), Segment("text", "学习技能笔记", strong=True),
    ...             Segment("text", ": 技能调用")])
    '学习技能笔记: 技能调用'
    >>> bold_named([Segment("text", "用"), Segment("text", "Docker", strong=True),
    ...             Segment("text", "部署")]) is None
    True

    With no colon, a lead-in set off by a dash (`抬头看路 -**人间观察笔记**`) is a tagline too:

    >>> bold_named([Segment("text", "抬头看路 -"), Segment("text", "人间观察笔记", strong=True)])
    '人间观察笔记'
    >>> bold_named([Segment("text", "常见"), Segment("text", "消息队列", strong=True)]) is None
    True
    """
    head: list[Segment] = []
    tail = ""
    for i, seg in enumerate(first):
        cut = min((seg.text.find(c) for c in ":：" if c in seg.text), default=-1) \
            if seg.kind == "text" and not seg.strong else -1
        if cut >= 0:
            if seg.text[:cut].strip():
                return None  # plain text right before the colon: the head ends unbolded
            tail = seg.text[cut:] + "".join(s.text for s in first[i + 1:])
            break
        head.append(seg)
    head = [seg for seg in head if seg.text.strip()]
    if len(head) != 2 or not head[1].strong or head[0].strong or head[0].kind != "text":
        return None
    if not tail and not head[0].text.strip().endswith(("-", "–", "—")):
        return None  # no colon: only a lead-in set off by a dash is a tagline
    lead = head[0].text.strip().rstrip("-–—").strip()
    if not lead or len(lead) > 12 or not has_cjk(lead) or not has_cjk(head[1].text):
        return None
    return head[1].text.strip() + tail


def _command_entry(first: list[Segment]) -> bool:
    """An item that opens with a code span of several lower-case words, then a colon: a
    command line and what it does (`explain ...`: 解释代码, `kubectl get pods`: 列出 Pod), not
    a term and its definition.

    >>> _command_entry([Segment("code", "explain ..."), Segment("text", ": 解释代码")])
    True
    >>> _command_entry([Segment("code", "GET"), Segment("text", ": 读取")])
    False
    """
    if len(first) < 2 or first[0].kind != "code" or len(first[0].text.split()) < 2 \
            or first[0].text != first[0].text.lower():
        return False  # `Dendron: Import Pod` in title case names a command of the tool
    return first[1].kind == "text" and first[1].text.lstrip()[:1] in (":", "：")


def code_blanked(text: str, segments: list[Segment]) -> str:
    """A glossary entry's definition as the rules read it: the code spans of its line
    blanked out (`例如，`CreateOrderService`、`UserRegistrationService`等` names no term:
    code is never read for terms), but for an acronym in capitals (`GET`, `POST`), which is
    written the same as a name.

    >>> code_blanked("例如 CreateOrderService 等", [Segment("code", "CreateOrderService")])
    '例如                    等'
    """
    for seg in segments:
        if seg.kind == "code" and seg.text.strip() and not is_acronym(seg.text.strip()):
            text = text.replace(seg.text, " " * len(seg.text))
    return text


def title_shape(title: str) -> TermShape:
    """The note's own concept from its title: numbering and a bilingual split, never dropped
    (a title keeps its section words: `AI人工智能基础` is the note's name)."""
    book = book_title(title)
    if book:
        return TermShape(names=[book], aliases=[title.strip()])
    title = strip_marker(title, title=True)  # `ψ-概率论与数理统计`
    shapes = heading_terms(title, Config(generic_headings=set(), container_headings=set()),
                           topic=False)
    if len(shapes) == 1:
        return shapes[0]
    # `7 - The Internet is Rotting` (a series' seventh): the number is no part of the name
    # (`10 Things I Hate About You` keeps its own)
    return TermShape(names=[clean_label(_SERIES_NUMBER.sub("", title)) or clean_label(title)
                            or title])


def _in_sentence(inline: Inline) -> bool:
    """Words beside the links: a sentence, not a list of links or a title alone."""
    beside = "".join(s.text for s in inline.segments if s.kind == "text")
    return len(re.findall(r"[A-Za-z]{2,}|[\u3400-\u9fff]", beside)) >= 4


DEICTIC = 5.5  # zipf of 这里, here, this: a link's anchor words, not its article's name
_SERIES_NUMBER = re.compile(r"^\s*\d+\s*[-–—]\s+(?=\S)")


SPELLING_MIN = 0.6  # how sure the note must be of a name for `add_spellings` to look for it


_PATH_CHARS = set("/\\.#:=_@")  # around a name in a path, a file name, a URL


def unmarked_title(title: str) -> str:
    """`∑ 本库obsidian基本配置及原因`, `🧑孟子`, `» 我的标签使用工作流`: a title opened by a
    symbol that sorts or classes the note (a sum sign for an index note, an emoji for a
    person, a saying, a meme) names the note by what follows it; '' when the title opens on
    a letter, a digit or a bracket.

    >>> unmarked_title("∑ 本库obsidian基本配置及原因"), unmarked_title("🧑‍💻Nick Milo")
    ('本库obsidian基本配置及原因', 'Nick Milo')
    >>> unmarked_title("» 我的标签使用工作流"), unmarked_title("《论语》"), unmarked_title("C++")
    ('我的标签使用工作流', '', '')
    """
    text = title.strip()
    at = 0
    while at < len(text) and (unicodedata.category(text[at])[0] == "S"
                              or unicodedata.category(text[at]) in ("Mn", "Cf")
                              or text[at] in "»›•"):
        at += 1
    rest = text[at:].strip()
    if not at or not rest or not (rest[0].isalnum() or has_cjk(rest[0])):
        return ""
    return rest


def book_title(title: str) -> str:
    """`# 《领域驱动设计》`: a title that is nothing but a book's title in book-title marks
    names the book by that title (the marked form is another name of it); '' otherwise
    (`《Go程序设计语言》读书笔记` is a note about the book, not its name).

    >>> book_title("《领域驱动设计》"), book_title("《Go程序设计语言》读书笔记")
    ('领域驱动设计', '')
    """
    found = re.fullmatch(r"\s*《([^《》]+)》\s*", title)
    return clean_label(found.group(1)) if found else ""


def _latin_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _leading_paragraphs(blocks: list[Block]):
    """The paragraphs that open a section, those in its quotes too, up to its first list,
    table or sub-heading."""
    for block in blocks:
        if block.kind == "paragraph" and block.inline is not None:
            yield block
        elif block.kind == "quote":
            yield from _leading_paragraphs(block.children)
        else:
            return


def _block_texts(blocks: list[Block]):
    """The text of every heading, paragraph, item and table (code and link targets not)."""
    stack = list(reversed(blocks))
    while stack:
        block = stack.pop()
        if block.inline is not None:
            yield "".join("\n" if s.kind == "break" else s.text for s in block.inline.segments
                          if s.kind in ("text", "link", "break"))
        stack.extend(reversed(block.children))


FIELD_REPEATS = 3  # a `Label: value` lead-in this often in one note is a field of a form


def _repeated_lead_ins(blocks: list[Block]) -> set[str]:
    """Lead-ins (`Label:` before a value) that open `FIELD_REPEATS` or more list items of a
    note: a form filled in again and again (`- Owner: …` under each entry), not terms."""
    counts: dict[str, int] = {}
    stack = list(blocks)
    while stack:
        block = stack.pop()
        stack.extend(block.children)
        if block.kind != "item" or block.inline is None:
            continue
        head, tail = split_colon(clean_label(block.inline.first_line_text()))
        if tail is not None and tail.strip() and head.strip():
            key = normalize(head)
            counts[key] = counts.get(key, 0) + 1
    return {key for key, n in counts.items() if n >= FIELD_REPEATS}


def _field_label(first: list[Segment], shape: TermShape) -> bool:
    """`Label: value` where the value is only a link, code or a placeholder, or where an
    everyday label is followed by something that does not define it."""
    if shape.aliases or shape.examples or len(shape.names) != 1:
        return False
    text = "".join(s.text for s in first)
    head, tail = split_colon(text)
    if tail is None:
        return False
    # Segments after the colon: links, code and punctuation only?
    seen, after = 0, []
    for seg in first:
        if seen > len(head):
            after.append(seg)
        elif seen + len(seg.text) > len(head):
            rest = seg.text[len(head) - seen + 1:]
            if rest.strip() and seg.kind == "text":
                after.append(Segment("text", rest))
            elif seg.kind != "text":
                after.append(seg)
        seen += len(seg.text)
    if after and all(s.kind != "text" or not s.text.strip(" .,;:：，。-–—_*") for s in after):
        return True
    value = tail.strip(" _*")
    if len(value) <= 4 and not has_cjk(value):
        return True  # TBD, N/A, yes
    if is_everyday(shape.names[0]):
        term = defined_term(f"{shape.names[0]} is {value}") if not has_cjk(value) else None
        return not (value[:1].islower() or value.lower().startswith(("a ", "an ", "the "))
                    or has_cjk(value) or term is not None and False)
    return False


_SENTENCE_END = re.compile(r"[。！？!?；;]|\.(?:\s|$)")


def _same_head(a: str, b: str) -> bool:
    """Do two names end on the same head word (`FastAPI框架` and `Web框架`: both a 框架;
    `Zombie Process` and `Background Processes`: both a process)?"""
    from .segment import words

    def head(name: str) -> str:
        parts = [w for w in (words(name) if has_cjk(name) else name.split()) if w.strip()]
        return normalize(plain_singular(parts[-1])) if len(parts) >= 2 else ""

    return bool(head(a)) and head(a) == head(b)


# A web site's address written without its scheme (`formkit.com`, `docs.python.org`); not
# the endings libraries take as names (`socket.io`, `fast.ai`)
_DOMAIN = re.compile(r"\.(?:com|org|net|cn|info|edu|gov)$", re.I)
# An outline's letter before a name (`A.MySQL的安装`: item A of a list of steps)
_OUTLINE_LETTER = re.compile(r"^[A-Z]\.(?=[A-Z][a-z])")
# A program and the release written into its name (`python3.11`, `node18.2`): what to install
_RELEASE = re.compile(r"[A-Za-z][A-Za-z-]*\d+\.\d+(?:\.\d+)*")


def _holds_name(text: str, name: str) -> bool:
    """Is `text` another way to write `name`: the name as its head word (`The VS Code
    workbench` is a workbench, `VSCode Workbench` too), or the name and a word of its kind
    (`the SWOT model`, `SWOT 模型`, `the dryRun modifier`: `lexicon.KIND_WORDS_EN`)? A
    name before another head only qualifies it: a `Zephyr controller` is a controller,
    `云原生应用` an application; and a Latin name is whole words (`epoll` does not hold Poll).

    >>> _holds_name("VS Code workbench", "Workbench"), _holds_name("epoll", "Poll")
    (True, False)
    >>> _holds_name("Zephyr controller", "Zephyr"), _holds_name("云原生应用", "云原生")
    (False, False)
    >>> _holds_name("The VSCode Work Bench", "workbench"), _holds_name("SWOT 模型", "SWOT")
    (True, True)
    >>> _holds_name("epoll模型", "Poll"), _holds_name("CSS框架", "CSS")
    (False, False)
    """
    text, name = normalize(text), normalize(name)
    if not name:
        return False
    # (`the CSS framework`, `JSON库` are things made for a standard, not the standard)
    kinds = name not in lexicon.STANDARDS
    if has_cjk(text):
        at = text.rfind(name)
        if at < 0 or at > 0 and not has_cjk(name) and re.match(r"[a-z0-9]", text[at - 1]):
            return False  # `epoll模型` holds no Poll
        rest = text[at + len(name):].strip()
        return rest == "" or kinds and rest in lexicon.KIND_WORDS_ZH
    words = re.split(r"[\s_-]+", text)
    squeezed = re.sub(r"[\s_-]+", "", name)  # VS Code, VSCode; Work Bench, workbench
    if kinds and words[-1] in lexicon.KIND_WORDS_EN:
        words = words[:-1] or words
    return any("".join(words[-n:]) == squeezed for n in range(1, min(len(words), 6) + 1))


def _mentions_name(text: str, name: str) -> bool:
    """Does `text` have `name` anywhere in it, a Latin name as whole words (`VSCode` for `VS
    Code`; `epoll` has no Poll)?

    >>> _mentions_name("poster 可以说", "Poster"), _mentions_name("epoll", "Poll")
    (True, False)
    """
    text, name = normalize(text), normalize(name)
    if not name:
        return False
    if has_cjk(name):
        return name in text
    return any(re.search(rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])", text)
               for form in {name, re.sub(r"[\s_-]+", "", name)})


def _qualifies_head(text: str, name: str) -> bool:
    """Is `text` the name before a head of its own (`海报系统` under 海报, `Zephyr controller`
    under Zephyr, `Kafka Connect`, `zephyr-router`): a kind, a part or a product of that
    name's thing, its own concept.

    >>> _qualifies_head("海报系统", "海报"), _qualifies_head("Zephyr controller", "Zephyr")
    (True, True)
    >>> _qualifies_head("Kafka Connect", "kafka"), _qualifies_head("zephyr-router", "Zephyr")
    (True, True)
    >>> _qualifies_head("poster 可以说", "poster"), _qualifies_head("1.Django", "Django")
    (False, False)
    """
    text, name = normalize(text), normalize(name)
    if not name or not text.startswith(name) or len(text) <= len(name):
        return False
    rest = text[len(name):]
    if has_cjk(rest):
        tags = _pos(rest.strip())
        return len(tags) <= 2 and all(flag.startswith("n") for _, flag in tags)
    words_ = rest.strip(" -").split()
    return rest[0] in " -" and 1 <= len(words_) <= 2 and all(
        w.isalpha() and not function_word(w) for w in words_)


def _related_field(text: str) -> bool:
    """`相关概念：…`, `Related: …`: a field of things related to what the text is about."""
    head = split_colon(text.strip())[0].strip().lower()
    return head.startswith(("相关", "related", "see also", "参见"))


def _sentence_of(text: str, name: str) -> int:
    """Which sentence of `text` holds `name` first (-1: none)."""
    at = text.find(name)
    return -1 if at < 0 else len(_SENTENCE_END.findall(text[:at]))


def _bold_line(block: Block) -> bool:
    """A paragraph that is one bold run: a heading written as bold text."""
    segs = [s for s in block.inline.segments if s.kind != "break" and s.text.strip()] \
        if block.inline is not None else []
    return bool(segs) and all(s.strong for s in segs) and "\n" not in block.inline.text.strip()


def _announces_claims(block: Block | None) -> bool:
    """`这种绑定的好处包括：`, `The benefits are:`: a lead-in naming advantages, reasons …"""
    if block is None or block.kind != "paragraph" or block.inline is None:
        return False
    text = block.inline.text.strip()
    if not text.endswith((":", "：")):
        return False
    last = re.split(r"[。.!！？?；;，,\n]", text[:-1])[-1].lower()
    from .segment import words

    return any(w.strip().lower() in lexicon.CLAIM_SECTIONS for w in (*words(last), *last.split()))


def linked_kind(inline: Inline) -> Segment | None:
    """`包含若干个部分：` then `- 各个[[MOC]]页面。…`: an entry of a list announced as kinds or
    parts that opens with a link (`links.leading_link`) is about what it links to, a kind or
    part of the owner: the link is read as `down:: [[MOC]]`."""
    link = leading_link(inline.first_line())
    if link is None or note_link(link.href, wiki=True) is None:
        return None
    return link


def _enumerates(block: Block) -> bool:
    """A paragraph that ends by announcing kinds or parts (`它们分别是：`, `分为三类：`,
    `It consists of:`): the list after it holds narrower concepts."""
    if block.kind != "paragraph" or block.inline is None:
        return False
    text = block.inline.text.strip()
    if not text.endswith((":", "：")):
        return False
    last = re.split(r"[。.!！？?；;\n]", text[:-1])[-1].lower()
    return any(cue in last for cue in lexicon.ENUMERATION_CUES)


def _english_gloss(shape: TermShape) -> bool:
    """`案例学习 : Learning by Examples`, `实践学习 : Learning by doing`: a Chinese name whose
    "definition" is an English phrase of two to five words that could translate it word for
    word (`_mirrors`): not a sentence, a command, or a clause of the line running on.

    >>> from graph.rules.term_item import parse_term
    >>> [_english_gloss(parse_term(t, bare_ok=False)) for t in ("案例学习 : Learning by Examples",
    ...  "格式: set key value", "学习: 中文和英文")]
    [True, False, False]
    """
    text = shape.definition.strip()
    words_ = text.split()
    return bool(text) and not shape.after_colon and not shape.aliases \
        and len(shape.names) == 1 and has_cjk(shape.names[0]) and not has_cjk(text) \
        and 2 <= len(words_) <= 5 and all(w.isalpha() for w in words_) \
        and words_[0][0].isupper() and not is_command(text) and not is_sentence(text) \
        and _mirrors(shape.names[0], text)


def _sections(blocks: list[Block]):
    """Every section among `blocks`, nested ones too."""
    for block in blocks:
        if block.kind == "section":
            yield block
            yield from _sections(block.children)


def _lone_name_runs(blocks: list[Block], config: Config) -> set[int]:
    """ids of the paragraphs that are a name alone (`lone_name`, no generic section word) in
    runs of two or more."""
    out: set[int] = set()
    run: list[Block] = []
    for block in [*blocks, None]:
        name = lone_name(block.inline) if block is not None and block.kind == "paragraph" \
            and block.inline is not None else None
        if name is not None and not is_generic_heading(name, config):
            run.append(block)
            continue
        if len(run) >= 2:
            out.update(id(b) for b in run)
        run = []
    return out


def lone_name(inline: Inline) -> str | None:
    """The name a paragraph is made of, when it is nothing else: one line of plain text, no
    punctuation of a sentence or a list, a name by the strict test (`good_name`: not an
    everyday word, a claim, a question or a phrase), three to ten Chinese characters or one
    to four Latin words that are no everyday word.

    >>> from graph.markdown import Inline, Segment
    >>> [lone_name(Inline([Segment("text", t)], 1)) for t in ("事件流处理", "横切关注点",
    ...  "事实往往相反", "句子", "数据库", "Leaky Bucket", "see below", "日志, 监控", "上一篇",
    ...  "总结一下", "條形圖")]
    ['事件流处理', '横切关注点', None, None, '数据库', 'Leaky Bucket', None, None, None, None, '條形圖']
    """
    raw = inline.text.strip()
    if not raw or "\n" in raw or any(s.kind != "text" or s.strong or s.em
                                      for s in inline.segments):
        return None
    if re.search(r"[，,。.：:；;、！!？?（）()\[\]【】“”\"'`|/\\=<>#*_~]", raw):
        return None
    if has_cjk(raw):
        if not re.fullmatch(f"[{CJK}]{{3,10}}", raw) or _clause_tagged(raw):
            return None
    else:
        words = raw.split()
        if not 1 <= len(words) <= 4 or not all(re.fullmatch(r"[A-Za-z][A-Za-z0-9+#-]*", w)
                                               for w in words):
            return None
    return raw if good_name(raw) and not is_everyday(raw) and not is_task(raw) else None


def _clause_tagged(text: str) -> bool:
    """A Chinese line whose words say something rather than name it: an adverb, time word,
    preposition, conjunction, particle or pronoun (`事实往往相反`, `直接反馈`), an idiom
    (`勤能补拙`), a class of things (`语言类`), a verb with its object first (`创建表`,
    `提示反馈信息`), a numeral or direction at an edge (`上一篇`, `总结一下`)."""
    tags = _pos(fold_chinese(text))  # jieba's tags are for Simplified Chinese
    return any(tag in _CLAUSE_TAGS for _, tag in tags) or tags[-1][1] == "q" \
        or tags[0][1] in ("m", "f") or tags[-1][1] in ("m", "f") \
        or len(tags) >= 2 and tags[0][1] == "v" and tags[1][1] in ("v", "a")


_CLAUSE_TAGS = frozenset({"d", "ad", "t", "p", "c", "u", "r", "uj", "ul", "uz", "zg", "i"})


def _motto(text: str) -> bool:
    """`Keep It Simple`, `Embrace change`, `You aren't gonna need it`: an English line that
    opens with a verb or a pronoun says something (a motto over a section), names nothing."""
    first = text.split()[0].lower()
    return first in TASK_WORDS_EN or first in _MOTTO_WORDS or first in FUNCTION_WORDS


# Openings of a motto that are neither task verbs nor function words of `shapes`.
_MOTTO_WORDS = frozenset("""embrace don't dont never always think stay i they he she there
here less more""".split())


def _translation_of(name: str, block: Block) -> str | None:
    """The text of `block` when it is a line of nothing but the Chinese `name` in English:
    two to five English words (`software engineering`); plain text, not bold, no sentence
    or command, about as many words as `name` (`_mirrors`).

    >>> from graph.markdown import parse_blocks
    >>> [_translation_of(n, parse_blocks(t)[0]) for n, t in (("软件工程", "software engineering"),
    ...  ("First come, first served", "先来先服务"), ("软件工程", "see the docs first"),
    ...  ("Quick Start", "安装依赖，然后运行"))]
    ['software engineering', None, None, None]
    """
    if block.kind != "paragraph" or block.inline is None or "\n" in block.inline.text.strip():
        return None
    if any(s.kind != "text" or s.strong for s in block.inline.segments):
        return None
    raw = block.inline.text.strip()
    text = clean_label(raw)
    if not text or not has_cjk(name) or has_cjk(text) or is_sentence(raw) \
            or not is_name(text) or not _mirrors(name, text):
        return None
    words = text.split()
    if len(words) < 2 or len(words) > 5 or not all(w.isalpha() for w in words):
        return None
    return text


def _mirrors(a: str, b: str) -> bool:
    """Could `b` translate `a` word for word: a Chinese name and an English one of about as
    many words (`代码覆盖` / `code coverage`, not `配置管理` / `configuration management
    ansible salt`, where words of the sentence ran on)."""
    from .segment import words

    zh, en = (a, b) if has_cjk(a) else (b, a)
    if has_cjk(en) or not has_cjk(zh):
        return True
    n_zh = len([w for w in words(zh) if w.strip()])
    return len(en.split()) <= n_zh + 1


def _bare_name(shape: TermShape, cjk: bool = False) -> bool:
    """A bare item that is a name on its own (not a sentence, not an everyday word); in a
    list of Chinese items, a capitalised English word too (`Agent` among 蒸馏, 微调): the
    writer switched language to give the term's own name."""
    if cjk and _code_switched(shape):
        return True
    return len(shape.names) >= 1 and all(good_name(n) for n in shape.names)


_DEFAULT = Config()


def _code_switched(shape: TermShape) -> bool:
    """A single capitalised Latin word (`Agent`, `Prompt`), not a generic section word."""
    if len(shape.names) != 1:
        return False
    name = shape.names[0].strip()
    return name.isascii() and name.isalpha() and name[:1].isupper() and len(name) >= 3 \
        and not name.isupper() and is_name(name) and not (_DEFAULT.is_generic(name) or is_generic_heading(name, _DEFAULT))


def _defines(block: Block, name: str) -> bool:
    """Does the first text under a heading define `name` (`A launch task is …`, `X是…`)?"""
    for child in block.children:
        inline = child.inline if child.kind in ("paragraph", "item") else None
        if child.kind == "list" and child.children:
            inline = child.children[0].inline
        if inline is None:
            continue
        subject = defined_subject(inline.text)
        return subject is not None and merge_key(subject) == merge_key(name)
    return False


# A common word (not everyday, but frequent in general language: 框架 4.3, 算法 4.2, 参数 4.5).
COMMON = 4.0


def _category_heading(shape: TermShape, block: Block) -> bool:
    """`## 框架` with nothing under it but a plain list of bare names (`- vllm`, `- unsloth`):
    a heading that says what kind of things follow, not a concept the note is about. Only a
    common word of general language, alone (no translation, no other name), with no text,
    sub-section or described item under it."""
    from .tables import frequencies

    if shape.aliases or shape.after_colon or len(shape.names) != 1:
        return False
    name = shape.names[0]
    if not has_cjk(name) or fold_chinese(name) not in frequencies("zh") or zipf(name) < COMMON:
        return False  # one word of the language's list (价值设计 is two)
    items = 0
    for child in block.children:
        if child.kind != "list":
            return False
        for item in child.children:
            text = item.inline.text.strip() if item.inline is not None else ""
            if not text or any(c.kind != "list" for c in item.children):
                return False
            if re.search(r"[:：(（]", text) or is_sentence(text) or not is_name(text):
                return False
            items += 1
    return items >= 2


def _section_only_links(block: Block) -> bool:
    """Only links (and lists of links) under a heading: a resources section. Only images is
    a figure of what the heading names, not a list of resources."""
    if _only_images(block):
        return False
    seen = False
    for child in block.children:
        if child.kind == "section":
            return False  # sub-sections: a topic with parts, not a list of links
        if child.kind == "list":
            for item in child.children:
                if item.inline is not None:
                    if not _only_links(item.inline.segments):
                        return False
                    seen = True
                if any(c.kind != "list" for c in item.children) or \
                        not _section_only_links(Block("x", 0, children=item.children)):
                    if item.children:
                        return False
        elif child.inline is not None:
            if not _only_links(child.inline.segments):
                return False
            seen = True
        elif child.kind == "quote":
            if not _section_only_links(child):
                return False
    return seen


def _only_images(block: Block) -> bool:
    inlines = [c.inline for c in block.children if c.inline is not None]
    return bool(inlines) and len(inlines) == len(block.children) and all(
        s.kind == "image" or s.kind == "break" or not s.text.strip()
        for inline in inlines for s in inline.segments)


def _formula(text: str) -> bool:
    """TeX math, as graph.markdown keeps it in a code segment (`$\\lambda$`)."""
    return len(text) > 2 and text.startswith("$") and text.endswith("$")


def _only_links(segments) -> bool:
    """Link-only or image-only content (with at most punctuation around the links); for a
    heading's block, only such lines below it (a resources section)."""
    if isinstance(segments, Block):
        return _section_only_links(segments)
    has_link = False
    for seg in segments:
        if seg.kind in ("link", "wikilink", "image"):
            has_link = True
        elif seg.kind == "break":
            continue
        elif seg.text.strip(_LINK_GLUE) and not pointer_words(seg.text):
            return False
    return has_link


# What may stand around links in a line of links: dashes, separators, brackets, end marks.
_LINK_GLUE = " \t-–—:：,，、|()（）[]【】。."
_POINTERS = ("见", "参见", "详见", "参考", "请见", "请参考", "请参见", "具体见", "see", "see also",
             "cf.", "cf", "refer to")


def pointer_words(text: str) -> bool:
    """`见`, `详见`, `See also`: words that only point the reader at the link beside them
    (`## 快捷键` › `- 见[[本库常用的快捷键及作用]]`: the section is a pointer to another note).

    >>> pointer_words("见"), pointer_words(" See also: "), pointer_words("见下文的定义")
    (True, True, False)
    """
    return text.strip(_LINK_GLUE).casefold() in _POINTERS


def _prose(inline: Inline) -> str:
    """Readable text of an inline: links read as their text, images dropped.

    `[Source](url): text` reads as `text` (the link is kept as a resource)."""
    segs = [s for s in inline.segments if s.kind != "image"]
    lead = next((i for i, s in enumerate(segs) if s.kind != "text" or s.text.strip()), None)
    if lead is not None and segs[lead].kind == "link" and lead + 1 < len(segs) \
            and segs[lead + 1].kind == "text" and segs[lead + 1].text.lstrip()[:1] in (":", "："):
        rest = Segment("text", segs[lead + 1].text.lstrip()[1:])
        segs = [rest, *segs[lead + 2:]]
        inline = Inline(segs, inline.line)
    return "".join("\n" if s.kind == "break" else ("" if s.kind == "image" else s.text)
                   for s in inline.segments).strip()

