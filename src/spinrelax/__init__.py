"""spinrelax: spin-lattice relaxation in Kramers magnets, from raw files to paper figures.

Sub-packages: ``io`` (instrument files), ``acsus`` (Cole-Cole fitting), ``spin`` (crystal-field
Hamiltonian), ``relaxation`` (rate laws, master equation, tunnelling), ``clusters``
(Stern-Gerlach deflection), ``simulate`` (virtual instruments), ``figures``.
"""

#: The release (the single source of the version: pyproject.toml reads it; CHANGELOG.md, CITATION.cff
#: and workflow/envs/spinrelax.yaml name the same one, checked by tests/test_release.py).
__version__ = "0.3.0"
