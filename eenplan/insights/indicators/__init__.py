"""All indicators, one module per section. Importing this package fills `framework.REGISTRY`."""

from . import process, safety  # noqa: F401
