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


def note(ax, text, *, corner=False, blank=False):
    """Say in a panel what it cannot show (e.g. a learner or axis absent from the grid).

    Centred, or with ``corner`` in the top-left corner beside what the panel does show;
    ``blank`` hides the ticks of a panel that holds nothing else.
    """
    ax.text(
        *((0.03, 0.97) if corner else (0.5, 0.5)),
        text,
        transform=ax.transAxes,
        ha="left" if corner else "center",
        va="top" if corner else "center",
        wrap=True,
        fontsize=7 if corner else 9,
        color="0.3",
    )
    if blank:
        ax.set_xticks([])
        ax.set_yticks([])


def save_placeholder(paths, title, sentence):
    """A figure with nothing to show: its title and the sentence saying why, never an error."""
    apply_style()
    fig, ax = plt.subplots(figsize=(6, 2.5))
    ax.set_axis_off()
    ax.set_title(title)
    note(ax, sentence)
    save_figure(fig, paths)
