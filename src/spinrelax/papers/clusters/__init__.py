"""Stern-Gerlach deflection of clusters (paper 2): geometry and calibration, profile models and
Poisson fits with AIC selection, mean shift, classification, Brillouin/Langevin inversion,
relaxed fraction, non-magnetic upper limits and spin-lattice relaxation laws.

Source of the physics: Diaz-Bachs, Katsnelson & Kirilyuk (2022) and ``PHYSICS.md`` of this
project (Stern-Gerlach section).
"""
