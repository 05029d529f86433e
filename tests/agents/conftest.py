"""A small vocabulary with the built-in concepts' names and a repository's own, for phrasebook tests.

The phrasebook's examples name concepts (``tabularium_type``, ``infrastructure``, ``test_file``); this
vocabulary fixes which exist and what their ``aka`` phrases are, so that the examples do not change
when the shipped vocabulary grows.
"""

from __future__ import annotations

import pytest

from scopeguard.policy.ast import Concept, PolicyFile, Selector
from scopeguard.policy.resolve import PolicySet

EXAMPLE_CONCEPTS = (
    Concept(
        "tabularium_type",
        ("tabularium type", "tabularium types"),
        (Selector("class", ("**/pkg/model/model/*.go",)),),
    ),
    Concept(
        "infrastructure",
        ("infrastructure", "cloud infrastructure", "cloud infrastructure components"),
        (Selector("resource"),),
    ),
    Concept("lambda_function", ("lambda function", "lambda functions"), (Selector("resource"),)),
    Concept("database", ("database", "databases", "dynamodb tables"), (Selector("resource"),)),
    Concept("dependency", ("dependency", "dependencies"), (Selector("dependency"),)),
    Concept("secret", ("secret", "secrets", "credentials", "api keys"), (Selector("line"),)),
    Concept("test_file", ("tests", "test files"), (Selector("file", ("tests/**", "**/test_*.py")),)),
    Concept("public_api", ("public api",), (Selector("function"),)),
)


def example_policies() -> PolicySet:
    return PolicySet.build([PolicyFile("<examples>", EXAMPLE_CONCEPTS)])


@pytest.fixture
def policies() -> PolicySet:
    return example_policies()
