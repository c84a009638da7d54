"""Open a project in OmegaT 3.6 (console mode) and report what a translator would see: for every
segment, whether the memory filled it with an exact match, and the glossary entries OmegaT's
glossary pane lists for it (read with OmegaT's own glossary readers, matched and merged as
``FindGlossaryThread`` does). Also every warning or error OmegaT logs while loading.

The project is copied to a temporary folder first: console mode writes ``target/`` and
``omegat/project_save.tms``, and the project handed to the translator stays as it was written.
Needs Java and OmegaT (``apt-get install omegat``); takes tens of seconds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ZhcorpusError

OMEGAT_JAR = Path(os.environ.get("OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar"))

_PROBE = r"""
import org.omegat.core.Core
import org.omegat.gui.glossary.FindGlossaryThread
import org.omegat.gui.glossary.GlossaryReaderCSV
import org.omegat.gui.glossary.GlossaryReaderTBX
import org.omegat.gui.glossary.GlossaryReaderTSV
import org.omegat.tokenizer.DefaultTokenizer
import org.omegat.tokenizer.ITokenizer
import org.omegat.util.Preferences
import org.omegat.util.StringUtil
if (System.getProperty("zhcorpus.probe.done") != null) return null
def p = Core.getProject()
if (p == null || !p.isProjectLoaded()) return null
System.setProperty("zhcorpus.probe.done", "1")
def esc = { s -> s == null ? "" : s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n") }
def out = new StringBuilder()
def entries = []
def gdir = new File(p.getProjectProperties().getGlossaryRoot())
(gdir.listFiles() ?: []).sort { it.getName() }.each { f ->
  def n = f.getName().toLowerCase()
  try {
    if (n.endsWith(".tbx")) entries.addAll(GlossaryReaderTBX.read(f, false))
    else if (n.endsWith(".csv")) entries.addAll(GlossaryReaderCSV.read(f, false))
    else if (n.endsWith(".utf8") || n.endsWith(".txt") || n.endsWith(".tab")) entries.addAll(GlossaryReaderTSV.read(f, false))
  } catch (Throwable t) { out.append("ZHC_ERROR\tglossary " + f.getName() + ": " + esc(t.toString()) + "\n") }
}
out.append("ZHC_GLOSSARY\t" + entries.size() + "\n")
def tok = p.getSourceTokenizer()
def lang = p.getProjectProperties().getSourceLanguage()
def loc = lang.getLocale()
def gtoks = entries.collect { tok.tokenizeWords(it.getSrcText().toLowerCase(loc), ITokenizer.StemmingMode.GLOSSARY) }
p.getAllEntries().each { ste ->
  def src = ste.getSrcText()
  def ti = p.getTranslationInfo(ste)
  boolean ok = ti != null && ti.isTranslated()
  def stoks = tok.tokenizeWords(src.toLowerCase(loc), ITokenizer.StemmingMode.GLOSSARY)
  def hits = []
  entries.eachWithIndex { ge, i ->
    if (gtoks[i].length == 0) return
    if (DefaultTokenizer.isContainsAll(stoks, gtoks[i], Preferences.isPreferenceDefault("glossary_not_exact_match", true))
        || (!lang.isSpaceDelimited() && StringUtil.isCJK(ge.getSrcText()) && src.contains(ge.getSrcText()))) hits << ge
  }
  FindGlossaryThread.sortGlossaryEntries(hits)
  def shown = FindGlossaryThread.filterGlossary(hits)
  def g = shown.collect { e -> esc(e.getSrcText()) + " = " + e.getLocTerms(false).collect { esc(it) }.join(" | ") }
  out.append("ZHC_SEG\t" + ste.getKey().file + "\t" + (ok ? "FILLED" : "EMPTY") + "\t" + esc(src) + "\t" + g.join("\t") + "\n")
}
System.out.print(out.toString())
System.out.flush()
return null
"""

# Log lines that are not problems: plugin loading, progress, the TMX reader's normal messages.
_QUIET = re.compile(r"PLUGIN_LOAD_OK|TMXR_INFO_|CT_LOADING|^\s*$|^ZHC_")
_PROBLEM = re.compile(r"(?i)warn|error|exception|severe|TMXR_WARNING|TF_.*ERROR|cannot|failed")


@dataclass
class SegmentView:
    """One segment as OmegaT shows it."""

    file: str
    filled: bool
    source: str
    glossary: list[tuple[str, list[str]]]  # (source term, target terms) per glossary-pane entry


@dataclass
class OmegatView:
    """What OmegaT showed for a project."""

    segments: list[SegmentView] = field(default_factory=list)
    glossary_entries: int = 0
    problems: list[str] = field(default_factory=list)  # warnings and errors from OmegaT's log
    log: str = ""

    def fill(self, prefix: str = "source/") -> tuple[int, int]:
        """(segments, filled) of the files under *prefix* (relative to the project folder)."""
        segs = [s for s in self.segments if s.file.startswith(prefix)]
        return len(segs), sum(s.filled for s in segs)


def omegat_missing() -> str | None:
    """Why OmegaT cannot run here, or None."""
    if not OMEGAT_JAR.is_file():
        return f"OmegaT not installed ({OMEGAT_JAR}; apt-get install omegat)"
    if shutil.which(os.environ.get("JAVA", "java")) is None:
        return "java not found (apt-get install omegat brings it)"
    return None


def _unesc(s: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n"}.get(m.group(1), m.group(1)), s)


def open_in_omegat(project: Path, timeout: int = 600) -> OmegatView:
    """Load a copy of *project* in OmegaT's console mode and report what it shows."""
    reason = omegat_missing()
    if reason:
        raise ZhcorpusError(reason)
    with tempfile.TemporaryDirectory(prefix="zhcorpus-omegat-") as tmp:
        work = Path(tmp)
        proj = work / "project"
        shutil.copytree(project, proj)
        for d in ("home", "config", "tmp"):
            (work / d).mkdir()
        (work / "probe.groovy").write_text(_PROBE, encoding="utf-8")
        cmd = [os.environ.get("JAVA", "java"), "-Djava.awt.headless=true", f"-Duser.home={work / 'home'}",
               f"-Djava.io.tmpdir={work / 'tmp'}", "-Duser.language=en", "-Duser.country=US",
               "-Dfile.encoding=UTF-8", "-jar", str(OMEGAT_JAR), str(proj), "--mode=console-translate",
               f"--config-dir={work / 'config'}", "--disable-project-locking", "--disable-location-save",
               "--no-team", "--quiet", f"--script={work / 'probe.groovy'}"]
        env = dict(os.environ, HOME=str(work / "home"))
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    log = res.stdout + res.stderr
    view = OmegatView(log=log)
    source_root = "source/"
    for line in log.splitlines():
        if line.startswith("ZHC_SEG\t"):
            parts = line.split("\t")
            gl = []
            for g in parts[4:]:
                if g:
                    term, _, targets = g.partition(" = ")
                    gl.append((_unesc(term), [_unesc(t) for t in targets.split(" | ")]))
            name = parts[1].replace(os.sep, "/")
            view.segments.append(SegmentView(source_root + name, parts[2] == "FILLED", _unesc(parts[3]), gl))
        elif line.startswith("ZHC_GLOSSARY\t"):
            view.glossary_entries = int(line.split("\t")[1])
        elif line.startswith("ZHC_ERROR\t") or (not _QUIET.search(line) and _PROBLEM.search(line)):
            view.problems.append(line.strip())
    if res.returncode != 0 or not view.segments:
        view.problems.append(f"OmegaT exited with {res.returncode} and {len(view.segments)} segments")
    return view
