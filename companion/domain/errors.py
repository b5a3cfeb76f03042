"""The kinds of problem a person can act on; anything else is a bug."""


class Problem(Exception):
    """Something the person can act on; `str(error)` is one line saying what to do."""


class Invalid(Problem):
    """What was typed or given will not do (a bad date, an unknown habit, a broken file)."""


class NotFound(Problem):
    """The thing named is not there (no such habit, item or backup)."""


class Refused(Problem):
    """A valid request that the current state refuses (a sealed letter, a file not ours)."""
