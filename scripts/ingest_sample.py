"""Snakemake script: ingest one sample's raw ac files (see workflow/rules/ingest.smk)."""

import logging

from spinrelax.io.csv_table import write_csv
from spinrelax.io.ingest import ingest_sample
from spinrelax.io.molar import SampleMetadata
from spinrelax.io.segmentation import SegmentationSettings
from spinrelax.io.spectra_table import write_spectra_table
from spinrelax.pipeline.job_errors import one_line_errors


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w", format="%(message)s")
    p = smk.params
    meta = SampleMetadata(**p.meta)
    segmentation = SegmentationSettings(**p.segmentation)
    files = list(zip(list(smk.input), list(p.names), strict=True))
    with one_line_errors(f"ingest of sample {p.sample}"):  # the traceback goes to the log
        result = ingest_sample(
            p.sample,
            files,
            meta,
            segmentation,
            p.chi_output,
            allow_repeats=p.allow_repeats,
            same_sample=p.same_sample,
            instrument=p.instrument,
        )
    write_spectra_table(result.spectra, smk.output.spectra)
    write_csv(result.rejected, smk.output.rejected)
    write_csv(result.summary, smk.output.summary)
    for row in result.summary.itertuples():
        logging.info(
            "%s: %s, read %d, used %d, rejected %d, %d spectra (%s), mass %s (%s), M %s (%s), %s, "
            "sha256 %s",
            row.file,
            row.format,
            row.rows_read,
            row.rows_used,
            row.rows_rejected,
            row.spectra,
            row.segmentation_decision,
            row.sample_mass_mg,
            row.sample_mass_source,
            row.molar_mass_g_per_mol,
            row.molar_mass_source,
            row.chi_unit,
            row.sha256,
        )


if __name__ == "__main__":
    main(snakemake)
