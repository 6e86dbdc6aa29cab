"""Problems found in user input, and the one exception that carries them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: errors make `digest build` exit non-zero, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong with user input, located as `path:line:column`."""

    path: str
    line: int | None = None
    message: str = ""
    hint: str = ""
    column: int | None = None
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def location(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        prefix = "" if self.is_error else "warning: "
        text = f"{self.location}: {prefix}{self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


def warning(path: str, line: int | None, message: str, hint: str = "") -> Problem:
    """A problem that is reported but does not fail the build."""
    return Problem(path, line, message, hint, severity=Severity.WARNING)


class DigestError(Exception):
    """A user-caused failure that stops the build; carries every problem found."""

    def __init__(self, problems: Problem | list[Problem] | tuple[Problem, ...]) -> None:
        self.problems: tuple[Problem, ...] = (
            (problems,) if isinstance(problems, Problem) else tuple(problems)
        )
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[DigestError], tuple[tuple[Problem, ...]]]:
        """Made again from its problems (a worker process raises it in the parent too)."""
        return DigestError, (self.problems,)
