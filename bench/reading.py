"""Reading own documents: the encoding guard's cost per MB and the format readers' time per document.

    python bench/reading.py            # prints a Markdown table (numbers for the README)

Inputs are generated here (seed texts re-encoded; a Word file, a gov.cn-shaped page and a
two-page PDF from tests/doc_fixtures.py); nothing is downloaded.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from doc_fixtures import EN_PARAS, ZH_PARAS, cjk_font, make_docx, make_gov_html, make_pdf  # noqa: E402
from zhcorpus.formats import extract  # noqa: E402
from zhcorpus.reading import decode_bytes  # noqa: E402


def best(fn, n: int = 3) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    hans = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds" / "zh").glob("00[014]_*.txt")))
    hant = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds" / "zh").glob("00[23]_*.txt")))
    rows = []
    for label, text, enc in (("Simplified, UTF-8", hans, "utf-8"), ("Simplified, GB18030 (guessed)", hans, "gb18030"),
                             ("Traditional, Big5 (guessed)", hant, "big5")):
        data = (text * (1_000_000 // len(text.encode(enc)) + 1)).encode(enc, errors="replace")[:1_000_000]
        data = data[: data.rfind(b"\n") + 1]
        secs = best(lambda data=data: decode_bytes(data, "bench.txt"))
        rows.append((f"decode 1 MB: {label}", f"{secs:.2f} s"))
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        files = [make_docx(d / "a.docx", ZH_PARAS, header="国务院公报"), make_gov_html(d / "a.html", ZH_PARAS)]
        if cjk_font() is not None:
            files.append(make_pdf(d / "a.pdf", EN_PARAS, "en", header="Gazette"))
        for f in files:
            data = f.read_bytes()
            extract(data, f, "zh")  # warm up imports
            times = [best(lambda data=data, f=f: extract(data, f, "zh"), 1) for _ in range(5)]
            rows.append((f"extract {f.suffix} ({len(data):,} bytes)", f"{statistics.median(times) * 1000:.0f} ms"))
    print("| what | time |\n|---|---|")
    for what, t in rows:
        print(f"| {what} | {t} |")


if __name__ == "__main__":
    main()
