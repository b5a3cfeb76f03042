"""The programme's evaluation: the pack a participant chooses to share, and the cohort summary.

`pack` builds and reads the evaluation pack (a versioned JSON file, see
docs/pack-format.md); `cohort` summarises many packs; `tdist` holds the one
piece of statistics the summary needs beyond the standard library (Student's
t quantile for a 95% confidence interval); `cohort_report` words a summary as
text, Markdown, HTML or JSON.
"""
