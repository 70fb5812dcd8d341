"""Relaxation and tunnelling models of spin-lattice relaxation (paper 1, Figs. 3-4).

The generic rate laws and their fits live in :mod:`spinrelax.rates`; modules here (one concept
each):

- ``power_law``: power-law fit of the plateau rate against concentration x.
- ``master_equation``: Pauli master equation over discrete levels, slowest relaxation rate.
- ``spin_phonon``: configurable spin-phonon operator sets and their matrix elements.
- ``crystal_field_rates``: master equation over crystal-field levels, B44 fits (magnitude at a
  fixed coupling; diagnostic barrier matching), Arrhenius barrier, dominant path, direct rate
  inside the ground doublet, tunnel splitting.
- ``phonon_coupling``: the a-priori one-phonon prefactor C from rho, c_s and a strain coupling.
- ``tunnelling``: Gamma = Delta^2/hbar P(xi), dipolar widths, field detuning, 167Er, ordered phase.
- ``phonon_laser``: the phonon-laser bound on the relaxation rate (Delta/hbar completion).
- ``hyperfine_channels``: avoided crossings of the 167Er 16-level multiplet and their gaps.
- ``multichannel``: multi-channel tunnelling relaxation, its ac response and Cole-Cole tau.
- ``demagnetisation``: prism demagnetising factors and the corrected Curie-Weiss theta.
- ``rates_table``: reading the ac stage's rates and equilibrium tables.
- ``dependence``: per-sample fits, 2 K rates vs x and H, field-detuning fit.
- ``paper1``: every relaxation number of paper 1 and its scorecard part, with
  ``paper1_crystal_field`` (B44, barrier, direct process), ``paper1_tunnelling`` (Eq. 2 and its
  readings, phonon laser) and ``paper1_isotope`` (167Er); explained in docs/physics.md.
- ``global_fit`` / ``global_sample``: all spectra of a sample at once vs the two-step route.
"""
