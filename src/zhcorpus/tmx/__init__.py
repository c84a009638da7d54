"""TMX 1.4b export, import, validation, statistics and merging, and the SRX segmentation rules.

The pipeline calls :func:`export_tmx_pairs` and :func:`write_srx`; readers of a TMX call
:func:`read_tmx`. Everything streams, so millions of units fit in bounded memory.
"""

from .export import TmxExport, TmxReport, export_tmx, export_tmx_pairs
from .importer import ImportReport, import_tmx, tmx_unit_to_unit, units_from_tmx
from .inline import InlineTag, seg_to_text, text_to_seg_xml
from .langs import DEFAULT_PAIRS, PROFILES, lang
from .merge import merge_tmx
from .reader import TmxReader, TmxUnit, read_tmx
from .records import TuRecord, record_to_unit, unit_record
from .srx import project_rules, read_srx, write_srx
from .stats import TmxStats, tmx_stats
from .validate import ValidationReport, validate_tmx
from .writer import TmxWriter

__all__ = [
    "DEFAULT_PAIRS", "PROFILES", "ImportReport", "InlineTag", "TmxExport", "TmxReader", "TmxReport",
    "TmxStats", "TmxUnit", "TmxWriter", "TuRecord", "ValidationReport", "export_tmx", "export_tmx_pairs",
    "import_tmx", "lang", "merge_tmx", "project_rules", "read_srx", "read_tmx", "record_to_unit",
    "seg_to_text", "text_to_seg_xml", "tmx_stats", "tmx_unit_to_unit", "unit_record", "units_from_tmx",
    "validate_tmx", "write_srx",
]
