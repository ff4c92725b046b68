# Algorithm 1's paths, grid expansion and input functions (used by hardness.smk).
from relu_tradeoffs.hardness_config import figure_instance
from relu_tradeoffs.learners import REGISTRY as HARDNESS_LEARNERS

HC = config["hardness"]
HARDNESS_INSTANCE = "d{d}_k{k}_eta{eta}_seed{seed}"
HARDNESS_DATA = f"results/hardness/data/{HARDNESS_INSTANCE}"
HARDNESS_FITS = f"results/hardness/fits/{HARDNESS_INSTANCE}"
# Training sizes: prefixes of one draw of m_train examples, so the sweep adds no data jobs.
HARDNESS_M_TRAIN = sorted(set(HC["m_train_sweep"]) | {HC["m_train"]})
HARDNESS_FIGURE_INSTANCE = figure_instance(HC)


def hardness_shards(d):
    return range(-(-int(d) // HC["coords_per_job"]))


def hardness_instances():
    grid = HC["grid"]
    return expand(
        HARDNESS_INSTANCE, d=grid["d"], k=grid["k"], eta=grid["eta"], seed=grid["seeds"]
    )


def hardness_plans():
    grid = HC["grid"]
    return expand(
        "results/hardness/plan/k{k}_eta{eta}.json", k=grid["k"], eta=grid["eta"]
    )


def hardness_fits(wildcards):
    """Every learner's fitted weights, traced iterates and metadata for one instance."""
    folder = HARDNESS_FITS.format(**wildcards)
    return {
        f"{name}_{shard}_{part}": f"{folder}/{name}_shard{shard}{suffix}"
        for name in HC["learners"]
        for shard in hardness_shards(wildcards.d)
        for part, suffix in (("W", ".npy"), ("path", "_path.npy"), ("meta", ".json"))
    }


def hardness_learner_params(learner):
    return HC["params"][learner]
