"""Constructs named in words rather than in backticks ("no TODOs", "no empty catch blocks", "never expose
an RDS instance to the public internet"), as line rules on the files they belong to.

A sentence names a construct by the words that name it, or by words that *require* its opposite
("always inline format args", "enable encryption at rest": the construct is then what breaks the
rule). The constructs are listed in ``code_constructs`` and ``cloud_constructs``; this module reads a
clause for them and narrows each to the languages, paths and test files the sentence names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from scopeguard.agents.clauses import Clause
from scopeguard.agents.files import CODE_GLOBS
from scopeguard.agents.lexicon import CODE_SPAN
from scopeguard.agents.readings import Draft, Env, Example, ExampleFile, Reading, Shape, has
from scopeguard.agents.scoping import Scope, narrowed, scope_of
from scopeguard.agents.shapes.cloud_constructs import CLOUD_CONSTRUCTS
from scopeguard.agents.shapes.code_constructs import CODE_CONSTRUCTS
from scopeguard.agents.shapes.construct_kinds import EMOJI, LOG_CALL, Construct
from scopeguard.policy.ast import Compare, Forbid, Statement

#: every construct, in the order their categories take precedence
CONSTRUCTS: tuple[Construct, ...] = (*CODE_CONSTRUCTS, *CLOUD_CONSTRUCTS)


_REMOVE = r"\b(?:strip|remove|delete|clean\s+up|get\s+rid\s+of)\b"


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
    # a bare word in backticks is a word of the sentence ("inline `style`" names inline styles)
    words = CODE_SPAN.sub(
        lambda m: m.group(2).lower() if re.fullmatch(r"[a-z]{2,12}", m.group(2)) else "`code`", clause.prose
    ).lower()
    out: list[Construct] = []
    for construct in CONSTRUCTS:
        if construct.topic is not None and not has(construct.topic, around):
            continue
        if (forbids and has(construct.words, words)) or (
            construct.required is not None and has(construct.required, words)
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
    """Line rules for one construct, on the files the sentence, its lead-in and headings narrow it to."""
    parts = construct.parts
    scope = scope_of(clause, env) if construct.scoped else Scope()
    if construct.slug == "no-env-mutation":
        scope = replace(scope, tests=True)
    elif construct.slug == "no-todo" or (scope.tests is None and construct.spare_tests):
        scope = replace(scope, tests=False if construct.spare_tests else None)
    workflows = has(r"\bworkflow\s+files?\b", clause.words)
    if workflows:
        scope = Scope()
    languages = tuple(g for g in scope.languages if g not in construct.not_in)
    wanted = _extensions(languages)
    if wanted and len(parts) > 1 and any(_extensions(p.globs) & wanted for p in parts):
        parts = tuple(p for p in parts if _extensions(p.globs) & wanted)
    logs_only = construct.slug == "no-emoji" and has(
        r"\b(?:logs?|logging|tracing|log\s+messages)\b", clause.words
    )
    statements: list[Statement] = []
    for part in parts:
        where = Compare("text", "matches", f"{LOG_CALL}.*{EMOJI}") if logs_only else part.condition
        globs = languages if part.globs == CODE_GLOBS and languages else part.globs
        if workflows:
            globs = (".github/workflows/**",)
        statements.append(Forbid(part.change, narrowed("line", globs, where, scope, env)))
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
                    'where path ~ "{tests/**,**/test_*.py}" and text matches '
                    r'"(?i)\\b(?:fetch|axios(?:\\.\\w+)?|requests\\.\\w+|httpx\\.\\w+|urlopen|http\\.(?:Ge'
                    r"t|Post)|got|reqwest::\\w+|Client::new\\(\\)\\.\\w+)\\s*\\(\\s*[\\x22\\x27\\x60]https"
                    r"?://(?!localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|\\[::1\\]|[\\w.-]*\\.(?:test|example|"
                    r'invalid|local)\\b|example\\.(?:com|org|net)\\b)" '
                    "and comment == false"
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
            # a document named as where the conventions are written is not where the rule applies
            Example(
                "No inline styles in components (see `STYLEGUIDE.md` for the conventions).",
                'forbid added line in "**/*.{js,jsx,ts,tsx,mjs,cjs,vue,svelte}", "**/*.html" where '
                'text ~ "*style={*" or text ~ "*style=\\"*"',
                changes=(
                    ExampleFile(
                        "src/Card.tsx", "export const Card = () => <div style={{ margin: 4 }} />;\n", (1,)
                    ),
                    ExampleFile("docs/STYLEGUIDE.md", "Do not write style={{ margin: 4 }} in components.\n"),
                ),
            ),
            # an attribute named in backticks is the construct named in words ("inline `style`")
            Example(
                "Prefer utility classes; avoid inline `style` props.",
                'forbid added line in "**/*.{js,jsx,ts,tsx,mjs,cjs,vue,svelte}", "**/*.html" where '
                'text ~ "*style={*" or text ~ "*style=\\"*"',
                changes=(
                    ExampleFile(
                        "src/Badge.tsx",
                        "import styles from './Badge.module.css';\n"
                        "export const Badge = () =>\n"
                        "  <span style={{ color: 'red' }} className={styles.badge} />;\n",
                        (3,),
                    ),
                ),
            ),
            Example(
                "Never hardcode hex colours in components.",
                'forbid added line in "**/*.{js,jsx,ts,tsx,mjs,cjs,vue,svelte}" where text matches '
                r'"(?<![\\w&#.$])#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})(?![\\w-])|\\brgba?\\(\\s*\\d'
                r'|\\bhsla?\\(\\s*\\d" and comment == false',
                changes=(
                    ExampleFile(
                        "src/theme.ts",
                        "export const danger = '#ff0000';\nexport const shade = 'rgba(0, 0, 0, 0.5)';\n"
                        "export const ink = tokens.ink;\nclass Cache { #cache = new Map(); }\n"
                        "const anchor = '#section-2';\n",
                        (1, 2),
                    ),
                ),
            ),
            Example(
                "Never add comments to code.",
                'forbid added line in "**/*.{go,rs,ts,tsx,js,jsx,mjs,cjs,java,kt,cs,swift,c,h,cc,cpp,hpp,'
                'scala,dart,php}" where comment == true or text matches '
                r'"[;){}\\w\\x22\\x27]\\s+//\\s"'
                '\nforbid added line in "**/*.{py,rb,sh}" where comment == true or text matches '
                r'"[)\\]}\\w\\x22\\x27]\\s+#\\s"',
                changes=(
                    ExampleFile(
                        "src/paths.ts",
                        "// the sources\nconst glob = 'src/**/*.ts';\nconst url = 'https://example.com/a';\n"
                        "const limit = 3; // at most three\n",
                        (1, 4),
                    ),
                ),
            ),
            # tests unwrap as a matter of course: the rule spares them unless it is about tests
            Example(
                "Never unwrap in library code.",
                'forbid added line in "**/*.rs" where not path ~ "{tests/**,**/test_*.py}" and '
                '(text ~ "*.unwrap()*" or text ~ "*.expect(*")',
                changes=(
                    ExampleFile("src/lib.rs", "pub fn port() -> u16 {\n    env_port().unwrap()\n}\n", (2,)),
                    ExampleFile(
                        "tests/port.rs", "#[test]\nfn port() {\n    assert_eq!(env_port().unwrap(), 80);\n}\n"
                    ),
                ),
            ),
            Example("Explain why an empty catch block would hide failures.", None),
        ),
    ),
)
