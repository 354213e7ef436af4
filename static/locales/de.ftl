# Die Wörter des Web-Clients, Deutsch (Du-Form, wie Slack und Zulip auf Deutsch).

account-account = Konto
account-account-email-password-and-where = Konto: E-Mail, Passwort und wo du angemeldet bist
account-admin = Verwaltung
account-admin-people-invitations-bots-and = Verwaltung: Personen, Einladungen, Bots und das Protokoll
account-administration = Verwaltung
account-could-not-sign-out-message = Abmelden fehlgeschlagen: { $message }
account-desktop-notifications = Desktop-Benachrichtigungen
account-desktop-notifications-are-on = Desktop-Benachrichtigungen sind an
account-notifications-are-blocked-in-the = Benachrichtigungen sind im Browser blockiert (deine Kontoseite erklärt, wie du sie freigibst)
account-set-a-status = Status festlegen
account-sign-out = Abmelden
account-sound-for-new-messages = Ton bei neuen Nachrichten
account-sound-for-new-messages-is = Ton bei neuen Nachrichten ist an
account-this-browser-cannot-show-notifications = Dieser Browser kann keine Benachrichtigungen anzeigen
account-turn-on-a-sound-for = Ton bei neuen Nachrichten einschalten
account-turn-on-desktop-notifications = Desktop-Benachrichtigungen einschalten
account-your-account = Dein Konto
account-your-profile-prefix = Dein Profil:
account-your-profile-username-2 = Dein Profil (@{ $username })
accountpage-a-confirmation-link-is-on = Ein Bestätigungslink ist unterwegs: Öffne ihn, während du hier angemeldet bist.
accountpage-change-password = Passwort ändern
accountpage-changing-it-signs-you-out = Eine Änderung meldet dich überall sonst ab; dieser Browser bleibt angemeldet.
accountpage-could-not-load-your-account = Dein Konto konnte nicht geladen werden: { $message }
accountpage-current-password = Aktuelles Passwort
accountpage-display-name = Anzeigename
accountpage-download-my-data = Meine Daten herunterladen
accountpage-email = E-Mail
accountpage-enter-a-valid-email-address = Gib eine gültige E-Mail-Adresse ein.
accountpage-enter-your-current-password = Gib dein aktuelles Passwort ein.
accountpage-name-and-email = Name und E-Mail
accountpage-new-password = Neues Passwort
accountpage-password = Passwort
accountpage-password-changed = Passwort geändert.
accountpage-password-changed-ended = Passwort geändert. { $n ->
    [one] Eine andere Anmeldung wurde
   *[other] { $n } andere Anmeldungen wurden
  } beendet.
accountpage-save = Speichern
accountpage-saved = Gespeichert.
accountpage-send-a-new-link = Neuen Link senden
accountpage-set-password = Passwort festlegen
accountpage-storage-used-of-filesize-used = Speicher: { $used } von { $fileSize } belegt.
accountpage-storage-used-used-no-limit = Speicher: { $used } belegt (ohne Grenze).
accountpage-the-new-password-again = Das neue Passwort noch einmal
accountpage-use-at-most-150-characters = Höchstens 150 Zeichen.
accountpage-your-account = Dein Konto
accountpage-your-account-the-chats-you = Dein Konto, die Chats, in denen du bist, jede Nachricht, die du gesendet hast, und die Dateien, die du hochgeladen hast, als ZIP.
accountpage-your-data = Deine Daten
accountpage-your-username-is-username-others = Dein Benutzername ist @{ $username }. Andere sehen stattdessen deinen Anzeigenamen, wenn du einen hast.
admin-administration = Verwaltung
admin-administration-pages = Verwaltungsseiten
admin-bots = Bots
admin-could-not-load-the-page = Die Seite konnte nicht geladen werden: { $message }
admin-loading = Wird geladen …
admin-only-administrators-can-see-this = Nur Administratoren können diese Seite sehen.
admin-people-chats-invitations-and-audit = Personen, Chats, Einladungen und Protokoll
adminaudit-audit-log = Protokoll
adminaudit-bot-add-to-chat = { $who } hat den Bot { $person } { $kind ->
    [group] zur Gruppe „{ $title }“
    [room] zum Raum „{ $title }“
   *[other] zum Chat „{ $title }“
  } hinzugefügt
adminaudit-bot-create = { $who } hat den Bot { $person } erstellt
adminaudit-bot-delete = { $who } hat den Bot { $person } gelöscht
adminaudit-bot-remove-from-chat = { $who } hat den Bot { $person } aus { $kind ->
    [group] der Gruppe „{ $title }“
    [room] dem Raum „{ $title }“
   *[other] dem Chat „{ $title }“
  } entfernt
adminaudit-bot-rotate-key = { $who } hat einen neuen Schlüssel für den Bot { $person } erstellt
adminaudit-bot-update = { $who } hat den Bot { $person } geändert
adminaudit-chat-archive = { $who } hat { $kind ->
    [group] die Gruppe „{ $title }“
    [room] den Raum „{ $title }“
   *[other] den Chat „{ $title }“
  } archiviert
adminaudit-chat-default = { $who } hat den Raum „{ $title }“ markiert: Neue starten hier
adminaudit-chat-not-default = { $who } hat die Markierung des Raums „{ $title }“ entfernt: Neue starten nicht mehr hier
adminaudit-chat-remove = { $who } hat { $kind ->
    [group] die Gruppe „{ $title }“
    [room] den Raum „{ $title }“
   *[other] den Chat „{ $title }“
  } gelöscht
adminaudit-chat-remove-member = { $who } hat { $person } aus { $kind ->
    [group] der Gruppe „{ $title }“
    [room] dem Raum „{ $title }“
   *[other] dem Chat „{ $title }“
  } entfernt
adminaudit-chat-unarchive = { $who } hat { $kind ->
    [group] die Gruppe „{ $title }“
    [room] den Raum „{ $title }“
   *[other] den Chat „{ $title }“
  } aus dem Archiv geholt
adminaudit-could-not-read-the-audit = Das Protokoll konnte nicht gelesen werden: { $message }
adminaudit-detail = { $key ->
    [max_uses] max. Verwendungen: { $value }
    [expires_at] läuft ab: { $value }
    [email] E-Mail: { $value }
    [first_administrator] für den ersten Administrator
   *[other] { $key }: { $value }
  }
adminaudit-invitation-create = { $who } hat den Einladungslink { $target } erstellt
adminaudit-invitation-revoke = { $who } hat den Einladungslink { $target } widerrufen
adminaudit-message-remove = { $who } hat eine Nachricht von { $sender } { $kind ->
    [direct] in einem Direktchat
    [group] in der Gruppe „{ $title }“
    [room] im Raum „{ $title }“
   *[other] im Chat „{ $title }“
  } entfernt
adminaudit-none = keine
adminaudit-nothing-yet = Noch nichts.
adminaudit-older-entries = Ältere Einträge
adminaudit-other = { $who }: { $action } { $target }
adminaudit-the-command-line = Die Kommandozeile
adminaudit-user-confirm-email = { $who } hat die E-Mail-Adresse von { $person } bestätigt
adminaudit-user-deactivate = { $who } hat { $person } deaktiviert
adminaudit-user-demote = { $who } hat { $person } als Administrator entfernt
adminaudit-user-password-reset = { $who } hat einen Link zum Zurücksetzen des Passworts für { $person } erstellt
adminaudit-user-promote = { $who } hat { $person } zum Administrator gemacht
adminaudit-user-reactivate = { $who } hat { $person } reaktiviert
adminaudit-user-set-password = { $who } hat das Passwort von { $person } festgelegt
adminbots-a-bot-cannot-sign-in = Ein Bot kann sich nicht anmelden. Programme schreiben als er über seine Hook-URLs (das Format von Slacks eingehenden Webhooks).
adminbots-add = Hinzufügen
adminbots-add-username-to-a-group = @{ $username } zu einer deiner Gruppen oder Räume hinzufügen
adminbots-bot-key = Bot-Schlüssel
adminbots-bots = Bots
adminbots-cancel = Abbrechen
adminbots-could-not-add-it-message = Hinzufügen fehlgeschlagen: { $message }
adminbots-could-not-list-the-bots = Die Bots konnten nicht aufgelistet werden: { $message }
adminbots-could-not-load-the-page = Die Seite konnte nicht geladen werden: { $message }
adminbots-could-not-remove-it-from = Entfernen aus { $name } fehlgeschlagen: { $message }
adminbots-delete = Löschen
adminbots-delete-label-its-key-and = { $label } löschen? Sein Schlüssel und seine Hook-URLs funktionieren sofort nicht mehr und er verlässt seine Chats; seine Nachrichten bleiben.
adminbots-display-name-optional = Anzeigename (optional)
adminbots-edit-webhook = Webhook bearbeiten
adminbots-give-the-bot-a-username = Gib dem Bot einen Benutzernamen.
adminbots-hook-url-of-the-key = Hook-URL des Schlüssels
adminbots-hook-url-of-username-in = Hook-URL von @{ $username } in { $name }
adminbots-i-have-copied-it = Ich habe ihn kopiert
adminbots-in-chats = In { $n ->
    [one] { $n } Chat
   *[other] { $n } Chats
  }
adminbots-in-no-chat-yet = Noch in keinem Chat
adminbots-it-lets-a-program-post = Damit kann ein Programm als der Bot schreiben. Eine Nutzlast an die Hook-URL des Schlüssels muss ihren Kanal nennen; die eigene Hook-URL eines Chats braucht keinen.
adminbots-kind = { $kind ->
    [group] Gruppe
    [room] Raum
    [direct] Direktchat
   *[other] Chat
  }
adminbots-kind-id = { $kind ->
    [group] Gruppe { $id }
    [room] Raum { $id }
    [direct] Direktchat { $id }
   *[other] Chat { $id }
  }
