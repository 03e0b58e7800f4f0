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
