"""Every numbered notebook runs top to bottom (so none can rot)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_notebooks_exist() -> None:
    names = [path.stem for path in NOTEBOOKS]
    assert names == [
        "01_coach_quickstart",
        "02_researcher_tuning",
        "03_people_matching",
        "04_referral_journal",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path: Path, tmp_path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=900,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert errors == []
    if path.stem == "01_coach_quickstart":
        (map_cell,) = [c for c in notebook.cells if "plt.show()" in c.source]
        kinds = {kind for output in map_cell.outputs for kind in output.get("data", {})}
        assert "image/png" in kinds  # the map is shown inline


def test_coach_map_is_readable() -> None:
    """The map cell's labels sit inside the figure and its axes are labelled."""
    import datetime as dt

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import wor_match as wm

    notebook = nbformat.read(NOTEBOOKS[0], as_version=4)
    (map_cell,) = [c for c in notebook.cells if "plt.show()" in c.source]
    profile = wm.ClientProfile.model_validate(
        {"client_id": "anna-001", "home": {"postcode": "2181"}, "interests": ["tuinieren"],
         "mobility": {"mode": "walking", "max_minutes": 20}}
    )  # fmt: skip
    recs = wm.recommend(profile, k=5, today=dt.date(2026, 11, 22))
    namespace = {"plt": plt, "profile": profile, "recs": recs}
    exec(map_cell.source.replace("plt.show()", ""), namespace)
    fig, ax = namespace["fig"], namespace["ax"]
    fig.canvas.draw()
    box = fig.bbox
    labels = list(ax.texts)
    assert len(labels) == sum(r.activity.lat is not None for r in recs) > 0
    for text in labels:
        extent = text.get_window_extent()
        assert box.x0 <= extent.x0, text.get_text()
        assert extent.x1 <= box.x1, text.get_text()
        assert box.y0 <= extent.y0, text.get_text()
        assert extent.y1 <= box.y1, text.get_text()
    assert "lengtegraad" in ax.get_xlabel()
    assert "breedtegraad" in ax.get_ylabel()
    plt.close(fig)
