"""Analysers: elements of one side of one file, and their changes between base and head."""
