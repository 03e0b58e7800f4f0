# Företag, anställningar och företagscertifikatet.
employment-new = Ny Anställning
employment-new-heading = Ny anställning
employment-new-intro = Ange företagets organisationsnummer och när du började där. En förfrågan skickas till företagets administratörer, som bekräftar din anställning.
field-company = Företag
field-company-name = Företagsnamn
field-start-date = Startdatum
field-end-date = Slutdatum
hint-date = Till exempel 2026-03-01.
hint-orgnr = Tio siffror, till exempel 556012-5790.
col-orgnr = Organisationsnummer
employments-why = Koppla dig till ditt företag med Ny Anställning: det underlättar administrationen av ditt certifikat och håller företagets företagscertifikat aktivt.
employment-status-pending = Väntar på bekräftelse
employment-status-confirmed = Bekräftad
employment-status-rejected = Avböjd
employment-status-ended = Avslutad
employment-end = Avsluta anställning
employment-end-warning = Anställningen { $person } – { $company } avslutas. Certifikat som håller företagscertifikatet aktivt räknas inte längre för företaget.
employment-confirm = Bekräfta
employment-reject = Avböj
err-company-not-found-employment = Inget registrerat företag har det organisationsnumret. Sök på fullständigt organisationsnummer.
err-start-date-empty = Ange startdatum.
err-start-date-far = Startdatumet ligger för långt fram. Ange när du började eller börjar inom ett år.
err-date-format = Ange ett datum som år-månad-dag, till exempel 2026-03-01.
err-date-range = Ange ett datum mellan år 1900 och 2100, som år-månad-dag med fyra siffror för året.
err-employment-open = Du har redan en anställning eller en väntande förfrågan hos det här företaget.
err-employment-not-confirmed = Anställningen är inte bekräftad och kan inte avslutas.
err-employment-not-pending = Förfrågan är redan besvarad.
err-end-before-start = Slutdatumet kan inte vara före startdatumet.
err-end-in-future = Slutdatumet kan inte ligga i framtiden. Avsluta anställningen när den har upphört.
err-grant-not-employee = Bara en bekräftad anställd på företaget kan bli administratör.
err-admin-already = Personen är redan administratör för företaget.
err-company-name-empty = Ange företagets namn.
err-company-exists = Ett företag med det organisationsnumret finns redan.
err-admin-email-unknown = Inget konto har den e-postadressen, eller så är personen redan administratör. Personen måste först registrera ett konto.
error-forbidden-company-admin = Bara företagets administratörer kan göra det här.
flash-employment-requested = Din förfrågan är skickad till företagets administratörer.
flash-employment-confirmed = Anställningen är bekräftad.
flash-employment-rejected = Förfrågan är avböjd.
flash-employment-ended = Anställningen är avslutad.
flash-admin-granted = Administratören är utsedd.
flash-admin-removed = Administratören är borttagen.
flash-company-created = Företaget är registrerat.
flash-company-saved = Företagets uppgifter är sparade.
companies-you-administer = Företag du administrerar
company-page = Företagssida
company-certificate = Företagscertifikat
company-standing-none = Inget aktivt
company-standing-active = Aktivt
company-standing-at_risk = I riskzonen
company-no-holders = Ingen anställd har just nu ett certifikat som håller företagscertifikatet aktivt.
company-kept-active-by = Hålls aktivt av:
company-pending = Förfrågningar om anställning
company-no-pending = Inga förfrågningar väntar.
company-current = Anställda
company-no-current = Inga bekräftade anställda.
company-former = Tidigare och avböjda
company-no-former = Inga tidigare anställda.
company-certificates = De anställdas certifikat
company-no-certificates = De anställda har inga utfärdade certifikat.
company-admins = Företagsadministratörer
company-no-admins = Företaget har ingen administratör ännu.
company-kept-active-more = och fler
company-certificates-on-page = Certifikaten för de anställda på sidan ovan. Bläddra bland de anställda för att se fler.
company-grant-submit = Utse administratör
company-admin-remove = Ta bort
company-admin-email = E-postadress till den som ska bli administratör
hint-admin-email = Personen måste ha ett konto.
company-address = Adress
admin-companies = Företag
admin-company-new = Registrera företag
admin-no-companies = Inga företag är registrerade ännu.
at-risk-heading = Företag vars företagscertifikat är i riskzonen
at-risk-intro = Företagen nedan har inte längre någon bekräftad anställd med ett aktivt certifikat som håller företagscertifikatet aktivt.
at-risk-none = Inga företag är i riskzonen.
at-risk-since = Sedan
nav-at-risk = Företag i riskzonen
event-employment-requested = Anställning begärd
event-employment-confirmed = Anställning bekräftad
event-employment-rejected = Anställning avböjd
event-employment-ended = Anställning avslutad
event-company-updated = Företagsuppgifter ändrade
event-company-admin-removed = Företagsadministratör borttagen
event-company-certificate-active = Företagscertifikatet är aktivt
event-company-certificate-at-risk = Företagscertifikatet är i riskzonen
invoice-based-on-employment = Baserat på din anställning
mail-employment-requested-subject = Ny förfrågan om anställning: { $person }
mail-employment-requested-body =
    Hej { $name }!

    { $person } har begärt att bli kopplad till { $company } som anställd. Logga in och bekräfta eller avböj förfrågan på företagssidan:

    { $link }
