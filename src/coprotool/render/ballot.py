"""The paper ballot as one HTML page to print on A4: large type, Easy Read wording, the picture scale.

Self-contained (inline CSS and SVG, no scripts, nothing fetched). In Welsh, English, or both (Welsh first,
each text marked with its language). Jinja2 is imported only when a ballot is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..ballot import Ballot
from .pictures import no_vote_pictures, scale_pictures
from .translated import PAIR, package_environment, rendering

if TYPE_CHECKING:
    from markupsafe import Markup

    from ..wording import Text

# 18 pt type (16 pt is the least large print allows), wide tick boxes, one or two questions to an A4 sheet.
CSS = """
@page { size: A4; margin: 12mm 15mm; }
* { box-sizing: border-box; }
html { font-size: 18pt; }
body { font-family: Arial, "Helvetica Neue", Helvetica, sans-serif; color: #000; background: #fff; margin: 0;
       line-height: 1.35; }
main { max-width: 178mm; margin: 0 auto; }
.sheet { break-after: page; page-break-after: always; }
.sheet:last-child { break-after: auto; page-break-after: auto; }
.how { border: 2pt solid #000; border-radius: 4mm; padding: 3mm 5mm; margin-bottom: 6mm; }
.how p { margin: 1.5mm 0; }
h1 { font-size: 1.6rem; margin: 0 0 3mm; }
.item { margin: 0 0 6mm; }
.principle { font-size: 1rem; margin: 0 0 1mm; font-weight: bold; }
.meaning { margin: 0 0 3mm; }
.number { font-size: 1rem; margin: 0; }
.question { font-size: 1.35rem; font-weight: bold; margin: 1mm 0 4mm; }
.answers { list-style: none; margin: 0; padding: 0; }
.answers li { display: flex; align-items: center; gap: 5mm; margin: 0 0 3mm; min-height: 16mm; }
.box { flex: 0 0 14mm; height: 14mm; border: 1mm solid #000; border-radius: 1.5mm; }
.picture { flex: 0 0 16mm; display: inline-flex; }
.picture svg { width: 16mm; height: 16mm; }
.lens li { min-height: 12mm; }
.lens .box { flex-basis: 11mm; height: 11mm; }
/* Both languages: Welsh first, English on its own line below it; 16 pt so two questions still fit a sheet. */
html.both { font-size: 16pt; }
.both body { line-height: 1.25; }
.both .how p { margin: 1mm 0; }
.both .how-sheet .answers li { min-height: 11mm; margin-bottom: 1mm; }
.both .how-sheet .picture, .both .how-sheet .picture svg { flex-basis: 11mm; width: 11mm; height: 11mm; }
.both .sep { display: none; }
.both span[lang] { display: block; }
.both .answers span[lang], .both .principle span[lang], .both .number span[lang] { display: inline; }
.both .answers .sep, .both .principle .sep, .both .number .sep { display: inline; padding: 0 .3em; }
/* Two questions to a sheet: tighter rows, the same size of type. */
.two .item { margin-bottom: 4mm; }
.two .answers li { min-height: 10.5mm; margin-bottom: 1mm; }
.two .box { flex-basis: 10mm; height: 10mm; }
.two .picture, .two .picture svg { flex-basis: 11mm; width: 11mm; height: 11mm; }
.two .question { margin-bottom: 2mm; }
.both .question span[lang="en"] { font-weight: normal; }
.credit { font-size: .8rem; margin-top: 4mm; }
@media screen { body { padding: 1rem; } .sheet { border-bottom: 2px dashed #666; padding-bottom: 1rem;
                margin-bottom: 1rem; } }
"""


def ballot_html(ballot: Ballot, choice: str = "en") -> str:
    """The ballot as one page to print; `choice` is "en", "cy" or "both" (Welsh first)."""
    from markupsafe import Markup, escape

    def words(text: Text) -> Markup:
        """A text from the catalogue in the ballot's wording, in each of its languages."""
        shown = [text.get(v) for v in ballot.variants]
        if len(shown) == 1 or shown[0] == shown[1]:
            return escape(shown[0])
        return PAIR.format(*shown)

    pictures = [Markup(svg) for svg in scale_pictures(len(ballot.scale))]  # drawn by our code: no input in it
    not_sure, pass_ = (Markup(svg) for svg in no_vote_pictures())
    with rendering(choice) as lang:
        return (
            package_environment()
            .get_template("ballot.html")
            .render(
                b=ballot,
                lang=lang,
                both=len(ballot.variants) > 1,
                words=words,
                pictures=pictures,
                not_sure=not_sure,
                pass_picture=pass_,
                css=Markup(CSS),
            )
        )
