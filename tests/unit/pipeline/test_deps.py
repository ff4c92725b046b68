"""The house rules: code inputs derived from imports, one naming scheme, no import cycles."""

import ast
import re

import pytest
from conftest import ROOT
from relu_tradeoffs.pipeline.deps import kernel_files, script_kernel_files

PACKAGE = ROOT / "scripts" / "relu_tradeoffs"
RULES = ROOT / "workflow" / "rules"
WINGS = ("theory", "hardness", "tradeoff", "approx")
# The layers, each importing only itself and the layers listed for it (docs/architecture.md):
# pipeline <- core <- theory <- hardness <- tradeoff, and core <- approx; the top modules
# (summary, validation) combine every wing.
CORE = {"relu", "parity", "regression"}
TOP = {"summary", "validation"}
MAY_IMPORT = {
    "pipeline": {"pipeline"},
    "core": {"pipeline", "core"},
    "theory": {"pipeline", "core", "theory"},
    "hardness": {"pipeline", "core", "theory", "hardness"},
    "tradeoff": {"pipeline", "core", "theory", "hardness", "tradeoff"},
    "approx": {"pipeline", "core", "approx"},
    "top": {"pipeline", "core", *WINGS, "top"},
}


def names(files):
    return {str(f).split("relu_tradeoffs/")[1] for f in files}


def test_transitive_imports_are_found():
    assert names(kernel_files(PACKAGE, ["theory.claims"])) == {
        "__init__.py",
        "theory/__init__.py",
        "theory/claims.py",
        "parity.py",
        "pipeline/__init__.py",
        "pipeline/seeding.py",
        "relu.py",
    }
    assert "pipeline/io.py" in names(kernel_files(PACKAGE, ["pipeline.plotting"]))


def test_a_script_s_code_is_what_it_imports(tmp_path):
    script = tmp_path / "s.py"
    script.write_text("from relu_tradeoffs.theory.hermite import relu_coefficients\nimport numpy\n")
    assert names(script_kernel_files(script, PACKAGE)) == {
        "__init__.py",
        "theory/__init__.py",
        "theory/hermite.py",
    }


def test_unknown_module_is_an_error():
    with pytest.raises(ValueError, match="nonexistent"):
        kernel_files(PACKAGE, ["nonexistent"])


def rule_blocks():
    """(file, rule name, block text) of every rule."""
    for smk in sorted(RULES.glob("*.smk")):
        for block in re.split(r"\n(?=rule \w+:)", smk.read_text()):
            if match := re.match(r"rule (\w+):", block):
                yield smk.stem, match[1], block


def test_every_rule_with_a_script_derives_its_code_inputs_from_that_script():
    checked = 0
    for _, rule, block in rule_blocks():
        assert "kernel(" not in block, f"{rule}: lists kernel modules by hand"
        script = re.search(r'script:\s*"\.\./\.\./scripts/([\w/]+\.py)"', block)
        if not script:
            continue
        assert f'code=script_code("{script[1]}")' in block, rule
        checked += 1
    assert checked >= 20


def test_rule_and_script_names_follow_one_scheme():
    """Rule `<wing>_<step>` in `<wing>.smk` runs `scripts/<wing>/<step>.py`; figure rules write
    `results/figures/<wing>_<name>`; target rules are the bare wing names."""
    targets = {"theory", "hardness", "approx", "tradeoff", "figures", "summary", "docs", "all"}
    for wing, rule, block in rule_blocks():
        if rule in targets:
            continue
        prefix = "report" if wing == "report" else wing
        assert rule.startswith(f"{prefix}_"), (wing, rule)
        step = rule.removeprefix(f"{prefix}_")
        script = re.search(r'script:\s*"\.\./\.\./scripts/([\w/]+\.py)"', block)
        assert script and script[1] == f"{prefix}/{step}.py", (rule, script and script[1])
        if step.startswith("figure_"):
            name = step.removeprefix("figure_")
            # The title figure keeps the project's name: results/figures/tradeoff.
            expected = "tradeoff" if rule == "tradeoff_figure_title" else f"{prefix}_{name}"
            assert f'figure("{expected}")' in block, rule
    for script in (ROOT / "scripts").glob("*/*.py"):
        if script.parent.name == "relu_tradeoffs":
            continue
        rule = f"{script.parent.name}_{script.stem}"
        assert any(rule == r for _, r, _ in rule_blocks()), f"{script}: no rule {rule}"


