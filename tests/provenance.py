"""What the provenance tests need from the catalogue's text, kept in tests/ so they run in every clone.

The text itself (`shared/catalogue/` beside a checkout) is not ours to copy, so `tests/catalogue_facts.json`
keeps only short facts taken from it: the web and e-mail addresses printed near each case study, each case
study's "Then see also" list of names, and a checksum of each figure of our data that the text prints
exactly. Where the text is at hand, a test holds the kept facts equal to what it gives; after changing a
figure or a link, write them again with `python tests/provenance.py` (from a checkout beside `shared/`).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

FACTS = Path(__file__).resolve().parent / "catalogue_facts.json"
NAME = "people-powered-health-co-production-catalogue.txt"
ADDRESS = re.compile(r"(?:https?://|www\.)[^\s)\]>\"']+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def source() -> Path | None:
    """The catalogue's text beside this checkout (or beside the folder holding it, for a worktree)."""
    for folder in Path(__file__).resolve().parents[1:4]:
        path = folder / "shared" / "catalogue" / NAME
        if path.is_file():
            return path
    return None


def norm_figure(text: str) -> str:
    """A figure compared as printed: the extraction escaped dollars and curled apostrophes; nothing else differs."""
    return re.sub(r"\s+", " ", text.replace("\\$", "$").replace("\u2019", "'")).lower()


def figure_sum(figure: str) -> str:
    return hashlib.sha256(norm_figure(figure).encode()).hexdigest()[:16]


def blocks(text: str) -> dict[int, str]:
    """Each case study's stretch of the catalogue's text, from its heading to the next one."""
    text = text[: text.index("RESEARCH AND PUBLICATIONS\n\nFOREWORD")]
    parts = re.split(r"^CASE STUDY (\d+)\n", text, flags=re.M)
    return {int(n): body for n, body in zip(parts[1::2], parts[2::2])}


def extract(text: str, figures: list[str]) -> dict[str, Any]:
    """The facts the tests use, from the catalogue's text and our data's figures."""
    flat = norm_figure(text)
    by_number = blocks(text)
    return {
        "source": NAME,
        "source_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "addresses": sorted({a.rstrip(".") for a in ADDRESS.findall(text.replace("\\_", "_"))}),
        "case_studies": {
            str(n): {
                "addresses": sorted({a.rstrip(".") for a in ADDRESS.findall(body.replace("\\_", "_"))}),
                "see_also": next(ln for ln in body.splitlines() if ln.startswith("Then see also:"))
                .removeprefix("Then see also:")
                .strip(),
            }
            for n, body in sorted(by_number.items())
        },
        "printed_figures": sorted({figure_sum(f) for f in figures if norm_figure(f) in flat}),
    }


def kept() -> dict[str, Any]:
    with FACTS.open(encoding="utf-8") as fh:
        facts: dict[str, Any] = json.load(fh)
    return facts


def data_figures() -> list[str]:
    from coprotool.catalogue import Catalogue

    return [f.figure for c in Catalogue().case_studies for f in c.figures]


if __name__ == "__main__":
    path = source()
    if path is None:
        raise SystemExit(f"{NAME} is not beside this checkout (shared/catalogue/)")
    facts = extract(path.read_text(encoding="utf-8"), data_figures())
    FACTS.write_text(json.dumps(facts, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {FACTS}")
