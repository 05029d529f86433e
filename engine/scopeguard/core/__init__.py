"""The shared vocabulary (model, element kinds, errors, globs, text): imported by every layer."""
