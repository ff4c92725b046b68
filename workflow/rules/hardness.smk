# Algorithm 1: k-SLPN -> Gaussian lift -> per-coordinate ReLU learners -> validation -> support.
# One cached chain per grid instance (d, k, eta, seed); `recover` thresholds and aggregates.
from relu_tradeoffs.hardness.algorithm1 import effective_k
from relu_tradeoffs.hardness.config import bias_grid as hardness_bias_grid
from relu_tradeoffs.hardness.config import witness_search as hardness_witness_search

HARDNESS_TABLES = [
    "results/hardness/coordinates.csv",
    "results/hardness/recovery.csv",
    "results/hardness/recovery_sweep.csv",
    "results/hardness/paths.csv",
    "results/hardness/plan.csv",
]
HARDNESS_FIGURES = [
    figure("hardness_errors"),
    figure("hardness_recovery"),
]


rule hardness:
    input:
        HARDNESS_TABLES,
        HARDNESS_FIGURES,
        "results/hardness/provenance.json",


rule hardness_plan:
    input:
        code=script_code("hardness/plan.py"),
    output:
        "results/hardness/plan/k{k}_eta{eta}.json",
    log:
        "results/logs/hardness_plan/k{k}_eta{eta}.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("hardness_plan"),
        runtime=5,
    params:
        eps=HARDNESS["eps"],
        m_val=HARDNESS["m_val"],
        m_val_max=HARDNESS["m_val_max"],
        m_train_factor=HARDNESS["m_train_factor"],
        learners=HARDNESS["learners"],
        # Only lowdeg's degree enters a threshold; other learner settings must not rerun data.
        lowdeg=HARDNESS["params"].get("lowdeg"),
        odd_k=HARDNESS["odd_k"],
        relu=HARDNESS["relu"],
        labels=HARDNESS["labels"],
        witness_search=hardness_witness_search(HARDNESS, config["theory"]),
        beta=hardness_bias_grid(HARDNESS),
    script:
        "../../scripts/hardness/plan.py"


rule hardness_slpn:
    input:
        plan="results/hardness/plan/k{k}_eta{eta}.json",
        code=script_code("hardness/slpn.py"),
    output:
        X=temp(f"{HARDNESS_DATA}/slpn_X.npy"),
        y=temp(f"{HARDNESS_DATA}/slpn_y.npy"),
        support=f"{HARDNESS_DATA}/support.json",
    log:
        f"results/logs/hardness_slpn/{HARDNESS_INSTANCE}.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        # int8 draws: a few bytes per entry of the m_train x d training table.
        mem_mb=mem_mb("hardness_slpn"),
        runtime=30,
    params:
        seed=config["seed"],
        m_train=HARDNESS["m_train"],
    script:
        "../../scripts/hardness/slpn.py"


rule hardness_lift:
    input:
        X=rules.hardness_slpn.output.X,
        y=rules.hardness_slpn.output.y,
        support=rules.hardness_slpn.output.support,
        code=script_code("hardness/lift.py"),
    output:
        train_X=f"{HARDNESS_DATA}/train_X.npy",
        train_y=f"{HARDNESS_DATA}/train_y.npy",
    log:
        f"results/logs/hardness_lift/{HARDNESS_INSTANCE}.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        # The lift holds the half-normal draws and the product in float64, then float32 copies.
        mem_mb=mem_mb("hardness_lift"),
        runtime=30,
    params:
        seed=config["seed"],
        labels=HARDNESS["labels"],
    script:
        "../../scripts/hardness/lift.py"


rule hardness_learn:
    input:
        X=rules.hardness_lift.output.train_X,
        y=rules.hardness_lift.output.train_y,
        code=script_code("hardness/learn.py"),
    output:
        W=f"{HARDNESS_FITS}/{{learner}}_shard{{shard}}.npy",
        path=f"{HARDNESS_FITS}/{{learner}}_shard{{shard}}_path.npy",
        meta=f"{HARDNESS_FITS}/{{learner}}_shard{{shard}}.json",
    log:
        f"results/logs/hardness_learn/{HARDNESS_INSTANCE}_{{learner}}_shard{{shard}}.log",
    benchmark:
        f"results/benchmarks/learn/{HARDNESS_INSTANCE}_{{learner}}_shard{{shard}}.tsv"
    wildcard_constraints:
        learner="|".join(HARDNESS_FITTED),
    conda:
        CONDA_ENV
    threads: 1
    resources:
        # float64 training set plus (m x coordinates x restarts) residuals of the iterative learners.
        mem_mb=mem_mb("hardness_learn"),
        runtime=120,
    params:
        seed=config["seed"],
        m_train=HARDNESS_M_TRAIN,
        coords_per_job=HARDNESS["coords_per_job"],
        k_effective=lambda wc: effective_k(int(wc.k), HARDNESS["odd_k"]),
        learner_params=lambda wc: hardness_learner_params(wc.learner),
        relu=HARDNESS["relu"],
    script:
        "../../scripts/hardness/learn.py"


