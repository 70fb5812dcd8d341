"""Relaxation-rate laws for any compound: tau^-1(T) and tau^-1(H) fits, model choice, tables.

Modules (one concept each):

- ``laws``: the terms (Orbach, Raman, QTM, direct, phonon bottleneck; field-dependent QTM,
  Raman-II, direct, constant, Brons-van Vleck; Raman times the Brons-van Vleck factor for laws
  in (T, H)), their parameters and sums, with sources.
- ``uncertainty``: per-point sigma of ln tau from the spectrum fit and the distribution width.
- ``starts``: data-driven starting values (steepest Arrhenius part, plateau, log-log slopes).
- ``fit``: weighted log-space least squares with fixed parameters, errors, correlations, AIC.
- ``select``: candidate laws compared by AICc, the candidate table kept.
- ``data``: rates from an ac fit table (both processes), split into tau(T) and tau(H) series.
- ``settings``: the stage's settings from options, a sample sheet or a config block.
- ``global_fit``: one law over every (T, H) point of a sample (series ``TH``).
- ``analysis``: every series of every sample -> long-form tables.
- ``tables``: parameter, correlation and curve tables; ``si_table``: Markdown/LaTeX tables.
"""
