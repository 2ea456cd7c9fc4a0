"""examples/notebooks/quickstart.ipynb runs from top to bottom (nbclient); any
cell that raises fails the test."""
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "notebooks" / "quickstart.ipynb"


def test_quickstart_notebook_runs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    html = [o["data"]["text/html"] for o in outputs if "data" in o and "text/html" in o["data"]]
    # The DataFrame, the highlighted document and the inline Document render as HTML.
    assert any("<table" in h for h in html)
    assert sum("<mark" in h for h in html) >= 2
    assert any("image/png" in o.get("data", {}) for o in outputs)
