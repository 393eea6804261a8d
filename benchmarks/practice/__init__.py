"""Practice benchmark: practitioner-style `model.fit` scripts with a default `Watch` (README.md)."""
