"""Level descriptions (1–5) for every domain of every instrument, written for eenplan in our own
words — not copied from the GGD Amsterdam handbooks. Scale: 1 acute problematiek, 2 niet
zelfredzaam, 3 beperkt zelfredzaam, 4 voldoende zelfredzaam, 5 volledig zelfredzaam.
ZRM-Jongeren uses the ZRM 2017 texts except where the situation of a 12–18-year-old differs.
The functional administrator can reword them in the admin; docs/assessment.md lists them."""

from django.db import migrations

ZRM_2017 = {
    "financien": [
        "Geen inkomen, of grote schulden die snel groeien; afsluiting van energie of huisuitzetting dreigt.",
        "Het inkomen is te laag of onzeker; er zijn betalingsachterstanden en zelf iets regelen lukt niet.",
        "Er is een vast inkomen, maar rondkomen lukt niet altijd; er loopt een schuldregeling of er is hulp bij geldzaken nodig.",
        "Het inkomen is genoeg voor de vaste lasten; afspraken over schulden worden nagekomen; geldzaken regelt de persoon zelf.",
        "Genoeg inkomen en ruimte om te sparen; geen schulden die problemen geven; de persoon heeft zelf overzicht.",
    ],
    "werk-opleiding": [
        "Geen werk en geen opleiding, en geen zicht daarop; de persoon kan of wil er nu niet mee bezig zijn.",
        "Geen werk of opleiding; er is wel een wens of een eerste stap, maar zonder hulp lukt zoeken of beginnen niet.",
        "Werk of opleiding met veel ondersteuning, of tijdelijk en onzeker werk; uitval dreigt.",
        "Werk of opleiding met weinig of geen ondersteuning; het loopt redelijk stabiel.",
        "Stabiel werk of een opleiding die past bij wat de persoon kan; geen ondersteuning nodig.",
    ],
    "tijdsbesteding": [
        "De dagen hebben geen vorm: geen dag-en-nachtritme en niets om naar uit te kijken.",
        "Weinig structuur; de tijd gaat op aan dingen die de persoon niet verder helpen, en zelf iets veranderen lukt niet.",
        "De dag heeft enige invulling, maar niet genoeg of niet naar wens; hulp bij het vinden van activiteiten is nodig.",
        "De dagen hebben structuur en een invulling die grotendeels bij de persoon past.",
        "De tijd is naar eigen wens ingevuld, met een vast ritme en activiteiten die plezier of voldoening geven.",
    ],
    "huisvesting": [
        "Dakloos, slaapt buiten of in de nachtopvang, of de woning is onbewoonbaar.",
        "Geen eigen vaste plek: tijdelijk bij anderen of in de crisisopvang, of huisuitzetting dreigt.",
        "Een woonplek die onzeker is of niet past (te klein, slecht onderhouden, of begeleiding bij wonen nodig).",
        "Een vaste woonplek die redelijk past; huur of hypotheek wordt betaald.",
        "Een veilige, vaste en passende woning die de persoon zelf onderhoudt.",
    ],
    "huiselijke-relaties": [
        "Er is huiselijk geweld of een andere acuut onveilige situatie thuis.",
        "Veel spanning of ruzie thuis; relaties zijn ernstig verstoord en de persoon komt er zelf niet uit.",
        "Er zijn spanningen thuis die de persoon deels zelf aankan; soms is hulp nodig.",
        "Relaties thuis zijn meestal goed; meningsverschillen lossen de betrokkenen zelf op.",
        "Relaties thuis zijn stabiel en steunend.",
    ],
    "geestelijke-gezondheid": [
        "Gevaar voor zichzelf of anderen, of een psychische crisis waarvoor meteen hulp nodig is.",
        "Ernstige psychische klachten die het dagelijks leven sterk beperken; geen of onvoldoende behandeling.",
        "Psychische klachten die het dagelijks leven merkbaar beïnvloeden; er loopt behandeling of de persoon zoekt die.",
        "Lichte klachten, of klachten die onder controle zijn met behandeling die de persoon zelf volhoudt.",
        "Geen psychische klachten van betekenis; de persoon voelt zich geestelijk in balans.",
    ],
    "lichamelijke-gezondheid": [
        "Een lichamelijk probleem dat meteen medische zorg vraagt, en die zorg is er niet.",
        "Een ernstige ziekte of beperking die niet of onvoldoende behandeld wordt.",
        "Een ziekte of beperking die het dagelijks leven beïnvloedt; behandeling loopt, maar wordt niet altijd gevolgd.",
        "Eventuele klachten worden behandeld en de persoon volgt de behandeling zelf.",
        "Geen lichamelijke klachten van betekenis, of klachten die het dagelijks leven niet beperken.",
    ],
    "middelengebruik": [
        "Gebruik van alcohol, drugs of medicijnen brengt acuut gevaar met zich mee.",
        "Afhankelijk gebruik met duidelijke gevolgen voor gezondheid, werk, geld of relaties, zonder hulp.",
        "Gebruik met gevolgen, maar de persoon is in behandeling of werkt aan minderen.",
        "Gebruik zonder merkbare problemen, of herstel dat stabiel is.",
        "Geen gebruik, of verantwoord gebruik zonder problemen.",
    ],
    "basale-adl": [
        "De persoon kan zichzelf niet verzorgen (eten, wassen, aankleden, toiletgang) en krijgt geen hulp; de gezondheid is in gevaar.",
        "De eigen verzorging lukt grotendeels niet; de hulp die er is, is niet genoeg.",
        "De eigen verzorging lukt deels; met hulp van anderen gaat het.",
        "De eigen verzorging lukt zelf, soms met een hulpmiddel.",
        "Volledig zelfstandig in de eigen verzorging.",
    ],
    "instrumentele-adl": [
        "Huishoudelijke taken (boodschappen, koken, schoonmaken, post) gebeuren niet; de situatie is ongezond of onveilig.",
        "Veel huishoudelijke taken lukken niet en er is te weinig hulp.",
        "Een deel van de taken lukt; voor de rest is hulp nodig en die is er (deels).",
        "De meeste taken lukken zelf, of met hulp die de persoon zelf regelt.",
        "Alle dagelijkse taken lukken zelfstandig.",
    ],
    "sociaal-netwerk": [
        "Geen contacten, of alleen contacten die schaden; de persoon is geïsoleerd.",
        "Heel weinig contacten; niemand om op terug te vallen.",
        "Enkele contacten, maar weinig steun; de persoon kan niet altijd op iemand rekenen.",
        "Genoeg contact met familie, vrienden of buren; er is iemand voor steun als het nodig is.",
        "Een ruim en steunend netwerk; de persoon krijgt hulp en geeft die ook.",
    ],
    "maatschappelijke-participatie": [
        "Doet niet mee in de samenleving en wordt ook niet bereikt; geen toegang tot voorzieningen.",
        "Doet nauwelijks mee: weet niet hoe of durft niet; voorzieningen gebruiken lukt niet.",
        "Doet een beetje mee (bijvoorbeeld vereniging, buurthuis of geloofsgemeenschap), met hulp.",
        "Doet mee op een manier die past, zonder hulp.",
        "Doet actief mee en zet zich in voor anderen of de buurt.",
    ],
    "justitie": [
        "Zit vast, wordt gezocht, of pleegt nu strafbare feiten.",
        "Er lopen zaken (aanhouding, rechtszaak) of er zijn boetes die niet betaald worden.",
        "Er is een voorwaardelijke straf, toezicht van de reclassering of een afspraak met justitie die wordt nagekomen.",
        "Alleen een oud strafblad of een afgeronde straf; geen nieuwe feiten.",
        "Geen contact met politie of justitie.",
    ],
}

