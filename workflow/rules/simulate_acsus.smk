# Stage: simulate (rules are added by the simulate work).
