"""`corpus review`: look at the doubtful beads in the browser and correct them; or as a sheet."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("review")
@click.option("--corpus", "corpus_dir", type=click.Path(path_type=Path), default=None,
              help="The built corpus folder (default: the build's `out`, corpus/).")
@click.option("--corrections", type=click.Path(path_type=Path), default=None,
              help="The corrections folder (default: [corrections] folder in corpus.toml, corrections/).")
@click.option("--glossary", type=click.Path(path_type=Path), default=None,
              help="Glossary for term highlighting and misses (default: the build's).")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@click.option("--unit", default=None, help="Start at this unit (e.g. 000/17), as the build report lists them.")
@click.option("--export", "export_path", type=click.Path(path_type=Path), default=None,
              help="Write the review queue as a spreadsheet (.xlsx) instead of serving.")
@click.option("--import", "import_path", type=click.Path(path_type=Path), default=None,
              help="Apply the decisions of a review spreadsheet as corrections.")
def review(corpus_dir: Path | None, corrections: Path | None, glossary: Path | None, port: int,
           open_browser: bool, unit: str | None, export_path: Path | None, import_path: Path | None) -> None:
    """Review the alignment: a local web page with the beads worst first, Chinese and English side
    by side; merge, split, move, mark untranslated, fix a typo, approve. Corrections go to
    corrections/<doc>.jsonl and the next `corpus build` applies them.

    \b
    Examples:
      corpus review --open                 # serve on 127.0.0.1 and open the browser
      corpus review --unit 000/17          # start at one bead (the report's commands)
      corpus review --export review.xlsx   # the queue as a spreadsheet (decision column)
      corpus review --import review.xlsx   # its decisions become corrections
    """
    from ..build.options import make_options
    from ..review.project import ReviewProject

    if export_path is not None and import_path is not None:
        raise click.UsageError("use either --export or --import, not both")
    opts = make_options({})
    corpus_dir = corpus_dir or opts.out
    corrections = corrections or Path(opts.steps["corrections"].folder)
    glossary = glossary or opts.glossary_path
    project = ReviewProject(corpus_dir, corrections, glossary)
    if export_path is not None:
        from ..review.sheet import export_sheet

        n = export_sheet(project, export_path)
        click.echo(f"wrote {export_path}: {n} beads, worst first; fill in the 'decision' column, then "
                   f"`corpus review --import {export_path}`")
        return
    if import_path is not None:
        from ..review.sheet import import_sheet

        report = import_sheet(project, import_path)
        for line in report.problems:
            click.echo(f"not applied: {line}", err=True)
        click.echo(f"{import_path}: {report.applied} decisions applied as corrections in {corrections}/, "
                   f"{len(report.problems)} not applied, {report.skipped} rows without a decision")
        return
    start = "/"
    if unit:
        from ..errors import InputError

        try:
            doc, k = project.locate(unit)
        except InputError as exc:
            raise click.BadParameter(exc.message, param_hint="--unit") from None
        start = f"/doc/{doc}?at={k + 1}#b{k + 1}"
    from ..review.server import Served, serve

    def ready(served: Served) -> None:
        url = served.url(start)
        click.echo(f"review: {url}")
        click.echo("(listening on 127.0.0.1 only; the token in the URL is needed; Ctrl-C stops)")
        if open_browser:
            import webbrowser

            webbrowser.open(url)

    serve(project, port, ready=ready)
