"""Demo sociale kaart for the fictional town Eendijk, and partners on demo cases.

The kaart starts from seed 001's table of preceding and additional provisions per life
domain, mapped onto the 13 ZRM 2017 domains; organisation names are made up. On cases in
the plan phase and later: partners with a contact person, bases for sharing (consent, legal
task, care avoidance; one consent withdrawn, one expired), agreements, tailored-provision
requests in every status with their history, and case discussions (some anonymous).
"""

from datetime import timedelta

from django.utils import timezone

from eenplan.assessment.models import Domain
from eenplan.cases.models import Phase, PlannedItem
from eenplan.people.models import MemberRole

from .models import (
    Agreement,
    CaseDiscussion,
    CasePartner,
    DataCategory,
    DiscussionAction,
    DiscussionParticipant,
    Organisation,
    Provision,
    RequestStatus,
    RequestStatusChange,
    SharingBasis,
    SharingEnd,
    TailoredProvisionRequest,
)
from .services import PLANNED_AGREEMENT

# name, description, phone, email
ORGANISATIONS = [
    ("Vrijwilligerspunt Eendijk", "Vrijwilligers voor thuisadministratie, boodschappen, maatjes en burenhulp.", "0570 123 401", "info@vrijwilligerspunt-eendijk.example"),
    ("Schuldhulp Eendijk", "Gemeentelijke schuldhulpverlening en budgetbeheer (Wgs).", "0570 123 402", "schuldhulp@eendijk.example"),
    ("Welzijn Eendijk", "Buurthuizen, huiskamers in de wijk, opbouwwerk en participatiecoaches.", "0570 123 403", "info@welzijneendijk.example"),
    ("Eendijk Wonen", "Woningcorporatie: woonconsulenten, huurachterstanden, woningruil.", "0570 123 404", "woonconsulent@eendijkwonen.example"),
    ("Centrum Jong Eendijk", "Opvoedondersteuning, jeugdverpleegkundigen en oudercursussen.", "0570 123 405", "cjg@eendijk.example"),
    ("Huisartsenpraktijk De Dijk", "Huisartsen met praktijkondersteuners somatiek en GGZ.", "0570 123 406", "praktijk@dedijk.example"),
    ("GGZ Dijkland", "Specialistische GGZ: FACT-team, jeugd-GGZ en kortdurende behandeling.", "0570 123 407", "aanmelden@ggzdijkland.example"),
    ("Thuiszorg Dijkzicht", "Wijkverpleging, persoonlijke verzorging en huishoudelijke ondersteuning.", "0570 123 408", "wijkteam@dijkzicht.example"),
    ("Verslavingszorg Dijkland", "Preventie, ambulante behandeling en herstelgroepen.", "0570 123 409", "info@verslavingszorgdijkland.example"),
    ("Werkplein Eendijk", "Werk, re-integratie, inkomen en scholing (Participatiewet).", "0570 123 410", "werkplein@eendijk.example"),
    ("Sportbedrijf Eendijk", "Beweegprogramma's, buurtsportcoaches en het jeugdsportfonds.", "0570 123 411", "buurtsport@eendijk.example"),
    ("Sociaal Raadslieden Eendijk", "Gratis hulp bij brieven, formulieren, toeslagen en juridische vragen.", "0570 123 412", "raadslieden@eendijk.example"),
    ("Reclassering Dijkland", "Toezicht en begeleiding na een strafzaak.", "0570 123 413", "dijkland@reclassering.example"),
    ("Politie basisteam Eendijk", "Wijkagenten per wijk.", "0900-8844", ""),
    ("Dagbesteding De Werkplaats", "Dagbesteding en arbeidsmatige activiteiten voor volwassenen.", "0570 123 414", "info@dewerkplaats.example"),
    ("Gemeente Eendijk, Wmo- en Jeugdloket", "Toegang tot maatwerkvoorzieningen Wmo en jeugdhulp.", "14 0570", "wmo@eendijk.example"),
    ("Jeugdhulp Rivierenland", "Ambulante jeugdhulp en gezinscoaching.", "0570 123 415", "aanmelden@jeugdhulprivierenland.example"),
]

