"""How a survey file writes its answers: the scale's labels, numbers from 0 or from 1, a number with its
label (`2 - Mostly`, `Mostly (2)`; both must agree), answer codes (`A1=0`), a label with its translation
(`Gan amlaf / Mostly`), a label as a form's value name (`not_yet`), and the words that mean "not
answered", in English and Welsh."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..errors import InputError, excerpt
from ..i18n import N_, Said, _, current, said
from ..model import Framework
from ..scoring import BadValue
from ..wording import text as wording_of

UNANSWERED = (
    "n/a",
    "na",
    "n.a.",
    "not applicable",
    "don't know",
    "dont know",
    "do not know",
    "prefer not to say",
    "prefer not to answer",
    "not answered",
    "no answer",
    "no response",
    "-",
    "--",
    # Welsh: no answer, not answered, prefer not to say, don't know, not applicable (with and without â).
    "heb ateb",
    "dim ateb",
    "heb ei ateb",
    "gwell gennyf beidio â dweud",
    "gwell gennyf beidio a dweud",
    "gwell gen i beidio â dweud",
    "gwell gen i beidio a dweud",
    "ddim yn gwybod",
    "dim yn gwybod",
    "ddim yn berthnasol",
    "amherthnasol",
    "d/b",
)
# No label, with its number and its translation, comes near this: a longer cell (a pasted note) is no value,
# said without reading it the costlier ways (spacing folded, numbers and labels looked for: 0.8 s for 5 MB).
LONGEST_VALUE = 1000
_SPACE = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")
_SNAKE = re.compile(r"(?<=[a-z])[_-](?=[a-z])")  # not_yet, not-yet: a form's value name for a label
# '2 - Mostly', '2. Mostly', '2: Mostly', '2) Mostly', '(2) Mostly', 'Mostly (2)', 'Mostly - 2'
_NUMBER_FIRST = re.compile(r"^\(?([+-]?\d+(?:\.0+)?)\)?\s*(?:[-–.:)=]\s*|\s+)(.+)$")
_NUMBER_LAST = re.compile(r"^(.+?)\s*(?:\(([+-]?\d+(?:\.0+)?)\)|[-–:=]\s*([+-]?\d+(?:\.0+)?))$")


def _key(text: str) -> str:
    return _SPACE.sub(" ", text.strip().lower()).replace("’", "'")


def parse_values_option(text: str, fw: Framework) -> int:
    """--values '0-3' or '1-4': the number written for the scale's lowest point."""
    low, high = fw.scale[0].value, fw.scale[-1].value
    m = re.fullmatch(r"\s*(-?\d+)\s*-\s*(-?\d+)\s*", text)
    if not m or int(m.group(2)) - int(m.group(1)) != high - low:
        raise InputError(
            _("--values takes the numbers the file uses for the scale, %(zero)s or %(one)s, not '%(given)s'.")
            % {"zero": f"{low}-{high}", "one": f"{low + 1}-{high + 1}", "given": excerpt(text)}
        )
    return int(m.group(1))


def parse_codes(pairs: Sequence[str], fw: Framework) -> dict[str, int]:
    """--value 'CODE=N' options (N a value or label on the scale) as folded code -> value."""
    labels = {_key(s.label): s.value for s in fw.scale} | {str(s.value): s.value for s in fw.scale}
    out: dict[str, int] = {}
    for pair in pairs:
        code, sep, value = pair.rpartition("=")
        if not sep or not code.strip() or _key(value) not in labels:
            raise InputError(
                _(
                    "--value takes CODE=VALUE with a value on the scale (%(range)s or a label), for example "
                    "'A1=0', not '%(given)s'."
                )
                % {"range": f"{fw.scale[0].value}-{fw.scale[-1].value}", "given": excerpt(pair)}
            )
        out[_key(code)] = labels[_key(value)]
    return out