JONGEREN = {
    **ZRM_2017,
    "werk-opleiding": [
        "Gaat niet naar school of opleiding en heeft geen werk, en er gebeurt niets aan.",
        "Verzuimt veel, of zit thuis zonder startkwalificatie; zelf weer beginnen lukt niet.",
        "Gaat naar school of opleiding met veel hulp; uitval dreigt.",
        "Gaat geregeld naar school, opleiding of werk, met weinig hulp.",
        "Gaat geregeld naar een school, opleiding of werk die past, zonder hulp.",
    ],
    "financien": [
        "Schulden die snel groeien, of geld verdienen op een manier die gevaarlijk of strafbaar is.",
        "Schulden, of meer uitgeven dan er binnenkomt, en zelf niet kunnen oplossen.",
        "Zakgeld of een eigen inkomen, maar zonder overzicht; hulp is nodig.",
        "Gaat verstandig om met zakgeld of eigen inkomen; kleine problemen lost de jongere zelf op.",
        "Heeft overzicht over het eigen geld, spaart en heeft geen schulden.",
    ],
    "huisvesting": [
        "Heeft geen slaapplek of slaapt buiten.",
        "Zwerft tussen adressen of kan niet (meer) thuis wonen; geen vaste plek.",
        "Heeft een slaapplek die onzeker is of niet past.",
        "Woont op een vaste plek (thuis, bij familie of begeleid) die redelijk past.",
        "Woont op een vaste, veilige plek die bij de leeftijd past.",
    ],
}

