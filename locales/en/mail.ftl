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
mail-missed-line = { $sender } in { $chat }, { $when } UTC:
mail-missed-open = Open it
mail-missed-why = You get this mail because you were mentioned or written to while away.
mail-missed-off = Turn these mails off on your account page, or here: { $url }
mail-missed-off-html = Turn these mails off on your account page, or { $link }.
mail-missed-unsubscribe = unsubscribe
