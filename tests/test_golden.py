"""`coprotool score` keeps its outputs byte for byte: standard output, standard error, the exit code and
the -o and --rejects files of each case in tests/golden/cases.py match what tests/golden/ holds."""

from __future__ import annotations

import pytest

from golden import cases as golden


@pytest.fixture(scope="module")
def built(cat, tmp_path_factory):
    folder = tmp_path_factory.mktemp("built")
    golden.built_inputs(folder, [q.id for q in cat.framework.questions])
    return folder


@pytest.mark.parametrize(("name", "where", "file", "opts"), golden.cases(), ids=[c[0] for c in golden.cases()])
def test_score_output_is_unchanged(name, where, file, opts, built, invoke, tmp_path):
    folder = golden.folder_of(where, built)
    if not folder.is_dir():
        pytest.skip(f"{folder.name}/ lies in a checkout, not an install")
    got = golden.run_case(invoke, folder, file, opts, tmp_path)
    kept = golden.HERE / name
    want = {p.name: p.read_bytes() for p in kept.iterdir()}
    assert sorted(got) == sorted(want)
    for key in want:
        assert got[key] == want[key], f"{name}: {key} differs from tests/golden/{name}/{key}"
