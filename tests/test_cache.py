"""The parse cache: a warm load answers exactly as a cold one; a broken cache is ignored and rebuilt."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprotool.cache import ParseCache, decode, encode
from coprotool.catalogue import Catalogue
from coprotool.errors import DataError


@pytest.fixture
def cache_on(monkeypatch):
    monkeypatch.delenv("COPROTOOL_NO_CACHE")


def _set_line(path, prefix: str, line: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [line if old.startswith(prefix) else old for old in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _outcome(data) -> str:
    try:
        return repr(Catalogue(data).case_study("sun"))
    except DataError as exc:
        return f"refused: {exc}"


@pytest.mark.usefixtures("cache_on")
@pytest.mark.parametrize("value", ["2012-01-01", "12", "yes", "1.5", "null", "'quoted'"])
def test_a_warm_load_answers_as_a_cold_one(data_copy, value):
    _set_line(data_copy / "case_studies" / "sun.yaml", "location:", f"location: {value}")
    cold = _outcome(data_copy)
    warm = _outcome(data_copy)
    assert warm == cold


@pytest.mark.usefixtures("cache_on")
def test_a_date_like_location_is_text_cold_and_warm(data_copy):
    _set_line(data_copy / "case_studies" / "sun.yaml", "location:", "location: 2012-01-01")
    assert Catalogue(data_copy).case_study("sun").location == "2012-01-01"
    assert Catalogue(data_copy).case_study("sun").location == "2012-01-01"


@pytest.mark.usefixtures("cache_on")
def test_number_keys_survive_the_cache(data_copy):
    first = Catalogue(data_copy).framework
    again = Catalogue(data_copy).framework
    assert again == first and again.principles[0].levels == first.principles[0].levels


@pytest.mark.usefixtures("cache_on")
@pytest.mark.parametrize(
    "junk", [b"", b"{", b"[]", b'{"version": 2, "folder": 1}', b"\xff\xfe", b"[" * 100_000, b'{"files": 3}']
)
def test_a_broken_cache_file_is_ignored_and_rebuilt(data_copy, tmp_path, junk):
    Catalogue(data_copy).case_studies  # noqa: B018 - fills the cache
    (cache_file,) = (tmp_path / "cache" / "coprotool").glob("catalogue-*.json")
    cache_file.write_bytes(junk)
    assert Catalogue(data_copy).case_study("sun").name.startswith("Service User")
    assert len(Catalogue(data_copy).case_studies) >= 20
    assert ParseCache(data_copy).entries  # written anew


@pytest.mark.usefixtures("cache_on")
def test_a_broken_entry_is_parsed_again(data_copy, tmp_path):
    import json

    Catalogue(data_copy).case_studies  # noqa: B018
    (cache_file,) = (tmp_path / "cache" / "coprotool").glob("catalogue-*.json")
    doc = json.loads(cache_file.read_text())
    for entry in doc["files"].values():
        entry[1] = {"\x00": 5}  # not a list of pairs
    cache_file.write_text(json.dumps(doc))
    assert Catalogue(data_copy).case_study("sun").name.startswith("Service User")


@pytest.mark.usefixtures("cache_on")
def test_a_cold_load_writes_the_cache_once(data_copy, monkeypatch):
    from coprotool import cache

    writes = []
    real = cache.os.replace
    monkeypatch.setattr(cache.os, "replace", lambda a, b: writes.append(b) or real(a, b))
    Catalogue(data_copy).case_studies  # noqa: B018
    assert len(writes) == 1


scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
keys = st.none() | st.booleans() | st.integers() | st.text()
plain = st.recursive(scalars, lambda inner: st.lists(inner) | st.dictionaries(keys, inner), max_leaves=30)


@given(plain)
def test_encode_round_trips_exactly(data):
    import json

    back = decode(json.loads(json.dumps(encode(data))))
    assert back == data and _types(back) == _types(data)


def _types(data):
    if isinstance(data, dict):
        return [(type(k), _types(v)) for k, v in data.items()]
    if isinstance(data, list):
        return [_types(v) for v in data]
    return type(data)


def test_infinity_round_trips():
    import json

    assert math.isinf(decode(json.loads(json.dumps(encode({"x": float("inf")}))))["x"])
