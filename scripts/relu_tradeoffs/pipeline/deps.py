"""Which kernel source files a module depends on, so rules can declare them as inputs.

Snakemake tracks a rule's script, not the modules it imports; declaring the transitive closure
of imported kernel modules makes an edit anywhere below a rule rerun exactly that rule.
"""

import ast
import functools
from pathlib import Path

PACKAGE = "relu_tradeoffs"


def _module_file(package_dir: Path, dotted: str) -> Path | None:
    path = package_dir.joinpath(*dotted.split("."))
    if path.with_suffix(".py").is_file():
        return path.with_suffix(".py")
    if (path / "__init__.py").is_file():
        return path / "__init__.py"
    return None


def _imports(file: Path, package_dir: Path) -> set[str]:
    """Dotted names (relative to the package) of the kernel modules ``file`` imports."""
    return set(_parsed_imports(Path(file), file.stat().st_mtime_ns, Path(package_dir)))


# Rules share modules, and a process may parse the workflow many times (the config fuzzer):
# parse each file once per version of it.
@functools.cache
def _parsed_imports(file: Path, mtime_ns: int, package_dir: Path) -> frozenset[str]:
    found = set()
    for node in ast.walk(ast.parse(file.read_text(), filename=str(file))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                here = file.parent.relative_to(package_dir).parts
                base = list(here[: len(here) - node.level + 1])
            elif node.module and node.module.split(".")[0] == PACKAGE:
                base = []
            else:
                continue
            module = node.module or ""
            if not node.level:
                module = module.split(".", 1)[1] if "." in module else ""
            prefix = ".".join([*base, *([module] if module else [])])
            for alias in node.names:
                candidate = f"{prefix}.{alias.name}" if prefix else alias.name
                found.add(candidate if _module_file(package_dir, candidate) else prefix)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == PACKAGE and "." in alias.name:
                    found.add(alias.name.split(".", 1)[1])
    return frozenset(name for name in found if name)


def kernel_files(package_dir, modules) -> list[str]:
    """Sorted source files of ``modules`` (dotted or slash names) and everything they import."""
    package_dir = Path(package_dir)
    files = {package_dir / "__init__.py"}
    todo = [m.replace("/", ".") for m in modules]
    seen = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        file = _module_file(package_dir, name)
        if file is None:
            raise ValueError(f"kernel module '{name}' not found under {package_dir}")
        files.add(file)
        parts = name.split(".")
        for i in range(1, len(parts)):  # parent packages' __init__ run on import too
            init = _module_file(package_dir, ".".join(parts[:i]))
            if init is not None:
                files.add(init)
        todo.extend(_imports(file, package_dir))
    return sorted(str(f) for f in files)


def script_kernel_files(script, package_dir) -> list[str]:
    """Sorted kernel source files a rule script runs: what it imports, transitively.

    A rule declares these as inputs, so editing any module below a script reruns its rule and
    nothing else; no rule lists modules by hand.
    """
    return kernel_files(package_dir, sorted(_imports(Path(script), Path(package_dir))))
