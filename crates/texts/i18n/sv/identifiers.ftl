# Felmeddelanden för personnummer, organisationsnummer, postnummer och lösenord.
# Nycklarna kommer från domain::identifiers::IdError, domain::password::PasswordError och
# domain::text::TextError (fritext i alla formulär).

err-identifier-empty = Fältet är tomt. Fyll i det innan du fortsätter.

err-personnummer-format = Ange ett personnummer med 10 eller 12 siffror, till exempel 19850612-2384.
err-personnummer-date = Personnumret innehåller ett datum som inte finns eller som ligger i framtiden. Kontrollera födelsedatumet.
err-personnummer-checksum = Kontrollsiffran stämmer inte. Kontrollera att du har skrivit rätt personnummer.

err-orgnr-format = Ange ett organisationsnummer med 10 siffror, till exempel 556012-5790.
err-orgnr-third-digit = Det här ser ut som ett personnummer. Ange organisationens organisationsnummer; den tredje siffran är 2 eller högre.
err-orgnr-checksum = Kontrollsiffran stämmer inte. Kontrollera att du har skrivit rätt organisationsnummer.

err-postnummer-format = Ange ett postnummer med fem siffror, till exempel 111 22.
err-postal-code-too-long = Postnumret får vara högst 20 tecken långt.

err-password-too-short = Lösenordet måste ha minst 12 tecken. Ett par ord med mellanslag är lätt att komma ihåg.
err-password-too-long = Lösenordet får ha högst 256 tecken.
err-password-common = Lösenordet är för vanligt eller för lätt att gissa. Välj ett annat, till exempel några ord som inte hör ihop.
err-password-personal-info = Lösenordet får inte innehålla ditt namn eller din e-postadress. Välj ett annat.

err-text-too-long = Texten får vara högst { $max } tecken lång.
err-text-line-break = Texten ska stå på en rad. Ta bort radbrytningen.
err-text-invisible = Texten innehåller ett osynligt tecken eller ett styrtecken, till exempel ett nollbreddstecken eller ett tecken som vänder skrivriktningen. Skriv in texten för hand i stället för att klistra in den.