adminbots-label-was-deleted = { $label } wurde gelöscht.
adminbots-leave-it-empty-to-stop = Leer lassen, um Erwähnungen nirgendwohin mehr zu senden.
adminbots-loading = Wird geladen …
adminbots-made-by-username = erstellt von @{ $username }
adminbots-made-longtime = Erstellt { $longTime }
adminbots-make-a-new-key-for = Neuen Schlüssel für { $label } erstellen? Der alte Schlüssel und jede Hook-URL dieses Bots funktionieren sofort nicht mehr.
adminbots-make-bot = Bot erstellen
adminbots-natter-posts-to-it-when = natter sendet dorthin, wenn jemand den Bot erwähnt oder ihm direkt schreibt; die Antwort wird zur Antwort des Bots.
adminbots-new-bot = Neuer Bot
adminbots-new-key = Neuer Schlüssel
adminbots-no-bots-yet = Noch keine Bots.
adminbots-no-other-group-or-room = Keine andere Gruppe und kein anderer Raum von dir
adminbots-no-outgoing-webhook-mentions-are = Kein ausgehender Webhook: Erwähnungen werden nirgendwohin gesendet.
adminbots-only-administrators-can-see-this = Nur Administratoren können diese Seite sehen.
adminbots-outgoing-webhook = Ausgehender Webhook:{" "}
adminbots-outgoing-webhook-url-of-username = URL des ausgehenden Webhooks von @{ $username }
adminbots-outgoing-webhook-url-optional = URL des ausgehenden Webhooks (optional)
adminbots-remove = Entfernen
adminbots-remove-username-from-name = @{ $username } aus { $name } entfernen
adminbots-save = Speichern
adminbots-the-bot = der Bot
adminbots-the-key-of-who-copy = Der Schlüssel von { $who }. Kopiere ihn jetzt: Er wird nicht noch einmal angezeigt.
adminbots-title-kind = { $title } ({ $kind ->
    [group] Gruppe
    [room] Raum
   *[other] Chat
  })
adminbots-username = Benutzername
adminbots-yes-delete = Ja, löschen
adminbots-yes-make-a-new-key = Ja, neuen Schlüssel erstellen
adminchats-active = aktiv { $when }
adminchats-archive = Archivieren
adminchats-archive-kind-title = { $kind ->
    [group] Gruppe
    [room] Raum
   *[other] Chat
  } archivieren: { $title }
adminchats-archived = Archiviert
adminchats-delete = Löschen
adminchats-delete-kind = { $kind ->
    [group] Gruppe löschen
    [room] Raum löschen
   *[other] Chat löschen
  }
adminchats-delete-kind-for-everyone-title = { $kind ->
    [group] Gruppe
    [room] Raum
   *[other] Chat
  } für alle löschen: { $title }
adminchats-delete-this-kind = { $kind ->
    [group] Diese Gruppe löschen?
    [room] Diesen Raum löschen?
   *[other] Diesen Chat löschen?
  }
adminchats-everyone-who-joins-the-server = Alle, die dem Server beitreten, starten in diesem Raum
adminchats-group = Gruppe
adminchats-group-with-no-name = Gruppe ohne Namen
adminchats-groups-and-rooms = Gruppen und Räume
adminchats-members = { $n ->
    [one] { $n } Mitglied
   *[other] { $n } Mitglieder
  }
adminchats-messages = { $n ->
    [one] { $n } Nachricht
   *[other] { $n } Nachrichten
  }
adminchats-more-chats = Weitere Chats
adminchats-newcomers-start-here = Neue starten hier
adminchats-newcomers-start-here-title = Neue starten hier: { $title }
adminchats-no-group-or-room-matches = Keine Gruppe und kein Raum passt.
adminchats-room = Raum
adminchats-search-groups-and-rooms = Gruppen und Räume durchsuchen
adminchats-title = Titel
adminchats-title-is-deleted-for-all = „{ $title }“ wird für alle { $member_count } Mitglieder gelöscht: Er verschwindet aus ihren Listen und niemand kann ihn wieder öffnen.
adminchats-unarchive = Aus dem Archiv holen
adminchats-unarchive-kind-title = { $kind ->
    [group] Gruppe
    [room] Raum
   *[other] Chat
  } aus dem Archiv holen: { $title }
adminemoji-add-emoji = Emoji hinzufügen
adminemoji-added-name = :{ $name }: hinzugefügt.
adminemoji-could-not-add-it-message = Hinzufügen fehlgeschlagen: { $message }
adminemoji-could-not-load-the-emoji = Die Emojis konnten nicht geladen werden: { $message }
adminemoji-could-not-remove-it-message = Entfernen fehlgeschlagen: { $message }
adminemoji-custom-emoji = Eigene Emojis
adminemoji-give-a-name-and-a = Gib einen Namen und ein Bild an.
adminemoji-name = Name
adminemoji-none-yet = Noch keine.
adminemoji-on-this-server = Auf diesem Server
adminemoji-picture-png-jpeg-gif-or = Bild (PNG, JPEG, GIF oder WebP, bis 1 MB)
adminemoji-remove = Entfernen
adminemoji-remove-name = :{ $name }: entfernen
adminemoji-removed-name-messages-that-used = :{ $name }: entfernt. Nachrichten, die es verwendet haben, zeigen seinen Namen.
adminemoji-used-as-name-lower-case = Verwendet als :name: — Kleinbuchstaben, Ziffern, _, - und +.
admininvites-1-day = 1 Tag
admininvites-12-hours = 12 Stunden
admininvites-30-days = 30 Tage
admininvites-30-minutes = 30 Minuten
admininvites-7-days = 7 Tage
admininvites-could-not-list-invitations-message = Die Einladungen konnten nicht aufgelistet werden: { $message }
admininvites-could-not-make-the-invitation = Die Einladung konnte nicht erstellt werden: { $value }
admininvites-could-not-revoke-it-message = Widerrufen fehlgeschlagen: { $message }
admininvites-enter-a-whole-number-of = Gib eine ganze Zahl ab 1 ein oder lass das Feld leer für keine Grenze.
admininvites-expired = Abgelaufen
admininvites-expires-after = Läuft ab nach
admininvites-expires-longtime = läuft am { $longTime } ab
admininvites-how-many-accounts-it-can = Wie viele Konten damit erstellt werden können; leer für keine Grenze.
admininvites-invitation-made-send-this-link = Einladung erstellt. Sende diesen Link: { $describe }.
admininvites-invitation-revoked-its-link-no = Einladung widerrufen: Ihr Link funktioniert nicht mehr.
admininvites-invitations = Einladungen
admininvites-made-by-username = erstellt von @{ $username }
admininvites-made-so-far = Bisher erstellt
admininvites-make-invitation = Einladung erstellen
admininvites-never = Nie
admininvites-never-expires = läuft nie ab
admininvites-none-yet = Noch keine.
admininvites-not-valid = Ungültig
admininvites-revoke = Widerrufen
admininvites-revoke-invitation-code = Einladung { $code } widerrufen
admininvites-revoked = Widerrufen
admininvites-sent-by-mail = Der Link wurde per E-Mail an { $list } gesendet.
admininvites-used-no-limit = { $n ->
    [one] { $n }-mal
   *[other] { $n }-mal
  } verwendet, ohne Grenze
admininvites-used-up = Aufgebraucht
admininvites-used-used-of-max-uses = { $used } von { $max_uses } verwendet
admininvites-uses = Verwendungen
admininvites-valid = Gültig
adminpeople-active = Aktiv
adminpeople-administrator = Administrator
adminpeople-deactivate = Deaktivieren
adminpeople-deactivated = Deaktiviert
adminpeople-email-unconfirmed = E-Mail unbestätigt
adminpeople-last-seen-longtime = Zuletzt gesehen { $longTime }
adminpeople-last-seen-shorttime = zuletzt gesehen { $shortTime }
adminpeople-make-admin = Zum Admin machen
adminpeople-more-people = Weitere Personen
adminpeople-name-username-or-email = Name, Benutzername oder E-Mail
adminpeople-never-seen = nie gesehen
adminpeople-no-mail-with-messages-goes = An diese Adresse gehen keine E-Mails mit Nachrichten; kein Import und kein Anmeldeanbieter ordnet sie zu
adminpeople-nobody-matches = Niemand passt.
adminpeople-people = Personen
adminpeople-reactivate = Reaktivieren
adminpeople-remove-admin = Admin entfernen
adminpeople-reset-password = Passwort zurücksetzen
adminpeople-search-people = Personen suchen
adminpeople-send-link = Sende diesen Link an { $name }; er funktioniert einmal.
adminpeople-send-link-until = Sende diesen Link an { $name }; er funktioniert einmal, bis { $until }.
adminpeople-the-server-sent-no-link = Der Server hat keinen Link gesendet.
adminpeople-you = Du
api-correct-fields = Bitte korrigiere die markierten Felder.
api-forbidden = Das darfst du nicht.
api-not-found = Nicht gefunden.
api-offline = Der Server ist nicht erreichbar. Prüfe deine Verbindung.
api-request-failed = Anfrage fehlgeschlagen ({ $status }).
api-server-problem = Der Server hatte ein Problem. Bitte versuche es noch einmal.
api-sign-in = Bitte melde dich an.
api-too-large = Das ist zu groß für den Server.
api-too-many-attempts = Zu viele Versuche aus deinem Netzwerk. Versuche es in etwa einer Minute noch einmal.
api-too-many-requests = Zu viele Anfragen. Warte einen Moment und versuche es noch einmal.
api-upload-cancelled = Hochladen abgebrochen.
app-chats-and-search = Chats und Suche
app-connecting = Verbinde …
app-connection-lost-reconnecting = Verbindung verloren – verbinde neu …
app-dismiss = Schließen
app-mentions = Erwähnungen
app-mentions-n-unread = Erwähnungen, { $n } ungelesen
app-new-group = Neue Gruppe
app-new-message = Neue Nachricht
app-new-message-from-title = Neue Nachricht von { $title }
app-online = Online
app-open = Öffnen
app-reminder = Erinnerung
app-rooms = Räume
app-sent-a-file = hat eine Datei gesendet
app-that-message-is-not-available = Diese Nachricht ist nicht verfügbar: Sie wurde gelöscht oder du bist nicht in ihrem Chat.
app-who-in-a-thread-in = { $who } in einem Thread in { $chat }
app-who-in-chat = { $who } in { $chat }
attachments-this-kind-cannot-be-played = { $kind ->
    [audio] Dieses Audio kann hier nicht abgespielt werden; lade es stattdessen herunter.
   *[other] Dieses Video kann hier nicht abgespielt werden; lade es stattdessen herunter.
  }