# organisation, name, type, domain codes, wijk codes ([] = whole municipality), needs decision, description, how to refer
PROVISIONS = [
    # Financiën
    ("Vrijwilligerspunt Eendijk", "Thuisadministratie", "voorliggend", ["financien"], [], False,
     "Een vaste vrijwilliger helpt thuis om de post, rekeningen en toeslagen op orde te krijgen en te houden.",
     "Aanmelden via het webformulier of bellen; intake binnen twee weken."),
    ("Schuldhulp Eendijk", "Schuldhulpverlening", "maatwerk", ["financien"], [], True,
     "Stabiliseren van de schulden, minnelijk traject en begeleiding naar de Wsnp. Besluit volgens de Wgs.",
     "Aanmelden samen met de inwoner; bij huurachterstand of afsluiting binnen drie werkdagen een eerste gesprek."),
    ("Schuldhulp Eendijk", "Budgetbeheer", "maatwerk", ["financien"], [], True,
     "Inkomen en vaste lasten worden beheerd; de inwoner krijgt leefgeld per week.",
     "Via de schuldhulpverlener of de regisseur; besluit door de gemeente."),
    ("Sociaal Raadslieden Eendijk", "Formulierenspreekuur", "algemeen", ["financien", "justitie"], [], False,
     "Inloopspreekuur voor brieven, formulieren, toeslagen en bezwaar.", "Zonder afspraak: dinsdag en donderdag 9–12 uur in het Wijkcentrum."),
    # Werk & Opleiding
    ("Werkplein Eendijk", "Re-integratie en werkfit-traject", "voorliggend", ["werk-opleiding"], [], False,
     "Begeleiding naar werk, stage of opleiding voor mensen met een uitkering.", "Via de klantmanager van het Werkplein."),
    ("Welzijn Eendijk", "Huiswerkbegeleiding", "collectief", ["werk-opleiding"], ["oosterpark", "westerkwartier"], False,
     "Twee middagen per week huiswerkbegeleiding door vrijwilligers voor kinderen van 10–16 jaar.", "Ouders melden zelf aan bij het buurthuis."),
    # Tijdsbesteding
    ("Welzijn Eendijk", "Activiteiten in het buurthuis", "algemeen", ["tijdsbesteding", "sociaal-netwerk"], ["de-hoven"], False,
     "Koken, creatief, taalcafé en spelmiddag in Buurthuis De Hoven.", "Gewoon binnenlopen; programma in de wijkkrant."),
    ("Dagbesteding De Werkplaats", "Dagbesteding", "maatwerk", ["tijdsbesteding", "maatschappelijke-participatie"], [], True,
     "Dagbesteding in de houtwerkplaats of kringloopwinkel, met begeleiding.", "Aanvraag via het Wmo-loket; proefdag mogelijk."),
    # Huisvesting
    ("Eendijk Wonen", "Woonconsulent bij huurachterstand", "voorliggend", ["huisvesting", "financien"], [], False,
     "De woonconsulent maakt een betalingsregeling en schakelt vroeg hulp in.", "Bellen met de woonconsulent; bij een VHU-signaal neemt de corporatie zelf contact op."),
    ("Gemeente Eendijk, Wmo- en Jeugdloket", "Begeleid wonen", "maatwerk", ["huisvesting", "instrumentele-adl"], [], True,
     "Wonen met begeleiding voor wie (nog) niet zelfstandig kan wonen.", "Aanvraag na onderzoek door het wijkteam."),
    ("Gemeente Eendijk, Wmo- en Jeugdloket", "Woningaanpassing", "maatwerk", ["huisvesting", "basale-adl"], [], True,
     "Traplift, drempels weg, aangepaste badkamer.", "Aanvraag via het Wmo-loket, met advies van een ergotherapeut."),
    # Huiselijke relaties
    ("Centrum Jong Eendijk", "Opvoedondersteuning", "voorliggend", ["huiselijke-relaties"], [], False,
     "Korte opvoedgesprekken en de oudercursus 'Positief opvoeden'.", "Ouders melden zelf aan of via de jeugdverpleegkundige."),
    ("Jeugdhulp Rivierenland", "Gezinscoach", "maatwerk", ["huiselijke-relaties", "geestelijke-gezondheid"], [], True,
     "Ambulante gezinsbegeleiding thuis, gericht op rust en structuur.", "Beschikking jeugdhulp via het Jeugdloket; expertisetent bij twijfel."),
    # Geestelijke gezondheid
    ("Huisartsenpraktijk De Dijk", "Praktijkondersteuner GGZ", "voorliggend", ["geestelijke-gezondheid"], [], False,
     "Kortdurende gesprekken bij de huisarts bij somberheid, angst of stress.", "Via de huisarts."),
    ("GGZ Dijkland", "FACT-team", "voorliggend", ["geestelijke-gezondheid", "middelengebruik"], [], False,
     "Outreachende behandeling voor mensen met ernstige psychische aandoeningen.", "Verwijzing door de huisarts; overleg in het casusoverleg GGZ."),
    ("GGZ Dijkland", "Jeugd-GGZ", "maatwerk", ["geestelijke-gezondheid"], [], True,
     "Behandeling van psychische problemen bij kinderen en jongeren.", "Verwijzing via huisarts of Jeugdloket (Jeugdwet)."),
    # Lichamelijke gezondheid
    ("Thuiszorg Dijkzicht", "Wijkverpleging", "voorliggend", ["lichamelijke-gezondheid", "basale-adl"], [], False,
     "Verpleging en persoonlijke verzorging thuis (Zorgverzekeringswet).", "Indicatie door de wijkverpleegkundige zelf."),
    ("Sportbedrijf Eendijk", "Beweegprogramma 'Fit in de wijk'", "collectief", ["lichamelijke-gezondheid", "sociaal-netwerk"], ["centrum", "oosterpark"], False,
     "Wekelijks bewegen in een groep met een buurtsportcoach.", "Zelf aanmelden of via de huisarts."),
    # Middelengebruik
    ("Verslavingszorg Dijkland", "Preventie en voorlichting", "algemeen", ["middelengebruik"], [], False,
     "Anonieme vragenlijn en voorlichting voor inwoners en naasten.", "Bellen of chatten, ook anoniem."),
    ("Verslavingszorg Dijkland", "Ambulante verslavingszorg", "voorliggend", ["middelengebruik"], [], False,
     "Behandeling en begeleiding bij alcohol, drugs of gokken.", "Verwijzing door de huisarts."),
    # Basale ADL
    ("Thuiszorg Dijkzicht", "Persoonlijke verzorging", "voorliggend", ["basale-adl"], [], False,
     "Hulp bij wassen, aankleden en medicijnen.", "Via de wijkverpleegkundige."),
    # Instrumentele ADL
    ("Thuiszorg Dijkzicht", "Huishoudelijke ondersteuning", "maatwerk", ["instrumentele-adl"], [], True,
     "Hulp bij het schoonhouden van het huis (Wmo).", "Aanvraag via het Wmo-loket na een keukentafelgesprek."),
    ("Vrijwilligerspunt Eendijk", "Boodschappendienst", "algemeen", ["instrumentele-adl"], [], False,
     "Vrijwilligers doen wekelijks boodschappen of gaan mee.", "Bellen met het Vrijwilligerspunt."),
    ("Welzijn Eendijk", "Huiskamer in de wijk", "collectief", ["instrumentele-adl", "sociaal-netwerk", "tijdsbesteding"], ["oosterpark"], False,
     "Dagelijks open huiskamer met lunch en activiteiten.", "Gewoon binnenlopen."),
    ("Gemeente Eendijk, Wmo- en Jeugdloket", "Collectief vervoer (Regiotaxi)", "collectief", ["instrumentele-adl", "maatschappelijke-participatie"], [], True,
     "Deur-tot-deurvervoer in de regio tegen een laag tarief.", "Wmo-pas aanvragen via het loket."),
    # Sociaal netwerk
    ("Vrijwilligerspunt Eendijk", "Maatjesproject", "algemeen", ["sociaal-netwerk"], [], False,
     "Een vrijwillig maatje voor wandelen, koffie of samen iets ondernemen.", "Aanmelden bij het Vrijwilligerspunt."),
    ("Welzijn Eendijk", "Sociale Netwerkversterking", "voorliggend", ["sociaal-netwerk", "huiselijke-relaties"], [], False,
     "Met de inwoner het eigen netwerk in kaart brengen en weer aanspreken (netwerkberaad).", "Aanmelden door de regisseur."),
    # Maatschappelijke participatie
    ("Vrijwilligerspunt Eendijk", "Vrijwilligersvacaturebank", "algemeen", ["maatschappelijke-participatie"], [], False,
     "Vrijwilligerswerk dat past bij wat iemand kan en wil.", "Zelf zoeken op de website of een afspraak maken."),
    ("Welzijn Eendijk", "Participatiecoach", "voorliggend", ["maatschappelijke-participatie", "werk-opleiding"], [], False,
     "Begeleiding naar vrijwilligerswerk, een opleiding of een eerste stap richting werk.", "Aanmelden door het wijkteam."),
    # Justitie
    ("Politie basisteam Eendijk", "Wijkagent", "algemeen", ["justitie"], [], False,
     "Aanspreekpunt in de wijk bij overlast en onveiligheid.", "Via 0900-8844; bij spoed 112."),
    ("Reclassering Dijkland", "Reclasseringstoezicht", "voorliggend", ["justitie"], [], False,
     "Toezicht en begeleiding na een strafzaak, in afstemming met het wijkteam.", "Contact via de reclasseringswerker van de inwoner."),
]

