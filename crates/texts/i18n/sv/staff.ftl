# Handläggning: köerna, granskningen av moment och slutgranskningen.
staff-overview-intro = Här granskar du moment och gör slutgranskning av ansökningar som är klara.
staff-moments-heading = Inväntar granskning
staff-moments-waiting = { $n ->
    [one] { $n } moment väntar
   *[other] { $n } moment väntar
}
staff-moments-card = Moment där personen har laddat upp en fil eller där certifieringsorganet ska göra en kontroll. Äldst först.
staff-cases-heading = Klara för slutgranskning
staff-cases-waiting = { $n ->
    [one] { $n } ärende väntar
   *[other] { $n } ärenden väntar
}
staff-cases-card-decide = Ansökningar där alla moment är godkända, ansökan är intygad och fakturamottagare är angiven. Utfärda certifikatet eller avslå ansökan.
staff-cases-card-read = Ansökningar där alla moment är godkända, ansökan är intygad och fakturamottagare är angiven. En beslutsfattare utfärdar certifikatet eller avslår ansökan.
staff-cases-intro = Ansökningar där alla moment är godkända, ansökan är intygad och fakturamottagare är angiven. Den som har ändrats först står överst.
staff-cases-none = Inga ansökningar väntar på slutgranskning.

# Kön av moment
staff-filter-label = Filtrera kön
staff-field-area = Teknikområde
staff-field-certificate = Certifikat
staff-filter-all = Alla
staff-filter-submit = Filtrera
staff-filter-clear = Visa alla moment
staff-moments-none = Inga moment inväntar granskning.
staff-moments-none-filtered = Inga moment inväntar granskning med det här urvalet.
staff-col-nr = Nr
staff-col-person = Person
staff-col-waiting-since = Väntar sedan
staff-review-link = Granska
staff-final-review-link = Slutgranska

# Granska moment
staff-review-heading = Granska moment
staff-files-heading = Uppladdade filer
staff-latest-file = Senast uppladdad fil:
staff-open-new-window = Öppna filen i ett nytt fönster
staff-file-preview = Förhandsvisning
staff-no-preview = Filen kan inte visas här. Ladda ner den för att granska den.
staff-no-files = Ingen fil är uppladdad ännu.
staff-all-versions = Alla versioner
staff-col-file = Fil
staff-col-uploaded = Uppladdad
staff-col-size = Storlek
staff-staff-moment = Det här momentet kontrolleras av certifieringsorganet. Personen laddar inte upp någon fil.
staff-reviews-heading = Tidigare granskningar
staff-col-result = Resultat
staff-col-reviewer = Granskad av
staff-review-form-heading = Granskning
staff-field-decision = Resultat av granskningen
staff-approve = Godkänn
staff-not-approve = Ej godkänt
staff-field-comment = Kommentar
staff-hint-comment = Krävs om momentet inte godkänns: skriv vad personen behöver komplettera. Personen ser kommentaren och får den i ett e-postmeddelande.
staff-review-submit = Spara granskning
staff-err-decision = Välj Godkänn eller Ej godkänt.
staff-err-comment-too-long = Kommentaren får vara högst 2000 tecken lång.
flash-staff-moment-approved = Granskningen är sparad. Momentet är godkänt och personen har fått ett e-postmeddelande.
flash-staff-moment-not-approved = Granskningen är sparad. Momentet är inte godkänt och personen har fått ett e-postmeddelande med din kommentar.
staff-rule-own-case = Det här är din egen ansökan. Du kan inte granska eller besluta i ditt eget ärende; en annan handläggare måste göra det.

# Slutgranskning
staff-final-review-heading = Slutgranskning
staff-case-heading = Ärende
staff-certificate-number = Certifikatnummer
staff-issued-on = Utfärdandedatum
staff-latest-decision = Senaste beslut
staff-moments-section = Moment
staff-attestation-heading = Intygande
staff-attested-at = Intygad
staff-commitment-text = Förbindelsetext
staff-commitment-version = Version { $version }
staff-not-attested = Ansökan är inte intygad ännu.
staff-invoice-heading = Fakturamottagare
staff-invoice-kind = Fakturan ska skickas till
staff-invoice-company = Företag
staff-invoice-personal = Mig personligen
staff-invoice-alternative = Alternativ fakturaadress
staff-orgnr = Organisationsnummer
staff-invoice-address = Adress
staff-invoice-reference = Fakturareferens/Ordernr
staff-no-invoice = Ingen fakturamottagare är angiven ännu.
staff-decision-heading = Beslut
staff-decision-made = Beslut är fattat i ärendet. Det finns inget mer att göra här.
staff-decision-read-only = Ärendet är klart för slutgranskning. Bara en beslutsfattare kan utfärda certifikatet eller avslå ansökan.
staff-issue-heading = Utfärda certifikat
staff-field-valid-until = Giltigt till
staff-hint-valid-until = Skriv datumet som år-månad-dag, till exempel 2030-12-31. För ett externt certifikat: det datum då det andra organets certifikat slutar gälla.
staff-field-external-body = Utfärdande organ
staff-field-external-country = Land
staff-field-external-number = Certifikatnummer hos det utfärdande organet
staff-issue-submit = Utfärda certifikat
staff-reject-link = Avslå
staff-err-valid-until-empty = Ange till vilket datum certifikatet gäller, till exempel 2030-12-31.
staff-err-valid-until-format = Ange datumet som år-månad-dag, till exempel 2030-12-31.
staff-err-valid-until-past = Datumet måste vara efter dagens datum. Ett certifikat som redan har slutat gälla kan inte utfärdas.
staff-err-external-body-empty = Ange vilket organ som har utfärdat certifikatet.
staff-err-external-country-empty = Ange i vilket land certifikatet är utfärdat.
staff-err-external-number-empty = Ange certifikatnumret hos det utfärdande organet.
staff-rule-external-issuer-missing = Ett externt certifikat utfärdas med det utfärdande organets namn, land och certifikatnummer. Fyll i alla tre.
staff-err-too-long = Texten får vara högst { $max } tecken lång.
flash-staff-certificate-issued = Certifikatet är utfärdat och personen har fått ett e-postmeddelande.

