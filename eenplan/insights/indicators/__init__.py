"""All indicators, one module per section. Importing this package fills `framework.REGISTRY` in page order."""

from . import collaboration, intake, outcomes, process, safety  # noqa: F401
