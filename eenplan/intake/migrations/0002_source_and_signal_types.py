"""Starting data: the usual source types and a few signal types with deadline rules.

All of it is data the functional administrator changes in the management pages; names
are Dutch because they are what the team sees.
"""

from django.db import migrations

SOURCES = [
    # code, name, public label, reporter is subject, partner
    ("inwoner", "Inwoner zelf", "Ik vraag hulp voor mijzelf of mijn gezin", True, False),
    ("buren", "Buren / buurtbewoner", "Ik ben buurman, buurvrouw of familie en maak me zorgen", False, False),
    ("woningcorporatie", "Woningcorporatie", "Ik werk bij een woningcorporatie", False, True),
    ("huisarts", "Huisarts / POH", "Ik werk bij een huisartsenpraktijk", False, True),
    ("school", "School / leerplicht", "Ik werk bij een school of bij leerplicht", False, True),
    ("politie", "Politie / wijkagent", "", False, True),
    ("energieleverancier", "Energieleverancier", "", False, True),
    ("zorgverzekeraar", "Zorgverzekeraar", "", False, True),
    ("deurwaarder", "Deurwaarder / incasso", "", False, True),
    ("veilig-thuis", "Veilig Thuis", "", False, True),
    ("eigen-waarneming", "Eigen waarneming", "", False, False),
    ("overig", "Overig", "Anders", False, False),
]

SIGNAL_TYPES = [
    # code, name, description, contact within days, arrears from, steps, usual source, urgency, public
    ("vhu", "Voorkomen Huisuitzettingen (huurachterstand)",
     "De woningcorporatie meldt een huurachterstand voordat de deurwaarder wordt ingeschakeld. "
     "Het team heeft twee weken om contact te maken.", 14, None, "brief,huisbezoek,info_achtergelaten,buren",
     "woningcorporatie", "hoog", False),
    ("energie", "Betalingsachterstand energie",
     "De energieleverancier meldt een betalingsachterstand. Vanaf twee maanden: brief en huisbezoek.", 14, 2,
     "brief,huisbezoek", "energieleverancier", "normaal", False),
    ("zorgverzekering", "Betalingsachterstand zorgverzekering",
     "De zorgverzekeraar meldt een premieachterstand. Vanaf twee maanden: brief en huisbezoek.", 14, 2,
     "brief,huisbezoek", "zorgverzekeraar", "normaal", False),
    ("zorgen", "Zorgen over een inwoner",
     "Buren, partners of het team zelf maken zich zorgen om iemand.", 5, None, "huisbezoek,info_achtergelaten,buren",
     "buren", "normaal", False),
    ("aanmelding", "Aanmelding via de website",
     "Een inwoner of partner meldt zich via het webformulier.", 3, None, "telefoon", "inwoner", "normaal", True),
]


def add(apps, schema_editor):
    SourceType = apps.get_model("intake", "SourceType")
    SignalType = apps.get_model("intake", "SignalType")
    sources = {}
    for order, (code, name, label, subject, partner) in enumerate(SOURCES):
        sources[code], _ = SourceType.objects.get_or_create(
            code=code,
            defaults=dict(name=name, public_label=label, reporter_is_subject=subject, is_partner=partner, order=order * 10),
        )
    for code, name, description, days, arrears, steps, source, urgency, public in SIGNAL_TYPES:
        SignalType.objects.get_or_create(
            code=code,
            defaults=dict(name=name, description=description, contact_within_days=days, arrears_months_from=arrears,
                          outreach_steps=steps, default_source=sources[source], default_urgency=urgency, for_public_form=public),
        )


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
