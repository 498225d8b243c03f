"""Single sign-on (only answers when OIDC is configured). URL names as mozilla-django-oidc expects them."""

from django.urls import path

from . import oidc

urlpatterns = [
    path("inloggen/", oidc.LoginStart.as_view(), name="oidc_authentication_init"),
    path("terug/", oidc.LoginCallback.as_view(), name="oidc_authentication_callback"),
]
