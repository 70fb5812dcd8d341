"""One deflection profile file -> behaviour, moment and relaxed fraction (plus QC fit rows).

Steps (paper 2, Secs. III-IV; PHYSICS.md):
1. positions z (mm) from arrival times, zero at the magnet-off mean;
2. gradient product K: the file's ``K_calib_T_m``, else an Al calibration run, else the geometry;
   deflection per muB d1 = muB K / (m v^2);
3. joint Poisson fits of both profiles for every shape and magnet-on model; AIC picks
   the shape and peak count within a behaviour; summed Akaike weights of the behaviours whose
   deflection is resolved give the classification and its confidence;
4. atomic-like: mu = d / d1 from the selected split model, relaxed fraction from the 3-peak fit
   when it is resolved (likelihood ratio over the 2-peak fit >= 2.71), else a 95 % one-sided
   profile-likelihood upper limit (``relaxed_fraction_upper_limit``) and no value;
   superparamagnetic: mu_eff = mean shift / d1, mu by Brillouin inversion at the cluster
   temperature (error from sigma_T propagated), Langevin beside it;
   non-magnetic: mu_eff with an upper limit |mu_eff| + k sigma.

A selected fit that did not converge publishes no number: its row keeps the classification
and the flag ``fit_not_converged`` with every value empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from spinrelax.io.deflection_profile import DeflectionProfile
from spinrelax.papers.clusters.brillouin import moment_from_mu_eff
from spinrelax.papers.clusters.classify import akaike_weights, classify
from spinrelax.papers.clusters.geometry import (
    AL_MOMENT_MUB,
    bin_widths_mm,
    calibrate_gradient_product_T_m,
    deflection_per_muB_mm,
    gradient_product_T_m,
    position_mm,
)
from spinrelax.papers.clusters.mean_shift import mean_shift_mm
from spinrelax.papers.clusters.poisson_fit import PoissonFit
from spinrelax.papers.clusters.profile_fit import (
    BEHAVIOUR_OF_MODEL,
    ON_MODELS,
    ProfileData,
    fit_joint,
    relaxed_fraction_upper_limit,
)
from spinrelax.papers.clusters.shapes import SHAPES

#: Likelihood-ratio statistic D(split2) - D(split3) above which the relaxed fraction counts as
#: resolved: chi2_1 quantile 0.90, the 95 % one-sided test of f > 0 at its bound.
RELAXED_RESOLVED_DELTA_DEVIANCE: float = 2.705543454095404
#: Columns that hold a number of the selected fit (emptied when it did not converge).
FIT_VALUE_COLUMNS: tuple[str, ...] = (
    "moment_muB",
    "moment_err_muB",
    "moment_err_T_muB",
    "moment_langevin_muB",
    "moment_upper_limit_muB",
    "mu_eff_muB",
    "mu_eff_err_muB",
    "relaxed_fraction",
    "relaxed_fraction_err",
    "relaxed_fraction_upper_limit",
    "deflection_mm",
    "deflection_err_mm",
    "reduced_deviance",
)


@dataclass(frozen=True)
class Calibration:
    """Gradient product K (T m) with its 1-sigma error, and where it came from."""

    K_T_m: float
    K_err_T_m: float
    source: str


@dataclass
class FitSet:
    """Every joint (shape, model) fit of one profile file."""

    data: ProfileData
    fits: dict[tuple[str, str], PoissonFit] = field(default_factory=dict)


def condition_label(profile: DeflectionProfile) -> str:
    """Label of the measurement condition from the optional metadata (source T, pressure, nozzle)."""
    parts = []
    if "source_T_K" in profile.meta:
        parts.append(f"T{float(profile.meta['source_T_K']):g}K")
    if "pressure_bar" in profile.meta:
        parts.append(f"{float(profile.meta['pressure_bar']):g}bar")
    if "nozzle" in profile.meta:
        parts.append(str(profile.meta["nozzle"]))
    return "_".join(parts) if parts else "default"


def gradient_calibration(profile: DeflectionProfile, run: Calibration | None = None) -> Calibration:
    """K from the file (``K_calib_T_m``), else from a calibration run, else from the geometry."""
    if "K_calib_T_m" in profile.meta:
        return Calibration(float(profile.meta["K_calib_T_m"]), 0.0, "file")
    if run is not None:
        return run
    m = profile.meta
    K = gradient_product_T_m(float(m["dBdz_T_per_m"]), float(m["L1_m"]), float(m["L2_m"]))
    return Calibration(K, 0.0, "geometry")


def effective_deflection_per_muB_mm(profile: DeflectionProfile, K_T_m: float) -> float:
    """Mean deflection per muB over the velocity spread: d1(v) <(v/v_i)^2> ~ d1 (1 + 3 s^2).

    d ~ 1/v^2; for a Gaussian velocity spread of relative width s, <v^2/v_i^2> = 1 + 3 s^2 to
    second order in s.
    """
    m = profile.meta
    d1 = deflection_per_muB_mm(K_T_m, float(m["mass_u"]), float(m["v_m_per_s"]))
    return d1 * (1.0 + 3.0 * float(m["v_rel_sigma"]) ** 2)


def profile_data(profile: DeflectionProfile) -> ProfileData:
    """Positions (mm, zero at the magnet-off mean), bin widths (mm) and counts of a file."""
    m = profile.meta
    raw = position_mm(profile.t_ns, 0.0, float(m["ns_per_mm"]), int(m["tof_sign"]))
    w = np.clip(profile.counts_off - np.median(profile.counts_off), 0.0, None)
    ref = float(np.sum(w * raw) / w.sum()) if w.sum() > 0 else float(np.mean(raw))
    z = raw - ref
    return ProfileData(
        z, bin_widths_mm(z), profile.counts_off, profile.counts_on, float(m["v_rel_sigma"])
    )


def fit_profile(profile: DeflectionProfile, models: tuple[str, ...] = ON_MODELS) -> FitSet:
    """Joint fits of every shape and every magnet-on model in ``models``."""
    out = FitSet(profile_data(profile))
    for shape in SHAPES:
        for model in models:
            out.fits[(shape, model)] = fit_joint(
                shape, model, out.data, out.fits.get((shape, "split2"))
            )
    return out


def _best(fits: FitSet, keys: list[tuple[str, str]]) -> tuple[str, str]:
    return min(keys, key=lambda k: fits.fits[k].aic)


def calibrate_from_al_run(profile: DeflectionProfile) -> Calibration:
    """K from an atom beam of moment 1/3 muB (Al 2P1/2): K = d m v^2 / (muB/3) (PHYSICS.md).

    The split d is corrected for the velocity spread like every deflection (factor 1 + 3 s^2).
    """
    fits = fit_profile(profile, models=("split2", "split3"))
    fit = fits.fits[_best(fits, list(fits.fits))]
    d, d_err = fit.value("split_mm"), fit.error("split_mm")
    m = profile.meta
    d_mean_v = d / (1.0 + 3.0 * float(m["v_rel_sigma"]) ** 2)
    K = calibrate_gradient_product_T_m(
        d_mean_v, float(m["mass_u"]), float(m["v_m_per_s"]), AL_MOMENT_MUB
    )
    return Calibration(K, K * d_err / d, "calibration_run")


def detection_significance(fits: FitSet, key: tuple[str, str]) -> float:
    """Likelihood-ratio significance sqrt(D_none - D_model) of a magnetic model (same shape).

    The magnetic models contain ``none`` as a special case, so the deviance drop is a
    likelihood-ratio statistic; its square root is the significance in sigma (Wilks).
    """
    drop = fits.fits[(key[0], "none")].deviance - fits.fits[key].deviance
    return float(np.sqrt(max(drop, 0.0)))


def classify_fits(fits: FitSet, detection_sigma: float) -> tuple[str, float, tuple[str, str]]:
    """Behaviour, confidence and selected (shape, model).

    Within a behaviour the shape and the number of peaks are chosen by AIC. A magnetic
    behaviour is admissible only if its best fit beats ``none`` by ``detection_sigma`` or more
    (:func:`detection_significance`), and superparamagnetic needs its shift itself resolved
    at ``detection_sigma`` (a single-sided profile); the behaviour is the admissible one (non-magnetic always is) with the largest
    summed Akaike weight, and the confidence is that weight among the admissible behaviours.
    """
    keys = list(fits.fits)
    best_of = {
        b: _best(fits, [k for k in keys if BEHAVIOUR_OF_MODEL[k[1]] == b])
        for b in set(BEHAVIOUR_OF_MODEL.values())
    }
    admissible = ["non_magnetic"]
    if detection_significance(fits, best_of["atomic_like"]) >= detection_sigma:
        admissible.append("atomic_like")
    sp = fits.fits[best_of["superparamagnetic"]]
    shift_sigma = (
        abs(sp.value("shift_mm")) / sp.error("shift_mm") if sp.error("shift_mm") > 0 else 0.0
    )
    if (
        min(detection_significance(fits, best_of["superparamagnetic"]), shift_sigma)
        >= detection_sigma
    ):
        admissible.append("superparamagnetic")
    cand = [k for k in keys if BEHAVIOUR_OF_MODEL[k[1]] in admissible]
    behaviour, confidence, _ = classify(
        [fits.fits[k].aic for k in cand], [BEHAVIOUR_OF_MODEL[k[1]] for k in cand]
    )
    return behaviour, confidence, best_of[behaviour]


def max_significance(fits: FitSet, shape: str) -> float:
    """Largest likelihood-ratio significance of any magnetic model of ``shape`` (sigma).

    Only the selected shape counts: a shape that does not describe the beam image (deviance
    far above the other's) has magnetic fits that chase noise in several local minima.
    """
    return max(
        detection_significance(fits, k)
        for k in fits.fits
        if k[0] == shape and BEHAVIOUR_OF_MODEL[k[1]] != "non_magnetic"
    )


def analyse_profile(
    profile: DeflectionProfile,
    *,
    calibration: Calibration | None = None,
    T_sigma_K: float = 10.0,
    upper_limit_sigma: float = 2.0,
    detection_sigma: float = 5.0,
    relaxed_flag_fraction: float = 0.2,
) -> tuple[dict, list[dict]]:
    """Analyse one file: a result row (moments table) and one QC row per fit (see module doc)."""
    m = profile.meta
    cal = gradient_calibration(profile, calibration)
    d1 = effective_deflection_per_muB_mm(profile, cal.K_T_m)
    d1_rel_err = cal.K_err_T_m / cal.K_T_m
    fits = fit_profile(profile)
    behaviour, confidence, key = classify_fits(fits, detection_sigma)
    best = fits.fits[key]
    shift, shift_err = mean_shift_mm(
        fits.data.z_mm,
        profile.counts_off,
        profile.counts_on,
        best.value("bg_off"),
        best.value("bg_on"),
    )
    mu_eff = shift / d1
    mu_eff_err = float(np.hypot(shift_err / d1, mu_eff * d1_rel_err))
    T = float(m["T_cluster_K_nominal"])
    nan = float("nan")
    row = {
        "behaviour": behaviour,
        "confidence": confidence,
        "shape": key[0],
        "model": key[1],
        "moment_muB": nan,
        "moment_err_muB": nan,
        "moment_err_T_muB": nan,
        "moment_langevin_muB": nan,
        "moment_upper_limit_muB": nan,
        "mu_eff_muB": mu_eff,
        "mu_eff_err_muB": mu_eff_err,
        "relaxed_fraction": nan,
        "relaxed_fraction_err": nan,
        "relaxed_fraction_upper_limit": nan,
        "deflection_mm": nan,
        "deflection_err_mm": nan,
        "deflection_per_muB_mm": d1,
        "K_T_m": cal.K_T_m,
        "K_err_T_m": cal.K_err_T_m,
        "K_source": cal.source,
        "T_cluster_K": T,
        "T_cluster_sigma_K": T_sigma_K,
        "significance_sigma": (
            max_significance(fits, key[0])
            if behaviour == "non_magnetic"
            else detection_significance(fits, key)
        ),
        "converged": best.converged,
        "reduced_deviance": best.reduced_deviance,
        "flag": "" if best.converged else "fit_not_converged",
    }
    if behaviour == "atomic_like":
        d, d_err = best.value("split_mm"), best.error("split_mm")
        row.update(
            moment_muB=d / d1,
            moment_err_muB=float(np.hypot(d_err / d1, d / d1 * d1_rel_err)),
            deflection_mm=d,
            deflection_err_mm=d_err,
            **relaxed_fraction_columns(fits, key[0]),
        )
        if row["relaxed_fraction"] > relaxed_flag_fraction:
            # Clusters flipping inside the magnet land between 0 and +-d (PHYSICS.md): the
            # three-peak model then pulls d inwards, so the moment is a lower bound.
            row["flag"] = ";".join(f for f in (row["flag"], "partially_relaxed") if f)
    elif behaviour == "superparamagnetic":
        inv = moment_from_mu_eff(mu_eff, mu_eff_err, float(m["B_T"]), T, T_sigma_K)
        row.update(
            moment_muB=inv["moment_muB"],
            moment_err_muB=inv["moment_err_muB"],
            moment_err_T_muB=inv["moment_err_T_muB"],
            moment_langevin_muB=inv["moment_langevin_muB"],
            deflection_mm=shift,
            deflection_err_mm=shift_err,
        )
    else:
        row.update(
            moment_muB=mu_eff,
            moment_err_muB=mu_eff_err,
            moment_upper_limit_muB=abs(mu_eff) + upper_limit_sigma * mu_eff_err,
            deflection_mm=shift,
            deflection_err_mm=shift_err,
        )
    if not best.converged:
        row.update(dict.fromkeys(FIT_VALUE_COLUMNS, nan))
    return row, qc_rows(fits, key)


def relaxed_fraction_columns(fits: FitSet, shape: str) -> dict[str, float]:
    """Relaxed fraction with its Wald error if resolved, else its one-sided 95 % upper limit.

    Resolved: D(split2) - D(split3) >= :data:`RELAXED_RESOLVED_DELTA_DEVIANCE` (split3 at f = 0
    is split2). Otherwise the fraction is reported only as the profile-likelihood limit.
    """
    nan = float("nan")
    three = fits.fits[(shape, "split3")]
    drop = fits.fits[(shape, "split2")].deviance - three.deviance
    if drop >= RELAXED_RESOLVED_DELTA_DEVIANCE:
        return {
            "relaxed_fraction": three.value("relaxed_fraction"),
            "relaxed_fraction_err": three.error("relaxed_fraction"),
            "relaxed_fraction_upper_limit": nan,
        }
    return {
        "relaxed_fraction": nan,
        "relaxed_fraction_err": nan,
        "relaxed_fraction_upper_limit": relaxed_fraction_upper_limit(shape, fits.data, three),
    }


_MAIN_PARAM = {"none": "area_on", "shift": "shift_mm", "split2": "split_mm", "split3": "split_mm"}


def qc_rows(fits: FitSet, selected: tuple[str, str]) -> list[dict]:
    """One QC row per joint fit: deviance, AIC, Akaike weight, converged flag, selected.

    The optimiser's termination message is not a column: it names whichever tolerance stopped
    the iterations, which changes with the BLAS kernel even where the fit does not.
    """
    keys = list(fits.fits)
    weights = akaike_weights([fits.fits[k].aic for k in keys])
    rows = []
    for (shape, model), w in zip(keys, weights, strict=True):
        f = fits.fits[(shape, model)]
        name = _MAIN_PARAM[model]
        rows.append(
            {
                "shape": shape,
                "model": model,
                "n_params": len(f.names),
                "deviance": f.deviance,
                "reduced_deviance": f.reduced_deviance,
                "aic": f.aic,
                "akaike_weight": float(w),
                "converged": f.converged,
                "selected": (shape, model) == selected,
                "main_param": name,
                "main_value": f.value(name),
                "main_err": f.error(name),
            }
        )
    return rows
