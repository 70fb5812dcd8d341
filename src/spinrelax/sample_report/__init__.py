"""Per-sample outputs for any compound: tables, figures and a neutral, self-contained report.

- ``outputs``: from one sample's points and spectrum fits to rate laws, tables and figures
  (used by ``spinrelax report`` and by the workflow's generic rules alike).
- ``html``: the self-contained HTML report (figures embedded, no paper text).
"""
