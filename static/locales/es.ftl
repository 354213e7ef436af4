# Las palabras del cliente web, en español (con los términos de Slack y Zulip en español).

account-account = Cuenta
account-account-email-password-and-where = Cuenta: correo, contraseña y dónde has iniciado sesión
account-admin = Administración
account-admin-people-invitations-bots-and = Administración: personas, invitaciones, bots y el registro de auditoría
account-administration = Administración
account-could-not-sign-out-message = No se pudo cerrar la sesión: { $message }
account-desktop-notifications = Notificaciones de escritorio
account-desktop-notifications-are-on = Las notificaciones de escritorio están activadas
account-notifications-are-blocked-in-the = Las notificaciones están bloqueadas en el navegador (la página de tu cuenta explica cómo desbloquearlas)
account-set-a-status = Establecer un estado
account-sign-out = Cerrar sesión
account-sound-for-new-messages = Sonido para mensajes nuevos
account-sound-for-new-messages-is = El sonido para mensajes nuevos está activado
account-this-browser-cannot-show-notifications = Este navegador no puede mostrar notificaciones
account-turn-on-a-sound-for = Activar un sonido para mensajes nuevos
account-turn-on-desktop-notifications = Activar las notificaciones de escritorio
account-your-account = Tu cuenta
account-your-profile-prefix = Tu perfil:
account-your-profile-username-2 = Tu perfil (@{ $username })
accountpage-a-confirmation-link-is-on = Te hemos enviado un enlace de confirmación: ábrelo con la sesión iniciada aquí.
accountpage-change-password = Cambiar contraseña
accountpage-changing-it-signs-you-out = Al cambiarla se cierran tus sesiones en los demás sitios; este navegador sigue con la sesión iniciada.
accountpage-could-not-load-your-account = No se pudo cargar tu cuenta: { $message }
accountpage-current-password = Contraseña actual
accountpage-display-name = Nombre visible
accountpage-download-my-data = Descargar mis datos
accountpage-email = Correo electrónico
accountpage-enter-a-valid-email-address = Introduce una dirección de correo válida.
accountpage-enter-your-current-password = Introduce tu contraseña actual.
accountpage-name-and-email = Nombre y correo
accountpage-new-password = Contraseña nueva
accountpage-password = Contraseña
accountpage-password-changed = Contraseña cambiada.
accountpage-password-changed-ended = Contraseña cambiada. { $n ->
    [one] Se cerró otra sesión
   *[other] Se cerraron otras { $n } sesiones
  }.
accountpage-save = Guardar
accountpage-saved = Guardado.
accountpage-send-a-new-link = Enviar un enlace nuevo
accountpage-set-password = Establecer contraseña
accountpage-storage-used-of-filesize-used = Almacenamiento: { $used } de { $fileSize } en uso.
accountpage-storage-used-used-no-limit = Almacenamiento: { $used } en uso (sin límite).
accountpage-the-new-password-again = La contraseña nueva otra vez
accountpage-use-at-most-150-characters = Usa 150 caracteres como máximo.
accountpage-your-account = Tu cuenta
accountpage-your-account-the-chats-you = Tu cuenta, los chats en los que estás, cada mensaje que enviaste y los archivos que subiste, en un zip.
accountpage-your-data = Tus datos
accountpage-your-username-is-username-others = Tu nombre de usuario es @{ $username }. Los demás ven tu nombre visible en su lugar, si tienes uno.
admin-administration = Administración
admin-administration-pages = Páginas de administración
admin-bots = Bots
admin-could-not-load-the-page = No se pudo cargar la página: { $message }
admin-loading = Cargando…
admin-only-administrators-can-see-this = Solo los administradores pueden ver esta página.
admin-people-chats-invitations-and-audit = Personas, chats, invitaciones y registro de auditoría
adminaudit-audit-log = Registro de auditoría
adminaudit-bot-add-to-chat = { $who } añadió el bot { $person } { $kind ->
    [group] al grupo «{ $title }»
    [room] a la sala «{ $title }»
   *[other] al chat «{ $title }»
  }
adminaudit-bot-create = { $who } creó el bot { $person }
adminaudit-bot-delete = { $who } eliminó el bot { $person }
adminaudit-bot-remove-from-chat = { $who } quitó el bot { $person } { $kind ->
    [group] del grupo «{ $title }»
    [room] de la sala «{ $title }»
   *[other] del chat «{ $title }»
  }
adminaudit-bot-rotate-key = { $who } creó una clave nueva para el bot { $person }
adminaudit-bot-update = { $who } cambió el bot { $person }
adminaudit-chat-archive = { $who } archivó { $kind ->
    [group] el grupo «{ $title }»
    [room] la sala «{ $title }»
   *[other] el chat «{ $title }»
  }
adminaudit-chat-default = { $who } marcó la sala «{ $title }»: los recién llegados empiezan aquí
adminaudit-chat-not-default = { $who } desmarcó la sala «{ $title }»: los recién llegados ya no empiezan aquí
adminaudit-chat-remove = { $who } eliminó { $kind ->
    [group] el grupo «{ $title }»
    [room] la sala «{ $title }»
   *[other] el chat «{ $title }»
  }
adminaudit-chat-remove-member = { $who } quitó a { $person } { $kind ->
    [group] del grupo «{ $title }»
    [room] de la sala «{ $title }»
   *[other] del chat «{ $title }»
  }
adminaudit-chat-unarchive = { $who } desarchivó { $kind ->
    [group] el grupo «{ $title }»
    [room] la sala «{ $title }»
   *[other] el chat «{ $title }»
  }
adminaudit-could-not-read-the-audit = No se pudo leer el registro de auditoría: { $message }
adminaudit-detail = { $key ->
    [max_uses] usos máximos: { $value }
    [expires_at] caduca: { $value }
    [email] correo: { $value }
    [first_administrator] para el primer administrador
   *[other] { $key }: { $value }
  }
adminaudit-invitation-create = { $who } creó el enlace de invitación { $target }
adminaudit-invitation-revoke = { $who } revocó el enlace de invitación { $target }
adminaudit-message-remove = { $who } eliminó un mensaje de { $sender } { $kind ->
    [direct] en un chat directo
    [group] en el grupo «{ $title }»
    [room] en la sala «{ $title }»
   *[other] en el chat «{ $title }»
  }
adminaudit-none = ninguno
adminaudit-nothing-yet = Nada todavía.
adminaudit-older-entries = Entradas anteriores
adminaudit-other = { $who }: { $action } { $target }
adminaudit-the-command-line = La línea de comandos
adminaudit-user-confirm-email = { $who } confirmó la dirección de correo de { $person }
adminaudit-user-deactivate = { $who } desactivó a { $person }
adminaudit-user-demote = { $who } quitó a { $person } como administrador
adminaudit-user-password-reset = { $who } creó un enlace para restablecer la contraseña de { $person }
adminaudit-user-promote = { $who } hizo administrador a { $person }
adminaudit-user-reactivate = { $who } reactivó a { $person }
adminaudit-user-set-password = { $who } estableció la contraseña de { $person }
adminbots-a-bot-cannot-sign-in = Un bot no puede iniciar sesión. Los programas publican como él mediante sus URL de webhook (el formato de webhooks entrantes de Slack).
adminbots-add = Añadir
adminbots-add-username-to-a-group = Añadir a @{ $username } a un grupo o sala tuyos
adminbots-bot-key = Clave del bot
adminbots-bots = Bots
adminbots-cancel = Cancelar
adminbots-could-not-add-it-message = No se pudo añadir: { $message }
adminbots-could-not-list-the-bots = No se pudieron listar los bots: { $message }
adminbots-could-not-load-the-page = No se pudo cargar la página: { $message }
adminbots-could-not-remove-it-from = No se pudo quitar de { $name }: { $message }
adminbots-delete = Eliminar
adminbots-delete-label-its-key-and = ¿Eliminar { $label }? Su clave y sus URL de webhook dejan de funcionar al instante y sale de sus chats; sus mensajes se quedan.
adminbots-display-name-optional = Nombre visible (opcional)
adminbots-edit-webhook = Editar webhook
adminbots-give-the-bot-a-username = Ponle un nombre de usuario al bot.
adminbots-hook-url-of-the-key = URL de webhook de la clave
adminbots-hook-url-of-username-in = URL de webhook de @{ $username } en { $name }
adminbots-i-have-copied-it = Ya la he copiado
adminbots-in-chats = En { $n ->
    [one] { $n } chat
   *[other] { $n } chats
  }
adminbots-in-no-chat-yet = Todavía en ningún chat
adminbots-it-lets-a-program-post = Permite que un programa publique como el bot. Un mensaje enviado a la URL de webhook de la clave debe indicar su canal; la URL propia de cada chat no lo necesita.
adminbots-kind = { $kind ->
    [group] grupo
    [room] sala
    [direct] chat directo
   *[other] chat
  }
adminbots-kind-id = { $kind ->
    [group] Grupo { $id }
    [room] Sala { $id }
    [direct] Chat directo { $id }
   *[other] Chat { $id }
  }
