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

## The certificate's life after issue
mail-annual-open-subject = Dags för årlig förlängning av certifikat { $number }
mail-annual-open-body =
    Hej { $name }!

    Den årliga förlängningen av ditt certifikat { $certificate } (nummer { $number }) ska intygas senast { $due }.

    Är du anställd intygar din arbetsgivares administratör att du är yrkesverksam. Är du egen företagare intygar du själv på certifikatets sida:
    { $link }

    Intygas den inte i tid blir certifikatet inaktivt.
mail-annual-open-employer-subject = Årlig förlängning för { $holder }
mail-annual-open-employer-body =
    Hej { $name }!

    Den årliga förlängningen av certifikatet { $certificate } (nummer { $number }) för { $holder } på { $company } ska intygas senast { $due }.

    Intyga på företagssidan under Årlig förlängning:
    { $link }
mail-certificate-lapsed-subject = Certifikat { $number } är inaktivt
mail-certificate-lapsed-body =
    Hej { $name }!

    Den årliga förlängningen av ditt certifikat { $certificate } (nummer { $number }), som skulle intygas senast { $due }, har inte kommit in. Certifikatet är därför inaktivt.

    Det blir aktivt igen när förlängningen intygas:
    { $link }
mail-certificate-lapsed-employer-subject = Certifikatet för { $holder } är inaktivt
mail-certificate-lapsed-employer-body =
    Hej { $name }!

    Den årliga förlängningen av certifikatet { $certificate } (nummer { $number }) för { $holder } på { $company }, som skulle intygas senast { $due }, har inte kommit in. Certifikatet är därför inaktivt.

    Det blir aktivt igen när förlängningen intygas på företagssidan:
    { $link }
mail-recertification-open-subject = Dags att omcertifiera certifikat { $number }
mail-recertification-open-body =
    Hej { $name }!

    Ditt certifikat { $certificate } (nummer { $number }) gäller till { $valid_until }. Du kan nu ansöka om omcertifiering. Certifikatet behåller sitt nummer och den nya giltighetstiden räknas från { $valid_until }, så du förlorar inget på att söka i god tid.

    Ansök på certifikatets sida:
    { $link }
mail-decision-suspend-subject = Beslut: certifikat { $number } är suspenderat
mail-decision-suspend-body =
    Hej { $name }!

    Certifieringsorganet har beslutat att suspendera ditt certifikat { $certificate } (nummer { $number }) till och med { $until }. Under suspensionen gäller inte certifikatet.

    Motivering:
    { $reason }

    Du kan överklaga beslutet inom två månader från att du fick det. Skriv till oss och ange certifikatnumret och varför du anser att beslutet ska ändras.

    Se certifikatet här:
    { $link }
mail-decision-lift-subject = Beslut: suspensionen av certifikat { $number } är hävd
mail-decision-lift-body =
    Hej { $name }!

    Certifieringsorganet har beslutat att häva suspensionen av ditt certifikat { $certificate } (nummer { $number }). Certifikatet är aktivt igen.

    Motivering:
    { $reason }

    Du kan överklaga beslutet inom två månader från att du fick det. Skriv till oss och ange certifikatnumret och varför du anser att beslutet ska ändras.

    Se certifikatet här:
    { $link }
mail-decision-withdraw-subject = Beslut: certifikat { $number } är återkallat
mail-decision-withdraw-body =
    Hej { $name }!

    Certifieringsorganet har beslutat att återkalla ditt certifikat { $certificate } (nummer { $number }). Certifikatet gäller inte längre.

    Motivering:
    { $reason }

    Du kan överklaga beslutet inom två månader från att du fick det. Skriv till oss och ange certifikatnumret och varför du anser att beslutet ska ändras.

    Se certifikatet här:
    { $link }
mail-decision-reduce-scope-subject = Beslut: omfattningen av certifikat { $number } är begränsad
mail-decision-reduce-scope-body =
    Hej { $name }!

    Certifieringsorganet har beslutat att begränsa omfattningen av ditt certifikat { $certificate } (nummer { $number }).

    Omfattningen är nu:
    { $scope }

    Motivering:
    { $reason }

    Du kan överklaga beslutet inom två månader från att du fick det. Skriv till oss och ange certifikatnumret och varför du anser att beslutet ska ändras.

    Se certifikatet här:
    { $link }

## Exams
mail-exam-booked-subject = Bokat: { $exam } { $date }
mail-exam-booked-body =
    Hej { $name }!

    Du är bokad på { $exam }.

    Datum: { $date } kl. { $time }
    Provcenter: { $centre }
    Plats: { $place }

    Ta med: { $bring }

    Du kan avboka till och med { $last_cancel_day }:
    { $link }
mail-exam-cancelled-subject = Avbokat: { $exam } { $date }
mail-exam-cancelled-body =
    Hej { $name }!

    Din bokning av { $exam } den { $date } hos { $centre } är avbokad.

    Se dina prov här:
    { $link }
mail-exam-result-subject = Provresultat: { $exam } – { $outcome }
mail-exam-result-body =
    Hej { $name }!

    Resultatet av { $exam } den { $date } hos { $centre } är fastställt.

    Resultat: { $outcome }
    Poäng: { $points } av { $max_points }

    Se dina prov här:
    { $link }
