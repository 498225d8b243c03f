from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "eenplan.access"
    label = "access"
