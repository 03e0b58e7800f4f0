# «Utgående e-post» (outgoing e-mail) in «Administration»: mail that could not be delivered.
outbox-heading = Outgoing e-mail
outbox-intro = E-mail that the mail server refused, or that could not be delivered after every attempt, is listed here. «Send again» puts the message back in the queue once the fault is fixed.
outbox-queued = { $n ->
    [one] { $n } message is waiting to be sent.
   *[other] { $n } messages are waiting to be sent.
}
outbox-failed-heading = Failed
outbox-failed-count = { $n ->
    [one] { $n } failed message
   *[other] { $n } failed messages
}
outbox-failed-empty = No failed messages.
outbox-col-recipient = Recipient
outbox-col-subject = Subject
outbox-col-attempts = Attempts
outbox-col-error = Last error
outbox-col-failed-at = Failed
outbox-col-action = Action
outbox-send-again = Send again
outbox-admin-link = Outgoing e-mail
outbox-admin-summary = { $queued } queued, { $failed } failed
flash-mail-sent-again = The message is back in the queue and will be sent shortly.
event-mail-sent-again = E-mail sent again