attachments-view-name = { $name } ansehen
auth-a-username-needs-at-least = Ein Benutzername braucht mindestens ein Zeichen, das keine Ziffer ist.
auth-code-from-your-authenticator-app = Code aus deiner Authenticator-App (oder ein Wiederherstellungscode)
auth-create-account = Konto erstellen
auth-create-an-account = Konto erstellen
auth-create-your-account = Erstelle dein Konto
auth-display-name-optional = Anzeigename (optional)
auth-email = E-Mail
auth-enter-a-valid-email-address = Gib eine gültige E-Mail-Adresse ein.
auth-enter-the-code-from-your = Gib den Code aus deiner Authenticator-App (oder einen Wiederherstellungscode) ein, um die Anmeldung abzuschließen.
auth-enter-the-code-your-authenticator = Gib den Code ein, den deine Authenticator-App zeigt.
auth-enter-your-password = Gib dein Passwort ein.
auth-enter-your-username-or-email = Gib deinen Benutzernamen oder deine E-Mail ein.
auth-forgot-password = Passwort vergessen?
auth-i-already-have-an-account = Ich habe schon ein Konto
auth-invitation-code = Einladungscode
auth-new-accounts-come-from-an = Neue Konten erstellt ein Administrator dieses Servers.
auth-new-here = Neu hier?{" "}
auth-password = Passwort
auth-sign-in = Anmelden
auth-sign-in-to-natter = Bei natter anmelden
auth-that-code-is-wrong-expired = Dieser Code ist falsch, abgelaufen oder schon verwendet.
auth-this-server-has-no-account = Dieser Server hat noch kein Konto. Sein erster Administrator registriert sich über den Link im Log des Servers („the first administrator signs up at …“); alle anderen brauchen eine Einladung von ihm.
auth-this-server-is-by-invitation = Dieser Server ist nur mit Einladung: Bitte einen Administrator um einen Einladungslink und öffne ihn, um dein Konto zu erstellen.
auth-use-1-150-letters-digits = Verwende 1–150 Buchstaben, Ziffern oder die Zeichen @ . + - _.
auth-use-at-least-8-characters = Mindestens 8 Zeichen.
auth-use-at-most-150-characters = Höchstens 150 Zeichen.
auth-username = Benutzername
auth-username-or-email = Benutzername oder E-Mail
auth-wrong-username-or-password = Falscher Benutzername oder falsches Passwort.
auth-you-were-invited-to-natter = Du wurdest zu natter eingeladen. Wähle einen Benutzernamen und ein Passwort, um dein Konto zu erstellen.
auth-your-account-was-created-but = Dein Konto wurde erstellt, aber die Anmeldung ist fehlgeschlagen: { $message }
call-call-controls = Anrufsteuerung
call-call-title = Anruf · { $title }
call-name-you = { $name } (du)
call-camera-off = Kamera aus
call-camera-off-2 = Kamera aus
call-camera-off-turn-on = Kamera aus: einschalten
call-camera-on-turn-off = Kamera an: ausschalten
call-close = Schließen
call-connecting = verbinde …
call-connection-lost = Verbindung verloren …
call-could-not-connect = keine Verbindung möglich
call-leave-the-call = Anruf verlassen
call-microphone-off = Mikrofon aus
call-microphone-off-2 = Mikrofon aus
call-microphone-off-turn-on = Mikrofon aus: einschalten
call-microphone-on-turn-off = Mikrofon an: ausschalten
call-minimise-the-call-it-goes = Anruf minimieren (er läuft weiter)
call-share-your-screen = Bildschirm teilen
call-stop-sharing-your-screen = Bildschirmfreigabe beenden
callbar-call-in-progress-names = Laufender Anruf: { $names }
callbar-join-call = Anruf beitreten
callbar-return-to-call = Zurück zum Anruf
callbar-you-are-in-a-call = Du bist in einem Anruf mit { $names }
callbar-you-are-in-a-call-2 = Du bist in einem Anruf und wartest auf andere
callbar-you-are-in-this-call = Du bist in einem anderen Tab in diesem Anruf, mit { $names }
callbar-you-are-in-this-call-2 = Du bist in einem anderen Tab in diesem Anruf
callrecord-caller-called-duration-with-names = { $caller } hat angerufen · { $duration } · mit { $names }
callrecord-caller-started-a-call-in = { $caller } hat einen Anruf gestartet · läuft
callrecord-floor-h-value-min = { $floor } Std. { $value } Min.
callrecord-missed-call-from-caller = Verpasster Anruf von { $caller }
callrecord-someone = Jemand
callrecord-you = Du
callrecord-you-mid = dir
callrecord-you-called-no-one-answered = Du hast angerufen · niemand hat abgenommen
calls-could-not-connect-to-someone = Keine Verbindung zu jemandem im Anruf; dieser Server hat kein TURN-Relay eingerichtet, daher erreichen sich Personen in verschiedenen Netzwerken womöglich nicht.
calls-could-not-connect-to-someone-2 = Keine Verbindung zu jemandem im Anruf, auch nicht über das Relay des Servers. Prüfe dein Netzwerk und tritt erneut bei.
calls-could-not-reach-the-server-that = Der Server, der Ton und Bild dieses Anrufs überträgt, ist nicht erreichbar. Prüfe dein Netzwerk und tritt erneut bei.
calls-joining-the-call = Trete dem Anruf bei …
calls-reconnecting-to-the-call = Verbinde erneut mit dem Anruf …
calls-screen-sharing-was-cancelled-or = Die Bildschirmfreigabe wurde abgebrochen oder ist hier nicht erlaubt.
calls-someone = Jemand
calls-starting-your-microphone-and-camera = Mikrofon und Kamera werden gestartet …
calls-this-call-is-full-it = Dieser Anruf ist voll: Er hat schon so viele Personen, wie dieser Server in einem Anruf erlaubt. Versuche es wieder, wenn jemand geht.
calls-value-people-in-the-call = { $value } Personen im Anruf
calls-waiting-for-others-to-join = Warte, bis andere beitreten …
calls-waiting-for-the-connection-to = Warte auf die Verbindung zum Server …
calls-who-declined = { $who } hat abgelehnt
calls-who-declined-the-call = { $who } hat den Anruf abgelehnt
calls-who-is-calling-you = { $who } ruft dich an
calls-who-started-a-call-in = { $who } hat einen Anruf in { $chatTitle } gestartet
calls-you-are-no-longer-in = Du bist nicht mehr in diesem Chat und hast daher seinen Anruf verlassen.
chat-archived = {" "}· archiviert
chat-are-typing = { $names } und { $last } schreiben …
chat-back-to-chats = Zurück zu den Chats
chat-chat-details-and-members = Chat-Details und Mitglieder
chat-conversation = Unterhaltung
chat-could-not-load-messages-message = Nachrichten konnten nicht geladen werden: { $message }
chat-could-not-load-older-messages = Ältere Nachrichten konnten nicht geladen werden: { $message }
chat-could-not-react-message = Reagieren fehlgeschlagen: { $message }
chat-delete = Löschen
chat-delete-this-message = Diese Nachricht löschen?
chat-direct-message = Direktnachricht
chat-group = Gruppe
chat-it-is-deleted-for-everyone = Sie wird für alle in diesem Chat gelöscht. Das kann nicht rückgängig gemacht werden.
chat-kind-members = { $kind } · { $n ->
    [one] { $n } Mitglied
   *[other] { $n } Mitglieder
  }
chat-loading-messages = Nachrichten werden geladen …
chat-loading-older-messages = Ältere Nachrichten werden geladen …
chat-messages = Nachrichten
chat-name-says = { $name }: { $text }
chat-name-sent-a-file = { $name } hat eine Datei gesendet
chat-no-messages-yet-say-hello = Noch keine Nachrichten. Sag Hallo!
chat-pick-a-chat-find-someone = Wähle einen Chat, finde jemanden oder tritt einem Raum bei.
chat-remove-for-everyone = Für alle entfernen
chat-remove-this-message = Diese Nachricht entfernen?
chat-room = Raum
chat-saved-find-it-under-saved = Gespeichert. Du findest sie unter Gespeichert.
chat-several-people-are-typing = Mehrere Personen schreiben …
chat-showing-from = Nachricht von { $name } wird angezeigt
chat-showing-from-you = Deine Nachricht wird angezeigt
chat-start-of-the-conversation = Beginn der Unterhaltung
chat-start-or-join-a-call = Anruf starten oder beitreten
chat-that-message-is-not-in = Diese Nachricht ist nicht mehr in diesem Chat oder liegt zu weit zurück, um sie zu laden.
chat-the-message-by-username-is = Die Nachricht von { $userName } wird für alle in diesem Chat entfernt: An ihrer Stelle steht „von einem Administrator entfernt“. Das kann nicht rückgängig gemacht werden.
chat-this-chat-is-archived-you = Dieser Chat ist archiviert: Du kannst ihn lesen, aber niemand kann darin schreiben.
chat-value-is-typing = { $value } schreibt …
chat-you = Du
chatinfo-add-people = Personen hinzufügen
chatinfo-admin = Admin
chatinfo-name-you = { $name } (du)
chatinfo-administrator = Administrator:
chatinfo-archive-kind = { $kind ->
    [group] Gruppe archivieren
    [room] Raum archivieren
   *[other] Chat archivieren
  }
chatinfo-chattitle-is-deleted-for-all = „{ $chatTitle }“ wird für alle { $value } Mitglieder gelöscht: Er verschwindet aus ihren Listen und niemand kann ihn wieder öffnen.
chatinfo-could-not-add-username = { $userName } konnte nicht hinzugefügt werden: { $message }
chatinfo-could-not-archive = Archivieren fehlgeschlagen: { $message }
chatinfo-could-not-leave = Verlassen fehlgeschlagen: { $message }
chatinfo-could-not-load-the-details = Die Details konnten nicht geladen werden: { $message }
chatinfo-could-not-remove-username = { $userName } konnte nicht entfernt werden: { $message }
chatinfo-could-not-unarchive = Aus dem Archiv holen fehlgeschlagen: { $message }
chatinfo-delete-kind = { $kind ->
    [group] Gruppe löschen
    [room] Raum löschen
   *[other] Chat löschen
  }
chatinfo-delete-kind-for-everyone = { $kind ->
    [group] Gruppe
    [room] Raum
   *[other] Chat
  } für alle löschen
chatinfo-delete-this-kind = { $kind ->
    [group] Diese Gruppe löschen?
    [room] Diesen Raum löschen?
   *[other] Diesen Chat löschen?
  }
chatinfo-give-the-kind-a-name = Gib { $kind ->
    [group] der Gruppe
    [room] dem Raum
   *[other] dem Chat
  } einen Namen.
chatinfo-leave-kind = { $kind ->
    [group] Gruppe verlassen
    [room] Raum verlassen
   *[other] Chat verlassen
  }
chatinfo-loading = Wird geladen …
chatinfo-members-length = Mitglieder ({ $length })
chatinfo-name-of-the-kind = { $kind ->
    [group] Name der Gruppe
    [room] Name des Raums
   *[other] Name des Chats
  }
