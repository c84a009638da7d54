"""Document fixtures the tests generate: Word, a gov.cn-shaped web page, a two-page CJK PDF."""

from __future__ import annotations

import html as _html
from pathlib import Path

FONT_CANDIDATES = [
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
]

ZH_PARAS = [
    "巩固拓展脱贫攻坚成果同乡村振兴有效衔接",
    "打赢脱贫攻坚战、全面建成小康社会后，要进一步巩固拓展脱贫攻坚成果，接续推动脱贫地区发展和乡村全面振兴。",
    "各地要健全防止返贫动态监测和帮扶机制，对易返贫致贫人口及时发现、及时帮扶，守住防止规模性返贫底线。",
    "要加强农村基础设施建设，改善农村人居环境，推动城乡基本公共服务均等化。",
]
EN_PARAS = [
    "Consolidating and Expanding the Achievements of Poverty Alleviation and Linking Them with Rural Revitalization",
    "After winning the battle against poverty and building a moderately prosperous society in all respects, we must "
    "further consolidate and expand the achievements of poverty alleviation and continue to promote the development "
    "of poverty-stricken areas and all-round rural revitalization.",
    "All localities should improve the dynamic monitoring and assistance mechanism for preventing a return to "
    "poverty, identify and help people at risk promptly, and hold the bottom line of no large-scale return to poverty.",
    "We should strengthen rural infrastructure, improve the rural living environment and promote equal access to "
    "basic public services in urban and rural areas.",
]


def cjk_font() -> Path | None:
    """A Debian CJK font file, or None (the PDF tests skip)."""
    return next((p for p in FONT_CANDIDATES if p.is_file()), None)


def make_docx(path: Path, paragraphs: list[str], header: str = "", footer: str = "") -> Path:
    """A .docx written by python-docx: a heading, body paragraphs, an empty one, header/footer."""
    import docx

    d = docx.Document()
    d.add_heading(paragraphs[0], level=1)
    for p in paragraphs[1:]:
        d.add_paragraph(p)
        d.add_paragraph("")
    if header:
        d.sections[0].header.paragraphs[0].text = header
    if footer:
        d.sections[0].footer.paragraphs[0].text = footer
    d.core_properties.title = paragraphs[0][:40]
    d.save(str(path))
    return path


def make_gov_html(path: Path, paragraphs: list[str], lang: str = "zh", charset: str = "utf-8") -> Path:
    """A page in the shape of a gov.cn article: navigation, breadcrumbs, share buttons, related links, footer."""
    zh = lang == "zh"
    nav = ["首页", "国务院", "总理", "新闻", "政策", "互动", "服务", "数据"] if zh else \
        ["Home", "State Council", "Premier", "News", "Policies", "Services", "Archive"]
    share = ["分享到：", "微信", "微博", "打印", "关闭窗口"] if zh else ["Share:", "WeChat", "Weibo", "Print", "Close"]
    footer = ["主办单位：国务院办公厅　运行维护单位：中国政府网运行中心", "版权所有：中国政府网　京ICP备05070218号"] if zh else \
        ["Copyright © The State Council of the People's Republic of China. All rights reserved.",
         "Registration number: 05070218"]
    related = ["相关新闻", "国务院办公厅关于印发乡村振兴规划的通知", "农业农村部召开乡村振兴工作会议"] if zh else \
        ["Related News", "State Council issues rural revitalization plan", "Ministry holds rural work meeting"]
    body = "\n".join(f"<p>{'　　' if zh else ''}{_html.escape(p)}</p>" for p in paragraphs[1:])
    page = f"""<!DOCTYPE html>
<html lang="{'zh-CN' if zh else 'en'}"><head><meta charset="{charset}">
<title>{_html.escape(paragraphs[0])}_{'中国政府网' if zh else 'english.gov.cn'}</title>
<script>var _hmt = _hmt || []; function share(){{return 1;}}</script>
<style>.nav{{color:red}}</style></head>
<body>
<div class="header"><ul class="nav">{''.join(f'<li><a href="/{i}">{n}</a></li>' for i, n in enumerate(nav))}</ul></div>
<div class="crumbs"><a href="/">{nav[0]}</a> &gt; <a href="/zc">{nav[4]}</a></div>
<div class="article">
<h1>{_html.escape(paragraphs[0])}</h1>
<div class="pages-date">2021-03-22 17:30　{'来源： 新华社' if zh else 'Source: Xinhua'}</div>
<div id="UCAP-CONTENT" class="pages_content">
{body}
</div>
<div class="share">{''.join(f'<a href="#">{s}</a>' for s in share)}</div>
<div class="editor">{'【我要纠错】 责任编辑：王洋' if zh else 'Editor: Wang Yang'}</div>
</div>
<div class="related"><h3>{related[0]}</h3><ul>{''.join(f'<li><a href="/r{i}">{r}</a></li>' for i, r in enumerate(related[1:]))}</ul></div>
<div class="footer">{''.join(f'<p>{f}</p>' for f in footer)}</div>
</body></html>
"""
    path.write_bytes(page.encode(charset))
    return path


