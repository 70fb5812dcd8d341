"""Snakemake script: rate laws, tables, figures and report of one sample (own_data.smk); its DC
decay and waveform files are fitted and joined as ``spinrelax report`` does
(:mod:`spinrelax.sample_report.time_domain`)."""

import hashlib
import logging
from pathlib import Path

import pandas as pd

from spinrelax.acsus.fit_rows import fit_rows
from spinrelax.acsus.settings import fit_settings
from spinrelax.errors import InputFormatError, RateLawError
from spinrelax.io.sample_settings import checked_law_settings
from spinrelax.io.user_exclusions import exclude_from_sample
from spinrelax.pipeline.job_errors import one_line_errors
from spinrelax.sample_report.html import write_report
from spinrelax.sample_report.outputs import write_sample_outputs
from spinrelax.sample_report.texts import settings_text
from spinrelax.sample_report.time_domain import info_lines, join_waveform, read_time_domain


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w", format="%(message)s")
    p = smk.params
    law = checked_law_settings(p.rates, file=p.sheet, line=p.sheet_line, sample=p.sample)
    points = pd.read_parquet(smk.input.spectra)
    rejected = pd.read_csv(smk.input.rejected).drop(columns=["sample"])
    with one_line_errors(f"report of sample {p.sample}"):
        points, rejected = exclude_from_sample(points, rejected, p.exclusions)
    # the layout of spinrelax report's table: the same bytes for the same choices
    fits = fit_rows(points, pd.read_csv(smk.input.fits), ["spectrum"])
    out_dir = Path(smk.output.report).parent
    try:  # every DC and waveform file is read before anything is written
        td = read_time_domain(list(smk.input.dc), list(smk.input.waveform), p.sample)
    except InputFormatError as exc:
        logging.error("%s", exc)
        raise SystemExit(f"sample {p.sample}: {exc}") from None
    fits = join_waveform(fits, td, fit_settings(p.fit))
    try:
        out = write_sample_outputs(p.sample, points, fits, out_dir, law, rejected, td)
    except RateLawError as exc:  # a law set for this sample failed: one line, no output
        logging.error("%s", exc)
        raise SystemExit(f"rate law of sample {p.sample}: {exc}") from None
    summary = pd.read_csv(smk.input.summary)
    info = {
        "compound": p.compound,
        "files": ", ".join([*summary["file"], *smk.input.dc, *smk.input.waveform]),
        "chi unit": out.chi_unit,
    }
    info |= info_lines(td, out.results.points)
    if out.chi_unit == "emu/Oe":
        info["note"] = "no mass and molar mass for this sample: chi in the file's unit (emu/Oe)"
        logging.warning("%s: %s", p.sample, info["note"])
    if smk.input.settings:
        digest = hashlib.sha256(Path(smk.input.settings[0]).read_bytes()).hexdigest()
        info["settings"] = f"{smk.input.settings[0]} (sha256 {digest})"
    write_report(smk.output.report, [(out, info)], settings_text(law, p.fit))
    for note in out.notes:
        logging.info("%s: %s", p.sample, note)
    logging.info("%s: %d spectra, tables in %s", p.sample, len(fits), smk.output.tables)


main(snakemake)
