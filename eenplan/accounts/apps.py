from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "eenplan.accounts"
    label = "accounts"
