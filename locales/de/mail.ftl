# natters E-Mails, Deutsch.
mail-hello = Hallo,
mail-hello-name = Hallo { $name },
mail-reset-subject = Neues Passwort für natter festlegen
mail-reset-asked = jemand (hoffentlich du) hat ein neues Passwort für dein Konto bei { $site } angefordert.
mail-reset-open = Öffne diesen Link innerhalb { $hours ->
    [one] einer Stunde
   *[other] von { $hours } Stunden
  }, um eines zu wählen; er funktioniert nur einmal:
mail-reset-after = Damit wirst du überall sonst abgemeldet. Wenn du das nicht angefordert hast, ignoriere diese E-Mail: Dein Passwort bleibt, wie es ist.
mail-confirm-subject = Bestätige deine Adresse für natter
mail-confirm-given = diese Adresse wurde für ein Konto bei { $site } angegeben.
mail-confirm-open = Wenn das dein Konto ist, melde dich dort an und öffne diesen Link innerhalb { $hours ->
    [one] einer Stunde
   *[other] von { $hours } Stunden
  }, um die Adresse zu bestätigen; er funktioniert nur einmal:
mail-confirm-after = Wenn du dort kein Konto angelegt hast, ignoriere diese E-Mail: Die Adresse bleibt unbestätigt, bekommt von dort keine weiteren E-Mails und wird niemandem zugeordnet.
mail-invite-subject = { $inviter } lädt dich zu natter ein
mail-invite-body = { $inviter } lädt dich in den Team-Chat bei { $site } ein.
mail-invite-open = Öffne diesen Link, um dein Konto anzulegen:
mail-missed-subject = Du hast { $count ->
    [one] 1 Nachricht
   *[other] { $count } Nachrichten
  } bei natter verpasst
mail-missed-intro = du hast { $count ->
    [one] 1 ungelesene Nachricht
   *[other] { $count } ungelesene Nachrichten
  } bei { $site }:
mail-missed-line = { $sender } in { $chat }, { $when } ({ $zone }):
mail-missed-when = { $day }.{ $month }.{ $year }, { $hour }:{ $minute }
mail-missed-open = Öffnen
mail-missed-why = Du bekommst diese E-Mail, weil du erwähnt oder angeschrieben wurdest, während du weg warst.
mail-missed-off = Schalte diese E-Mails auf deiner Kontoseite ab oder hier: { $url }
mail-missed-off-html = Schalte diese E-Mails auf deiner Kontoseite ab oder { $link }.
mail-missed-unsubscribe = melde sie hier ab
mail-codes-subject = Falsche Zwei-Faktor-Codes für dein natter-Konto
mail-codes-typed = jemand hat sich mit deinem Passwort bei deinem Konto auf { $site } angemeldet und dann { $count } falsche Zwei-Faktor-Codes hintereinander eingegeben.
mail-codes-held-for-good = Codes werden für dein Konto nicht mehr geprüft, bis du dich mit einem Wiederherstellungscode anmeldest oder ein neues Passwort festlegst.
mail-codes-held-a-while = Codes werden für dein Konto eine Weile nicht geprüft, und nach jedem weiteren falschen Code länger.
mail-codes-not-you = Warst du das nicht, kennt jemand dein Passwort: Lege ein neues fest („Passwort vergessen?“ auf der Anmeldeseite), das hebt auch die Sperre auf. Ein Wiederherstellungscode meldet dich weiterhin an.
mail-reminder-subject = Erinnerung: eine Nachricht in { $chat }
mail-reminder-asked = Du wolltest an diese Nachricht in { $chat } erinnert werden:
mail-reminder-a-file = eine Datei
mail-test-subject = natter kann E-Mails senden
mail-test-body = Diese E-Mail hat natter auf { $site } gesendet, um seine E-Mail-Einstellungen zu prüfen.
mail-page-title = natter: E-Mail
mail-page-ask = E-Mails über verpasste Nachrichten abbestellen?
mail-page-stop = Diese E-Mails abbestellen
mail-page-again = Du kannst sie auf deiner Kontoseite wieder einschalten.
mail-page-done = Erledigt
mail-page-stopped = Du bekommst keine E-Mails über verpasste Nachrichten mehr. Du kannst sie auf deiner Kontoseite wieder einschalten.
mail-page-not-ours = Dieser Link stammt nicht von natter
mail-page-not-ours-what = Öffne den Link aus der E-Mail selbst oder schalte diese E-Mails auf deiner Kontoseite aus.
mail-reminder-direct = einer Direktnachricht
