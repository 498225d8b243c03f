from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "eenplan.followup"
    label = "followup"
