"""Go source analysis through tree-sitter (see ``analyser``); importing this package loads no parser."""

from scopeguard.analysis.golang.analyser import GoAnalyser

__all__ = ["GoAnalyser"]
