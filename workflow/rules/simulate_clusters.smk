# Stage: virtual cluster-beam instrument (rules are added by the clusters work).
