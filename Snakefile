from snakemake.utils import min_version

min_version("9.0")


configfile: "config.yaml"


report: "workflow/report/workflow.rst"


include: "workflow/rules/common.smk"
include: "workflow/rules/theory.smk"
include: "workflow/rules/hardness.smk"
include: "workflow/rules/approx.smk"
include: "workflow/rules/tradeoff.smk"
include: "workflow/rules/report.smk"


rule all:
    default_target: True
    input:
        rules.theory.input,
        rules.hardness.input,
        rules.approx.input,
        rules.tradeoff.input,
        rules.summary.input,


rule figures:
    input:
        THEORY_FIGURES,
        HARDNESS_FIGURES,
        APPROX_FIGURES,
        TRADEOFF_FIGURES,
        "results/figures/provenance.json",
