"""Virtual instruments that write realistic, clearly SYNTHETIC raw files (never used by analysis).

ac susceptibility of paper 1 (``acsus_*`` modules): :func:`generate_acsus` writes real-format
MPMS3 / PPMS ACMS / MPMS-XL ``.dat`` files and a micro-SQUID tidy CSV from the documented
parametric truth model in ``config.yaml`` (``simulate: acsus:``); see data/README.md.
Waveform ac (``waveform_instrument``): MPMS3 VSM waveform files from a Cole-Cole truth with
drift, offsets, noise and start-up transients (docs/waveform.md).
No module outside ``spinrelax.simulate`` may import this package (checked by a test), so the
analysis can never read the truth.
"""

from spinrelax.simulate.acsus_campaign import AcsusCampaign
from spinrelax.simulate.acsus_generate import generate_acsus, rng_for

__all__ = ["AcsusCampaign", "generate_acsus", "rng_for"]