chatinfo-only-admins-can-rename-the = Nur Admins können { $kind ->
    [group] die Gruppe
    [room] den Raum
   *[other] den Chat
  } umbenennen oder Personen hinzufügen.
chatinfo-remove-username = { $userName } entfernen
chatinfo-rename = Umbenennen
chatinfo-stay = Bleiben
chatinfo-unarchive-kind = { $kind ->
    [group] Gruppe aus dem Archiv holen
    [room] Raum aus dem Archiv holen
   *[other] Chat aus dem Archiv holen
  }
chatinfo-yes-leave = Ja, verlassen
chatlist-archived = Archiviert
chatlist-archived-read-only = Archiviert: nur lesen
chatlist-chats = Chats
chatlist-could-not-load-chats-message = Chats konnten nicht geladen werden: { $message }
chatlist-direct = Direkt
chatlist-direct-messages = Direktnachrichten
chatlist-file-name = Datei: { $name }
chatlist-group = Gruppe
chatlist-groups = Gruppen
chatlist-loading-chats = Chats werden geladen …
chatlist-mentions-of-you = { $n ->
    [one] { $n } Erwähnung
   *[other] { $n } Erwähnungen
  } von dir
chatlist-muted = Stumm
chatlist-muted-no-notifications = Stumm: keine Benachrichtigungen
chatlist-no-chats-yet-find-someone = Noch keine Chats. Finde oben jemanden, erstelle eine Gruppe oder tritt einem Raum bei.
chatlist-no-messages-yet = Noch keine Nachrichten
chatlist-picture-name = Bild: { $name }
chatlist-room = Raum
chatlist-rooms = Räume
chatlist-star-title = { $title } markieren
chatlist-star-title-keep-it-at = { $title } markieren: oben halten
chatlist-starred = Markiert
chatlist-starred-kept-at-the-top = Markiert: bleibt oben. Markierung von { $title } entfernen
chatlist-unread = { $n ->
    [one] { $n } ungelesene Nachricht
   *[other] { $n } ungelesene Nachrichten
  }
chatlist-unread-natter = ({ $unread }) natter
chatlist-unread-quiet = { $n ->
    [one] { $n } ungelesene Nachricht, ohne Benachrichtigung
   *[other] { $n } ungelesene Nachrichten, ohne Benachrichtigung
  }
chatlist-you = Du
chatlist-you-were-mentioned = Du wurdest erwähnt
chatpresence-it-is-local-time-for = {" "}(bei ihr oder ihm ist es { $local_time })
chatpresence-it-is-local-time-for-2 = Bei { $name } ist es { $local_time }.
chatpresence-name-is-in-quiet-hours = { $name } hat Ruhezeit{ $at }: Sie oder er bekommt jetzt keine Benachrichtigung und sieht deine Nachricht später.
chatpresence-status-words = Status: { $words }.
combobox-nothing-found = Nichts gefunden.
combobox-results = { $n ->
    [one] { $n } Ergebnis
   *[other] { $n } Ergebnisse
  }
composer-attach-a-file = Datei anhängen
composer-attachments = Anhänge
composer-cancel-uploading-name = Hochladen von { $name } abbrechen
composer-failed-error = (fehlgeschlagen: { $error })
composer-insert-an-emoji = Emoji einfügen
composer-insert-emoji = Emoji einfügen
composer-message = Nachricht
composer-not-sent-message = Nicht gesendet: { $message }
composer-remove-name = { $name } entfernen
composer-send = Senden
composer-the-server-gave-the-file = der Server hat der Datei keine ID gegeben
composer-uploading-name = { $name } wird hochgeladen
composer-uploading-pct = (wird hochgeladen … { $pct } %)
composer-write-a-message = Nachricht schreiben
confirm-cancel = Abbrechen
dom-chat-id = Chat { $id }
dom-close = Schließen
dom-name-deactivated = { $name } (deaktiviert)
dom-n-more = { $n } weitere
dom-room-id = Raum { $id }
dom-someone = Jemand
dom-value-kb = { $value } KB
dom-value-mb = { $value } MB
emojicomplete-emoji = Emoji
emojipicker-arrow-keys-move-enter-picks = Pfeiltasten bewegen, Eingabe wählt, Escape schließt
emojipicker-category = { $category ->
    [Smileys] Smileys
    [People] Personen
    [Nature] Tiere & Natur
    [Food] Essen & Trinken
    [Activities] Aktivitäten
    [Travel] Reisen & Orte
    [Objects] Objekte
    [Symbols] Symbole
   *[other] { $category }
  }
emojipicker-custom = Eigene
emojipicker-n-emoji-match = { $n } Emojis passen
emojipicker-no-emoji-match-that-name = Kein Emoji passt zu diesem Namen.
emojipicker-search-emoji = Emoji suchen
emojipicker-search-emoji-by-name = Emoji nach Namen suchen
finder-chats = Chats
finder-chats-they-are-in = Chats, in denen sie sind
finder-could-not-join-name-message = Beitritt zu { $name } fehlgeschlagen: { $message }
finder-could-not-start-the-chat = Der Chat konnte nicht gestartet werden: { $message }
finder-direct = Direkt
finder-group = Gruppe
finder-members-join = { $n ->
    [one] { $n } Mitglied
   *[other] { $n } Mitglieder
  } · beitreten
finder-nobody-found = Niemand gefunden.
finder-people = Personen
finder-room = Raum
finder-rooms-to-join = Räume zum Beitreten
finder-search-chats-rooms-and-people = Chats, Räume und Personen suchen
finder-search-chats-rooms-people = Chats, Räume, Personen suchen
firstday-a-direct-chat-is-just = Ein Direktchat ist nur zwischen dir und einer anderen Person.{" "}
firstday-browse-the-rooms = Räume durchsuchen
firstday-dismiss = Schließen
firstday-everyone-who-joins-starts-in = Alle, die beitreten, starten dort in den Räumen mit „Neue starten hier“.
firstday-go-to-invitations = Zu den Einladungen
firstday-groups-are-private-only-the = Gruppen sind privat: Nur die hinzugefügten Personen sehen sie.{" "}
firstday-or = {" "}oder{" "}
firstday-rooms-are-open-conversations-anyone = Räume sind offene Unterhaltungen, die alle hier finden und betreten können, einer pro Team oder Thema.{" "}
firstday-see-who-is-here = sieh nach, wer hier ist
firstday-the-shield-at-the-top = (das Schild oben rechts) unter Einladungen und sende ihren Link.{" "}
firstday-to-say-hello = , um Hallo zu sagen.
firstday-welcome-you-are-in-no = Willkommen! Du bist noch in keinem Chat.{" "}
firstday-you-run-this-server-to = Du betreibst diesen Server. Um dein Team hereinzuholen, erstelle eine Einladung auf der Verwaltungsseite{" "}
forgot-back-to-sign-in = Zurück zur Anmeldung
forgot-enter-your-username-or-email = Gib deinen Benutzernamen oder deine E-Mail ein.
forgot-forgot-your-password = Passwort vergessen?
forgot-if-that-account-exists-and = Wenn dieses Konto existiert und eine E-Mail-Adresse hat, ist eine E-Mail mit einem Link unterwegs.
forgot-send-me-a-link = Link senden
forgot-the-link-lets-you-choose = Mit dem Link wählst du ein neues Passwort.
forgot-they-make-one-on-the = Er erstellt einen auf der Verwaltungsseite unter Personen mit „Passwort zurücksetzen“.{" "}
forgot-this-server-sends-no-mail = Dieser Server sendet keine E-Mails. Bitte einen Administrator dieses Servers um einen Link zum Zurücksetzen:{" "}
forgot-username-or-email = Benutzername oder E-Mail
forgot-we-mail-a-link-to = Wir senden einen Link zum Wählen eines neuen Passworts an die Adresse deines Kontos.
formathelp-a-block-of-code = ein Codeblock
formathelp-a-link = ein Link
formathelp-a-list = eine Liste
formathelp-a-quote = ein Zitat
formathelp-a-that-stays-a = ein *, der ein * bleibt
formathelp-bold-ctrl-b = fett (Strg+B)
formathelp-bold-syntax = {"*"}*fett**
formathelp-formatting = Formatierung
formathelp-formatting-help = Hilfe zur Formatierung
formathelp-italic-ctrl-i = kursiv (Strg+I)
formathelp-messages-are-sent-as-typed = Nachrichten werden so gesendet, wie sie getippt sind; natter zeigt die Formatierung.
forms-the-two-passwords-differ = Die beiden Passwörter sind verschieden.
forms-use-at-least-8-characters = Mindestens 8 Zeichen.
groupdialog-add-at-least-one-person = Füge mindestens eine Person hinzu.
groupdialog-add-people = Personen hinzufügen
groupdialog-create-group = Gruppe erstellen
groupdialog-give-the-group-a-name = Gib der Gruppe einen Namen.
groupdialog-group-name = Gruppenname
groupdialog-members = Mitglieder
groupdialog-new-group = Neue Gruppe
groupdialog-remove-username = { $userName } entfernen
groupsdirectory-add-people-to-handle = Personen zu @{ $handle } hinzufügen
groupsdirectory-design-team = Design-Team
groupsdirectory-give-the-group-a-handle = Gib der Gruppe ein Kürzel.
groupsdirectory-groups = Gruppen
groupsdirectory-loading = Wird geladen …
groupsdirectory-loading-groups = Gruppen werden geladen …
groupsdirectory-make-group = Gruppe erstellen
groupsdirectory-members = Mitglieder
groupsdirectory-mention-a-group-with-and = Erwähne eine Gruppe mit @ und ihrem Kürzel: Ihre Mitglieder in diesem Chat werden benachrichtigt.
groupsdirectory-name = Name
groupsdirectory-no-groups-yet = Noch keine Gruppen.
groupsdirectory-people = { $n ->
    [one] { $n } Person
   *[other] { $n } Personen
  }
groupsdirectory-remove-handle = @{ $handle } entfernen
groupsdirectory-take-username-out-of-handle = { $userName } aus @{ $handle } herausnehmen
groupsdirectory-handle-example = gestaltung
history-new-messages = Neue Nachrichten
inviteemails-email-addresses-separated-by-commas = E-Mail-Adressen, getrennt durch Kommas oder Zeilenumbrüche (höchstens { $MAX_EMAILS }); jede bekommt den Einladungslink per E-Mail.
inviteemails-give-at-most-max-emails = Gib höchstens { $MAX_EMAILS } Adressen an (du hast { $length } angegeben).
inviteemails-not-addresses = { $n ->
    [one] Das ist keine E-Mail-Adresse
   *[other] Das sind keine E-Mail-Adressen
  }: { $list }.
