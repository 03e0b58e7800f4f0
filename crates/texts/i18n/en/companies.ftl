# Companies, employments and the company certificate.
employment-new = New employment
employment-new-heading = New employment
employment-new-intro = Give the company's organisation number and when you started there. A request goes to the company's administrators, who confirm your employment.
field-company = Company
field-company-name = Company name
field-start-date = Start date
field-end-date = End date
hint-date = For example 2026-03-01.
hint-orgnr = Ten digits, for example 556012-5790.
col-orgnr = Organisation number
employments-why = Link yourself to your company with New employment: it eases the administration of your certificate and keeps the company's company certificate active.
employment-status-pending = Awaiting confirmation
employment-status-confirmed = Confirmed
employment-status-rejected = Declined
employment-status-ended = Ended
employment-end = End employment
employment-end-warning = The employment { $person } – { $company } ends. Certificates that keep the company certificate active no longer count for the company.
employment-confirm = Confirm
employment-reject = Decline
err-company-not-found-employment = No registered company has that organisation number. Search by the full organisation number.
err-start-date-empty = Enter the start date.
err-start-date-far = The start date is too far ahead. Give when you started, or start within a year.
err-date-format = Enter a date as year-month-day, for example 2026-03-01.
err-date-range = Enter a date between the years 1900 and 2100, as year-month-day with four digits for the year.
err-employment-open = You already have an employment or a waiting request at this company.
err-employment-not-confirmed = The employment is not confirmed and cannot be ended.
err-employment-not-pending = The request has already been answered.
err-end-before-start = The end date cannot be before the start date.
err-end-in-future = The end date cannot be in the future. End the employment once it has ended.
err-grant-not-employee = Only a confirmed employee of the company can become an administrator.
err-admin-already = The person already administers the company.
err-company-name-empty = Enter the company's name.
err-company-exists = A company with that organisation number already exists.
err-admin-email-unknown = No account has that e-mail address, or the person is already an administrator. The person must register an account first.
error-forbidden-company-admin = Only the company's administrators can do this.
flash-employment-requested = Your request has been sent to the company's administrators.
flash-employment-confirmed = The employment is confirmed.
flash-employment-rejected = The request is declined.
flash-employment-ended = The employment has ended.
flash-admin-granted = The administrator has been appointed.
flash-admin-removed = The administrator has been removed.
flash-company-created = The company has been registered.
flash-company-saved = The company's details have been saved.
companies-you-administer = Companies you administer
company-page = Company page
company-certificate = Company certificate
company-standing-none = Not active
company-standing-active = Active
company-standing-at_risk = At risk
company-no-holders = No employee currently holds a certificate that keeps the company certificate active.
company-kept-active-by = Kept active by:
company-pending = Employment requests
company-no-pending = No requests are waiting.
company-current = Employees
company-no-current = No confirmed employees.
company-former = Former and declined
company-no-former = No former employees.
company-certificates = The employees' certificates
company-no-certificates = The employees have no issued certificates.
company-admins = Company administrators
company-no-admins = The company has no administrator yet.
company-kept-active-more = and more
company-certificates-on-page = The certificates of the employees on the page above. Page through the employees to see more.
company-grant-submit = Appoint administrator
company-admin-remove = Remove
company-admin-email = E-mail address of the new administrator
hint-admin-email = The person must have an account.
company-address = Address
admin-companies = Companies
admin-company-new = Register company
admin-no-companies = No companies are registered yet.
at-risk-heading = Companies whose company certificate is at risk
at-risk-intro = The companies below no longer have a confirmed employee with an active certificate that keeps the company certificate active.
at-risk-none = No companies are at risk.
at-risk-since = Since
nav-at-risk = Companies at risk
event-employment-requested = Employment requested
event-employment-confirmed = Employment confirmed
event-employment-rejected = Employment declined
event-employment-ended = Employment ended
event-company-updated = Company details changed
event-company-admin-removed = Company administrator removed
event-company-certificate-active = The company certificate is active
event-company-certificate-at-risk = The company certificate is at risk
invoice-based-on-employment = Based on your employment
mail-employment-requested-subject = New employment request: { $person }
mail-employment-requested-body =
    Hello { $name },

    { $person } has asked to be linked to { $company } as an employee. Log in and confirm or decline the request on the company page:

    { $link }
mail-employment-confirmed-subject = Your employment is confirmed
mail-employment-confirmed-body =
    Hello { $name },

    { $company } has confirmed your employment.

    { $link }
mail-employment-rejected-subject = Your employment request was declined
mail-employment-rejected-body =
    Hello { $name },

    { $company } has declined your employment request. Contact the company if you think this is a mistake.

    { $link }
mail-company-at-risk-subject = The company certificate of { $company } is at risk
mail-company-at-risk-body =
    Hello { $name },

    { $company } no longer has a confirmed employee with an active certificate that keeps the company certificate active. Review employments and certificates on the company page:

    { $link }
employments-empty = You have no employments registered yet.
at-risk-card = Companies whose last employee with a qualifying certificate has left or lost the certificate.
home-card-company = Company page: confirm employments and see the company certificate.
company-admin-remove-heading = Remove company administrator
company-admin-remove-warning = { $person } will no longer be able to confirm employments or see the company page of { $company }.
company-admin-remove-submit = Remove the administrator
admin-company-search = Search companies by name or organisation number

## Annual renewal on the company page
annual-company-none = No employee's annual renewal is open right now.
annual-company-intro = The employees below need their annual renewal attested. Select those who work professionally for you and click Attest.
annual-company-legend = Employees to attest
annual-select-all = Select all
annual-col-select = Select
annual-col-due = Due date
annual-own = Attested by another administrator
annual-attest-submit = Attest
annual-confirm-heading = Attest annual renewal
annual-confirm-meaning = By attesting you confirm that the people below work professionally in their certificates' fields at { $company }. The attestation is recorded in your name. An inactive certificate becomes active again.
annual-confirm-count = { $n ->
    [one] { $n } certificate
   *[other] { $n } certificates
}
err-annual-none-selected = Select at least one employee to attest.
err-annual-too-many = Too many certificates at once. Attest at most one page at a time.
flash-annual-attested-employer = The annual renewal is attested.
