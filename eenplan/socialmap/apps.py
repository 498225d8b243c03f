from django.apps import AppConfig


class SocialmapConfig(AppConfig):
    name = "eenplan.socialmap"
    label = "socialmap"
