"""The infrastructure analyser for YAML and JSON: CloudFormation/SAM, serverless.yml, OpenAPI.

One parse of a file serves all three readers. Most YAML and JSON files in a repository are none of
them, so the text is first searched for the keys that would make it one (``AWSTemplateFormatVersion``,
``Resources``, ``openapi``, ``swagger``, or the name ``serverless.yml``); a file without any is
answered at once, without loading PyYAML. A file that has them but does not parse becomes a notice
when it really looks like one of these documents, and is otherwise no concern of this analyser.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping

from scopeguard.analysis.base import EMPTY_FACTS, AnalysisError, FileFacts, SourceFile
from scopeguard.core.model import AttrValue, Element

KINDS = frozenset({"resource", "route"})
SUFFIXES = (".yml", ".yaml", ".json", ".template")
_SKIPPED_NAMES = frozenset({"package-lock.json", "npm-shrinkwrap.json", "composer.json", "tsconfig.json"})
_SERVERLESS_NAMES = frozenset({"serverless.yml", "serverless.yaml", "serverless.json"})


def _key(name: str) -> str:
    """A mapping key ``name`` in YAML (block or flow) or JSON, at the start of a line or after ``{``/``,``."""
    return r"""(?:^|[{,])[ \t]*["']?""" + name + r"""["']?[ \t]*:"""


_TEMPLATE_HINT = re.compile(_key("(?:AWSTemplateFormatVersion|Resources)"), re.MULTILINE)
_OPENAPI_HINT = re.compile(_key("(?:openapi|swagger)"), re.MULTILINE)
_STRONG_TEMPLATE_HINT = re.compile(
    _key("AWSTemplateFormatVersion") + "|" + _key("Transform") + r"""[ \t]*["']?AWS::""", re.MULTILINE
)


class InfrastructureAnalyser:
    """Resources and routes of CloudFormation/SAM templates, serverless.yml and OpenAPI documents."""

    name = "infrastructure"
    version = "2"
    kinds = KINDS

    def accepts(self, path: str) -> bool:
        base = posixpath.basename(path)
        return base.endswith(SUFFIXES) and base not in _SKIPPED_NAMES

    def extract(self, source: SourceFile, kinds: frozenset[str]) -> FileFacts:
        wanted = kinds & KINDS
        if not wanted or source.decoded is None:
            return EMPTY_FACTS
        text = source.text
        serverless_name = posixpath.basename(source.path) in _SERVERLESS_NAMES
        template_hint = _TEMPLATE_HINT.search(text) is not None
        openapi_hint = "route" in wanted and _OPENAPI_HINT.search(text) is not None
        if not (serverless_name or template_hint or openapi_hint):
            return EMPTY_FACTS

        from scopeguard.analysis.infra import cloudformation, openapi, serverless
        from scopeguard.analysis.infra.yaml_positions import DocumentError, load, looks_like_json

        json_like = looks_like_json(text)
        language = "json" if json_like or source.path.endswith(".json") else "yaml"
        try:
            doc = load(text, json_like=json_like)
        except DocumentError as exc:
            if serverless_name or self._looks_like_template(text) or openapi_hint:
                raise AnalysisError(f"not valid {language.upper()}: {exc.message}", exc.line) from None
            return EMPTY_FACTS
        elements: list[Element] = []
        if serverless.is_serverless(doc, source.path):
            elements.extend(serverless.serverless_elements(doc, source.path, wanted, language=language))
        elif cloudformation.is_template(doc):
            elements.extend(cloudformation.template_elements(doc, source.path, wanted, language=language))
        elif "route" in wanted and openapi.is_openapi(doc):
            elements.extend(openapi.routes(doc, source.path, language=language))
        return FileFacts(tuple(elements)) if elements else EMPTY_FACTS

    @staticmethod
    def _looks_like_template(text: str) -> bool:
        return _STRONG_TEMPLATE_HINT.search(text) is not None or (
            _TEMPLATE_HINT.search(text) is not None and "AWS::" in text
        )

    def compare(self, before: Element, after: Element) -> Mapping[str, AttrValue]:
        from scopeguard.analysis.infra.elements import compare_parts

        return compare_parts(before, after)
