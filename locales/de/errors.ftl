# Die `detail`-Texte der Fehler von natters eigener API, Deutsch.
error-not-found = Nicht gefunden.
error-server = Ein Serverfehler ist aufgetreten.
error-unauthenticated = Es wurden keine Anmeldedaten übermittelt.
error-invalid-token = Ungültiges Token.
error-too-large = Die Anfrage ist zu groß.
error-user-missing = Diese Person gibt es nicht.
error-not-member = Diese Person ist kein Mitglied dieses Chats.
error-no-room = Kein Raum passt zu dieser Anfrage.
error-no-file = Keine Datei passt zu dieser Anfrage.
error-file-content = Der Inhalt der Datei fehlt.
error-no-invitation = Keine Einladung passt zu dieser Anfrage.
error-no-session = Keine deiner Sitzungen passt zu dieser Anfrage.
error-no-push = Keines deiner Push-Abos passt zu dieser Anfrage.
error-no-bot = Kein Bot passt zu dieser Anfrage.
error-no-identity = Keiner deiner Anmeldeanbieter passt zu dieser Anfrage.
error-no-emoji = Kein eigenes Emoji passt zu dieser Anfrage.
error-no-group = Keine Benutzergruppe passt zu dieser Anfrage.
error-not-participant = Du nimmst nicht an diesem Raum teil.
error-no-permission = Du hast keine Berechtigung für diese Aktion.
error-registration-closed = Die Registrierung auf diesem Server ist geschlossen: Konten werden von einem Administrator angelegt.
error-invitation-needed = Für die Registrierung hier brauchst du eine Einladung: Öffne den Einladungslink, den dir ein Administrator gegeben hat.
error-invitation-unusable = Diese Einladung kann nicht verwendet werden: Sie ist unbekannt, aufgebraucht, abgelaufen oder widerrufen.
error-invitation-used-up = Diese Einladung kann nicht verwendet werden: Sie ist aufgebraucht.
error-invitation-expired = Diese Einladung kann nicht verwendet werden: Sie ist abgelaufen.
error-invitation-revoked = Diese Einladung kann nicht verwendet werden: Sie wurde widerrufen.
error-admins-only = Das können nur Administratoren.
error-admin-two-factor = Aktiviere auf deiner Kontoseite die Zwei-Faktor-Anmeldung, bevor du diesen Server verwaltest.
error-archived = Dieser Chat ist archiviert: Er kann gelesen werden, aber niemand kann darin schreiben.
error-provider-only = Konten werden hier über die Anmeldung beim Anbieter deiner Organisation angelegt, nicht mit einem Passwort.
error-add-to-direct = Zu einem Direktchat können keine Mitglieder hinzugefügt werden.
error-remove-from-direct = Aus einem Direktchat können keine Mitglieder entfernt werden.
error-last-admin = Das ist der letzte aktive Administrator: Mache zuerst jemand anderen zum Administrator.
error-own-account = Du kannst dein eigenes Konto nicht deaktivieren oder herabstufen; bitte einen anderen Administrator darum.
error-remove-direct = Ein Direktchat kann nicht entfernt werden; entferne stattdessen seine Nachrichten.
error-archive-direct = Ein Direktchat kann nicht archiviert werden; nur Gruppen und Räume.
error-deactivated = Dieses Konto ist deaktiviert: Reaktiviere es, bevor du es zu einem Chat hinzufügst.
error-last-way-in = Das ist deine einzige Anmeldemöglichkeit: Lege zuerst ein Passwort fest oder verknüpfe einen anderen Anbieter.
error-room-full = Der Raum hat die Höchstzahl an Teilnehmenden erreicht.
error-message-empty = Die Nachricht darf nicht leer sein.
error-language = Wähle eine von: en, de, es, pt-BR, ja, ar (oder null, um dem Browser zu folgen).

