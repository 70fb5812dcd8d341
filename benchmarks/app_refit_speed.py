"""Benchmark of ``spinrelax app``'s refit after a click (numbers in benchmarks/README.md).

Usage: python benchmarks/app_refit_speed.py [--repeats 11]
One real sample of 30 spectra: the ACMS file of ../shared/realdata (33 spectra, 3 excluded by
the user). A click toggles one point; timed are (1) the spectrum refit
(:func:`spinrelax.cli.sample_fits.chosen_fits` with the app's cache: the exclusions applied, the
changed spectrum refitted, the 30 fits assembled), (2) the whole model-layer update
(:meth:`spinrelax.app.session.Session.analyse`: (1) plus the comparison of every candidate rate
law with its profile intervals and every table) and (3) the page's whole update
(:meth:`spinrelax.app.page.Page.refresh`: (2) plus the data of every plot and table).
Medians of wall and process CPU time over the clicks (CPU time shows the work when other jobs
share the cores). Target: under 300 ms per click for (1); exit status 1 when missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

from timing import wall_and_cpu

from spinrelax.app.page import Page, SavePaths
from spinrelax.app.session import Session
from spinrelax.cli.sample_fits import chosen_fits

REALDATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "realdata"
FILE = "acms_molmag_0Oe.dat"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=11)
    args = parser.parse_args(argv)
    session = Session.load([str(REALDATA / FILE)])
    spectra = session.points.groupby("spectrum").first()
    for _, s in spectra.iloc[30:].iterrows():
        session.toggle_spectrum(s["T_K_spectrum"], s["H_Oe_spectrum"], "benchmark")
    n = spectra.shape[0] - len(session.choices.exclude_spectra)
    p = session.points.iloc[40]
    point = (float(p["T_K"]), float(p["H_Oe"]), float(p["freq_Hz"]))
    page = Page(session, SavePaths(Path("unused.yaml"), Path("unused")))

    def click_spectra() -> None:
        session.toggle_point(*point)
        chosen_fits(session.points, session.rejected, session.choices, fit=session._cached_fits)

    def click_refit() -> None:
        session.toggle_point(*point)
        session.analyse()

    def click_page() -> None:
        session.toggle_point(*point)
        page.refresh()

    print(f"{FILE}: {n} spectra, {len(session.points)} points read; {args.repeats} clicks each, "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    print("step                                               wall median (best)  CPU median")
    medians = []
    for label, fn in (("(1) spectrum refit after a click", click_spectra),
                      ("(2) + rate-law comparison, intervals and tables", click_refit),
                      ("(3) + data of every plot and table (page update)", click_page)):  # fmt: skip
        fn()  # warm-up
        wall, cpu = wall_and_cpu(fn, args.repeats)
        medians.append(statistics.median(wall))
        print(f"{label:<50} {medians[-1] * 1e3:6.0f} ms ({min(wall) * 1e3:.0f})"
              f"  {statistics.median(cpu) * 1e3:6.0f} ms")  # fmt: skip
    return 0 if medians[0] < 0.3 else 1


if __name__ == "__main__":
    sys.exit(main())
