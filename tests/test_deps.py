"""Kernel dependency discovery: what a rule must declare so that code edits rerun it."""

import ast
import re

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
        "seeding.py",
    }
    assert "io.py" in names(kernel_files(PACKAGE, ["plotting"]))


def test_unknown_module_is_an_error():
    import pytest

    with pytest.raises(ValueError, match="nonexistent"):
        kernel_files(PACKAGE, ["nonexistent"])


def _script_kernel_imports(script):
    """Kernel modules a rule script imports directly (``from relu_tradeoffs[.x] import ...``)."""
    modules = []
    for node in ast.walk(ast.parse(script.read_text())):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("relu_tradeoffs"):
            sub = node.module.removeprefix("relu_tradeoffs").lstrip(".")
            modules += [sub] if sub else [alias.name for alias in node.names]
    return modules


def test_every_rule_declares_the_kernel_code_its_script_runs():
    """Editing any kernel module a rule's script imports (even indirectly) must rerun the rule."""
    checked = 0
    for smk in (ROOT / "workflow" / "rules").glob("*.smk"):
        for block in re.split(r"\n(?=rule \w+:)", smk.read_text()):
            script = re.search(r'script:\s*"\.\./\.\./scripts/(\w+\.py)"', block)
            if not script:
                continue
            declared = re.search(r"code=kernel\(([^)]*)\)", block)
            names = re.findall(r'"([\w/.]+)"', declared.group(1)) if declared else []
            have = set(kernel_files(PACKAGE, ["io", *names]))
            need = set(kernel_files(PACKAGE, _script_kernel_imports(ROOT / "scripts" / script[1])))
            assert need <= have, (smk.name, script[1], sorted(need - have))
            checked += 1
    assert checked >= 20
