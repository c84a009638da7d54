"""The review app's rules: the token on every request, POST-only changes, escaped text, version
conflicts between two tabs, atomic saves (a kill mid-save leaves the previous file)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from review_fixtures import XSS, mini_corpus
from zhcorpus.review.app import create_app
from zhcorpus.review.project import ReviewProject
from zhcorpus.review.store import CorrectionsStore, VersionConflict, parse_corrections

TOKEN = "t0k3n-for-tests"


@pytest.fixture()
def project(tmp_path) -> ReviewProject:
    mini_corpus(tmp_path)
    return ReviewProject(tmp_path / "corpus", tmp_path / "corrections")


@pytest.fixture()
def client(project) -> TestClient:
    return TestClient(create_app(project, TOKEN, {"testserver"}))


def _act(client, doc="a01", version=0, token=TOKEN, **form):
    data = {"version": str(version), **form}
    if token is not None:
        data["token"] = token
    return client.post(f"/doc/{doc}/act", data=data, follow_redirects=False)


@pytest.mark.parametrize("path", ["/", "/doc/a01", "/unit/a01/1", "/nothing/here", "/doc/a01/act", "/favicon.ico"])
def test_every_request_without_the_token_is_403(client, path):
    assert client.get(path).status_code == 403
    assert client.get(path + "?token=wrong").status_code == 403
    assert client.get(path, headers={"host": "evil.example"}).status_code == 403


def test_pages_with_the_token(client):
    assert client.get(f"/?token={TOKEN}").status_code == 200
    r = client.get(f"/doc/a01?token={TOKEN}")
    assert r.status_code == 200 and "frame-ancestors 'none'" in r.headers["content-security-policy"]
    r = client.get(f"/unit/a01/2?token={TOKEN}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("#b2")
    assert client.get(f"/?token={TOKEN}", headers={"host": "evil.example"}).status_code == 403


def test_changes_need_post_with_the_token_in_the_body(client, tmp_path):
    assert _act(client, token=None, op="approve", bead="0").status_code == 403
    assert _act(client, token="nope", op="approve", bead="0").status_code == 403
    # the token in the URL of a POST is not enough (a cross-site form cannot know the body field)
    r = client.post(f"/doc/a01/act?token={TOKEN}", data={"version": "0", "op": "approve", "bead": "0"})
    assert r.status_code == 403
    assert client.get(f"/doc/a01/act?token={TOKEN}&op=approve&bead=0&version=0").status_code in (404, 405)
    assert not (tmp_path / "corrections").exists()
    r = _act(client, op="approve", bead="0")
    assert r.status_code == 303 and (tmp_path / "corrections" / "a01.jsonl").is_file()


def test_every_text_is_escaped(client):
    for url in (f"/doc/a01?token={TOKEN}", f"/?token={TOKEN}&doc=a01"):
        body = client.get(url).text
        for payload in XSS:
            assert payload not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in body
    # an edit whose text is markup, and a document id that is markup, stay text
    r = _act(client, op="edit|a01.en/1/1", bead="0", text=XSS[1] + " fixed")
    assert r.status_code == 303
    body = client.get(f"/doc/a01?token={TOKEN}").text
    assert XSS[1] not in body and "&quot;&gt;&lt;img src=x onerror=alert(2)&gt; fixed" in body
    r = client.get(f"/doc/%3Cscript%3E?token={TOKEN}")
    assert r.status_code == 404 and "<script>" not in r.text


def test_two_tabs_conflict_and_nothing_is_lost(client, project, tmp_path):
    tab1 = tab2 = 0  # both tabs loaded the document at version 0
    assert _act(client, version=tab1, op="merge-next", bead="0").status_code == 303
    r = _act(client, version=tab2, op="approve", bead="3")
    assert r.status_code == 409 and "changed since this page was loaded" in r.text
    saved = CorrectionsStore(tmp_path / "corrections").load("a01")
    assert saved.version == 1 and [c.action for c in saved.items] == ["merge-next"]
    # reloading gives the new version; the action then goes through
    assert _act(client, version=1, op="approve", bead="2").status_code == 303
    assert [c.kind for c in CorrectionsStore(tmp_path / "corrections").load("a01").items] == ["bead", "approve"]


def test_actions_errors_and_undo(client, project, tmp_path):
    r = _act(client, op="merge-prev", bead="0")
    assert r.status_code == 400 and "no previous bead" in r.text
    r = _act(client, op="split", bead="0", zh="1", en="1")
    assert r.status_code == 400 and "at least one sentence" in r.text
    assert _act(client, op="merge-next", bead="0").status_code == 303
    assert _act(client, version=1, op="split", bead="0", zh="1", en="0").status_code == 303
    v = project.view("a01")
    assert [u.bead for u in v.units[:2]] == ["1-0", "1-2"]
    assert _act(client, version=2, op="move-next|en", bead="1").status_code == 303
    v = project.view("a01")
    assert [u.bead for u in v.units[:3]] == ["1-0", "1-1", "1-2"]
    assert _act(client, version=3, op="undo").status_code == 303
    assert [u.bead for u in project.view("a01").units[:2]] == ["1-0", "1-2"]
    assert _act(client, version=4, op="omission|a01.zh/1/2", bead="1").status_code == 303
    v = project.view("a01")
    assert [u.bead for u in v.units[:3]] == ["1-0", "1-0", "0-2"]
    assert all("reviewed" in u.flags for u in v.units[:3])
    assert sum(len(u.zh_ids) for u in v.units) == 5 and sum(len(u.en_ids) for u in v.units) == 5


def test_queue_is_worst_first_and_paginated(tmp_path):
    links = {"a01": [((i,), (i,), s) for i, s in enumerate([0.9, 0.3, 0.8, 0.95, 0.7])]}
    flags = {"a01": [(), ("low-confidence",), (), ("length-mismatch",), ()]}
    mini_corpus(tmp_path, links, flags)
    p = ReviewProject(tmp_path / "corpus", tmp_path / "corrections")
    q = p.queue(per_page=3)
    assert [it.unit.id for it in q.items] == ["a01/2", "a01/4", "a01/5"] and q.pages == 3
    assert q.left == 2 and q.reviewed == 0
    assert [it.unit.id for it in p.queue(flag="length-mismatch").items] == ["a01/4"]
    assert [it.unit.id for it in p.queue(doc="b02").items] == ["b02/2", "b02/1"]  # by score
    p.act("a01", 0, "approve", {"bead": 1})
    q = p.queue(per_page=3)
    assert q.reviewed == 1 and q.left == 1 and q.items[0].unit.id == "a01/4"
    last = p.queue(page=99, per_page=3)  # a page past the end shows the last one
    assert last.page == last.pages == 2 and [it.unit.id for it in last.items] == ["b02/2", "a01/1", "b02/1"]


def test_save_is_atomic_when_interrupted(tmp_path, monkeypatch):
    store = CorrectionsStore(tmp_path / "corrections")
    mini_corpus(tmp_path)
    p = ReviewProject(tmp_path / "corpus", tmp_path / "corrections")
    p.act("a01", 0, "approve", {"bead": 0})
    before = store.path("a01").read_bytes()

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr("zhcorpus.atomic.os.replace", boom)
    with pytest.raises(KeyboardInterrupt):
        p.act("a01", 1, "approve", {"bead": 1})
    assert store.path("a01").read_bytes() == before
    assert [f.name for f in (tmp_path / "corrections").iterdir()] == ["a01.jsonl"]  # no temporary left


KILL_CHILD = r"""
import sys
from pathlib import Path
from zhcorpus.review.corrections import bead_correction
from zhcorpus.review.store import CorrectionsStore
store = CorrectionsStore(Path(sys.argv[1]))
items, v = [], 0
print("go", flush=True)
while True:
    items.append(bead_correction(len(items) + 1, "approve", [("d.zh/1/1", "中" * 20000)], [("d.en/1/1", "E" * 40000)]))
    v = store.save("d", items, v)
