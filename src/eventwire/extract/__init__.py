"""Pure extractors: functions over a parsed spaCy Doc that return typed records."""
