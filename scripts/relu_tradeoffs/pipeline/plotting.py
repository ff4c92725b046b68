"""The one figure style of the pipeline, and saving a figure as PDF and PNG atomically."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402

from relu_tradeoffs.pipeline.io import atomic_path  # noqa: E402

PALETTE = "colorblind"


def apply_style():
    sns.set_theme(context="paper", style="whitegrid", palette=PALETTE, font_scale=1.1)
    plt.rcParams.update({"figure.dpi": 110, "savefig.dpi": 200, "pdf.fonttype": 42})


def save_figure(fig, paths):
    """Write ``fig`` to every path given (e.g. the rule's .pdf and .png outputs)."""
    for path in paths:
        with atomic_path(path, suffix=Path(path).suffix) as tmp:
            fig.savefig(tmp, bbox_inches="tight")
    plt.close(fig)
