"""validate.Fields on its own: each reader returns the value or fails naming the file, the field and the fix."""

from __future__ import annotations

import datetime as dt

import pytest

from coprotool.errors import DataError
from coprotool.validate import MAX_LISTED, Fields


def fields(**data):
    return Fields(data, "f.yaml", "top")


def failure(call):
    with pytest.raises(DataError) as err:
        call()
    return err.value


def test_not_a_mapping():
    err = failure(lambda: Fields(["a"], "f.yaml"))
    assert err.problem == "should be a mapping of fields, not a list" and err.field is None


@pytest.mark.parametrize(
    ("reader", "value", "problem"),
    [
        (lambda f: f.text("k"), 3, "should be non-empty text, not a whole number"),
        (lambda f: f.text("k"), "  ", "should be non-empty text, not text"),
        (lambda f: f.integer("k"), True, "should be a whole number, not true/false (True)"),
        (lambda f: f.integer("k"), 2.5, "should be a whole number, not a number (2.5)"),
        (lambda f: f.integer("k", 0, 3), 4, "is 4, outside the range 0 to 3"),
        (lambda f: f.choice("k", ("red", "green")), "blue", "is 'blue', not one of the known values"),
        (lambda f: f.date("k"), "10/01/2026", "is '10/01/2026', not a date written YYYY-MM-DD"),
        (lambda f: f.date("k"), 20260110, "is '20260110', not a date written YYYY-MM-DD"),
        (lambda f: f.date("k"), "2026-02-30", "is 2026-02-30, a day that does not exist"),
        (lambda f: f.colour("k"), "red", "is 'red', not a colour"),
        (lambda f: f.items("k"), {"a": 1}, "should be a list, not a mapping"),
        (lambda f: f.items("k", min_items=2), [1], "has 1 entry, fewer than 2"),
        (lambda f: f.texts("k"), ["a", None], "should be non-empty text, not empty"),
        (lambda f: f.texts("k", allowed=("a",)), ["b"], "is 'b', not one of the known values"),
        (lambda f: f.mapping("k"), "text", "should be a mapping of fields, not text"),
        (lambda f: f.wording("k"), ["x"], "should be text, or a mapping of wordings by variant, not a list"),
        (lambda f: f.wording("k"), {"fr": "Bonjour"}, "names the variant 'fr'"),
        (lambda f: f.wording("k"), {"cy": "Helo"}, "has no standard English wording"),
        (lambda f: f.wording("k", need=("en", "cy")), "Hello", "has no 'cy' wording"),
        (lambda f: f.wording("k"), {"en": ""}, "should be non-empty text, not text"),
    ],
)
def test_each_reader_names_the_field(reader, value, problem):
    err = failure(lambda: reader(fields(k=value)))
    assert err.problem == problem and err.path == "f.yaml"
    assert err.field.startswith("top.k")
    assert str(err).startswith("f.yaml: field 'top.k")


@pytest.mark.parametrize("reader", ["text", "integer", "date", "items", "mapping", "wording"])
def test_missing_fields_fail_when_required_and_are_none_when_not(reader):
    err = failure(lambda: getattr(fields(), reader)("k"))
    assert err.problem == "is missing" and err.fix == "add a 'k' field"
    optional = getattr(fields(k=None), reader)("k", required=False)
    assert optional == ([] if reader == "items" else None)


def test_values_come_back_cleaned():
    f = fields(t=" x ", n=3, c="red", d=" 2026-01-10 ", day=dt.date(2026, 1, 10), col="#A0b1C2", xs=[" a ", "b"])
    assert f.text("t") == "x" and f.integer("n", 0, 3) == 3 and f.choice("c", ("red",)) == "red"
    assert f.date("d") == "2026-01-10" and f.date("day") == "2026-01-10"
    assert f.colour("col") == "#A0b1C2" and f.texts("xs") == ("a", "b")


def test_a_wording_is_one_text_or_one_per_variant():
    f = fields(a="Hello", b={"en": " Hello ", "cy": "Helo"})
    one = f.wording("a")
    assert one == "Hello" and one.has("en") and not one.has("cy")
    both = f.wording("b", need=("en", "cy"))
    assert both == "Hello" and both.get("cy") == "Helo"


def test_records_name_each_entry_by_its_place():
    f = fields(rows=[{"a": 1}, "x"])
    err = failure(lambda: f.records("rows"))
    assert err.field == "top.rows[1]"


def test_a_near_value_is_suggested_and_a_long_list_is_cut():
    err = failure(lambda: fields(k="gren").choice("k", ("red", "green")))
    assert err.fix == "did you mean 'green'?"
    allowed = tuple(f"value{i:02d}" for i in range(MAX_LISTED + 3))
    err = failure(lambda: fields(k="zzz").choice("k", allowed))
    assert (
        err.fix.endswith("(and 3 more)") and allowed[MAX_LISTED - 1] in err.fix and allowed[MAX_LISTED] not in err.fix
    )
    err = failure(lambda: fields(k="zzz").choice("k", ("red", "green")))
    assert err.fix == "use one of: red, green"


def test_unknown_fields_and_keys():
    f = fields(known=1, extra=2)
    f.integer("known")
    err = failure(f.done)
    assert err.field == "top.extra" and "known: known" in err.fix
    err = failure(lambda: fields(known=1, extra=2).done(shown=("a", "b")))
    assert "known: a, b" in err.fix
    err = failure(lambda: fields(assets=1, kindness=2).keys_among(("assets", "networks"), "a principle"))
    assert err.field == "top.kindness" and err.problem == "is not a principle" and err.fix == "use assets, networks"


def test_where_names_list_entries_and_the_top_level():
    assert Fields({}, "f.yaml").at("k") == "k" and Fields({}, "f.yaml", "a").at(2) == "a[2]"