adminbots-label-was-deleted = { $label } se eliminó.
adminbots-leave-it-empty-to-stop = Déjalo vacío para dejar de enviar menciones a cualquier sitio.
adminbots-loading = Cargando…
adminbots-made-by-username = creado por @{ $username }
adminbots-made-longtime = Creado { $longTime }
adminbots-make-a-new-key-for = ¿Crear una clave nueva para { $label }? La clave antigua y todas las URL de webhook de este bot dejan de funcionar al instante.
adminbots-make-bot = Crear bot
adminbots-natter-posts-to-it-when = natter envía aquí cuando alguien menciona al bot o le escribe directamente; su respuesta se convierte en la del bot.
adminbots-new-bot = Bot nuevo
adminbots-new-key = Clave nueva
adminbots-no-bots-yet = Todavía no hay bots.
adminbots-no-other-group-or-room = Ningún otro grupo ni sala tuyos
adminbots-no-outgoing-webhook-mentions-are = Sin webhook saliente: las menciones no se envían a ningún sitio.
adminbots-only-administrators-can-see-this = Solo los administradores pueden ver esta página.
adminbots-outgoing-webhook = Webhook saliente:{" "}
adminbots-outgoing-webhook-url-of-username = URL del webhook saliente de @{ $username }
adminbots-outgoing-webhook-url-optional = URL del webhook saliente (opcional)
adminbots-remove = Quitar
adminbots-remove-username-from-name = Quitar a @{ $username } de { $name }
adminbots-save = Guardar
adminbots-the-bot = el bot
adminbots-the-key-of-who-copy = La clave de { $who }. Cópiala ahora: no se volverá a mostrar.
adminbots-title-kind = { $title } ({ $kind ->
    [group] grupo
    [room] sala
   *[other] chat
  })
adminbots-username = Nombre de usuario
adminbots-yes-delete = Sí, eliminar
adminbots-yes-make-a-new-key = Sí, crear una clave nueva
adminchats-active = activo { $when }
adminchats-archive = Archivar
adminchats-archive-kind-title = Archivar { $kind ->
    [group] el grupo
    [room] la sala
   *[other] el chat
  }: { $title }
adminchats-archived = Archivado
adminchats-delete = Eliminar
adminchats-delete-kind = Eliminar { $kind ->
    [group] el grupo
    [room] la sala
   *[other] el chat
  }
adminchats-delete-kind-for-everyone-title = Eliminar { $kind ->
    [group] el grupo
    [room] la sala
   *[other] el chat
  } para todos: { $title }
adminchats-delete-this-kind = ¿Eliminar { $kind ->
    [group] este grupo
    [room] esta sala
   *[other] este chat
  }?
adminchats-everyone-who-joins-the-server = Todos los que se unen al servidor empiezan en esta sala
adminchats-group = Grupo
adminchats-group-with-no-name = Grupo sin nombre
adminchats-groups-and-rooms = Grupos y salas
adminchats-members = { $n ->
    [one] { $n } miembro
   *[other] { $n } miembros
  }
adminchats-messages = { $n ->
    [one] { $n } mensaje
   *[other] { $n } mensajes
  }
adminchats-more-chats = Más chats
adminchats-newcomers-start-here = Los recién llegados empiezan aquí
adminchats-newcomers-start-here-title = Los recién llegados empiezan aquí: { $title }
adminchats-no-group-or-room-matches = Ningún grupo ni sala coincide.
adminchats-room = Sala
adminchats-search-groups-and-rooms = Buscar grupos y salas
adminchats-title = Título
adminchats-title-is-deleted-for-all = «{ $title }» se elimina para sus { $member_count } miembros: desaparece de sus listas y nadie puede volver a abrirlo.
adminchats-unarchive = Desarchivar
adminchats-unarchive-kind-title = Desarchivar { $kind ->
    [group] el grupo
    [room] la sala
   *[other] el chat
  }: { $title }
adminemoji-add-emoji = Añadir emoji
adminemoji-added-name = Se añadió :{ $name }:.
adminemoji-could-not-add-it-message = No se pudo añadir: { $message }
adminemoji-could-not-load-the-emoji = No se pudieron cargar los emojis: { $message }
adminemoji-could-not-remove-it-message = No se pudo quitar: { $message }
adminemoji-custom-emoji = Emojis personalizados
adminemoji-give-a-name-and-a = Indica un nombre y una imagen.
adminemoji-name = Nombre
adminemoji-none-yet = Ninguno todavía.
adminemoji-on-this-server = En este servidor
adminemoji-picture-png-jpeg-gif-or = Imagen (PNG, JPEG, GIF o WebP, hasta 1 MB)
adminemoji-remove = Quitar
adminemoji-remove-name = Quitar :{ $name }:
adminemoji-removed-name-messages-that-used = Se quitó :{ $name }:. Los mensajes que lo usaban muestran su nombre.
adminemoji-used-as-name-lower-case = Se usa como :nombre: — minúsculas, dígitos, _, - y +.
admininvites-1-day = 1 día
admininvites-12-hours = 12 horas
admininvites-30-days = 30 días
admininvites-30-minutes = 30 minutos
admininvites-7-days = 7 días
admininvites-could-not-list-invitations-message = No se pudieron listar las invitaciones: { $message }
admininvites-could-not-make-the-invitation = No se pudo crear la invitación: { $value }
admininvites-could-not-revoke-it-message = No se pudo revocar: { $message }
admininvites-enter-a-whole-number-of = Introduce un número entero de al menos 1, o déjalo vacío para no poner límite.
admininvites-expired = Caducada
admininvites-expires-after = Caduca en
admininvites-expires-longtime = caduca { $longTime }
admininvites-how-many-accounts-it-can = Cuántas cuentas puede crear; vacío para no poner límite.
admininvites-invitation-made-send-this-link = Invitación creada. Envía este enlace: { $describe }.
admininvites-invitation-revoked-its-link-no = Invitación revocada: su enlace ya no funciona.
admininvites-invitations = Invitaciones
admininvites-made-by-username = creada por @{ $username }
admininvites-made-so-far = Creadas hasta ahora
admininvites-make-invitation = Crear invitación
admininvites-never = Nunca
admininvites-never-expires = no caduca
admininvites-none-yet = Ninguna todavía.
admininvites-not-valid = No válida
admininvites-revoke = Revocar
admininvites-revoke-invitation-code = Revocar la invitación { $code }
admininvites-revoked = Revocada
admininvites-sent-by-mail = El enlace se envió por correo a { $list }.
admininvites-used-no-limit = usada { $n ->
    [one] { $n } vez
   *[other] { $n } veces
  }, sin límite
admininvites-used-up = Agotada
admininvites-used-used-of-max-uses = usada { $used } de { $max_uses }
admininvites-uses = Usos
admininvites-valid = Válida
adminpeople-active = Activo
adminpeople-administrator = Administrador
adminpeople-deactivate = Desactivar
adminpeople-deactivated = Desactivado
adminpeople-email-unconfirmed = Correo sin confirmar
adminpeople-last-seen-longtime = Visto por última vez { $longTime }
adminpeople-last-seen-shorttime = visto { $shortTime }
adminpeople-make-admin = Hacer administrador
adminpeople-more-people = Más personas
adminpeople-name-username-or-email = Nombre, usuario o correo
adminpeople-never-seen = nunca visto
adminpeople-no-mail-with-messages-goes = No se envían correos con mensajes a esta dirección; ninguna importación ni proveedor de inicio de sesión la usa
adminpeople-nobody-matches = Nadie coincide.
adminpeople-people = Personas
adminpeople-reactivate = Reactivar
adminpeople-remove-admin = Quitar administrador
adminpeople-reset-password = Restablecer contraseña
adminpeople-search-people = Buscar personas
adminpeople-send-link = Envía este enlace a { $name }; funciona una vez.
adminpeople-send-link-until = Envía este enlace a { $name }; funciona una vez, hasta { $until }.
adminpeople-the-server-sent-no-link = El servidor no envió ningún enlace.
adminpeople-you = Tú
api-correct-fields = Corrige los campos marcados abajo.
api-forbidden = No tienes permiso para hacer eso.
api-not-found = No encontrado.
api-offline = No se puede conectar con el servidor. Comprueba tu conexión.
api-request-failed = La solicitud falló ({ $status }).
api-server-problem = El servidor tuvo un problema. Inténtalo de nuevo.
api-sign-in = Inicia sesión.
api-too-large = Es demasiado grande para el servidor.
api-too-many-attempts = Demasiados intentos desde tu red. Vuelve a intentarlo en un minuto.
api-too-many-requests = Demasiadas solicitudes. Espera un momento y vuelve a intentarlo.
api-upload-cancelled = Subida cancelada.
app-chats-and-search = Chats y búsqueda
app-connecting = Conectando…
app-connection-lost-reconnecting = Conexión perdida: reconectando…
app-dismiss = Cerrar
app-mentions = Menciones
app-mentions-n-unread = Menciones, { $n } sin leer
app-new-group = Grupo nuevo
app-new-message = Mensaje nuevo
app-new-message-from-title = Mensaje nuevo de { $title }
app-online = En línea
app-open = Abrir
app-reminder = Recordatorio
app-rooms = Salas
app-sent-a-file = envió un archivo
app-that-message-is-not-available = Ese mensaje no está disponible: se eliminó o no estás en su chat.
app-who-in-a-thread-in = { $who } en un hilo de { $chat }
app-who-in-chat = { $who } en { $chat }
attachments-this-kind-cannot-be-played = { $kind ->
    [audio] Este audio no se puede reproducir aquí; descárgalo.
   *[other] Este vídeo no se puede reproducir aquí; descárgalo.
  }
