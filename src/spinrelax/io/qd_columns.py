"""Column layouts of Quantum Design ac-susceptibility ``.dat`` exports.

Sources (real files, read to learn the layout; nothing copied):

- MPMS3 "SQUID AC" (MultiVu MPMS3 release 1.1, 2019): the 88-column ``[Data]`` header below, e.g.
  the example files of github.com/jhilgar/qdsquid-dataplot (``examples/*ACvsF.dat``). Chi is
  given directly in emu/Oe (``AC X'``, ``AC X''``) with standard errors.
- PPMS ACMS (MultiVu PPMS): ``Comment, Time Stamp (sec), Temperature (K), Magnetic Field (Oe),
  Frequency (Hz), Amplitude (Oe), M-DC (emu), M-Std.Dev. (emu), M' (emu), M'' (emu), ...``
  (column order as read by github.com/thomasgredig/quantumPPMS ``ppms.load.acms``). Moments are
  in emu; chi = M / Amplitude. The trailing columns after ``M'' (emu)`` are an approximation.
- MPMS-XL (MPMS MultiVu, 2017): ``Time, Comment, Field (Oe), Temperature (K), m' (emu),
  m' Scan Std Dev, m" (emu), m" Scan Std Dev, ..., Drive Amplitude (Oe), Wave Frequency (Hz),
  ...`` (qdsquid-dataplot ``examples/*.ac.dat``). Moments in emu; chi = m / drive.
"""

from __future__ import annotations

MPMS3_COLUMNS: tuple[str, ...] = (
    "Comment",
    "Time Stamp (sec)",
    "Temperature (K)",
    "Magnetic Field (Oe)",
    "Moment (emu)",
    "M. Std. Err. (emu)",
    "Transport Action",
    "Averaging Time (sec)",
    "Frequency (Hz)",
    "Peak Amplitude (mm)",
    "Center Position (mm)",
    "Lockin Signal' (V)",
    "Lockin Signal (V)",
    "Range",
    "M. Quad. Signal (emu)",
    "AC Moment (emu)",
    "AC M. Std Err. (emu)",
    "AC Phase (deg)",
    "AC Phase Std. Err. (deg)",
    "AC Susceptibility (emu/Oe)",
    "AC Suscept. Std Err. (emu/Oe)",
    "AC X' (emu/Oe)",
    "AC X' Std Err. (emu/Oe)",
    "AC X'' (emu/Oe)",
    "AC X'' Std Err. (emu/Oe)",
    "AC Drive (Oe)",
    "AC Frequency (Hz)",
    "AC Averaging Time (sec)",
    "AC Cycles",
    "AC Range",
    "AC Measure Type",
    "AC Signal' (V)",
    "AC Signal'' (V)",
    "AC Trim Coil Ratio",
    "AC Trim Coil Phase",
    "Min. Temperature (K)",
    "Max. Temperature (K)",
    "Min. Field (Oe)",
    "Max. Field (Oe)",
    "Mass (grams)",
    "Motor Lag (deg)",
    "Pressure (Torr)",
    "Measure Count",
    "Measurement Number",
    "SQUID Status (code)",
    "Motor Status (code)",
    "Measure Status (code)",
    "Motor Current (amps)",
    "Motor Temp. (C)",
    "Temp. Status (code)",
    "Field Status (code)",
    "Chamber Status (code)",
    "Chamber Temp (K)",
    "Redirection State",
    "Evercool Status",
    "Average Temp (K)",
    "Rotation Angle (deg)",
    "Rotator state",
    "DC Moment Fixed Ctr (emu)",
    "DC Moment Err Fixed Ctr (emu)",
    "DC Moment Free Ctr (emu)",
    "DC Moment Err Free Ctr (emu)",
    "DC Fixed Fit",
    "DC Free Fit",
    "DC Calculated Center (mm)",
    "DC Calculated Center Err (mm)",
    "DC Scan Length (mm)",
    "DC Scan Time (s)",
    "DC Number of Points",
    "DC Squid Drift",
    "DC Min V (V)",
    "DC Max V (V)",
    "DC Scans per Measure",
    *(f"Map {i:02d}" for i in range(1, 17)),
)

