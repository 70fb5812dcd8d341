# Stage: relaxation (rules are added by the relaxation work).
