"""Generic figures for any compound (spectra, Cole-Cole, residuals, rate laws); ``style`` holds
the shared look and the deterministic saver used by the paper figures too."""
