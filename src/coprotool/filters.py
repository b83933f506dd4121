"""Filters for the list and resources commands, checking what the user asked for."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence

from .catalogue import Catalogue, normalise
from .errors import InputError
from .i18n import _
from .model import DEPTH_IDS, RESOURCE_KINDS, CaseStudy, Resource


def keyword_matcher(cat: Catalogue, keyword: str) -> Callable[[Sequence[str]], bool]:
    """A test for a keyword list: the vocabulary words that `keyword` names (whole or in part)."""
    key = normalise(keyword)
    vocab = cat.framework.keywords
    hits = {normalise(k) for k in vocab if key and key in normalise(k)}
    if not hits:
        close = difflib.get_close_matches(keyword.lower(), [k.lower() for k in vocab], n=3, cutoff=0.5)
        if close:
            message = _("'%(word)s' is not a keyword in this catalogue; did you mean %(close)s?")
            said = {"word": keyword, "close": ", ".join(repr(c) for c in close)}
        else:
            message = _("'%(word)s' is not a keyword in this catalogue; the keywords are: %(keywords)s")
            said = {"word": keyword, "keywords": ", ".join(vocab)}
        raise InputError(message % said)
    return lambda keywords: any(normalise(k) in hits for k in keywords)


def principle_id(cat: Catalogue, text: str) -> str:
    """A principle id from an id, name (in any wording: Rhwydweithiau) or alias, any case."""
    key = normalise(text)
    for p in cat.framework.principles:
        if key in {normalise(n) for n in (p.id, *p.name.all, *p.aliases)}:  # a name in any wording
            return p.id
    ids = ", ".join(p.id for p in cat.framework.principles)
    raise InputError(_("'%(name)s' is not a principle; use one of %(ids)s.") % {"name": text, "ids": ids})


def filter_case_studies(
    cat: Catalogue,
    keyword: str | None = None,
    principle: str | None = None,
    min_rating: int = 2,
    depth: str | None = None,
) -> list[CaseStudy]:
    studies = list(cat.case_studies)
    if keyword:
        match = keyword_matcher(cat, keyword)
        studies = [c for c in studies if match(c.keywords)]
    if principle:
        pid = principle_id(cat, principle)
        studies = [c for c in studies if c.ratings[pid].score >= min_rating]
        studies.sort(key=lambda c: (-c.ratings[pid].score, c.number))
    if depth:
        want = depth.strip().lower()
        if want in ("none", "null", "not stated"):
            studies = [c for c in studies if c.depth is None]
        elif want in DEPTH_IDS:
            studies = [c for c in studies if c.depth == want]
        else:
            raise InputError(
                _("'%(depth)s' is not a depth; use descriptive, intermediate, transformative or none.")
                % {"depth": depth}
            )
    return studies


def filter_resources(
    cat: Catalogue, keyword: str | None = None, kind: str | None = None, principle: str | None = None
) -> list[Resource]:
    found = list(cat.resources)
    if keyword:
        match = keyword_matcher(cat, keyword)
        found = [r for r in found if match(r.keywords)]
    if kind:
        want = kind.strip().lower()
        if want not in RESOURCE_KINDS:
            said = {"kind": kind, "kinds": ", ".join(RESOURCE_KINDS)}
            raise InputError(_("'%(kind)s' is not a kind of resource; use %(kinds)s.") % said)
        found = [r for r in found if r.kind == want]
    if principle:
        pid = principle_id(cat, principle)
        found = [r for r in found if pid in r.principles]
    return found
