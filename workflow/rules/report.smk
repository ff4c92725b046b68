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
        mem_mb=500,
        runtime=5,
    params:
        config=lambda wc: section_config(wc.section),
        config_sha256=lambda wc: config_hash(section_config(wc.section)),
    script:
        "../../scripts/report/provenance.py"


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
        mem_mb=1000,
        runtime=5,
    script:
        "../../scripts/report/rulegraph.py"
