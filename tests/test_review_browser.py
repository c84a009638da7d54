"""The review loop end to end in a real browser (Debian's Chromium through Playwright, no browser
download): open the queue, merge two beads, split one, mark an omission, fix an English typo,
approve one; reload (state kept); `corpus build`; the units and TMX show exactly those changes;
a second build is byte-identical; a correction whose sentence changed is reported stale.

Writes the screenshot docs/review.png when ZHCORPUS_UPDATE_SCREENSHOT=1.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_build import build, make_project, tree

pytestmark = pytest.mark.integration

CHROMIUM = Path(os.environ.get("ZHCORPUS_CHROMIUM", "/usr/bin/chromium"))


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright (pip) is not installed")
    if not CHROMIUM.is_file():
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    return sync_playwright


def _units(project: Path, doc: str) -> list[dict]:
    out = []
    for line in (project / "corpus" / "units.jsonl").read_text(encoding="utf-8").splitlines():
        u = json.loads(line)
        if u["doc_id"] == doc:
            out.append(u)
    return out



class Server:
    """`corpus review` in a child process; the URL it prints."""

    def __init__(self, project: Path) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[1] / "src"),
                                                            os.environ.get("PYTHONPATH", "")])}
        self.proc = subprocess.Popen([sys.executable, "-c", "from zhcorpus.cli import main; main()", "review"],
                                     cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        ready, _, _ = select.select([self.proc.stdout], [], [], 120)
        line = self.proc.stdout.readline() if ready else ""
        m = re.match(r"review: (http://127\.0\.0\.1:\d+/\?token=[\w-]+)", line)
        if not m:
            self.stop()
            raise AssertionError(f"no URL from corpus review: {line!r} {self.proc.stderr.read()}")
        self.url = m[1]
        self.base, self.token = self.url.split("/?token=")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _bead(page, sentence_id: str):
    return page.locator("section.bead", has=page.locator(f".s[data-id='{sentence_id}']"))


def _submit(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def test_review_in_the_browser_then_build(tmp_path, root, monkeypatch):
    sync_playwright = _playwright()
    project = make_project(tmp_path / "project", root)
    build(project, monkeypatch, "-q")
    orig = _units(project, "000")
    en_src = next((project / "seeds" / "en").glob("000_*")).read_text(encoding="utf-8")
    by_n = {int(u["id"].split("/")[1]): u for u in orig}
    used: set[int] = set()

    def pick(pred, span: int = 1) -> list[dict]:
        """The first run of *span* beads satisfying *pred*, not next to a bead already picked."""
        for k in sorted(by_n):
            ks = list(range(k, k + span))
            if all(j in by_n for j in ks) and all(abs(j - x) > 1 for j in ks for x in used) \
                    and pred(*[by_n[j] for j in ks]):
                used.update(ks)
                return [by_n[j] for j in ks]
        raise AssertionError("no such bead in document 000")

    def both(u: dict) -> bool:
        return bool(u["zh_ids"] and u["en_ids"])

    split_u = pick(lambda u: both(u) and len(u["zh_ids"]) + len(u["en_ids"]) >= 3)[0]
    merge_a, merge_b = pick(lambda a, b: both(a) and both(b), 2)
    omit_u = pick(lambda u: len(u["zh_ids"]) == 1 and len(u["en_ids"]) == 1)[0]
    edit_u = pick(lambda u: both(u) and len(u["en_ids"]) == 1)[0]
    approve_u = pick(lambda u: both(u) and len(u["en_ids"]) == 1 and en_src.count(u["en"]) == 1)[0]
    edit_id = edit_u["en_ids"][0]
    before = edit_u["en"]
    first = before.split()[0]
    fixed = before.replace(first, first.upper(), 1) if first.upper() != first else before + " (checked)"

    server = Server(project)
    dialogs: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            # the queue
            page.goto(server.url)
            assert page.locator("table tr").count() > 10
            assert "0 reviewed" in page.locator("p.counts").inner_text()
            # the document view (from the queue's filter: document 000)
            page.select_option("select[name=doc]", "000")
            with page.expect_navigation():
                page.click("form.filters button")
            with page.expect_navigation():
                page.locator("table a").first.click()
            assert "/doc/000" in page.url
            # merge two beads (button)
            _submit(page, _bead(page, merge_a["zh_ids"][0]).locator("button[value=merge-next]"))
            merged = f"{len(merge_a['zh_ids']) + len(merge_b['zh_ids'])}-{len(merge_a['en_ids']) + len(merge_b['en_ids'])}"
            assert merged in _bead(page, merge_a["zh_ids"][0]).locator(".meta").inner_text()
            # split one (the split form)
            b = _bead(page, split_u["zh_ids"][0])
            b.locator("details.split summary").click()
            b.locator("select[name=zh]").select_option("1")
            b.locator("select[name=en]").select_option("1")
            _submit(page, b.locator("button[value=split]"))
            # mark an omission (keyboard: select the Chinese sentence, press o)
            page.locator(f".s[data-id='{omit_u['zh_ids'][0]}']").click()
            with page.expect_navigation():
                page.keyboard.press("o")
            # fix an English typo (keyboard: select the sentence, press e, type, save)
            page.locator(f".s[data-id='{edit_id}']").click()
            page.keyboard.press("e")
            box = page.locator(f"form[id='edit-{edit_id}'] textarea")
            assert box.is_visible()
            box.fill(fixed)
            _submit(page, page.locator(f"form[id='edit-{edit_id}'] button"))
            # approve one (keyboard: select, a)
            page.locator(f".s[data-id='{approve_u['zh_ids'][0]}']").click()
            with page.expect_navigation():
                page.keyboard.press("a")
            # reload: the state is kept (it lives in corrections/000.jsonl)
            page.reload()
            text = page.locator("p.counts").first.inner_text()
            assert "6 of" in text, text  # split 2 + merged 1 + omission 2 + approved 1 (the edit fixes no bead)
            assert page.locator(f".s.edited[data-id='{edit_id}']").inner_text() == fixed
            for sid in (merge_a["zh_ids"][0], split_u["zh_ids"][0], omit_u["zh_ids"][0], approve_u["zh_ids"][0]):
                assert "reviewed" in _bead(page, sid).get_attribute("class")
            if os.environ.get("ZHCORPUS_UPDATE_SCREENSHOT") == "1":
                page.locator(f".s[data-id='{merge_a['zh_ids'][0]}']").click()
                page.evaluate("window.scrollTo(0, 0)")
                page.screenshot(path=str(root / "docs" / "review.png"))
            # undo comes back and goes again (the last action: approve)
            with page.expect_navigation():
                page.keyboard.press("u")
            assert "5 of" in page.locator("p.counts").first.inner_text()
            page.locator(f".s[data-id='{approve_u['zh_ids'][0]}']").click()
            with page.expect_navigation():
                page.keyboard.press("a")
            browser.close()
    finally:
        server.stop()
    assert not dialogs

    # the build applies exactly those changes
    out = build(project, monkeypatch, "-q")
    new = _units(project, "000")
    key = lambda u: (tuple(u["zh_ids"]), tuple(u["en_ids"]))  # noqa: E731
    old_by, new_by = {key(u): u for u in orig}, {key(u): u for u in new}
    changed_old = {k for k in old_by if k not in new_by or new_by[k] != {**old_by[k], "id": new_by[k]["id"]}}
    zs, es = split_u["zh_ids"], split_u["en_ids"]
    expected_new = {
        (tuple(zs[:1]), tuple(es[:1])), (tuple(zs[1:]), tuple(es[1:])),                  # split
        (tuple(merge_a["zh_ids"] + merge_b["zh_ids"]), tuple(merge_a["en_ids"] + merge_b["en_ids"])),  # merged
        (tuple(omit_u["zh_ids"]), ()), ((), tuple(omit_u["en_ids"])),                    # omission
        key(approve_u), key(edit_u),
    }
    assert changed_old == {key(split_u), key(merge_a), key(merge_b), key(omit_u), key(approve_u), key(edit_u)}
    assert {k for k in new_by if k not in old_by or new_by[k]["flags"] != old_by[k]["flags"]} == expected_new
    for k in expected_new - {key(edit_u)}:
        assert "reviewed" in new_by[k]["flags"] and new_by[k]["score"] == 1.0
    e = new_by[key(edit_u)]
    assert e["en"] == fixed and "edited" in e["flags"] and e["score"] == edit_u["score"]
    assert sum(len(u["zh_ids"]) for u in new) == sum(len(u["zh_ids"]) for u in orig)  # nothing lost
    tmx = (project / "tmx" / "zhcorpus_zh-CN_en-US.tmx").read_text(encoding="utf-8")
    aligned_reviewed = [k for k in expected_new - {key(edit_u)} if k[0] and k[1]]
    assert tmx.count('<prop type="x-reviewed">yes</prop>') == len(aligned_reviewed) >= 3
    assert fixed in tmx and (before not in tmx or before in fixed)
    corrections = (project / "corrections" / "000.jsonl").read_text(encoding="utf-8")
    assert f'"before":{json.dumps(before, ensure_ascii=False)}' in corrections

    # a second build with the same corrections: byte-identical
    first_tree = tree(project / "corpus", project / "tmx")
    build(project, monkeypatch, "-q", "--force")
    assert tree(project / "corpus", project / "tmx") == first_tree

    # the approved bead's English changes in the source: its correction is stale, reported, not applied
    en_file = next((project / "seeds" / "en").glob("000_*"))
    src = en_file.read_text(encoding="utf-8")
    target = approve_u["en"]
    assert src.count(target) == 1
    en_file.write_text(src.replace(target, target.replace(" ", "  ", 1).replace("  ", " the very ", 1)),
                       encoding="utf-8")
    out = build(project, monkeypatch)
    assert "is stale and was not applied: the text of its sentences changed" in " ".join(out.split())
    report = json.loads((project / "corpus" / "report.json").read_text(encoding="utf-8"))
    stale = report["stale_corrections"]
    assert [s["kind"] for s in stale] == ["approve"] and stale[0]["document"] == "000"
    after = {key(u): u for u in _units(project, "000")}
    assert "reviewed" not in after[key(approve_u)]["flags"]
    assert "Stale corrections" in (project / "corpus" / "report.html").read_text(encoding="utf-8")
    shutil.rmtree(project / ".zhcorpus-cache", ignore_errors=True)
