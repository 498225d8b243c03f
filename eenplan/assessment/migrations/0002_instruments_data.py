"""The instruments' domain lists (instruments.md). Level descriptions follow in a later migration."""

from django.db import migrations

ZRM_2017 = [
    ("financien", "Financiën", "Geldzaken"),
    ("werk-opleiding", "Werk & Opleiding", "Werk en opleiding"),
    ("tijdsbesteding", "Tijdsbesteding", "Tijdsbesteding"),
    ("huisvesting", "Huisvesting", "Woning"),
    ("huiselijke-relaties", "Huiselijke relaties", "Relaties thuis"),
    ("geestelijke-gezondheid", "Geestelijke gezondheid", "Geestelijke gezondheid"),
    ("lichamelijke-gezondheid", "Lichamelijke gezondheid", "Lichamelijke gezondheid"),
    ("middelengebruik", "Middelengebruik", "Verslaving"),
    ("basale-adl", "Basale ADL", "Zelfzorg"),
    ("instrumentele-adl", "Instrumentele ADL", "Dagelijkse activiteiten"),
    ("sociaal-netwerk", "Sociaal netwerk", "Sociaal netwerk"),
    ("maatschappelijke-participatie", "Maatschappelijke participatie", "Inzet voor de maatschappij"),
    ("justitie", "Justitie", "Justitie"),
]
ZRM_2013 = [
    ("financien", "Financiën"), ("dagbesteding", "Dagbesteding"), ("huisvesting", "Huisvesting"),
    ("huiselijke-relaties", "Huiselijke relaties"), ("geestelijke-gezondheid", "Geestelijke gezondheid"),
    ("lichamelijke-gezondheid", "Lichamelijke gezondheid"), ("verslaving", "Verslaving"), ("adl", "ADL"),
    ("sociaal-netwerk", "Sociaal netwerk"), ("maatschappelijke-participatie", "Maatschappelijke participatie"),
    ("justitie", "Justitie"),
]
ZRM_HUISHOUDENS = [
    ("financien-huishouden", "Financiën op huishoudniveau"), ("huisvesting", "Huisvesting"),
    ("organisatie-huishouden", "Organisatie van huishouden"), ("huiselijke-relaties", "Huiselijke relaties"),
    ("sociale-omgeving", "Sociale omgeving"),
]
ZRM_KINDEREN = [
    ("gezinsstructuur", "Gezinsstructuur"), ("lichamelijke-verzorging", "Lichamelijke verzorging"),
    ("emotionele-ondersteuning", "Emotionele ondersteuning"), ("socialisering", "Socialisering"),
    ("opvang", "Opvang"), ("scholing", "Scholing"),
]
INSTRUMENTS = [
    ("zrm-2017", "Zelfredzaamheid-Matrix 2017", True, "GGD Amsterdam, ZRM 2017 (17 januari 2017)", [(c, n, r) for c, n, r in ZRM_2017]),
    ("zrm-jongeren", "ZRM-Jongeren (12–18 jaar)", False, "GGD Amsterdam, ZRM-Jongeren 2020; dezelfde 13 domeinen", [(c, n, r) for c, n, r in ZRM_2017]),
    ("zrm-2013", "Zelfredzaamheid-Matrix (11 domeinen, 2010/2013)", False, "GGD Amsterdam, ZRM 2013; alleen voor oude metingen", [(c, n, "") for c, n in ZRM_2013]),
    ("zrm-huishoudens", "ZRM-Huishoudens", False, "GGD Amsterdam, ZRM-Huishoudens 2020", [(c, n, "") for c, n in ZRM_HUISHOUDENS]),
    ("zrm-kinderen", "ZRM-supplement kind(eren) in gezin", False, "GGD Amsterdam, supplement kind(eren) in gezin 2020", [(c, n, "") for c, n in ZRM_KINDEREN]),
]


def create(apps, schema_editor):
    Instrument = apps.get_model("assessment", "Instrument")
    Domain = apps.get_model("assessment", "Domain")
    for code, name, current, source, domains in INSTRUMENTS:
        instrument = Instrument.objects.create(code=code, name=name, is_current=current, source=source)
        for order, (dcode, dname, resident) in enumerate(domains, start=1):
            Domain.objects.create(instrument=instrument, code=dcode, name=dname, resident_name=resident or dname, order=order)


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
