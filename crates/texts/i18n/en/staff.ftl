# Case handling: the queues, moment review and the final review.
staff-overview-intro = Here you review moments and make the final review of applications that are complete.
staff-moments-heading = Awaiting review
staff-moments-waiting = { $n ->
    [one] { $n } moment waiting
   *[other] { $n } moments waiting
}
staff-moments-card = Moments where the person has uploaded a file or where the certification body makes a check. Oldest first.
staff-cases-heading = Ready for final review
staff-cases-waiting = { $n ->
    [one] { $n } case waiting
   *[other] { $n } cases waiting
}
staff-cases-card-decide = Applications with every moment approved, attested and with an invoice recipient. Issue the certificate or reject the application.
staff-cases-card-read = Applications with every moment approved, attested and with an invoice recipient. A decision maker issues the certificate or rejects the application.
staff-cases-intro = Applications with every moment approved, attested and with an invoice recipient. The one changed longest ago comes first.
staff-cases-none = No applications are waiting for the final review.

# The moment queue
staff-filter-label = Filter the queue
staff-field-area = Technical area
staff-field-certificate = Certificate
staff-filter-all = All
staff-filter-submit = Filter
staff-filter-clear = Show all moments
staff-moments-none = No moments are awaiting review.
staff-moments-none-filtered = No moments are awaiting review with this selection.
staff-col-nr = No.
staff-col-person = Person
staff-col-waiting-since = Waiting since
staff-review-link = Review
staff-final-review-link = Final review

# Review a moment
staff-review-heading = Review moment
staff-files-heading = Uploaded files
staff-latest-file = Latest uploaded file:
staff-open-new-window = Open the file in a new window
staff-file-preview = Preview
staff-no-preview = The file cannot be shown here. Download it to review it.
staff-no-files = No file has been uploaded yet.
staff-all-versions = All versions
staff-col-file = File
staff-col-uploaded = Uploaded
staff-col-size = Size
staff-staff-moment = The certification body checks this moment itself. The person uploads no file.
staff-reviews-heading = Earlier reviews
staff-col-result = Result
staff-col-reviewer = Reviewed by
staff-review-form-heading = Review
staff-field-decision = Result of the review
staff-approve = Approve
staff-not-approve = Not approved
staff-field-comment = Comment
staff-hint-comment = Required if the moment is not approved: write what the person needs to complete. The person sees the comment and gets it by e-mail.
staff-review-submit = Save review
staff-err-decision = Choose Approve or Not approved.
staff-err-comment-too-long = The comment can be at most 2000 characters long.
flash-staff-moment-approved = The review is saved. The moment is approved and the person has been sent an e-mail.
flash-staff-moment-not-approved = The review is saved. The moment is not approved and the person has been sent an e-mail with your comment.
staff-rule-own-case = This is your own application. You cannot review or decide your own case; another case officer must do it.

# Final review
staff-final-review-heading = Final review
staff-case-heading = Case
staff-certificate-number = Certificate number
staff-issued-on = Date of issue
staff-latest-decision = Latest decision
staff-moments-section = Moments
staff-attestation-heading = Attestation
staff-attested-at = Attested
staff-commitment-text = Commitment text
staff-commitment-version = Version { $version }
staff-not-attested = The application has not been attested yet.
staff-invoice-heading = Invoice recipient
staff-invoice-kind = The invoice goes to
staff-invoice-company = Company
staff-invoice-personal = Me personally
staff-invoice-alternative = Alternative invoice address
staff-orgnr = Organisation number
staff-invoice-address = Address
staff-invoice-reference = Invoice reference/Order no.
staff-no-invoice = No invoice recipient has been given yet.
staff-decision-heading = Decision
staff-decision-made = A decision has been made in this case. There is nothing more to do here.
staff-decision-read-only = The case is ready for the final review. Only a decision maker can issue the certificate or reject the application.
staff-issue-heading = Issue certificate
staff-field-valid-until = Valid until
staff-hint-valid-until = Write the date as year-month-day, for example 2030-12-31. For an external certificate: the date the other body's certificate stops being valid.
staff-field-external-body = Issuing body
staff-field-external-country = Country
staff-field-external-number = Certificate number at the issuing body
staff-issue-submit = Issue certificate
staff-reject-link = Reject
staff-err-valid-until-empty = Enter the date the certificate is valid until, for example 2030-12-31.
staff-err-valid-until-format = Enter the date as year-month-day, for example 2030-12-31.
staff-err-valid-until-past = The date must be after today. A certificate that is no longer valid cannot be issued.
staff-err-external-body-empty = Enter the body that issued the certificate.
staff-err-external-country-empty = Enter the country where the certificate was issued.
staff-err-external-number-empty = Enter the certificate number at the issuing body.
staff-rule-external-issuer-missing = An external certificate is issued with the issuing body, its country and its certificate number. Fill in all three.
staff-err-too-long = The text can be at most { $max } characters long.
flash-staff-certificate-issued = The certificate is issued and the person has been sent an e-mail.

