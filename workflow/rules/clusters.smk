# Stage: clusters (rules are added by the clusters work).
