# Page frame and menus
skip-to-content = Skip to content
nav-main = Main menu
nav-show-person = Show person
nav-logout = Log out
nav-login = Log in
nav-register = Create account
nav-certificates = Certificates
nav-employments = Employments
nav-exams = Exams
nav-events = Event log
nav-staff = Case handling
nav-admin = Administration

# Common
cancel = Cancel
save = Save
hits = { $n ->
    [one] { $n } result
   *[other] { $n } results
}
pager-label = Pages
pager-prev = Previous
pager-next = Next
col-when = When
col-what = Event
col-who = By

# Errors
error-summary-title = There is a problem
error-prefix = Error:
error-go-home = Go to the start page
error-go-back = Go back
error-heading-not-found = Page not found
error-heading-forbidden = You do not have permission
error-heading-too-large = Request too large
error-heading-bad-request = Bad request
error-bad-request = The request could not be read. Go back and try again, or start over from the home page.
error-heading-internal = Something went wrong
error-not-found = The page you looked for does not exist, or you do not have access to it. Check the address.
error-forbidden-staff = This page is for the certification body's case officers.
error-forbidden-decision = Only a decision maker can make this decision.
error-forbidden-admin = This page is for administrators.
error-csrf = The form could not be sent because too much time has passed or it came from another site. Go back, reload the page and try again.
error-internal = A technical error occurred. Try again in a moment. Nothing you sent has been saved.
error-too-large = What you sent is too large. Shorten the text or choose a smaller file.
err-too-long-100 = The text can be at most 100 characters long.
err-first-name-empty = Enter your first name.
err-last-name-empty = Enter your last name.
err-email-empty = Enter your e-mail address.
err-email-format = Enter an e-mail address in the correct format, like name@example.com.
err-login-empty = Enter both your e-mail address and your password.
err-login-wrong = Wrong e-mail address or password. Check them and try again.
err-login-throttled = Too many failed attempts to log in. Wait 15 minutes and try again, or reset your password.
err-login-throttled-client = Too many failed attempts to log in from your connection. Wait 15 minutes and try again.
err-login-unverified = You must confirm your e-mail address before you can log in. Click the link in the e-mail we sent you.
err-current-password = The current password is not correct.
err-link-unusable = The link has already been used or has expired. Ask for a new link.
err-account-exists = An account with that e-mail address or personnummer already exists.

# Messages after an action
flash-email-verified = Your e-mail address is confirmed. You can now log in.
flash-verify-resent = If the account exists and is not confirmed, we have sent a new link.
flash-logged-out = You are logged out.
flash-password-reset = Your password has been changed. Log in with the new password.
flash-profile-saved = Your details have been saved.
flash-password-changed = Your password has been changed.

# Start page
home-heading = Welcome to the certification portal
home-intro = Here you apply for certificates, upload evidence, link yourself to your employer and follow your case.
home-no-account = No account yet?
home-heading-user = Start page
home-welcome = Welcome, { $name }.
home-card-certificates = Your certificates and applications. Apply for a new certificate.
home-card-employments = Link yourself to your company and see your employments.
home-card-exams = Your exams and results.
home-card-events = Everything that has happened in your cases.
home-card-staff = Review moments and make the final review of applications.

# Account
register-heading = Create account
register-intro = You need a person account to apply for a certificate. Fields marked * are required.
register-submit = Create account
register-have-account = Already have an account?
register-sent-heading = Confirm your e-mail address
register-sent-text = We have sent an e-mail with a link to the address you gave. Click the link to confirm the address, then you can log in. The link works for 48 hours.
field-personnummer = Personal identity number
hint-personnummer = 12 digits, for example 19850612-2384. A co-ordination number also works.
field-first-name = First name
field-last-name = Last name
field-name = Name
field-email = E-mail address
field-password = Password
field-new-password = New password
field-current-password = Current password
hint-password = At least 12 characters. A few words with spaces are easy to remember and hard to guess.
verify-failed-heading = The link does not work
verify-failed-text = The link has already been used or has expired. Enter your e-mail address and we will send a new link.
verify-resend-submit = Send a new link
login-heading = Log in
login-submit = Log in
login-forgot = Forgotten your password?
login-unverified-heading = Your e-mail address is not confirmed
login-unverified-text = Click the link in the e-mail we sent when you registered. If you cannot find it, we can send a new link.
forgot-heading = Forgotten password
forgot-intro = Enter your account's e-mail address and we will send a link where you choose a new password. The link works for one hour.
forgot-submit = Send link
forgot-sent-heading = Check your e-mail
forgot-sent-text = If there is an account with that address, we have sent a link to choose a new password. The link works for one hour and only once.
reset-heading = Choose a new password
reset-submit = Save new password
reset-invalid = The link has already been used or has expired. Ask for a new link.

# Show person
profile-heading = Show person
profile-details-heading = Your details
profile-address-legend = Private address
profile-address-hint = Used when you choose "Me personally" as invoice recipient.
field-phone = Phone number
field-address-line1 = Address line 1
field-address-line2 = Address line 2
field-postal-code = Postcode
field-city = City
field-country = Country
field-language = Language for e-mail
hint-language = The language we write to you in.
profile-password-heading = Change password
profile-password-submit = Change password

# Event log
events-empty = No events yet.
event-actor-system = The system
event-account-registered = Account registered
event-email-verified = E-mail address confirmed
event-password-reset = Password reset
event-password-changed = Password changed
event-profile-updated = Personal details changed

# Sections filled by later parts
exams-empty = You have no exams.
error-forbidden-examiner = Only the exam centre's examiners and the certification body's staff can do this.
err-examiner-unknown = There is no account with that e-mail address.
err-examiner-already = The person is an examiner at the exam centre already.
