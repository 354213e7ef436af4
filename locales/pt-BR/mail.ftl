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
mail-missed-line = { $sender } em { $chat }, { $when } ({ $zone }):
mail-missed-when = { $day }/{ $month }/{ $year } { $hour }:{ $minute }
mail-missed-open = Abrir
mail-missed-why = Você recebe este e-mail porque foi mencionado ou recebeu mensagens enquanto estava ausente.
mail-missed-off = Desative estes e-mails na página da sua conta ou aqui: { $url }
mail-missed-off-html = Desative estes e-mails na página da sua conta ou { $link }.
mail-missed-unsubscribe = cancele a inscrição
mail-codes-subject = Códigos de dois fatores incorretos na sua conta do natter
mail-codes-typed = alguém entrou na sua conta em { $site } com a sua senha e depois digitou { $count } códigos de dois fatores incorretos seguidos.
mail-codes-held-for-good = Os códigos não são mais verificados para a sua conta até você entrar com um código de recuperação ou definir uma nova senha.
mail-codes-held-a-while = Os códigos não são verificados para a sua conta por um tempo, e por mais tempo a cada novo código incorreto.
mail-codes-not-you = Se não foi você, alguém sabe a sua senha: defina uma nova ("Esqueceu a senha?" na página de entrada), o que também encerra o bloqueio. Um código de recuperação ainda permite entrar.
mail-reminder-subject = Lembrete: uma mensagem em { $chat }
mail-reminder-asked = Você pediu para ser lembrado desta mensagem em { $chat }:
mail-reminder-a-file = um arquivo
mail-test-subject = O natter consegue enviar e-mail
mail-test-body = Este e-mail foi enviado pelo natter em { $site } para verificar as configurações de e-mail.
mail-page-title = natter: e-mail
mail-page-ask = Parar os e-mails sobre mensagens perdidas?
mail-page-stop = Parar estes e-mails
mail-page-again = Você pode ativá-los de novo na página da sua conta.
mail-page-done = Pronto
mail-page-stopped = Você não receberá mais e-mails sobre mensagens perdidas. Pode ativá-los de novo na página da sua conta.
mail-page-not-ours = Este link não é do natter
mail-page-not-ours-what = Abra o link pelo próprio e-mail ou desative estes e-mails na página da sua conta.
mail-reminder-direct = uma mensagem direta
