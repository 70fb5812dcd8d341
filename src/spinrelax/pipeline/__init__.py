"""Support of the Snakemake workflow and of reproducible runs: start-up checks of a run's
config and sample sheet, per-rule code digests, provenance records and the manifest, the
portable numerics both the workflow and the command line pin, and the finalising and checking
of the workflow's HTML report. No Snakemake import: the rules call these functions."""