# Die Worte der Formulare, der Übertragung und des Suchfelds.
error-invalid-credentials = Benutzername oder Passwort ist falsch.
error-invalid-credentials-title = Falsche Anmeldedaten
error-account-deactivated-title = Konto deaktiviert
error-account-inactive = Dieses Konto ist deaktiviert.
error-user-inactive = Das Konto ist deaktiviert
error-no-active-account = Kein aktives Konto mit diesen Anmeldedaten gefunden
error-token-expired = Das Token ist ungültig oder abgelaufen
error-token-any-type = Das Token ist für keinen Tokentyp gültig
error-username-taken = Dieser Benutzername ist bereits vergeben.
error-email-taken = Ein Konto mit dieser E-Mail-Adresse gibt es bereits.
error-wrong-password = Dein aktuelles Passwort wurde falsch eingegeben.
error-no-mail-reset = Dieser Server sendet keine E-Mails: Bitte einen Administrator um einen Link zum Zurücksetzen.
error-no-mail-confirm = Dieser Server sendet keine E-Mails: Bitte einen Administrator, die Adresse zu bestätigen.
error-no-mail-copy = Dieser Server sendet keine E-Mails: Kopiere stattdessen den Link.
error-give-login = Gib deinen Benutzernamen oder deine E-Mail-Adresse an.
error-required = Dieses Feld ist erforderlich.
error-blank = Dieses Feld darf nicht leer sein.
error-null = Dieses Feld darf nicht null sein.
error-too-long = Dieses Feld darf höchstens { $max } Zeichen haben.
error-too-many-words = Dieses Feld darf höchstens { $max ->
        [one] { $max } verschiedenes Wort
       *[other] { $max } verschiedene Wörter
    } enthalten.
error-too-short = Dieses Feld muss mindestens { $min } Zeichen haben.
error-too-small = Dieser Wert muss größer oder gleich { $min } sein.
error-not-a-choice = „{ $value }“ ist keine gültige Auswahl.
error-not-integer = Eine gültige ganze Zahl ist erforderlich.
error-not-boolean = Muss ein gültiger Wahrheitswert sein.
error-not-string = Kein gültiger Text.
error-bad-username = Gib einen gültigen Benutzernamen ein. Er darf nur Buchstaben, Ziffern und die Zeichen @/./+/-/_ enthalten.
error-numeric-username = Ein Benutzername muss mindestens ein Zeichen enthalten, das keine Ziffer ist.
error-bad-email = Gib eine gültige E-Mail-Adresse ein.
error-bad-image-url = Gib eine gültige URL oder einen Pfad ein, der mit „/“ beginnt.
error-no-such-object = Ungültige Kennung „{ $pk }“: Das Objekt gibt es nicht.
error-no-such-file = Die Datei { $id } wurde nicht gefunden.
error-not-your-file = Du kannst nur Dateien anhängen, die du selbst hochgeladen hast.
error-empty-file = Die gesendete Datei ist leer.
error-already-participant = Diese Person nimmt bereits an diesem Raum teil.
error-wrong-code = Der Code ist falsch, abgelaufen oder wurde schon verwendet.
error-two-factor-on = Die Zwei-Faktor-Anmeldung ist bereits aktiv; schalte sie zuerst aus.
error-two-factor-off = Die Zwei-Faktor-Anmeldung ist nicht aktiv.
error-codes-held = Zu viele falsche Codes hintereinander: Für dieses Konto werden keine Codes mehr geprüft. Melde dich mit einem Wiederherstellungscode an oder lege ein neues Passwort fest.
error-codes-held-seconds = Zu viele falsche Codes hintereinander: { $count ->
        [one] eine Sekunde
       *[other] { $count } Sekunden
    } lang werden keine Codes geprüft. Ein Wiederherstellungscode funktioniert weiterhin, und ein neues Passwort beendet die Wartezeit.
error-codes-held-minutes = Zu viele falsche Codes hintereinander: { $count ->
        [one] eine Minute
       *[other] { $count } Minuten
    } lang werden keine Codes geprüft. Ein Wiederherstellungscode funktioniert weiterhin, und ein neues Passwort beendet die Wartezeit.
