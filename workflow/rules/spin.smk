# Stage: spin (rules are added by the spin work).
