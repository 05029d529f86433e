"""The phrasebook's sentence shapes, grouped by what they talk about (paths, elements, code, limits)."""
