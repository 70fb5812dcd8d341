"""spinrelax: spin-lattice relaxation in Kramers magnets, from raw files to paper figures.

Sub-packages: ``io`` (instrument files), ``acsus`` (Cole-Cole fitting), ``spin`` (crystal-field
Hamiltonian), ``relaxation`` (rate laws, master equation, tunnelling), ``clusters``
(Stern-Gerlach deflection), ``simulate`` (virtual instruments), ``figures``.
"""

__version__ = "0.1.0"
