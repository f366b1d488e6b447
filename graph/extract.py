"""One note → its records. A pure function of (path, bytes, config), so one note can be
redone without the others.

The walk goes over the block tree of `graph.markdown` and asks the rules in `graph.rules`
what each heading, list item and paragraph is. Text that is not a term belongs to the
concept it sits under (its *owner*): the nearest term item, concept heading, or the note's
own concept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from .config import Config
from .markdown import Block, Inline, Segment, parse_blocks
from .model import BROADER, HIERARCHY, Label, LinkRecord, NoteRecords, Resource, Source, TermRecord, Text
from .notes import RawNote, decode, split_front_matter
from .rules.frontmatter import related_of, synonyms_of, tags_of, title_of
from .rules.heading import heading_term
from .rules.inline_tags import inline_tags
from .rules.links import note_link
from .rules.shapes import has_url, is_command, is_sentence, is_url
from .rules.term_item import TermShape, parse_term
from .text import clean_label, has_cjk, lang_of, normalize


@dataclass(frozen=True)
class Context:
    owner: int | None  # record key of the concept that text here belongs to
    relation: str  # how a term found here relates to the owner: BROADER or HIERARCHY
    container: bool = False  # directly under a heading that lists terms (Glossary, Lists, …)
    questions: bool = False  # under FAQ-like headings: sub-headings are questions
    quoted: bool = False  # inside a blockquote: text only
    defines: bool = True  # may text here be the owner's definition? (not under 安装, FAQ, …)

    @property
    def definition_ok(self) -> bool:
        return self.defines and not self.quoted


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


def _stem(path: str) -> str:
    name = PurePosixPath(path).name
    for suffix in (".markdown", ".mdx", ".md"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def names_to_labels(shape: TermShape) -> tuple[tuple[Label, ...], tuple[Label, ...]]:
    """The term's names (one per language, first seen first) and its other names as synonyms."""
    names: list[Label] = []
    synonyms: list[Label] = []
    langs: set[str] = set()
    for text in [*shape.names, *shape.aliases, *shape.after_colon]:
        if not usable_label(text):
            continue
        label = Label(text, lang_of(text))
        if any(normalize(x.text) == normalize(text) for x in (*names, *synonyms)):
            continue
        if label.lang not in langs and text not in shape.after_colon:
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


