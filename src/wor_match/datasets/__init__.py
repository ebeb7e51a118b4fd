"""Data sets: synthetic catalogues (and, with the research workflow, clients and outcomes)."""

from wor_match.datasets.synthetic import make_synthetic_catalogue

__all__ = ["make_synthetic_catalogue"]