PARTNER_ROLES = {
    "Schuldhulp Eendijk": ("schuldhulpverlener", ["Petra Smit", "Jan Vos"]),
    "Eendijk Wonen": ("woonconsulent", ["Karim Bouzid", "Lotte Peters"]),
    "Centrum Jong Eendijk": ("jeugdverpleegkundige", ["Ingrid Meijer"]),
    "Huisartsenpraktijk De Dijk": ("huisarts / POH-GGZ", ["dr. Van Dam", "Mirjam de Wit (POH-GGZ)"]),
    "Thuiszorg Dijkzicht": ("wijkverpleegkundige", ["Ellen Bos"]),
    "Werkplein Eendijk": ("klantmanager", ["Tim de Groot"]),
    "GGZ Dijkland": ("FACT-behandelaar", ["Sander Kok"]),
}
# What is agreed with a partner, and the municipal task its sharing serves, fit that partner (a GP is not asked to
# hold off an eviction).
AGREEMENTS = {
    "Schuldhulp Eendijk": ["Intakegesprek plannen en de inwoner uitnodigen", "Terugkoppeling na het eerste gesprek aan de regisseur",
                           "Betalingsregeling met de schuldeisers voorbereiden"],
    "Eendijk Wonen": ["Betalingsregeling huurachterstand voorleggen", "Huisuitzetting aanhouden zolang de regeling loopt",
                      "Gezamenlijk huisbezoek met de regisseur"],
    "Centrum Jong Eendijk": ["Huisbezoek door de jeugdverpleegkundige plannen", "Oudercursus aanbieden aan de ouders"],
    "Huisartsenpraktijk De Dijk": ["Afspraak bij de POH-GGZ plannen", "Terugkoppeling na het consult aan de regisseur"],
    "Thuiszorg Dijkzicht": ["Indicatie wijkverpleging bespreken met de inwoner", "Gezamenlijk huisbezoek met de regisseur"],
    "Werkplein Eendijk": ["Intakegesprek re-integratie plannen", "Sanctie op de uitkering opnieuw bekijken"],
    "GGZ Dijkland": ["Aanmelding bij het FACT-team bespreken", "Terugkoppeling na het eerste gesprek aan de regisseur"],
}
LEGAL_TASKS = {
    "Schuldhulp Eendijk": "wgs", "Eendijk Wonen": "wmo", "Centrum Jong Eendijk": "jeugdwet", "Huisartsenpraktijk De Dijk": "wmo",
    "Thuiszorg Dijkzicht": "wmo", "Werkplein Eendijk": "participatiewet", "GGZ Dijkland": "wmo",
}
QUESTIONS = [
    ("casusoverleg", "Vader weigert hulp, moeder raakt overbelast; hoe krijgen we hem aan tafel?",
     "Netwerkberaad organiseren met oma en de buurvrouw; vader uitnodigen via de huisarts.", "Regisseur organiseert netwerkberaad."),
    ("expertisetent", "Jongste loopt vast op school en thuis; is jeugd-GGZ nodig of eerst opvoedondersteuning?",
     "Eerst observatie thuis door de jeugdverpleegkundige, in de tussentijd oudercursus.", "Geen verwijzing jeugd-GGZ voor nu; over zes weken opnieuw bespreken."),
    ("maatwerktafel", "Schulden, dreigende huisuitzetting en geen inkomen door een sanctie; wat kan buiten de regels om?",
     "Huisuitzetting aanhouden, sanctie heroverwegen, budgetbeheer met voorrang.", "Maatwerk: versnelde toegang budgetbeheer."),
]
ANON_QUESTIONS = [
    ("casusoverleg", "Oudere man, vereenzaamd, vervuilde woning, wil geen hulp. Welke ingang werkt?",
     "Via de huisarts en de buurvrouw; eerst praktische hulp aanbieden (boodschappen).", ""),
    ("expertisetent", "Gezin met vier kinderen, ouders met LVB, veel instanties betrokken. Hoe maken we het overzichtelijk?",
     "Eén plan, één regisseur; samen met het gezin kiezen welke hulp eerst stopt.", "Advies mee terug naar het wijkteam."),
]


