# The intake board's partial index (ADR 0133); PostgreSQL and SQLite both support partial indexes.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0004_triage_safety_concerns'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='signal',
            index=models.Index(condition=models.Q(('case__isnull', True), ('status', 'open')), fields=['team', 'urgency', 'deadline', 'received_at', 'first_contact_at', 'id'], name='intake_signal_board_idx'),
        ),
    ]