attachments-view-name = Ver { $name }
auth-a-username-needs-at-least = Un nombre de usuario necesita al menos un carácter que no sea un dígito.
auth-code-from-your-authenticator-app = Código de tu aplicación de autenticación (o un código de recuperación)
auth-create-account = Crear cuenta
auth-create-an-account = Crear una cuenta
auth-create-your-account = Crea tu cuenta
auth-display-name-optional = Nombre visible (opcional)
auth-email = Correo electrónico
auth-enter-a-valid-email-address = Introduce una dirección de correo válida.
auth-enter-the-code-from-your = Introduce el código de tu aplicación de autenticación (o un código de recuperación) para terminar de iniciar sesión.
auth-enter-the-code-your-authenticator = Introduce el código que muestra tu aplicación de autenticación.
auth-enter-your-password = Introduce tu contraseña.
auth-enter-your-username-or-email = Introduce tu nombre de usuario o correo.
auth-forgot-password = ¿Olvidaste la contraseña?
auth-i-already-have-an-account = Ya tengo una cuenta
auth-invitation-code = Código de invitación
auth-new-accounts-come-from-an = Las cuentas nuevas las crea un administrador de este servidor.
auth-new-here = ¿Eres nuevo?{" "}
auth-password = Contraseña
auth-sign-in = Iniciar sesión
auth-sign-in-to-natter = Inicia sesión en natter
auth-that-code-is-wrong-expired = Ese código es incorrecto, caducó o ya se usó.
auth-this-server-has-no-account = Este servidor todavía no tiene cuentas. Su primer administrador se registra con el enlace del registro del servidor («the first administrator signs up at …»); los demás necesitan una invitación suya.
auth-this-server-is-by-invitation = Este servidor es solo por invitación: pide a un administrador un enlace de invitación y ábrelo para crear tu cuenta.
auth-use-1-150-letters-digits = Usa de 1 a 150 letras, dígitos o los caracteres @ . + - _.
auth-use-at-least-8-characters = Usa al menos 8 caracteres.
auth-use-at-most-150-characters = Usa 150 caracteres como máximo.
auth-username = Nombre de usuario
auth-username-or-email = Nombre de usuario o correo
auth-wrong-username-or-password = Nombre de usuario o contraseña incorrectos.
auth-you-were-invited-to-natter = Te invitaron a natter. Elige un nombre de usuario y una contraseña para crear tu cuenta.
auth-your-account-was-created-but = Tu cuenta se creó, pero no se pudo iniciar sesión: { $message }
call-call-controls = Controles de la llamada
call-call-title = Llamada · { $title }
call-name-you = { $name } (tú)
call-camera-off = cámara apagada
call-camera-off-2 = Cámara apagada
call-camera-off-turn-on = Cámara apagada: encender
call-camera-on-turn-off = Cámara encendida: apagar
call-close = Cerrar
call-connecting = conectando…
call-connection-lost = conexión perdida…
call-could-not-connect = no se pudo conectar
call-leave-the-call = Salir de la llamada
call-microphone-off = micrófono apagado
call-microphone-off-2 = Micrófono apagado
call-microphone-off-turn-on = Micrófono apagado: encender
call-microphone-on-turn-off = Micrófono encendido: apagar
call-minimise-the-call-it-goes = Minimizar la llamada (sigue en curso)
call-share-your-screen = Compartir tu pantalla
call-stop-sharing-your-screen = Dejar de compartir la pantalla
callbar-call-in-progress-names = Llamada en curso: { $names }
callbar-join-call = Unirse a la llamada
callbar-return-to-call = Volver a la llamada
callbar-you-are-in-a-call = Estás en una llamada con { $names }
callbar-you-are-in-a-call-2 = Estás en una llamada, esperando a los demás
callbar-you-are-in-this-call = Estás en esta llamada en otra pestaña, con { $names }
callbar-you-are-in-this-call-2 = Estás en esta llamada en otra pestaña
callrecord-caller-called-duration-with-names = { $caller } llamó · { $duration } · participantes: { $names }
callrecord-caller-started-a-call-in = { $caller } inició una llamada · en curso
callrecord-floor-h-value-min = { $floor } h { $value } min
callrecord-missed-call-from-caller = Llamada perdida de { $caller }
callrecord-someone = Alguien
callrecord-you = Tú
callrecord-you-mid = tú
callrecord-you-called-no-one-answered = Llamaste · nadie respondió
calls-could-not-connect-to-someone = No se pudo conectar con alguien de la llamada; este servidor no tiene un relé TURN configurado, así que personas en redes distintas pueden no llegar a conectarse.
calls-could-not-connect-to-someone-2 = No se pudo conectar con alguien de la llamada, ni siquiera a través del relé del servidor. Revisa tu red y vuelve a unirte.
calls-could-not-reach-the-server-that = No se pudo llegar al servidor que lleva el sonido y la imagen de esta llamada. Revisa tu red y vuelve a unirte.
calls-joining-the-call = Uniéndote a la llamada…
calls-reconnecting-to-the-call = Reconectando a la llamada…
calls-screen-sharing-was-cancelled-or = Se canceló la pantalla compartida o aquí no está permitida.
calls-someone = Alguien
calls-starting-your-microphone-and-camera = Iniciando tu micrófono y tu cámara…
calls-this-call-is-full-it = Esta llamada está llena: ya tiene tantas personas como permite este servidor en una llamada. Vuelve a intentarlo cuando alguien salga.
calls-value-people-in-the-call = { $value } personas en la llamada
calls-waiting-for-others-to-join = Esperando a que se unan los demás…
calls-waiting-for-the-connection-to = Esperando la conexión con el servidor…
calls-who-declined = { $who } rechazó
calls-who-declined-the-call = { $who } rechazó la llamada
calls-who-is-calling-you = { $who } te está llamando
calls-who-started-a-call-in = { $who } inició una llamada en { $chatTitle }
calls-you-are-no-longer-in = Ya no estás en este chat, así que saliste de su llamada.
chat-archived = {" "}· archivado
chat-are-typing = { $names } y { $last } están escribiendo…
chat-back-to-chats = Volver a los chats
chat-chat-details-and-members = Detalles y miembros del chat
chat-conversation = Conversación
chat-could-not-load-messages-message = No se pudieron cargar los mensajes: { $message }
chat-could-not-load-older-messages = No se pudieron cargar los mensajes anteriores: { $message }
chat-could-not-react-message = No se pudo reaccionar: { $message }
chat-delete = Eliminar
chat-delete-this-message = ¿Eliminar este mensaje?
chat-direct-message = Mensaje directo
chat-group = Grupo
chat-it-is-deleted-for-everyone = Se elimina para todos en este chat. No se puede deshacer.
chat-kind-members = { $kind } · { $n ->
    [one] { $n } miembro
   *[other] { $n } miembros
  }
chat-loading-messages = Cargando mensajes…
chat-loading-older-messages = Cargando mensajes anteriores…
chat-messages = Mensajes
chat-name-says = { $name }: { $text }
chat-name-sent-a-file = { $name } envió un archivo
chat-no-messages-yet-say-hello = Todavía no hay mensajes. ¡Saluda!
chat-pick-a-chat-find-someone = Elige un chat, busca a alguien o únete a una sala.
chat-remove-for-everyone = Quitar para todos
chat-remove-this-message = ¿Quitar este mensaje?
chat-room = Sala
chat-saved-find-it-under-saved = Guardado. Lo encontrarás en Guardados.
chat-several-people-are-typing = Varias personas están escribiendo…
chat-showing-from = Mostrando el mensaje de { $name }
chat-showing-from-you = Mostrando tu mensaje
chat-start-of-the-conversation = Inicio de la conversación
chat-start-or-join-a-call = Iniciar una llamada o unirse
chat-that-message-is-not-in = Ese mensaje ya no está en este chat o es demasiado antiguo para cargarlo.
chat-the-message-by-username-is = El mensaje de { $userName } se quita para todos en este chat: en su lugar queda «eliminado por un administrador». No se puede deshacer.
chat-this-chat-is-archived-you = Este chat está archivado: puedes leerlo, pero nadie puede publicar en él.
chat-value-is-typing = { $value } está escribiendo…
chat-you = Tú
chatinfo-add-people = Añadir personas
chatinfo-admin = admin
chatinfo-name-you = { $name } (tú)
chatinfo-administrator = Administrador:
chatinfo-archive-kind = Archivar { $kind ->
    [group] el grupo
    [room] la sala
   *[other] el chat
  }
chatinfo-chattitle-is-deleted-for-all = «{ $chatTitle }» se elimina para sus { $value } miembros: desaparece de sus listas y nadie puede volver a abrirlo.
chatinfo-could-not-add-username = No se pudo añadir a { $userName }: { $message }
chatinfo-could-not-archive = No se pudo archivar: { $message }
chatinfo-could-not-leave = No se pudo salir: { $message }
chatinfo-could-not-load-the-details = No se pudieron cargar los detalles: { $message }
chatinfo-could-not-remove-username = No se pudo quitar a { $userName }: { $message }
chatinfo-could-not-unarchive = No se pudo desarchivar: { $message }
chatinfo-delete-kind = Eliminar { $kind ->
    [group] el grupo
    [room] la sala
   *[other] el chat
  }
chatinfo-delete-kind-for-everyone = Eliminar { $kind ->
    [group] el grupo
    [room] la sala
   *[other] el chat
  } para todos
chatinfo-delete-this-kind = ¿Eliminar { $kind ->
    [group] este grupo
    [room] esta sala
   *[other] este chat
  }?
chatinfo-give-the-kind-a-name = Ponle un nombre { $kind ->
    [group] al grupo
    [room] a la sala
   *[other] al chat
  }.
chatinfo-leave-kind = Salir { $kind ->
    [group] del grupo
    [room] de la sala
   *[other] del chat
  }
chatinfo-loading = Cargando…
chatinfo-members-length = Miembros ({ $length })
chatinfo-name-of-the-kind = Nombre { $kind ->
    [group] del grupo
    [room] de la sala
   *[other] del chat
  }
chatinfo-only-admins-can-rename-the = Solo los administradores pueden renombrar { $kind ->
    [group] el grupo
    [room] la sala
   *[other] el chat
  } o añadir personas.
