"""Kernel dependency discovery on a small package with every import style."""

from pathlib import Path

import pytest
from relu_tradeoffs.pipeline.deps import kernel_files

FILES = {
    "__init__.py": "",
    "a.py": "from .b import thing\nfrom . import c\nimport numpy\nimport relu_tradeoffs\n",
    "b.py": "from relu_tradeoffs.sub import inner\nfrom relu_tradeoffs import e\n",
    "c.py": "import relu_tradeoffs.d\nfrom os import path\n",
    "d.py": "",
    "e.py": "",
    "f.py": "from .sub import inner\n",  # an import cycle: f -> sub.inner -> f
    "sub/__init__.py": "",
    "sub/inner.py": "from ..f import x\nfrom .other import g\n",
    "sub/other.py": "",
    "sub/more.py": "",
    "sub/deep/__init__.py": "",
    "sub/deep/leaf.py": (
        "from ... import d\nfrom ..inner import f\nfrom . import sibling\n"
        "import relu_tradeoffs.sub.more\n"
    ),
    "sub/deep/sibling.py": "",
    "unused.py": "",
}


@pytest.fixture
def package(tmp_path):
    root = tmp_path / "relu_tradeoffs"
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def names(package, files):
    return {str(Path(f).relative_to(package)) for f in files}


def test_relative_absolute_and_package_imports_are_followed(package):
    got = names(package, kernel_files(package, ["a"]))
    assert got == {
        "__init__.py",
        "a.py",
        "b.py",
        "c.py",
        "d.py",
        "e.py",
        "f.py",
        "sub/__init__.py",
        "sub/inner.py",
        "sub/other.py",
    }


def test_nested_modules_bring_their_parent_packages(package):
    got = names(package, kernel_files(package, ["sub/deep/leaf"]))
    assert got == {
        "__init__.py",
        "sub/__init__.py",
        "sub/deep/__init__.py",
        "sub/deep/leaf.py",
        "sub/deep/sibling.py",
        "sub/inner.py",
        "sub/other.py",
        "sub/more.py",
        "d.py",
        "f.py",
    }
    assert kernel_files(package, ["sub.deep.leaf"]) == kernel_files(package, ["sub/deep/leaf"])


def test_files_are_sorted_strings_and_unknown_modules_are_named(package):
    files = kernel_files(package, ["e", "d"])
    assert files == sorted(files) and all(isinstance(f, str) for f in files)
    with pytest.raises(ValueError, match=r"^kernel module 'nope' not found under "):
        kernel_files(package, ["nope"])
