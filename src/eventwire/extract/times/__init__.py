"""Times: time expressions found in text and normalised to TimeML values (docs/times.md).

``extract`` runs the grammar (``grammar``, ``rules``, ``scan``, ``calendar``) over the text;
``vocab`` loads and checks the data files.
"""

from .extract import check_knowledge, extract_times, find_times, precision_of, sentence_bounds
from .vocab import Vocabulary, load_vocabulary

__all__ = [
    "Vocabulary",
    "check_knowledge",
    "extract_times",
    "find_times",
    "load_vocabulary",
    "precision_of",
    "sentence_bounds",
]
