"""`push_hf`: checks the folder and the token, then makes exactly the Hub calls (mocked here:
the Hub cannot be reached from these machines)."""

# ruff: noqa: F811  (pytest fixtures imported from test_hf_fixtures are parameters here)
from __future__ import annotations

import re
import shutil

import pytest
from huggingface_hub.errors import HfHubHTTPError

from test_hf_fixtures import (  # noqa: F401  (fixtures)
    exported,
    hf_docs,
    hf_glossary,
    hf_offline,
    hf_units,
)
from zhcorpus.errors import InputError
from zhcorpus.hf.push import PushError, plan_push, push_hf
from zhcorpus.hf.verify import listed_files


class FakeApi:
    """Records the calls an upload makes; optionally fails like the Hub would."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.calls: list[tuple[str, tuple, dict]] = []
        self.fail = fail

    def create_repo(self, *args, **kwargs):
        self.calls.append(("create_repo", args, kwargs))
        if self.fail:
            raise self.fail
        return f"https://huggingface.co/datasets/{args[0]}"

    def upload_folder(self, **kwargs):
        self.calls.append(("upload_folder", (), kwargs))

        class Info:
            commit_url = f"https://huggingface.co/datasets/{kwargs['repo_id']}/commit/abc123"
        return Info()


@pytest.fixture
def folder(exported, tmp_path):
    """A private copy of the export that a test may damage."""
    return shutil.copytree(exported.out_dir, tmp_path / "hf")


def test_push_makes_the_two_calls(folder):
    api = FakeApi()
    url = push_hf(folder, "me/zh-en-policy", private=True, api=api, token="hf_test")
    assert url.endswith("/commit/abc123")
    (c1, a1, k1), (c2, _, k2) = api.calls
    assert (c1, a1) == ("create_repo", ("me/zh-en-policy",))
    assert k1 == {"repo_type": "dataset", "private": True, "exist_ok": True, "token": "hf_test"}
    assert c2 == "upload_folder" and k2["repo_type"] == "dataset" and k2["folder_path"] == str(folder)
    assert sorted(k2["allow_patterns"]) == sorted(["README.md", *listed_files(folder)])
    assert k2["delete_patterns"] == ["*/*.parquet"] and k2["token"] == "hf_test"


def test_token_from_environment(folder, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", "hf_from_env")
    api = FakeApi()
    push_hf(folder, "me/ds", api=api)
    assert api.calls[0][2]["token"] == "hf_from_env"


def test_no_token_no_call(folder):
    api = FakeApi()
    with pytest.raises(PushError, match="no Hugging Face token"):
        push_hf(folder, "me/ds", api=api)
    assert api.calls == []


def test_plan_lists_only_what_the_card_lists(folder):
    (folder / "en-zh_Hans" / "stray.parquet").write_bytes(b"not listed")
    plan = plan_push(folder, "me/ds")
    assert "en-zh_Hans/stray.parquet" not in plan.files
    assert plan.files[0] == "README.md" or "README.md" in plan.files
    assert len(plan.files) == 1 + len(listed_files(folder))


@pytest.mark.parametrize("damage, message", [
    (lambda f: next(f.glob("en-zh_TW/*.parquet")).unlink(), "is missing"),
    (lambda f: f.joinpath("README.md").write_text(re.sub(
        r"^license: .*$", "license: unknown", f.joinpath("README.md").read_text(encoding="utf-8"), count=1,
        flags=re.M), encoding="utf-8"), "licence is unknown"),
    (lambda f: f.joinpath("README.md").write_text(
        f.joinpath("README.md").read_text(encoding="utf-8").replace("num_examples: 3\n", "num_examples: 4\n", 1),
        encoding="utf-8"), "the card says 4"),
])
def test_a_damaged_folder_is_not_uploaded(folder, damage, message):
    damage(folder)
    api = FakeApi()
    with pytest.raises(PushError, match=message):
        push_hf(folder, "me/ds", api=api, token="hf_test")
    assert api.calls == []


def test_no_card(tmp_path):
    with pytest.raises(InputError, match="no dataset card"):
        plan_push(tmp_path, "me/ds")


def test_bad_repo_id(folder):
    with pytest.raises(PushError, match="not a valid repo id"):
        plan_push(folder, "me/bad id")


def test_hub_errors_become_one_line(folder):
    import httpx2

    response = httpx2.Response(403, request=httpx2.Request("POST", "https://huggingface.co/api/repos/create"))
    api = FakeApi(fail=HfHubHTTPError("403 Forbidden: no write access", response=response))
    with pytest.raises(PushError, match="the Hub refused the upload: 403 Forbidden"):
        push_hf(folder, "me/ds", api=api, token="hf_test")
    api = FakeApi(fail=ConnectionError("Failed to resolve huggingface.co"))
    with pytest.raises(PushError, match="cannot reach the Hub"):
        push_hf(folder, "me/ds", api=api, token="hf_test")
