# The tradeoff itself: the exhaustive learner's time against d and eps (scaling),
# every learner's excess error against its compute (pareto), a budgeted GD against d (gd) and
# Theorem 4's SQ lower bound (sq_bound). Each job draws its own lifted instance in memory.
TRADEOFF_TABLES = [
    "results/tradeoff/scaling.csv",
    "results/tradeoff/pareto.csv",
    "results/tradeoff/gd.csv",
    "results/tradeoff/sq_bound.csv",
]
TRADEOFF_FIGURES = [
    figure("tradeoff_wall"),
    figure("tradeoff"),
    figure("tradeoff_sq_wall"),
    figure("tradeoff_gd"),
]


rule tradeoff:
    input:
        TRADEOFF_TABLES,
        TRADEOFF_FIGURES,
        "results/tradeoff/provenance.json",


rule tradeoff_scaling:
    input:
        code=script_code("tradeoff/scaling.py"),
    output:
        "results/tradeoff/scaling/k{k}_d{d}.json",
    log:
        "results/logs/tradeoff_scaling/k{k}_d{d}.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("tradeoff_scaling"),
        runtime=60,
    params:
        **{
            key: TRADEOFF["scaling"][key]
            for key in ("m_factor", "timed_work", "repeats")
        },
        **{key: TRADEOFF["scaling"][key] for key in ("m_time_min", "m_time_max")},
        **{key: TRADEOFF["scaling"][key] for key in ("block_mb", "max_success_work")},
        seed=config["seed"],
        eta=TRADEOFF["eta"],
        odd_k=HARDNESS["odd_k"],
    script:
        "../../scripts/tradeoff/scaling.py"


rule tradeoff_pareto:
    input:
        code=script_code("tradeoff/pareto.py"),
    output:
        "results/tradeoff/pareto/k{k}_seed{seed}_{learner}.json",
    log:
        "results/logs/tradeoff_pareto/k{k}_seed{seed}_{learner}.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("tradeoff_pareto"),
        runtime=60,
    params:
        seed=config["seed"],
        eta=TRADEOFF["eta"],
        odd_k=HARDNESS["odd_k"],
        d=TRADEOFF["pareto"]["d"],
        m_train=TRADEOFF["pareto"]["m_train"],
        m_val=TRADEOFF["pareto"]["m_val"],
        repeats=TRADEOFF["pareto"]["repeats"],
        base=lambda wc: HARDNESS["params"][wc.learner],
        knobs=lambda wc: TRADEOFF["pareto"]["budgets"][wc.learner],
    script:
        "../../scripts/tradeoff/pareto.py"


rule tradeoff_gd:
    input:
        code=script_code("tradeoff/gd.py"),
    output:
        "results/tradeoff/gd/k{k}_d{d}_seed{seed}.json",
    log:
        "results/logs/tradeoff_gd/k{k}_d{d}_seed{seed}.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("tradeoff_gd"),
        runtime=60,
    params:
        seed=config["seed"],
        eta=TRADEOFF["eta"],
        odd_k=HARDNESS["odd_k"],
        m_train=TRADEOFF["gd"]["m_train"],
        steps=TRADEOFF["gd"]["steps"],
        m_val=TRADEOFF["gd"]["m_val"],
        gd_params=HARDNESS["params"]["gd"],
    script:
        "../../scripts/tradeoff/gd.py"


rule tradeoff_sq_bound:
    input:
        correlation="results/theory/correlation.csv",
        code=script_code("tradeoff/sq_bound.py"),
    output:
        "results/tradeoff/sq_bound.csv",
    log:
        "results/logs/tradeoff_sq_bound/sq_bound.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("tradeoff_sq_bound"),
        runtime=5,
    params:
        **{key: TRADEOFF["sq"][key] for key in ("eps", "eta", "d", "tau_over_eps")},
    script:
        "../../scripts/tradeoff/sq_bound.py"


rule tradeoff_aggregate:
    input:
        scaling=tradeoff_scaling_points(),
        pareto=expand(
            "results/tradeoff/pareto/k{k}_seed{seed}_{learner}.json",
            k=TRADEOFF["pareto"]["k"],
            seed=TRADEOFF["pareto"]["seeds"],
            learner=TRADEOFF["pareto"]["learners"],
        ),
        gd=expand(
            "results/tradeoff/gd/k{k}_d{d}_seed{seed}.json",
            k=TRADEOFF["gd"]["k"],
            d=TRADEOFF["gd"]["d"],
            seed=TRADEOFF["gd"]["seeds"],
        ),
        code=script_code("tradeoff/aggregate.py"),
    output:
        scaling="results/tradeoff/scaling.csv",
        pareto="results/tradeoff/pareto.csv",
        gd="results/tradeoff/gd.csv",
    log:
        "results/logs/tradeoff_aggregate/aggregate.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("tradeoff_aggregate"),
        runtime=10,
    params:
        seed=config["seed"],
        bootstrap=TRADEOFF["scaling"]["bootstrap"],
        d_eps=TRADEOFF["scaling"]["d_eps"],
    script:
        "../../scripts/tradeoff/aggregate.py"


rule tradeoff_figure_wall:
    input:
        scaling="results/tradeoff/scaling.csv",
        code=script_code("tradeoff/figure_wall.py"),
    output:
        report(
            figure("tradeoff_wall"),
            caption="../report/tradeoff_wall.rst",
            category="Tradeoff",
            labels={"figure": "tradeoff_wall"},
        ),
    log:
        "results/logs/tradeoff_figure_wall/tradeoff_wall.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("tradeoff_figure_wall"),
        runtime=5,
    params:
        d_eps=TRADEOFF["scaling"]["d_eps"],
    script:
        "../../scripts/tradeoff/figure_wall.py"


# The title figure keeps the project's name, results/figures/tradeoff.{pdf,png}.
rule tradeoff_figure_title:
    input:
        pareto="results/tradeoff/pareto.csv",
        code=script_code("tradeoff/figure_title.py"),
    output:
        report(
            figure("tradeoff"),
            caption="../report/tradeoff.rst",
            category="Tradeoff",
            labels={"figure": "tradeoff"},
        ),
    log:
        "results/logs/tradeoff_figure_title/tradeoff.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("tradeoff_figure_title"),
        runtime=5,
    params:
        learners=TRADEOFF["pareto"]["learners"],
    script:
        "../../scripts/tradeoff/figure_title.py"


rule tradeoff_figure_sq_wall:
    input:
        sq="results/tradeoff/sq_bound.csv",
        code=script_code("tradeoff/figure_sq_wall.py"),
    output:
        report(
            figure("tradeoff_sq_wall"),
            caption="../report/tradeoff_sq_wall.rst",
            category="Tradeoff",
            labels={"figure": "tradeoff_sq_wall"},
        ),
    log:
        "results/logs/tradeoff_figure_sq_wall/tradeoff_sq_wall.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("tradeoff_figure_sq_wall"),
        runtime=5,
    script:
        "../../scripts/tradeoff/figure_sq_wall.py"


rule tradeoff_figure_gd:
    input:
        gd="results/tradeoff/gd.csv",
        code=script_code("tradeoff/figure_gd.py"),
    output:
        report(
            figure("tradeoff_gd"),
            caption="../report/tradeoff_gd.rst",
            category="Tradeoff",
            labels={"figure": "tradeoff_gd"},
        ),
    log:
        "results/logs/tradeoff_figure_gd/tradeoff_gd.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("tradeoff_figure_gd"),
        runtime=5,
    script:
        "../../scripts/tradeoff/figure_gd.py"
