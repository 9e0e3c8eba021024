"""The case as plain dataclasses, the case file (JSON) and input normalisation. No Qt."""
