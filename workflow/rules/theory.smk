THEORY_TABLES = [
    "results/theory/hermite.csv",
    "results/theory/correlation.csv",
    "results/theory/claims.csv",
]
THEORY_FIGURES = [figure("correlation"), figure("claims")]


rule hermite:
    input:
        code=kernel("hermite"),
    output:
        "results/theory/hermite.csv",
    log:
        "results/logs/hermite/hermite.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=500,
        runtime=5,
    params:
        n_max=config["theory"]["hermite_n_max"],
        check_n_max=config["theory"]["hermite_check_n_max"],
        tolerance=config["theory"]["hermite_tolerance"],
    script:
        "../../scripts/theory_hermite.py"


rule correlation:
    input:
        code=kernel("correlation", "seeding"),
    output:
        "results/theory/correlation.csv",
    log:
        "results/logs/correlation/correlation.log",
    benchmark:
        "results/benchmarks/correlation.tsv"
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: cost.FIXED_MB["correlation"] * attempt,
        runtime=30,
    params:
        seed=config["seed"],
        k_max=config["theory"]["k_max"],
        mc_samples=config["theory"]["mc_samples"],
        mc_chunk=config["theory"]["mc_chunk"],
        n_max=config["theory"]["series_n_max"],
    script:
        "../../scripts/theory_correlation.py"


rule claims:
    input:
        code=kernel("claims", "correlation", "parity", "relu", "seeding"),
    output:
        "results/theory/claims.csv",
    log:
        "results/logs/claims/claims.log",
    benchmark:
        "results/benchmarks/claims.tsv"
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: cost.FIXED_MB["claims"] * attempt,
        runtime=30,
    params:
        **config["theory"]["claims"],
        seed=config["seed"],
    script:
        "../../scripts/theory_claims.py"


rule figure_correlation:
    input:
        table="results/theory/correlation.csv",
        code=kernel("plotting"),
    output:
        report(
            figure("correlation"),
            caption="../report/correlation.rst",
            category="Theory",
            labels={"figure": "correlation"},
        ),
    log:
        "results/logs/figures/correlation.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    script:
        "../../scripts/theory_figure_correlation.py"


rule figure_claims:
    input:
        table="results/theory/claims.csv",
        code=kernel("plotting", "correlation", "relu"),
    output:
        report(
            figure("claims"),
            caption="../report/claims.rst",
            category="Theory",
            labels={"figure": "claims"},
        ),
    log:
        "results/logs/figures/claims.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    script:
        "../../scripts/theory_figure_claims.py"


rule theory:
    input:
        THEORY_TABLES,
        THEORY_FIGURES,
        "results/theory/provenance.json",
