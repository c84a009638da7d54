"""The OmegaT 3.6 project files: ``omegat.project``, ``omegat/filters.xml`` and
``omegat/segmentation.conf``.

OmegaT 3.6 reads a project's own segmentation rules only from ``omegat/segmentation.conf``, a
``java.beans.XMLEncoder`` dump of its ``SRX`` class (an ``.srx`` file there is ignored; 4.x reads
SRX). The file is written here as XMLEncoder would, with the current version (``0.2.2``) so
OmegaT does not merge its own default rules into it.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..tmx.srx import SrxRule

SRX_CONF_VERSION = "0.2.2"  # org.omegat.core.segmentation.SRX.CURRENT_VERSION in OmegaT 3.6

_TOKENIZERS = {"zh": "org.omegat.tokenizer.LuceneCJKTokenizer",
               "en": "org.omegat.tokenizer.LuceneEnglishTokenizer"}


def tokenizer(lang: str) -> str:
    """OmegaT's tokenizer class for a language code. Chinese: character bigrams (CJK), not the
    SmartChinese word segmenter: OmegaT's glossary pane shows a term when all its tokens occur
    anywhere in the segment, and with words that listed 154 terms on the seeds that were not
    there (新发生贫困人口 for a segment with 新, 发生, 贫困 and 人口 apart); with bigrams, 8."""
    return _TOKENIZERS.get(lang.split("-")[0].lower(), "org.omegat.tokenizer.DefaultTokenizer")


def project_xml(source: str, target: str) -> str:
    """``omegat.project`` for *source* → *target*, every folder at its default place."""
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>{escape(source)}</source_lang>
        <target_lang>{escape(target)}</target_lang>
        <source_tok>{tokenizer(source)}</source_tok>
        <target_tok>{tokenizer(target)}</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""


FILTERS_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<filters removeTags="true" removeSpacesNonseg="true" preserveSpaces="false" ignoreFileContext="false">
    <filter className="org.omegat.filters2.text.TextFilter" enabled="true">
        <files sourceFilenameMask="*.txt" targetFilenamePattern="${filename}" sourceEncoding="UTF-8" targetEncoding="UTF-8"/>
        <option name="segmentOn" value="BREAKS"/>
    </filter>
</filters>
"""
"""Plain text read as UTF-8, one paragraph a line (as the source files are written)."""


def _string(indent: int, text: str) -> str:
    return " " * indent + "<string>" + escape(text) + "</string>\n"


def _rule(rule: SrxRule, indent: int) -> str:
    pad = " " * indent
    out = [f"{pad}<void method=\"add\">\n", f"{pad} <object class=\"org.omegat.core.segmentation.Rule\">\n"]
    for name, value in (("afterbreak", rule.after), ("beforebreak", rule.before)):
        out += [f"{pad}  <void property=\"{name}\">\n", _string(indent + 3, value or ""), f"{pad}  </void>\n"]
    if rule.brk:
        out += [f"{pad}  <void property=\"breakRule\">\n", f"{pad}   <boolean>true</boolean>\n", f"{pad}  </void>\n"]
    out += [f"{pad} </object>\n", f"{pad}</void>\n"]
    return "".join(out)


def segmentation_conf(rules: list[tuple[str, str, list[SrxRule]]]) -> str:
    """``segmentation.conf`` with *rules* ``(language name, language-code pattern, rules)``, in
    order (OmegaT applies every mapping whose pattern matches the project language, in order)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           '<java version="1.8.0" class="java.beans.XMLDecoder">\n',
           ' <object class="org.omegat.core.segmentation.SRX" id="SRX0">\n',
           '  <void property="mappingRules">\n']
    for name, pattern, rule_list in rules:
        out += ['   <void method="add">\n', '    <object class="org.omegat.core.segmentation.MapRule">\n',
                '     <void property="language">\n', _string(6, name), '     </void>\n',
                '     <void property="pattern">\n', _string(6, pattern), '     </void>\n',
                '     <void property="rules">\n', '      <object class="java.util.ArrayList">\n']
        out += [_rule(r, 7) for r in rule_list]
        out += ['      </object>\n', '     </void>\n', '    </object>\n', '   </void>\n']
    out += ['  </void>\n', '  <void property="version">\n', _string(3, SRX_CONF_VERSION), '  </void>\n',
            ' </object>\n', '</java>\n']
    return "".join(out)
