"""Relaxation and tunnelling models of spin-lattice relaxation (paper 1, Figs. 3-4).

The generic rate laws and their fits live in :mod:`spinrelax.rates`; modules here (one concept
each):

- ``power_law``: power-law fit of the plateau rate against concentration x.
- ``master_equation``: Pauli master equation over discrete levels, slowest relaxation rate.
- ``spin_phonon``: configurable spin-phonon operator sets and their matrix elements.
- ``crystal_field_rates``: master equation over crystal-field levels, B44 fit, dominant path,
  direct rate inside the ground doublet, tunnel splitting.
- ``tunnelling``: Gamma = Delta^2/hbar P(xi), dipolar widths, field detuning, 167Er, ordered phase.
- ``phonon_laser``: the phonon-laser bound on the relaxation rate.
- ``rates_table``: reading the ac stage's rates and equilibrium tables.
- ``dependence``: per-sample fits, 2 K rates vs x and H, field-detuning fit.
- ``paper1``: every relaxation number of paper 1 and its scorecard part.
- ``global_fit`` / ``global_sample``: all spectra of a sample at once vs the two-step route.
"""