mail-employment-confirmed-subject = Din anställning är bekräftad
mail-employment-confirmed-body =
    Hej { $name }!

    { $company } har bekräftat din anställning.

    { $link }
mail-employment-rejected-subject = Din förfrågan om anställning är avböjd
mail-employment-rejected-body =
    Hej { $name }!

    { $company } har avböjt din förfrågan om anställning. Kontakta företaget om du tror att det är fel.

    { $link }
mail-company-at-risk-subject = Företagscertifikatet för { $company } är i riskzonen
mail-company-at-risk-body =
    Hej { $name }!

    { $company } har inte längre någon bekräftad anställd med ett aktivt certifikat som håller företagscertifikatet aktivt. Se över anställningar och certifikat på företagssidan:

    { $link }
employments-empty = Du har inga anställningar registrerade ännu.
at-risk-card = Företag vars sista anställda med ett kvalificerande certifikat har slutat eller tappat certifikatet.
home-card-company = Företagssida: bekräfta anställningar och se företagscertifikatet.
company-admin-remove-heading = Ta bort företagsadministratör
company-admin-remove-warning = { $person } kommer inte längre att kunna bekräfta anställningar eller se företagssidan för { $company }.
company-admin-remove-submit = Ta bort administratören
admin-company-search = Sök företag på namn eller organisationsnummer

## Årlig förlängning på företagssidan
annual-company-none = Ingen anställds årliga förlängning är öppen just nu.
annual-company-intro = De anställda nedan ska få sin årliga förlängning intygad. Markera dem som är yrkesverksamma hos er och klicka på Intyga.
annual-company-legend = Anställda att intyga
annual-select-all = Markera alla
annual-col-select = Välj
annual-col-due = Förfallodag
annual-own = Intygas av en annan administratör
annual-attest-submit = Intyga
annual-confirm-heading = Intyga årlig förlängning
annual-confirm-meaning = Genom att intyga bekräftar du att personerna nedan är yrkesverksamma inom sina certifikats områden hos { $company }. Intygandet registreras i ditt namn. Ett inaktivt certifikat blir aktivt igen.
annual-confirm-count = { $n ->
    [one] { $n } certifikat
   *[other] { $n } certifikat
}
err-annual-none-selected = Markera minst en anställd att intyga.
err-annual-too-many = För många certifikat på en gång. Intyga högst en sida i taget.
flash-annual-attested-employer = Den årliga förlängningen är intygad.
