rule report_provenance:
    input:
        code=script_code("report/provenance.py"),
    output:
        "results/{section}/provenance.json",
    log:
        "results/logs/report_provenance/{section}.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("report_provenance"),
        runtime=5,
    params:
        config=lambda wc: section_config(wc.section),
        config_sha256=lambda wc: config_hash(section_config(wc.section)),
    script:
        "../../scripts/report/provenance.py"


# The claims summary reads these tables; the optional ones join only when a rule of this
# workflow produces them (the tradeoff wing, Theorem 5's table).
SUMMARY_TABLES = {
    "hermite": "results/theory/hermite.csv",
    "correlation": "results/theory/correlation.csv",
    "claims": "results/theory/claims.csv",
    "recovery": "results/hardness/recovery.csv",
    "approx_summary": "results/approx/summary.csv",
}
SUMMARY_OPTIONAL = {
    "theorem5": "results/approx/theorem5.csv",
    "scaling": "results/tradeoff/scaling.csv",
    "pareto": "results/tradeoff/pareto.csv",
}
SUMMARY_OUTPUTS = ["results/summary.md", "results/summary.csv"]


rule summary:
    input:
        SUMMARY_OUTPUTS,


rule report_summary:
    input:
        **SUMMARY_TABLES,
        **{
            name: path
            for name, path in SUMMARY_OPTIONAL.items()
            if path in APPROX_TABLES + globals().get("TRADEOFF_TABLES", [])
        },
        code=script_code("report/summary.py"),
    output:
        md="results/summary.md",
        csv=report(
            "results/summary.csv",
            caption="../report/summary.rst",
            category="0. Claims summary",
            labels={"table": "claims summary"},
        ),
    log:
        "results/logs/report_summary/report_summary.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("report_summary"),
        runtime=5,
    params:
        hermite_tolerance=config["theory"]["hermite_tolerance"],
    script:
        "../../scripts/report/summary.py"


rule docs:
    input:
        "docs/results.md",


rule report_docs:
    input:
        # everything `all` makes, so that every benchmark is in
        rules.theory.input,
        rules.hardness.input,
        rules.approx.input,
        rules.tradeoff.input,
        summary="results/summary.csv",
        recovery="results/hardness/recovery.csv",
        correlation="results/theory/correlation.csv",
        slopes="results/approx/slopes.csv",
        scaling="results/tradeoff/scaling.csv",
        named_configs=sorted(glob.glob("config/*.yaml")),
        code=script_code("report/docs.py"),
    output:
        "docs/results.md",
    log:
        "results/logs/report_docs/report_docs.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("report_docs"),
        runtime=5,
    params:
        config=config,
        sha=config_hash(config),
        benchmarks="results/benchmarks",
    script:
        "../../scripts/report/docs.py"


rule report_rulegraph:
    input:
        code=script_code("report/rulegraph.py"),
    output:
        dot="docs/rulegraph.dot",
        svg="docs/rulegraph.svg",
    log:
        "results/logs/report_rulegraph/rulegraph.log",
    conda:
        CONDA_ENV
    threads: 1
    resources:
        mem_mb=mem_mb("report_rulegraph"),
        runtime=5,
    script:
        "../../scripts/report/rulegraph.py"
