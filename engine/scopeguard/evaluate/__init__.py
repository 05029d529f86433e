"""Evaluation: active rules applied to the facts of a change."""