# Reject
staff-reject-heading = Reject application
staff-reject-warning = The application will be rejected and the case closed. The person gets an e-mail with the decision and your reason. The decision cannot be undone here.
staff-field-reason = Reason
staff-hint-reason = Explain why the application is rejected. The person sees the reason.
staff-reject-submit = Reject application
staff-err-reason-empty = Write a reason that explains why the application is rejected.
flash-staff-application-rejected = The application is rejected and the person has been sent an e-mail with the reason.

# E-mail to the person
mail-moment-approved-subject = The moment “{ $moment }” is approved
mail-moment-approved-body =
    Hello { $name },

    We have reviewed the moment “{ $moment }” in your application for { $certificate } (case { $case }). The moment is approved.

    { $has_comment ->
        [yes]
            Comment from the case officer: { $comment }

            See your case and what remains here:
       *[no] See your case and what remains here:
    }
    { $link }
mail-moment-rejected-subject = The moment “{ $moment }” is not approved
mail-moment-rejected-body =
    Hello { $name },

    We have reviewed the moment “{ $moment }” in your application for { $certificate } (case { $case }). The moment is not approved.

    This is what you need to complete:
    { $comment }

    Log in and upload a new file for the moment here:
    { $link }
mail-certificate-issued-subject = Your certificate is issued: { $number }
mail-certificate-issued-body =
    Hello { $name },

    Your application for { $certificate } (case { $case }) is complete and the certificate is issued.

    Certificate number: { $number }
    Valid until: { $valid_until }

    See the certificate here:
    { $link }
mail-application-rejected-subject = Your application for { $certificate } is rejected
mail-application-rejected-body =
    Hello { $name },

    Your application for { $certificate } (case { $case }) is rejected.

    Reason:
    { $reason }

    See the case here:
    { $link }

    If you have questions about the decision, you are welcome to contact us.

