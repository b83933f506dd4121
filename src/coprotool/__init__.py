"""coprotool: see how far a service practises co-production, and what to do next.

The library is usable without the command line::

    from coprotool import Catalogue, Assessment, evaluate
    cat = Catalogue()
    result = evaluate(cat, Assessment(answers={"assets.1": 2}))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"  # the only place the version is written: the build reads it from here

if TYPE_CHECKING:  # what the lazy exports below are, for type checkers and editors
    from .assessment import Assessment, Result, evaluate, load_assessment
    from .catalogue import Catalogue
    from .errors import CoprotoolError, DataError, NotFound
    from .lookup import find
    from .scoring import depth_id, depth_of, score_principles

_EXPORTS = {
    "Catalogue": "catalogue",
    "Assessment": "assessment",
    "Result": "assessment",
    "evaluate": "assessment",
    "load_assessment": "assessment",
    "find": "lookup",
    "score_principles": "scoring",
    "depth_of": "scoring",
    "depth_id": "scoring",
    "CoprotoolError": "errors",
    "DataError": "errors",
    "NotFound": "errors",
}
__all__ = [  # the names of _EXPORTS, written out so tools can read them
    "Assessment",
    "Catalogue",
    "CoprotoolError",
    "DataError",
    "NotFound",
    "Result",
    "__version__",
    "depth_id",
    "depth_of",
    "evaluate",
    "find",
    "load_assessment",
    "score_principles",
]


def __getattr__(name: str) -> Any:
    # Lazy, so `import coprotool` (and so the CLI's start-up) stays light.
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
