"""`corpus segment`: print one sentence per line."""

from __future__ import annotations

import click

from ..clean import clean_text
from ..reading import decode_bytes
from ..segment import split


@click.command()
@click.argument("file", type=click.File("rb"), default="-")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Language of FILE.")
@click.option("--no-clean", is_flag=True, help="Segment the text as it is, without the cleaning rules.")
@click.option("--ids", is_flag=True, help="Prefix each sentence with its id (para/sent) and a tab.")
@click.option("--encoding", default=None, help="Encoding of FILE or stdin (e.g. gb18030, big5, cp1252), "
              "when detection is not certain.")
def segment(file: click.utils.LazyFile, lang: str, no_clean: bool, ids: bool, encoding: str | None) -> None:
    """Print FILE (or stdin) one sentence per line, after cleaning.

    \b
    Example:
      corpus segment seeds/zh/000_2bd413ae3be23088.txt | head
      echo 'Mr. Li arrived. He spoke.' | corpus segment --lang en
      iconv -t GB18030 notes.txt | corpus segment --encoding gb18030
    """
    name = getattr(file, "name", "<stdin>")
    text = decode_bytes(file.read(), name, encoding=encoding, lang=lang).text
    paragraphs = [p for p in text.split("\n") if p.strip()] if no_clean else clean_text(text, lang).paragraphs
    for pi, para in enumerate(paragraphs, 1):
        for si, (sent, _space) in enumerate(split(para, lang), 1):
            click.echo(f"{pi}/{si}\t{sent}" if ids else sent)
