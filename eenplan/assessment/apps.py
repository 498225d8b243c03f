from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "eenplan.assessment"
    label = "assessment"