chatinfo-remove-username = Quitar a { $userName }
chatinfo-rename = Renombrar
chatinfo-stay = Quedarse
chatinfo-unarchive-kind = Desarchivar { $kind ->
    [group] el grupo
    [room] la sala
   *[other] el chat
  }
chatinfo-yes-leave = Sí, salir
chatlist-archived = Archivado
chatlist-archived-read-only = Archivado: solo lectura
chatlist-chats = Chats
chatlist-could-not-load-chats-message = No se pudieron cargar los chats: { $message }
chatlist-direct = Directo
chatlist-direct-messages = Mensajes directos
chatlist-file-name = Archivo: { $name }
chatlist-group = Grupo
chatlist-groups = Grupos
chatlist-loading-chats = Cargando chats…
chatlist-mentions-of-you = { $n ->
    [one] { $n } mención
   *[other] { $n } menciones
  } a ti
chatlist-muted = Silenciado
chatlist-muted-no-notifications = Silenciado: sin notificaciones
chatlist-no-chats-yet-find-someone = Todavía no hay chats. Busca a alguien arriba, crea un grupo o únete a una sala.
chatlist-no-messages-yet = Todavía no hay mensajes
chatlist-picture-name = Imagen: { $name }
chatlist-room = Sala
chatlist-rooms = Salas
chatlist-star-title = Destacar { $title }
chatlist-star-title-keep-it-at = Destacar { $title }: mantenerlo arriba
chatlist-starred = Destacados
chatlist-starred-kept-at-the-top = Destacado: se mantiene arriba. Quitar el destacado de { $title }
chatlist-unread = { $n ->
    [one] { $n } mensaje sin leer
   *[other] { $n } mensajes sin leer
  }
chatlist-unread-natter = ({ $unread }) natter
chatlist-unread-quiet = { $n ->
    [one] { $n } mensaje sin leer, sin notificación
   *[other] { $n } mensajes sin leer, sin notificación
  }
chatlist-you = Tú
chatlist-you-were-mentioned = Te mencionaron
chatpresence-it-is-local-time-for = {" "}(allí son las { $local_time })
chatpresence-it-is-local-time-for-2 = Para { $name } son las { $local_time }.
chatpresence-name-is-in-quiet-hours = { $name } está en horas de silencio{ $at }: ahora no recibe notificaciones y verá tu mensaje más tarde.
chatpresence-status-words = Estado: { $words }.
combobox-nothing-found = No se encontró nada.
combobox-results = { $n ->
    [one] { $n } resultado
   *[other] { $n } resultados
  }
composer-attach-a-file = Adjuntar un archivo
composer-attachments = Adjuntos
composer-cancel-uploading-name = Cancelar la subida de { $name }
composer-failed-error = (falló: { $error })
composer-insert-an-emoji = Insertar un emoji
composer-insert-emoji = Insertar emoji
composer-message = Mensaje
composer-not-sent-message = No enviado: { $message }
composer-remove-name = Quitar { $name }
composer-send = Enviar
composer-the-server-gave-the-file = el servidor no dio un id al archivo
composer-uploading-name = Subiendo { $name }
composer-uploading-pct = (subiendo… { $pct } %)
composer-write-a-message = Escribe un mensaje
confirm-cancel = Cancelar
dom-chat-id = Chat { $id }
dom-close = Cerrar
dom-name-deactivated = { $name } (desactivado)
dom-n-more = { $n } más
dom-room-id = Sala { $id }
dom-someone = Alguien
dom-value-kb = { $value } KB
dom-value-mb = { $value } MB
emojicomplete-emoji = Emoji
emojipicker-arrow-keys-move-enter-picks = Las flechas mueven, Intro elige, Escape cierra
emojipicker-category = { $category ->
    [Smileys] Emoticonos
    [People] Personas
    [Nature] Animales y naturaleza
    [Food] Comida y bebida
    [Activities] Actividades
    [Travel] Viajes y lugares
    [Objects] Objetos
    [Symbols] Símbolos
   *[other] { $category }
  }
emojipicker-custom = Personalizados
emojipicker-n-emoji-match = { $n } emojis coinciden
emojipicker-no-emoji-match-that-name = Ningún emoji coincide con ese nombre.
emojipicker-search-emoji = Buscar emoji
emojipicker-search-emoji-by-name = Buscar emoji por nombre
finder-chats = Chats
finder-chats-they-are-in = Chats en los que está
finder-could-not-join-name-message = No se pudo entrar en { $name }: { $message }
finder-could-not-start-the-chat = No se pudo iniciar el chat: { $message }
finder-direct = Directo
finder-group = Grupo
finder-members-join = { $n ->
    [one] { $n } miembro
   *[other] { $n } miembros
  } · unirse
finder-nobody-found = No se encontró a nadie.
finder-people = Personas
finder-room = Sala
finder-rooms-to-join = Salas para unirse
finder-search-chats-rooms-and-people = Buscar chats, salas y personas
finder-search-chats-rooms-people = Buscar chats, salas, personas
firstday-a-direct-chat-is-just = Un chat directo es solo entre tú y otra persona.{" "}
firstday-browse-the-rooms = Explora las salas
firstday-dismiss = Cerrar
firstday-everyone-who-joins-starts-in = Todos los que se unen empiezan en las salas marcadas allí con «Los recién llegados empiezan aquí».
firstday-go-to-invitations = Ir a invitaciones
firstday-groups-are-private-only-the = Los grupos son privados: solo los ven las personas añadidas.{" "}
firstday-or = {" "}o{" "}
firstday-rooms-are-open-conversations-anyone = Las salas son conversaciones abiertas que cualquiera de aquí puede encontrar y unirse, una por equipo o tema.{" "}
firstday-see-who-is-here = mira quién está aquí
firstday-the-shield-at-the-top = (el escudo arriba a la derecha), en Invitaciones, y envía su enlace.{" "}
firstday-to-say-hello = {" "}para saludar.
firstday-welcome-you-are-in-no = ¡Te damos la bienvenida! Todavía no estás en ningún chat.{" "}
firstday-you-run-this-server-to = Tú gestionas este servidor. Para que entre tu equipo, crea una invitación en la página de Administración{" "}
forgot-back-to-sign-in = Volver a iniciar sesión
forgot-enter-your-username-or-email = Introduce tu nombre de usuario o correo.
forgot-forgot-your-password = ¿Olvidaste tu contraseña?
forgot-if-that-account-exists-and = Si esa cuenta existe y tiene una dirección de correo, hemos enviado un correo con un enlace.
forgot-send-me-a-link = Enviarme un enlace
forgot-the-link-lets-you-choose = El enlace te permite elegir una contraseña nueva.
forgot-they-make-one-on-the = lo crea en la página de Administración, en Personas, con «Restablecer contraseña».{" "}
forgot-this-server-sends-no-mail = Este servidor no envía correos. Pide a un administrador de este servidor un enlace para restablecerla:{" "}
forgot-username-or-email = Nombre de usuario o correo
forgot-we-mail-a-link-to = Enviamos un enlace para elegir una contraseña nueva a la dirección de tu cuenta.
formathelp-a-block-of-code = un bloque de código
formathelp-a-link = un enlace
formathelp-a-list = una lista
formathelp-a-quote = una cita
formathelp-a-that-stays-a = un * que sigue siendo *
formathelp-bold-ctrl-b = negrita (Ctrl+B)
formathelp-bold-syntax = {"*"}*negrita**
formathelp-formatting = Formato
formathelp-formatting-help = Ayuda de formato
formathelp-italic-ctrl-i = cursiva (Ctrl+I)
formathelp-messages-are-sent-as-typed = Los mensajes se envían tal como se escriben; natter muestra el formato.
forms-the-two-passwords-differ = Las dos contraseñas no coinciden.
forms-use-at-least-8-characters = Usa al menos 8 caracteres.
groupdialog-add-at-least-one-person = Añade al menos una persona.
groupdialog-add-people = Añadir personas
groupdialog-create-group = Crear grupo
groupdialog-give-the-group-a-name = Ponle un nombre al grupo.
groupdialog-group-name = Nombre del grupo
groupdialog-members = Miembros
groupdialog-new-group = Grupo nuevo
groupdialog-remove-username = Quitar a { $userName }
groupsdirectory-add-people-to-handle = Añadir personas a @{ $handle }
groupsdirectory-design-team = Equipo de diseño
groupsdirectory-give-the-group-a-handle = Ponle un identificador al grupo.
groupsdirectory-groups = Grupos
groupsdirectory-loading = Cargando…
groupsdirectory-loading-groups = Cargando grupos…
groupsdirectory-make-group = Crear grupo
groupsdirectory-members = Miembros
groupsdirectory-mention-a-group-with-and = Menciona un grupo con @ y su identificador: se notifica a sus miembros en ese chat.
groupsdirectory-name = Nombre
groupsdirectory-no-groups-yet = Todavía no hay grupos.
groupsdirectory-people = { $n ->
    [one] { $n } persona
   *[other] { $n } personas
  }
groupsdirectory-remove-handle = Quitar @{ $handle }
groupsdirectory-take-username-out-of-handle = Sacar a { $userName } de @{ $handle }
groupsdirectory-handle-example = diseno
history-new-messages = Mensajes nuevos
inviteemails-email-addresses-separated-by-commas = Direcciones de correo, separadas por comas o saltos de línea (como máximo { $MAX_EMAILS }); cada una recibe el enlace de invitación por correo.
inviteemails-give-at-most-max-emails = Indica como máximo { $MAX_EMAILS } direcciones (has indicado { $length }).
inviteemails-not-addresses = { $n ->
    [one] Esta no es una dirección de correo
   *[other] Estas no son direcciones de correo
  }: { $list }.
