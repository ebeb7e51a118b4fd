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
    "InvalidParameterError",
    "InvalidProfileError",
    "InvalidRankerFileError",
    "Journal",
    "JournalError",
    "LoadReport",
    "LonelinessScore",
    "MissingExtraError",
    "NotFittedError",
    "People",
    "Ranker",
    "Recommendation",
    "Recommendations",
    "UnknownActivityError",
    "UnknownPostcodeError",
    "UnknownRankerError",
    "WorMatchError",
    "__version__",
    "assign",
    "available_rankers",
    "form_groups",
    "get_ranker",
    "load_demo_catalogue",
    "match_people",
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
    for module in (
        "wor_match.models",
        "wor_match.rankers",
        "wor_match.geo",
        "wor_match.features",
        "wor_match.datasets",
        "wor_match.filters",
        "wor_match.results",
        "wor_match.evaluation",
        "wor_match.people",
        "wor_match.journal",
    ):
        names = importlib.import_module(module).__all__
        assert names == sorted(names), module


def test_errors_inherit_builtins() -> None:
    assert issubclass(wor_match.InvalidProfileError, ValueError)
    assert issubclass(wor_match.InvalidActivityError, ValueError)
    assert issubclass(wor_match.CatalogueError, ValueError)
    assert issubclass(wor_match.UnknownPostcodeError, LookupError)
    assert issubclass(wor_match.UnknownRankerError, LookupError)
    assert issubclass(wor_match.MissingExtraError, ImportError)
    assert issubclass(wor_match.InvalidParameterError, ValueError)
    assert issubclass(wor_match.InvalidRankerFileError, ValueError)
    assert issubclass(wor_match.NotFittedError, ValueError)
    assert issubclass(wor_match.UnknownActivityError, KeyError)
    for name in wor_match.__all__:
        obj = getattr(wor_match, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, wor_match.WorMatchError), name


def test_layers_do_not_import_upwards() -> None:
    """models -> features -> rankers -> recommend: a lower module never imports a higher one.

    Every module of the package belongs to a layer (a new top-level module must be placed
    here), and both ``from x import y`` and ``import x`` count.
    """
    import ast
    from pathlib import Path

    order = [
        "data",
        "_errors",
        "_csv_cells",
        "_csv_read",
        "_vocab",
        "_checks",
        "_bits",
        "_lazy",
        "text",
        "target_groups",
        "geo",
        "models",
        "taxonomy",
        "catalogue",
        "io",
        "context",
        "filters",
        "features",
        "envelope",
        "results",
        "shortlist",
        "rankers",
        "recommender",
        "batch",
        "people",
        "datasets",
        "evaluation",
        "schemas",
        "journal",
        "cli",
    ]
    root = Path(wor_match.__file__).parent

    def layer(module: str) -> int | None:
        top = module.removeprefix("wor_match.").split(".")[0]
        return order.index(top) if top in order else None

    checked = 0
    for path in root.rglob("*.py"):
        relative = path.relative_to(root).with_suffix("")
        if relative.parts == ("__init__",):
            continue  # the namespace itself imports only the bottom layer, the rest lazily
        own = layer("wor_match." + ".".join(relative.parts))
        assert own is not None, f"{relative} is in no layer: add its package to the order"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name == "wor_match" or name.startswith("wor_match."):
                    imported = layer(name)
                    assert imported is not None, f"{relative} imports {name}, in no layer"
                    assert imported <= own, f"{relative} imports {name}"
                    checked += 1
    assert checked > 200  # the walk saw the package's imports


def test_import_is_lazy() -> None:
    """``import wor_match`` loads no heavy dependency; the first use of a name does."""
    import subprocess
    import sys

    code = (
        "import sys, wor_match; heavy = {'pandas', 'scipy', 'sklearn', 'pydantic', 'rapidfuzz'}; "
        "print(sorted(heavy & set(sys.modules))); wor_match.Catalogue; "
        "print('pandas' in sys.modules)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert output[0] == "[]"
    assert output[1] == "True"


def test_unknown_attribute() -> None:
    import pytest

    with pytest.raises(AttributeError, match="no attribute 'recomend'"):
        _ = wor_match.recomend  # type: ignore[attr-defined]
