"""`corpus init` and `corpus add`: make a corpus project and add document pairs to it."""

from __future__ import annotations

from pathlib import Path

import click

from ..newproject import AddRequest, add_document, init_project
from ..project import require_project, set_project_override


def project_option(f: click.decorators.FC) -> click.decorators.FC:
    """``--project DIR``: the project to work on (default: found from the working folder up)."""
    def remember(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
        if value is not None:
            set_project_override(value)

    return click.option("--project", type=click.Path(file_okay=False, path_type=Path), default=None,
                        expose_value=False, is_eager=True, callback=remember,
                        help="The corpus project (default: the folder holding corpus.toml, from here upwards).")(f)


@click.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option("--name", default=None, help="The corpus name (in the manifest and the dataset card).")
@click.option("--glossary", type=click.Choice(["copy", "link", "none"]), default="copy", show_default=True,
              help="Copy the glossary into the project, refer to it where it is, or start without one.")
@click.option("--glossary-file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="The glossary TSV to copy or link [the curated seeds/glossary.tsv].")
@click.option("--date", default=None, help="The corpus release date, YYYY-MM-DD [today].")
@click.option("--url", default=None, help="The corpus's home page (cited in the dataset card).")
def init(folder: Path, name: str | None, glossary: str, glossary_file: Path | None, date: str | None,
         url: str | None) -> None:
    """Make a corpus project in FOLDER: corpus.toml, sources/manifest.toml, sources/glossary.tsv.

    \b
    Example:
      corpus init my-corpus --name "Rural revitalization white papers"
      corpus init my-corpus --glossary link       # use the curated glossary where it is
    """
    written = init_project(folder, name=name, glossary=glossary, glossary_file=glossary_file, date=date, url=url)
    for p in written:
        click.echo(f"wrote {p}", err=True)
    click.echo(f"next: cd {folder} && corpus add ZH EN --title ... && corpus build", err=True)


@click.command("add")
@click.argument("zh", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("en", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=False)
@click.option("--id", "doc_id", default=None, help="Document id [from the Chinese file's name].")
@click.option("--title", default=None, help="Title of the Chinese document.")
@click.option("--date", default=None, help="Date of the Chinese document (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--source", default=None, help="Publisher or outlet of the Chinese text (e.g. 新华社).")
@click.option("--url", default=None, help="Where the Chinese text was published.")
@click.option("--author", default=None, help="Author of the Chinese text.")
@click.option("--license", "license_", default=None,
              help="Licence of the Chinese source text (an SPDX id such as CC-BY-4.0, or e.g. 'publisher's text').")
@click.option("--translator", default=None, help="Who translated the English (a person, an organisation, or 'official').")
@click.option("--translation-license", default=None, help="Licence of the English translation (SPDX id).")
@click.option("--translation-url", default=None, help="Where the English translation was published.")
@click.option("--translation-date", default=None, help="Date of the English translation.")
@click.option("--encoding", default=None, help="Encoding of the Chinese file (when it cannot be detected for certain).")
@click.option("--en-encoding", default=None, help="Encoding of the English file (e.g. cp1252).")
@click.option("--link", is_flag=True, help="Hard-link the files into the project instead of copying them.")
@project_option
def add(zh: Path, en: Path | None, doc_id: str | None, title: str | None, date: str | None, source: str | None,
        url: str | None, author: str | None, license_: str | None, translator: str | None,
        translation_license: str | None, translation_url: str | None, translation_date: str | None,
        encoding: str | None, en_encoding: str | None, link: bool) -> None:
    """Add a Chinese document ZH and its English translation EN to the project.

    The files (.txt, .md, .docx, .html, .pdf; or one bilingual .tmx alone) are copied into
    sources/zh and sources/en, read as the build reads them, and listed in sources/manifest.toml
    with the detected encoding, script (Hans/Hant) and region (TW/HK).

    \b
    Example:
      corpus add report.docx report.en.docx --title 政府工作报告 --date 2021-03-05 \\
          --source 新华社 --license "publisher's text" --translator "Xinhua" --translation-license other
      corpus add memory.tmx --id vendor-memory
    """
    project = require_project()
    fields = {"title": title, "date": date, "source": source, "url": url, "author": author, "license": license_}
    tfields = {"translator": translator, "license": translation_license, "url": translation_url,
               "date": translation_date}
    result = add_document(project, AddRequest(zh=zh, en=en, id=doc_id, link=link, encoding=encoding,
                                              en_encoding=en_encoding, fields=fields, translation_fields=tfields))
    det = result.detected["zh"]
    desc = ", ".join(f"{k} {v}" for k, v in det.items())
    click.echo(f"added document {result.id} ({desc}) to {project.manifest}", err=True)
    for f in result.files:
        click.echo(f"wrote {f}", err=True)


_PROJECT_FILES = {
    "glossary": (lambda p: p.glossary, Path("seeds/glossary.tsv")),
    "manifest": (lambda p: p.manifest, Path("seeds/manifest.toml")),
    "units": (lambda p: p.out / "units.jsonl", Path("corpus/units.jsonl")),
    "documents": (lambda p: p.out / "documents.jsonl", Path("corpus/documents.jsonl")),
}


def project_path(kind: str, given: Path | None) -> Path | None:
    """*given* as typed, else the project's file of this *kind* (glossary, manifest, units,
    documents) resolved from the project root, else the default relative to the working folder;
    None for a glossary that does not exist."""
    from ..project import find_project

    if given is not None:
        return given
    get, fallback = _PROJECT_FILES[kind]
    project = find_project()
    path = get(project) if project is not None else fallback
    if kind == "glossary" and (path is None or not Path(path).is_file()):
        return None
    return path


def project_default(kind: str) -> object:
    """A click callback filling an option's default from the project (see :func:`project_path`)."""
    def callback(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
        path = project_path(kind, value)
        if path is None and kind == "glossary":
            raise click.UsageError("no glossary: not in a corpus project with one, and no --glossary given")
        return path

    return callback