def _wrap(para: str, lang: str, measure, first_width: float, width: float) -> list[str]:
    """Lines of one paragraph: by character for Chinese, by word for English."""
    lines: list[str] = []
    cur, avail = "", first_width
    for token in (list(para) if lang == "zh" else para.split(" ")):
        sep = "" if lang == "zh" or not cur else " "
        if cur and measure(cur + sep + token) > avail:
            lines.append(cur)
            cur, avail, sep = "", width, ""
        cur += sep + token
    lines.append(cur)
    return lines


def make_pdf(path: Path, paragraphs: list[str], lang: str = "zh", header: str = "") -> Path:
    """A two-page PDF with a running header and page numbers, drawn line by line with reportlab.

    Paragraphs start with an indent; page 1 ends inside a paragraph, and in English inside a
    word (hyphenated: "poverty-" / "stricken" style breaks the word across the page end).
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = cjk_font()
    assert font is not None
    pdfmetrics.registerFont(TTFont("CJK", str(font), subfontIndex=0))
    size = 12.0
    width, left, right = 420.0, 50.0, 370.0
    indent = 2 * size if lang == "zh" else 1.5 * size

    def measure(s: str) -> float:
        return pdfmetrics.stringWidth(s, "CJK", size)

    lines: list[tuple[str, bool]] = []  # (text, first line of a paragraph)
    for para in paragraphs:
        for k, line in enumerate(_wrap(para, lang, measure, right - left - indent, right - left)):
            lines.append((line, k == 0))
    def breakable(k: int) -> bool:  # page 1 must end inside a paragraph (in English, before a long word)
        head = lines[k][0].split(" ", 1)[0]
        return not lines[k][1] and (lang != "en" or (len(head) >= 4 and head.isalpha()))

    cut = len(lines) // 2
    while cut < len(lines) and not breakable(cut):
        cut += 1
    assert cut < len(lines), "no line to break the page at"
    if lang == "en":  # and inside a word: half of the next page's first word moved back, hyphenated
        text, first = lines[cut - 1]
        head, _, rest = lines[cut][0].partition(" ")
        lines[cut - 1] = (f"{text} {head[:len(head) // 2]}-", first)
        lines[cut] = (f"{head[len(head) // 2:]} {rest}".strip(), False)
    pages = [lines[:cut], lines[cut:]]
    height = 100 + max(len(p) for p in pages) * size * 2.0 + 60
    c = canvas.Canvas(str(path), pagesize=(width, height), invariant=1)
    c.setTitle(paragraphs[0][:40])
    for n, page in enumerate(pages, 1):
        c.setFont("CJK", 9)
        if header:
            c.drawString(left, height - 30, header)
        c.drawCentredString(width / 2, 25, f"- {n} -")
        c.setFont("CJK", size)
        y = height - 70
        for k, (text, first) in enumerate(page):
            if first and k:
                y -= size * 0.6
            c.drawString(left + (indent if first else 0), y, text)
            y -= size * 1.6
        c.showPage()
    c.save()
    return path


def make_blank_pdf(path: Path) -> Path:
    """A PDF with an image-like drawing and no text layer (as a scan would be)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(300, 300), invariant=1)
    c.rect(50, 50, 200, 200, fill=1)
    c.showPage()
    c.save()
    return path
