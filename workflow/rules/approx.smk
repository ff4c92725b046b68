APPROX_TABLES = [
    "results/approx/errors.csv",
    "results/approx/alpha_curve.csv",
    "results/approx/calibration.csv",
    "results/approx/theorem5.csv",
    "results/approx/summary.csv",
    "results/approx/slopes.csv",
]
APPROX_FIGURES = [
    figure("approx_err_vs_opt"),
    figure("approx_alpha"),
    figure("approx_ratio"),
    figure("approx_theorem5_chain"),
]


rule approx_calibrate:
    input:
        code=script_code("approx/calibrate.py"),
    output:
        "results/approx/calibration/{regime}_{noise}_opt{opt}.json",
    log:
        "results/logs/approx_calibrate/{regime}_{noise}_opt{opt}.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("approx_calibrate"),
        runtime=10,
    params:
        seed=config["seed"],
        w_norm=APPROX["w_norm"],
        n_calibration=APPROX["n_calibration"],
        parity_k=APPROX["parity"]["k"],
        parity_eta=APPROX["parity"]["eta"],
    script:
        "../../scripts/approx/calibrate.py"


rule approx_fit:
    input:
        calibration=approx_calibrations,
        code=script_code("approx/fit.py"),
    output:
        errors=f"results/approx/runs/errors/{APPROX_JOB}.csv",
        alpha_curve=f"results/approx/runs/alpha/{APPROX_JOB}.csv",
        theorem5=f"results/approx/runs/theorem5/{APPROX_JOB}.csv",
    log:
        f"results/logs/approx_fit/{APPROX_JOB}.log",
    benchmark:
        f"results/benchmarks/approx_fit/{APPROX_JOB}.tsv"
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("approx_fit"),
        runtime=30,
    params:
        seed=config["seed"],
        section=approx_fit_section(APPROX),
    script:
        "../../scripts/approx/fit.py"


rule approx_aggregate:
    input:
        code=script_code("approx/aggregate.py"),
        errors=APPROX_RUNS["errors"],
        alpha_curve=APPROX_RUNS["alpha"],
        theorem5=APPROX_RUNS["theorem5"],
        calibration=APPROX_CALIBRATIONS,
    output:
        errors="results/approx/errors.csv",
        alpha_curve="results/approx/alpha_curve.csv",
        theorem5="results/approx/theorem5.csv",
        calibration="results/approx/calibration.csv",
    log:
        "results/logs/approx_aggregate/approx_aggregate.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("approx_aggregate"),
        runtime=5,
    params:
        methods=APPROX["methods"],
        opt_check=APPROX["opt_check"],
    script:
        "../../scripts/approx/aggregate.py"


rule approx_summary:
    input:
        errors="results/approx/errors.csv",
        code=script_code("approx/summary.py"),
    output:
        summary=table("results/approx/summary.csv", "Approximation"),
        slopes="results/approx/slopes.csv",
    log:
        "results/logs/approx_summary/approx_summary.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("approx_summary"),
        runtime=5,
    params:
        seed=config["seed"],
        bootstrap=APPROX["slopes"]["bootstrap"],
    script:
        "../../scripts/approx/summary.py"


rule approx_figure_err_vs_opt:
    input:
        summary="results/approx/summary.csv",
        slopes="results/approx/slopes.csv",
        code=script_code("approx/figure_err_vs_opt.py"),
    output:
        report(
            figure("approx_err_vs_opt"),
            caption="../report/approx_err_vs_opt.rst",
            category="Approximation",
            labels={"figure": "approx_err_vs_opt"},
        ),
    log:
        "results/logs/approx_figure_err_vs_opt/approx_figure_err_vs_opt.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("approx_figure_err_vs_opt"),
        runtime=5,
    script:
        "../../scripts/approx/figure_err_vs_opt.py"


rule approx_figure_alpha:
    input:
        alpha_curve="results/approx/alpha_curve.csv",
        code=script_code("approx/figure_alpha.py"),
    output:
        report(
            figure("approx_alpha"),
            caption="../report/approx_alpha.rst",
            category="Approximation",
            labels={"figure": "approx_alpha"},
        ),
    log:
        "results/logs/approx_figure_alpha/approx_figure_alpha.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("approx_figure_alpha"),
        runtime=5,
    script:
        "../../scripts/approx/figure_alpha.py"


rule approx_figure_ratio:
    input:
        summary="results/approx/summary.csv",
        code=script_code("approx/figure_ratio.py"),
    output:
        report(
            figure("approx_ratio"),
            caption="../report/approx_ratio.rst",
            category="Approximation",
            labels={"figure": "approx_ratio"},
        ),
    log:
        "results/logs/approx_figure_ratio/approx_figure_ratio.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("approx_figure_ratio"),
        runtime=5,
    script:
        "../../scripts/approx/figure_ratio.py"


rule approx_figure_theorem5_chain:
    input:
        theorem5="results/approx/theorem5.csv",
        code=script_code("approx/figure_theorem5_chain.py"),
    output:
        report(
            figure("approx_theorem5_chain"),
            caption="../report/approx_theorem5_chain.rst",
            category="Approximation",
            labels={"figure": "approx_theorem5_chain"},
        ),
    log:
        "results/logs/approx_figure_theorem5_chain/approx_figure_theorem5_chain.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("approx_figure_theorem5_chain"),
        runtime=5,
    script:
        "../../scripts/approx/figure_theorem5_chain.py"


rule approx:
    input:
        APPROX_TABLES,
        APPROX_FIGURES,
        "results/approx/provenance.json",
