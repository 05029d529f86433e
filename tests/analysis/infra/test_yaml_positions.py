"""The position-keeping YAML/JSON loader: 1-based marks on every node, intrinsic tags in long form."""

from __future__ import annotations

import string

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from scopeguard.analysis.infra.yaml_positions import (
    DocumentError,
    MarkedDict,
    MarkedList,
    MarkedStr,
    Position,
    load,
    looks_like_json,
)

TEMPLATE = """\
AWSTemplateFormatVersion: 2010-09-09
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Env: !Ref Table
      Arn: !GetAtt Table.Arn
      Listed: !GetAtt [Table, StreamArn]
      Name: !Sub "${AWS::StackName}-fn"
      Maybe: !If [IsProd, !Ref Big, !Ref "AWS::NoValue"]
      Joined: !Join ["", [a, !Ref B]]
      Only: !Condition IsProd

  Table:
    Type: AWS::DynamoDB::Table
# trailing comment

"""


def test_every_mapping_key_and_string_has_its_one_based_position() -> None:
    doc = load(TEMPLATE)
    resources = doc["Resources"]
    assert isinstance(resources, MarkedDict)
    assert resources.key_position("Fn") == Position(3, 3)
    assert resources.key_position("Table") == Position(14, 3)
    fn = resources["Fn"]
    assert fn.start == Position(4, 5)
    # a block mapping ends at its last scalar, not at the next key or the blank lines before it
    assert fn.end == Position(12, 30)
    assert resources["Table"].end == Position(15, 31)
    kind = fn["Type"]
    assert isinstance(kind, MarkedStr)
    assert (kind.start, kind.end) == (Position(4, 11), Position(4, 36))


def test_short_intrinsic_tags_load_as_their_long_form() -> None:
    props = load(TEMPLATE)["Resources"]["Fn"]["Properties"]
    assert props["Env"] == {"Ref": "Table"}
    assert props["Arn"] == {"Fn::GetAtt": ["Table", "Arn"]}
    assert props["Listed"] == {"Fn::GetAtt": ["Table", "StreamArn"]}
    assert props["Name"] == {"Fn::Sub": "${AWS::StackName}-fn"}
    assert props["Maybe"] == {"Fn::If": ["IsProd", {"Ref": "Big"}, {"Ref": "AWS::NoValue"}]}
    assert props["Joined"] == {"Fn::Join": ["", ["a", {"Ref": "B"}]]}
    assert props["Only"] == {"Condition": "IsProd"}
    assert props["Env"].start == Position(6, 12)


def test_an_unquoted_date_stays_a_string_as_cloudformation_reads_it() -> None:
    assert load(TEMPLATE)["AWSTemplateFormatVersion"] == "2010-09-09"


def test_unknown_local_tags_of_other_tools_load_instead_of_failing() -> None:
    assert load("config: !include other.yaml\n") == {"config": {"Fn::include": "other.yaml"}}


def test_json_with_tab_indentation_loads_with_positions() -> None:
    text = '{\n\t"Resources": {\n\t\t"Queue": {"Type": "AWS::SQS::Queue"}\n\t}\n}\n'
    assert looks_like_json(text)
    doc = load(text, json_like=True)
    assert doc == {"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}}
    assert doc["Resources"].key_position("Queue") == Position(3, 3)


def test_merge_keys_and_anchors_resolve() -> None:
    doc = load("base: &b {Runtime: go}\nfn:\n  <<: *b\n  Handler: bootstrap\n")
    assert doc["fn"] == {"Runtime": "go", "Handler": "bootstrap"}


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("Resources:\n  A: [\n", "did not find expected node content", 3),
        ("a: 1\n---\nb: 2\n", "expected a single document in the stream", 2),
        ("a: 1\n b: 2\n", "mapping values are not allowed", 2),
        ("? [a]\n: 1\n", "found an unhashable mapping key", 1),
        ('a: "abc\n\nb: 1\n', "found unexpected end of stream", 1),
        ("x: {a: 1\ny: 2\n", "did not find expected ',' or '}'", 1),
    ],
)
def test_bad_documents_raise_with_a_one_based_line(text: str, message: str, line: int) -> None:
    with pytest.raises(DocumentError) as caught:
        load(text)
    assert message in caught.value.message
    assert caught.value.line == line


def test_empty_collections_keep_their_own_marks() -> None:
    doc = load("a: {}\nb: []\n")
    assert isinstance(doc["a"], MarkedDict) and doc["a"].start == Position(1, 4)
    assert isinstance(doc["b"], MarkedList) and doc["b"].start == Position(2, 4)


def test_json_objects_and_arrays_end_after_their_closing_bracket_block_ones_at_their_last_value() -> None:
    doc = load('{"a": {"b": 1,\n  "c": "x"\n  },\n "d": [1,\n 2 ]}', json_like=True)
    assert doc["a"].end == Position(3, 4)
    assert doc["d"].end == Position(5, 5)
    assert doc.end == Position(5, 6)
    block = load("a:\n  b: 1\n  c: x\n\nd: 2\n")
    assert block["a"].end == Position(3, 7)


_keys = st.text(alphabet=string.ascii_letters, min_size=1, max_size=8)
_scalars = st.one_of(st.integers(-1000, 1000), st.text(alphabet=string.ascii_letters + " -", max_size=12))
_trees = st.recursive(
    _scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(_keys, children, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_keys, _trees, min_size=1, max_size=5), st.sampled_from([False, True]))
def test_values_equal_a_plain_load_and_every_key_position_points_at_the_key(
    doc: dict[str, object], flow: bool
) -> None:
    text = yaml.safe_dump(doc, default_flow_style=flow, sort_keys=False, width=1000)
    loaded = load(text)
    assert loaded == yaml.safe_load(text)
    lines = text.split("\n")

    def check(node: object) -> None:
        if isinstance(node, MarkedDict):
            for key, value in node.items():
                at = node.key_position(key)
                assert lines[at.line - 1][at.column - 1 :].lstrip("'\"").startswith(str(key))
                check(value)
        elif isinstance(node, MarkedList):
            for value in node:
                check(value)

    check(loaded)
