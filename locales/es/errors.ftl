# Textos `detail` de los errores de la API propia de natter, español.
error-not-found = No encontrado.
error-server = Se produjo un error en el servidor.
error-unauthenticated = No se proporcionaron las credenciales de autenticación.
error-invalid-token = Token no válido.
error-too-large = El cuerpo de la solicitud es demasiado grande.
error-user-missing = El usuario no existe.
error-not-member = El usuario no es miembro de este chat.
error-no-room = Ninguna sala coincide con la consulta.
error-no-file = Ningún archivo coincide con la consulta.
error-file-content = Falta el contenido del archivo.
error-no-invitation = Ninguna invitación coincide con la consulta.
error-no-session = Ninguna de tus sesiones coincide con la consulta.
error-no-push = Ninguna de tus suscripciones push coincide con la consulta.
error-no-bot = Ningún bot coincide con la consulta.
error-no-identity = Ninguno de tus proveedores de inicio de sesión coincide con la consulta.
error-no-emoji = Ningún emoji personalizado coincide con la consulta.
error-no-group = Ningún grupo de usuarios coincide con la consulta.
error-not-participant = No participas en esta sala.
error-no-permission = No tienes permiso para realizar esta acción.
error-registration-closed = El registro está cerrado en este servidor: las cuentas las crea un administrador.
error-invitation-needed = Para registrarte aquí necesitas una invitación: abre el enlace de invitación que te dio un administrador.
error-invitation-unusable = Esta invitación no se puede usar: es desconocida, ya se usó, caducó o fue revocada.
error-invitation-used-up = Esta invitación no se puede usar: ya se agotó.
error-invitation-expired = Esta invitación no se puede usar: caducó.
error-invitation-revoked = Esta invitación no se puede usar: fue revocada.
error-admins-only = Solo los administradores pueden hacer esto.
error-admin-two-factor = Activa el inicio de sesión en dos pasos en la página de tu cuenta antes de administrar este servidor.
error-archived = Este chat está archivado: se puede leer, pero nadie puede publicar en él.
error-provider-only = Aquí las cuentas se crean iniciando sesión con el proveedor de tu organización, no con una contraseña.
error-add-to-direct = No se pueden añadir miembros a un chat directo.
error-remove-from-direct = No se pueden quitar miembros de un chat directo.
error-last-admin = Este es el último administrador activo: primero haz administrador a otra persona.
error-own-account = No puedes desactivar ni degradar tu propia cuenta; pídeselo a otro administrador.
error-remove-direct = Un chat directo no se puede eliminar; elimina sus mensajes en su lugar.
error-archive-direct = Un chat directo no se puede archivar; solo los grupos y las salas.
error-deactivated = Esta cuenta está desactivada: reactívala antes de añadirla a un chat.
error-last-way-in = Esta es tu única forma de iniciar sesión: primero establece una contraseña o vincula otro proveedor.
error-room-full = La sala ha alcanzado su número máximo de participantes.
error-message-empty = El mensaje no puede estar vacío.
error-language = Elige uno de: en, de, es, pt-BR, ja, ar (o null para seguir al navegador).

# Las palabras de los formularios, del transporte y del cuadro de búsqueda.
error-invalid-credentials = El nombre de usuario o la contraseña no son correctos.
error-invalid-credentials-title = Credenciales no válidas
error-account-deactivated-title = Cuenta desactivada
error-account-inactive = Esta cuenta está desactivada.
error-user-inactive = La cuenta está desactivada
error-no-active-account = No se encontró ninguna cuenta activa con esas credenciales
error-token-expired = El token no es válido o ha caducado
error-token-any-type = El token no es válido para ningún tipo de token
error-username-taken = Ya existe un usuario con ese nombre de usuario.
error-email-taken = Ya existe un usuario con este correo electrónico.
error-wrong-password = Tu contraseña actual no es correcta.
error-no-mail-reset = Este servidor no envía correos: pide a un administrador un enlace para restablecerla.
error-no-mail-confirm = Este servidor no envía correos: pide a un administrador que la confirme.
error-no-mail-copy = Este servidor no envía correos: copia el enlace en su lugar.
error-give-login = Escribe tu nombre de usuario o tu dirección de correo.
error-required = Este campo es obligatorio.
error-blank = Este campo no puede estar vacío.
error-null = Este campo no puede ser nulo.
error-too-long = Este campo no puede tener más de { $max ->
        [one] { $max } carácter
       *[other] { $max } caracteres
    }.
error-too-many-words = Este campo no puede tener más de { $max ->
        [one] { $max } palabra distinta
       *[other] { $max } palabras distintas
    }.
error-too-short = Este campo debe tener al menos { $min ->
        [one] { $min } carácter
       *[other] { $min } caracteres
    }.
