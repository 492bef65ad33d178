"""Readers: user input (files, directories, globs, URLs, JSONL, feeds) to clean RawDocuments."""

from sitrep.read._base import ReadError, Source
from sitrep.read.clean import clean, clean_text, extract_source_line, header_lines
from sitrep.read.files import discover, read_all, read_source, read_text, read_text_file
from sitrep.read.html import read_html

__all__ = [
    "ReadError",
    "Source",
    "clean",
    "clean_text",
    "discover",
    "extract_source_line",
    "header_lines",
    "read_all",
    "read_html",
    "read_source",
    "read_text",
    "read_text_file",
]
