rule provenance:
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
        config=config,
        config_sha256=config_hash(config),
        workdir=workflow.basedir,
    script:
        "../../scripts/provenance.py"
