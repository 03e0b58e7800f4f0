mail-verify-subject = Confirm your e-mail address
mail-verify-body =
    Hello { $name },

    You have created an account in the certification portal. Confirm your e-mail address by opening the link below. The link works for 48 hours and only once.

    { $link }

    If you did not create an account, you can ignore this message.
mail-already-registered-subject = Someone tried to create an account with your details
mail-already-registered-body =
    Hello { $name },

    Someone just tried to create a new account with your personal identity number or your e-mail address. You already have an account, so no new account was created.

    Was it you? Log in here: { $login }
    Forgotten your password? Choose a new one here: { $reset }

    If it was not you, you need not do anything.
mail-reset-subject = Choose a new password
mail-reset-body =
    Hello { $name },

    We have received a request to change the password of your account. Open the link below to choose a new password. The link works for one hour and only once.

    { $link }

    If you did not ask to change your password, you can ignore this message. Your password is unchanged.

## The certificate's life after issue
mail-annual-open-subject = Time for the yearly renewal of certificate { $number }
mail-annual-open-body =
    Hello { $name },

    The yearly renewal of your certificate { $certificate } (number { $number }) is due by { $due }.

    If you are employed, your employer's administrator attests that you work in the field. If you are self-employed, you attest it yourself on the certificate's page:
    { $link }

    If it is not attested in time, the certificate becomes inactive.
mail-annual-open-employer-subject = Yearly renewal for { $holder }
mail-annual-open-employer-body =
    Hello { $name },

    The yearly renewal of the certificate { $certificate } (number { $number }) of { $holder } at { $company } is due by { $due }.

    Attest it on the company page under Yearly renewal:
    { $link }
mail-certificate-lapsed-subject = Certificate { $number } is inactive
mail-certificate-lapsed-body =
    Hello { $name },

    The yearly renewal of your certificate { $certificate } (number { $number }), due by { $due }, has not come in. The certificate is therefore inactive.

    It becomes active again once the renewal is attested:
    { $link }
mail-certificate-lapsed-employer-subject = The certificate of { $holder } is inactive
mail-certificate-lapsed-employer-body =
    Hello { $name },

    The yearly renewal of the certificate { $certificate } (number { $number }) of { $holder } at { $company }, due by { $due }, has not come in. The certificate is therefore inactive.

    It becomes active again once the renewal is attested on the company page:
    { $link }
mail-recertification-open-subject = Time to recertify certificate { $number }
mail-recertification-open-body =
    Hello { $name },

    Your certificate { $certificate } (number { $number }) is valid until { $valid_until }. You can now apply for recertification. The certificate keeps its number and the new validity counts from { $valid_until }, so applying early loses nothing.

    Apply on the certificate's page:
    { $link }
mail-decision-suspend-subject = Decision: certificate { $number } is suspended
mail-decision-suspend-body =
    Hello { $name },

    The certification body has decided to suspend your certificate { $certificate } (number { $number }) until { $until }. While suspended, the certificate is not valid.

    Reason:
    { $reason }

    You can appeal against the decision within two months of receiving it. Write to us with the certificate number and why you think the decision should be changed.

    See the certificate here:
    { $link }
mail-decision-lift-subject = Decision: the suspension of certificate { $number } is lifted
mail-decision-lift-body =
    Hello { $name },

    The certification body has decided to lift the suspension of your certificate { $certificate } (number { $number }). The certificate is active again.

    Reason:
    { $reason }

    You can appeal against the decision within two months of receiving it. Write to us with the certificate number and why you think the decision should be changed.

    See the certificate here:
    { $link }
mail-decision-withdraw-subject = Decision: certificate { $number } is withdrawn
mail-decision-withdraw-body =
    Hello { $name },

    The certification body has decided to withdraw your certificate { $certificate } (number { $number }). The certificate is no longer valid.

    Reason:
    { $reason }

    You can appeal against the decision within two months of receiving it. Write to us with the certificate number and why you think the decision should be changed.

    See the certificate here:
    { $link }
mail-decision-reduce-scope-subject = Decision: the scope of certificate { $number } is reduced
mail-decision-reduce-scope-body =
    Hello { $name },

    The certification body has decided to reduce the scope of your certificate { $certificate } (number { $number }).

    The scope is now:
    { $scope }

    Reason:
    { $reason }

    You can appeal against the decision within two months of receiving it. Write to us with the certificate number and why you think the decision should be changed.

    See the certificate here:
    { $link }

## Exams
mail-exam-booked-subject = Booked: { $exam } { $date }
mail-exam-booked-body =
    Hello { $name },

    You are booked on { $exam }.

    Date: { $date } at { $time }
    Exam centre: { $centre }
    Place: { $place }

    Bring: { $bring }

    You can cancel up to and including { $last_cancel_day }:
    { $link }
mail-exam-cancelled-subject = Cancelled: { $exam } { $date }
mail-exam-cancelled-body =
    Hello { $name },

    Your booking of { $exam } on { $date } at { $centre } is cancelled.

    See your exams here:
    { $link }
mail-exam-result-subject = Exam result: { $exam } – { $outcome }
mail-exam-result-body =
    Hello { $name },

    The result of { $exam } on { $date } at { $centre } is fixed.

    Result: { $outcome }
    Points: { $points } of { $max_points }

    See your exams here:
    { $link }
