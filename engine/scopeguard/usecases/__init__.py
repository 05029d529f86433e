"""Use cases: one function per command, wiring sources, policy, evaluation and reports."""
