"""graph.merge on hand-made occurrences: what a group of records makes."""

from graph.merge import make_concept
from graph.model import Label, NoteRecords, Source, TermRecord


def _term(key: int, name: str, origin: str, confidence: float) -> TermRecord:
    return TermRecord(key=key, names=(Label(name, "en"),), synonyms=(),
                      source=Source("a.md", key + 1), origin=origin, rule="test",
                      confidence=confidence)


def test_a_record_of_no_evidence_does_not_make_prose_names_mere_synonyms():
    # A structural record of no evidence (a rule that only relates, e.g. a list neighbour)
    # beside prose records: the prose names are the concept's labels, not synonyms of nothing.
    note = NoteRecords(path="a.md", title="a")
    occs = [(note, _term(0, "Kafka", "item", 0.0)), (note, _term(1, "Kafka", "prose", 0.75))]
    concept = make_concept(occs, [0, 1])
    assert concept is not None and [x.text for x in concept.labels] == ["Kafka"]
    assert concept.sources == [Source("a.md", 2)]


def test_two_headings_glossing_two_names_alike_stay_two_concepts(notes):
    r = notes({"grammar.md": """
        ## 进程 - task

        A running program.

        ## 作业 - task

        A unit of batch work.

        - 冠词(article): goes before a noun
        - 限定词(article): a wider class
        """})
    first, second = r.concept_by_label("进程"), r.concept_by_label("作业")
    assert first is not None and second is not None and first.id != second.id
    assert any("'task' translates both '进程'" in str(w) for w in r.warnings)
    # not between list items: a gloss given twice there joins (another way to say it)
    assert r.concept_by_label("冠词").id == r.concept_by_label("限定词").id