error-codes-held-hours = Zu viele falsche Codes hintereinander: { $count ->
        [one] eine Stunde
       *[other] { $count } Stunden
    } lang werden keine Codes geprüft. Ein Wiederherstellungscode funktioniert weiterhin, und ein neues Passwort beendet die Wartezeit.
error-bad-reset-link = Dieser Link zum Zurücksetzen ist ungültig, schon benutzt oder abgelaufen.
error-bad-confirm-link = Dieser Bestätigungslink ist ungültig, schon benutzt, abgelaufen oder gilt für ein anderes Konto oder eine andere Adresse.
error-confirmed-already = Deine Adresse ist bereits bestätigt.
error-link-just-sent = Vor weniger als einer Minute wurde ein Link verschickt: Sieh zuerst dort nach.
error-bad-duration = Gib eine Dauer an: Sekunden oder eine Zahl gefolgt von d, h oder m (z. B. 7d).
error-method = Die Methode „{ $method }“ ist nicht erlaubt.
error-media-type = Der Medientyp „{ $type }“ wird in Anfragen nicht unterstützt.
error-throttled = Zu viele Anfragen. Wieder möglich in { $seconds ->
        [one] einer Sekunde
       *[other] { $seconds } Sekunden
    }.
error-body-stopped = Der Inhalt der Anfrage kam nicht mehr an.
error-sockets = Zu viele offene Verbindungen für diese Person (höchstens { $max }); schließe zuerst eine.
error-busy = Der Server ist ausgelastet; versuche es gleich noch einmal.
error-bus-down = Live-Ereignisse sind auf diesem Server unterbrochen; versuche es gleich noch einmal.
error-store-down = Der Server erreicht seine Datenbank nicht; versuche es gleich noch einmal.
error-invalid-page = Ungültige Seite.
error-invalid-request = Ungültige Anfrage
error-invalid-request-data = Die Daten der Anfrage sind ungültig.
error-internal = Interner Serverfehler
error-edit-own = Du kannst nur deine eigenen Nachrichten bearbeiten.
error-delete-own = Du kannst nur deine eigenen Nachrichten löschen.
error-search-has = „has:{ $value }“ ist keine gültige Suche: has: kennt file (Datei), image (Bild), link (Link), reaction (Reaktion) oder pin (angeheftet).
error-search-is = „is:{ $value }“ ist keine gültige Suche: is: kennt thread (Thread) oder saved (gespeichert).
error-search-from = „from:{ $value }“ ist keine gültige Suche: from: nimmt den Namen einer Person, etwa from:@name.
error-search-in = „in:{ $value }“ ist keine gültige Suche: in: nimmt einen Raum wie in:#name oder eine Person wie in:@name.
error-search-day = „{ $operator }:{ $value }“ ist kein Tag: Schreibe ihn als JJJJ-MM-TT.
error-search-twice = { $operator }: darf in einer Suche nur einmal vorkommen.
# Antworten, die keine Fehler sind.
answer-forgot-sent = Wenn dieses Konto existiert und eine E-Mail-Adresse hat, ist eine E-Mail mit einem Link unterwegs.
error-link-in-browser = Verknüpfe einen Anmeldeanbieter auf der Kontoseite eines Browsers, der bei natter angemeldet ist.
error-link-sign-in-again = Melde dich ab und wieder an und verknüpfe den Anbieter dann innerhalb von 10 Minuten.
error-name-is-a-group = Eine Benutzergruppe hat diesen Namen als Kürzel; wähle einen anderen Benutzernamen.
error-matrix-not-an-app = Das ist nicht die Adresse einer App: Sie muss absolut sein (https:// oder das eigene Schema der App).
error-matrix-sign-in-in-the-browser = Eine Matrix-App meldet sich über die Anmeldeseite von natter im Browser an, nicht mit einem Schlüssel.
