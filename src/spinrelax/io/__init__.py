"""Instrument file readers and writers, the tidy spectra table, and deterministic table output."""
