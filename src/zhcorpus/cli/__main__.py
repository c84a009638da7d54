"""`python -m zhcorpus.cli`: the `corpus` command."""

from . import main

main()
