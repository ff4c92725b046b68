# The tradeoff itself: the exhaustive learner's time against d and eps (scaling),
# every learner's excess error against its compute (pareto), a budgeted GD against d (gd) and
# Theorem 4's SQ lower bound (sq_bound). Each job draws its own lifted instance in memory.
TRADEOFF_TABLES = [
    "results/tradeoff/scaling.csv",
    "results/tradeoff/pareto.csv",
    "results/tradeoff/gd.csv",
    "results/tradeoff/sq_bound.csv",
    "results/tradeoff/upper_bound.csv",
    "results/tradeoff/lowdeg.csv",
    "results/tradeoff/sides.csv",
]
TRADEOFF_FIGURES = [
    figure("tradeoff_wall"),
    figure("tradeoff"),
    figure("tradeoff_sq_wall"),
    figure("tradeoff_gd"),
    figure("tradeoff_sides"),
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


# Both sides of the tradeoff: the degree polynomial regression needs (upper_bound), degree-l least
# squares measured (lowdeg), and the figure joining them with the SQ bound and the scan (sides).
rule tradeoff_upper_bound:
    input:
        code=script_code("tradeoff/upper_bound.py"),
    output:
        "results/tradeoff/upper_bound.csv",
    log:
        "results/logs/tradeoff_upper_bound/upper_bound.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        # The tail is summed over max(4 degree_max, 1e6) coefficients.
        mem_mb=mem_mb("tradeoff_upper_bound"),
        runtime=5,
    params:
        **{
            key: TRADEOFF["upper"][key]
            for key in ("opt", "degree_max", "fit_min_degree", "fit_eps_fraction")
        },
        eps=TRADEOFF["sq"]["eps"],
        d=TRADEOFF["sq"]["d"] + TRADEOFF["sides"]["d"],
    script:
        "../../scripts/tradeoff/upper_bound.py"


rule tradeoff_lowdeg:
    input:
        code=script_code("tradeoff/lowdeg.py"),
    output:
        "results/tradeoff/lowdeg/{model}_seed{seed}.json",
    log:
        "results/logs/tradeoff_lowdeg/{model}_seed{seed}.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        # The float64 (features x m_train) design, at most max_features x m_train entries, with
        # its per-degree factor tables and the Gram matrix (cost.FIXED_MB covers the defaults).
        mem_mb=mem_mb("tradeoff_lowdeg"),
        runtime=30,
    params:
        **{
            key: TRADEOFF["lowdeg"][key]
            for key in ("d", "degrees", "max_features", "m_train", "m_test", "repeats")
        },
        **{key: TRADEOFF["lowdeg"][key] for key in ("opt_target", "calibration")},
        seed=config["seed"],
        eta=TRADEOFF["eta"],
        odd_k=HARDNESS["odd_k"],
        ridge=HARDNESS["params"]["lowdeg"]["ridge"],
        approx={key: config["approx"][key] for key in ("w_norm", "parity")},
    script:
        "../../scripts/tradeoff/lowdeg.py"


rule tradeoff_aggregate_lowdeg:
    input:
        fits=expand(
            "results/tradeoff/lowdeg/{model}_seed{seed}.json",
            model=tradeoff_lowdeg_models(),
            seed=TRADEOFF["lowdeg"]["seeds"],
        ),
        code=script_code("tradeoff/aggregate_lowdeg.py"),
    output:
        "results/tradeoff/lowdeg.csv",
    log:
        "results/logs/tradeoff_aggregate_lowdeg/aggregate_lowdeg.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("tradeoff_aggregate_lowdeg"),
        runtime=5,
    script:
        "../../scripts/tradeoff/aggregate_lowdeg.py"


rule tradeoff_sides:
    input:
        correlation="results/theory/correlation.csv",
        upper="results/tradeoff/upper_bound.csv",
        scaling="results/tradeoff/scaling.csv",
        lowdeg="results/tradeoff/lowdeg.csv",
        code=script_code("tradeoff/sides.py"),
    output:
        "results/tradeoff/sides.csv",
    log:
        "results/logs/tradeoff_sides/sides.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("tradeoff_sides"),
        runtime=5,
    params:
        eps=TRADEOFF["sq"]["eps"],
        eta=TRADEOFF["eta"],
        d=TRADEOFF["sides"]["d"],
    script:
        "../../scripts/tradeoff/sides.py"


rule tradeoff_figure_sides:
    input:
        sides="results/tradeoff/sides.csv",
        code=script_code("tradeoff/figure_sides.py"),
    output:
        report(
            figure("tradeoff_sides"),
            caption="../report/tradeoff_sides.rst",
            category="Tradeoff",
            labels={"figure": "tradeoff_sides"},
        ),
    log:
        "results/logs/tradeoff_figure_sides/tradeoff_sides.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("tradeoff_figure_sides"),
        runtime=5,
    params:
        d=TRADEOFF["sides"]["d"],
        band_opt=TRADEOFF["sides"]["band_opt"],
    script:
        "../../scripts/tradeoff/figure_sides.py"
