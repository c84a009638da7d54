"""OpenCC's own test suite (../shared/opencc/testcases.json) against the default backend.

Every configuration the project uses must pass 100%; the pass rate of every configuration is
printed (run with -s) so the README numbers can be checked.
"""

from __future__ import annotations

import json

import pytest

from zhcorpus.errors import InputError
from zhcorpus.variants import USED_CONFIGS, get_backend
from zhcorpus.variants.suite import CORE_CONFIGS, load_cases, run_suite, strip_trailing_commas


@pytest.fixture(scope="module")
def suite_path(root):
    """The suite, copied byte for byte from ../shared/opencc into tests/data/opencc."""
    return root / "tests" / "data" / "opencc" / "testcases.json"


@pytest.fixture(scope="module")
def result(suite_path):
    return run_suite(get_backend(), load_cases(suite_path))


def test_the_whole_suite_is_read(suite_path):
    cases = load_cases(suite_path)
    core = [c for c in cases if c.config in CORE_CONFIGS]
    assert len(core) == 484  # the 484 cases of the 10 core configurations
    assert {c.config for c in cases} >= set(CORE_CONFIGS) | set(USED_CONFIGS)


def test_default_backend_passes_every_used_config(result):
    for config in sorted(result.total):
        print(f"{config:6} {result.passed.get(config, 0):3}/{result.total[config]:3} {result.rate(config):.1%}")
    failed = [(c.config, c.id, c.input, c.expected, got) for c, got in result.failures if c.config in USED_CONFIGS]
    assert not failed
    for config in USED_CONFIGS:
        assert result.total[config] > 0 and result.rate(config) == 1.0, config


def test_default_backend_passes_all_core_configs(result):
    assert result.overall(CORE_CONFIGS) == (484, 484)


def test_trailing_commas_removed_outside_strings_only():
    text = '{"a": [1, 2,], "b": ",}", "c": {"d": "x,]",},}'
    assert json.loads(strip_trailing_commas(text)) == {"a": [1, 2], "b": ",}", "c": {"d": "x,]"}}


def test_bad_suite_file_names_the_place(tmp_path):
    p = tmp_path / "t.json"
    p.write_text('{"cases": [\n  {"id": 1, "input": "a", "expected": }\n]}', encoding="utf-8")
    with pytest.raises(InputError, match=r"t\.json:2:\d+"):
        load_cases(p)