inviteemails-send-the-link-to-optional = Enviar el enlace a (opcional)
inviteemails-example-addresses = ana@example.org, bruno@example.org
levels-all-messages = Todos los mensajes
levels-mentions-only = Solo menciones
levels-nothing-muted = Nada (silenciado)
linkpreviews-remove-preview = Quitar la vista previa
main-loading = Cargando…
main-natter-could-not-start-message = natter no pudo iniciarse: { $message }
main-sign-in-to-the-account = Inicia sesión en la cuenta para confirmar su dirección de correo.
main-try-again = Reintentar
main-you-are-already-signed-in = Ya has iniciado sesión, así que no se usó la invitación.
main-you-are-offline-natter-cannot = Estás sin conexión: natter no puede llegar a su servidor. Se iniciará solo en cuanto pueda.
main-your-email-address-is-confirmed = Tu dirección de correo está confirmada.
main-your-email-address-was-not = Tu dirección de correo no se confirmó: { $message }
main-your-new-password-is-set = Tu contraseña nueva está establecida. Inicia sesión con ella.
matrixapps-element-fluffychat-nheko = Element (web y escritorio), FluffyChat y nheko: escribe la dirección exactamente como se muestra.
matrixapps-element-x-neochat = Element X y NeoChat: solo inician sesión por https, así que natter debe servirse detrás de TLS (con su propio certificado o con un proxy delante) y con su nombre de servidor Matrix como host. NeoChat pide tu ID de Matrix y encuentra el servidor a partir de él.
matrixapps-homeserver-address = Dirección del servidor base
matrixapps-intro = Las aplicaciones de Matrix abren los mismos chats, mensajes directos e hilos. En la aplicación, cambia el servidor base a esta dirección e inicia sesión con tu nombre de usuario y contraseña de natter, o con el inicio de sesión único.
matrixapps-matrix-id = ID de Matrix
matrixapps-not-https = Esta página se sirve por http sin cifrar, así que Element X y NeoChat todavía no pueden iniciar sesión aquí: pide a un administrador que sirva natter por https.
matrixapps-use-natter-in-an-app = Usar natter en una aplicación
matrixapps-what-each-app-needs = Qué necesita cada aplicación
matrixsso-an-app-asks = Una aplicación pide iniciar sesión en natter como { $name } (@{ $username }).
matrixsso-an-app-asks-username = Una aplicación pide iniciar sesión en natter como @{ $username }.
matrixsso-an-app-at-origin-asks = Una aplicación en { $origin } pide iniciar sesión en natter como { $name } (@{ $username }).
matrixsso-an-app-at-origin-asks-username = Una aplicación en { $origin } pide iniciar sesión en natter como @{ $username }.
matrixsso-cancel = Cancelar
matrixsso-continue = Continuar
matrixsso-continue-only-if-you-started = Continúa solo si empezaste tú este inicio de sesión, en esa aplicación. La aplicación podrá leer y enviar mensajes en tu nombre.
matrixsso-continue-only-if-you-trust = Continúa solo si empezaste tú este inicio de sesión, en una aplicación de confianza, y esperas volver a { $place }. Cualquiera puede dar a una aplicación el nombre que quiera, también «Element»: natter no comprueba los nombres. La aplicación podrá leer y enviar mensajes en tu nombre.
matrixsso-open-natter = Abrir natter
matrixsso-registered-here = Registrada aquí
matrixsso-registered-less-than-a-day = Esta aplicación se registró aquí { $when }, hace menos de un día. Una aplicación que usas desde hace tiempo se registró mucho antes: si no acabas de añadirla tú, puede que alguien esté haciendo pasar su aplicación por otra.
matrixsso-sends-you-back-to = Vuelves a
matrixsso-sign-in-to-an-app = Iniciar sesión en una aplicación
matrixsso-the-name-the-app-gives = El nombre que se da la aplicación (sin comprobar)
matrixsso-the-server-did-not-say = El servidor no indicó adónde enviarte. Inténtalo de nuevo.
matrixsso-the-website-the-app-names = El sitio web que indica la aplicación (sin comprobar)
matrixsso-this-sign-in-has-ended = Este inicio de sesión ha terminado o ya se permitió. Vuelve a empezarlo desde la aplicación.
matrixsso-you-are-sent-back-to = Vuelves a la aplicación, que termina de iniciar tu sesión. Puedes cerrar esta página o abrir natter aquí.
media-this-browser-cannot-use-a = Este navegador no puede usar un micrófono ni una cámara aquí (hace falta una conexión segura).
media-your-camera-is-not-available = Tu cámara no está disponible; estás en la llamada solo con sonido.
media-your-microphone-and-camera-are = Tu micrófono y tu cámara no están disponibles; los demás no te oirán ni te verán.
mentionpicker-group-notifies = Grupo: { $name }, { $n ->
    [one] { $n } persona
   *[other] { $n } personas
  }; notifica a quienes estén en este chat
mentionpicker-notifies-everyone-in-this-chat = Notifica a todos en este chat que estuvieron activos en los últimos 5 minutos
mentionpicker-notifies-everyone-in-this-chat-2 = Notifica a todos en este chat
mentionpicker-people-in-this-chat = Personas en este chat
mentions-chat-chat-id = Chat { $chat_id }
mentions-could-not-list-more-mentions = No se pudieron listar más menciones: { $message }
mentions-could-not-list-your-mentions = No se pudieron listar tus menciones: { $message }
mentions-could-not-mark-them-read = No se pudieron marcar como leídas: { $message }
mentions-group-of = { $name }: un grupo de { $n ->
    [one] { $n } persona
   *[other] { $n } personas
  }
mentions-load-more = Cargar más
mentions-loading = Cargando…
mentions-mark-all-read = Marcar todo como leído
mentions-mentions = Menciones
mentions-messages-that-mention-you = Mensajes que te mencionan
mentions-n-unread = { $n ->
    [one] { $n } mención sin leer
   *[other] { $n } menciones sin leer
  }
mentions-nobody-has-mentioned-you-yet = Nadie te ha mencionado todavía.
mentions-open-the-thread = Abrir el hilo
mentions-reply = Responder
mentions-reply-in-a-thread = Responder en un hilo
message-a-bot-its-messages-are = Un bot: sus mensajes los envía un programa
message-a-message-cannot-be-empty = Un mensaje no puede estar vacío. Elimínalo en su lugar.
message-bot = BOT
message-cancel = Cancelar
message-delete = Eliminar
message-delete-as-administrator = Eliminar como administrador
message-edit = Editar
message-edit-message = Editar mensaje
message-edited = (editado)
message-escape-closes = Escape cierra
message-heart = corazón
message-laughing = risa
message-more = Más…
message-more-reactions = Más reacciones
message-pick-a-reaction = Elige una reacción
message-react = Reaccionar
message-react-with-name = Reaccionar con { $name }
message-reply = Responder
message-reply-in-thread = Responder en el hilo
message-sad = triste
message-save = Guardar
message-seen-by = Visto por { $names }
message-seen-by-n-more = { $n } más
message-sent = Enviado
message-surprised = sorpresa
message-thumbs-up = pulgar arriba
message-you = Tú
message-you-joined = Te uniste
message-name-joined = { $name } se unió
message-party = fiesta
message-reaction-count = { $emoji } { $count }
message-reaction-count-names = { $emoji } { $count }: { $names }
messagelinks-sent-a-file = envió un archivo
missedmail-1-hour = 1 hora
missedmail-10-minutes = 10 minutos
missedmail-after = Después de{" "}
missedmail-could-not-save-it-message = No se pudo guardar: { $message }
missedmail-email-me-about-mentions-and = Avisarme por correo de las menciones y mensajes directos que me pierda
missedmail-hours = { $n ->
    [one] { $n } hora
   *[other] { $n } horas
  }
missedmail-mail-about-what-you-miss = Correo sobre lo que te pierdes
missedmail-minutes = { $n ->
    [one] { $n } minuto
   *[other] { $n } minutos
  }
missedmail-saved-mail-after-spoken = Guardado: correo después de { $spoken }.
missedmail-saved-no-mail-about-what = Guardado: sin correo sobre lo que te pierdes.
missedmail-saved-you-get-a-mail = Guardado: recibirás un correo sobre lo que te pierdas.
missedmail-seconds = { $n ->
    [one] { $n } segundo
   *[other] { $n } segundos
  }
