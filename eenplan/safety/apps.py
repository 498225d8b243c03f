from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "eenplan.safety"
    label = "safety"
