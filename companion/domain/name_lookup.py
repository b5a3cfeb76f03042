"""Finding a habit (or anything with a key) from what a person typed.

A unique start of the key is enough; otherwise the message offers the closest match.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from companion.domain.errors import Invalid, NotFound


class UnknownNameError(NotFound):
    """No key matches what was typed; `suggestion` is the closest key, if any is close."""

    def __init__(self, message: str, suggestion: str | None) -> None:
        super().__init__(message)
        self.suggestion = suggestion


class AmbiguousNameError(Invalid):
    """What was typed starts more than one key; `matches` lists them in the order given."""

    def __init__(self, message: str, matches: Sequence[str]) -> None:
        super().__init__(message)
        self.matches = tuple(matches)


def close_matches(name: str, candidates: Iterable[str], n: int = 1) -> list[str]:
    """Up to `n` candidates that look like `name` (typos, case), best first."""
    import difflib  # only for a name that matched nothing: most commands never need it

    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(candidate.casefold(), candidate)
    found = difflib.get_close_matches(name.strip().casefold(), list(by_folded), n=n, cutoff=0.6)
    return [by_folded[match] for match in found]


def resolve_prefix(text: str, keys: Sequence[str], *, what: str = "habit") -> str:
    """The key `text` names: an exact key, or else a prefix that starts only one key.

    Matching ignores case and surrounding spaces. Raises UnknownNameError
    (listing the keys and the closest one) or AmbiguousNameError (listing the
    keys it could mean).
    """
    typed = text.strip().casefold()
    folded = {key.casefold(): key for key in keys}
    if typed in folded:
        return folded[typed]
    matches = [key for key in keys if typed and key.casefold().startswith(typed)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise AmbiguousNameError(
            f"{text.strip()!r} could be {_or_list(matches)}; type a few more letters",
            matches,
        )
    if not keys:
        raise UnknownNameError(f"There are no {what}s yet; add one first", None)
    if not typed:
        raise UnknownNameError(f"Which {what}? Choose one of: {', '.join(keys)}", None)
    close = close_matches(typed, keys)
    suggestion = close[0] if close else None
    hint = f"did you mean {suggestion}? " if suggestion else ""
    raise UnknownNameError(
        f"No {what} called {text.strip()!r}; {hint}the {what}s are {', '.join(keys)}",
        suggestion,
    )


def _or_list(words: Sequence[str]) -> str:
    if len(words) <= 2:
        return " or ".join(words)
    return f"{', '.join(words[:-1])} or {words[-1]}"
