"""The whole config's validation: the schema, then each wing's own cross-field check."""

from relu_tradeoffs.approx import config as approx_config
from relu_tradeoffs.hardness import config as hardness_config
from relu_tradeoffs.pipeline.config import validate_config
from relu_tradeoffs.theory import config as theory_config
from relu_tradeoffs.tradeoff import config as tradeoff_config

SECTION_CHECKS = {
    "theory": theory_config.check,
    "hardness": hardness_config.check,
    "approx": approx_config.check,
}


def validate(config, schema_dir, user=None):
    """Raise ConfigError naming every bad key of ``config``; return it unchanged otherwise.
    ``user``: the keys the user's own config files set (see pipeline.config.validate_config)."""
    # The tradeoff section borrows hardness.params and hardness.odd_k, so its check sees both.
    tradeoff = {"tradeoff": lambda section: tradeoff_config.check(section, config["hardness"])}
    return validate_config(config, schema_dir, {**SECTION_CHECKS, **tradeoff}, user)
