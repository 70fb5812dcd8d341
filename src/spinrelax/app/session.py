"""The app's model layer, without a browser: the read points of one sample, the user's choices,
and the fits and tables under those choices, computed by the same functions as
``spinrelax report`` (:func:`spinrelax.cli.sample_fits.chosen_fits`,
:func:`spinrelax.sample_report.outputs.sample_tables`), so the tables it shows are the bytes
``spinrelax report FILE --settings S.yaml`` writes (:meth:`Session.table_bytes`).
"""

from __future__ import annotations

import argparse
import io
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import pandas as pd

from spinrelax.acsus.fitting import FitSettings
from spinrelax.cli import main as cli_main
from spinrelax.cli.fit_ac_cmd import fit_points, segmented_points
from spinrelax.cli.fit_rates_cmd import add_law_options, settings_from_args
from spinrelax.cli.sample_fits import chosen_fits
from spinrelax.io.csv_table import FLOAT_FORMAT
from spinrelax.io.segmentation import SegmentationSettings
from spinrelax.io.settings_file import Exclusion, SampleChoices, settings_text, with_sample
from spinrelax.rates.analysis import RateResults
from spinrelax.rates.settings import law_settings
from spinrelax.sample_report.outputs import sample_tables


@dataclass
class Analysis:
    """Everything shown for one set of choices: points used, excluded rows, fits, rate results,
    and every CSV table of the report by name."""

    points: pd.DataFrame
    rejected: pd.DataFrame
    fits: pd.DataFrame
    results: RateResults
    tables: dict[str, pd.DataFrame]


