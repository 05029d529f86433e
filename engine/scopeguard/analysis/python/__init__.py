"""Python code elements (classes, functions, imports, calls, decorators, routes, CDK constructs).

Decision (figures in ``bench/README.md``): the standard library's ``ast`` reads every file it can
parse. On a Django 4.2 -> 5.0 diff (1,033 changed Python blobs) ``ast.parse`` takes 2.75 s, ``libcst``'s
parse 27.9 s, and its ``QualifiedNameProvider`` about 8 s per MB of source on top: libcst would make a
release-sized check ten to thirty times slower than parsing the files once, and a single-file hook
check with a ``call`` rule (the worked example's ``tabularium_type`` concept has one) would miss its
0.3 s budget. Qualified names are therefore resolved on ``ast`` by ``names`` (imports, aliases,
relative imports, function/class/comprehension scopes, ``global``/``nonlocal``), the subset of the
provider's semantics rules need; the tests check it against ``libcst``'s provider.

libcst earns its cost where ``ast`` cannot go: a file whose syntax is newer than the running
interpreter (PEP 695 generics and ``type`` aliases, PEP 696 defaults, PEP 701 f-strings, PEP 750
t-strings; ``except*`` and PEP 646 stars on 3.10). ``ast.parse`` raising ``SyntaxError`` is the only
way in: ``fallback`` then parses the file with libcst (imported there and nowhere else) and lowers
the newer constructs in place, so that the one ``ast`` reader builds the same elements -- names,
attributes, positions, digests -- that a newer interpreter's ``ast`` gives; only a file neither
parser reads becomes a notice. Files ``ast`` reads never touch libcst.
"""

from scopeguard.analysis.python.analyser import PythonAnalyser

__all__ = ["PythonAnalyser"]
