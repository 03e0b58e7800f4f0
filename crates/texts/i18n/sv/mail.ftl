mail-verify-subject = Bekräfta din e-postadress
mail-verify-body =
    Hej { $name }!

    Du har registrerat ett konto i certifieringsportalen. Bekräfta din e-postadress genom att öppna länken nedan. Länken gäller i 48 timmar och kan bara användas en gång.

    { $link }

    Har du inte registrerat något konto kan du bortse från det här meddelandet.
mail-already-registered-subject = Någon försökte registrera ett konto med dina uppgifter
mail-already-registered-body =
    Hej { $name }!

    Någon försökte nyss registrera ett nytt konto med ditt personnummer eller din e-postadress. Du har redan ett konto, så inget nytt konto skapades.

    Var det du? Logga in här: { $login }
    Har du glömt lösenordet? Välj ett nytt här: { $reset }

    Var det inte du behöver du inte göra något.
mail-reset-subject = Välj ett nytt lösenord
mail-reset-body =
    Hej { $name }!

    Vi har fått en begäran om att byta lösenord för ditt konto. Öppna länken nedan för att välja ett nytt lösenord. Länken gäller i en timme och kan bara användas en gång.

    { $link }

    Har du inte bett om att byta lösenord kan du bortse från det här meddelandet. Ditt lösenord är oförändrat.
