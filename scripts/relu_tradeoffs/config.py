"""Config validation: a strict JSON schema, then the cross-field rules a schema cannot express.

Every message names the offending key, so a user can fix the file without
reading code. All problems are reported at once.
"""

from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

SECTION_SCHEMAS = {"hardness": "hardness.schema.yaml", "approx": "approx.schema.yaml"}


class ConfigError(ValueError):
    """The config breaks the schema or a cross-field rule; the message lists every problem."""


def load_schema(schema_dir):
    """The top-level schema with the section schemas inlined."""
    schema_dir = Path(schema_dir)
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


def _check_eta(values, key) -> list[str]:
    return [
        f"config key '{key}[{i}]': eta = {eta} must satisfy 0 <= eta < 1/2"
        for i, eta in enumerate(values)
        if not 0 <= eta < 0.5
    ]


def check_theory(theory) -> list[str]:
    problems = []
    if theory["hermite_check_n_max"] > theory["hermite_n_max"]:
        problems.append(
            f"config key 'theory.hermite_check_n_max': {theory['hermite_check_n_max']} exceeds "
            f"theory.hermite_n_max = {theory['hermite_n_max']}"
        )
    claims = theory["claims"]
    for i, k in enumerate(claims["k"]):
        if not 1 <= k < claims["d"]:
            problems.append(
                f"config key 'theory.claims.k[{i}]': k = {k} must satisfy 1 <= k < d "
                f"(theory.claims.d = {claims['d']})"
            )
    problems += _check_eta(claims["eta"], "theory.claims.eta")
    return problems


def cross_field_errors(config) -> list[str]:
    from . import approx_config, hardness_config

    return (
        check_theory(config["theory"])
        + hardness_config.check(config["hardness"])
        + approx_config.check(config["approx"])
    )


def validate_config(config, schema_dir):
    """Raise :class:`ConfigError` naming every bad key; return the config unchanged otherwise."""
    problems = schema_errors(config, load_schema(schema_dir))
    if not problems:
        problems = cross_field_errors(config)
    if problems:
        raise ConfigError("invalid config:\n  - " + "\n  - ".join(problems))
    return config
