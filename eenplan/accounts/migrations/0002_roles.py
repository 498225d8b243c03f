from django.db import migrations

ROLE_CODES = [
    "professional", "team_lead", "safety_specialist", "front_office", "municipal_officer", "policy", "functional_admin",
]


def create_roles(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for code in ROLE_CODES:
        Role.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
