from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "eenplan.access"
    label = "access"

    def ready(self):
        from . import dbguard  # noqa: F401  (registers the SQLite maintenance function)