"""


def test_kill_mid_save_leaves_a_whole_file(tmp_path):
    folder = tmp_path / "corrections"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[1] / "src"),
                                                        os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-c", KILL_CHILD, str(folder)], stdout=subprocess.PIPE, env=env)
    assert proc.stdout.readline().strip() == b"go"
    deadline = time.time() + 30
    while not (folder / "d.jsonl").is_file() and time.time() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    got = parse_corrections((folder / "d.jsonl").read_text(encoding="utf-8"), folder / "d.jsonl", "d")
    assert got.version >= 1 and len(got.items) == got.version  # a complete file of one version


def test_bad_corrections_file_names_the_line(tmp_path):
    from zhcorpus.errors import InputError

    folder = tmp_path / "corrections"
    folder.mkdir()
    (folder / "a01.jsonl").write_text('{"doc":"a01","format":"zhcorpus-corrections/1","version":1}\n{"n":1,"kind":"merge"}\n')
    with pytest.raises(InputError, match=r"a01.jsonl:2:1: bad correction: unknown kind 'merge'"):
        CorrectionsStore(folder).load("a01")
    with pytest.raises(InputError, match="not a valid document id"):
        CorrectionsStore(folder).path("../etc")
    with pytest.raises(VersionConflict):
        CorrectionsStore(folder).save("b02", [], 3)


def test_long_documents_are_paged(client, monkeypatch):
    monkeypatch.setattr("zhcorpus.review.pages.DOC_WINDOW", 2)
    body = client.get(f"/doc/a01?token={TOKEN}&at=3").text
    assert "id='b3'" in body and "id='b4'" in body and "id='b1'" not in body and "id='b5'" not in body
    assert "beads <a" in body and "<b>3–4</b>" in body
    r = _act(client, op="approve", bead="4")
    assert r.status_code == 303 and r.headers["location"].endswith("at=5#b5")


def test_stale_corrections_are_shown_not_applied(client, project, tmp_path):
    from zhcorpus.review.corrections import bead_correction

    stale = bead_correction(1, "approve", [("a01.zh/1/1", "不是这句。")], [("a01.en/1/1", "Not this one.")])
    CorrectionsStore(tmp_path / "corrections").save("a01", [stale], 0)
    body = client.get(f"/doc/a01?token={TOKEN}").text
    assert "Stale corrections (not applied)" in body and "the text of its sentences changed" in body
    assert not any("reviewed" in u.flags for u in project.view("a01").units)
