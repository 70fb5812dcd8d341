"""Time-domain relaxation measurements: DC magnetisation decays and waveform ac."""
