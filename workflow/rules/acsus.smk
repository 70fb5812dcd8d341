# Stage: acsus (rules are added by the acsus work).