def seed(ctx):
    orgs = _seed_kaart(ctx)
    if ctx.large:
        return  # the measuring data needs the kaart, not case-level detail
    _seed_cases(ctx, orgs)


def _seed_kaart(ctx) -> dict:
    orgs = {name: Organisation.objects.create(name=name, description=desc, phone=phone, email=email)
            for name, desc, phone, email in ORGANISATIONS}
    domains = {d.code: d for d in Domain.objects.filter(instrument__code="zrm-2017")}
    wijken = {w.code: w for w in ctx.wijken}
    for org, name, type_, dcodes, wcodes, decision, desc, refer in PROVISIONS:
        organisation = orgs[org]
        provision = Provision.objects.create(
            organisation=organisation, name=name, type=type_, needs_decision=decision, description=desc, how_to_refer=refer,
            contact=" · ".join(x for x in (organisation.phone, organisation.email) if x),
        )
        provision.domains.set([domains[c] for c in dcodes])
        provision.wijken.set([wijken[c] for c in wcodes if c in wijken])
    return orgs


def _seed_cases(ctx, orgs):
    rng, today, now = ctx.rng, ctx.today, timezone.now()
    phases = (Phase.PLAN, Phase.ONDERSTEUNING, Phase.EVALUATIE, Phase.MONITORING)
    cases = [c for c in ctx.cases if c.phase in phases and c.regisseur_id][:60]
    tailored = list(Provision.objects.filter(type="maatwerk", needs_decision=True))
    partner_orgs = [orgs[name] for name in PARTNER_ROLES]
    for n, case in enumerate(cases):
        adults = [m.person for m in case.household.members.all() if m.role in (MemberRole.PARENT, MemberRole.PARTNER, MemberRole.OTHER)]
        by = case.regisseur
        chosen = rng.sample(partner_orgs, k=rng.randint(1, 3))
        partners = []
        for org in chosen:
            role, names = PARTNER_ROLES[org.name]
            since = today - timedelta(days=rng.randint(5, 120))
            partners.append(CasePartner.objects.create(
                case=case, organisation=org, role=role, contact_name=rng.choice(names), contact_details=org.phone,
                since=since, added_by=by, added_at=now,
            ))
        for i, partner in enumerate(partners):
            start = partner.since
            if adults and (n + i) % 5 != 4:
                basis = SharingBasis.objects.create(
                    case=case, organisation=partner.organisation, kind="toestemming", legal_task=LEGAL_TASKS[partner.organisation.name],
                    purpose="afstemming", necessity="Om de hulp op elkaar af te stemmen en dubbel werk te voorkomen.",
                    categories=[DataCategory.CONTACT, DataCategory.QUESTION, DataCategory.REGIE, DataCategory.AGREEMENTS],
                    valid_from=start, valid_until=start + timedelta(days=365 if (n + i) % 7 else 30),
                    consent_by=adults[0], consent_form=rng.choice(["schriftelijk", "mondeling", "digitaal"]),
                    recorded_by=by, recorded_at=now,
                )
                if (n + i) % 11 == 3:
                    SharingEnd.objects.create(basis=basis, ended_on=min(today, start + timedelta(days=20)),
                                              note="De inwoner wil niet meer dat deze partner informatie krijgt.", by=by, recorded_at=now)
            elif (n + i) % 10 == 4:
                SharingBasis.objects.create(
                    case=case, organisation=partner.organisation, kind="zorgmijding", legal_task="wmo", purpose="veiligheid",
                    necessity="Zonder afstemming dreigt de situatie te escaleren.",
                    reason="Inwoner mijdt alle hulp, de woning vervuilt en er zijn zorgen over de gezondheid.",
                    categories=[DataCategory.CONTACT, DataCategory.REGIE], valid_from=start, valid_until=start + timedelta(days=90),
                    recorded_by=by, recorded_at=now,
                )
            else:
                org_name = partner.organisation.name
                SharingBasis.objects.create(
                    case=case, organisation=partner.organisation, kind="wettelijke_taak", legal_task=LEGAL_TASKS[org_name], purpose="doorverwijzing",
                    necessity="Aanmelding voor schuldhulp vraagt de contactgegevens en de hulpvraag." if org_name == "Schuldhulp Eendijk"
                    else f"De aanmelding bij {org_name} vraagt de contactgegevens en de hulpvraag.",
                    categories=[DataCategory.CONTACT, DataCategory.QUESTION], valid_from=start, recorded_by=by, recorded_at=now,
                )
            if rng.random() < 0.7:
                due = today + timedelta(days=rng.randint(-10, 30))
                agreement = Agreement.objects.create(
                    case=case, partner=partner, description=rng.choice(AGREEMENTS[partner.organisation.name]), owner=partner.contact_name, due_on=due,
                    done_on=today - timedelta(days=1) if due < today and rng.random() < 0.5 else None, created_by=by, created_at=now,
                )
                if agreement.done_on is None:
                    PlannedItem.objects.create(case=case, kind=PLANNED_AGREEMENT, label=f"Afspraak met {partner.organisation.name}: {agreement.description}",
                                               due_on=due, owner=by, source=f"socialmap.Agreement:{agreement.pk}")
        if tailored and n % 3 == 0:
            _seed_request(case, rng.choice(tailored), adults, by, today, now, path_index=n // 3)
        if n % 6 == 1:
            kind, question, advice, decisions = QUESTIONS[(n // 6) % len(QUESTIONS)]
            d = CaseDiscussion.objects.create(
                team=case.team, case=case, kind=kind, held_on=today - timedelta(days=rng.randint(3, 40)),
                household_present=kind == "expertisetent", question=question, advice=advice, decisions=decisions,
                recorded_by=by, recorded_at=now,
            )
            d.internal_participants.set([by])
            DiscussionParticipant.objects.bulk_create([
                DiscussionParticipant(discussion=d, organisation=p.organisation, role=p.role, name=p.contact_name) for p in partners[:2]
            ])
            DiscussionAction.objects.create(discussion=d, description="Netwerkberaad plannen met het gezin", owner="regisseur",
                                            due_on=today + timedelta(days=14))
    for team in ctx.teams:
        for i, (kind, question, advice, decisions) in enumerate(ANON_QUESTIONS):
            d = CaseDiscussion.objects.create(
                team=team, anonymous=True, kind=kind, held_on=today - timedelta(days=7 + 14 * i), question=question, advice=advice,
                decisions=decisions, recorded_by=next(iter(u for u in ctx.staff.values() if u.memberships.filter(team=team).exists())),
                recorded_at=now,
            )
            DiscussionParticipant.objects.bulk_create([
                DiscussionParticipant(discussion=d, organisation=orgs["Huisartsenpraktijk De Dijk"], role="huisarts"),
                DiscussionParticipant(discussion=d, organisation=orgs["GGZ Dijkland"], role="sociaal psychiatrisch verpleegkundige"),
            ])


# Status paths a request can have taken, from requested to the end.
PATHS = [
    [RequestStatus.REQUESTED],
    [RequestStatus.REQUESTED, RequestStatus.GRANTED],
    [RequestStatus.REQUESTED, RequestStatus.GRANTED, RequestStatus.STARTED],
    [RequestStatus.REQUESTED, RequestStatus.REFUSED],
    [RequestStatus.REQUESTED, RequestStatus.GRANTED, RequestStatus.STARTED, RequestStatus.ENDED],
]
NOTES = {RequestStatus.REFUSED: "Voorliggende voorziening past: eerst Thuisadministratie. Inwoner overweegt bezwaar.",
         RequestStatus.ENDED: "Doel bereikt; afgeschaald naar voorliggend."}


def _seed_request(case, provision, adults, by, today, now, path_index):
    path = PATHS[path_index % len(PATHS)]
    on = today - timedelta(days=14 * len(path) + 3)
    law = "jeugdwet" if provision.name in ("Gezinscoach", "Jeugd-GGZ") else "wmo"
    request = TailoredProvisionRequest.objects.create(
        case=case, provision=provision, law=law, person=adults[0] if adults else None,
        motivation="Met eigen kracht, netwerk en voorliggende voorzieningen lukt het niet voldoende.",
        status=path[-1], status_on=on + timedelta(days=14 * (len(path) - 1)), requested_on=on, requested_by=by,
    )
    RequestStatusChange.objects.bulk_create([
        RequestStatusChange(request=request, status=s, on=on + timedelta(days=14 * i), note=NOTES.get(s, ""), by=by, recorded_at=now)
        for i, s in enumerate(path)
    ])
