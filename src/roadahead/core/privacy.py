"""Privacy thresholds shared by every page, report and export that shows figures about groups.

A share resting on three or four pupils says little and can single a pupil out (in a special school
a "group" may be one class), so governors and senior leaders never see a figure about fewer than
`SMALLEST_GROUP` pupils: the group's size may be shown, its figures are withheld. One constant, so
that the coverage view, the skills and transition summaries and the destinations report cannot
drift apart.
"""

from __future__ import annotations

SMALLEST_GROUP = 5