# The certificate's life after issue
staff-suspended-until = Suspended until
staff-scope-note = Reduced scope
staff-annual-next-due = Yearly attestation due
staff-recertification-on = Recertification
staff-renews = Recertifies
staff-renews-link = The case of the certificate being recertified
staff-renewed-by = Recertified by
staff-renewed-by-link = The recertification case
staff-decisions-heading = Decisions on the certificate
staff-decisions-none = No decisions have been made.
staff-col-decision = Decision
staff-col-decided-at = Decided
staff-col-decided-by = Decision maker
staff-decision-kind-issue = Issued
staff-decision-kind-reject = Rejected
staff-decision-kind-suspend = Suspended
staff-decision-kind-lift = Suspension lifted
staff-decision-kind-withdraw = Withdrawn
staff-decision-kind-scope = Reduced scope
staff-annual-heading = Yearly attestation
staff-annual-none = No yearly attestation has been given yet.
staff-col-due-on = Due date
staff-col-basis = Attested as
staff-col-attested-by = Attested by
staff-annual-basis-employer = Employer
staff-annual-basis-self = Self-employed
staff-annual-basis-staff = On paper (registered by the certification body)
staff-paper-heading = Register a yearly attestation (on paper)
staff-paper-intro = The yearly attestation due on { $due } is open. Register it here if the attestation came in on paper.
staff-field-note = Note
staff-hint-note = Write what came in, for example who attested and when the attestation arrived.
staff-paper-submit = Register the yearly attestation
staff-err-note-empty = Write a note about the paper attestation.
flash-staff-annual-registered = The yearly attestation is registered.
staff-life-actions-heading = Decisions after issue
staff-life-read-only = Only a decision maker can suspend, lift a suspension, withdraw or reduce the scope.
staff-life-ended = The certificate is no longer valid. No more decisions can be made on it.
staff-back-to-case = Back to the case
staff-holder = Certificate holder
staff-suspend-link = Suspend
staff-lift-link = Lift suspension
staff-withdraw-link = Withdraw
staff-scope-link = Reduce scope
staff-suspend-heading = Suspend certificate
staff-lift-heading = Lift suspension
staff-withdraw-heading = Withdraw certificate
staff-scope-heading = Reduce scope
staff-suspend-warning = The certificate becomes Suspended until the date you enter and is not valid in the meantime. The holder gets a decision letter with your reason. When the end date is reached, the certificate is listed in the queue Suspensions reaching their end, where a decision maker lifts the suspension or withdraws the certificate.
staff-lift-warning = The suspension is lifted and the certificate becomes Active again. The holder gets a decision letter with your reason.
staff-withdraw-warning = The certificate is withdrawn for good and cannot be made active again. The holder gets a decision letter with your reason. The decision cannot be undone here.
staff-scope-warning = The certificate stays valid, but only within the reduced scope you describe. The text is shown with the certificate and the holder gets a decision letter with your reason.
staff-suspend-submit = Suspend the certificate
staff-lift-submit = Lift the suspension
staff-withdraw-submit = Withdraw the certificate
staff-scope-submit = Reduce the scope
staff-field-suspend-until = Suspended until
staff-hint-suspend-until = The last day of the suspension, as year-month-day. At the latest { $latest } (at most six months).
staff-hint-scope = Describe what the certificate covers from now on. The text is shown with the certificate.
staff-hint-decision-reason = Explain why you make this decision. The holder gets the reason in the decision letter.
staff-err-decision-reason-empty = Write a reason for the decision.
staff-err-suspend-until-empty = Enter the date the certificate is suspended until, for example 2027-03-31.
staff-err-suspend-until-format = Enter the date as year-month-day, for example 2027-03-31.
staff-err-scope-empty = Describe the reduced scope.
flash-staff-certificate-suspended = The certificate is suspended and the holder has received a decision letter.
flash-staff-suspension-lifted = The suspension is lifted and the holder has received a decision letter.
flash-staff-certificate-withdrawn = The certificate is withdrawn and the holder has received a decision letter.
flash-staff-scope-reduced = The scope is reduced and the holder has received a decision letter.
staff-suspensions-heading = Suspensions reaching their end
staff-suspensions-intro = Suspended certificates whose end date has been reached. Nothing happens to them without a decision: a decision maker lifts the suspension or withdraws the certificate. The longest overdue comes first.
staff-suspensions-none = No suspension has reached its end date.
staff-suspensions-waiting = { $n ->
    [one] { $n } suspension has reached its end date
   *[other] { $n } suspensions have reached their end date
}
staff-suspensions-card = Suspended certificates whose end date has been reached and that are waiting for a decision.
staff-open-case-link = Open the case
staff-recert-notice = This case recertifies certificate { $number }. The certificate keeps its number.
staff-recert-old-valid-until = Current valid until
staff-recert-valid-until-hint = Valid until becomes the current valid until plus the certificate's validity, { $years } years, so recertifying early shortens nothing. The date is calculated and cannot be changed here.
staff-decision-made-issued = A decision has been made in this case: the certificate is issued. Decisions on the certificate after issue are made under Decisions after issue below.