ZRM_2013 = {
    **{k: ZRM_2017[k] for k in [
        "financien", "huisvesting", "huiselijke-relaties", "geestelijke-gezondheid", "lichamelijke-gezondheid",
        "sociaal-netwerk", "maatschappelijke-participatie", "justitie",
    ]},
    "verslaving": ZRM_2017["middelengebruik"],
    "dagbesteding": [
        "Geen werk, opleiding of andere dagbesteding; de dagen hebben geen vorm.",
        "Geen vaste dagbesteding; zelf iets vinden lukt niet.",
        "Enige dagbesteding (vrijwilligerswerk, activering, opleiding met veel hulp), maar niet stabiel of niet naar wens.",
        "Vaste dagbesteding, werk of opleiding met weinig ondersteuning.",
        "Stabiel werk, opleiding of dagbesteding die past; geen ondersteuning nodig.",
    ],
    "adl": [
        "Eigen verzorging en huishouden lukken niet en er is geen hulp; de situatie is onveilig.",
        "Veel van de eigen verzorging of het huishouden lukt niet; de hulp is onvoldoende.",
        "Eigen verzorging en huishouden lukken deels; met hulp gaat het.",
        "Eigen verzorging en huishouden lukken zelf, eventueel met hulpmiddelen of hulp die de persoon zelf regelt.",
        "Volledig zelfstandig in eigen verzorging en huishouden.",
    ],
}

HUISHOUDENS = {
    "financien-huishouden": [
        "Het huishouden heeft geen inkomen of grote, groeiende schulden; afsluiting of uitzetting dreigt.",
        "Het huishoudinkomen is te laag; er zijn achterstanden die het huishouden niet zelf kan oplossen.",
        "Het huishouden komt met moeite rond; er loopt een schuldregeling of er is hulp bij geldzaken.",
        "Het huishouden betaalt de vaste lasten zelf; afspraken over schulden worden nagekomen.",
        "Het huishouden heeft genoeg inkomen, beheert het geld zelf en kan iets opzijzetten.",
    ],
    "huisvesting": [
        "Het huishouden heeft geen woning, of de woning is onbewoonbaar.",
        "Het huishouden woont tijdelijk of onzeker, of uitzetting dreigt.",
        "De woning is vast maar past niet bij het huishouden (te klein, slecht onderhouden, niet veilig voor kinderen).",
        "De woning is vast en past redelijk bij het huishouden.",
        "De woning is veilig, vast en passend voor iedereen in het huishouden.",
    ],
    "organisatie-huishouden": [
        "Er is geen huishoudelijke organisatie: geen eten in huis, vervuiling, post blijft liggen; de gezondheid van gezinsleden is in gevaar.",
        "Veel gaat mis (eten, schoonmaken, afspraken, post) en het huishouden krijgt het zelf niet op orde.",
        "Het huishouden loopt met hulp; zonder hulp raakt het snel uit balans.",
        "Het huishouden organiseert zichzelf, met af en toe een steuntje.",
        "Het huishouden loopt goed: vaste taken, ritme en overzicht.",
    ],
    "huiselijke-relaties": [
        "Er is geweld of een acuut onveilige situatie tussen leden van het huishouden.",
        "Veel ruzie of spanning; de gezinsleden kunnen het samen niet oplossen.",
        "Er zijn spanningen die het huishouden deels zelf aankan, soms met hulp.",
        "De relaties in het huishouden zijn meestal goed; conflicten worden samen opgelost.",
        "De gezinsleden steunen elkaar en gaan goed met elkaar om.",
    ],
    "sociale-omgeving": [
        "Het huishouden heeft geen contacten buiten de deur, of de omgeving is schadelijk.",
        "Het huishouden heeft weinig contacten en niemand om op terug te vallen.",
        "Er zijn enkele contacten (familie, buren, school), maar weinig steun.",
        "Het huishouden heeft genoeg contacten en kan voor steun bij anderen terecht.",
        "Het huishouden is goed ingebed in familie, buurt, school of verenigingen en helpt ook anderen.",
    ],
}

