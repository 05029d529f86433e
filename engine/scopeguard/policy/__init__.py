"""The policy language: syntax tree, lark grammar and parser, printer, checks, built-in vocabulary."""
