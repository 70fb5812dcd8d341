# Stage: scorecard (rules are added by the scorecard work).
