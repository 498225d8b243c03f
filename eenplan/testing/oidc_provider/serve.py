"""Start the test OpenID Connect provider on a loopback port.

    python -m eenplan.testing.oidc_provider.serve --port 8075 --db /tmp/idp.sqlite3 \
        --client-id eenplan --client-secret geheim \
        --redirect-uri http://127.0.0.1:8071/oidc/callback/ --logout-uri http://127.0.0.1:8071/inloggen/ \
        --user sso-anna:wachtwoord-anna:anna@eendijk.example:eenplan-professional,mfa

A user is name:password:email:groups (comma-separated; the group "mfa" makes the IdP assert a second factor).
"""

import argparse
import os
import sys


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--redirect-uri", action="append", required=True)
    parser.add_argument("--logout-uri", action="append", default=[])
    parser.add_argument("--user", action="append", default=[])
    args = parser.parse_args(argv)

    os.environ["DJANGO_SETTINGS_MODULE"] = "eenplan.testing.oidc_provider.settings"
    os.environ["OIDC_PROVIDER_DB"] = args.db
    os.environ["OIDC_PROVIDER_URL"] = f"http://127.0.0.1:{args.port}"
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType, RSAKey

    call_command("migrate", verbosity=0)
    if not RSAKey.objects.exists():
        call_command("creatersakey")
    client, _ = Client.objects.update_or_create(
        client_id=args.client_id,
        defaults={"name": "eenplan", "client_type": "confidential", "client_secret": args.client_secret,
                  "jwt_alg": "RS256", "require_consent": False, "reuse_consent": True},
    )
    client.redirect_uris = args.redirect_uri
    client.post_logout_redirect_uris = args.logout_uri
    client.scope = ["openid", "email", "profile"]
    client.save()
    client.response_types.set([ResponseType.objects.get(value="code")])
    for spec in args.user:
        name, password, email, groups = spec.split(":", 3)
        user, _ = User.objects.get_or_create(username=name)
        user.email, user.first_name, user.last_name = email, name.split("-")[-1].capitalize(), "Eendijk"
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get_or_create(name=g)[0] for g in groups.split(",") if g])
    print(f"OIDC provider on http://127.0.0.1:{args.port}", flush=True)
    call_command("runserver", f"127.0.0.1:{args.port}", use_reloader=False, use_threading=True, skip_checks=True)


if __name__ == "__main__":
    sys.exit(main())
