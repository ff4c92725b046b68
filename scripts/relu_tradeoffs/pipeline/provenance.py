"""What produced a results folder: resolved config, its hash, code version, packages, time."""

import hashlib
import json
import platform
import subprocess
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version

PACKAGES = ("snakemake", "numpy", "pandas", "scipy", "matplotlib", "seaborn", "jsonschema")


def config_hash(config) -> str:
    canonical = json.dumps(config, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def git_state(workdir) -> dict:
    def git(*args):
        out = subprocess.run(
            ["git", *args], cwd=workdir, capture_output=True, text=True, check=True, timeout=10
        )
        return out.stdout.strip()

    try:
        return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain"))}
    except (OSError, subprocess.SubprocessError):
        return {"commit": "unknown", "dirty": None}


def package_versions() -> dict:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = None
    return versions


def record(config, section, workdir) -> dict:
    return {
        "section": section,
        "config": config,
        "config_sha256": config_hash(config),
        "git": git_state(workdir),
        "packages": package_versions(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "created_utc": datetime.now(UTC).isoformat(timespec="seconds"),
    }
