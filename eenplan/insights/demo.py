"""Demo insights: reflection themes and vertelpunten from every team, in realistic Dutch, without personal data.

The figures themselves need no demo data: they are computed from the other apps' demo records.
"""

from datetime import timedelta

from django.utils import timezone

from eenplan.accounts.models import TeamMembership

from .models import ReflectionTheme, Tone, Vertelpunt
from .privacy import find_personal_data

THEMES = [
    ("Regievoering", "Wie heeft de regie, en weet iedereen dat?"),
    ("Samenwerking met partners", "Korte lijnen, afspraken, terugkoppeling."),
    ("Wachttijden", "Hoe lang wacht een inwoner, en wat doet dat?"),
    ("Veiligheid", "Meldcode, veiligheidsplannen, stut en steun."),
    ("Geldzorgen en schulden", "Vroegsignalering, huurachterstand, schuldhulp."),
    ("Eigen kracht en netwerk", "Wat lukte de inwoner zelf of met het netwerk?"),
    ("Werkdruk en ruimte voor reflectie", "Tijd voor leren naast het dagelijkse werk."),
]

NOTES = [
    ("Regievoering", Tone.COULD_BE_BETTER, "Bij twee gezinnen met jeugdhulp én schuldhulp was niet duidelijk wie de regie had. "
     "De hulpverleners wachtten op elkaar. Voorstel: bij elk eerste casusoverleg hardop benoemen wie regisseur is."),
    ("Regievoering", Tone.GOES_WELL, "Een moeder hield zelf de regie over haar plan met een eenvoudige weekplanning op de koelkast. "
     "Wij deden een stap terug en dat werkte."),
    ("Samenwerking met partners", Tone.GOES_WELL, "De woningcorporatie belt nu meteen bij twee maanden huurachterstand. "
     "Samen op huisbezoek: de bewoner deed open en we konden een regeling treffen."),
    ("Samenwerking met partners", Tone.COULD_BE_BETTER, "Terugkoppeling van de GGZ-aanbieder na een verwijzing blijft vaak uit. "
     "We weten dan niet of iemand begonnen is. Afspraak maken over een standaard terugbelmoment?"),
    ("Wachttijden", Tone.COULD_BE_BETTER, "Voor maatwerk jeugdhulp wachten gezinnen nu zes tot acht weken. "
     "In die tijd houden we contact, maar dat kost veel tijd en levert onrust op."),
    ("Veiligheid", Tone.QUESTION, "Hoe lang houden we stut en steun vol bij gezinnen waar het al een jaar rustig is? "
     "Graag bespreken in de leerkring."),
    ("Veiligheid", Tone.GOES_WELL, "Het veiligheidsplan met de oma als controleur van een voorwaarde gaf de moeder rust. "
     "Het netwerk meenemen in de voorwaarden werkt."),
    ("Geldzorgen en schulden", Tone.GOES_WELL, "De inloop op de markt op dinsdag trekt inwoners met geldvragen die nooit zouden bellen. "
     "Vaak is een kort advies genoeg."),
    ("Geldzorgen en schulden", Tone.COULD_BE_BETTER, "Energieschulden komen steeds vaker terug in dezelfde straat met slecht "
     "geïsoleerde huurwoningen. Dit vraagt om een collectieve aanpak met de corporatie."),
    ("Eigen kracht en netwerk", Tone.GOES_WELL, "Met de netwerkkaart bleek er een buurvrouw te zijn die wekelijks wil koken. "
     "Daardoor was dagbesteding minder nodig."),
    ("Werkdruk en ruimte voor reflectie", Tone.QUESTION, "Intervisie schiet er steeds bij in. Kunnen we één vast uur per "
     "twee weken beschermen in de agenda?"),
]


def seed(ctx):
    themes = {}
    for order, (name, description) in enumerate(THEMES):
        themes[name], _ = ReflectionTheme.objects.get_or_create(name=name, defaults={"description": description, "order": order})
    memberships = list(TeamMembership.objects.filter(team__in=ctx.teams).select_related("team", "user"))
    if not memberships:
        return
    now = timezone.now()
    notes = []
    per_team = 4 if ctx.large else len(NOTES)
    for team in ctx.teams:
        writers = [m.user for m in memberships if m.team_id == team.pk]
        wijken = list(team.wijken.all())
        if not writers:
            continue
        for i, (theme, tone, text) in enumerate(ctx.rng.sample(NOTES, min(per_team, len(NOTES)))):
            assert not find_personal_data(text), text
            notes.append(Vertelpunt(
                team=team, wijk=wijken[i % len(wijken)] if wijken and i % 2 == 0 else None, theme=themes[theme], tone=tone, text=text,
                written_by=writers[i % len(writers)], written_at=now - timedelta(days=ctx.rng.randint(1, 80)),
            ))
    Vertelpunt.objects.bulk_create(notes)
