"""Paper-specific code: clients of the generic stages (io, acsus, rates, figures,
sample_report). A generic stage never imports from here."""