missedmail-sent-to-your-email-address = Se envía a tu dirección de correo cuando una mención o un mensaje directo sigue sin leer después de { $after }; como máximo un correo cada { $after }.
missedmail-spoken-the-server-s-setting = { $spoken } (la configuración del servidor)
msgmore-copy-link = Copiar enlace
msgmore-link-copied = Enlace copiado
msgmore-link-to-this-message = Enlace a este mensaje
msgmore-message-link = enlace del mensaje
msgmore-more-actions = Más acciones
msgmore-people-in-this-chat-who = Las personas de este chat que lo abran verán el mensaje; a los demás se les dice que no está disponible.
msgmore-pin-to-this-chat = Fijar en este chat
msgmore-pinned = Fijado
msgmore-save-for-later = Guardar para más tarde
msgmore-unpin-from-this-chat = Dejar de fijar en este chat
msgsearch-also-after-on = también after:, on:
msgsearch-chat = Chat
msgsearch-image-link-reaction-pin = image, link, reaction, pin
msgsearch-in-a-direct-chat = en un chat directo
msgsearch-in-a-room = en una sala
msgsearch-messages = Mensajes
msgsearch-no-messages-found = No se encontraron mensajes
msgsearch-or-is-saved = o is:saved
msgsearch-people = Personas
msgsearch-rooms = Salas
msgsearch-search-messages = Buscar mensajes
msgsearch-search-messages-2 = Buscar mensajes ( / )
msgsearch-search-operators = Operadores de búsqueda
msgsearch-sent-by = enviado por
msgsearch-without-it = sin ella
msgsearch-you = Tú
newmessage-add-at-least-one-person = Añade al menos una persona.
newmessage-could-not-open-the-chat = No se pudo abrir el chat: { $message }
newmessage-new-message = Mensaje nuevo
newmessage-one-person-your-direct-chat = Una persona: tu chat directo con ella. Varias: un grupo de todos vosotros, con el nombre de sus miembros.
newmessage-open-chat = Abrir chat
newmessage-open-group-of-value = Abrir el grupo de { $value }
newmessage-remove-username = Quitar a { $userName }
newmessage-to = Para
newmessage-to-a-name-or-username = Para: un nombre o nombre de usuario
notice-you-were-signed-out-sign = Se cerró tu sesión. Vuelve a iniciarla para continuar.
notify-notifications-are-blocked-for-this = Las notificaciones están bloqueadas para este sitio. Para desbloquearlas, abre la configuración del sitio{" "}
notify-push-unavailable-in-this-browser = Notificaciones push no disponibles en este navegador: { $missing }.
notify-pushes-arrive-even-with-natter = Las notificaciones push llegan incluso con natter cerrado.
notify-subscribing-this-browser-to-pushes = Suscribiendo este navegador a las notificaciones push…
notify-the-icon-left-of-the = (el icono a la izquierda de la dirección), permite las notificaciones y recarga la página.
notify-this-browser-cannot-show-notifications = Este navegador no puede mostrar notificaciones.
notifylevel-could-not-change-it-message = No se pudo cambiar: { $message }
notifylevel-default-value = Predeterminado ({ $value })
notifylevel-notify-me = Notificarme
notifylevel-saved-value = Guardado: { $value }.
notifylevel-saving = Guardando…
notifyprompt-get-notified-of-new-messages = ¿Quieres recibir notificaciones de mensajes nuevos cuando natter esté en segundo plano? Puedes cambiarlo después con la campana de arriba.
notifyprompt-not-now = Ahora no
notifyprompt-turn-on-notifications = Activar notificaciones
notifysettings-allowed-you-are-notified-of = Permitidas: recibes notificaciones de los mensajes en chats que no estás mirando.
notifysettings-blocked-blocked = Bloqueadas. { $BLOCKED }
notifysettings-each-chat-s-details-say = Los detalles de cada chat indican de qué te notifica: todos los mensajes, solo menciones o nada.
notifysettings-notifications-on-this-device = Notificaciones en este dispositivo
notifysettings-off-allowed-by-the-browser = Desactivadas (permitidas por el navegador).
notifysettings-off-turn-them-on-and = Desactivadas. Actívalas y el navegador te pedirá permiso.
notifysettings-turn-off = Desactivar
notifysettings-turn-on = Activar
notifysettings-unsupported-this-browser-cannot-show = No compatible: este navegador no puede mostrar notificaciones.
page-back-to-chats = Volver a los chats
page-copied = Copiado.
page-copy = Copiar
page-copy-label = Copiar { $label }
page-could-not-list-more-what = { $what ->
    [people] No se pudieron listar más personas: { $message }
    [chats] No se pudieron listar más grupos y salas: { $message }
    [audit] No se pudieron listar las entradas anteriores: { $message }
   *[other] No se pudo cargar más: { $message }
  }
page-could-not-list-what-message = { $what ->
    [people] No se pudieron listar las personas: { $message }
    [chats] No se pudieron listar los grupos y salas: { $message }
   *[other] No se pudo cargar la lista: { $message }
  }
page-link-to-send = Enlace para enviar
page-search = Buscar
page-selected-press-ctrl-c-or = Seleccionado: pulsa Ctrl+C (o ⌘C) para copiar.
page-action-on-whom = { $action }: { $whom }
people-administrator = Administrador
people-could-not-open-the-chat = No se pudo abrir el chat: { $message }
people-everyone-here = Todos aquí
people-everyone-on-this-server-message = Todos en este servidor. «Mensaje» abre tu chat directo con esa persona.
people-in-quiet-hours-no-notifications = En horas de silencio: sin notificaciones ahora
people-last-seen-relativetime = visto { $relativeTime }
people-local-time-local-time = { $local_time } hora local
people-message = Mensaje
people-message-name = Enviar un mensaje a { $name }
people-more-people = Más personas
people-name = Nombre
people-nobody-matches = Nadie coincide.
people-not-seen-yet = todavía no visto
people-people = Personas
people-people-everyone-on-this-server = Personas: todos en este servidor
people-quiet-hours = Horas de silencio
people-search-people-by-name = Buscar personas por nombre
people-you = Tú
pins-could-not-list-the-pinned = No se pudieron listar los mensajes fijados: { $message }
pins-loading = Cargando…
pins-nothing-is-pinned-here-yet = Todavía no hay nada fijado aquí. Fija un mensaje desde su menú.
pins-pinned-by-username = fijado por { $userName }
pins-pinned-count = { $n ->
    [one] { $n } mensaje fijado
   *[other] { $n } mensajes fijados
  }
pins-pinned-messages = Mensajes fijados
pins-sent-a-file = envió un archivo
profile-choose-an-image = Elegir una imagen
profile-choose-an-image-file-png = Elige un archivo de imagen (PNG, JPEG, GIF o WebP).
profile-could-not-remove-the-picture = No se pudo quitar la imagen: { $message }
profile-could-not-save-the-picture = No se pudo guardar la imagen: { $message }
profile-display-name = Nombre visible
profile-picture = Imagen
profile-picture-removed = Imagen quitada.
profile-picture-saved = Imagen guardada.
profile-remove-picture = Quitar imagen
profile-save-name = Guardar nombre
profile-saved-others-now-see-you = Guardado. Ahora los demás te ven como { $userName }.
profile-shown-to-others-instead-of = Se muestra a los demás en lugar de @{ $username }.
profile-the-server-did-not-name = el servidor no dio nombre a la subida
profile-uploading = Subiendo…
profile-your-profile = Tu perfil
providers-accounts-elsewhere-that-sign-you = Cuentas de otros sitios con las que inicias sesión aquí.
providers-could-not-load-your-sign = No se pudieron cargar tus proveedores de inicio de sesión: { $message }
providers-it-cannot-be-reached-right = Ahora no está disponible; vuelve a intentarlo en un minuto.
providers-label-is-unavailable = { $label } no está disponible
providers-label-unlinked = { $label } desvinculado.
providers-link-label = Vincular { $label }
providers-or-with-your-username-and = o con tu nombre de usuario y contraseña:
providers-set-a-password-or-link = Primero establece una contraseña o vincula otro proveedor.
providers-sign-in-providers = Proveedores de inicio de sesión
providers-sign-in-with-label = Iniciar sesión con { $label }
providers-unlink = Desvincular
providers-cancel = Cancelar
providers-code-from-the-app = Código de la app (o un código de recuperación)
providers-confirm-to-link = Para vincular { $label }, confirma que eres tú.
providers-continue-to-label = Continuar a { $label }
providers-current-password = Contraseña actual
providers-enter-your-password-or = Escribe tu contraseña o un código.
providers-or-a-code = O un código de la app (o un código de recuperación)
providers-recent-sign-in-links = Tu cuenta no tiene contraseña: para vincular { $label } necesitas un inicio de sesión de hace menos de 10 minutos.
pushsub-its-push-service-did-not = su servicio push no respondió
pushsub-no-notifications = sin notificaciones
pushsub-no-push-api = sin Push API
pushsub-no-service-workers = sin service workers
pushsub-push-unavailable-in-this-browser = Notificaciones push no disponibles en este navegador: { $missing }.
pushsub-push-unavailable-in-this-browser-2 = Notificaciones push no disponibles en este navegador: el service worker no pudo iniciarse.
pushsub-push-unavailable-in-this-browser-3 = Notificaciones push no disponibles en este navegador: { $value }.
pushsub-push-unavailable-message = Notificaciones push no disponibles: { $message }
pushsub-push-unavailable-on-this-server = Notificaciones push no disponibles en este servidor.
pushsub-push-unavailable-the-server-refused = Notificaciones push no disponibles: el servidor rechazó la suscripción ({ $message })
quietsettings-1-hour = 1 hora
quietsettings-2-hours = 2 horas
quietsettings-24-hours = 24 horas
quietsettings-30-minutes = 30 minutos
quietsettings-8-hours = 8 horas
quietsettings-friday = Viernes
quietsettings-label-quiet-from = { $label }: silencio desde
quietsettings-label-quiet-until = { $label }: silencio hasta
quietsettings-monday = Lunes
quietsettings-notifications-are-back-on = Las notificaciones vuelven a estar activadas.
quietsettings-notifications-paused-until = Notificaciones en pausa hasta { $until }.
quietsettings-pause-for = Pausar durante
quietsettings-pause-notifications = Pausar notificaciones
quietsettings-quiet-hours = Horas de silencio
quietsettings-quiet-hours-could-not-be = No se pudieron leer las horas de silencio.
quietsettings-quiet-hours-saved = Horas de silencio guardadas.
quietsettings-quiet-on = Silencio el
quietsettings-resume-notifications = Reanudar notificaciones
quietsettings-saturday = Sábado
quietsettings-save-quiet-hours = Guardar horas de silencio
quietsettings-sunday = Domingo
quietsettings-thursday = Jueves
quietsettings-time-zone = Zona horaria
quietsettings-tuesday = Martes
quietsettings-wednesday = Miércoles
quietsettings-while-quiet-no-push-mail = Durante el silencio no te llegan notificaciones push, correos ni llamadas. Los mensajes siguen llegando y cuentan como no leídos; los demás ven que estás en horas de silencio.
quietsettings-you-are-in-quiet-hours = Ahora estás en horas de silencio: no te llegan notificaciones push, correos ni llamadas.
quietsettings-zone-example = Europe/Madrid
readplace-jump-to-first-unread = Ir al primero sin leer
readplace-new-below = { $n ->
    [one] 1 mensaje nuevo abajo
   *[other] { $n } mensajes nuevos abajo
  }
