rule provenance:
    input:
        code=kernel("provenance"),
    output:
        "results/{section}/provenance.json",
    log:
        "results/logs/provenance/{section}.log",
    wildcard_constraints:
        section="theory|hardness|approx|figures",
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
        "../../scripts/provenance.py"
