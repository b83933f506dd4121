"""What one phone asked for (language, Easy Read) and the words its pages show in that choice.

Pure: the app reads the preference cookie with `Prefs.parse` and hands `words()` to the templates, which
then print what they are given. A vote never depends on the words: it is the scale's number, so changing
language or Easy Read mid-question keeps it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup

from .. import i18n
from ..wording import text, variant_for

PREFS_COOKIE = "coprotool_prefs"


@dataclass(frozen=True)
class Prefs:
    """A device's choice: a language (None: not chosen yet, so the room's own) and Easy Read on or off."""

    lang: i18n.Lang | None = None
    easy: bool = False

    @classmethod
    def parse(cls, cookie: str | None) -> Prefs:
        """The choice from the cookie ("cy", "en.easy", "easy", ...); anything odd is ignored, never refused."""
        parts = set((cookie or "").split("."))
        lang = next((code for code in i18n.LANGS if code in parts), None)
        return cls(lang, "easy" in parts)

    def chosen(self, lang: object, easy: object) -> Prefs:
        """This choice after a press on the language or Easy Read buttons (unknown values change nothing)."""
        out = self
        if lang in i18n.LANGS:
            out = replace(out, lang=lang)
        if easy in ("0", "1"):
            out = replace(out, easy=easy == "1")
        return out

    def cookie(self) -> str:
        return ".".join(part for part in (self.lang or "", "easy" if self.easy else "") if part)


def words(state: Mapping[str, Any], easy: bool = False) -> dict[str, Any]:
    """The question's title and wording and the scale's labels in the current language and reading level.

    Texts from the catalogue carry their wordings (wording.Text); a plain string is English only. In standard
    English the heading is the plain wording and `full` the standard one when they differ."""
    lang = i18n.current()
    key = variant_for(lang, easy=easy, plain=True)
    scale = [text(point["label"], key) for point in state.get("scale", [])]
    q = state.get("question")
    if not q:
        return {"title": "", "question": "", "full": "", "scale": scale}
    question = text(q["text"], key)
    if key == "en-plain" and q.get("plain"):
        question = q["plain"]  # a room opened with a separate plain wording
    full = str(q["text"]) if key == "en-plain" and question != q["text"] else ""
    return {"title": text(q["title"], lang), "question": question, "full": full, "scale": scale}


# Words made outside the templates that the pages translate when they show them: the default lenses, and the
# terminal's messages to the room. Marked here so the catalogue knows them.
SHOWN_FROM_ELSEWHERE = (
    i18n.N_("People who use services"),
    i18n.N_("Staff"),
    i18n.N_("Prefer not to say"),
    i18n.N_("Waiting for the first question."),
    i18n.N_("That question was skipped. The next one will appear here."),
    i18n.N_("No votes on that one. The next question will appear here."),
    i18n.N_("The group is talking it over. The next question will appear here."),
    i18n.N_("This join address is not valid: scan the code on the screen again."),
    i18n.N_("This device has not joined: open the join address again."),
    i18n.N_("The room is full: no more devices can join."),
    i18n.N_("Too many requests from this device: wait a moment."),
    i18n.N_("This projector address is not valid: use the one shown in the terminal."),
)


def words_in(state: Mapping[str, Any], choice: str, easy: bool = False) -> dict[str, Any]:
    """words() for a --lang choice; for both, each text is the Welsh and the English side by side (markup,
    each part marked with its language), as the pages' own words are."""
    from ..render.translated import PAIR

    found = [said for _lang, said in i18n.built_in_each(choice, lambda: words(state, easy))]
    if len(found) == 1:
        return found[0]
    cy, en = found

    def pair(welsh: str, english: str) -> str:
        return welsh if welsh == english else PAIR.format(welsh, english)

    full = Markup('<span lang="en">{}</span>').format(en["full"]) if en["full"] else ""
    return {
        "title": pair(cy["title"], en["title"]),
        "question": pair(cy["question"], en["question"]),
        "full": full,
        "scale": [pair(a, b) for a, b in zip(cy["scale"], en["scale"])],
    }


def easy_pictures(points: int) -> list[Markup]:
    """A picture for each point of the scale, beside its words in Easy Read (inline SVG, no colour needed)."""
    from ..render.pictures import scale_pictures

    return [Markup(svg) for svg in scale_pictures(points)]  # drawn by our own code: no input in it


def no_vote_pictures() -> list[Markup]:
    """Pictures for "not sure" and "pass"."""
    from ..render.pictures import no_vote_pictures as pictures

    return [Markup(svg) for svg in pictures()]  # drawn by our own code: no input in it
