"""Paper 1 (Luis et al., PRB 2010, Er_x Y_(1-x) W10): crystal-field Hamiltonian, phonon and
tunnelling relaxation, x / H / 167Er dependences and the paper-1 figures."""
