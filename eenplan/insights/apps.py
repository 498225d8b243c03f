from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "eenplan.insights"
    label = "insights"