def test_every_rule_logs_to_its_own_folder():
    """One log scheme: `results/logs/<rule>/...` for every rule that logs."""
    checked = 0
    for _, rule, block in rule_blocks():
        log = re.search(r"^    log:\n\s+(?:\w+=)?f?\"([^\"]+)\"", block, re.M)
        if log:
            assert log[1].startswith(f"results/logs/{rule}/"), (rule, log[1])
            checked += 1
    assert checked >= 30


def test_rules_named_in_the_profiles_exist():
    """A rule named in a profile (set-resources, array jobs; comments included) is a real rule."""
    rules = {rule for _, rule, _ in rule_blocks()}
    for profile in (ROOT / "profiles").rglob("*.yaml"):
        text = profile.read_text()
        named = re.findall(r"^#?\s+(\w+):\s*$", text, re.M)  # a key holding a rule's resources
        named += re.findall(r"slurm-array-jobs:\s*(\w+)", text)
        for name in named:
            assert name in rules, f"{profile.relative_to(ROOT)} names rule {name!r}: no such rule"


def module_imports():
    """Dotted kernel module -> the kernel modules it imports (top-level or lazily)."""
    graph = {}
    for file in PACKAGE.rglob("*.py"):
        rel = file.relative_to(PACKAGE).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        name = ".".join(parts) or "<root>"
        deps = set()
        # ast.walk sees every import, those inside functions included.
        for node in ast.walk(ast.parse(file.read_text())):
            if isinstance(node, ast.Import):
                deps |= {
                    a.name.removeprefix("relu_tradeoffs.")
                    for a in node.names
                    if a.name.startswith("relu_tradeoffs.")
                }
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == (
                "relu_tradeoffs"
            ):
                module = node.module.removeprefix("relu_tradeoffs").removeprefix(".")
                for alias in node.names:  # `from pkg import submodule` imports pkg.submodule
                    sub = PACKAGE.joinpath(*module.split("."), alias.name)
                    is_module = sub.with_suffix(".py").is_file() or sub.is_dir()
                    dotted = ".".join(filter(None, (module, alias.name)))
                    deps.add(dotted if is_module else module)
        graph[name] = deps
    return graph


def test_the_kernel_package_has_no_import_cycle():
    graph = module_imports()
    state = {}

    def visit(node, stack):
        state[node] = "open"
        for dep in graph.get(node, ()):
            if state.get(dep) == "open":
                raise AssertionError("import cycle: " + " -> ".join([*stack, node, dep]))
            if dep not in state:
                visit(dep, [*stack, node])
        state[node] = "done"

    for node in graph:
        if node not in state:
            visit(node, [])


def layer(module: str) -> str:
    head = module.split(".")[0]
    if head in CORE:
        return "core"
    if head in TOP or module == "<root>":
        return "top"
    assert head in (*WINGS, "pipeline"), f"{module}: in no layer (add it to test_deps.py)"
    return head


def layer_breaches(graph) -> list[str]:
    return [
        f"{name} ({layer(name)}) imports {dep} ({layer(dep)})"
        for name, deps in sorted(graph.items())
        for dep in sorted(deps)
        if layer(dep) not in MAY_IMPORT[layer(name)]
    ]


def test_no_module_imports_against_the_layer_order_at_any_depth():
    assert all((PACKAGE / wing / "__init__.py").is_file() for wing in (*WINGS, "pipeline"))
    assert layer_breaches(module_imports()) == []


def test_the_layer_check_sees_an_import_inside_a_function():
    """A lazy import of a later wing, as `algorithm1.c_k` once had, is a breach."""
    graph = module_imports()
    assert layer_breaches({"theory.claims": {"hardness.algorithm1"}}) != []
    assert layer_breaches({"approx.noise": {"hardness.learners"}}) != []
    assert layer_breaches({"pipeline.io": {"relu"}}) != []
    assert "theory.correlation" in graph["hardness.algorithm1"]  # imported inside c_k()


def test_every_rule_script_imports_names_that_exist():
    """A renamed kernel function breaks its rule scripts only at run time: check them here."""
    import importlib

    missing = []
    for script in sorted((ROOT / "scripts").glob("*/*.py")):
        if script.parent.name == "relu_tradeoffs":
            continue
        for node in ast.walk(ast.parse(script.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "relu_tradeoffs"
            ):
                module = importlib.import_module(node.module)
                missing += [
                    f"{script.relative_to(ROOT)}: {node.module}.{alias.name}"
                    for alias in node.names
                    if not hasattr(module, alias.name)
                    and importlib.util.find_spec(f"{node.module}.{alias.name}") is None
                ]
    assert missing == []
