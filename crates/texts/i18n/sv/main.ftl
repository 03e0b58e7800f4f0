# Sidramen och menyerna
skip-to-content = Hoppa till innehållet
nav-main = Huvudmeny
nav-show-person = Visa person
nav-logout = Logga ut
nav-login = Logga in
nav-register = Registrera konto
nav-certificates = Certifikat
nav-employments = Anställningar
nav-exams = Prov
nav-events = Händelselogg
nav-staff = Handläggning
nav-admin = Administration

# Gemensamt
cancel = Avbryt
save = Spara
hits = { $n ->
    [one] { $n } träff
   *[other] { $n } träffar
}
pager-label = Sidor
pager-prev = Föregående
pager-next = Nästa
col-when = Tidpunkt
col-what = Händelse
col-who = Utförd av

# Fel
error-summary-title = Det finns fel i formuläret
error-prefix = Fel:
error-go-home = Gå till startsidan
error-go-back = Gå tillbaka
error-heading-not-found = Sidan finns inte
error-heading-forbidden = Du har inte behörighet
error-heading-too-large = För stor förfrågan
error-heading-bad-request = Felaktig förfrågan
error-bad-request = Förfrågan kunde inte läsas. Gå tillbaka och försök igen, eller börja om från startsidan.
error-heading-internal = Något gick fel
error-not-found = Sidan du sökte finns inte, eller så har du inte tillgång till den. Kontrollera adressen.
error-forbidden-staff = Sidan är till för certifieringsorganets handläggare.
error-forbidden-decision = Bara en beslutsfattare kan fatta det här beslutet.
error-forbidden-admin = Sidan är till för administratörer.
error-csrf = Formuläret kunde inte skickas eftersom det har gått för lång tid eller kom från en annan webbplats. Gå tillbaka, ladda om sidan och försök igen.
error-internal = Ett tekniskt fel uppstod. Försök igen om en stund. Inget av det du skickade har sparats.
error-too-large = Det du skickade är för stort. Förkorta texten eller välj en mindre fil.
err-too-long-100 = Texten får vara högst 100 tecken lång.
err-first-name-empty = Ange ditt förnamn.
err-last-name-empty = Ange ditt efternamn.
err-email-empty = Ange din e-postadress.
err-email-format = Ange en e-postadress i rätt format, till exempel namn@exempel.se.
err-login-empty = Ange både e-postadress och lösenord.
err-login-wrong = Fel e-postadress eller lösenord. Kontrollera och försök igen.
err-login-throttled = För många misslyckade inloggningsförsök. Vänta 15 minuter och försök igen, eller återställ ditt lösenord.
err-login-throttled-client = För många misslyckade inloggningsförsök från din anslutning. Vänta 15 minuter och försök igen.
err-login-unverified = Du måste bekräfta din e-postadress innan du kan logga in. Klicka på länken i e-postmeddelandet vi skickade.
err-current-password = Det nuvarande lösenordet stämmer inte.
err-link-unusable = Länken är redan använd eller har slutat gälla. Beställ en ny länk.
err-account-exists = Det finns redan ett konto med den e-postadressen eller det personnumret.

# Meddelanden efter en åtgärd
flash-email-verified = Din e-postadress är bekräftad. Nu kan du logga in.
flash-verify-resent = Om kontot finns och inte är bekräftat har vi skickat en ny länk.
flash-logged-out = Du är utloggad.
flash-password-reset = Ditt lösenord är bytt. Logga in med det nya lösenordet.
flash-profile-saved = Dina uppgifter är sparade.
flash-password-changed = Ditt lösenord är bytt.

# Startsidan
home-heading = Välkommen till certifieringsportalen
home-intro = Här ansöker du om certifikat, laddar upp underlag, kopplar dig till din arbetsgivare och följer ditt ärende.
home-no-account = Har du inget konto?
home-heading-user = Startsida
home-welcome = Välkommen, { $name }.
home-card-certificates = Dina certifikat och ansökningar. Ansök om ett nytt certifikat.
home-card-employments = Koppla dig till ditt företag och se dina anställningar.
home-card-exams = Dina prov och resultat.
home-card-events = Allt som har hänt i dina ärenden.
home-card-staff = Granska moment och gör slutgranskning av ansökningar.

# Konto
register-heading = Registrera konto
register-intro = Du behöver ett personkonto för att ansöka om certifikat. Fält markerade med * måste fyllas i.
register-submit = Registrera konto
register-have-account = Har du redan ett konto?
register-sent-heading = Bekräfta din e-postadress
register-sent-text = Vi har skickat ett e-postmeddelande med en länk till adressen du angav. Klicka på länken för att bekräfta adressen, sedan kan du logga in. Länken gäller i 48 timmar.
field-personnummer = Personnummer
hint-personnummer = 12 siffror, till exempel 19850612-2384. Samordningsnummer går också bra.
field-first-name = Förnamn
field-last-name = Efternamn
field-name = Namn
field-email = E-postadress
field-password = Lösenord
field-new-password = Nytt lösenord
field-current-password = Nuvarande lösenord
hint-password = Minst 12 tecken. Några ord med mellanslag är lätta att komma ihåg och svåra att gissa.
verify-failed-heading = Länken fungerar inte
verify-failed-text = Länken är redan använd eller har slutat gälla. Ange din e-postadress så skickar vi en ny länk.
verify-resend-submit = Skicka en ny länk
login-heading = Logga in
login-submit = Logga in
login-forgot = Glömt lösenordet?
login-unverified-heading = Din e-postadress är inte bekräftad
login-unverified-text = Klicka på länken i e-postmeddelandet vi skickade när du registrerade dig. Hittar du det inte kan vi skicka en ny länk.
forgot-heading = Glömt lösenord
forgot-intro = Ange e-postadressen till ditt konto så skickar vi en länk där du väljer ett nytt lösenord. Länken gäller i en timme.
forgot-submit = Skicka länk
forgot-sent-heading = Kontrollera din e-post
forgot-sent-text = Om det finns ett konto med den adressen har vi skickat en länk för att välja ett nytt lösenord. Länken gäller i en timme och kan bara användas en gång.
reset-heading = Välj ett nytt lösenord
reset-submit = Spara nytt lösenord
reset-invalid = Länken är redan använd eller har slutat gälla. Beställ en ny länk.

# Visa person
profile-heading = Visa person
profile-details-heading = Dina uppgifter
profile-address-legend = Privat adress
profile-address-hint = Används när du väljer «Mig personligen» som fakturamottagare.
field-phone = Telefonnummer
field-address-line1 = Adressrad 1
field-address-line2 = Adressrad 2
field-postal-code = Postnummer
field-city = Ort
field-country = Land
field-language = Språk för e-post
hint-language = Det språk vi skriver till dig på.
profile-password-heading = Byt lösenord
profile-password-submit = Byt lösenord

# Händelselogg
events-empty = Inga händelser ännu.
event-actor-system = Systemet
event-account-registered = Konto registrerat
event-email-verified = E-postadress bekräftad
event-password-reset = Lösenord återställt
event-password-changed = Lösenord bytt
event-profile-updated = Personuppgifter ändrade

# Avsnitt som fylls av kommande delar
exams-empty = Du har inga prov.
error-forbidden-examiner = Bara provcentrets provförrättare och certifieringsorganets personal kan göra det här.
err-examiner-unknown = Det finns inget konto med den e-postadressen.
err-examiner-already = Personen är redan provförrättare vid provcentret.
