"""The DigiD library's models are not on the management site (ADR 0100).

django-privates' admin mixin (used by the DigiD configuration and simple-certmanager's certificates) answers
500 for an object that does not exist (the route walker found it); until that is fixed upstream or
wrapped, the DigiD configuration is set outside the management site (docs/portal.md).
Called from the URL conf, after every app's admin module has registered its models."""

from django.apps import apps
from django.contrib import admin

LIBRARY_APPS = ("digid_eherkenning", "simple_certmanager")


def trim_library_admin():
    for label in LIBRARY_APPS:
        for model in apps.get_app_config(label).get_models():
            if admin.site.is_registered(model):
                admin.site.unregister(model)
