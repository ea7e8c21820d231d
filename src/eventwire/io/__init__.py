"""Reading documents: wire text files, plain text, JSONL, HTML, directories and stdin."""

from .readers import ReadResult, read_paths, read_text_document

__all__ = ["ReadResult", "read_paths", "read_text_document"]
