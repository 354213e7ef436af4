# E-mails do natter, português do Brasil.
mail-hello = Olá,
mail-hello-name = Olá, { $name },
mail-reset-subject = Defina uma nova senha para o natter
mail-reset-asked = alguém (esperamos que você) pediu para definir uma nova senha para sua conta em { $site }.
mail-reset-open = Abra este link em até { $hours ->
    [one] { $hours } hora
   *[other] { $hours } horas
  } para escolher uma; ele funciona uma única vez:
mail-reset-after = Defini-la encerra suas sessões em todos os outros lugares. Se você não pediu, ignore este e-mail: sua senha continua a mesma.
mail-confirm-subject = Confirme seu endereço para o natter
mail-confirm-given = este endereço foi informado para uma conta em { $site }.
mail-confirm-open = Se essa conta é sua, entre nela e abra este link em até { $hours ->
    [one] { $hours } hora
   *[other] { $hours } horas
  } para confirmar o endereço; ele funciona uma única vez:
mail-confirm-after = Se você não criou uma conta lá, ignore este e-mail: o endereço continua não confirmado, não recebe outros e-mails de lá e não é associado a ninguém.
mail-invite-subject = { $inviter } convida você para o natter
mail-invite-body = { $inviter } convida você para o chat da equipe em { $site }.
mail-invite-open = Abra este link para criar sua conta:
mail-missed-subject = Você perdeu { $count ->
    [one] 1 mensagem
   *[other] { $count } mensagens
  } no natter
mail-missed-intro = você tem { $count ->
    [one] 1 mensagem não lida
   *[other] { $count } mensagens não lidas
  } em { $site }:
mail-missed-line = { $sender } em { $chat }, { $when } UTC:
mail-missed-open = Abrir
mail-missed-why = Você recebe este e-mail porque foi mencionado ou recebeu mensagens enquanto estava ausente.
mail-missed-off = Desative estes e-mails na página da sua conta ou aqui: { $url }
mail-missed-off-html = Desative estes e-mails na página da sua conta ou { $link }.
mail-missed-unsubscribe = cancele a inscrição
