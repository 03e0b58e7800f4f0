# «Utgående e-post» i «Administration»: e-post som inte kunde levereras.
outbox-heading = Utgående e-post
outbox-intro = E-post som e-postservern har vägrat ta emot, eller som inte gick att leverera efter alla försök, visas här. «Skicka igen» lägger tillbaka meddelandet i kön när felet är åtgärdat.
outbox-queued = { $n ->
    [one] { $n } meddelande väntar på att skickas.
   *[other] { $n } meddelanden väntar på att skickas.
}
outbox-failed-heading = Misslyckade
outbox-failed-count = { $n ->
    [one] { $n } misslyckat meddelande
   *[other] { $n } misslyckade meddelanden
}
outbox-failed-empty = Inga misslyckade meddelanden.
outbox-col-recipient = Mottagare
outbox-col-subject = Ämne
outbox-col-attempts = Försök
outbox-col-error = Senaste fel
outbox-col-failed-at = Misslyckades
outbox-col-action = Åtgärd
outbox-send-again = Skicka igen
outbox-admin-link = Utgående e-post
outbox-admin-summary = { $queued } i kö, { $failed } misslyckade
flash-mail-sent-again = Meddelandet ligger i kön igen och skickas strax.
event-mail-sent-again = E-post skickad igen
