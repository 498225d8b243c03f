from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "eenplan.organisation"
    label = "organisation"