class Coding:
    """Reads answer cells; remembers which numbers it saw, to tell a file numbered from 1."""

    def __init__(
        self,
        fw: Framework,
        start: int | None = None,
        codes: Mapping[str, int] | None = None,
        unanswered: Sequence[str] = (),
    ):
        low = fw.scale[0].value
        self.values = [s.value for s in fw.scale]
        self.start = low if start is None else start
        self.explicit = start is not None
        shift = self.start - low
        self.labels = {_key(label): s.value for s in fw.scale for label in _wordings(s.label)}
        self.numbers = {s.value + shift: s.value for s in fw.scale}
        self.index: dict[str, int | None] = {}
        for n, v in self.numbers.items():
            self.index[str(n)] = v
        self.index.update(self.labels)
        self.index.update(dict((codes or {}).items()))
        for word in (*UNANSWERED, *unanswered):
            self.index[_key(word)] = None
        self.index[""] = None
        self.seen: set[int] = set()  # numbers written in the file (as written, before any shift)
        self.label_of = {s.value: s.label for s in fw.scale}  # each a Text: its wording in every language
        # Answers read by a rule that is not an exact match: kind -> (the first such cell, what it was read as).
        self.inexact: dict[str, tuple[str, str]] = {}
        numbers = f"{self.start}-{self.start + len(self.values) - 1}"
        self.expected = said(
            lambda: (
                _("%(numbers)s or a label (%(labels)s)")
                % {"numbers": numbers, "labels": ", ".join(wording_of(s.label, current()) for s in fw.scale)}
            )
        )

    def value(self, cell: str) -> int | None:
        """The scale value of a cell; None when unanswered; BadValue otherwise."""
        if len(cell) > LONGEST_VALUE and len(cell.strip()) > LONGEST_VALUE:
            raise BadValue(self._not_on_the_scale(cell))
        key = _key(cell)
        if key in self.index:
            value = self.index[key]
            if value is not None and key.isdigit():
                self.seen.add(int(key))
            return value
        try:
            f = float(key)
        except ValueError:
            pass
        else:
            if f.is_integer() and int(f) in self.numbers:
                self.seen.add(int(f))
                return self.numbers[int(f)]
            if f.is_integer():
                self.seen.add(int(f))
            raise BadValue(said(lambda: _("%(cell)s is off the scale") % {"cell": excerpt(cell)}))
        first = _NUMBER_FIRST.match(key)
        last = _NUMBER_LAST.match(key)
        for label, num in (
            (first.group(2), first.group(1)) if first else (None, None),
            (last.group(1), last.group(2) or last.group(3)) if last else (None, None),
        ):
            if label is None or num is None:
                continue
            label = label.strip(" .-")
            n = _number(num)
            if label in self.labels:
                return self._agreeing(cell, n, self.labels[label])
            # A number with wording of the form's own ('Strongly agree - 2'); a date or a time is not that.
            if n is not None and n in self.numbers and _LETTER.search(label):
                self.seen.add(n)
                return self.numbers[n]
        return self._named(cell, key)

    def _agreeing(self, cell: str, n: int | None, value: int) -> int:
        """A label's value, when the number written with it says the same point."""
        if n is not None and self.numbers.get(n) == value:
            self.seen.add(n)
            return value
        written = value + self.start - self.values[0]
        hint = ""
        if n == written + 1 and not self.explicit:
            hint = f"{self.start + 1}-{self.start + len(self.values)}"
        label = self.label_of[value]
        values = {"cell": excerpt(cell), "n": n, "written": written, "values": hint}

        def build() -> str:
            values["label"] = wording_of(label, current())
            if hint:
                return (
                    _(
                        "'%(cell)s': its number %(n)s and its label (%(label)s, %(written)d) disagree; if the file "
                        "numbers the scale from 1, score it with --values %(values)s"
                    )
                    % values
                )
            return _("'%(cell)s': its number %(n)s and its label (%(label)s, %(written)d) disagree") % values

        raise BadValue(said(build))

    def _named(self, cell: str, key: str) -> int:
        """A label as a form's value name (not_yet), or with its translation (Gan amlaf / Mostly)."""
        snake = _SNAKE.sub(" ", key)
        if snake != key and snake in self.labels:
            value = self.labels[snake]
            self.inexact.setdefault(N_("a label written as a form's value name"), (cell, self.label_of[value]))
            return value
        parts = [p.strip() for p in key.split("/")] if "/" in key else []
        known = {self.labels[p] for p in parts if p in self.labels}
        if len(known) == 1 and len(parts) == 2:
            value = known.pop()
            self.inexact.setdefault(N_("a label with its translation"), (cell, self.label_of[value]))
            return value
        raise BadValue(self._not_on_the_scale(cell))

    @staticmethod
    def _not_on_the_scale(cell: str) -> Said:
        return said(lambda: _("'%(cell)s' is not a value or label on the scale") % {"cell": excerpt(cell)})

    def numbered_from_one(self) -> bool:
        """Whether the numbers seen look like a scale numbered from 1 (a top number one past the scale, and
        no 0), when --values was not given."""
        top = self.values[-1] + 1
        return not self.explicit and top in self.seen and self.values[0] not in self.seen


def _wordings(label: str) -> tuple[str, ...]:
    """A scale label's every wording (English, Welsh, ...), or the label alone."""
    return getattr(label, "all", (label,))


def _number(key: str) -> int | None:
    try:
        f = float(key)
    except ValueError:
        return None
    if f != f or f in (float("inf"), float("-inf")):
        return None
    return int(f) if f.is_integer() else None
