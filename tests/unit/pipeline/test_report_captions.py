"""Every report caption is valid reStructuredText with parsable math: rendered as
``snakemake --report`` renders it (docutils to HTML), nothing is reported or printed."""

import io

import pytest
from conftest import ROOT
from docutils.core import publish_parts

CAPTIONS = sorted((ROOT / "workflow" / "report").glob("*.rst"))
# What docutils prints for a broken caption: a system message, or the math converter's complaint.
BROKEN = ("(ERROR/", "(WARNING/", "(SEVERE/", "Unrecognized formula", "Undefined substitution")


def render(text):
    warnings = io.StringIO()
    settings = {"warning_stream": warnings, "report_level": 2, "halt_level": 5}
    publish_parts(text, writer="html", settings_overrides=settings)
    return warnings.getvalue()


@pytest.mark.parametrize("caption", CAPTIONS, ids=[c.name for c in CAPTIONS])
def test_caption_renders_without_docutils_messages(caption, capfd):
    reported = render(caption.read_text())
    printed = "".join(capfd.readouterr())
    assert not any(word in reported + printed for word in BROKEN), reported + printed


@pytest.mark.parametrize(
    "broken",
    ["Markov (Pr[|y - ReLU_w*| >= alpha] <= opt/alpha^2)", "at :math:`\\tau = ` ``x`` here"],
)
def test_the_check_catches_the_captions_that_were_broken(broken, capfd):
    reported = render(broken)
    printed = "".join(capfd.readouterr())
    assert any(word in reported + printed for word in BROKEN)