inviteemails-send-the-link-to-optional = Link senden an (optional)
inviteemails-example-addresses = anna@example.org, ben@example.org
levels-all-messages = Alle Nachrichten
levels-mentions-only = Nur Erwähnungen
levels-nothing-muted = Nichts (stumm)
linkpreviews-remove-preview = Vorschau entfernen
main-loading = Wird geladen …
main-natter-could-not-start-message = natter konnte nicht starten: { $message }
main-sign-in-to-the-account = Melde dich bei dem Konto an, um seine E-Mail-Adresse zu bestätigen.
main-try-again = Erneut versuchen
main-you-are-already-signed-in = Du bist schon angemeldet, daher wurde die Einladung nicht verwendet.
main-you-are-offline-natter-cannot = Du bist offline: natter erreicht seinen Server nicht. Es startet von selbst, sobald es geht.
main-your-email-address-is-confirmed = Deine E-Mail-Adresse ist bestätigt.
main-your-email-address-was-not = Deine E-Mail-Adresse wurde nicht bestätigt: { $message }
main-your-new-password-is-set = Dein neues Passwort ist festgelegt. Melde dich damit an.
matrixapps-element-fluffychat-nheko = Element (Web und Desktop), FluffyChat und nheko: Gib die Adresse genau so ein, wie sie hier steht.
matrixapps-element-x-neochat = Element X und NeoChat: Sie melden sich nur über https an, deshalb muss natter hinter TLS laufen (mit eigenem Zertifikat oder hinter einem Proxy), mit seinem Matrix-Servernamen als Host. NeoChat fragt nach deiner Matrix-ID und findet den Server darüber.
matrixapps-homeserver-address = Homeserver-Adresse
matrixapps-intro = Matrix-Apps öffnen dieselben Chats, Direktnachrichten und Threads. Stelle in der App den Homeserver auf diese Adresse um und melde dich dann mit deinem natter-Benutzernamen und Passwort oder per Single Sign-On an.
matrixapps-matrix-id = Matrix-ID
matrixapps-not-https = Diese Seite kommt über einfaches http, daher können sich Element X und NeoChat hier noch nicht anmelden: Bitte einen Administrator, natter über https bereitzustellen.
matrixapps-use-natter-in-an-app = natter in einer App nutzen
matrixapps-what-each-app-needs = Was jede App braucht
matrixsso-an-app-asks = Eine App möchte sich als { $name } (@{ $username }) bei natter anmelden.
matrixsso-an-app-asks-username = Eine App möchte sich als @{ $username } bei natter anmelden.
matrixsso-an-app-at-origin-asks = Eine App unter { $origin } möchte sich als { $name } (@{ $username }) bei natter anmelden.
matrixsso-an-app-at-origin-asks-username = Eine App unter { $origin } möchte sich als @{ $username } bei natter anmelden.
matrixsso-cancel = Abbrechen
matrixsso-continue = Weiter
matrixsso-continue-only-if-you-started = Mach nur weiter, wenn du diese Anmeldung selbst in dieser App begonnen hast. Die App kann dann in deinem Namen Nachrichten lesen und senden.
matrixsso-continue-only-if-you-trust = Mach nur weiter, wenn du diese Anmeldung selbst in einer App begonnen hast, der du vertraust, und erwartest, zu { $place } zurückgeschickt zu werden. Jeder kann einer App einen beliebigen Namen geben, auch „Element“: natter prüft Namen nicht. Die App kann dann in deinem Namen Nachrichten lesen und senden.
matrixsso-open-natter = natter öffnen
matrixsso-registered-here = Hier registriert
matrixsso-registered-less-than-a-day = Diese App wurde hier { $when } registriert, vor weniger als einem Tag. Eine App, die du schon länger nutzt, wurde viel früher registriert: Wenn du diese App nicht gerade selbst hinzugefügt hast, gibt vielleicht jemand seine App als eine andere aus.
matrixsso-sends-you-back-to = Du wirst zurückgeschickt zu
matrixsso-sign-in-to-an-app = Bei einer App anmelden
matrixsso-the-name-the-app-gives = Der Name, den sich die App selbst gibt (nicht geprüft)
matrixsso-the-server-did-not-say = Der Server hat nicht gesagt, wohin es weitergeht. Versuche es erneut.
matrixsso-the-website-the-app-names = Die Website, die die App angibt (nicht geprüft)
matrixsso-this-sign-in-has-ended = Diese Anmeldung ist beendet oder wurde schon erlaubt. Starte sie in der App neu.
matrixsso-you-are-sent-back-to = Du wirst zur App zurückgeschickt, die deine Anmeldung abschließt. Du kannst diese Seite schließen oder hier natter öffnen.
media-this-browser-cannot-use-a = Dieser Browser kann hier kein Mikrofon und keine Kamera verwenden (dafür ist eine sichere Verbindung nötig).
media-your-camera-is-not-available = Deine Kamera ist nicht verfügbar; du bist nur mit Ton im Anruf.
media-your-microphone-and-camera-are = Mikrofon und Kamera sind nicht verfügbar; andere hören und sehen dich nicht.
mentionpicker-group-notifies = Gruppe: { $name }, { $n ->
    [one] { $n } Person
   *[other] { $n } Personen
  }; benachrichtigt die in diesem Chat
mentionpicker-notifies-everyone-in-this-chat = Benachrichtigt alle in diesem Chat, die in den letzten 5 Minuten aktiv waren
mentionpicker-notifies-everyone-in-this-chat-2 = Benachrichtigt alle in diesem Chat
mentionpicker-people-in-this-chat = Personen in diesem Chat
mentions-chat-chat-id = Chat { $chat_id }
mentions-could-not-list-more-mentions = Weitere Erwähnungen konnten nicht aufgelistet werden: { $message }
mentions-could-not-list-your-mentions = Deine Erwähnungen konnten nicht aufgelistet werden: { $message }
mentions-could-not-mark-them-read = Als gelesen markieren fehlgeschlagen: { $message }
mentions-group-of = { $name }: eine Gruppe aus { $n ->
    [one] { $n } Person
   *[other] { $n } Personen
  }
mentions-load-more = Mehr laden
mentions-loading = Wird geladen …
mentions-mark-all-read = Alle als gelesen markieren
mentions-mentions = Erwähnungen
mentions-messages-that-mention-you = Nachrichten, die dich erwähnen
mentions-n-unread = { $n ->
    [one] { $n } ungelesene Erwähnung
   *[other] { $n } ungelesene Erwähnungen
  }
mentions-nobody-has-mentioned-you-yet = Noch hat dich niemand erwähnt.
mentions-open-the-thread = Thread öffnen
mentions-reply = Antworten
mentions-reply-in-a-thread = In einem Thread antworten
message-a-bot-its-messages-are = Ein Bot: Seine Nachrichten sendet ein Programm
message-a-message-cannot-be-empty = Eine Nachricht darf nicht leer sein. Lösche sie stattdessen.
message-bot = BOT
message-cancel = Abbrechen
message-delete = Löschen
message-delete-as-administrator = Als Administrator löschen
message-edit = Bearbeiten
message-edit-message = Nachricht bearbeiten
message-edited = (bearbeitet)
message-escape-closes = Escape schließt
message-heart = Herz
message-laughing = Lachen
message-more = Mehr …
message-more-reactions = Weitere Reaktionen
message-pick-a-reaction = Reaktion wählen
message-react = Reagieren
message-react-with-name = Mit { $name } reagieren
message-reply = Antworten
message-reply-in-thread = Im Thread antworten
message-sad = traurig
message-save = Speichern
message-seen-by = Gesehen von { $names }
message-seen-by-n-more = { $n } weiteren
message-sent = Gesendet
message-surprised = Überraschung
message-thumbs-up = Daumen hoch
message-you = Du
message-you-joined = Du bist beigetreten
message-name-joined = { $name } ist beigetreten
message-party = Party
message-reaction-count = { $emoji } { $count }
message-reaction-count-names = { $emoji } { $count }: { $names }
messagelinks-sent-a-file = hat eine Datei gesendet
missedmail-1-hour = 1 Stunde
missedmail-10-minutes = 10 Minuten
missedmail-after = Nach{" "}
missedmail-could-not-save-it-message = Speichern fehlgeschlagen: { $message }
missedmail-email-me-about-mentions-and = Schick mir eine E-Mail zu Erwähnungen und Direktnachrichten, die ich verpasse
missedmail-hours = { $n ->
    [one] { $n } Stunde
   *[other] { $n } Stunden
  }
missedmail-mail-about-what-you-miss = E-Mail zu Verpasstem
missedmail-minutes = { $n ->
    [one] { $n } Minute
   *[other] { $n } Minuten
  }
missedmail-saved-mail-after-spoken = Gespeichert: E-Mail nach { $spoken }.
missedmail-saved-no-mail-about-what = Gespeichert: keine E-Mail zu Verpasstem.
missedmail-saved-you-get-a-mail = Gespeichert: Du bekommst eine E-Mail zu Verpasstem.
missedmail-seconds = { $n ->
    [one] { $n } Sekunde
   *[other] { $n } Sekunden
  }
