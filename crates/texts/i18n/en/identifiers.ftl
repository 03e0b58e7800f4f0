# Error messages for personal identity numbers, organisation numbers, postcodes and passwords.
# The ids come from domain::identifiers::IdError, domain::password::PasswordError and
# domain::text::TextError (free text in every form).

err-identifier-empty = This field is empty. Fill it in before you continue.

err-personnummer-format = Enter a personal identity number with 10 or 12 digits, for example 19850612-2384.
err-personnummer-date = The personal identity number contains a date that does not exist or lies in the future. Check the date of birth.
err-personnummer-checksum = The check digit does not match. Check that you have entered the correct personal identity number.

err-orgnr-format = Enter an organisation number with 10 digits, for example 556012-5790.
err-orgnr-third-digit = This looks like a personal identity number. Enter the organisation's organisation number; its third digit is 2 or higher.
err-orgnr-checksum = The check digit does not match. Check that you have entered the correct organisation number.

err-postnummer-format = Enter a postcode with five digits, for example 111 22.
err-postal-code-too-long = The postcode can be at most 20 characters long.

err-password-too-short = The password must be at least 12 characters long. A few words separated by spaces are easy to remember.
err-password-too-long = The password may be at most 256 characters long.
err-password-common = This password is too common or too easy to guess. Choose another one, for example a few unrelated words.
err-password-personal-info = The password must not contain your name or e-mail address. Choose another one.

err-text-too-long = The text can be at most { $max } characters long.
err-text-line-break = The text must be on one line. Remove the line break.
err-text-invisible = The text contains an invisible or control character, such as a zero-width character or one that reverses the writing direction. Type the text instead of pasting it.
