from django.urls import path

from . import views

app_name = "insights"


def _scope_urls(prefix, kind, name, converter=""):
    ident = f"<{converter}>/" if converter else ""
    base = f"inzicht/{prefix}{ident}"
    return [
        path(base, views.scope_page, {"kind": kind}, name=name),
        path(f"{base}vernieuwen/", views.scope_refresh, {"kind": kind}, name=f"{name}_refresh"),
        path(f"{base}export.xlsx", views.export, {"kind": kind, "fmt": "xlsx"}, name=f"{name}_export"),
        path(f"{base}<slug:key>.csv", views.export, {"kind": kind, "fmt": "csv"}, name=f"{name}_csv"),
        path(f"{base}<slug:key>.xlsx", views.export, {"kind": kind, "fmt": "xlsx"}, name=f"{name}_xlsx"),
    ]


urlpatterns = [
    path("inzicht/", views.home, name="home"),
    path("inzicht/vertelpunten/nieuw/", views.vertelpunt_new, name="vertelpunt_new"),
    path("inzicht/vertelpunten/<int:pk>/intrekken/", views.vertelpunt_withdraw, name="vertelpunt_withdraw"),
    *_scope_urls("gemeente/", "municipality", "municipality"),
    *_scope_urls("teams/", "team", "team", "int:ident"),
    *_scope_urls("wijken/", "wijk", "wijk", "slug:ident"),
]
