"""Constructs named in words rather than in backticks ("no TODOs", "no empty catch blocks", "never expose
an RDS instance to the public internet"), as line rules on the files they belong to.

Each entry of ``CONSTRUCTS`` is a small vocabulary item: the words that name the construct, the words
that *require* its opposite ("always inline format args", "enable encryption at rest": the construct
is then what breaks the rule), and, per language, what an added line holding it looks like — a glob
where one says it, a regular expression (``text matches``) where a glob cannot. A line holds one
statement of code, so constructs that span lines (a ``try`` whose ``except`` body is ``pass`` on the
next line) are caught only in their one-line form; the entries say which forms they catch.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from scopeguard.agents.clauses import Clause
from scopeguard.agents.files import CODE_GLOBS, language_globs, paths_in
from scopeguard.agents.readings import Draft, Env, Example, ExampleFile, Reading, Shape, has
from scopeguard.agents.tokens import line_condition
from scopeguard.policy.ast import And, ChangeSpec, Compare, Condition, Forbid, Selector, Statement


@dataclass(frozen=True, slots=True)
class Part:
    """Where a construct is looked for (file globs) and what a line holding it matches; ``removed``
    for a construct whose removal breaks the rule (a coverage threshold)."""

    globs: tuple[str, ...]
    condition: Condition
    change: ChangeSpec = "added"


@dataclass(frozen=True, slots=True)
class Construct:
    slug: str
    category: str
    #: words naming the construct in a sentence that forbids it
    words: str
    parts: tuple[Part, ...]
    #: words of a sentence that requires the opposite, so that the construct breaks it
    required: str | None = None
    #: said along with the rule: what the construct's lines do not catch
    note: str | None = None
    #: paths named in the sentence narrow where the construct is looked for
    scoped: bool = True
    #: files a language named in the sentence does not narrow the construct to ("SQL" built in code)
    not_in: tuple[str, ...] = ()
    #: what the sentence, the one before it or its lead-in must be about ("template literals" are banned
    #: only where class names are composed)
    topic: str | None = None


def glob(globs: Sequence[str], *patterns: str) -> Part:
    return Part(tuple(globs), line_condition(patterns))


def regex(globs: Sequence[str], pattern: str) -> Part:
    return Part(tuple(globs), Compare("text", "matches", pattern))


def _code(part: Part) -> Part:
    """The part, on lines that are not comments as a whole (a construct named in prose is not used)."""
    return Part(part.globs, And((part.condition, Compare("comment", "==", False))), part.change)


def _removed(part: Part) -> Part:
    return Part(part.globs, part.condition, "removed")


_JS = ("**/*.{js,jsx,ts,tsx,mjs,cjs,vue,svelte}",)
_PY = ("**/*.py",)
_GO = ("**/*.go",)
_RS = ("**/*.rs",)
_JVM = ("**/*.{java,kt,scala,cs,swift,dart,php}",)
_C_LIKE = ("**/*.{go,rs,ts,tsx,js,jsx,mjs,cjs,java,kt,cs,swift,c,h,cc,cpp,hpp,scala,dart,php}",)
#: infrastructure as code (Terraform, CloudFormation/SAM, serverless.yml, Kubernetes) and CDK code
_IAC = ("**/*.{tf,tfvars,hcl,yml,yaml,json,template}", "**/*.{ts,js,py,java,cs,go}")
#: where test, coverage and CI gates are configured
_GATE_FILES = (
    "**/{pyproject.toml,setup.cfg,tox.ini,.coveragerc,pytest.ini,codecov.yml,.codecov.yml,package.json}",
    "**/{jest,vitest,karma,playwright}.config.*",
    "**/.nycrc*",
    ".github/workflows/**",
    "**/.gitlab-ci.yml",
    "**/{Makefile,justfile,Justfile}",
)
_EMOJI = r"[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2B55]"
_LOG_CALL = (
    r"(?:\b(?:log|logger|logging|console|slog|zap|tracing)\.\w+\(|\b(?:trace|debug|info|warn|error)!\("
    r"|\bprint(?:ln)?!?\()"
)

CONSTRUCTS: tuple[Construct, ...] = (
    Construct(
        "no-todo",
        "other-checkable",
        r"\btodos?\b|\bfixmes?\b",
        (glob(CODE_GLOBS, "*TODO*", "*FIXME*"),),
    ),
    Construct(
        "no-debug-logs",
        "other-checkable",
        r"\bdebug(?:ging)?\s+(?:logs?|logging|statements?|prints?|code|output)\b|\bprint\s+statements\b"
        r"|\bconsole\.log\b|\bdebug\s+code\b",
        (
            glob(_JS, "*console.log(*", "*console.debug(*", "*debugger;*"),
            glob(_PY, "{print(*,*[!A-Za-z0-9_.]print(*}", "*breakpoint()*", "*pdb.set_trace()*"),
            glob(_RS, "*dbg!(*", "*println!(*"),
            glob(_GO, "*fmt.Println(*", "*fmt.Printf(*"),
            glob(("**/*.{java,kt}",), "*System.out.println(*", "*printStackTrace()*"),
        ),
    ),
    Construct(
        "no-unwrap",
        "other-checkable",
        r"\bunwrap\b|\.unwrap\(\)",
        (glob(_RS, "*.unwrap()*", "*.expect(*"),),
    ),
    Construct(
        "no-absolute-paths",
        "other-checkable",
        r"\b(?:hard[- ]?cod\w*|local)\s+absolute\s+paths?\b|\babsolute\s+paths?\b",
        (glob((*CODE_GLOBS, "**/*.{yml,yaml,json,toml}"), "*/Users/*", "*/home/*", "*C:\\*", "*C:/*"),),
    ),
    Construct(
        "no-hardcoded-colors",
        "style",
        r"\bhard[- ]?cod\w*\s+(?:hex|rgb|colou?rs?)\b|\bhex/rgb\b|\bhex\s+colou?rs?\b",
        (glob(_JS, "*#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]*", "*rgb(*", "*rgba(*"),),
    ),
    Construct(
        "no-hardcoded-emails",
        "other-checkable",
        r"\bhard[- ]?cod\w*\s+e-?mails?\b",
        (glob(CODE_GLOBS, "*[A-Za-z0-9]@[A-Za-z0-9]*.[a-z][a-z]*"),),
    ),
    Construct(
        "no-commented-out-code",
        "other-checkable",
        r"\bcommented[- ]out\s+(?:code|lines|blocks?|statements)\b",
        (
            regex(
                _C_LIKE,
                r"^\s*//+\s*(?:[\w.]+\([^()]*\)\s*;?|(?:(?:const|let|var|val)\s+)?[\w.\[\]]+\s*(?:=|\+=|-=|:=)\s*"
                r"[^=\s].*;|(?:return|import|if|for|while|else|await|function|func|fn|class)\b.*(?:[;{]|\))|\}\s*)$",
            ),
            regex(
                ("**/*.{py,rb,sh}",),
                r"^\s*#+\s*(?:[\w.]+\([^()]*\)|[\w.\[\]]+\s*(?:=|\+=|-=)\s*[^=\s].*|(?:return|import|from\s+\S+\s+"
                r"import|def|class|if|for|while|elif|else)\b.*(?:\)\s*:|[\w\])]\s*:|\)))\s*$",
            ),
        ),
        note="a comment line is read as commented-out code when it is one statement: a call, an "
        "assignment, or a keyword line ending as code does",
    ),
    Construct(
        "no-comments",
        "style",
        r"\b(?:add|adds|adding|write|writing|leave|leaving)\s+(?:any\s+|new\s+)?(?:code\s+)?comments?\b"
        r"|^\W*no\s+(?:code\s+)?comments\b",
        (
            glob(
                ("**/*.{go,rs,ts,tsx,js,jsx,mjs,cjs,java,kt,cs,swift,c,h,cc,cpp,hpp,scala,dart,php}",),
                "*// *",
                "*/[*]*",
            ),
            glob(("**/*.{py,rb,sh}",), "# *", "* # *"),
        ),
    ),
    Construct(
        "no-env-mutation",
        "tests-required",
        r"\bmutat\w*\s+(?:the\s+)?(?:process\s+)?environment\b"
        r"|\b(?:set|change|modify)\w*\s+environment\s+variables\b",
        (
            glob(_RS, "*env::set_var(*", "*env::remove_var(*"),
            glob(_PY, "*os.environ[[]*=*", "*os.putenv(*", "*monkeypatch.setenv(*"),
            glob(_GO, "*os.Setenv(*"),
            glob(_JS, "*process.env.*=*"),
        ),
    ),
    Construct(
        "no-lint-suppressions",
        "style",
        r"\b(?:disable|disables|disabling|suppress\w*|silenc\w*|bypass\w*|skip|skipping)\s+(?:the\s+|any\s+)?"
        r"(?:\w+\s+or\s+)?(?:lint\w*|eslint|clippy|type[- ]?check\w*|type\s+errors|compiler\s+warnings|"
        r"warnings)\b"
        r"|\bsuppression\s+comments\b|\blint\s+suppressions?\b",
        (
            glob(_JS, "*eslint-disable*", "*@ts-ignore*", "*@ts-nocheck*"),
            glob(_PY, "*# noqa*", "*type: ignore*", "*pylint: disable*"),
            glob(_RS, "*#[[]allow(*"),
            glob(_GO, "*//nolint*"),
            glob(("**/*.{java,kt}",), "*@SuppressWarnings*"),
        ),
    ),
    Construct(
        "no-inline-styles",
        "style",
        r"\binline\s+styles?\b|\bnever\s+inline\W*$",
        (glob((*_JS, "**/*.html"), "*style={*", '*style="*'),),
        topic=r"\b(?:styles?|styling|colou?rs?|spacing|layout|css|tailwind)\b",
    ),
    Construct(
        "no-network-in-tests",
        "tests-required",
        r"\b(?:hit|call|calls|reach|contact|use|depend\s+on)\s+(?:the\s+)?(?:real|live|external|production)\s+"
        r"(?:external\s+|third-party\s+)?(?:services?|apis?|endpoints?|servers?|network)\b"
        r"|\b(?:real\s+)?network\s+(?:calls?|access|requests?)\b",
        (
            _code(
                regex(
                    CODE_GLOBS,
                    r"(?i)\b(?:fetch|axios(?:\.\w+)?|requests\.\w+|httpx\.\w+|urlopen|http\.(?:Get|Post)|got|"
                    r"reqwest::\w+|Client::new\(\)\.\w+)\s*\(\s*[\x22\x27\x60]https?://(?!localhost|127\.0\.0\.1|"
                    r"0\.0\.0\.0|\[::1\]|[\w.-]*\.(?:test|example|invalid|local)\b|example\.(?:com|org|net)\b)",
                )
            ),
        ),
        topic=r"\btests?\b|\bspecs?\b",
        note="a call to a literal http(s) URL that is not local or reserved for examples is reported",
    ),
    Construct(
        "no-empty-catch",
        "other-checkable",
        r"\bempty\s+(?:catch|except)\w*|\bsilent(?:ly)?\s+(?:fail\w*|swallow\w*|ignor\w*|catch\w*)"
        r"|\bswallow\w*\s+(?:the\s+|any\s+)?(?:errors?|exceptions?)\b|\bbare\s+except\b"
        r"|\bexcept\s*:\s*pass\b|\bcatch\s*\{\s*\}",
        (
            _code(regex(_C_LIKE, r"\bcatch\s*(?:\([^()]*\))?\s*\{\s*\}")),
            _code(regex(_JS, r"\.catch\(\s*(?:\(\s*\w*\s*\)|\w+)\s*=>\s*(?:\{\s*\}|undefined|null)\s*\)")),
            _code(regex(_PY, r"^\s*except\b[^:]*:\s*(?:pass|\.\.\.)\s*(?:#.*)?$")),
            _code(regex(_GO, r"\bif\s+err\s*!=\s*nil\s*\{\s*\}")),
        ),
        note="an empty handler is caught when it stands on one line ('catch (e) {}', 'except: pass')",
    ),
    Construct(
        "no-interpolated-sql",
        "other-checkable",
        r"\braw\s+sql\b|\bsql\s+(?:strings?|injection)\b|\b(?:string[- ])?(?:concatenat\w+|interpolat\w+|"
        r"formatt\w+|built)\s+(?:sql|quer(?:y|ies))\b|\bsql\b[^.;]{0,30}\b(?:concatenat\w+|interpolat\w+|"
        r"string\s+formatting|f-strings?)\b",
        (
            _code(
                regex(
                    CODE_GLOBS,
                    r"(?i)[\x22\x27\x60]\s*(?:select\s.*?\bfrom|insert\s+into|update\s+\w+\s+set|delete\s+from)\b"
                    r".*?(?:\{[^}]*\}|\$\{|[\x22\x27\x60]\s*(?:\+|%\s*[\w(])|\+\s*[\x22\x27\x60])"
                    r"|\bSprintf\(\s*[\x22\x60]\s*(?i:select|insert|update|delete)\b",
                )
            ),
        ),
        required=r"\bparameteri[sz]ed\s+(?:sql\s+)?quer(?:y|ies)\b|\b(?:parameter|bind)\s+(?:binding|variables|parameters)\b",
        note="read as SQL built by interpolation or concatenation in code (a query string with "
        "'{…}', '${…}', '+' or '%' on its line)",
        not_in=("**/*.sql",),
    ),
    Construct(
        "no-template-literal-class-names",
        "style",
        r"\btemplate\s+(?:literals?|strings?)\b",
        (_code(regex(_JS, r"\bclass(?:Name)?=\{\s*\x60|:class=\x22\x60")),),
        topic=r"\bclass\s*names?\b",
    ),
    Construct(
        "no-class-components",
        "style",
        r"\bclass\s+components\b",
        (_code(regex(_JS, r"\bclass\s+\w+\s+extends\s+(?:React\.)?(?:Pure)?Component\b")),),
        required=r"\b(?:functional|function)\s+components\b",
    ),
    Construct(
        "no-emoji",
        "style",
        r"\bemojis?\b",
        (regex(CODE_GLOBS, _EMOJI),),
    ),
    Construct(
        "structured-logs",
        "style",
        r"\bstring\s+(?:interpolation|formatting|concatenation)\b[^.;]*\b(?:logs?|logging|tracing|messages?)\b"
        r"|\b(?:logs?|logging|tracing)\b[^.;]*\bstring\s+(?:interpolation|formatting|concatenation)\b"
        r"|\bf-strings?\s+in\s+(?:log|logging)",
        (
            _code(regex(_RS, r"\b(?:trace|debug|info|warn|error)!\(.*\x22[^\x22]*\{[^}\x22]*\}")),
            _code(
                regex(
                    _PY,
                    r"\blog(?:ger|ging)?\.(?:debug|info|warning|warn|error|exception|critical)\(\s*f[\x22\x27]",
                )
            ),
            _code(regex(_JS, r"\b(?:log|logger)\.\w+\(\s*`[^`]*\$\{")),
            _code(regex(_GO, r"\b(?:log|logger|slog)\.\w+\(\s*fmt\.Sprintf\(")),
        ),
        required=r"\bstructured\s+(?:fields|logging|logs|log\s+fields)\b",
    ),
    Construct(
        "no-single-letter-names",
        "style",
        r"\bsingle[- ](?:letter|character|char)\s+(?:variable\s+)?(?:names?|variables?|identifiers?)\b"
        r"|\bone[- ]letter\s+(?:variable\s+)?(?:names?|variables?)\b",
        (
            _code(regex(_PY, r"^\s*[A-Za-z]\s*(?::[^=]+)?=(?!=)|^\s*(?:def|class)\s+[A-Za-z]\b")),
            _code(regex(_JS, r"\b(?:const|let|var)\s+[A-Za-z]\s*[=:;]|\bfunction\s+[A-Za-z]\s*\(")),
            _code(
                regex(
                    _GO,
                    r"^(?!\s*for\b)\s*(?:var\s+)?[A-Za-z]\s*(?::=|\s+[\w.\[\]*]+\s*=)|\bfunc\s+[A-Za-z]\s*\(",
                )
            ),
            _code(regex(_RS, r"\blet\s+(?:mut\s+)?[a-z]\s*[:=]|\bfn\s+[a-z]\s*[(<]")),
            _code(
                regex(
                    _JVM,
                    r"^(?!.*\bfor\s*\().*\b(?:int|long|short|byte|char|float|double|bool|boolean|String|"
                    r"var|val)\s+[A-Za-z]\s*[=;]",
                )
            ),
        ),
        note="a one-letter name is caught where it is declared (loop counters in 'for' lines are allowed)",
    ),
    Construct(
        "inline-format-args",
        "style",
        r"\buninlined[_ ]format[_ ]args\b",
        (
            _code(
                regex(
                    _RS,
                    r"\b(?:format|print|println|eprint|eprintln|write|writeln|panic|format_args|bail|anyhow)!"
                    r"\((?:[^\x22]*,\s*)?\x22[^\x22]*\{\}[^\x22]*\x22\s*,\s*[A-Za-z_][A-Za-z0-9_]*\s*\)",
                )
            ),
        ),
        required=r"\binlin\w*\b[^.;]*\b(?:format!?|args|arguments|variables)\b|\bformat![^.;]*\binlin\w*",
    ),
    Construct(
        "no-weakened-gates",
        "tests-required",
        r"\b(?:weaken\w*|lower\w*|reduc\w*|loosen\w*|relax\w*|decreas\w*|disabl\w*|bypass\w*)\s+(?:\w+\s+){0,3}?"
        r"(?:gates?|thresholds?|coverage|minimums?|quality\s+bars?)\b",
        (
            _removed(
                regex(
                    _GATE_FILES,
                    r"(?i)\b(?:fail[_-]?under|cov(?:erage)?[_-]?(?:fail[_-]?under|threshold|min\w*)|"
                    r"min(?:imum)?[_-]?coverage|thresholds?|branches|lines|statements|functions)\b\W{0,4}\d",
                )
            ),
            regex(
                _GATE_FILES,
                r"(?i)\bcontinue-on-error:\s*true\b|\ballow_failure:\s*true\b|\|\|\s*true\s*$|--no-verify\b",
            ),
        ),
        note="a changed or removed threshold line and an ignored CI failure are reported (raising a "
        "threshold is reported too)",
        scoped=False,
    ),
    Construct(
        "no-redundant-closures",
        "style",
        r"\bredundant[_ ]closures?\b",
        (_code(regex(_RS, r"\|(\w+)\|\s*[\w:.]+\(\s*\1\s*\)")),),
        required=r"\bmethod\s+references?\s+(?:over|instead\s+of|rather\s+than)\s+closures\b"
        r"|\bredundant_closure",
    ),
    Construct(
        "no-public-access",
        "other-checkable",
        r"\bpublic(?:ly)?\s+(?:access\w*|internet|read\w*|ips?|exposure)\b"
        r"|\bexpos\w*\b[^.;]{0,30}\b(?:to\s+)?(?:the\s+)?(?:public|internet)\b",
        (
            regex(
                _IAC,
                r"(?i)\bpublicly_?accessible\W{1,4}true\b"
                r"|\b(?:block_?public_?(?:acls|policy)|restrict_?public_?buckets|ignore_?public_?acls)\W{1,4}false\b"
                r"|\bpublic-read(?:-write)?\b|\bAccessControl\W{1,4}PublicRead"
                r"|\b(?:map_public_ip_on_launch|associate_public_ip_address)\W{1,4}true\b",
            ),
        ),
        required=r"\bblock\s+(?:all\s+)?public\s+access\b|\bprivate\s+(?:subnets?|access)\b",
    ),
    Construct(
        "no-open-ingress",
        "other-checkable",
        r"0\.0\.0\.0/0|\bopen\s+(?:ingress|ports?)\b|\b(?:ingress|inbound)\s+from\s+(?:anywhere|everywhere)\b",
        (regex(_IAC, r"(?<![\d.])0\.0\.0\.0/0\b|[\x22\x27\s\[]::/0\b"),),
        required=r"\bminimi[sz]e\s+open\s+ports\b|\brestrict\w*\s+(?:ingress|inbound)\b",
    ),
    Construct(
        "no-unencrypted-storage",
        "other-checkable",
        r"\bunencrypted\b|\b(?:disabl\w+|turn\w*\s+off|without)\s+(?:\w+\s+){0,2}encryption\b",
        (
            regex(
                _IAC,
                r"(?i)\b(?:storage_?)?encrypted\W{1,4}false\b|\bsse_?enabled\W{1,4}false\b"
                r"|\bencryption\W{1,4}(?:false|none|disabled)\b",
            ),
        ),
        required=r"\b(?:enable|enabled|require|required|ensure)\s+(?:\w+\s+){0,2}encryption\b"
        r"|\b(?:always|must)\s+(?:be\s+)?encrypt\w*\b[^.;]{0,30}\b(?:rds|ebs|s3|buckets?|volumes?|disks?|"
        r"databases?|storage|tables?)\b",
    ),
    Construct(
        "no-wildcard-iam",
        "other-checkable",
        r"\bwildcard\s+(?:iam\s+)?(?:permissions?|actions?|policies|polic(?:y|ies))\b|\b(?:iam|action)\b[^.;]*`?\*`?",
        (
            regex(
                _IAC,
                r"(?i)\b(?:actions?|NotAction)\W{1,6}\*[\x22\x27]",
            ),
        ),
        required=r"\bleast[- ]privilege\b",
        note="least privilege is read as no wildcard '*' action in an IAM policy",
    ),
)

_REMOVE = r"\b(?:strip|remove|delete|clean\s+up|get\s+rid\s+of)\b"
_IN_TESTS = (
    r"\b(?:in|from|inside|within)\s+(?:a\s+|the\s+|any\s+|your\s+)?(?:tests?|specs?|test\s+(?:code|files?))\b"
)


def _extensions(globs: Sequence[str]) -> set[str]:
    """The file extensions globs name (``**/*.{ts,tsx}`` -> ``{"ts", "tsx"}``)."""
    out: set[str] = set()
    for g in globs:
        m = re.search(r"\.(?:\{([\w,.]+)\}|(\w+))$", g)
        if m is not None:
            out.update((m.group(1) or m.group(2)).split(","))
    return out


def _named(clause: Clause) -> list[Construct]:
    """The constructs the clause bans, or whose opposite it requires (named in prose or in code)."""
    forbids = clause.negative or has(_REMOVE, clause.words)
    sentence = clause.sentence
    around = " ".join([sentence.text, sentence.previous or "", sentence.context or ""])
    out: list[Construct] = []
    for construct in CONSTRUCTS:
        if construct.topic is not None and not has(construct.topic, around):
            continue
        if (forbids and has(construct.words, clause.words)) or (
            construct.required is not None and has(construct.required, clause.words)
        ):
            out.append(construct)
    return out


def named_constructs(clause: Clause, env: Env) -> Reading | None:
    constructs = _named(clause)
    if not constructs:
        return None
    if constructs[0].slug == "no-comments" and clause.exception:
        return Reading(
            constructs[0].category,
            reason="comments are allowed in some cases it leaves to judgement",
            shape="named-code",
        )
    drafts = [_draft(construct, clause, env) for construct in constructs]
    notes = [c.note for c in constructs if c.note]
    return Reading(constructs[0].category, tuple(drafts), shape="named-code", note="; ".join(notes) or None)


def _draft(construct: Construct, clause: Clause, env: Env) -> Draft:
    """Line rules for one construct, on the files the sentence narrows it to."""
    parts = construct.parts
    statements: list[Statement] = []
    scoped = paths_in(clause.prose, clause.codes) if construct.scoped else []
    tests_only = construct.slug == "no-env-mutation" or (
        has(_IN_TESTS, clause.words) and construct.slug != "no-todo"
    )
    texts = [clause.prose, clause.sentence.context or ""]
    languages = language_globs(texts) or env.agent_globs
    languages = tuple(g for g in languages if g not in construct.not_in)
    wanted = _extensions(languages)
    if wanted and len(parts) > 1 and any(_extensions(p.globs) & wanted for p in parts):
        parts = tuple(p for p in parts if _extensions(p.globs) & wanted)
    logs_only = construct.slug == "no-emoji" and has(
        r"\b(?:logs?|logging|tracing|log\s+messages)\b", clause.words
    )
    for part in parts:
        where = part.condition
        globs = part.globs
        if logs_only:
            where = Compare("text", "matches", f"{_LOG_CALL}.*{_EMOJI}")
        if globs == CODE_GLOBS and languages:
            globs = languages
        if scoped:
            statements.append(Forbid(part.change, Selector("line", tuple(scoped), where)))
            break
        if has(r"\bworkflow\s+files?\b", clause.words):
            statements.append(Forbid(part.change, Selector("line", (".github/workflows/**",), where)))
            break
        if tests_only:
            in_tests = And((Compare("path", "~", env.vocabulary.test_glob), where))
            statements.append(Forbid(part.change, Selector("line", globs, in_tests)))
            continue
        statements.append(Forbid(part.change, Selector("line", globs, where)))
    heuristic = construct.note is not None or construct.required is not None
    return Draft(
        construct.slug,
        tuple(dict.fromkeys(statements)),
        "warning" if heuristic else clause.severity,
        "'{name}' adds what this agent may not leave in code",
    )


SHAPES = (
    Shape(
        "named-code",
        "well-known constructs named in words: TODOs, debug logs, empty catch blocks, SQL built by "
        "interpolation, public or unencrypted cloud resources, one-letter names",
        named_constructs,
        (
            Example(
                "No TODOs anywhere in new or modified Go code",
                'forbid added line in "**/*.go" where text ~ "*TODO*" or text ~ "*FIXME*"',
            ),
            Example(
                "Never disable linting in Python code.",
                'forbid added line in "**/*.py" where text ~ "{*# noqa*,*type: ignore*,*pylint: disable*}"',
            ),
            Example(
                "No swallowed exceptions in Python.",
                r'forbid added line in "**/*.py" where text matches '
                r'"^\\s*except\\b[^:]*:\\s*(?:pass|\\.\\.\\.)\\s*(?:#.*)?$" and comment == false',
            ),
            Example(
                "**Encryption**: Enable encryption at rest for every database and bucket.",
                'forbid added line in "**/*.{tf,tfvars,hcl,yml,yaml,json,template}", '
                '"**/*.{ts,js,py,java,cs,go}" where text matches '
                r'"(?i)\\b(?:storage_?)?encrypted\\W{1,4}false\\b|\\bsse_?enabled\\W{1,4}false\\b'
                r'|\\bencryption\\W{1,4}(?:false|none|disabled)\\b"',
            ),
            Example(
                "No empty catch blocks in TypeScript.",
                (
                    "forbid added line in "
                    '"**/*.{go,rs,ts,tsx,js,jsx,mjs,cjs,java,kt,cs,swift,c,h,cc,cpp,hpp,scala,dart,php}" '
                    r'where text matches "\\bcatch\\s*(?:\\([^()]*\\))?\\s*\\{\\s*\\}" and comment == '
                    "false\n"
                    'forbid added line in "**/*.{js,jsx,ts,tsx,mjs,cjs,vue,svelte}" where text matches '
                    r'"\\.catch\\(\\s*(?:\\(\\s*\\w*\\s*\\)|\\w+)\\s*=>\\s*(?:\\{\\s*\\}|undefined|null)'
                    r'\\s*\\)" '
                    "and comment == false"
                ),
                changes=(
                    ExampleFile(
                        "src/api.ts",
                        "export async function load(url: string) {\n  try {\n    return await fetch(url);\n"
                        "  } catch (e) {}\n}\n\nexport function parse(text: string) {\n  try {\n"
                        "    return JSON.parse(text);\n  } catch (error) {\n"
                        "    throw new Error(`bad: ${error}`);\n  }\n}\n// never write } catch (e) {} here\n",
                        (4,),
                    ),
                ),
            ),
            Example(
                "Never build SQL queries by string interpolation.",
                (
                    "forbid added line in "
                    '"**/*.{py,go,rs,ts,tsx,js,jsx,mjs,cjs,java,kt,cs,rb,php,swift,c,h,cc,cpp,hpp,vue,sve'
                    'lte,scala,dart}" '
                    "where text matches "
                    r'"(?i)[\\x22\\x27\\x60]\\s*(?:select\\s.*?\\bfrom|insert\\s+into|update\\s+\\w+\\s+se'
                    r"t|delete\\s+from)\\b.*?(?:\\{[^}]*\\}|\\$\\{|[\\x22\\x27\\x60]\\s*(?:\\+|%\\s*[\\w(]"
                    r")|\\+\\s*[\\x22\\x27\\x60])|\\bSprintf\\(\\s*[\\x22\\x60]\\s*(?i:select|insert|updat"
                    r'e|delete)\\b" '
                    "and comment == false"
                ),
                changes=(
                    ExampleFile(
                        "app/users.py",
                        "def find(db, name):\n"
                        "    return db.execute(f\"SELECT * FROM users WHERE name = '{name}'\")\n\n\n"
                        "def find_safe(db, name):\n"
                        '    return db.execute("SELECT * FROM users WHERE name = %s", (name,))\n',
                        (2,),
                    ),
                ),
            ),
            Example(
                "**RDS**: Never expose a database to the public internet.",
                (
                    'forbid added line in "**/*.{tf,tfvars,hcl,yml,yaml,json,template}", '
                    '"**/*.{ts,js,py,java,cs,go}" where text matches '
                    r'"(?i)\\bpublicly_?accessible\\W{1,4}true\\b|\\b(?:block_?public_?(?:acls|policy)|res'
                    r"trict_?public_?buckets|ignore_?public_?acls)\\W{1,4}false\\b|\\bpublic-read(?:-write"
                    r")?\\b|\\bAccessControl\\W{1,4}PublicRead|\\b(?:map_public_ip_on_launch|associate_pub"
                    r'lic_ip_address)\\W{1,4}true\\b"'
                ),
                changes=(
                    ExampleFile(
                        "infra/db.tf",
                        'resource "aws_db_instance" "main" {\n  engine              = "postgres"\n'
                        "  publicly_accessible = true\n}\n\n"
                        'resource "aws_db_instance" "replica" {\n  publicly_accessible = false\n}\n',
                        (3,),
                    ),
                ),
            ),
            Example(
                "**Security groups**: avoid 0.0.0.0/0 inbound except for the load balancer.",
                (
                    'forbid added line in "**/*.{tf,tfvars,hcl,yml,yaml,json,template}", '
                    '"**/*.{ts,js,py,java,cs,go}" where text matches '
                    r'"(?<![\\d.])0\\.0\\.0\\.0/0\\b|[\\x22\\x27\\s\\[]::/0\\b"'
                ),
                changes=(
                    ExampleFile(
                        "infra/network.tf",
                        'resource "aws_security_group_rule" "ssh" {\n  type        = "ingress"\n'
                        '  cidr_blocks = ["0.0.0.0/0"]\n}\n\n'
                        'resource "aws_security_group_rule" "app" {\n  cidr_blocks = ["10.0.0.0/16"]\n}\n',
                        (3,),
                    ),
                ),
            ),
            Example(
                "**IAM**: least privilege for every role.",
                (
                    'forbid added line in "**/*.{tf,tfvars,hcl,yml,yaml,json,template}", '
                    '"**/*.{ts,js,py,java,cs,go}" where text matches '
                    r'"(?i)\\b(?:actions?|NotAction)\\W{1,6}\\*[\\x22\\x27]"'
                ),
                changes=(
                    ExampleFile(
                        "infra/policy.json",
                        '{\n  "Statement": [\n    {"Effect": "Allow", "Action": "*", "Resource": "*"},\n'
                        '    {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}\n  ]\n}\n',
                        (3,),
                    ),
                ),
            ),
            Example(
                "**Encryption**: Enable encryption at rest for every database and bucket.",
                (
                    'forbid added line in "**/*.{tf,tfvars,hcl,yml,yaml,json,template}", '
                    '"**/*.{ts,js,py,java,cs,go}" where text matches '
                    r'"(?i)\\b(?:storage_?)?encrypted\\W{1,4}false\\b|\\bsse_?enabled\\W{1,4}false\\b|\\be'
                    r'ncryption\\W{1,4}(?:false|none|disabled)\\b"'
                ),
                changes=(
                    ExampleFile(
                        "template.yml",
                        "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
                        "      StorageEncrypted: false\n  Cache:\n    Type: AWS::RDS::DBInstance\n"
                        "    Properties:\n      StorageEncrypted: true\n",
                        (5,),
                    ),
                ),
            ),
            Example(
                "Avoid single-letter names outside of trivial loop counters.",
                (
                    'forbid added line in "**/*.py" where text matches '
                    r'"^\\s*[A-Za-z]\\s*(?::[^=]+)?=(?!=)|^\\s*(?:def|class)\\s+[A-Za-z]\\b" and comment '
                    "== false"
                ),
                context="In Python code:",
                changes=(
                    ExampleFile(
                        "geometry/area.py",
                        "def area(width, height):\n    a = width * height\n    total = 0\n"
                        "    for i in range(3):\n        total += a + i\n    return total\n",
                        (2,),
                    ),
                ),
            ),
            Example(
                "ALWAYS prefer structured fields over string interpolation in Rust log messages.",
                (
                    'forbid added line in "**/*.rs" where text matches '
                    r'"\\b(?:trace|debug|info|warn|error)!\\(.*\\x22[^\\x22]*\\{[^}\\x22]*\\}" and '
                    "comment == false"
                ),
                changes=(
                    ExampleFile(
                        "src/users.rs",
                        "fn report(user: &str) {\n"
                        '    tracing::warn!("failed to upsert user {}", user);\n'
                        '    tracing::warn!(user = %user, "failed to upsert user");\n}\n',
                        (2,),
                    ),
                ),
            ),
            Example(
                "Always inline format! args when possible.",
                (
                    'forbid added line in "**/*.rs" where text matches '
                    r'"\\b(?:format|print|println|eprint|eprintln|write|writeln|panic|format_args|bail|any'
                    r"how)!\\((?:[^\\x22]*,\\s*)?\\x22[^\\x22]*\\{\\}[^\\x22]*\\x22\\s*,\\s*[A-Za-z_][A-Za"
                    r'-z0-9_]*\\s*\\)" '
                    "and comment == false"
                ),
                changes=(
                    ExampleFile(
                        "src/greet.rs",
                        "fn greet(name: &str) -> String {\n"
                        '    let first = format!("hello {}", name);\n'
                        '    format!("{first} and hello {name}")\n}\n',
                        (2,),
                    ),
                ),
            ),
            Example(
                "No emoji in JavaScript log messages.",
                (
                    'forbid added line in "**/*.{js,jsx,mjs,cjs,vue,svelte}" where text matches '
                    r'"(?:\\b(?:log|logger|logging|console|slog|zap|tracing)\\.\\w+\\(|\\b(?:trace|debug|i'
                    r"nfo|warn|error)!\\(|\\bprint(?:ln)?!?\\().*[\\U0001F300-\\U0001FAFF\\u2600-\\u27BF"
                    r'\\u2B50\\u2B55]"'
                ),
                changes=(
                    ExampleFile(
                        "src/build.js",
                        'console.log("build done \u2705");\nconsole.log("build done");\n'
                        'const label = "\u2705";\n',
                        (1,),
                    ),
                ),
            ),
            Example(
                "Never weaken a coverage threshold to make the tests pass.",
                (
                    "forbid removed line in "
                    '"**/{pyproject.toml,setup.cfg,tox.ini,.coveragerc,pytest.ini,codecov.yml,.codecov.ym'
                    'l,package.json}", '
                    '"**/{jest,vitest,karma,playwright}.config.*", "**/.nycrc*", ".github/workflows/**", '
                    '"**/.gitlab-ci.yml", "**/{Makefile,justfile,Justfile}" where text matches '
                    r'"(?i)\\b(?:fail[_-]?under|cov(?:erage)?[_-]?(?:fail[_-]?under|threshold|min\\w*)|min'
                    r"(?:imum)?[_-]?coverage|thresholds?|branches|lines|statements|functions)\\b\\W{0,4}"
                    '\\\\d"\n'
                    "forbid added line in "
                    '"**/{pyproject.toml,setup.cfg,tox.ini,.coveragerc,pytest.ini,codecov.yml,.codecov.ym'
                    'l,package.json}", '
                    '"**/{jest,vitest,karma,playwright}.config.*", "**/.nycrc*", ".github/workflows/**", '
                    '"**/.gitlab-ci.yml", "**/{Makefile,justfile,Justfile}" where text matches '
                    r'"(?i)\\bcontinue-on-error:\\s*true\\b|\\ballow_failure:\\s*true\\b|\\|\\|\\s*true\\s'
                    r'*$|--no-verify\\b"'
                ),
                changes=(
                    ExampleFile(
                        "pyproject.toml",
                        "[tool.coverage.report]\nfail_under = 80\nshow_missing = true\n",
                        (2,),
                        before="[tool.coverage.report]\nfail_under = 90\nshow_missing = false\n",
                    ),
                ),
            ),
            Example(
                "Never use template literals in `className`; use `cn()` instead.",
                (
                    'forbid added line in "**/*.{js,jsx,ts,tsx,mjs,cjs,vue,svelte}" where text matches '
                    r'"\\bclass(?:Name)?=\\{\\s*\\x60|:class=\\x22\\x60" and comment == false'
                ),
                changes=(
                    ExampleFile(
                        "src/Button.tsx",
                        "export const Button = ({ on }: { on: boolean }) => (\n"
                        "  <button className={`btn ${on ? 'on' : ''}`} />\n);\n"
                        'export const Plain = () => <button className={cn("btn")} />;\n',
                        (2,),
                    ),
                ),
            ),
            Example(
                "Never hit real external services in tests.",
                (
                    "forbid added line in "
                    '"**/*.{py,go,rs,ts,tsx,js,jsx,mjs,cjs,java,kt,cs,rb,php,swift,c,h,cc,cpp,hpp,vue,sve'
                    'lte,scala,dart}" '
                    'where path ~ "{tests/**,**/test_*.py}" and (text matches '
                    r'"(?i)\\b(?:fetch|axios(?:\\.\\w+)?|requests\\.\\w+|httpx\\.\\w+|urlopen|http\\.(?:Ge'
                    r"t|Post)|got|reqwest::\\w+|Client::new\\(\\)\\.\\w+)\\s*\\(\\s*[\\x22\\x27\\x60]https"
                    r"?://(?!localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|\\[::1\\]|[\\w.-]*\\.(?:test|example|"
                    r'invalid|local)\\b|example\\.(?:com|org|net)\\b)" '
                    "and comment == false)"
                ),
                changes=(
                    ExampleFile(
                        "tests/test_rates.py",
                        "import requests\n\n\ndef test_rates():\n"
                        '    assert requests.get("https://api.rates.io/v1/eur").ok\n'
                        '    assert requests.get("http://localhost:8080/health").ok\n',
                        (5,),
                    ),
                    ExampleFile(
                        "app/rates.py", 'import requests\n\nURL = requests.get("https://api.rates.io/v1")\n'
                    ),
                ),
            ),
            Example(
                "Use method references over closures when possible.",
                (
                    'forbid added line in "**/*.rs" where text matches '
                    r'"\\|(\\w+)\\|\\s*[\\w:.]+\\(\\s*\\1\\s*\\)" and comment == false'
                ),
                changes=(
                    ExampleFile(
                        "src/names.rs",
                        "fn names(v: &[String]) -> Vec<usize> {\n"
                        "    let a: Vec<usize> = v.iter().map(|s| count(s)).collect();\n"
                        "    v.iter().map(count).collect()\n}\n",
                        (2,),
                    ),
                ),
            ),
            Example("Keep TODO lists in the tracker", None),
            Example("Explain why an empty catch block would hide failures.", None),
        ),
    ),
)
