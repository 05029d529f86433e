"""Agent files: lenient reading, rule sentences, compilation into policy."""
