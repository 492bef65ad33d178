"""What every reader shares: a source to read and the one error a reader raises."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KINDS", "ReadError", "Source"]

# text | html | jsonl | feed | url | missing (a path that does not exist: read_source says so)
KINDS = ("text", "html", "jsonl", "feed", "url", "missing")


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: a file path or an http(s) URL, and how to read it."""

    location: str
    kind: str = "text"


class ReadError(Exception):
    """A source (or one record of it) that cannot be read; `reason` says why and what to do."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