rule hardness_search:
    input:
        X=rules.hardness_lift.output.train_X,
        y=rules.hardness_lift.output.train_y,
        code=script_code("hardness/search.py"),
    output:
        best=f"{HARDNESS_FITS}/exhaustive_search{{part}}.npy",
        meta=f"{HARDNESS_FITS}/exhaustive_search{{part}}.json",
    log:
        f"results/logs/hardness_search/{HARDNESS_INSTANCE}_part{{part}}.log",
    benchmark:
        f"results/benchmarks/search/{HARDNESS_INSTANCE}_part{{part}}.tsv"
    conda:
        CONDA_ENV
    threads: HARDNESS.get("search_threads", 1)
    resources:
        mem_mb=mem_mb("hardness_search"),
        runtime=120,
    params:
        m_train=HARDNESS_M_TRAIN,
        parts=HARDNESS["candidate_shards"],
        k_effective=lambda wc: effective_k(int(wc.k), HARDNESS["odd_k"]),
        learner_params=HARDNESS["params"]["exhaustive"],
        beta=hardness_bias_grid(HARDNESS),
    script:
        "../../scripts/hardness/search.py"


rule hardness_merge:
    input:
        unpack(hardness_search_parts),
        code=script_code("hardness/merge.py"),
    output:
        W=f"{HARDNESS_FITS}/exhaustive_shard{{shard}}.npy",
        path=f"{HARDNESS_FITS}/exhaustive_shard{{shard}}_path.npy",
        meta=f"{HARDNESS_FITS}/exhaustive_shard{{shard}}.json",
    log:
        f"results/logs/hardness_merge/{HARDNESS_INSTANCE}_shard{{shard}}.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("hardness_merge"),
        runtime=5,
    params:
        parts=HARDNESS["candidate_shards"],
        coords_per_job=HARDNESS["coords_per_job"],
        k_effective=lambda wc: effective_k(int(wc.k), HARDNESS["odd_k"]),
        columns=lambda wc: cost.hypothesis_columns(
            wc.d, int(wc.k), effective_k(int(wc.k), HARDNESS["odd_k"])
        ),
        signs=HARDNESS["params"]["exhaustive"]["signs"],
        beta=hardness_bias_grid(HARDNESS),
    script:
        "../../scripts/hardness/merge.py"


rule hardness_score:
    input:
        unpack(hardness_fits),
        support=rules.hardness_slpn.output.support,
        code=script_code("hardness/score.py"),
    output:
        f"results/hardness/scores/{HARDNESS_INSTANCE}.json",
    log:
        f"results/logs/hardness_score/{HARDNESS_INSTANCE}.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        # The validation set is regenerated val_chunk rows at a time.
        mem_mb=mem_mb("hardness_score"),
        runtime=60,
    params:
        seed=config["seed"],
        val_chunk=HARDNESS["val_chunk"],
        learners=HARDNESS["learners"],
        learner_params={name: HARDNESS["params"][name] for name in HARDNESS["learners"]},
        relu=HARDNESS["relu"],
        labels=HARDNESS["labels"],
    script:
        "../../scripts/hardness/score.py"


rule hardness_recover:
    input:
        score=f"results/hardness/scores/{HARDNESS_INSTANCE}.json",
        plan="results/hardness/plan/k{k}_eta{eta}.json",
        code=script_code("hardness/recover.py"),
    output:
        f"results/hardness/recovered/{HARDNESS_INSTANCE}.json",
    log:
        f"results/logs/hardness_recover/{HARDNESS_INSTANCE}.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("hardness_recover"),
        runtime=5,
    script:
        "../../scripts/hardness/recover.py"


rule hardness_aggregate:
    input:
        code=script_code("hardness/aggregate.py"),
        instances=expand(
            "results/hardness/recovered/{instance}.json", instance=hardness_instances()
        ),
        plans=hardness_plans(),
    output:
        coordinates="results/hardness/coordinates.csv",
        recovery=table("results/hardness/recovery.csv", "Hardness"),
        sweep="results/hardness/recovery_sweep.csv",
        paths="results/hardness/paths.csv",
        plan="results/hardness/plan.csv",
    log:
        "results/logs/hardness_aggregate/aggregate_hardness.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("hardness_aggregate"),
        runtime=10,
    params:
        m_train=HARDNESS["m_train"],
    script:
        "../../scripts/hardness/aggregate.py"


rule hardness_figure_errors:
    input:
        coordinates="results/hardness/coordinates.csv",
        code=script_code("hardness/figure_errors.py"),
    output:
        report(
            figure("hardness_errors"),
            caption="../report/hardness_errors.rst",
            category="Hardness",
            labels={"figure": "hardness_errors"},
        ),
    log:
        "results/logs/hardness_figure_errors/hardness_figure_errors.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("hardness_figure_errors"),
        runtime=5,
    params:
        instance=HARDNESS_FIGURE_INSTANCE,
    script:
        "../../scripts/hardness/figure_errors.py"


rule hardness_figure_recovery:
    input:
        sweep="results/hardness/recovery_sweep.csv",
        code=script_code("hardness/figure_recovery.py"),
    output:
        report(
            figure("hardness_recovery"),
            caption="../report/hardness_recovery.rst",
            category="Hardness",
            labels={"figure": "hardness_recovery"},
        ),
    log:
        "results/logs/hardness_figure_recovery/hardness_figure_recovery.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("hardness_figure_recovery"),
        runtime=5,
    params:
        m_train=HARDNESS["m_train"],
    script:
        "../../scripts/hardness/figure_recovery.py"
