"""Time-domain relaxation: fits of DC magnetisation decays M(t) and their distributions of
relaxation times, comparable with ac fits."""