replybar-cancel-the-reply-escape = Cancelar la respuesta (Escape)
replybar-replying-to = Respondiendo a{" "}
replybar-yourself = ti mismo
replyquote-a-message = un mensaje
replyquote-in-reply-to = En respuesta a { $name }: { $excerpt }. Mostrar el original
replyquote-show-the-original-message = Mostrar el mensaje original
reset-choose-a-new-password = Elige una contraseña nueva
reset-new-password = Contraseña nueva
reset-set-password = Establecer contraseña
reset-sign-in-instead = Iniciar sesión en su lugar
reset-the-same-password-again = La misma contraseña otra vez
reset-use-at-least-8-characters = Usa al menos 8 caracteres. Las sesiones en cualquier otro sitio terminan al establecerla.
ringing-answer = Responder
ringing-caller-is-calling-you = { $caller } te está llamando
ringing-caller-started-a-call-in = { $caller } inició una llamada en { $chatTitle }
ringing-decline = Rechazar
ringing-incoming-call = Llamada entrante
rooms-could-not-load-rooms-message = No se pudieron cargar las salas: { $message }
rooms-create-room = Crear sala
rooms-description-optional = Descripción (opcional)
rooms-full = Llena
rooms-give-the-room-a-name = Ponle un nombre a la sala.
rooms-join = Unirse
rooms-join-a-room = Unirse a una sala
rooms-loading-rooms = Cargando salas…
rooms-members = { $n ->
    [one] { $n } miembro
   *[other] { $n } miembros
  }
rooms-more-rooms = Más salas
rooms-new-room-name = Nombre de la sala nueva
rooms-no-public-rooms-yet = Todavía no hay salas públicas.
rooms-open = Abrir
rooms-or-start-one = O crea una
rooms-private = {" "}· privada
rooms-rooms = Salas
rooms-you-are-in-it = {" "}· estás en ella
roomsettings-archive-kind = Archivar { $kind ->
    [group] el grupo
    [room] la sala
   *[other] el chat
  }
roomsettings-archived-it-is-read-only = Archivado, queda de solo lectura para todos.
roomsettings-archived-read-only-for-everyone = Archivado: solo lectura para todos.
roomsettings-could-not-archive = No se pudo archivar: { $message }
roomsettings-could-not-unarchive = No se pudo desarchivar: { $message }
roomsettings-purpose = Propósito
roomsettings-save-topic-and-purpose = Guardar tema y propósito
roomsettings-topic-shown-under-the-name = Tema (se muestra bajo el nombre; se avisa a todos)
roomsettings-unarchive-kind = Desarchivar { $kind ->
    [group] el grupo
    [room] la sala
   *[other] el chat
  }
saved-a-chat = un chat
saved-could-not-list-more = No se pudieron mostrar más mensajes guardados: { $message }
saved-more-saved-messages = Más mensajes guardados
saved-at-a-time-i-choose = A la hora que elija…
saved-change-reminder = Cambiar recordatorio
saved-choose-a-day-and-a = Elige un día y una hora.
saved-could-not-list-your-saved = No se pudieron listar tus mensajes guardados: { $message }
saved-could-not-remove-it-message = No se pudo quitar: { $message }
saved-in-1-hour = En 1 hora
saved-in-20-minutes = En 20 minutos
saved-in-3-hours = En 3 horas
saved-loading = Cargando…
saved-no-reminder = Sin recordatorio
saved-nothing-saved-save-a-message = No hay nada guardado. Guarda un mensaje desde su menú para encontrarlo aquí.
saved-only-you-see-your-saved = Solo tú ves tus mensajes guardados: los encontrarás en Guardados.
saved-remind-me = Recordármelo
saved-reminded-longtime = Recordatorio enviado: { $longTime }
saved-reminder = Recordatorio
saved-reminder-longtime = Recordatorio: { $longTime }
saved-reminder-of = Recordatorio: { $name }: { $words }
saved-reminder-time = Hora del recordatorio
saved-remove = Quitar
saved-save = Guardar
saved-save-for-later = Guardar para más tarde
saved-saved = Guardados
saved-saved-messages = Mensajes guardados
saved-sent-a-file = envió un archivo
saved-this-message-is-not-available = Este mensaje no está disponible: ya no estás en su chat o se eliminó.
saved-tomorrow-at-9-00 = Mañana a las 9:00
sendlater-a-chat-you-left = un chat del que saliste
sendlater-dismiss = Descartar
sendlater-failed-refused = fue rechazado
sendlater-failed-note = Un mensaje programado no se envió: { $why }
sendlater-a-direct-chat = un chat directo
sendlater-cancel-sending = Cancelar el envío
sendlater-cancelled = Cancelado
sendlater-date-and-time = Fecha y hora
sendlater-edit = Editar
sendlater-message = Mensaje
sendlater-monday-at-9-00 = El lunes a las 9:00
sendlater-not-scheduled-why = No programado: { $why }
sendlater-not-sent = No enviado: { $why }
sendlater-nothing-scheduled = Nada programado.
sendlater-refused = rechazado
sendlater-save = Guardar
sendlater-schedule-at-this-time = Programar a esta hora
sendlater-scheduled-for-shown = Programado para { $shown }.
sendlater-scheduled-messages = Mensajes programados…
sendlater-scheduled-messages-2 = Mensajes programados
sendlater-send-later = Enviar más tarde
sendlater-sends-shown = Se envía { $shown }
sendlater-sent-shown = Enviado { $shown }
sendlater-state-in-where = { $state } · en { $where }
sendlater-tomorrow-at-9-00 = Mañana a las 9:00
sendlater-write-the-message-first-then = Escribe primero el mensaje y luego elige cuándo enviarlo.
sessions-an-app-or-script-signed = Una aplicación o script, con sesión iniciada con una clave
sessions-matrix-app = Una aplicación Matrix: { $name }
sessions-could-not-end-it-message = No se pudo cerrar: { $message }
sessions-could-not-list-your-sign = No se pudieron listar tus sesiones: { $message }
sessions-end-button = Cerrar
sessions-end-label = Cerrar { $kind ->
    [session] la sesión del navegador web
    [token] la sesión de la aplicación o script con clave
   *[other] la sesión
  }, { $when }
sessions-sign-in = Sesión
sessions-sign-in-time-unknown = hora de inicio de sesión desconocida
sessions-signed-in-longtime = sesión iniciada { $longTime }
sessions-signed-out-there = Sesión cerrada allí.
sessions-this-browser = Este navegador
sessions-web-browser = Navegador web
sessions-where-you-are-signed-in = Dónde has iniciado sesión
signinerrors-label-cannot-be-reached-right = { $label } no está disponible ahora; vuelve a intentarlo en un minuto.
signinerrors-label-did-not-accept-the = { $label } no aceptó el código de inicio de sesión (puede que haya caducado o ya se haya usado); empieza de nuevo.
signinerrors-label-refused-the-sign-in = { $label } rechazó el inicio de sesión.
signinerrors-label-s-answer-could-not = No se pudo verificar la respuesta de { $label }, así que natter no inició tu sesión.
signinerrors-sign-in-again-then-link = Vuelve a iniciar sesión y después vincula el proveedor.
signinerrors-sign-in-first-then-link = Inicia sesión primero y después vincula el proveedor desde la página de tu cuenta.
signinerrors-sign-in-with-label-was = Se canceló el inicio de sesión con { $label }.
signinerrors-signing-in-failed-try-again = No se pudo iniciar sesión; inténtalo de nuevo.
signinerrors-that-invitation-is-invalid-used = Esa invitación no es válida, está agotada o caducó.
signinerrors-that-label-account-is-already = Esa cuenta de { $label } ya está vinculada a otra cuenta de aquí.
signinerrors-that-sign-in-link-has = Ese enlace de inicio de sesión caducó o no se inició en este navegador; empieza de nuevo.
signinerrors-that-sign-in-provider-is = Ese proveedor de inicio de sesión no está configurado aquí.
signinerrors-this-account-is-deactivated = Esta cuenta está desactivada.
signinerrors-too-many-unfinished-sign-ins = Demasiados inicios de sesión sin terminar desde tu red; vuelve a intentarlo en un minuto.
signinerrors-your-account-already-has-a = Tu cuenta ya tiene una cuenta de { $label } vinculada; desvincúlala primero.
signinerrors-your-label-account-is-not = Tu cuenta de { $label } no está vinculada a ninguna cuenta de aquí, y las cuentas nuevas las crea un administrador.
signinerrors-your-label-account-is-not-2 = Tu cuenta de { $label } no está vinculada a ninguna cuenta de aquí. Abre primero tu enlace de invitación, o inicia sesión con tu contraseña y vincula { $label } desde la página de tu cuenta.
signinerrors-your-sign-in-provider = tu proveedor de inicio de sesión
statuses-in-a-call = en una llamada
statuses-status-words = Estado: { $words }
statuspicker-1-hour = 1 hora
statuspicker-30-minutes = 30 minutos
statuspicker-appear-away = Aparecer como ausente
statuspicker-choose-a-date = Elegir una fecha
statuspicker-clear-after = Borrar después de
statuspicker-clear-on-this-date = Borrar en esta fecha
statuspicker-clear-status = Borrar estado
statuspicker-commuting = De camino
statuspicker-don-t-clear = No borrar
statuspicker-emoji = Emoji
statuspicker-in-a-meeting = En una reunión
statuspicker-on-holiday = De vacaciones
statuspicker-out-sick = De baja
statuspicker-save = Guardar
statuspicker-set-a-status = Establecer un estado
statuspicker-status = Estado
statuspicker-suggestions = Sugerencias
statuspicker-this-week = Esta semana
statuspicker-today = Hoy
statuspicker-what-s-your-status = ¿Cuál es tu estado?
statuspicker-working-remotely = Teletrabajando
text-file-1 = Archivo: $1
text-an-encrypted-message-open-it = Un mensaje cifrado: ábrelo en una aplicación de Matrix para leerlo.
text-removed-by-an-administrator = eliminado por un administrador
thread-also-send = Enviar también a { $title }
thread-also-send-room = Enviar también a #{ $title }
thread-also-send-to-the-chat = Enviar también al chat
thread-be-told-of-new-replies = Recibir avisos de respuestas nuevas en este hilo
thread-close-the-thread = Cerrar el hilo
thread-could-not-change-following-message = No se pudo cambiar el seguimiento: { $message }
thread-could-not-load-older-replies = No se pudieron cargar las respuestas anteriores: { $message }
thread-could-not-load-the-thread = No se pudo cargar el hilo: { $message }
thread-first-message = Primer mensaje
thread-follow = Seguir
thread-following = Siguiendo
thread-following-this-thread = Sigues este hilo
thread-loading-the-thread = Cargando el hilo…
thread-no-longer-following-this-thread = Ya no sigues este hilo
thread-no-replies-yet-start-the = Todavía no hay respuestas. Empieza el hilo abajo.
thread-replies = { $n ->
    [one] { $n } respuesta
   *[other] { $n } respuestas
  }