missedmail-sent-to-your-email-address = Geht an deine E-Mail-Adresse, wenn eine Erwähnung oder Direktnachricht nach { $after } noch ungelesen ist; höchstens eine E-Mail alle { $after }.
missedmail-spoken-the-server-s-setting = { $spoken } (Einstellung des Servers)
msgmore-copy-link = Link kopieren
msgmore-link-copied = Link kopiert
msgmore-link-to-this-message = Link zu dieser Nachricht
msgmore-message-link = Nachrichtenlink
msgmore-more-actions = Weitere Aktionen
msgmore-people-in-this-chat-who = Personen in diesem Chat, die ihn öffnen, sehen die Nachricht; allen anderen wird gesagt, dass sie nicht verfügbar ist.
msgmore-pin-to-this-chat = In diesem Chat anheften
msgmore-pinned = Angeheftet
msgmore-save-for-later = Für später speichern
msgmore-unpin-from-this-chat = In diesem Chat lösen
msgsearch-also-after-on = auch after:, on:
msgsearch-chat = Chat
msgsearch-image-link-reaction-pin = image, link, reaction, pin
msgsearch-in-a-direct-chat = in einem Direktchat
msgsearch-in-a-room = in einem Raum
msgsearch-messages = Nachrichten
msgsearch-no-messages-found = Keine Nachrichten gefunden
msgsearch-or-is-saved = oder is:saved
msgsearch-people = Personen
msgsearch-rooms = Räume
msgsearch-search-messages = Nachrichten durchsuchen
msgsearch-search-messages-2 = Nachrichten durchsuchen ( / )
msgsearch-search-operators = Suchoperatoren
msgsearch-sent-by = gesendet von
msgsearch-without-it = ohne das
msgsearch-you = Du
newmessage-add-at-least-one-person = Füge mindestens eine Person hinzu.
newmessage-could-not-open-the-chat = Der Chat konnte nicht geöffnet werden: { $message }
newmessage-new-message = Neue Nachricht
newmessage-one-person-your-direct-chat = Eine Person: dein Direktchat mit ihr. Mehrere: eine Gruppe von euch allen, benannt nach ihren Mitgliedern.
newmessage-open-chat = Chat öffnen
newmessage-open-group-of-value = Gruppe von { $value } öffnen
newmessage-remove-username = { $userName } entfernen
newmessage-to = An
newmessage-to-a-name-or-username = An: ein Name oder Benutzername
notice-you-were-signed-out-sign = Du wurdest abgemeldet. Melde dich erneut an, um weiterzumachen.
notify-notifications-are-blocked-for-this = Benachrichtigungen sind für diese Website blockiert. Um sie freizugeben, öffne die Einstellungen der Website{" "}
notify-push-unavailable-in-this-browser = Push ist in diesem Browser nicht verfügbar: { $missing }.
notify-pushes-arrive-even-with-natter = Pushes kommen auch an, wenn natter geschlossen ist.
notify-subscribing-this-browser-to-pushes = Dieser Browser wird für Pushes angemeldet …
notify-the-icon-left-of-the = (das Symbol links neben der Adresse), erlaube Benachrichtigungen und lade die Seite neu.
notify-this-browser-cannot-show-notifications = Dieser Browser kann keine Benachrichtigungen anzeigen.
notifylevel-could-not-change-it-message = Ändern fehlgeschlagen: { $message }
notifylevel-default-value = Standard ({ $value })
notifylevel-notify-me = Benachrichtige mich
notifylevel-saved-value = Gespeichert: { $value }.
notifylevel-saving = Wird gespeichert …
notifyprompt-get-notified-of-new-messages = Über neue Nachrichten benachrichtigt werden, wenn natter im Hintergrund ist? Du kannst das später mit der Glocke oben ändern.
notifyprompt-not-now = Nicht jetzt
notifyprompt-turn-on-notifications = Benachrichtigungen einschalten
notifysettings-allowed-you-are-notified-of = Erlaubt: Du wirst über Nachrichten in Chats benachrichtigt, die du gerade nicht ansiehst.
notifysettings-blocked-blocked = Blockiert. { $BLOCKED }
notifysettings-each-chat-s-details-say = Die Details jedes Chats sagen, worüber er dich benachrichtigt: alle Nachrichten, nur Erwähnungen oder nichts.
notifysettings-notifications-on-this-device = Benachrichtigungen auf diesem Gerät
notifysettings-off-allowed-by-the-browser = Aus (vom Browser erlaubt).
notifysettings-off-turn-them-on-and = Aus. Schalte sie ein und der Browser fragt, ob du sie erlaubst.
notifysettings-turn-off = Ausschalten
notifysettings-turn-on = Einschalten
notifysettings-unsupported-this-browser-cannot-show = Nicht unterstützt: Dieser Browser kann keine Benachrichtigungen anzeigen.
page-back-to-chats = Zurück zu den Chats
page-copied = Kopiert.
page-copy = Kopieren
page-copy-label = { $label } kopieren
page-could-not-list-more-what = { $what ->
    [people] Weitere Personen konnten nicht aufgelistet werden: { $message }
    [chats] Weitere Gruppen und Räume konnten nicht aufgelistet werden: { $message }
    [audit] Ältere Einträge konnten nicht aufgelistet werden: { $message }
   *[other] Weitere Einträge konnten nicht geladen werden: { $message }
  }
page-could-not-list-what-message = { $what ->
    [people] Personen konnten nicht aufgelistet werden: { $message }
    [chats] Gruppen und Räume konnten nicht aufgelistet werden: { $message }
   *[other] Die Liste konnte nicht geladen werden: { $message }
  }
page-link-to-send = Link zum Senden
page-search = Suchen
page-selected-press-ctrl-c-or = Ausgewählt: Drücke Strg+C (oder ⌘C) zum Kopieren.
page-action-on-whom = { $action }: { $whom }
people-administrator = Administrator
people-could-not-open-the-chat = Der Chat konnte nicht geöffnet werden: { $message }
people-everyone-here = Alle hier
people-everyone-on-this-server-message = Alle auf diesem Server. „Nachricht“ öffnet deinen Direktchat mit ihnen.
people-in-quiet-hours-no-notifications = In der Ruhezeit: jetzt keine Benachrichtigungen
people-last-seen-relativetime = zuletzt gesehen { $relativeTime }
people-local-time-local-time = { $local_time } Ortszeit
people-message = Nachricht
people-message-name = { $name } eine Nachricht senden
people-more-people = Weitere Personen
people-name = Name
people-nobody-matches = Niemand passt.
people-not-seen-yet = noch nicht gesehen
people-people = Personen
people-people-everyone-on-this-server = Personen: alle auf diesem Server
people-quiet-hours = Ruhezeit
people-search-people-by-name = Personen nach Namen suchen
people-you = Du
pins-could-not-list-the-pinned = Die angehefteten Nachrichten konnten nicht aufgelistet werden: { $message }
pins-loading = Wird geladen …
pins-nothing-is-pinned-here-yet = Hier ist noch nichts angeheftet. Hefte eine Nachricht über ihr Menü an.
pins-pinned-by-username = angeheftet von { $userName }
pins-pinned-count = { $n ->
    [one] { $n } angeheftete Nachricht
   *[other] { $n } angeheftete Nachrichten
  }
pins-pinned-messages = Angeheftete Nachrichten
pins-sent-a-file = hat eine Datei gesendet
profile-choose-an-image = Bild wählen
profile-choose-an-image-file-png = Wähle eine Bilddatei (PNG, JPEG, GIF oder WebP).
profile-could-not-remove-the-picture = Das Bild konnte nicht entfernt werden: { $message }
profile-could-not-save-the-picture = Das Bild konnte nicht gespeichert werden: { $message }
profile-display-name = Anzeigename
profile-picture = Bild
profile-picture-removed = Bild entfernt.
profile-picture-saved = Bild gespeichert.
profile-remove-picture = Bild entfernen
profile-save-name = Namen speichern
profile-saved-others-now-see-you = Gespeichert. Andere sehen dich jetzt als { $userName }.
profile-shown-to-others-instead-of = Wird anderen statt @{ $username } angezeigt.
profile-the-server-did-not-name = der Server hat den Upload nicht benannt
profile-uploading = Wird hochgeladen …
profile-your-profile = Dein Profil
providers-accounts-elsewhere-that-sign-you = Konten anderswo, mit denen du dich hier anmeldest.
providers-could-not-load-your-sign = Deine Anmeldeanbieter konnten nicht geladen werden: { $message }
providers-it-cannot-be-reached-right = Er ist gerade nicht erreichbar; versuche es in einer Minute noch einmal.
providers-label-is-unavailable = { $label } ist nicht verfügbar
providers-label-unlinked = Verknüpfung mit { $label } getrennt.
providers-link-label = { $label } verknüpfen
providers-or-with-your-username-and = oder mit Benutzername und Passwort:
providers-set-a-password-or-link = Lege zuerst ein Passwort fest oder verknüpfe einen anderen Anbieter.
providers-sign-in-providers = Anmeldeanbieter
providers-sign-in-with-label = Mit { $label } anmelden
providers-unlink = Trennen
providers-cancel = Abbrechen
providers-code-from-the-app = Code aus der App (oder ein Wiederherstellungscode)
providers-confirm-to-link = Bestätige, dass du es bist, um { $label } zu verknüpfen.
providers-continue-to-label = Weiter zu { $label }
providers-current-password = Aktuelles Passwort
providers-enter-your-password-or = Gib dein Passwort oder einen Code ein.
providers-or-a-code = Oder ein Code aus der App (oder ein Wiederherstellungscode)
providers-recent-sign-in-links = Dein Konto hat kein Passwort: Um { $label } zu verknüpfen, darf deine Anmeldung höchstens 10 Minuten alt sein.
pushsub-its-push-service-did-not = sein Push-Dienst hat nicht geantwortet
pushsub-no-notifications = keine Benachrichtigungen
pushsub-no-push-api = keine Push-API
pushsub-no-service-workers = keine Service Worker
pushsub-push-unavailable-in-this-browser = Push ist in diesem Browser nicht verfügbar: { $missing }.
pushsub-push-unavailable-in-this-browser-2 = Push ist in diesem Browser nicht verfügbar: Der Service Worker konnte nicht starten.
pushsub-push-unavailable-in-this-browser-3 = Push ist in diesem Browser nicht verfügbar: { $value }.
pushsub-push-unavailable-message = Push nicht verfügbar: { $message }
pushsub-push-unavailable-on-this-server = Push ist auf diesem Server nicht verfügbar.
pushsub-push-unavailable-the-server-refused = Push nicht verfügbar: Der Server hat das Abo abgelehnt ({ $message })
quietsettings-1-hour = 1 Stunde
quietsettings-2-hours = 2 Stunden
quietsettings-24-hours = 24 Stunden
quietsettings-30-minutes = 30 Minuten
quietsettings-8-hours = 8 Stunden
quietsettings-friday = Freitag
quietsettings-label-quiet-from = { $label }: Ruhe ab
quietsettings-label-quiet-until = { $label }: Ruhe bis
quietsettings-monday = Montag
quietsettings-notifications-are-back-on = Benachrichtigungen sind wieder an.
quietsettings-notifications-paused-until = Benachrichtigungen pausiert bis { $until }.
quietsettings-pause-for = Pausieren für
quietsettings-pause-notifications = Benachrichtigungen pausieren
quietsettings-quiet-hours = Ruhezeit
quietsettings-quiet-hours-could-not-be = Die Ruhezeit konnte nicht gelesen werden.
quietsettings-quiet-hours-saved = Ruhezeit gespeichert.
quietsettings-quiet-on = Ruhe am
quietsettings-resume-notifications = Benachrichtigungen fortsetzen
quietsettings-saturday = Samstag
quietsettings-save-quiet-hours = Ruhezeit speichern
quietsettings-sunday = Sonntag
quietsettings-thursday = Donnerstag
quietsettings-time-zone = Zeitzone
quietsettings-tuesday = Dienstag
quietsettings-wednesday = Mittwoch
quietsettings-while-quiet-no-push-mail = In der Ruhezeit erreichen dich keine Pushes, E-Mails und kein Klingeln. Nachrichten kommen trotzdem an und zählen als ungelesen; andere sehen, dass du Ruhezeit hast.
quietsettings-you-are-in-quiet-hours = Du hast jetzt Ruhezeit: Keine Pushes, E-Mails und kein Klingeln erreichen dich.
quietsettings-zone-example = Europe/Berlin
readplace-jump-to-first-unread = Zur ersten ungelesenen springen
readplace-new-below = { $n ->
    [one] 1 neue Nachricht unten
   *[other] { $n } neue Nachrichten unten
  }
