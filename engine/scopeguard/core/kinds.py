"""The registry of element kinds and the attributes rule conditions may name.

One place, so that the policy checker can say "did you mean" for a misspelt kind or attribute, the
documentation can list them, and the evaluator knows which analysers a kind needs. Analysers fill the
attributes; a kind whose analyser does not exist yet still parses and matches nothing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Attribute:
    name: str
    description: str
    #: a list-valued attribute (``bases``) answers for its singular alias (``base``): the condition
    #: holds when any item matches.
    alias: str | None = None


@dataclass(frozen=True, slots=True)
class ElementKind:
    name: str
    description: str
    attributes: tuple[Attribute, ...]


#: Attributes every element change has, whatever its kind.
COMMON_ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute("name", "the element's name (dotted nesting for code, logical id for resources)"),
    Attribute("path", "repository-relative path of the file (head side; base side when removed)"),
    Attribute("old_path", "base-side path when the element moved or its file was renamed"),
    Attribute("old_name", "base-side name when the element was renamed"),
    Attribute("kind", "the element kind"),
    Attribute("change", "added, removed, modified or renamed"),
    Attribute("language", "python, go, yaml, terraform, ... (null for plain files and lines)"),
    Attribute("line", "1-based first line of the element"),
)

_A = Attribute

KINDS: dict[str, ElementKind] = {
    k.name: k
    for k in (
        ElementKind(
            "file",
            "a changed file",
            (
                _A("status", "added, removed, modified or renamed"),
                _A("extension", "the file name's last suffix, with its dot ('.py')"),
                _A("binary", "true when the file's content is not text"),
                _A("symlink", "true for a symbolic link"),
                _A("submodule", "true for a submodule entry"),
                _A("mode_only", "true when only the file mode changed"),
                _A("copied_from", "the source path of a copied file"),
                _A("lines", "number of lines of the head-side file"),
                _A("bytes", "size of the head-side file in bytes"),
                _A("basename", "the file's name without its folder ('Button.tsx')"),
                _A("stem", "the file's name without its folder and last suffix ('Button')"),
                _A("directory", "the folder the file is in, without a trailing '/' ('' at the root)"),
            ),
        ),
        ElementKind(
            "line",
            "an added or removed line of a text file",
            (
                _A("text", "the line's text without its line ending"),
                _A("extension", "the file name's last suffix, with its dot"),
                _A("comment", "true when the whole line is a comment in its file's language ('# ...', "
                   "'// ...', '-- ...'; a line inside a block comment only when it starts with '*')"),
            ),
        ),
        ElementKind(
            "class",
            "a Python class or a Go type declaration",
            (
                _A("qualname", "module-qualified name ('pkg.mod.Outer.Inner')"),
                _A("bases", "base classes by qualified name (Go: embedded types)", alias="base"),
                _A("decorators", "decorators by qualified name", alias="decorator"),
                _A("type", "Go: struct, interface, alias or other; Python: class, or alias (`type X = ...`)"),
                _A("public", "true when no part of the name starts with an underscore (Go: exported)"),
                _A("methods", "names of the methods defined in the body"),
                _A("fields", "Go struct fields / Pydantic fields by name", alias="field"),
                _A("members", "Go: each field's (struct) or method's (interface) declaration, or the "
                   "definition of another named type, normalised ('Name string'); Python: an alias's value",
                   alias="member"),
                _A("type_parameters", "type parameters as written, with their constraints ('K comparable', "
                   "'T: int')", alias="type_parameter"),
                _A("type_changed", "modified: the kind of type changed (struct, interface, class, alias)"),
                _A("type_parameters_changed", "modified: the type parameters changed"),
                _A("removed_fields", "modified: fields that were removed"),
                _A("added_fields", "modified: fields that were added"),
                _A("changed_fields", "modified: fields whose declaration (type, tag) changed"),
                _A("removed_methods", "modified: interface methods that were removed"),
                _A("added_methods", "modified: interface methods that were added"),
                _A("changed_methods", "modified: interface methods whose signature changed"),
                _A("removed_bases", "modified: bases (Go: embedded types) that were removed"),
                _A("added_bases", "modified: bases (Go: embedded types) that were added"),
                _A("breaking", "modified: the change breaks users of a public type"),
                _A("metaclass", "Python: the metaclass by qualified name"),
                _A("lines", "number of lines of the definition"),
                _A("bases_changed", "modified: Python: the bases or class keywords differ"),
                _A("decorators_changed", "modified: the decorators differ"),
                _A("body_changed", "modified: the body differs"),
                _A("breaking_reasons", "modified, removed or renamed: why the change breaks users",
                   alias="breaking_reason"),
            ),
        ),
        ElementKind(
            "function",
            "a function or method (Python and Go)",
            (
                _A("qualname", "module-qualified name"),
                _A("method", "true for a method"),
                _A("receiver", "Go: the receiver type of a method"),
                _A("parameters", "parameter names in order", alias="parameter"),
                _A("type_parameters", "Python: PEP 695 type parameters as written ('T: int')",
                   alias="type_parameter"),
                _A("type_parameters_changed", "modified: the type parameters changed"),
                _A("required_parameters", "parameters without a default"),
                _A("decorators", "decorators by qualified name", alias="decorator"),
                _A("async", "true for a coroutine function"),
                _A("public", "true when no part of the name starts with an underscore (Go: exported)"),
                _A("signature", "the signature as written, normalised"),
                _A("lines", "number of lines of the definition"),
                _A("signature_changed", "modified: the signature differs"),
                _A("body_changed", "modified: the body differs"),
                _A("removed_parameters", "modified: parameters that were removed"),
                _A("added_required_parameters", "modified: new parameters without a default"),
                _A("added_parameters", "modified: parameters that were added (Go: each one breaks callers)"),
                _A("renamed_parameters", "modified: keyword parameters renamed ('old->new')"),
                _A("breaking", "modified or removed: the change breaks callers of a public API"),
                _A("decorators_changed", "modified: the decorators differ"),
                _A("breaking_reasons", "modified, removed or renamed: why the change breaks callers "
                   "('parameter timeout removed')", alias="breaking_reason"),
            ),
        ),
        ElementKind(
            "import",
            "an import statement's imported name",
            (
                _A("module", "the imported module"),
                _A("names", "imported names ('from m import a, b')", alias="imported"),
                _A("alias", "the local alias, if any"),
                _A("unused", "Python: the name the import binds is never referenced in the module (never "
                   "in a package's __init__.py, for a name in __all__, or for 'import x as x')"),
            ),
        ),
        ElementKind(
            "call",
            "a call expression",
            (
                _A("qualname", "the callee's qualified name where it can be resolved"),
                _A("callee", "the callee as written"),
                _A("scope", "the enclosing function or class"),
                _A("text", "the call's source text"),
                _A("arguments", "the arguments' source text, in order", alias="argument"),
            ),
        ),
        ElementKind(
            "decorator",
            "a decorator applied to a class or function",
            (
                _A("qualname", "the decorator's qualified name"),
                _A("target", "the decorated class or function"),
                _A("text", "the decorator expression as written"),
            ),
        ),
        ElementKind(
            "route",
            "an HTTP route (Flask, FastAPI, Django, SAM events, API Gateway, OpenAPI, serverless.yml)",
            (
                _A("method", "HTTP method in capitals, or ANY"),
                _A("route", "the route's path template ('/users/{id}')"),
                _A("framework", "flask, fastapi, django, sam, apigateway, openapi, serverless"),
                _A("handler", "the function that serves it"),
                _A("function", "the owning function or resource"),
                _A("api", "the API it belongs to (SAM RestApiId/ApiId, API Gateway RestApi), when named"),
            ),
        ),
        ElementKind(
            "resource",
            "an infrastructure resource (CloudFormation/SAM, Terraform, serverless.yml, AWS CDK)",
            (
                _A("type", "resource type ('AWS::DynamoDB::Table', 'aws_dynamodb_table')"),
                _A("format", "cloudformation, terraform, serverless or cdk"),
                _A("source", "Terraform modules: the module source"),
                _A("construct", "AWS CDK: the construct class ('aws_cdk.aws_lambda.Function')"),
                _A("properties_changed", "modified: names of the properties that changed"),
            ),
        ),
        ElementKind(
            "dependency",
            "a declared dependency in a package manifest",
            (
                _A("ecosystem", "pypi, npm or go"),
                _A("version", "the version constraint as written"),
                _A("manifest", "the manifest's file name"),
                _A("group", "dependency group ('main', 'dev', 'optional:test', 'indirect')"),
                _A("previous_version", "modified: the version constraint before the change"),
                _A("previous_group", "modified: the group before the change ('dev' when it became 'main')"),
            ),
        ),
        ElementKind(
            "secret",
            "a credential written into a file (cloud keys, private keys, tokens, passwords)",
            (
                _A("detector", "the format recognised ('aws-access-key-id', 'private-key', 'github-token')"),
                _A("redacted", "a redacted form that is safe to show (never the secret itself)"),
            ),
        ),
    )
}


def attribute_names(kind: str) -> tuple[str, ...]:
    """Every name a condition on ``kind`` may use, aliases included."""
    names = [a.name for a in COMMON_ATTRIBUTES]
    spec = KINDS.get(kind)
    if spec is not None:
        for a in spec.attributes:
            names.append(a.name)
            if a.alias:
                names.append(a.alias)
    return tuple(dict.fromkeys(names))


def resolve_alias(kind: str, attribute: str) -> str:
    """Map a singular alias (``base``) to the attribute that holds it (``bases``)."""
    spec = KINDS.get(kind)
    if spec is not None:
        for a in spec.attributes:
            if a.alias == attribute:
                return a.name
    return attribute


@dataclass(frozen=True, slots=True)
class Metric:
    name: str
    description: str
    #: a per-file or per-element metric is compared for each file or element, not for the whole change
    per: str | None = None


METRICS: dict[str, Metric] = {
    m.name: m
    for m in (
        Metric("files", "number of changed files"),
        Metric("added_lines", "lines added across the change"),
        Metric("removed_lines", "lines removed across the change"),
        Metric("changed_lines", "lines added plus lines removed"),
        Metric("file_lines", "lines of each added or modified file (head side)", per="file"),
        Metric("file_bytes", "size in bytes of each added or modified file (head side)", per="file"),
        Metric("function_lines", "lines of each added or modified function", per="function"),
    )
}
