"""Figures of both papers; ``style`` holds the shared look and the deterministic saver."""
