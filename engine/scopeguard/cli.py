"""The command line: parse arguments, call one use case, format, return the exit code.

Exit codes (DESIGN §3): 0 no finding at or above ``--fail-on``; 1 such findings; 2 the run could not
be done as asked (one clear message on stderr, never a traceback); 3 internal error.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from enum import IntEnum

from scopeguard import __version__
from scopeguard.core.errors import UserError, did_you_mean


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 3


FAIL_ON = ("error", "warning", "info", "never")
DIFF_FORMATS = ("text", "json", "sarif", "github", "junit")


class _UsageError(UserError):
    """A command line argparse rejects; its message starts with the command it is about."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so that one handler prints every usage error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}\n{self.format_usage().strip()}")

    def unrecognized(self, extra: Sequence[str]) -> None:
        """Arguments this command does not take, with the option it most likely meant."""
        options = [o for action in self._actions for o in action.option_strings if o.startswith("--")]
        first = next((e.split("=", 1)[0] for e in extra if e.startswith("-")), None)
        hint = did_you_mean(first, options) if first else None
        self.error(f"unrecognized arguments: {' '.join(extra)}" + (f"; {hint}" if hint else ""))


def _common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    # given before or after the command; a command's own default must not hide the top-level value
    parser.add_argument(
        "--repo",
        metavar="DIR",
        default=None if top else argparse.SUPPRESS,
        help="the repository to read (default: the one around the current directory)",
    )


def _change_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "range",
        nargs="?",
        metavar="RANGE",
        help="BASE..HEAD, BASE...HEAD (from the merge-base), or BASE (against the working tree); "
        "default: HEAD against the working tree",
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--staged", action="store_true", help="check the staged change (HEAD against the index)"
    )
    group.add_argument(
        "--patch", metavar="FILE", help="check a unified diff (FILE, or - for stdin) applied in memory"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="scopeguard",
        description="Check a git change against the rules of AI agent files and policies.",
    )
    parser.add_argument("--version", action="version", version=f"scopeguard {__version__}")
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    parser.set_defaults(commands=sub.choices)

    diff = sub.add_parser("diff", help="check a change against the policies or an agent's rules")
    _common(diff)
    _change_arguments(diff)
    diff.add_argument("--agent", metavar="NAME", help="check against this agent's rules")
    diff.add_argument(
        "--policy",
        metavar="PATH",
        action="append",
        default=[],
        help="a policy file to apply instead of the configured ones (repeatable)",
    )
    diff.add_argument(
        "--policy-ref", metavar="REV", help="read policies and agent files at REV (default: the base)"
    )
    diff.add_argument("--format", choices=DIFF_FORMATS, default="text")
    diff.add_argument("--output", metavar="FILE", help="write the report to FILE instead of standard output")
    diff.add_argument(
        "--fail-on", choices=FAIL_ON, help="the lowest severity that fails the run (default: error)"
    )

    facts = sub.add_parser("facts", help="list the elements scopeguard sees in a change")
    _common(facts)
    _change_arguments(facts)
    facts.add_argument("--format", choices=("json", "text"), default="json")

    comp = sub.add_parser(
        "compile", help="compile agent files into policy and say which sentences are enforced"
    )
    _common(comp)
    comp.add_argument("files", nargs="*", metavar="AGENT_FILE")
    comp.add_argument("--format", choices=("text", "json"), default="text")
    comp.add_argument(
        "--strict", action="store_true", help="exit 1 while any rule sentence is not understood"
    )

    check = sub.add_parser("check-policy", help="report every error of policy files")
    _common(check)
    check.add_argument("paths", nargs="*", metavar="PATH")

    explain = sub.add_parser("explain", help="show a rule, where it came from, and a change it stops")
    _common(explain)
    explain.add_argument("rule", metavar="RULE")

    hook = sub.add_parser("hook", help="run as a hook of an agent tool")
    _common(hook)
    hook.add_argument("tool", choices=("claude-code",))

    init = sub.add_parser("init", help="scaffold configuration, vocabulary and CI snippets in a repository")
    _common(init)

    demo = sub.add_parser("demo", help="build a throw-away repository and show a passing and a failing check")
    _common(demo)  # accepted like everywhere; the demo builds its own repository
    demo.add_argument("--keep", action="store_true", help="keep the demo repository and print its path")
    return parser


# --- commands ----------------------------------------------------------------------------------


def _write(text: str, output: str | None) -> None:
    if output is not None:
        if not output.strip():
            raise UserError("--output needs a file name (leave it out to write to standard output)")
        from scopeguard.sources.output import write_text

        write_text(output, text)
    else:
        _out(text)