# Avslå
staff-reject-heading = Avslå ansökan
staff-reject-warning = Ansökan avslås och ärendet avslutas. Personen får ett e-postmeddelande med beslutet och din motivering. Beslutet kan inte ångras här.
staff-field-reason = Motivering
staff-hint-reason = Förklara varför ansökan avslås. Personen ser motiveringen.
staff-reject-submit = Avslå ansökan
staff-err-reason-empty = Skriv en motivering som förklarar varför ansökan avslås.
flash-staff-application-rejected = Ansökan är avslagen och personen har fått ett e-postmeddelande med motiveringen.

# E-post till personen
mail-moment-approved-subject = Momentet «{ $moment }» är godkänt
mail-moment-approved-body =
    Hej { $name }!

    Vi har granskat momentet «{ $moment }» i din ansökan om { $certificate } (ärende { $case }). Momentet är godkänt.

    { $has_comment ->
        [yes]
            Kommentar från handläggaren: { $comment }

            Se ditt ärende och vad som återstår här:
       *[no] Se ditt ärende och vad som återstår här:
    }
    { $link }
mail-moment-rejected-subject = Momentet «{ $moment }» är inte godkänt
mail-moment-rejected-body =
    Hej { $name }!

    Vi har granskat momentet «{ $moment }» i din ansökan om { $certificate } (ärende { $case }). Momentet är inte godkänt.

    Det här behöver du komplettera:
    { $comment }

    Logga in och ladda upp en ny fil till momentet här:
    { $link }
mail-certificate-issued-subject = Ditt certifikat är utfärdat: { $number }
mail-certificate-issued-body =
    Hej { $name }!

    Din ansökan om { $certificate } (ärende { $case }) är klar och certifikatet är utfärdat.

    Certifikatnummer: { $number }
    Giltigt till: { $valid_until }

    Se certifikatet här:
    { $link }
mail-application-rejected-subject = Din ansökan om { $certificate } är avslagen
mail-application-rejected-body =
    Hej { $name }!

    Din ansökan om { $certificate } (ärende { $case }) är avslagen.

    Motivering:
    { $reason }

    Se ärendet här:
    { $link }

    Har du frågor om beslutet är du välkommen att kontakta oss.