error-too-small = Este valor debe ser mayor o igual que { $min }.
error-not-a-choice = «{ $value }» no es una opción válida.
error-not-integer = Se necesita un número entero válido.
error-not-boolean = Debe ser un valor booleano válido.
error-not-string = No es un texto válido.
error-bad-username = Escribe un nombre de usuario válido. Solo puede contener letras, números y los caracteres @/./+/-/_.
error-numeric-username = Un nombre de usuario debe contener al menos un carácter que no sea un dígito.
error-bad-email = Escribe una dirección de correo electrónico válida.
error-bad-image-url = Escribe una URL válida o una ruta que empiece por «/».
error-no-such-object = Identificador «{ $pk }» no válido: el objeto no existe.
error-no-such-file = No se encontró el archivo { $id }.
error-not-your-file = Solo puedes adjuntar archivos que hayas subido tú.
error-empty-file = El archivo enviado está vacío.
error-already-participant = Esta persona ya participa en esta sala.
error-wrong-code = El código es incorrecto, ha caducado o ya se usó.
error-two-factor-on = El inicio de sesión en dos pasos ya está activado; desactívalo primero.
error-two-factor-off = El inicio de sesión en dos pasos no está activado.
error-codes-held = Demasiados códigos incorrectos seguidos: ya no se comprueban códigos para esta cuenta. Inicia sesión con un código de recuperación o establece una contraseña nueva.
error-codes-held-seconds = Demasiados códigos incorrectos seguidos: no se comprobarán códigos durante { $count ->
        [one] un segundo
       *[other] { $count } segundos
    }. Un código de recuperación sigue funcionando, y establecer una contraseña nueva termina la espera.
error-codes-held-minutes = Demasiados códigos incorrectos seguidos: no se comprobarán códigos durante { $count ->
        [one] un minuto
       *[other] { $count } minutos
    }. Un código de recuperación sigue funcionando, y establecer una contraseña nueva termina la espera.
error-codes-held-hours = Demasiados códigos incorrectos seguidos: no se comprobarán códigos durante { $count ->
        [one] una hora
       *[other] { $count } horas
    }. Un código de recuperación sigue funcionando, y establecer una contraseña nueva termina la espera.
error-bad-reset-link = Este enlace para restablecer no es válido, ya se usó o ha caducado.
error-bad-confirm-link = Este enlace de confirmación no es válido, ya se usó, ha caducado o es de otra cuenta o dirección.
error-confirmed-already = Tu dirección ya está confirmada.
error-link-just-sent = Se envió un enlace hace menos de un minuto: búscalo primero.
error-bad-duration = Escribe una duración: segundos, o un número seguido de d, h o m (p. ej., 7d).
error-method = Método «{ $method }» no permitido.
error-media-type = El tipo de contenido «{ $type }» no se admite en la solicitud.
error-throttled = Demasiadas solicitudes. Podrás volver a intentarlo en { $seconds ->
        [one] un segundo
       *[other] { $seconds } segundos
    }.
error-body-stopped = El cuerpo de la solicitud dejó de llegar.
error-sockets = Demasiadas conexiones abiertas para esta persona (como máximo { $max }); cierra una primero.
error-busy = El servidor está ocupado; vuelve a intentarlo en un momento.
error-bus-down = Los eventos en directo están interrumpidos en este servidor; vuelve a intentarlo en un momento.
error-store-down = El servidor no puede conectar con su base de datos; vuelve a intentarlo en un momento.
error-invalid-page = Página no válida.
error-invalid-request = Solicitud no válida
error-invalid-request-data = Los datos de la solicitud no son válidos.
error-internal = Error interno del servidor
error-edit-own = Solo puedes editar tus propios mensajes.
error-delete-own = Solo puedes eliminar tus propios mensajes.
error-search-has = «has:{ $value }» no es una búsqueda válida: has: admite file (archivo), image (imagen), link (enlace), reaction (reacción) o pin (fijado).
error-search-is = «is:{ $value }» no es una búsqueda válida: is: admite thread (hilo) o saved (guardado).
error-search-from = «from:{ $value }» no es una búsqueda válida: from: admite el nombre de una persona, como from:@nombre.
error-search-in = «in:{ $value }» no es una búsqueda válida: in: admite una sala, como in:#nombre, o una persona, como in:@nombre.
error-search-day = «{ $operator }:{ $value }» no es un día: escríbelo como AAAA-MM-DD.
error-search-twice = { $operator }: solo puede aparecer una vez en una búsqueda.
# Respuestas que no son errores.
answer-forgot-sent = Si esa cuenta existe y tiene una dirección de correo, hemos enviado un correo con un enlace.
error-link-in-browser = Vincula un proveedor de inicio de sesión desde la página de tu cuenta, en un navegador con la sesión de natter iniciada.
error-link-sign-in-again = Cierra sesión y vuelve a iniciarla; después vincula el proveedor en los siguientes 10 minutos.
error-name-is-a-group = Un grupo de usuarios tiene este nombre como identificador; elige otro nombre de usuario.
error-matrix-not-an-app = Esta no es la dirección de una aplicación: debe ser absoluta (https:// o el esquema propio de la aplicación).
error-matrix-sign-in-in-the-browser = Una aplicación de Matrix inicia sesión desde la página de inicio de sesión de natter en el navegador, no con una clave.