thread-replies-label = Respuestas
thread-reply = Responder…
thread-reply-in-thread = Responder en el hilo
thread-show-older-replies = Mostrar respuestas anteriores
thread-the-first-message-of-this = El primer mensaje de este hilo se eliminó.
thread-this-thread-is-not-there = Este hilo ya no existe.
thread-thread = Hilo
thread-you-are-told-of-new = Recibes avisos de las respuestas nuevas aquí. Pulsa para dejar de seguir
threads-a-chat = un chat
threads-could-not-list-more-threads = No se pudieron listar más hilos: { $message }
threads-could-not-list-your-threads = No se pudieron listar tus hilos: { $message }
threads-load-more = Cargar más
threads-loading = Cargando…
threads-the-first-message-was-deleted = El primer mensaje se eliminó.
threads-threads = Hilos
threads-threads-you-follow = Hilos que sigues
threads-unread-label = Hilos, { $n } { $n ->
    [one] respuesta sin leer
   *[other] respuestas sin leer
  }
threads-unread-replies = { $n } { $n ->
    [one] respuesta sin leer
   *[other] respuestas sin leer
  }
threads-you-follow-no-thread-yet = Todavía no sigues ningún hilo. Sigues los hilos que empiezas, en los que respondes o en los que te mencionan, y cualquiera en el que pulses Seguir.
threadsummary-from = {" "}de { $names }
threadsummary-open-the-thread = Abrir el hilo
threadsummary-last-reply-relativetime = Última respuesta { $relativeTime }
time-just-now = ahora mismo
time-today = Hoy
time-yesterday = Ayer
topicline-you-set-the-topic = Cambiaste el tema: { $topic }
topicline-name-set-the-topic = { $name } cambió el tema: { $topic }
topicline-you-cleared-the-topic = Borraste el tema
topicline-name-cleared-the-topic = { $name } borró el tema
twofactor-administrators-of-this-server-must = Los administradores de este servidor deben activarlo antes de usar la página de Administración.
twofactor-after-your-password-natter-also = Después de tu contraseña, natter también pide un código de una aplicación de autenticación de tu teléfono{" "}
twofactor-code-from-the-app = Código de la aplicación
twofactor-code-from-the-app-or = Código de la aplicación (o un código de recuperación)
twofactor-copied = Copiado.
twofactor-copy = Copiar
twofactor-could-not-load-two-factor = No se pudo cargar la verificación en dos pasos: { $message }
twofactor-current-password = Contraseña actual
twofactor-download = Descargar
twofactor-downloaded = Descargado.
twofactor-each-code-signs-you-in = Cada código inicia tu sesión una vez, en lugar de un código de tu aplicación de autenticación.
twofactor-enter-a-code = Introduce un código.
twofactor-enter-the-code-the-app = Introduce el código que muestra la aplicación.
twofactor-enter-your-current-password = Introduce tu contraseña actual.
twofactor-google-authenticator-authy-1password-freeotp = (Google Authenticator, Authy, 1Password, FreeOTP…), para que no baste con una contraseña robada.
twofactor-i-have-kept-them = Ya los he guardado
twofactor-if-you-lose-your-phone = si pierdes el teléfono. No se vuelven a mostrar.
twofactor-keep-these-recovery-codes-somewhere = Guarda estos códigos de recuperación en un lugar seguro. Cada uno inicia tu sesión una vez, en lugar de un código,{" "}
twofactor-keep-this-file-somewhere-safe = Guarda este archivo en un lugar seguro, lejos de tu teléfono.
twofactor-key = Clave:{" "}
twofactor-natter-recovery-codes-for-host = Códigos de recuperación de natter para { $host }
twofactor-off = Desactivada.
twofactor-on = Activada.
twofactor-on-codes-left = Activada. { $n ->
    [one] Queda { $n } código de recuperación
   *[other] Quedan { $n } códigos de recuperación
  }.
twofactor-qr-code-for-your-authenticator = Código QR para tu aplicación de autenticación
twofactor-scan-this-with-your-authenticator = Escanéalo con tu aplicación de autenticación o escribe en ella la clave de abajo, y luego introduce el código que muestre.
twofactor-selected-press-ctrl-c-or = Seleccionado: pulsa Ctrl+C (o ⌘C) para copiar.
twofactor-set-up-two-factor-sign = Configurar la verificación en dos pasos
twofactor-turn-off = Desactivar
twofactor-turn-on = Activar
twofactor-two-factor-sign-in = Verificación en dos pasos
viewer-close-escape = Cerrar (Escape)
viewer-download = Descargar
viewer-download-2 = {" "}Descargar
viewer-download-label = Descargar { $label }
viewer-full-size = Tamaño completo
viewer-image = Imagen
viewer-next-image-right-arrow = Imagen siguiente (flecha derecha)
viewer-position-of-count = { $position } de { $count }
viewer-previous-image-left-arrow = Imagen anterior (flecha izquierda)
viewer-this-image-could-not-be = No se pudo mostrar esta imagen. Prueba el enlace de descarga.
whojoins-to-admit-people-by-invitation = Para admitir personas solo por invitación, inicia natter con --registration invite (NATTER_REGISTRATION=invite).
whojoins-to-admit-people-by-join = Para admitir personas con un enlace de invitación, inicia natter con --registration invite (NATTER_REGISTRATION=invite).
whojoins-to-let-anyone-in-start = Para dejar entrar a cualquiera, inicia natter con --registration open (NATTER_REGISTRATION=open).
languagesettings-title = Idioma
languagesettings-label = Mostrar natter en
languagesettings-browser = El idioma del navegador
languagesettings-hint = Los correos de natter también se escriben en él. Los mensajes se quedan como los escribieron sus autores.
languagesettings-could-not-read = No se pudo leer tu idioma: { $message }
languagesettings-could-not-save = No se pudo guardar el idioma: { $message }
accountpage-email-confirmed = Tu dirección de correo está confirmada.
accountpage-email-unconfirmed = Tu dirección de correo no está confirmada: hasta que abras el enlace que se le envió, no recibe correos sobre mensajes y ninguna importación ni proveedor de inicio de sesión la usa.
whojoins-open = Abierto a todos: quien llegue a la dirección de este servidor puede crear una cuenta, con o sin enlace de invitación.
whojoins-invite = Por invitación: solo las personas con un enlace de invitación válido pueden crear una cuenta.
whojoins-closed = Cerrado: nadie puede crear una cuenta aquí, ni con enlaces de invitación; las cuentas se crean con natter create-user.
formathelp-italic-syntax = {"*"}cursiva* o _cursiva_
formathelp-code = código
formathelp-code-syntax = `código`
formathelp-block-syntax = ```  (líneas en medio)  ```
formathelp-link-syntax = {"["}texto](https://…)
formathelp-list-syntax = - elemento  o  1. elemento
formathelp-quote-syntax = > cita
statuses-away = ausente
dom-user-id = usuario { $id }
dom-value-b = { $value } B
adminaudit-person-id = persona { $id }
adminaudit-someone = alguien
adminpeople-stored = { $size } almacenados
attachments-image-id = imagen { $id }
attachments-media-id = { $kind ->
    [audio] audio { $id }
   *[other] vídeo { $id }
  }
attachments-file-id = archivo { $id }
attachments-file-kind = ARCHIVO
callrecord-seconds = { $s } s
callrecord-minutes = { $m } min
mentions-to = a { $name }
mentions-to-you = a ti
mentions-unread = sin leer
mentions-in = en { $where }
threads-unread = { $n } sin leer