ACMS_COLUMNS: tuple[str, ...] = (
    "Comment",
    "Time Stamp (sec)",
    "Temperature (K)",
    "Magnetic Field (Oe)",
    "Frequency (Hz)",
    "Amplitude (Oe)",
    "M-DC (emu)",
    "M-Std.Dev. (emu)",
    "M' (emu)",
    "M'' (emu)",
    "M (emu)",
    "Phase (deg)",
    "Count",
    "Measure Type",
    "Sample Center (cm)",
    "Temp. Status (code)",
    "Field Status (code)",
    "Chamber Status (code)",
    *(f"Map {i}" for i in range(1, 9)),
)

MPMSXL_COLUMNS: tuple[str, ...] = (
    "Time",
    "Comment",
    "Field (Oe)",
    "Temperature (K)",
    "m' (emu)",
    "m' Scan Std Dev",
    'm" (emu)',
    'm" Scan Std Dev',
    "Amplitude (emu)",
    "Amplitude Scan Std Dev",
    "Phase (deg)",
    "Phase Scan Std Dev",
    "Regression Fit",
    "Drive Amplitude (Oe)",
    "Wave Frequency (Hz)",
    "Steps per Cycle",
    "Blocks to Average",
    "Scans per Measurement",
    "Clock Frequency",
    "Amplifier Gain",
    "AC Filter",
    "Two Point Measurement",
    "Scan Length",
    "Settling Time (sec)",
    "Delta Temp (K)",
    "Rot Position (Oe)",
    "Error",
    "% Clipped",
    "EC Comp. Running",
)

#: Canonical name -> file column, per format. ``chi_*`` columns are in the format's native unit
#: (emu/Oe for MPMS3, emu for ACMS and MPMS-XL, which the reader divides by the drive).
FORMAT_COLUMNS: dict[str, dict[str, str]] = {
    "MPMS3": {
        "time_s": "Time Stamp (sec)",
        "T_K": "Temperature (K)",
        "H_Oe": "Magnetic Field (Oe)",
        "freq_Hz": "AC Frequency (Hz)",
        "drive_Oe": "AC Drive (Oe)",
        "real": "AC X' (emu/Oe)",
        "imag": "AC X'' (emu/Oe)",
        "real_err": "AC X' Std Err. (emu/Oe)",
        "imag_err": "AC X'' Std Err. (emu/Oe)",
        "comment": "Comment",
    },
    "PPMS_ACMS": {
        "time_s": "Time Stamp (sec)",
        "T_K": "Temperature (K)",
        "H_Oe": "Magnetic Field (Oe)",
        "freq_Hz": "Frequency (Hz)",
        "drive_Oe": "Amplitude (Oe)",
        "real": "M' (emu)",
        "imag": "M'' (emu)",
        "real_err": "M-Std.Dev. (emu)",
        "imag_err": "M-Std.Dev. (emu)",
        "comment": "Comment",
    },
    "MPMS_XL": {
        "time_s": "Time",
        "T_K": "Temperature (K)",
        "H_Oe": "Field (Oe)",
        "freq_Hz": "Wave Frequency (Hz)",
        "drive_Oe": "Drive Amplitude (Oe)",
        "real": "m' (emu)",
        "imag": 'm" (emu)',
        "real_err": "m' Scan Std Dev",
        "imag_err": 'm" Scan Std Dev',
        "comment": "Comment",
    },
}

#: Canonical quantities a data row must carry to be used.
REQUIRED_QUANTITIES: tuple[str, ...] = ("T_K", "H_Oe", "freq_Hz", "real", "imag")
#: Formats whose signal is a moment (emu) that must be divided by the drive (Oe).
MOMENT_FORMATS: frozenset[str] = frozenset({"PPMS_ACMS", "MPMS_XL"})

#: Tidy CSV columns (chi in the unit named by a ``# chi_unit = ...`` comment line).
TIDY_REQUIRED: tuple[str, ...] = ("T_K", "H_Oe", "freq_Hz", "chi_real", "chi_imag")
TIDY_OPTIONAL: tuple[str, ...] = ("chi_real_err", "chi_imag_err")
