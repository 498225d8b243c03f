from django.db import migrations, models


def create_role(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    Role.objects.get_or_create(code="privacy_officer")


def remove_role(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    Role.objects.filter(code="privacy_officer", users__isnull=True).delete()


class Migration(migrations.Migration):
    """The privacy officer (privacyfunctionaris / FG): reviews the access log, answers the resident's rights."""

    dependencies = [("accounts", "0002_roles")]
    operations = [
        migrations.AlterField(
            model_name="role",
            name="code",
            field=models.CharField(
                choices=[
                    ("professional", "Professional"), ("team_lead", "Team lead"), ("safety_specialist", "Safety specialist"),
                    ("front_office", "Front office"), ("municipal_officer", "Municipal officer"), ("policy", "Policy / manager"),
                    ("functional_admin", "Functional administrator"), ("privacy_officer", "Privacy officer"),
                ],
                max_length=30, unique=True, verbose_name="code",
            ),
        ),
        migrations.RunPython(create_role, remove_role),
    ]
