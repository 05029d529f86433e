"""Constructs of code named in words: TODOs, debug logs, empty catch blocks, SQL built by interpolation,
one-letter names, log messages built by interpolation, weakened test gates, and the like."""

from __future__ import annotations

from scopeguard.agents.files import CODE_GLOBS
from scopeguard.agents.shapes.construct_kinds import (
    C_LIKE,
    EMOJI,
    GATE_FILES,
    GO,
    JS,
    JVM,
    PY,
    RS,
    Construct,
    Part,
    code,
    glob,
    regex,
    removed,
)
from scopeguard.policy.ast import Compare, Or

CODE_CONSTRUCTS: tuple[Construct, ...] = (
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
            glob(JS, "*console.log(*", "*console.debug(*", "*debugger;*"),
            glob(PY, "{print(*,*[!A-Za-z0-9_.]print(*}", "*breakpoint()*", "*pdb.set_trace()*"),
            glob(RS, "*dbg!(*", "*println!(*"),
            glob(GO, "*fmt.Println(*", "*fmt.Printf(*"),
            glob(("**/*.{java,kt}",), "*System.out.println(*", "*printStackTrace()*"),
        ),
        note="print statements are read as debug output (a program that prints on purpose is reported too)",
    ),
    Construct(
        "no-unwrap",
        "other-checkable",
        r"\bunwrap\b|\.unwrap\(\)",
        (glob(RS, "*.unwrap()*", "*.expect(*"),),
        spare_tests=True,
    ),
    Construct(
        "no-absolute-paths",
        "other-checkable",
        r"\b(?:hard[- ]?cod\w*|local)\s+absolute\s+paths?\b|\babsolute\s+paths?\b",
        (glob((*CODE_GLOBS, "**/*.{yml,yaml,json,toml}"), "*/Users/*", "*/home/*", "*C:\\*", "*C:/*"),),
        spare_tests=True,
    ),
    Construct(
        "no-hardcoded-colors",
        "style",
        r"\bhard[- ]?cod\w*\s+(?:hex|rgb|colou?rs?)\b|\bhex/rgb\b|\bhex\s+colou?rs?\b",
        (
            code(
                regex(
                    JS,
                    r"(?<![\w&#.$])#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})(?![\w-])"
                    r"|\brgba?\(\s*\d|\bhsla?\(\s*\d",
                )
            ),
        ),
    ),
    Construct(
        "no-hardcoded-emails",
        "other-checkable",
        r"\bhard[- ]?cod\w*\s+e-?mails?\b",
        (glob(CODE_GLOBS, "*[A-Za-z0-9]@[A-Za-z0-9]*.[a-z][a-z]*"),),
        spare_tests=True,
    ),
    Construct(
        "no-commented-out-code",
        "other-checkable",
        r"\bcommented[- ]out\s+(?:code|lines|blocks?|statements)\b",
        (
            regex(
                C_LIKE,
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
            Part(
                ("**/*.{go,rs,ts,tsx,js,jsx,mjs,cjs,java,kt,cs,swift,c,h,cc,cpp,hpp,scala,dart,php}",),
                Or((Compare("comment", "==", True), Compare("text", "matches", r"[;){}\w\x22\x27]\s+//\s"))),
            ),
            Part(
                ("**/*.{py,rb,sh}",),
                Or((Compare("comment", "==", True), Compare("text", "matches", r"[)\]}\w\x22\x27]\s+#\s"))),
            ),
        ),
        note="a comment is a line that is one, or code followed by a ' // ' or ' # ' comment",
    ),
    Construct(
        "no-env-mutation",
        "tests-required",
        r"\bmutat\w*\s+(?:the\s+)?(?:process\s+)?environment\b"
        r"|\b(?:set|change|modify)\w*\s+environment\s+variables\b",
        (
            glob(RS, "*env::set_var(*", "*env::remove_var(*"),
            glob(PY, "*os.environ[[]*=*", "*os.putenv(*", "*monkeypatch.setenv(*"),
            glob(GO, "*os.Setenv(*"),
            glob(JS, "*process.env.*=*"),
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
            glob(JS, "*eslint-disable*", "*@ts-ignore*", "*@ts-nocheck*"),
            glob(PY, "*# noqa*", "*type: ignore*", "*pylint: disable*"),
            glob(RS, "*#[[]allow(*"),
            glob(GO, "*//nolint*"),
            glob(("**/*.{java,kt}",), "*@SuppressWarnings*"),
        ),
    ),
    Construct(
        "no-inline-styles",
        "style",
        r"\binline\s+styles?\b|\bnever\s+inline\W*$",
        (glob((*JS, "**/*.html"), "*style={*", '*style="*'),),
        topic=r"\b(?:styles?|styling|colou?rs?|spacing|layout|css|tailwind)\b",
    ),
    Construct(
        "no-network-in-tests",
        "tests-required",
        r"\b(?:hit|call|calls|reach|contact|use|depend\s+on)\s+(?:the\s+)?(?:real|live|external|production)\s+"
        r"(?:external\s+|third-party\s+)?(?:services?|apis?|endpoints?|servers?|network)\b"
        r"|\b(?:real\s+)?network\s+(?:calls?|access|requests?)\b",
        (
            code(
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
            code(regex(C_LIKE, r"\bcatch\s*(?:\([^()]*\))?\s*\{\s*\}")),
            code(regex(JS, r"\.catch\(\s*(?:\(\s*\w*\s*\)|\w+)\s*=>\s*(?:\{\s*\}|undefined|null)\s*\)")),
            code(regex(PY, r"^\s*except\b[^:]*:\s*(?:pass|\.\.\.)\s*(?:#.*)?$")),
            code(regex(GO, r"\bif\s+err\s*!=\s*nil\s*\{\s*\}")),
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
            code(
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
        (code(regex(JS, r"\bclass(?:Name)?=\{\s*\x60|:class=\x22\x60")),),
        topic=r"\bclass\s*names?\b",
    ),
    Construct(
        "no-class-components",
        "style",
        r"\bclass\s+components\b",
        (code(regex(JS, r"\bclass\s+\w+\s+extends\s+(?:React\.)?(?:Pure)?Component\b")),),
        required=r"\b(?:functional|function)\s+components\b",
    ),
    Construct(
        "no-emoji",
        "style",
        r"\bemojis?\b",
        (regex(CODE_GLOBS, EMOJI),),
    ),
    Construct(
        "structured-logs",
        "style",
        r"\bstring\s+(?:interpolation|formatting|concatenation)\b[^.;]*\b(?:logs?|logging|tracing|messages?)\b"
        r"|\b(?:logs?|logging|tracing)\b[^.;]*\bstring\s+(?:interpolation|formatting|concatenation)\b"
        r"|\bf-strings?\s+in\s+(?:log|logging)",
        (
            code(regex(RS, r"\b(?:trace|debug|info|warn|error)!\(.*\x22[^\x22]*\{[^}\x22]*\}")),
            code(
                regex(
                    PY,
                    r"\blog(?:ger|ging)?\.(?:debug|info|warning|warn|error|exception|critical)\(\s*f[\x22\x27]",
                )
            ),
            code(regex(JS, r"\b(?:log|logger)\.\w+\(\s*`[^`]*\$\{")),
            code(regex(GO, r"\b(?:log|logger|slog)\.\w+\(\s*fmt\.Sprintf\(")),
        ),
        required=r"\bstructured\s+(?:fields|logging|logs|log\s+fields)\b",
    ),
    Construct(
        "no-single-letter-names",
        "style",
        r"\bsingle[- ](?:letter|character|char)\s+(?:variable\s+)?(?:names?|variables?|identifiers?)\b"
        r"|\bone[- ]letter\s+(?:variable\s+)?(?:names?|variables?)\b",
        (
            code(regex(PY, r"^\s*[A-Za-z]\s*(?::[^=]+)?=(?!=)|^\s*(?:def|class)\s+[A-Za-z]\b")),
            code(regex(JS, r"\b(?:const|let|var)\s+[A-Za-z]\s*[=:;]|\bfunction\s+[A-Za-z]\s*\(")),
            code(
                regex(
                    GO,
                    r"^(?!\s*for\b)\s*(?:var\s+)?[A-Za-z]\s*(?::=|\s+[\w.\[\]*]+\s*=)|\bfunc\s+[A-Za-z]\s*\(",
                )
            ),
            code(regex(RS, r"\blet\s+(?:mut\s+)?[a-z]\s*[:=]|\bfn\s+[a-z]\s*[(<]")),
            code(
                regex(
                    JVM,
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
            code(
                regex(
                    RS,
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
            removed(
                regex(
                    GATE_FILES,
                    r"(?i)\b(?:fail[_-]?under|cov(?:erage)?[_-]?(?:fail[_-]?under|threshold|min\w*)|"
                    r"min(?:imum)?[_-]?coverage|thresholds?|branches|lines|statements|functions)\b\W{0,4}\d",
                )
            ),
            regex(
                GATE_FILES,
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
        (code(regex(RS, r"\|(\w+)\|\s*[\w:.]+\(\s*\1\s*\)")),),
        required=r"\bmethod\s+references?\s+(?:over|instead\s+of|rather\s+than)\s+closures\b"
        r"|\bredundant_closure",
    ),
)