replybar-cancel-the-reply-escape = Antwort abbrechen (Escape)
replybar-replying-to = Antwort an{" "}
replybar-yourself = dich selbst
replyquote-a-message = eine Nachricht
replyquote-in-reply-to = Antwort an { $name }: { $excerpt }. Original anzeigen
replyquote-show-the-original-message = Originalnachricht anzeigen
reset-choose-a-new-password = Wähle ein neues Passwort
reset-new-password = Neues Passwort
reset-set-password = Passwort festlegen
reset-sign-in-instead = Stattdessen anmelden
reset-the-same-password-again = Dasselbe Passwort noch einmal
reset-use-at-least-8-characters = Mindestens 8 Zeichen. Anmeldungen an allen anderen Orten enden, wenn du es festlegst.
ringing-answer = Annehmen
ringing-caller-is-calling-you = { $caller } ruft dich an
ringing-caller-started-a-call-in = { $caller } hat einen Anruf in { $chatTitle } gestartet
ringing-decline = Ablehnen
ringing-incoming-call = Eingehender Anruf
rooms-could-not-load-rooms-message = Räume konnten nicht geladen werden: { $message }
rooms-create-room = Raum erstellen
rooms-description-optional = Beschreibung (optional)
rooms-full = Voll
rooms-give-the-room-a-name = Gib dem Raum einen Namen.
rooms-join = Beitreten
rooms-join-a-room = Einem Raum beitreten
rooms-loading-rooms = Räume werden geladen …
rooms-members = { $n ->
    [one] { $n } Mitglied
   *[other] { $n } Mitglieder
  }
rooms-more-rooms = Weitere Räume
rooms-new-room-name = Name des neuen Raums
rooms-no-public-rooms-yet = Noch keine öffentlichen Räume.
rooms-open = Öffnen
rooms-or-start-one = Oder starte einen
rooms-private = {" "}· privat
rooms-rooms = Räume
rooms-you-are-in-it = {" "}· du bist drin
roomsettings-archive-kind = { $kind ->
    [group] Gruppe archivieren
    [room] Raum archivieren
   *[other] Chat archivieren
  }
roomsettings-archived-it-is-read-only = Archiviert ist er für alle nur lesbar.
roomsettings-archived-read-only-for-everyone = Archiviert: für alle nur lesbar.
roomsettings-could-not-archive = Archivieren fehlgeschlagen: { $message }
roomsettings-could-not-unarchive = Aus dem Archiv holen fehlgeschlagen: { $message }
roomsettings-purpose = Zweck
roomsettings-save-topic-and-purpose = Thema und Zweck speichern
roomsettings-topic-shown-under-the-name = Thema (unter dem Namen angezeigt; alle werden informiert)
roomsettings-unarchive-kind = { $kind ->
    [group] Gruppe aus dem Archiv holen
    [room] Raum aus dem Archiv holen
   *[other] Chat aus dem Archiv holen
  }
saved-a-chat = ein Chat
saved-could-not-list-more = Weitere gespeicherte Nachrichten konnten nicht geladen werden: { $message }
saved-more-saved-messages = Weitere gespeicherte Nachrichten
saved-at-a-time-i-choose = Zu einer Zeit meiner Wahl …
saved-change-reminder = Erinnerung ändern
saved-choose-a-day-and-a = Wähle einen Tag und eine Uhrzeit.
saved-could-not-list-your-saved = Deine gespeicherten Nachrichten konnten nicht aufgelistet werden: { $message }
saved-could-not-remove-it-message = Entfernen fehlgeschlagen: { $message }
saved-in-1-hour = In 1 Stunde
saved-in-20-minutes = In 20 Minuten
saved-in-3-hours = In 3 Stunden
saved-loading = Wird geladen …
saved-no-reminder = Keine Erinnerung
saved-nothing-saved-save-a-message = Nichts gespeichert. Speichere eine Nachricht über ihr Menü, um sie hier zu finden.
saved-only-you-see-your-saved = Nur du siehst deine gespeicherten Nachrichten: Du findest sie unter Gespeichert.
saved-remind-me = Erinnere mich
saved-reminded-longtime = Erinnerung gesendet: { $longTime }
saved-reminder = Erinnerung
saved-reminder-longtime = Erinnerung: { $longTime }
saved-reminder-of = Erinnerung: { $name }: { $words }
saved-reminder-time = Erinnerungszeit
saved-remove = Entfernen
saved-save = Speichern
saved-save-for-later = Für später speichern
saved-saved = Gespeichert
saved-saved-messages = Gespeicherte Nachrichten
saved-sent-a-file = hat eine Datei gesendet
saved-this-message-is-not-available = Diese Nachricht ist nicht verfügbar: Du bist nicht mehr in ihrem Chat oder sie wurde gelöscht.
saved-tomorrow-at-9-00 = Morgen um 9:00
sendlater-a-chat-you-left = ein Chat, den du verlassen hast
sendlater-dismiss = Schließen
sendlater-failed-refused = sie wurde abgelehnt
sendlater-failed-note = Eine geplante Nachricht wurde nicht gesendet: { $why }
sendlater-a-direct-chat = ein Direktchat
sendlater-cancel-sending = Senden abbrechen
sendlater-cancelled = Abgebrochen
sendlater-date-and-time = Datum und Uhrzeit
sendlater-edit = Bearbeiten
sendlater-message = Nachricht
sendlater-monday-at-9-00 = Montag um 9:00
sendlater-not-scheduled-why = Nicht geplant: { $why }
sendlater-not-sent = Nicht gesendet: { $why }
sendlater-nothing-scheduled = Nichts geplant.
sendlater-refused = abgelehnt
sendlater-save = Speichern
sendlater-schedule-at-this-time = Zu dieser Zeit planen
sendlater-scheduled-for-shown = Geplant für { $shown }.
sendlater-scheduled-messages = Geplante Nachrichten …
sendlater-scheduled-messages-2 = Geplante Nachrichten
sendlater-send-later = Später senden
sendlater-sends-shown = Wird gesendet { $shown }
sendlater-sent-shown = Gesendet { $shown }
sendlater-state-in-where = { $state } · in { $where }
sendlater-tomorrow-at-9-00 = Morgen um 9:00
sendlater-write-the-message-first-then = Schreib zuerst die Nachricht und wähle dann, wann sie gesendet wird.
sessions-an-app-or-script-signed = Eine App oder ein Skript, angemeldet mit einem Schlüssel
sessions-matrix-app = Eine Matrix-App: { $name }
sessions-could-not-end-it-message = Beenden fehlgeschlagen: { $message }
sessions-could-not-list-your-sign = Deine Anmeldungen konnten nicht aufgelistet werden: { $message }
sessions-end-button = Beenden
sessions-end-label = { $kind ->
    [session] Webbrowser
    [token] App oder Skript mit Schlüssel
   *[other] Anmeldung
  } beenden, { $when }
sessions-sign-in = Anmeldung
sessions-sign-in-time-unknown = Anmeldezeit unbekannt
sessions-signed-in-longtime = angemeldet { $longTime }
sessions-signed-out-there = Dort abgemeldet.
sessions-this-browser = Dieser Browser
sessions-web-browser = Webbrowser
sessions-where-you-are-signed-in = Wo du angemeldet bist
signinerrors-label-cannot-be-reached-right = { $label } ist gerade nicht erreichbar; versuche es in einer Minute noch einmal.
signinerrors-label-did-not-accept-the = { $label } hat den Anmeldecode nicht angenommen (er ist vielleicht abgelaufen oder schon verwendet); beginne von vorn.
signinerrors-label-refused-the-sign-in = { $label } hat die Anmeldung abgelehnt.
signinerrors-label-s-answer-could-not = Die Antwort von { $label } konnte nicht geprüft werden, daher hat natter dich nicht angemeldet.
signinerrors-sign-in-again-then-link = Melde dich erneut an und verknüpfe dann den Anbieter.
signinerrors-sign-in-first-then-link = Melde dich zuerst an und verknüpfe den Anbieter dann auf deiner Kontoseite.
signinerrors-sign-in-with-label-was = Die Anmeldung mit { $label } wurde abgebrochen.
signinerrors-signing-in-failed-try-again = Die Anmeldung ist fehlgeschlagen; versuche es noch einmal.
signinerrors-that-invitation-is-invalid-used = Diese Einladung ist ungültig, aufgebraucht oder abgelaufen.
signinerrors-that-label-account-is-already = Dieses { $label }-Konto ist schon mit einem anderen Konto hier verknüpft.
signinerrors-that-sign-in-link-has = Dieser Anmeldelink ist abgelaufen oder wurde nicht in diesem Browser gestartet; beginne von vorn.
signinerrors-that-sign-in-provider-is = Dieser Anmeldeanbieter ist hier nicht eingerichtet.
signinerrors-this-account-is-deactivated = Dieses Konto ist deaktiviert.
signinerrors-too-many-unfinished-sign-ins = Zu viele unvollendete Anmeldungen aus deinem Netzwerk; versuche es in einer Minute noch einmal.
signinerrors-your-account-already-has-a = Dein Konto hat schon ein verknüpftes { $label }-Konto; trenne es zuerst.
signinerrors-your-label-account-is-not = Dein { $label }-Konto ist mit keinem Konto hier verknüpft, und neue Konten erstellt ein Administrator.
signinerrors-your-label-account-is-not-2 = Dein { $label }-Konto ist mit keinem Konto hier verknüpft. Öffne zuerst deinen Einladungslink oder melde dich mit deinem Passwort an und verknüpfe { $label } auf deiner Kontoseite.
signinerrors-your-sign-in-provider = dein Anmeldeanbieter
statuses-in-a-call = in einem Anruf
statuses-status-words = Status: { $words }
statuspicker-1-hour = 1 Stunde
statuspicker-30-minutes = 30 Minuten
statuspicker-appear-away = Als abwesend anzeigen
statuspicker-choose-a-date = Datum wählen
statuspicker-clear-after = Löschen nach
statuspicker-clear-on-this-date = An diesem Datum löschen
statuspicker-clear-status = Status löschen
statuspicker-commuting = Unterwegs
statuspicker-don-t-clear = Nicht löschen
statuspicker-emoji = Emoji
statuspicker-in-a-meeting = In einem Meeting
statuspicker-on-holiday = Im Urlaub
statuspicker-out-sick = Krank
statuspicker-save = Speichern
statuspicker-set-a-status = Status festlegen
statuspicker-status = Status
statuspicker-suggestions = Vorschläge
statuspicker-this-week = Diese Woche
statuspicker-today = Heute
statuspicker-what-s-your-status = Was ist dein Status?
statuspicker-working-remotely = Im Homeoffice
text-file-1 = Datei: $1
text-an-encrypted-message-open-it = Eine verschlüsselte Nachricht: Öffne sie in einer Matrix-App, um sie zu lesen.
text-removed-by-an-administrator = von einem Administrator entfernt
thread-also-send = Auch an { $title } senden
thread-also-send-room = Auch an #{ $title } senden
thread-also-send-to-the-chat = Auch an den Chat senden
thread-be-told-of-new-replies = Über neue Antworten in diesem Thread informiert werden
thread-close-the-thread = Thread schließen
thread-could-not-change-following-message = Folgen konnte nicht geändert werden: { $message }
thread-could-not-load-older-replies = Ältere Antworten konnten nicht geladen werden: { $message }
thread-could-not-load-the-thread = Der Thread konnte nicht geladen werden: { $message }
thread-first-message = Erste Nachricht
thread-follow = Folgen
thread-following = Folge ich
thread-following-this-thread = Du folgst diesem Thread
thread-loading-the-thread = Thread wird geladen …
thread-no-longer-following-this-thread = Du folgst diesem Thread nicht mehr
thread-no-replies-yet-start-the = Noch keine Antworten. Beginne den Thread unten.
thread-replies = { $n ->
    [one] { $n } Antwort
   *[other] { $n } Antworten
  }
