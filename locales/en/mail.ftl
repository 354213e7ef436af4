# natter's mail, English. Each sentence is plain text; the HTML part is written around
# it with every value escaped. `$site` is the server's address, `$hours` a count.
mail-hello = Hello,
mail-hello-name = Hello { $name },
mail-reset-subject = Set a new password for natter
mail-reset-asked = someone (we hope you) asked to set a new password for your account at { $site }.
mail-reset-open = Open this link within { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
  } to choose one; it works once:
mail-reset-after = Setting it signs you out everywhere else. If you did not ask, ignore this mail: your password stays as it is.
mail-confirm-subject = Confirm your address for natter
mail-confirm-given = this address was given for an account at { $site }.
mail-confirm-open = If that account is yours, sign in to it and open this link within { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
  } to confirm the address; it works once:
mail-confirm-after = If you did not make an account there, ignore this mail: the address stays unconfirmed, gets no other mail from there, and is matched to no one.
mail-invite-subject = { $inviter } invites you to natter
mail-invite-body = { $inviter } invites you to the team's chat at { $site }.
mail-invite-open = Open this link to make your account:
mail-missed-subject = You missed { $count ->
    [one] 1 message
   *[other] { $count } messages
  } at natter
mail-missed-intro = you have { $count ->
    [one] 1 message
   *[other] { $count } messages
  } you have not read at { $site }:
mail-missed-line = { $sender } in { $chat }, { $when } ({ $zone }):
mail-missed-when = { $year }-{ $month }-{ $day } { $hour }:{ $minute }
mail-missed-open = Open it
mail-missed-why = You get this mail because you were mentioned or written to while away.
mail-missed-off = Turn these mails off on your account page, or here: { $url }
mail-missed-off-html = Turn these mails off on your account page, or { $link }.
mail-missed-unsubscribe = unsubscribe
mail-codes-subject = Wrong two-factor codes for your natter account
mail-codes-typed = someone signed in to your account at { $site } with your password, then typed { $count } wrong two-factor codes in a row.
mail-codes-held-for-good = Codes are no longer checked for your account until you sign in with a recovery code or set a new password.
mail-codes-held-a-while = Codes are not checked for your account for a while now, and for longer after each further wrong code.
mail-codes-not-you = If this was not you, someone knows your password: set a new one ("Forgot password?" on the sign-in page), which also ends the hold. A recovery code still signs you in.
mail-reminder-subject = Reminder: a message in { $chat }
mail-reminder-asked = You asked to be reminded of this message in { $chat }:
mail-reminder-a-file = a file
mail-test-subject = natter can send mail
mail-test-body = This mail was sent by natter at { $site } to check its mail settings.
mail-page-title = natter: mail
mail-page-ask = Stop mails about missed messages?
mail-page-stop = Stop these mails
mail-page-again = You can turn them on again on your account page.
mail-page-done = Done
mail-page-stopped = You will get no more mails about missed messages. You can turn them on again on your account page.
mail-page-not-ours = This link is not natter's
mail-page-not-ours-what = Open the link from the mail itself, or turn these mails off on your account page.
mail-reminder-direct = a direct message
