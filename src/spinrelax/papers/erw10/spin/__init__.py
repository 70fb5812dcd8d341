"""Crystal-field spin Hamiltonian of a lanthanide ion and its thermodynamics.

Public API (energies in K, fields in Oe, chi in emu/mol)::

    IonParameters, load_variant, parameters_from_mapping          # parameters
    angular_momentum, stevens_operator                             # operators
    crystal_field_hamiltonian_K, zeeman_hamiltonian_K,
    zeeman_operators_K_per_Oe, hyperfine_hamiltonian_K,
    electronuclear_hamiltonian_K, spin_hamiltonian_K               # Hamiltonians
    eigensystem, eigenvalues, kramers_doublets                     # spectra
    doublet_g_factors, g_from_splitting, tunnel_splitting_K        # doublets
    classical_anisotropy_K, level_sweep_K                          # Fig. 1
    susceptibility_emu_per_mol, susceptibility_tensor_emu_per_mol,
    chi_at_angle, powder_average, magnetisation_muB_per_ion,
    boltzmann_populations, excited_population                      # thermodynamics
"""

from spinrelax.papers.erw10.spin.angular_momentum import AngularMomentum, angular_momentum, m_values
from spinrelax.papers.erw10.spin.anisotropy import classical_anisotropy_K, coherent_states
from spinrelax.papers.erw10.spin.doublets import (
    doublet_g_factors,
    doublet_G_tensor,
    g_from_splitting,
)
from spinrelax.papers.erw10.spin.eigensystem import (
    KramersDoublets,
    dominant_component,
    eigensystem,
    eigenvalues,
    expectation,
    kramers_doublets,
)
from spinrelax.papers.erw10.spin.hamiltonian import (
    crystal_field_hamiltonian_K,
    electronuclear_hamiltonian_K,
    field_vector_Oe,
    hyperfine_hamiltonian_K,
    spin_hamiltonian_K,
    zeeman_hamiltonian_K,
    zeeman_operators_K_per_Oe,
)
from spinrelax.papers.erw10.spin.parameters import (
    IonParameters,
    load_variant,
    parameters_from_mapping,
    parse_bkq_key,
)
from spinrelax.papers.erw10.spin.stevens import stevens_operator
from spinrelax.papers.erw10.spin.sweep import level_sweep_K, sweep_operators_K
from spinrelax.papers.erw10.spin.thermodynamics import (
    boltzmann_populations,
    chi_at_angle,
    excited_population,
    magnetisation_muB_per_ion,
    powder_average,
    susceptibility_emu_per_mol,
    susceptibility_tensor_emu_per_mol,
)
from spinrelax.papers.erw10.spin.tunnelling import tunnel_splitting_K

__all__ = [
    "AngularMomentum",
    "IonParameters",
    "KramersDoublets",
    "angular_momentum",
    "boltzmann_populations",
    "chi_at_angle",
    "classical_anisotropy_K",
    "coherent_states",
    "crystal_field_hamiltonian_K",
    "dominant_component",
    "doublet_G_tensor",
    "doublet_g_factors",
    "eigensystem",
    "eigenvalues",
    "electronuclear_hamiltonian_K",
    "excited_population",
    "expectation",
    "field_vector_Oe",
    "g_from_splitting",
    "hyperfine_hamiltonian_K",
    "kramers_doublets",
    "level_sweep_K",
    "load_variant",
    "m_values",
    "magnetisation_muB_per_ion",
    "parameters_from_mapping",
    "parse_bkq_key",
    "powder_average",
    "spin_hamiltonian_K",
    "stevens_operator",
    "susceptibility_emu_per_mol",
    "susceptibility_tensor_emu_per_mol",
    "sweep_operators_K",
    "tunnel_splitting_K",
    "zeeman_hamiltonian_K",
    "zeeman_operators_K_per_Oe",
]
