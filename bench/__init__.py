"""Benchmarks that print figures, one `name: value unit` a line (`python -m bench [group …]`).

A group is a module `bench/<group>.py` exposing `run() -> list[tuple[str, float, str]]`.
Benchmarks measure; they do not assert. Budgets live in the issues and in README.md.
"""
