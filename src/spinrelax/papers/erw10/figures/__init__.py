"""Figures of paper 1 (ErW10)."""
