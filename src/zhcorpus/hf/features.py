"""The dataset's subsets (configs) and their explicit ``datasets.Features``, so types survive.

Translation subsets use the standard ``Translation`` feature; scores are float32, paragraph
numbers int32 (null for a unit without one), lists are ``List`` features. One place defines
every column, its type and its meaning; the card's field tables are generated from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from datasets import Features, List, Translation, Value

SPLITS = ("train", "validation", "test")


@dataclass(frozen=True)
class TranslationConfig:
    """A translation subset: which variant of the Chinese side pairs with which other side."""

    name: str
    languages: tuple[str, str]  # keys of the ``translation`` column, sorted
    zh_tags: tuple[str, ...]  # the variant tag(s) of the Chinese text(s), zh key(s) in order
    description: str


TRANSLATION_CONFIGS: tuple[TranslationConfig, ...] = (
    TranslationConfig("en-zh_Hans", ("en", "zh"), ("zh-Hans",),
                      "English and Chinese in Simplified characters (mainland standard)"),
    TranslationConfig("en-zh_Hant", ("en", "zh"), ("zh-Hant",),
                      "English and Chinese in Traditional characters (OpenCC standard forms)"),
    TranslationConfig("en-zh_TW", ("en", "zh"), ("zh-TW",),
                      "English and Chinese in Traditional characters with Taiwan usage"),
    TranslationConfig("en-zh_HK", ("en", "zh"), ("zh-HK",),
                      "English and Chinese in Traditional characters with Hong Kong usage"),
    TranslationConfig("zh_Hans-zh_Hant", ("zh_Hans", "zh_Hant"), ("zh-Hans", "zh-Hant"),
                      "the same Chinese sentence in Simplified and in Traditional characters"),
)
GLOSSARY_CONFIG = "glossary"
DOCUMENTS_CONFIG = "documents"
CONFIG_NAMES = (*(c.name for c in TRANSLATION_CONFIGS), GLOSSARY_CONFIG, DOCUMENTS_CONFIG)

_STR = Value("string")
_STRS = List(Value("string"))

# column -> (feature, meaning); the order here is the column order in the Parquet files.
UNIT_COLUMNS: dict[str, tuple[object, str]] = {
    "id": (_STR, "unit id `<doc>/<n>`, unique in the corpus, the same in every subset"),
    "doc_id": (_STR, "document id; every unit of a document is in the same split"),
    "paragraph": (Value("int32"), "1-based paragraph number in the Chinese document"),
    "bead": (_STR, "alignment bead type `<zh sentences>-<en sentences>`, e.g. `1-2`"),
    "translation": (None, "the sentence pair (a `Translation` feature)"),
    "zh_source": (_STR, "the Chinese as written in the source document; null when it is the "
                  "first Chinese text of `translation` (it differs where that text is a conversion)"),
    "score": (Value("float32"), "alignment confidence of the bead, 0 to 1"),
    "terms": (_STRS, "ids of the glossary concepts found in the unit (see the `glossary` subset)"),
    "flags": (_STRS, "quality and provenance flags of the unit"),
    "reviewed": (Value("bool"), "whether a person reviewed the bead (`corpus review`): then it is fixed, score 1.0"),
    "zh_ids": (_STRS, "ids of the Chinese sentences in the bead (`<doc>.zh/<para>/<sent>`)"),
    "en_ids": (_STRS, "ids of the English sentences in the bead (`<doc>.en/<para>/<sent>`)"),
}

GLOSSARY_COLUMNS: dict[str, tuple[object, str]] = {
    "id": (_STR, "concept id"),
    "zh_hans": (_STR, "the term in Simplified characters"),
    "zh_hant": (_STR, "the term in Traditional characters"),
    "zh_tw": (_STR, "the Taiwan form, where Taiwan usage differs (else empty)"),
    "zh_variants": (_STRS, "other Chinese forms found in texts"),
    "en": (_STR, "preferred English rendering"),
    "en_alt": (_STRS, "accepted alternative renderings"),
    "definition": (_STR, "definition"),
    "domain": (_STR, "subject domain"),
    "source": (_STR, "the official publication the English follows"),
    "source_date": (_STR, "date of that publication"),
    "status": (_STR, "`seed` (occurs in the corpus) or `added` (added for completeness)"),
    "notes": (_STR, "notes"),
    "occurrences": (Value("int32"), "number of units of this export that contain the concept"),
}

_EDIT = {"lang": _STR, "rule": _STR, "line": Value("int32"), "col": Value("int32"),
         "before": _STR, "after": _STR}
DOCUMENT_COLUMNS: dict[str, tuple[object, str]] = {
    "doc_id": (_STR, "document id (the pair id shared by the Chinese text and its translation)"),
    "script": (_STR, "script of the Chinese source: `Hans`, `Hant` or `mixed`"),
    "title": (_STR, "title given by the text or the manifest (null if none)"),
    "date": (_STR, "date of the Chinese text as given (null if unknown)"),
    "source": (_STR, "publisher of the Chinese text (null if not given)"),
    "author": (_STR, "author of the Chinese text (null if not given)"),
    "zh_text": (_STR, "the cleaned Chinese text, one paragraph per line"),
    "en_text": (_STR, "the cleaned English translation, one paragraph per line"),
    "zh_sha256": (_STR, "SHA-256 of the Chinese source file as received"),
    "en_sha256": (_STR, "SHA-256 of the English source file as received"),
    "translation_license": (_STR, "licence of the English translation (null if not given)"),
    "units": (Value("int32"), "aligned units (beads with both sides) of the document"),
    "unaligned": (List({"id": _STR, "side": _STR, "text": _STR, "flags": _STRS}),
                  "beads with an empty side (kept, not translation rows): unit id, `zh` or `en`, text"),
    "cleaning": (List({"lang": _STR, "rule": _STR, "count": Value("int32")}),
                 "how many changes each cleaning rule made, per language"),
    "edits": (List(_EDIT), "the cleaning log: every change with rule, source line:col, before and after"),
    "boilerplate": (List({"lang": _STR, "rule": _STR, "line": Value("int32"), "text": _STR}),
                    "boilerplate removed from the text (bylines, editor credits, related headlines)"),
    "doc_flags": (List({"lang": _STR, "rule": _STR, "detail": _STR}),
                  "document flags (e.g. masked text), detail as JSON"),
    "zh_meta": (_STR, "all metadata of the Chinese document, as JSON"),
    "en_meta": (_STR, "all metadata of the English document, as JSON"),
}


def translation_features(config: TranslationConfig) -> Features:
    """The explicit features of a translation subset."""
    cols = {k: (Translation(languages=list(config.languages)) if k == "translation" else f)
            for k, (f, _) in UNIT_COLUMNS.items()}
    return Features(cols)


def glossary_features() -> Features:
    """The explicit features of the ``glossary`` subset."""
    return Features({k: f for k, (f, _) in GLOSSARY_COLUMNS.items()})


def document_features() -> Features:
    """The explicit features of the ``documents`` subset."""
    return Features({k: f for k, (f, _) in DOCUMENT_COLUMNS.items()})


def features_for(config_name: str) -> Features:
    """The features of any subset by name (KeyError for an unknown name)."""
    if config_name == GLOSSARY_CONFIG:
        return glossary_features()
    if config_name == DOCUMENTS_CONFIG:
        return document_features()
    for c in TRANSLATION_CONFIGS:
        if c.name == config_name:
            return translation_features(c)
    raise KeyError(config_name)
