THEORY_TABLES = [
    "results/theory/hermite.csv",
    "results/theory/correlation.csv",
    "results/theory/claims.csv",
]
THEORY_FIGURES = [figure("theory_correlation"), figure("theory_claims")]


rule theory_hermite:
    input:
        code=script_code("theory/hermite.py"),
    output:
        "results/theory/hermite.csv",
    log:
        "results/logs/theory_hermite/hermite.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("theory_hermite"),
        runtime=5,
    params:
        n_max=config["theory"]["hermite_n_max"],
        check_n_max=config["theory"]["hermite_check_n_max"],
        tolerance=config["theory"]["hermite_tolerance"],
    script:
        "../../scripts/theory/hermite.py"


rule theory_correlation:
    input:
        code=script_code("theory/correlation.py"),
    output:
        table("results/theory/correlation.csv", "Theory"),
    log:
        "results/logs/theory_correlation/correlation.log",
    benchmark:
        "results/benchmarks/correlation.tsv"
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("theory_correlation"),
        runtime=30,
    params:
        seed=config["seed"],
        k_max=config["theory"]["k_max"],
        mc_samples=config["theory"]["mc_samples"],
        mc_chunk=config["theory"]["mc_chunk"],
        n_max=config["theory"]["series_n_max"],
    script:
        "../../scripts/theory/correlation.py"


rule theory_claims:
    input:
        code=script_code("theory/claims.py"),
    output:
        table("results/theory/claims.csv", "Theory"),
    log:
        "results/logs/theory_claims/claims.log",
    benchmark:
        "results/benchmarks/claims.tsv"
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("theory_claims"),
        runtime=30,
    params:
        **config["theory"]["claims"],
        seed=config["seed"],
    script:
        "../../scripts/theory/claims.py"


rule theory_figure_correlation:
    input:
        table="results/theory/correlation.csv",
        code=script_code("theory/figure_correlation.py"),
    output:
        report(
            figure("theory_correlation"),
            caption="../report/theory_correlation.rst",
            category="Theory",
            labels={"figure": "correlation"},
        ),
    log:
        "results/logs/theory_figure_correlation/theory_figure_correlation.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("theory_figure_correlation"),
        runtime=5,
    script:
        "../../scripts/theory/figure_correlation.py"


rule theory_figure_claims:
    input:
        table="results/theory/claims.csv",
        code=script_code("theory/figure_claims.py"),
    output:
        report(
            figure("theory_claims"),
            caption="../report/theory_claims.rst",
            category="Theory",
            labels={"figure": "claims"},
        ),
    log:
        "results/logs/theory_figure_claims/theory_figure_claims.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("theory_figure_claims"),
        runtime=5,
    script:
        "../../scripts/theory/figure_claims.py"


rule theory:
    input:
        THEORY_TABLES,
        THEORY_FIGURES,
        "results/theory/provenance.json",