class Extractor:
    def __init__(self, raw: RawNote, config: Config):
        self.raw = raw
        self.config = config
        self.path = raw.path
        self.out = NoteRecords(path=raw.path, title="", warnings=list(raw.warnings))
        self._key = 0

    # ------------------------------------------------------------ helpers

    def src(self, line: int) -> Source:
        return Source(self.path, line)

    def add_term(self, names, synonyms, line: int, origin: str, ctx: Context) -> int:
        key = self._key
        self._key += 1
        parent = ctx.owner
        self.out.terms.append(TermRecord(key, names, synonyms, self.src(line), origin, parent,
                                         ctx.relation))
        return key

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

    def add_inline_extras(self, owner: int | None, inline: Inline):
        """Links, resources and #tags anywhere in a piece of inline text."""
        for seg in inline.segments:
            if seg.kind == "wikilink":
                if not self.add_link(owner, seg.href, inline.line, seg.text, wiki=True):
                    self.add_resource(owner, seg.href, seg.text, inline.line)
            elif seg.kind == "link":
                if not self.add_link(owner, seg.href, inline.line, seg.text, wiki=False):
                    self.add_resource(owner, seg.href, seg.text, inline.line)
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

    def add_link(self, owner, href: str, line: int, text: str, *, wiki: bool) -> bool:
        parsed = note_link(href, wiki=wiki)
        if parsed is None:
            return False
        target, anchor = parsed
        self.out.links.append(LinkRecord(owner, href if wiki else href.split("#")[0],
                                         anchor, self.src(line), text,
                                         "wikilink" if wiki else "path"))
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
        title = title_of(meta)
        first_h1 = next((b for b in blocks if b.kind == "section" and b.level == 1), None)
        title_line = 1
        if not title and first_h1 is not None and first_h1.title:
            title, title_line = first_h1.title, first_h1.line
        if not title:
            title = _stem(self.path)
        self.out.title = title
        shape = heading_term(title, Config(generic_headings=set(), container_headings=set())) \
            or TermShape(names=[clean_label(title) or title])
        names, synonyms = names_to_labels(shape)
        if not names:  # a title such as "2023" is still the note's name
            names = (Label(title, lang_of(title)),)
        extra = tuple(Label(s, lang_of(s)) for s in synonyms_of(meta)
                      if normalize(s) not in {normalize(x.text) for x in (*names, *synonyms)})
        self.out.aliases = tuple(s.text for s in extra)
        root = Context(owner=None, relation=HIERARCHY)
        key = self.add_term(names, synonyms + extra, title_line, "title", root)
        self.out.title_key = key
        tags = tuple((t, self.src(2)) for t in tags_of(meta))
        self.out.tags = tags
        if tags:
            self.out.term_tags[key] = list(tags)
        for name in related_of(meta):
            self.out.links.append(LinkRecord(key, name, "", self.src(2), name, "frontmatter"))
        self.walk(blocks, Context(owner=key, relation=HIERARCHY))
        return self.out

    def walk(self, blocks: list[Block], ctx: Context):
        for block in blocks:
            getattr(self, f"on_{block.kind}")(block, ctx)

    def on_section(self, block: Block, ctx: Context):
        title = block.title
        if block.inline is not None:
            self.add_inline_extras(ctx.owner, Inline(
                [s for s in block.inline.segments if s.kind != "text"], block.line))
        shape = None if ctx.questions else heading_term(title, self.config)
        names, synonyms = names_to_labels(shape) if shape is not None else ((), ())
        if names:
            if self._is_title(names):
                key = self.out.title_key  # `# Title` repeating the note's title
                inner = Context(owner=key, relation=BROADER)
            else:
                key = self.add_term(names, synonyms, block.line, "heading", ctx)
                inner = Context(owner=key, relation=BROADER)
            self.walk(block.children, inner)
            return
        key = normalize(title)
        if self.config.is_container(title):
            self.walk(block.children, replace(ctx, container=True))
        else:
            questions = ctx.questions or key in self.config.question_headings
            # Under a plain section (Resources, 安装, …) terms are not narrower than the owner.
            generic = self.config.is_generic(title)
            relation = HIERARCHY if generic else ctx.relation
            defines = key in self.config.definition_headings if generic else ctx.defines
            self.walk(block.children, replace(ctx, relation=relation, container=False,
                                              questions=questions, defines=defines))

    def _is_title(self, names) -> bool:
        title = self.out.terms[0] if self.out.terms else None
        if title is None:
            return False
        keys = {normalize(x.text) for x in (*title.names, *title.synonyms)}
        return any(normalize(n.text) in keys for n in names)

    def on_paragraph(self, block: Block, ctx: Context):
        inline = block.inline
        if inline is None:
            return
        text = inline.text
        # A lone line like `马尔科夫模型, 马尔科夫链(Markov Chain)` left outside its list.
        if not ctx.quoted and "\n" not in text and ctx.owner is not None:
            shape = parse_term(text, bare_ok=False)
            if shape is not None and shape.aliases and not shape.definition \
                    and len(shape.names) <= 2 \
                    and not any(s.kind in ("link", "wikilink") for s in inline.segments):
                names, synonyms = names_to_labels(shape)
                if names:
                    self.add_term(names, synonyms, block.line, "paragraph", ctx)
                    return
        self.add_inline_extras(ctx.owner, inline)
        if not _only_links(inline.segments):
            self.add_text(ctx.owner, _prose(inline), block.line, definition_ok=ctx.definition_ok)

    on_table = on_paragraph

    def on_quote(self, block: Block, ctx: Context):
        self.walk(block.children, replace(ctx, quoted=True))

    def on_list(self, block: Block, ctx: Context):
        items = [b for b in block.children if b.kind == "item"]
        heads = [self.item_shape(item, ctx) for item in items]
        # Bare short items are terms among term siblings, or directly under a term list heading.
        term_list = not ctx.quoted and (ctx.container or any(h is not None and h.strong
                                                             for h in heads))
        for item, shape in zip(items, heads):
            self.on_item(item, ctx, shape if (shape is not None and (shape.strong or term_list))
                         else None)

    def item_shape(self, item: Block, ctx: Context) -> TermShape | None:
        if ctx.quoted or item.inline is None:
            return None
        first = item.inline.first_line()
        if not first or any(s.kind in ("link", "wikilink", "image") for s in first[:1]) \
                or _only_links(first):
            return None
        if any(s.kind == "code" for s in first) and len(first) == 1:
            return None  # `kubectl get pods`
        shape = parse_term("".join(s.text for s in first))
        if shape is not None and self.config.is_generic(shape.names[0]):
            return None  # `**应用场景**：…` names a section of the owner, not a concept
        return shape

    def on_item(self, item: Block, ctx: Context, shape: TermShape | None = None):
        """A list item: a term (when `shape` is given) or text of the owner."""
        inline = item.inline
        names, synonyms = names_to_labels(shape) if shape is not None else ((), ())
        if names:
            key = self.add_term(names, synonyms, item.line, "item", ctx)
            if shape.definition:
                self.add_text(key, shape.definition, item.line)
            if inline is not None:
                self.add_inline_extras(key, inline)
                rest = inline.rest()
                if rest:
                    self.add_text(key, rest, item.line + 1)
            self.walk(item.children, Context(owner=key, relation=BROADER))
            return
        if inline is not None:
            self.add_inline_extras(ctx.owner, inline)
            text = _prose(inline)
            if text and not _only_links(inline.segments) and not is_url(text):
                if is_command(text):
                    self.add_text(ctx.owner, text, item.line, definition_ok=False)
                else:
                    self.add_text(ctx.owner, text, item.line, definition_ok=ctx.definition_ok)
        self.walk(item.children, replace(ctx, container=False))


def _only_links(segments: list[Segment]) -> bool:
    """Link-only or image-only content (with at most punctuation around the links)."""
    has_link = False
    for seg in segments:
        if seg.kind in ("link", "wikilink", "image"):
            has_link = True
        elif seg.kind == "break":
            continue
        elif seg.text.strip(" \t-–—:：,，、|()（）[]【】"):
            return False
    return has_link


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

