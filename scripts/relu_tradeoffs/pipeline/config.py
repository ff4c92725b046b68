"""Config validation: a strict JSON schema, then the cross-field rules a schema cannot express.

Every message names the offending key, so a user can fix the file without
reading code. All problems are reported at once.
"""

import copy
import functools
import re
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

SECTION_SCHEMAS = {
    "hardness": "hardness.schema.yaml",
    "approx": "approx.schema.yaml",
    "tradeoff": "tradeoff.schema.yaml",
}


class ConfigError(ValueError):
    """The config breaks the schema or a cross-field rule; the message lists every problem."""


def load_schema(schema_dir):
    """The top-level schema with the section schemas inlined."""
    schema_dir = Path(schema_dir)
    files = ["config.schema.yaml", *SECTION_SCHEMAS.values()]
    versions = tuple((schema_dir / name).stat().st_mtime_ns for name in files)
    return copy.deepcopy(_load_schema(schema_dir, versions))


@functools.lru_cache(maxsize=8)
def _load_schema(schema_dir, versions):
    """The schema parsed once per version of its files (``versions``: their mtimes)."""
    schema = yaml.safe_load((schema_dir / "config.schema.yaml").read_text())
    for section, filename in SECTION_SCHEMAS.items():
        sub = yaml.safe_load((schema_dir / filename).read_text())
        sub.pop("$schema", None)
        schema["properties"][section] = sub
    return schema


def _key(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "<top level>"


def schema_errors(config, schema) -> list[str]:
    validator = Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(config), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"config key '{_key(e.absolute_path)}': {e.message}" for e in errors]


def eta_problems(values, key) -> list[str]:
    """Every eta in ``values`` must satisfy 0 <= eta < 1/2 (shared by the wings' checks)."""
    return [
        f"config key '{key}[{i}]': eta = {eta} must satisfy 0 <= eta < 1/2"
        for i, eta in enumerate(values)
        if not 0 <= eta < 0.5
    ]


def validate_config(config, schema_dir, section_checks, user=None):
    """Raise :class:`ConfigError` naming every bad key; return the config unchanged otherwise.

    ``section_checks`` maps a section name to its wing's cross-field check (section -> problems);
    the wings pass their own, so this module imports none of them. ``user`` is what the user's
    own config files (and ``--config``) set, merged: a problem whose key the user did not set is
    a default that clashes with one they did, and its message says so and how to override it.
    """
    problems = schema_errors(config, load_schema(schema_dir))
    if not problems:
        for section, check in section_checks.items():
            problems += check(config[section])
    if user is not None:
        problems = [blame_default(problem, user) for problem in problems]
    if problems:
        raise ConfigError("invalid config:\n  - " + "\n  - ".join(problems))
    return config


def _is_set(user, dotted):
    node = user
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def blame_default(problem, user):
    """``problem`` as is when the user set its key, else saying that a default clashes."""
    match = re.match(r"config key '([\w.]+)", problem)
    if not match or _is_set(user, match[1]):
        return problem
    key = match[1]
    return (
        f"{problem} [{key} is a default from config.yaml, not a key you set: it clashes with "
        f"your settings; set {key} in your config file to override it]"
    )


def merge(base, overlay):
    """``overlay`` merged over ``base`` as Snakemake merges ``--configfile`` files: nested
    mappings key by key, any other value (a list included) replaced whole."""
    merged = copy.deepcopy(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def load_merged(*paths):
    """The config a run sees: the first YAML file with every later one merged over it."""
    config = {}
    for path in paths:
        config = merge(config, yaml.safe_load(Path(path).read_text()) or {})
    return config
