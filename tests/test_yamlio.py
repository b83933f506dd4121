"""yamlio: YAML and JSON read as plain data, each refusal one DataError naming the file and the line."""

from __future__ import annotations

import pytest

from coprotool.errors import DataError
from coprotool.yamlio import MAX_DIGITS, load_file, parse_json, parse_yaml, read_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: [x, 'y', 2.5]\n", {"a": 1, "b": ["x", "y", 2.5]}),
        ("when: 2026-01-10\n", {"when": "2026-01-10"}),  # dates stay text
        ("'<<': merge\n", {"<<": "merge"}),
        ("x: ~\ny: null\nz: yes\nw: 'true'\n", {"x": None, "y": None, "z": True, "w": "true"}),
        ("- 0x1f\n- 1_000\n- .5\n", [31, 1000, 0.5]),
        ("key: |\n  two\n  lines\n", {"key": "two\nlines\n"}),
        ("just text\n", "just text"),
        ("{}", {}),
        ("1: one\n", {1: "one"}),
    ],
)
def test_yaml_is_read_as_plain_data(text, expected):
    assert parse_yaml(text, "f.yaml") == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("a: &x 1\nb: *x\n", "anchors and aliases"),
        ("a: !!python/object:os.system x\n", "tags such as '!!python/object:os.system'"),
        ("a: !!str 1\n", "tags such as '!!str'"),
        ("a: 1\na: 2\n", "line 2: the key 'a' appears twice"),
        ("? [a]\n: 1\n", "a key is a list or mapping"),
        ("a: 1\n---\nb: 2\n", "more than one YAML document"),
        ("a: [1, 2\n", "line "),
        (f"n: {'7' * (MAX_DIGITS + 1)}\n", f"more than the {MAX_DIGITS:,} coprotool reads"),
        ("a: " + "[" * 5000 + "]" * 5000, "nest"),
    ],
)
def test_yaml_refusals_are_one_sentence_with_the_file(text, says):
    with pytest.raises(DataError) as err:
        parse_yaml(text, "f.yaml")
    assert says in str(err.value) and "f.yaml" in str(err.value)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('{"a": 1,\n "a": 2}', "line 2: the key 'a' appears twice in the same object"),
        ('{"a": 1', "line 1, column"),
        ('{"n": ' + "9" * (MAX_DIGITS + 1) + "}", "digits, more than"),
        ('{"n": -' + "9" * (MAX_DIGITS + 1) + "}", "digits, more than"),
        ('{"a": ' * 990 + "1" + "}" * 990, "nest"),
    ],
)
def test_json_refusals_are_one_sentence_with_the_file(text, says):
    with pytest.raises(DataError) as err:
        parse_json(text, "f.json")
    assert says in str(err.value) and "f.json" in str(err.value)


def test_json_keeps_numbers_exact():
    assert parse_json('{"a": [1, -2, 2.5, null, true]}', "f.json") == {"a": [1, -2, 2.5, None, True]}


def test_load_file_chooses_json_or_yaml_by_suffix(tmp_path):
    (tmp_path / "a.JSON").write_text('{"a": "yes"}', encoding="utf-8")
    (tmp_path / "a.yml").write_text("a: yes\n", encoding="utf-8")
    assert load_file(tmp_path / "a.JSON") == {"a": "yes"}  # JSON: the text, not YAML's boolean
    assert load_file(tmp_path / "a.yml") == {"a": True}


def test_an_empty_file_and_text_that_is_not_utf8(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text(" \n\n", encoding="utf-8")
    with pytest.raises(DataError, match="is empty"):
        load_file(empty)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(DataError, match=r"not UTF-8 text \(byte 0xe9 at offset 9\)"):
        read_text(latin)


def test_a_byte_order_mark_is_not_part_of_the_text(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffa: 1\n".encode())
    assert read_text(path) == "a: 1\n" and load_file(path) == {"a": 1}