# Certifikatets liv efter utfärdande
staff-suspended-until = Suspenderat till
staff-scope-note = Begränsad omfattning
staff-annual-next-due = Årlig förlängning senast
staff-recertification-on = Omcertifiering
staff-renews = Omcertifierar
staff-renews-link = Ärendet med certifikatet som omcertifieras
staff-renewed-by = Omcertifierat genom
staff-renewed-by-link = Ärendet med omcertifieringen
staff-decisions-heading = Beslut om certifikatet
staff-decisions-none = Inga beslut är fattade.
staff-col-decision = Beslut
staff-col-decided-at = Beslutat
staff-col-decided-by = Beslutsfattare
staff-decision-kind-issue = Utfärdat
staff-decision-kind-reject = Avslag
staff-decision-kind-suspend = Suspenderat
staff-decision-kind-lift = Suspension hävd
staff-decision-kind-withdraw = Återkallat
staff-decision-kind-scope = Begränsad omfattning
staff-annual-heading = Årlig förlängning
staff-annual-none = Ingen årlig förlängning är intygad ännu.
staff-col-due-on = Förfallodag
staff-col-basis = Intygad som
staff-col-attested-by = Intygad av
staff-annual-basis-employer = Arbetsgivare
staff-annual-basis-self = Egenföretagare
staff-annual-basis-staff = Pappersintyg (registrerat av certifieringsorganet)
staff-paper-heading = Registrera årlig förlängning (pappersintyg)
staff-paper-intro = Årlig förlängning med förfallodag { $due } är öppen. Registrera den här om intyget har kommit in på papper.
staff-field-note = Anteckning
staff-hint-note = Skriv vad som har kommit in, till exempel vem som har intygat och när intyget kom.
staff-paper-submit = Registrera årlig förlängning
staff-err-note-empty = Skriv en anteckning om pappersintyget.
flash-staff-annual-registered = Den årliga förlängningen är registrerad.
staff-life-actions-heading = Beslut efter utfärdande
staff-life-read-only = Bara en beslutsfattare kan suspendera, häva en suspension, återkalla eller begränsa omfattningen.
staff-life-ended = Certifikatet gäller inte längre. Inga fler beslut kan fattas om det.
staff-back-to-case = Tillbaka till ärendet
staff-holder = Certifikatinnehavare
staff-suspend-link = Suspendera
staff-lift-link = Häv suspension
staff-withdraw-link = Återkalla
staff-scope-link = Begränsa omfattning
staff-suspend-heading = Suspendera certifikat
staff-lift-heading = Häv suspension
staff-withdraw-heading = Återkalla certifikat
staff-scope-heading = Begränsa omfattning
staff-suspend-warning = Certifikatet blir Suspenderat fram till det datum du anger och gäller inte under tiden. Innehavaren får ett beslutsbrev med din motivering. När slutdatumet är nått visas certifikatet i kön Suspensioner som löper ut, där en beslutsfattare häver suspensionen eller återkallar certifikatet.
staff-lift-warning = Suspensionen hävs och certifikatet blir Aktivt igen. Innehavaren får ett beslutsbrev med din motivering.
staff-withdraw-warning = Certifikatet återkallas för gott och kan inte göras aktivt igen. Innehavaren får ett beslutsbrev med din motivering. Beslutet kan inte ångras här.
staff-scope-warning = Certifikatet fortsätter att gälla, men bara inom den begränsade omfattning du beskriver. Texten visas med certifikatet och innehavaren får ett beslutsbrev med din motivering.
staff-suspend-submit = Suspendera certifikatet
staff-lift-submit = Häv suspensionen
staff-withdraw-submit = Återkalla certifikatet
staff-scope-submit = Begränsa omfattningen
staff-field-suspend-until = Suspenderad till
staff-hint-suspend-until = Sista dagen för suspensionen, som år-månad-dag. Senast { $latest } (högst sex månader).
staff-hint-scope = Beskriv vad certifikatet gäller för från och med nu. Texten visas med certifikatet.
staff-hint-decision-reason = Förklara varför du fattar beslutet. Innehavaren får motiveringen i beslutsbrevet.
staff-err-decision-reason-empty = Skriv en motivering till beslutet.
staff-err-suspend-until-empty = Ange till vilket datum certifikatet är suspenderat, till exempel 2027-03-31.
staff-err-suspend-until-format = Ange datumet som år-månad-dag, till exempel 2027-03-31.
staff-err-scope-empty = Beskriv den begränsade omfattningen.
flash-staff-certificate-suspended = Certifikatet är suspenderat och innehavaren har fått ett beslutsbrev.
flash-staff-suspension-lifted = Suspensionen är hävd och innehavaren har fått ett beslutsbrev.
flash-staff-certificate-withdrawn = Certifikatet är återkallat och innehavaren har fått ett beslutsbrev.
flash-staff-scope-reduced = Omfattningen är begränsad och innehavaren har fått ett beslutsbrev.
staff-suspensions-heading = Suspensioner som löper ut
staff-suspensions-intro = Suspenderade certifikat vars slutdatum är nått. Ingenting händer med dem utan ett beslut: en beslutsfattare häver suspensionen eller återkallar certifikatet. Det som har passerat längst står överst.
staff-suspensions-none = Inga suspensioner har nått sitt slutdatum.
staff-suspensions-waiting = { $n ->
    [one] { $n } suspension har nått sitt slutdatum
   *[other] { $n } suspensioner har nått sitt slutdatum
}
staff-suspensions-card = Suspenderade certifikat vars slutdatum är nått och som väntar på ett beslut.
staff-open-case-link = Öppna ärendet
staff-recert-notice = Ärendet omcertifierar certifikat { $number }. Certifikatet behåller sitt nummer.
staff-recert-old-valid-until = Nuvarande Giltigt till
staff-recert-valid-until-hint = Giltigt till blir det nuvarande Giltigt till plus certifikatets giltighetstid, { $years } år, så att en tidig omcertifiering inte förkortar giltigheten. Datumet räknas ut och kan inte ändras här.
staff-decision-made-issued = Beslut är fattat i ärendet: certifikatet är utfärdat. Beslut om certifikatet efter utfärdandet fattas under Beslut efter utfärdande nedan.