thread-replies-label = Antworten
thread-reply = Antworten …
thread-reply-in-thread = Im Thread antworten
thread-show-older-replies = Ältere Antworten anzeigen
thread-the-first-message-of-this = Die erste Nachricht dieses Threads wurde gelöscht.
thread-this-thread-is-not-there = Diesen Thread gibt es nicht mehr.
thread-thread = Thread
thread-you-are-told-of-new = Du wirst hier über neue Antworten informiert. Drücken, um nicht mehr zu folgen
threads-a-chat = ein Chat
threads-could-not-list-more-threads = Weitere Threads konnten nicht aufgelistet werden: { $message }
threads-could-not-list-your-threads = Deine Threads konnten nicht aufgelistet werden: { $message }
threads-load-more = Mehr laden
threads-loading = Wird geladen …
threads-the-first-message-was-deleted = Die erste Nachricht wurde gelöscht.
threads-threads = Threads
threads-threads-you-follow = Threads, denen du folgst
threads-unread-label = Threads, { $n } ungelesene { $n ->
    [one] Antwort
   *[other] Antworten
  }
threads-unread-replies = { $n } ungelesene { $n ->
    [one] Antwort
   *[other] Antworten
  }
threads-you-follow-no-thread-yet = Du folgst noch keinem Thread. Threads, die du beginnst, in denen du antwortest oder erwähnt wirst, folgst du automatisch, ebenso jedem, bei dem du auf Folgen drückst.
threadsummary-from = {" "}von { $names }
threadsummary-open-the-thread = Thread öffnen
threadsummary-last-reply-relativetime = Letzte Antwort { $relativeTime }
time-just-now = gerade eben
time-today = Heute
time-yesterday = Gestern
topicline-you-set-the-topic = Du hast das Thema festgelegt: { $topic }
topicline-name-set-the-topic = { $name } hat das Thema festgelegt: { $topic }
topicline-you-cleared-the-topic = Du hast das Thema gelöscht
topicline-name-cleared-the-topic = { $name } hat das Thema gelöscht
twofactor-administrators-of-this-server-must = Administratoren dieses Servers müssen das einschalten, bevor sie die Verwaltungsseite nutzen.
twofactor-after-your-password-natter-also = Nach deinem Passwort fragt natter auch nach einem Code aus einer Authenticator-App auf deinem Handy{" "}
twofactor-code-from-the-app = Code aus der App
twofactor-code-from-the-app-or = Code aus der App (oder ein Wiederherstellungscode)
twofactor-copied = Kopiert.
twofactor-copy = Kopieren
twofactor-could-not-load-two-factor = Die Zwei-Faktor-Anmeldung konnte nicht geladen werden: { $message }
twofactor-current-password = Aktuelles Passwort
twofactor-download = Herunterladen
twofactor-downloaded = Heruntergeladen.
twofactor-each-code-signs-you-in = Jeder Code meldet dich einmal an, anstelle eines Codes aus deiner Authenticator-App.
twofactor-enter-a-code = Gib einen Code ein.
twofactor-enter-the-code-the-app = Gib den Code ein, den die App zeigt.
twofactor-enter-your-current-password = Gib dein aktuelles Passwort ein.
twofactor-google-authenticator-authy-1password-freeotp = (Google Authenticator, Authy, 1Password, FreeOTP …), damit ein gestohlenes Passwort nicht reicht.
twofactor-i-have-kept-them = Ich habe sie aufbewahrt
twofactor-if-you-lose-your-phone = falls du dein Handy verlierst. Sie werden nicht noch einmal angezeigt.
twofactor-keep-these-recovery-codes-somewhere = Bewahre diese Wiederherstellungscodes sicher auf. Jeder meldet dich einmal an, anstelle eines Codes,{" "}
twofactor-keep-this-file-somewhere-safe = Bewahre diese Datei sicher auf, nicht bei deinem Handy.
twofactor-key = Schlüssel:{" "}
twofactor-natter-recovery-codes-for-host = natter-Wiederherstellungscodes für { $host }
twofactor-off = Aus.
twofactor-on = An.
twofactor-on-codes-left = An. { $n ->
    [one] { $n } Wiederherstellungscode
   *[other] { $n } Wiederherstellungscodes
  } übrig.
twofactor-qr-code-for-your-authenticator = QR-Code für deine Authenticator-App
twofactor-scan-this-with-your-authenticator = Scanne ihn mit deiner Authenticator-App oder tippe den Schlüssel unten ein und gib dann den angezeigten Code ein.
twofactor-selected-press-ctrl-c-or = Ausgewählt: Drücke Strg+C (oder ⌘C) zum Kopieren.
twofactor-set-up-two-factor-sign = Zwei-Faktor-Anmeldung einrichten
twofactor-turn-off = Ausschalten
twofactor-turn-on = Einschalten
twofactor-two-factor-sign-in = Zwei-Faktor-Anmeldung
viewer-close-escape = Schließen (Escape)
viewer-download = Herunterladen
viewer-download-2 = {" "}Herunterladen
viewer-download-label = { $label } herunterladen
viewer-full-size = Volle Größe
viewer-image = Bild
viewer-next-image-right-arrow = Nächstes Bild (Pfeil rechts)
viewer-position-of-count = { $position } von { $count }
viewer-previous-image-left-arrow = Vorheriges Bild (Pfeil links)
viewer-this-image-could-not-be = Dieses Bild konnte nicht angezeigt werden. Versuche den Download-Link.
whojoins-to-admit-people-by-invitation = Um Personen nur per Einladung zuzulassen, starte natter mit --registration invite (NATTER_REGISTRATION=invite).
whojoins-to-admit-people-by-join = Um Personen per Einladungslink zuzulassen, starte natter mit --registration invite (NATTER_REGISTRATION=invite).
whojoins-to-let-anyone-in-start = Um alle hereinzulassen, starte natter mit --registration open (NATTER_REGISTRATION=open).
languagesettings-title = Sprache
languagesettings-label = natter anzeigen auf
languagesettings-browser = Sprache des Browsers
languagesettings-hint = Auch E-Mails von natter werden in dieser Sprache geschrieben. Nachrichten bleiben, wie ihre Verfasser sie geschrieben haben.
languagesettings-could-not-read = Deine Sprache konnte nicht gelesen werden: { $message }
languagesettings-could-not-save = Die Sprache konnte nicht gespeichert werden: { $message }
accountpage-email-confirmed = Deine E-Mail-Adresse ist bestätigt.
accountpage-email-unconfirmed = Deine E-Mail-Adresse ist unbestätigt: Bis du den an sie gesendeten Link öffnest, bekommt sie keine E-Mails zu Nachrichten, und kein Import und kein Anmeldeanbieter ordnet sie zu.
whojoins-open = Offen für alle: Wer die Adresse dieses Servers erreicht, kann ein Konto erstellen, mit oder ohne Einladungslink.
whojoins-invite = Mit Einladung: Nur Personen mit einem gültigen Einladungslink können ein Konto erstellen.
whojoins-closed = Geschlossen: Niemand kann hier ein Konto erstellen, auch nicht mit Einladungslinks; Konten entstehen mit natter create-user.
formathelp-italic-syntax = {"*"}kursiv* oder _kursiv_
formathelp-code = Code
formathelp-code-syntax = `Code`
formathelp-block-syntax = ```  (Zeilen dazwischen)  ```
formathelp-link-syntax = {"["}Text](https://…)
formathelp-list-syntax = - Punkt  oder  1. Punkt
formathelp-quote-syntax = > Zitat
statuses-away = abwesend
dom-user-id = Person { $id }
dom-value-b = { $value } B
adminaudit-person-id = Person { $id }
adminaudit-someone = jemandem
adminpeople-stored = { $size } gespeichert
attachments-image-id = Bild { $id }
attachments-media-id = { $kind ->
    [audio] Audio { $id }
   *[other] Video { $id }
  }
attachments-file-id = Datei { $id }
attachments-file-kind = DATEI
callrecord-seconds = { $s } s
callrecord-minutes = { $m } Min.
mentions-to = an { $name }
mentions-to-you = an dich
mentions-unread = ungelesen
mentions-in = in { $where }
threads-unread = { $n } ungelesen
