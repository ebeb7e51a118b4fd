"""Datasets: the on-disk format, its loader, and synthetic data for research and benchmarks."""

from wor_match.datasets._format import EVENTS, Dataset, load
from wor_match.datasets.synthetic import make_synthetic, make_synthetic_catalogue

__all__ = [
    "Dataset",
    "EVENTS",
    "load",
    "make_synthetic",
    "make_synthetic_catalogue",
]
