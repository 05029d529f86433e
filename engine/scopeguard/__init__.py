"""scopeguard: the rules of AI agent files, compiled into policy and checked against git changes."""

__version__ = "0.1.0"
