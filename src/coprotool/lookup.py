"""Find a case study or principle from what a person types: slug, name, acronym or alias."""

from __future__ import annotations

import re

from .catalogue import Catalogue, normalise
from .errors import NotFound, excerpt
from .i18n import _
from .model import CaseStudy, Principle


def find(cat: Catalogue, query: str) -> CaseStudy | Principle:
    """The case study or principle that `query` names.

    Tries, in order, what needs least reading: a principle (principles.yaml only), a case study
    whose file name matches (one file), then every name and alias (all files). Raises NotFound with
    the closest names for a near miss, or the candidates for an ambiguous query.
    """
    key = normalise(query)
    shown = excerpt(query)
    if not key:
        raise NotFound(_("Give the name of a case study or principle, for example: coprotool show shared-lives."))
    for p in cat.framework.principles:
        if key in {normalise(n) for n in _principle_names(p)}:
            return p
    for slug in cat.slugs:
        if normalise(slug) == key:
            return cat.case_study(slug)
    names = _names(cat)
    if key in names:
        return names[key]
    # A unique part of a name is taken; several are listed. First the start of a name, also read
    # without a leading "The" or a closing "Programme" ("Chronic Disease Self-Management" is cdsm),
    # then, for four letters or more, a run of whole words from inside a name ("Self-Management").
    partial: dict[str, CaseStudy | Principle] = {}
    keys = {key, normalise(_TRIM.sub("", query))} - {""}
    if len(key) >= 3:
        partial = {_label(o): o for name, o in _variants(cat, inner=False) if name.startswith(tuple(keys))}
    if not partial and len(key) >= 4:
        partial = {_label(o): o for name, o in _variants(cat, inner=True) if name.startswith(tuple(keys))}
    if len(partial) == 1:
        return next(iter(partial.values()))
    if len(partial) > 1:
        listed = ", ".join(sorted(partial))
        raise NotFound(
            _("'%(query)s' could mean several entries: %(names)s; give more of the name.")
            % {"query": shown, "names": listed},
            tuple(sorted(partial)),
        )
    import difflib

    close = difflib.get_close_matches(key, list(names), n=5, cutoff=0.6)
    labels: list[str] = []
    for c in close:
        label = _label(names[c])
        if label not in labels:
            labels.append(label)
    if labels:
        raise NotFound(
            _("No case study or principle is called '%(query)s'; did you mean %(names)s?")
            % {"query": shown, "names": _or(labels[:3])},
            tuple(labels[:3]),
        )
    raise NotFound(
        _(
            "No case study or principle is called '%(query)s'; 'coprotool list' shows the case studies "
            "and 'coprotool principles' the principles."
        )
        % {"query": shown}
    )


def _names(cat: Catalogue) -> dict[str, CaseStudy | Principle]:
    out: dict[str, CaseStudy | Principle] = {}
    for p in cat.framework.principles:
        for n in _principle_names(p):
            out[normalise(n)] = p
    for c in cat.case_studies:
        for n in (c.slug, c.name, *c.aliases):
            out[normalise(n)] = c
    return out


_TRIM = re.compile(r"^\s*the\s+|\s+(?:programme|program)\s*$", re.IGNORECASE)


def _variants(cat: Catalogue, inner: bool) -> list[tuple[str, CaseStudy | Principle]]:
    """Every name and alias, normalised, with and without "The"/"Programme"; with `inner`, also each
    run of whole words that ends a name ("Disease Self-Management Program")."""
    out: list[tuple[str, CaseStudy | Principle]] = []
    objs: list[tuple[tuple[str, ...], CaseStudy | Principle]] = [
        (_principle_names(p), p) for p in cat.framework.principles
    ]
    objs += [((c.slug, c.name, *c.aliases), c) for c in cat.case_studies]
    for texts, obj in objs:
        for text in texts:
            forms = {text, _TRIM.sub("", text), _TRIM.sub("", _TRIM.sub("", text))}
            if inner:
                words = re.findall(r"[A-Za-z0-9+&]+", text)
                forms |= {" ".join(words[i:]) for i in range(1, len(words))}
            out += [(normalise(f), obj) for f in forms if f.strip()]
    return out


def _principle_names(p: Principle) -> tuple[str, ...]:
    """Every name a principle answers to: its id, its name in each wording (Cymylu rolau), its aliases."""
    return (p.id, *p.name.all, *p.aliases)


def _label(obj: CaseStudy | Principle) -> str:
    return obj.slug if isinstance(obj, CaseStudy) else obj.id


def _or(items: list[str]) -> str:
    """'a', 'b' or 'c', in the language in use (the names are quoted ids, so no Welsh mutation applies)."""
    quoted = [f"'{i}'" for i in items]
    if len(quoted) == 1:
        return quoted[0]
    return _("%(names)s or %(last)s") % {"names": ", ".join(quoted[:-1]), "last": quoted[-1]}
