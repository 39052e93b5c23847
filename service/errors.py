"""Domain errors: why a request cannot be served, with no gRPC in them.

The servicer layer maps each class to a gRPC status code and ``google.rpc`` details; ``reason`` is
the UPPER_SNAKE ``ErrorInfo.reason`` callers can switch on.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldViolation:
    """One invalid request field, named by its path in the request ("article.text")."""

    field: str
    description: str


class NewsxError(Exception):
    """Base class: a request that cannot be served, and why."""

    reason = "INTERNAL"

    def __init__(self, message: str, *, metadata: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.metadata = dict(metadata or {})


class InvalidArgument(NewsxError):
    """The request itself is wrong: retrying it unchanged cannot help."""

    def __init__(self, reason: str, violations: list[FieldViolation], **kwargs):
        super().__init__("; ".join(f"{v.field}: {v.description}" for v in violations), **kwargs)
        self.reason = reason
        self.violations = violations


class UnsupportedLanguage(NewsxError):
    """The article is in a language the loaded pipeline does not analyse."""

    reason = "LANGUAGE_NOT_SUPPORTED"


class Overloaded(NewsxError):
    """The server's queue is full: the caller should retry after ``retry_after`` seconds."""

    reason = "OVERLOADED"

    def __init__(self, message: str, *, retry_after: float, **kwargs):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class NotReady(NewsxError):
    """The server is still loading its pipeline."""

    reason = "NOT_READY"


class WorkerLost(NewsxError):
    """The process analysing the article died; another has taken its place, so a retry works."""

    reason = "WORKER_LOST"


class ShuttingDown(NewsxError):
    """The server is draining and could not finish the article in its grace period; retry elsewhere."""

    reason = "SHUTTING_DOWN"

    def __init__(self, message: str = "the server is shutting down; retry elsewhere", **kwargs):
        super().__init__(message, **kwargs)


class TimedOut(NewsxError):
    """The call ran past the client's deadline or the server's time limit."""

    reason = "DEADLINE_EXCEEDED"


class Cancelled(NewsxError):
    """The caller went away before its article was analysed."""

    reason = "CANCELLED"
