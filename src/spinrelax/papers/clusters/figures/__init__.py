"""Figures of paper 2 (V, Nb, Ta clusters)."""
