"""Claims like a municipality's IdP sends: groups (for role mapping) and amr (how the user authenticated).

A test account in the Django group "mfa" authenticated with a second factor at the IdP: amr ["pwd", "mfa"].
"""


def _groups(user):
    return sorted(g.name for g in user.groups.all() if g.name != "mfa")


def id_token_claims(id_token, user, token, request, **kwargs):
    id_token["groups"] = _groups(user)
    id_token["amr"] = ["pwd", "mfa"] if user.groups.filter(name="mfa").exists() else ["pwd"]
    id_token["preferred_username"] = user.username
    return id_token


def userinfo(claims, user):
    claims["preferred_username"] = user.username
    claims["email"] = user.email
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    return claims
