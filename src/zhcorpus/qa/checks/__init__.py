"""The QA checks, one per module; each exposes ``CHECK`` (a :class:`~zhcorpus.qa.registry.Check`)."""
