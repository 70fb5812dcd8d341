"""Time-domain relaxation measurements: DC magnetisation decays M(t) (stretched-exponential fits
and their distributions of relaxation times, comparable with ac fits) and waveform ac."""
