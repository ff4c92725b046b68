"""Kernel dependency discovery: what a rule must declare so that code edits rerun it."""

from conftest import ROOT
from relu_tradeoffs.deps import kernel_files

PACKAGE = ROOT / "scripts" / "relu_tradeoffs"


def names(files):
    return {str(f).split("relu_tradeoffs/")[1] for f in files}


def test_transitive_imports_are_found():
    assert names(kernel_files(PACKAGE, ["claims"])) == {
        "__init__.py",
        "claims.py",
        "parity.py",
        "relu.py",
    }
    assert "io.py" in names(kernel_files(PACKAGE, ["plotting"]))


def test_unknown_module_is_an_error():
    import pytest

    with pytest.raises(ValueError, match="nonexistent"):
        kernel_files(PACKAGE, ["nonexistent"])


def test_every_rule_script_import_is_a_kernel_module():
    """Each `from relu_tradeoffs.X import ...` in a rule script resolves to a kernel file."""
    for script in (ROOT / "scripts").glob("*.py"):
        files = kernel_files(PACKAGE, [])
        assert files  # the package itself
        for line in script.read_text().splitlines():
            if line.startswith("from relu_tradeoffs"):
                module = line.split()[1].removeprefix("relu_tradeoffs").lstrip(".")
                if module:
                    assert kernel_files(PACKAGE, [module])