@dataclass
class Session:
    """One sample's files read once, and the choices the user makes on them."""

    files: list[str]
    sample: str
    points: pd.DataFrame
    rejected: pd.DataFrame
    choices: SampleChoices = field(default_factory=SampleChoices)
    mass_mg: float | None = None
    molar_mass: float | None = None
    file_units: bool = False
    segmentation: SegmentationSettings | None = None
    allow_repeats: bool = False
    same_sample: bool = False
    _fits: dict = field(default_factory=dict, repr=False)

    @classmethod
    def load(
        cls,
        files: list[str],
        sample: str | None = None,
        choices: SampleChoices | None = None,
        mass_mg: float | None = None,
        molar_mass: float | None = None,
        file_units: bool = False,
        segmentation: SegmentationSettings | None = None,
        allow_repeats: bool = False,
        same_sample: bool = False,
    ) -> Session:
        """Read and segment ``files`` as ``spinrelax report`` does with the same options
        (default segmentation: :class:`SegmentationSettings`)."""
        points, rejected = segmented_points(
            list(files), mass_mg, molar_mass, segmentation, use_header=not file_units,
            allow_repeats=allow_repeats, check_compound=not same_sample,
        )  # fmt: skip
        return cls(list(files), sample or Path(files[0]).stem, points, rejected,
                   choices or SampleChoices(), mass_mg, molar_mass, file_units, segmentation,
                   allow_repeats, same_sample)  # fmt: skip

    def law_settings(self):
        """The rate-law settings of the choices (defaults of ``report`` for the keys not set)."""
        parser = argparse.ArgumentParser()
        add_law_options(parser)
        return settings_from_args(parser.parse_args([]), self.choices.rates)

    def analyse(self) -> Analysis:
        """Exclude, fit every spectrum, fit the rate laws: one pass of the report's stages."""
        law = self.law_settings()
        points, fits, rejected = chosen_fits(
            self.points, self.rejected, self.choices, fit=self._cached_fits
        )
        fits, results, tables = sample_tables(self.sample, fits, law, rejected)
        return Analysis(points, rejected, fits, results, tables)

    def _cached_fits(self, points: pd.DataFrame, settings: FitSettings) -> pd.DataFrame:
        """:func:`fit_points` refitting only the spectra whose points or settings changed since
        they were last fitted. With one model for every spectrum each spectrum's fit is the same
        alone as in the batch (tested), so a click refits one spectrum; ``auto`` chooses one
        model per series from all its spectra, so it refits all."""
        if settings.model == "auto":
            return fit_points(points, settings)
        groups = points.groupby(["file_index", "spectrum"], sort=True)
        keys = {g: (settings, tuple(rows["line"])) for g, rows in groups}
        todo = [g for g, key in keys.items() if self._fits.get(g, (None, None))[0] != key]
        if todo:
            wanted = pd.MultiIndex.from_frame(points[["file_index", "spectrum"]]).isin(todo)
            fresh = fit_points(points.loc[wanted], settings)
            for g, row in fresh.groupby(["file_index", "spectrum"], sort=True):
                self._fits[g] = (keys[g], row)
        return pd.concat([self._fits[g][1] for g in keys], ignore_index=True)

    # --- choices ----------------------------------------------------------------------------
    def toggle_point(self, T_K: float, H_Oe: float, f_Hz: float, reason: str = "") -> None:
        """Exclude the point at (T, H, f), or bring it back when it is excluded."""
        kept = [e for e in self.choices.exclude_points if not _same(e, T_K, H_Oe, f_Hz)]
        if len(kept) == len(self.choices.exclude_points):
            kept.append(Exclusion(T_K, H_Oe, f_Hz, reason))
        self.choices = replace(self.choices, exclude_points=kept)

    def toggle_spectrum(self, T_K: float, H_Oe: float, reason: str = "") -> None:
        """Exclude the spectrum at (T, H), or bring it back when it is excluded."""
        kept = [e for e in self.choices.exclude_spectra if not _same(e, T_K, H_Oe, None)]
        if len(kept) == len(self.choices.exclude_spectra):
            kept.append(Exclusion(T_K, H_Oe, None, reason))
        self.choices = replace(self.choices, exclude_spectra=kept)

    def set_rates(self, **values) -> None:
        """Set rate-law keys (``law``, ``T_min_K``, ``fixed`` ...); None or "" removes a key.
        A bad value raises ValueError and leaves the choices as they were."""
        rates = dict(self.choices.rates)
        for key, value in values.items():
            if value is None or value == "":
                rates.pop(key, None)
            else:
                rates[key] = value
        law_settings(rates)
        self.choices = replace(self.choices, rates=rates)

    # --- output -----------------------------------------------------------------------------
    def settings_yaml(self) -> str:
        """The settings file of the current choices."""
        return settings_text(self.sample, self.choices)

    def save(self, settings_path: str | Path, report_dir: str | Path) -> int:
        """Write the settings file (other samples' blocks in it are kept), then the report for
        it with ``spinrelax report`` and the same reading options."""
        path = Path(settings_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        path.write_text(with_sample(old, self.sample, self.choices), encoding="utf-8")
        argv = ["report", *self.files, "-o", str(report_dir), "--sample", self.sample,
                "--settings", str(path)]  # fmt: skip
        if self.mass_mg is not None:
            argv += ["--mass-mg", repr(self.mass_mg), "--molar-mass", repr(self.molar_mass)]
        if self.file_units:
            argv.append("--file-units")
        if self.segmentation is not None:
            for f in fields(self.segmentation):
                argv += ["--" + f.name.replace("_", "-"), str(getattr(self.segmentation, f.name))]
        argv += ["--allow-repeats"] * self.allow_repeats + ["--same-sample"] * self.same_sample
        return cli_main(argv)


def table_bytes(table: pd.DataFrame) -> bytes:
    """The bytes :func:`spinrelax.io.csv_table.write_csv` writes for ``table``."""
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, float_format=FLOAT_FORMAT, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def _same(e: Exclusion, T_K: float, H_Oe: float, f_Hz: float | None) -> bool:
    return e.T_K == T_K and e.H_Oe == H_Oe and e.f_Hz == f_Hz
