"""The first user's glossary, read as its author meant it."""

import pytest

from graph import build
from graph.model import BROADER, RELATED_TO
from tests.conftest import DATA


@pytest.fixture(scope="module")
def seed():
    return build(DATA)


def out(seed, cid, type_, kind=None):
    return {t.split(":", 1)[1] for _, t, d in seed.graph.out_edges(f"term:{cid}", data=True)
            if d["type"] == type_ and (kind is None or d.get("kind") == kind)}


def test_note_concept(seed):
    c = seed.concept_by_label("AI人工智能基础")
    assert [s.text for s in c.synonyms] == ["人工智能", "人工智慧"]
    assert {seed.tags[t].label for t in c.tags} == {"机器学习", "神经网络", "深度学习", "知识图谱"}
    # front matter tags naming concepts of the glossary relate the note's concept to them
    assert out(seed, c.id, RELATED_TO, "frontmatter") == {"机器学习", "神经网络", "知识图谱"}


@pytest.mark.parametrize("label, zh, en, synonyms", [
    ("RAG", None, "RAG", {"Retrieval-Augment Generation", "检索增强生成"}),
    ("神经网络", "神经网络", "neural network", set()),
    ("模型", "模型", "model", set()),
    ("推理", "推理", "infer", {"reasoning"}),
    ("分类", "分类", "classification", {"classify"}),
    ("提示", "提示", "Prompt", {"提示词"}),
    ("思维链", "思维链", "Chain-of-Thought", {"CoT"}),
    ("KNN", "最近邻分类算法", "KNN", {"K-Nearest Neighbor"}),
    ("it/s", "每秒完成的迭代次数", "it/s", {"iterations per second"}),
    ("fine-tuning", "微调", "fine-tuning", set()),
    ("知识图谱", "知识图谱", "knowledge graph", set()),
    ("张量", "张量", "Tensor", {"Tensors"}),  # "Tensors are …": its plural
])
def test_terms_labels_and_synonyms(seed, label, zh, en, synonyms):
    c = seed.concept_by_label(label)
    assert c is not None, label
    assert (c.label_in("zh"), c.label_in("en")) == (zh, en)
    assert {s.text for s in c.synonyms} == synonyms


def test_bare_terms_among_term_siblings(seed):
    for label in ("参数", "算法", "Lora", "VAE", "ONNX", "transformer", "attention"):
        assert seed.concept_by_label(label) is not None, label


def test_merges(seed):
    # CUDNN item, cuDNN item and the `## CuDNN` heading are one concept
    cudnn = seed.concept_by_label("cuDNN")
    assert cudnn is seed.concept_by_label("CUDNN") is seed.concept_by_label("CuDNN")
    assert len(cudnn.sources) == 3
    # `### NVidia` and `# Nvidia`; `# Prompt` and `提示(Prompt)`; `# Conda` and the Conda item
    assert len(seed.concept_by_label("nvidia").sources) == 2
    assert seed.concept_by_label("Prompt") is seed.concept_by_label("提示")
    assert len(seed.concept_by_label("Prompt").sources) == 2
    assert len(seed.concept_by_label("Conda").sources) == 2
    assert seed.concept_by_label("机器学习") is seed.concept_by_label("Machine Learning")


def test_not_concepts(seed):
    for text in ("Resources", "Glossary", "Lists", "Items", "Topics", "多维定义", "参考资料", "安装",
                 "常见问题", "最佳实践", "sudo apt-get update", "应用场景",
                 "在脚本中激活虚拟环境", "机器学习的三个核心概念"):
        assert seed.concept_by_label(text) is None, text


def test_hierarchy(seed):
    assert out(seed, "cudnn", BROADER) == {"nvidia"}
    assert out(seed, "cuda", BROADER) == {"nvidia"}
    assert out(seed, "姿态检查", BROADER) == {"姿态控制"}
    assert out(seed, "cuda-toolkit", BROADER) == {"nvidia"}
    assert out(seed, "tokenization", BROADER) == {"token"}
    # glossary terms are listed in the note about AI basics
    assert "ai人工智能基础" in out(seed, "rag", RELATED_TO, "hierarchy")


def test_definitions_and_resources(seed):
    assert seed.concept_by_label("CUDA").definition.startswith("CUDA是NVIDIA推出的")
    kg = seed.concept_by_label("知识图谱")
    assert kg.definition.startswith("知识图谱是一种用于组织和表示结构化知识")
    assert any("huaweicloud.com" in r.url for r in kg.resources)
    rag = seed.concept_by_label("RAG")
    assert any("nvidia.com" in r.url for r in rag.resources)
    assert any(r.image for r in seed.concept_by_label("机器学习").resources)


def test_mentions(seed):
    assert "cuda" in out(seed, "cudnn", RELATED_TO, "mention")
    assert "pytorch" in out(seed, "conda", RELATED_TO, "mention")
    assert "nvidia-gpu" in out(seed, "tensorrt", RELATED_TO, "mention") or \
        "nvidia" in out(seed, "tensorrt", RELATED_TO, "mention")


def test_counts_and_no_warnings(seed):
    # Headings and glossary items give about 100; names in the prose (GPU, TensorFlow, pip) more.
    assert 80 <= len(seed.concepts) <= 140
    assert seed.warnings == []


def test_two_builds_are_identical(seed):
    again = build(DATA)
    assert sorted(again.graph.edges(data=True, keys=True), key=repr) == \
        sorted(seed.graph.edges(data=True, keys=True), key=repr)
    assert dict(again.graph.nodes(data=True)) == dict(seed.graph.nodes(data=True))
