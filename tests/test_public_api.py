"""The public namespace is small, sorted and deliberate: changing it must change this test."""

from __future__ import annotations

import importlib

import wor_match

EXPECTED = [
    "Activity",
    "Catalogue",
    "CatalogueError",
    "ClientProfile",
    "Contribution",
    "Explanation",
    "InvalidActivityError",
    "InvalidProfileError",
    "Journal",
    "JournalError",
    "LoadReport",
    "LonelinessScore",
    "MissingExtraError",
    "Ranker",
    "Recommendation",
    "Recommendations",
    "UnknownPostcodeError",
    "UnknownRankerError",
    "WorMatchError",
    "__version__",
    "available_rankers",
    "get_ranker",
    "load_demo_catalogue",
    "recommend",
    "recommend_many",
    "register_ranker",
    "score_djg",
    "use_catalogue",
]


def test_all_is_exact_and_sorted() -> None:
    assert wor_match.__all__ == EXPECTED
    assert wor_match.__all__ == sorted(wor_match.__all__)
    for name in wor_match.__all__:
        assert hasattr(wor_match, name), name


def test_subpackage_namespaces_are_sorted() -> None:
    for module in ("wor_match.models", "wor_match.rankers", "wor_match.geo", "wor_match.features",
                   "wor_match.datasets", "wor_match.filters", "wor_match.results",
                   "wor_match.evaluation", "wor_match.journal"):  # fmt: skip
        names = importlib.import_module(module).__all__
        assert names == sorted(names), module


def test_errors_inherit_builtins() -> None:
    assert issubclass(wor_match.InvalidProfileError, ValueError)
    assert issubclass(wor_match.InvalidActivityError, ValueError)
    assert issubclass(wor_match.CatalogueError, ValueError)
    assert issubclass(wor_match.UnknownPostcodeError, LookupError)
    assert issubclass(wor_match.UnknownRankerError, LookupError)
    assert issubclass(wor_match.MissingExtraError, ImportError)
    for name in wor_match.__all__:
        obj = getattr(wor_match, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, wor_match.WorMatchError), name


def test_layers_do_not_import_upwards() -> None:
    """models -> features -> rankers -> recommend: a lower module never imports a higher one."""
    import ast
    from pathlib import Path

    order = ["_errors", "_vocab", "_bits", "text", "_fuzzy", "geo", "models", "_columns",
             "taxonomy", "_text_index", "catalogue", "context", "filters", "features",
             "results", "rankers", "recommender", "batch", "datasets", "evaluation",
             "journal", "cli"]  # fmt: skip
    root = Path(wor_match.__file__).parent

    def layer(module: str) -> int | None:
        top = module.removeprefix("wor_match.").split(".")[0]
        return order.index(top) if top in order else None

    for path in root.rglob("*.py"):
        relative = path.relative_to(root).with_suffix("")
        own = layer("wor_match." + ".".join(relative.parts))
        if own is None:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("wor_match")
            ):
                imported = layer(node.module)
                assert imported is None or imported <= own, f"{relative} imports {node.module}"


def test_import_is_lazy() -> None:
    """``import wor_match`` loads no heavy dependency; the first use of a name does."""
    import subprocess
    import sys

    code = (
        "import sys, wor_match; heavy = {'pandas', 'scipy', 'sklearn', 'pydantic', 'rapidfuzz'}; "
        "print(sorted(heavy & set(sys.modules))); wor_match.Catalogue; "
        "print('pandas' in sys.modules)"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.split("\n")  # fmt: skip
    assert output[0] == "[]"
    assert output[1] == "True"


def test_unknown_attribute() -> None:
    import pytest

    with pytest.raises(AttributeError, match="no attribute 'recomend'"):
        _ = wor_match.recomend  # type: ignore[attr-defined]
