"""The files ``scopeguard init`` writes into a repository, as text.

Each is written only where absent. The configuration spells out the defaults (a test holds it equal to
``Config()``); the vocabulary is all comments, so that it changes nothing until the team edits it; the
pre-commit entry is the one ``.pre-commit-hooks.yaml`` publishes, run from the local installation; the
workflow checks a pull request from its merge-base and uploads SARIF to code scanning.
"""

from __future__ import annotations

from scopeguard import __version__

CONFIG_PATH = "scopeguard.toml"
VOCABULARY_PATH = "policies/vocabulary.scope"
PRE_COMMIT_PATH = ".pre-commit-config.yaml"
WORKFLOW_PATH = ".github/workflows/scopeguard.yml"

CONFIG = """\
# scopeguard's configuration. Every key is optional; the values below are the defaults.
# (The same keys may go under [tool.scopeguard] in pyproject.toml instead of this file.)

# Agent files whose rule sentences are compiled and enforced.
agents = [".claude/agents/*.md", "agents/*.md"]
# Policy files: concepts, rules and agent blocks in scopeguard's policy language.
policies = ["policies/**/*.scope", ".scopeguard/**/*.scope"]
# The lowest finding severity that fails `scopeguard diff`: error, warning, info or never.
fail-on = "error"
# Paths never checked, such as generated or vendored code.
exclude = []
# Files larger than this many bytes are checked by their path only, not parsed.
max-file-size = 2097152
# The agent whose rules the Claude Code hook applies when its input names no subagent
# (without it: every rule of every policy).
# default-agent = "backend-feature-implementer"
"""

VOCABULARY = """\
# The team's vocabulary: what your agent files talk about, named so that rules can select it.
#
# scopeguard already knows infrastructure (lambda_function, api_route, database, queue, storage),
# dependency, test_file, public_api and secret, with the phrases agent files use for them. When
# `scopeguard compile` says "no concept is known as '...'", add a concept here with that phrase in
# its `aka` line. An example, to adapt and uncomment:
#
# concept data_model:
#     aka "data model", "data models"
#     class in "src/models/**/*.py" where base ~ "*BaseModel"
#
# rule no-new-data-models:
#     severity error
#     forbid added data_model
#     message "create no new data model ({name}); extend or reuse an existing one"
#
# `scopeguard check-policy` reports every mistake in this file with its line and column.
"""

PRE_COMMIT_HOOK = """\
  - repo: local
    hooks:
      - id: scopeguard
        name: scopeguard
        entry: scopeguard diff --staged
        language: system
        pass_filenames: false
        always_run: true
        require_serial: true
        stages: [pre-commit]
"""

PRE_COMMIT_CONFIG = (
    "# pre-commit runs scopeguard on every commit; run `pre-commit install` once in each clone.\n"
    "# scopeguard must be installed where commits are made (pip install scopeguard).\n"
    "repos:\n" + PRE_COMMIT_HOOK
)

WORKFLOW = f"""\
# scopeguard checks each pull request against the rules of the agent files and policies: findings
# go to code scanning (SARIF) and to annotations on the pull request, and errors fail the check.
name: scopeguard
on:
  pull_request:
permissions:
  contents: read
  security-events: write
jobs:
  scopeguard:
    runs-on: ubuntu-latest
    env:
      BASE: ${{{{ github.base_ref }}}}
    steps:
      - uses: actions/checkout@v4
        with:
          # the base branch's history too, so that the merge-base with it is there
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: python -m pip install "scopeguard=={__version__}"
      - name: scopeguard (SARIF)
        run: scopeguard diff "origin/$BASE...HEAD" --format sarif --output scopeguard.sarif --fail-on never
      - name: upload to code scanning
        if: always() && hashFiles('scopeguard.sarif') != ''
        # a pull request from a fork gets a read-only token, which cannot upload; the check goes on
        continue-on-error: true
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: scopeguard.sarif
          category: scopeguard
      - name: scopeguard
        run: scopeguard diff "origin/$BASE...HEAD" --format github
"""
