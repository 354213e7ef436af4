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
mail-missed-line = { $sender } en { $chat }, { $when } UTC:
mail-missed-open = Abrirlo
mail-missed-why = Recibes este correo porque te mencionaron o te escribieron mientras estabas ausente.
mail-missed-off = Desactiva estos correos en la página de tu cuenta o aquí: { $url }
mail-missed-off-html = Desactiva estos correos en la página de tu cuenta o { $link }.
mail-missed-unsubscribe = cancela la suscripción
