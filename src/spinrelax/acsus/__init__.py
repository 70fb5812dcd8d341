"""AC susceptibility analysis: Cole-Cole model family, batched fitting engine, QC flags,
model selection, ln tau distribution widths and the equilibrium response (Curie-Weiss, T_N,
demagnetising limit).

Nothing is imported here: import names from their modules (a command then loads only what it
uses, and the workflow's code digest follows each script's own imports).
"""