def _out(text: str) -> None:
    """Write to standard output; a full disk or a device error is the user's to fix, not a bug."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        with contextlib.suppress(OSError):  # the interpreter flushes at exit: let it find nothing to write
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - open until the interpreter exits
        raise UserError(f"cannot write to standard output: {exc.strerror or exc}") from None


def _fails(report_severities: Sequence[str], fail_on: str) -> bool:
    ranks = {"info": 1, "warning": 2, "error": 3}
    if fail_on == "never":
        return False
    return any(ranks[s] >= ranks[fail_on] for s in report_severities)


def cmd_diff(args: argparse.Namespace) -> int:
    from scopeguard.report.formats import render, step_summary
    from scopeguard.usecases.check import DiffRequest, run_diff

    request = DiffRequest(
        repo=args.repo,
        range=args.range,
        staged=args.staged,
        patch=args.patch,
        agent=args.agent,
        policies=tuple(args.policy),
        policy_ref=args.policy_ref,
    )
    result = run_diff(request, stdin=sys.stdin.buffer if args.patch == "-" else None)
    report = result.report
    color = args.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    _write(render(report, args.format, color=color, anchor=result.anchor), args.output)
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if args.format in ("github", "sarif") and summary_path:
        from scopeguard.sources.output import append_text

        append_text(summary_path, step_summary(report))
    fail_on = args.fail_on or result.workspace.config.fail_on
    return ExitCode.FINDINGS if _fails([f.severity.value for f in report.findings], fail_on) else ExitCode.OK


def cmd_facts(args: argparse.Namespace) -> int:
    from scopeguard.report.documents import facts_document, render_facts
    from scopeguard.usecases.facts import run_facts

    result = run_facts(
        args.repo,
        args.range,
        staged=args.staged,
        patch=args.patch,
        stdin=sys.stdin.buffer if args.patch == "-" else None,
    )
    doc = facts_document(result.base, result.head, result.files, result.elements, result.notices)
    _out(render_facts(doc, args.format))
    return ExitCode.OK


def cmd_compile(args: argparse.Namespace) -> int:
    from scopeguard.usecases.compile import run_compile

    text, code = run_compile(args.files, repo=args.repo, format=args.format, strict=args.strict)
    _out(text)
    return code


def cmd_check_policy(args: argparse.Namespace) -> int:
    from scopeguard.usecases.check_policy import run_check_policy

    result = run_check_policy(args.paths, repo=args.repo)
    if result.diagnostics:
        for d in result.diagnostics:
            sys.stderr.write(d.render() + "\n")
        files = {d.path for d in result.diagnostics}
        sys.stderr.write(f"{len(result.diagnostics)} error(s) in {len(files)} file(s)\n")
        return ExitCode.USAGE
    if not result.files:
        _out("no policy files found\n")
    else:
        _out(f"{len(result.files)} policy file(s) OK: {', '.join(result.files)}\n")
    return ExitCode.OK


def cmd_explain(args: argparse.Namespace) -> int:
    from scopeguard.usecases.explain import run_explain

    text, code = run_explain(args.rule, repo=args.repo)
    _out(text)
    return code


def cmd_hook(args: argparse.Namespace) -> int:
    from scopeguard.usecases.hook import run_claude_code_hook

    return run_claude_code_hook(sys.stdin, sys.stdout, repo=args.repo)


def cmd_init(args: argparse.Namespace) -> int:
    from scopeguard.usecases.init import run_init

    _out(run_init(args.repo))
    return ExitCode.OK


def cmd_demo(args: argparse.Namespace) -> int:
    from scopeguard.usecases.demo import run_demo

    _out(run_demo(keep=args.keep))
    return ExitCode.OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "diff": cmd_diff,
    "facts": cmd_facts,
    "compile": cmd_compile,
    "check-policy": cmd_check_policy,
    "explain": cmd_explain,
    "hook": cmd_hook,
    "init": cmd_init,
    "demo": cmd_demo,
}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            top = build_parser()
            args, extra = top.parse_known_args(argv)
            if extra:  # said by the command they were given to, with the option meant
                parser = args.commands.get(args.command) if args.command else top
                assert isinstance(parser, _Parser)
                parser.unrecognized(extra)
        except SystemExit as done:  # --help and --version print and stop here
            return int(done.code or 0)
        if args.command is None:
            build_parser().print_help(sys.stderr)
            return ExitCode.USAGE
        return COMMANDS[args.command](args)
    except UserError as exc:
        text = exc.render()
        # a usage error already starts with the command it is about ("scopeguard diff: ...")
        sys.stderr.write(f"{text}\n" if isinstance(exc, _UsageError) else f"scopeguard: {text}\n")
        return ExitCode.USAGE
    except KeyboardInterrupt:
        sys.stderr.write("scopeguard: interrupted\n")
        return ExitCode.USAGE
    except BrokenPipeError:
        return ExitCode.OK
    except Exception as exc:  # the one place an unexpected error is caught: exit 3, say how to report it
        if os.environ.get("SCOPEGUARD_DEBUG"):
            raise
        sys.stderr.write(
            f"scopeguard: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in scopeguard; run again with SCOPEGUARD_DEBUG=1 for the traceback "
            "and report it.\n"
        )
        return ExitCode.INTERNAL