KINDEREN = {
    "gezinsstructuur": [
        "Er is geen vaste structuur: niemand let op eten, slapen of waar de kinderen zijn; de kinderen zijn niet veilig.",
        "Weinig structuur; ritme en regels ontbreken vaak en de ouders krijgen het zelf niet voor elkaar.",
        "Er is enige structuur in ritme en regels, maar die houdt niet altijd stand; de ouders hebben hulp nodig.",
        "De kinderen hebben een vast ritme en duidelijke regels, met af en toe een steuntje voor de ouders.",
        "Het gezin heeft een vaste, passende structuur die de ouders zelf dragen.",
    ],
    "lichamelijke-verzorging": [
        "De kinderen krijgen niet wat ze lichamelijk nodig hebben (eten, kleding, hygiëne, zorg bij ziekte); hun gezondheid is in gevaar.",
        "De lichamelijke verzorging van de kinderen schiet vaak tekort.",
        "De verzorging is meestal voldoende, maar niet altijd; er is hulp nodig.",
        "De kinderen worden goed verzorgd; de ouders regelen dat zelf.",
        "De kinderen worden goed verzorgd en de ouders letten ook op gezondheid, tandarts en jeugdarts.",
    ],
    "emotionele-ondersteuning": [
        "De kinderen krijgen geen aandacht of warmte, of worden emotioneel beschadigd.",
        "De kinderen krijgen weinig aandacht en troost; de ouders zien niet goed wat ze nodig hebben.",
        "Er is aandacht voor de kinderen, maar niet steeds genoeg; de ouders hebben hulp nodig om aan te sluiten.",
        "De ouders geven de kinderen aandacht, warmte en troost.",
        "De ouders sluiten goed aan bij wat elk kind nodig heeft; de kinderen voelen zich gesteund.",
    ],
    "socialisering": [
        "De kinderen leren geen normen en grenzen, of leren gedrag dat henzelf of anderen schaadt.",
        "De ouders stellen weinig grenzen; de kinderen komen geregeld in de problemen.",
        "De ouders stellen grenzen, maar niet consequent; hulp bij het opvoeden is nodig.",
        "De ouders leren de kinderen omgaan met regels en met anderen; dat lukt meestal zelf.",
        "De kinderen leren thuis goed met anderen omgaan en doen mee met leeftijdgenoten.",
    ],
    "opvang": [
        "De kinderen zijn geregeld zonder toezicht terwijl ze dat wel nodig hebben.",
        "Toezicht en opvang zijn vaak niet geregeld; de ouders krijgen het niet rond.",
        "Opvang en toezicht zijn meestal geregeld, soms met hulp, maar het is wankel.",
        "Opvang en toezicht zijn geregeld; de ouders regelen dat zelf.",
        "Opvang en toezicht zijn goed en stabiel geregeld, met een achtervang als het nodig is.",
    ],
    "scholing": [
        "Een leerplichtig kind gaat niet naar school en er gebeurt niets aan.",
        "De kinderen verzuimen vaak of lopen ver achter; de ouders hebben weinig contact met school.",
        "De kinderen gaan naar school, maar er zijn zorgen over verzuim of resultaten; de ouders hebben hulp nodig.",
        "De kinderen gaan geregeld naar school; de ouders houden contact met school.",
        "De kinderen gaan geregeld naar school en de ouders steunen hen actief.",
    ],
}

TEXTS = {
    "zrm-2017": ZRM_2017,
    "zrm-jongeren": JONGEREN,
    "zrm-2013": ZRM_2013,
    "zrm-huishoudens": HUISHOUDENS,
    "zrm-kinderen": KINDEREN,
}


def create(apps, schema_editor):
    Domain = apps.get_model("assessment", "Domain")
    LevelDescription = apps.get_model("assessment", "LevelDescription")
    rows = []
    for domain in Domain.objects.select_related("instrument"):
        texts = TEXTS[domain.instrument.code][domain.code]
        assert len(texts) == 5, domain.code
        for score, text in enumerate(texts, start=1):
            rows.append(LevelDescription(domain=domain, score=score, text=text))
    LevelDescription.objects.bulk_create(rows)


def remove(apps, schema_editor):
    apps.get_model("assessment", "LevelDescription").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("assessment", "0004_assessment_records")]
    operations = [migrations.RunPython(create, remove)]
