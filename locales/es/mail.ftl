# Correos de natter, español.
mail-hello = Hola:
mail-hello-name = Hola, { $name }:
mail-reset-subject = Establece una nueva contraseña para natter
mail-reset-asked = alguien (esperamos que tú) pidió establecer una nueva contraseña para tu cuenta en { $site }.
mail-reset-open = Abre este enlace en { $hours ->
    [one] la próxima hora
   *[other] las próximas { $hours } horas
  } para elegirla; solo funciona una vez:
mail-reset-after = Al establecerla se cerrarán tus sesiones en todos los demás sitios. Si no lo pediste, ignora este correo: tu contraseña seguirá igual.
mail-confirm-subject = Confirma tu dirección para natter
mail-confirm-given = esta dirección se indicó para una cuenta en { $site }.
mail-confirm-open = Si esa cuenta es tuya, inicia sesión en ella y abre este enlace en { $hours ->
    [one] la próxima hora
   *[other] las próximas { $hours } horas
  } para confirmar la dirección; solo funciona una vez:
mail-confirm-after = Si no creaste una cuenta allí, ignora este correo: la dirección seguirá sin confirmar, no recibirá más correos de allí y no se asociará a nadie.
mail-invite-subject = { $inviter } te invita a natter
mail-invite-body = { $inviter } te invita al chat del equipo en { $site }.
mail-invite-open = Abre este enlace para crear tu cuenta:
mail-missed-subject = Tienes { $count ->
    [one] 1 mensaje perdido
   *[other] { $count } mensajes perdidos
  } en natter
mail-missed-intro = tienes { $count ->
    [one] 1 mensaje sin leer
   *[other] { $count } mensajes sin leer
  } en { $site }:
mail-missed-line = { $sender } en { $chat }, { $when } ({ $zone }):
mail-missed-when = { $day }/{ $month }/{ $year }, { $hour }:{ $minute }
mail-missed-open = Abrirlo
mail-missed-why = Recibes este correo porque te mencionaron o te escribieron mientras estabas ausente.
mail-missed-off = Desactiva estos correos en la página de tu cuenta o aquí: { $url }
mail-missed-off-html = Desactiva estos correos en la página de tu cuenta o { $link }.
mail-missed-unsubscribe = cancela la suscripción
mail-codes-subject = Códigos de dos factores incorrectos en tu cuenta de natter
mail-codes-typed = alguien inició sesión en tu cuenta de { $site } con tu contraseña y después escribió { $count } códigos de dos factores incorrectos seguidos.
mail-codes-held-for-good = Ya no se comprueban códigos para tu cuenta hasta que inicies sesión con un código de recuperación o establezcas una contraseña nueva.
mail-codes-held-a-while = Durante un tiempo no se comprueban códigos para tu cuenta, y durante más tiempo tras cada código incorrecto.
mail-codes-not-you = Si no fuiste tú, alguien conoce tu contraseña: establece una nueva («¿Olvidaste la contraseña?» en la página de inicio de sesión), lo que también levanta el bloqueo. Un código de recuperación sigue permitiéndote entrar.
mail-reminder-subject = Recordatorio: un mensaje en { $chat }
mail-reminder-asked = Pediste que te recordáramos este mensaje en { $chat }:
mail-reminder-a-file = un archivo
mail-test-subject = natter puede enviar correo
mail-test-body = natter envió este correo desde { $site } para comprobar su configuración de correo.
mail-page-title = natter: correo
mail-page-ask = ¿Dejar de recibir correos sobre mensajes no leídos?
mail-page-stop = Dejar de recibir estos correos
mail-page-again = Puedes volver a activarlos en la página de tu cuenta.
mail-page-done = Hecho
mail-page-stopped = Ya no recibirás correos sobre mensajes no leídos. Puedes volver a activarlos en la página de tu cuenta.
mail-page-not-ours = Este enlace no es de natter
mail-page-not-ours-what = Abre el enlace desde el propio correo o desactiva estos correos en la página de tu cuenta.
mail-reminder-direct = un mensaje directo
