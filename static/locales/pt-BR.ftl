# As palavras do cliente web, em português do Brasil (termos do Slack e do Zulip em português).

account-account = Conta
account-account-email-password-and-where = Conta: e-mail, senha e onde você está conectado
account-admin = Administração
account-admin-people-invitations-bots-and = Administração: pessoas, convites, bots e o registro de auditoria
account-administration = Administração
account-could-not-sign-out-message = Não foi possível sair: { $message }
account-desktop-notifications = Notificações na área de trabalho
account-desktop-notifications-are-on = As notificações na área de trabalho estão ativadas
account-notifications-are-blocked-in-the = As notificações estão bloqueadas no navegador (a página da sua conta explica como desbloqueá-las)
account-set-a-status = Definir um status
account-sign-out = Sair
account-sound-for-new-messages = Som para novas mensagens
account-sound-for-new-messages-is = O som para novas mensagens está ativado
account-this-browser-cannot-show-notifications = Este navegador não pode mostrar notificações
account-turn-on-a-sound-for = Ativar um som para novas mensagens
account-turn-on-desktop-notifications = Ativar as notificações na área de trabalho
account-your-account = Sua conta
account-your-profile-prefix = Seu perfil:
account-your-profile-username-2 = Seu perfil (@{ $username })
accountpage-a-confirmation-link-is-on = Um link de confirmação está a caminho: abra-o enquanto estiver conectado aqui.
accountpage-change-password = Alterar senha
accountpage-changing-it-signs-you-out = Alterá-la encerra suas sessões em todos os outros lugares; este navegador continua conectado.
accountpage-could-not-load-your-account = Não foi possível carregar sua conta: { $message }
accountpage-current-password = Senha atual
accountpage-display-name = Nome de exibição
accountpage-download-my-data = Baixar meus dados
accountpage-email = E-mail
accountpage-enter-a-valid-email-address = Digite um endereço de e-mail válido.
accountpage-enter-your-current-password = Digite sua senha atual.
accountpage-name-and-email = Nome e e-mail
accountpage-new-password = Nova senha
accountpage-password = Senha
accountpage-password-changed = Senha alterada.
accountpage-password-changed-ended = Senha alterada. { $n ->
    [one] Outra sessão foi encerrada
   *[other] Outras { $n } sessões foram encerradas
  }.
accountpage-save = Salvar
accountpage-saved = Salvo.
accountpage-send-a-new-link = Enviar um novo link
accountpage-set-password = Definir senha
accountpage-storage-used-of-filesize-used = Armazenamento: { $used } de { $fileSize } em uso.
accountpage-storage-used-used-no-limit = Armazenamento: { $used } em uso (sem limite).
accountpage-the-new-password-again = A nova senha de novo
accountpage-use-at-most-150-characters = Use no máximo 150 caracteres.
accountpage-your-account = Sua conta
accountpage-your-account-the-chats-you = Sua conta, os chats de que você participa, cada mensagem que você enviou e os arquivos que você enviou, em um zip.
accountpage-your-data = Seus dados
accountpage-your-username-is-username-others = Seu nome de usuário é @{ $username }. Os outros veem seu nome de exibição, quando você tem um.
admin-administration = Administração
admin-administration-pages = Páginas de administração
admin-bots = Bots
admin-could-not-load-the-page = Não foi possível carregar a página: { $message }
admin-loading = Carregando…
admin-only-administrators-can-see-this = Somente administradores podem ver esta página.
admin-people-chats-invitations-and-audit = Pessoas, chats, convites e registro de auditoria
adminaudit-audit-log = Registro de auditoria
adminaudit-bot-add-to-chat = { $who } adicionou o bot { $person } { $kind ->
    [group] ao grupo “{ $title }”
    [room] à sala “{ $title }”
   *[other] ao chat “{ $title }”
  }
adminaudit-bot-create = { $who } criou o bot { $person }
adminaudit-bot-delete = { $who } excluiu o bot { $person }
adminaudit-bot-remove-from-chat = { $who } removeu o bot { $person } { $kind ->
    [group] do grupo “{ $title }”
    [room] da sala “{ $title }”
   *[other] do chat “{ $title }”
  }
adminaudit-bot-rotate-key = { $who } criou uma nova chave para o bot { $person }
adminaudit-bot-update = { $who } alterou o bot { $person }
adminaudit-chat-archive = { $who } arquivou { $kind ->
    [group] o grupo “{ $title }”
    [room] a sala “{ $title }”
   *[other] o chat “{ $title }”
  }
adminaudit-chat-default = { $who } marcou a sala “{ $title }”: quem chega começa aqui
adminaudit-chat-not-default = { $who } desmarcou a sala “{ $title }”: quem chega não começa mais aqui
adminaudit-chat-remove = { $who } excluiu { $kind ->
    [group] o grupo “{ $title }”
    [room] a sala “{ $title }”
   *[other] o chat “{ $title }”
  }
adminaudit-chat-remove-member = { $who } removeu { $person } { $kind ->
    [group] do grupo “{ $title }”
    [room] da sala “{ $title }”
   *[other] do chat “{ $title }”
  }
adminaudit-chat-unarchive = { $who } desarquivou { $kind ->
    [group] o grupo “{ $title }”
    [room] a sala “{ $title }”
   *[other] o chat “{ $title }”
  }
adminaudit-could-not-read-the-audit = Não foi possível ler o registro de auditoria: { $message }
adminaudit-detail = { $key ->
    [max_uses] usos máximos: { $value }
    [expires_at] expira: { $value }
    [email] e-mail: { $value }
    [first_administrator] para o primeiro administrador
   *[other] { $key }: { $value }
  }
adminaudit-invitation-create = { $who } criou o link de convite { $target }
adminaudit-invitation-revoke = { $who } revogou o link de convite { $target }
adminaudit-message-remove = { $who } removeu uma mensagem de { $sender } { $kind ->
    [direct] em um chat direto
    [group] no grupo “{ $title }”
    [room] na sala “{ $title }”
   *[other] no chat “{ $title }”
  }
adminaudit-none = nenhum
adminaudit-nothing-yet = Nada ainda.
adminaudit-older-entries = Registros anteriores
adminaudit-other = { $who }: { $action } { $target }
adminaudit-the-command-line = A linha de comando
adminaudit-user-confirm-email = { $who } confirmou o endereço de e-mail de { $person }
adminaudit-user-deactivate = { $who } desativou { $person }
adminaudit-user-demote = { $who } removeu { $person } como administrador
adminaudit-user-password-reset = { $who } criou um link de redefinição de senha para { $person }
adminaudit-user-promote = { $who } tornou { $person } administrador
adminaudit-user-reactivate = { $who } reativou { $person }
adminaudit-user-set-password = { $who } definiu a senha de { $person }
adminbots-a-bot-cannot-sign-in = Um bot não pode entrar. Programas publicam como ele pelas URLs de webhook dele (o formato de webhooks de entrada do Slack).
adminbots-add = Adicionar
adminbots-add-username-to-a-group = Adicionar @{ $username } a um grupo ou sala seu
adminbots-bot-key = Chave do bot
adminbots-bots = Bots
adminbots-cancel = Cancelar
adminbots-could-not-add-it-message = Não foi possível adicionar: { $message }
adminbots-could-not-list-the-bots = Não foi possível listar os bots: { $message }
adminbots-could-not-load-the-page = Não foi possível carregar a página: { $message }
adminbots-could-not-remove-it-from = Não foi possível removê-lo de { $name }: { $message }
adminbots-delete = Excluir
adminbots-delete-label-its-key-and = Excluir { $label }? A chave e as URLs de webhook dele param de funcionar na hora e ele sai dos chats; as mensagens dele ficam.
adminbots-display-name-optional = Nome de exibição (opcional)
adminbots-edit-webhook = Editar webhook
adminbots-give-the-bot-a-username = Dê um nome de usuário ao bot.
adminbots-hook-url-of-the-key = URL de webhook da chave
adminbots-hook-url-of-username-in = URL de webhook de @{ $username } em { $name }
adminbots-i-have-copied-it = Já copiei
adminbots-in-chats = Em { $n ->
    [one] { $n } chat
   *[other] { $n } chats
  }
adminbots-in-no-chat-yet = Ainda em nenhum chat
adminbots-it-lets-a-program-post = Permite que um programa publique como o bot. Uma mensagem enviada para a URL de webhook da chave precisa indicar o canal; a URL de cada chat não precisa.
adminbots-kind = { $kind ->
    [group] grupo
    [room] sala
    [direct] chat direto
   *[other] chat
  }
adminbots-kind-id = { $kind ->
    [group] Grupo { $id }
    [room] Sala { $id }
    [direct] Chat direto { $id }
   *[other] Chat { $id }
  }
adminbots-label-was-deleted = { $label } foi excluído.
adminbots-leave-it-empty-to-stop = Deixe em branco para parar de enviar menções para qualquer lugar.
adminbots-loading = Carregando…
adminbots-made-by-username = criado por @{ $username }
adminbots-made-longtime = Criado { $longTime }
adminbots-make-a-new-key-for = Criar uma nova chave para { $label }? A chave antiga e todas as URLs de webhook deste bot param de funcionar na hora.
adminbots-make-bot = Criar bot
adminbots-natter-posts-to-it-when = O natter envia para ela quando alguém menciona o bot ou escreve diretamente para ele; a resposta vira a resposta do bot.
adminbots-new-bot = Novo bot
adminbots-new-key = Nova chave
adminbots-no-bots-yet = Nenhum bot ainda.
adminbots-no-other-group-or-room = Nenhum outro grupo ou sala seu
adminbots-no-outgoing-webhook-mentions-are = Sem webhook de saída: as menções não são enviadas para lugar nenhum.
adminbots-only-administrators-can-see-this = Somente administradores podem ver esta página.
adminbots-outgoing-webhook = Webhook de saída:{" "}
adminbots-outgoing-webhook-url-of-username = URL do webhook de saída de @{ $username }
adminbots-outgoing-webhook-url-optional = URL do webhook de saída (opcional)
adminbots-remove = Remover
adminbots-remove-username-from-name = Remover @{ $username } de { $name }
adminbots-save = Salvar
adminbots-the-bot = o bot
adminbots-the-key-of-who-copy = A chave de { $who }. Copie agora: ela não será mostrada de novo.
adminbots-title-kind = { $title } ({ $kind ->
    [group] grupo
    [room] sala
   *[other] chat
  })
adminbots-username = Nome de usuário
adminbots-yes-delete = Sim, excluir
adminbots-yes-make-a-new-key = Sim, criar uma nova chave
adminchats-active = ativo { $when }
adminchats-archive = Arquivar
adminchats-archive-kind-title = Arquivar { $kind ->
    [group] o grupo
    [room] a sala
   *[other] o chat
  }: { $title }
adminchats-archived = Arquivado
adminchats-delete = Excluir
adminchats-delete-kind = Excluir { $kind ->
    [group] o grupo
    [room] a sala
   *[other] o chat
  }
adminchats-delete-kind-for-everyone-title = Excluir { $kind ->
    [group] o grupo
    [room] a sala
   *[other] o chat
  } para todos: { $title }
adminchats-delete-this-kind = Excluir { $kind ->
    [group] este grupo
    [room] esta sala
   *[other] este chat
  }?
adminchats-everyone-who-joins-the-server = Todos que entram no servidor começam nesta sala
adminchats-group = Grupo
adminchats-group-with-no-name = Grupo sem nome
adminchats-groups-and-rooms = Grupos e salas
adminchats-members = { $n ->
    [one] { $n } membro
   *[other] { $n } membros
  }
adminchats-messages = { $n ->
    [one] { $n } mensagem
   *[other] { $n } mensagens
  }
adminchats-more-chats = Mais chats
adminchats-newcomers-start-here = Quem chega começa aqui
adminchats-newcomers-start-here-title = Quem chega começa aqui: { $title }
adminchats-no-group-or-room-matches = Nenhum grupo ou sala corresponde.
adminchats-room = Sala
adminchats-search-groups-and-rooms = Pesquisar grupos e salas
adminchats-title = Título
adminchats-title-is-deleted-for-all = “{ $title }” é excluído para todos os { $member_count } membros: sai das listas deles e ninguém pode abri-lo de novo.
adminchats-unarchive = Desarquivar
adminchats-unarchive-kind-title = Desarquivar { $kind ->
    [group] o grupo
    [room] a sala
   *[other] o chat
  }: { $title }
adminemoji-add-emoji = Adicionar emoji
adminemoji-added-name = :{ $name }: adicionado.
adminemoji-could-not-add-it-message = Não foi possível adicionar: { $message }
adminemoji-could-not-load-the-emoji = Não foi possível carregar os emojis: { $message }
adminemoji-could-not-remove-it-message = Não foi possível remover: { $message }
adminemoji-custom-emoji = Emojis personalizados
adminemoji-give-a-name-and-a = Informe um nome e uma imagem.
adminemoji-name = Nome
adminemoji-none-yet = Nenhum ainda.
adminemoji-on-this-server = Neste servidor
adminemoji-picture-png-jpeg-gif-or = Imagem (PNG, JPEG, GIF ou WebP, até 1 MB)
adminemoji-remove = Remover
adminemoji-remove-name = Remover :{ $name }:
adminemoji-removed-name-messages-that-used = :{ $name }: removido. As mensagens que o usavam mostram o nome dele.
adminemoji-used-as-name-lower-case = Usado como :nome: — letras minúsculas, dígitos, _, - e +.
admininvites-1-day = 1 dia
admininvites-12-hours = 12 horas
admininvites-30-days = 30 dias
admininvites-30-minutes = 30 minutos
admininvites-7-days = 7 dias
admininvites-could-not-list-invitations-message = Não foi possível listar os convites: { $message }
admininvites-could-not-make-the-invitation = Não foi possível criar o convite: { $value }
admininvites-could-not-revoke-it-message = Não foi possível revogar: { $message }
admininvites-enter-a-whole-number-of = Digite um número inteiro de pelo menos 1, ou deixe em branco para não ter limite.
admininvites-expired = Expirado
admininvites-expires-after = Expira após
admininvites-expires-longtime = expira { $longTime }
admininvites-how-many-accounts-it-can = Quantas contas ele pode criar; em branco para não ter limite.
admininvites-invitation-made-send-this-link = Convite criado. Envie este link: { $describe }.
admininvites-invitation-revoked-its-link-no = Convite revogado: o link dele não funciona mais.
admininvites-invitations = Convites
admininvites-made-by-username = criado por @{ $username }
admininvites-made-so-far = Criados até agora
admininvites-make-invitation = Criar convite
admininvites-never = Nunca
admininvites-never-expires = não expira
admininvites-none-yet = Nenhum ainda.
admininvites-not-valid = Inválido
admininvites-revoke = Revogar
admininvites-revoke-invitation-code = Revogar o convite { $code }
admininvites-revoked = Revogado
admininvites-sent-by-mail = O link foi enviado por e-mail para { $list }.
admininvites-used-no-limit = usado { $n ->
    [one] { $n } vez
   *[other] { $n } vezes
  }, sem limite
admininvites-used-up = Esgotado
admininvites-used-used-of-max-uses = usado { $used } de { $max_uses }
admininvites-uses = Usos
admininvites-valid = Válido
adminpeople-active = Ativo
adminpeople-administrator = Administrador
adminpeople-deactivate = Desativar
adminpeople-deactivated = Desativado
adminpeople-email-unconfirmed = E-mail não confirmado
adminpeople-last-seen-longtime = Visto por último { $longTime }
adminpeople-last-seen-shorttime = visto { $shortTime }
adminpeople-make-admin = Tornar administrador
adminpeople-more-people = Mais pessoas
adminpeople-name-username-or-email = Nome, nome de usuário ou e-mail
adminpeople-never-seen = nunca visto
adminpeople-no-mail-with-messages-goes = Nenhum e-mail com mensagens vai para este endereço; nenhuma importação ou provedor de login o usa
adminpeople-nobody-matches = Ninguém corresponde.
adminpeople-people = Pessoas
adminpeople-reactivate = Reativar
adminpeople-remove-admin = Remover administrador
adminpeople-reset-password = Redefinir senha
adminpeople-search-people = Pesquisar pessoas
adminpeople-send-link = Envie este link para { $name }; ele funciona uma vez.
adminpeople-send-link-until = Envie este link para { $name }; ele funciona uma vez, até { $until }.
adminpeople-the-server-sent-no-link = O servidor não enviou nenhum link.
adminpeople-you = Você
api-correct-fields = Corrija os campos marcados abaixo.
api-forbidden = Você não tem permissão para fazer isso.
api-not-found = Não encontrado.
api-offline = Não é possível acessar o servidor. Verifique sua conexão.
api-request-failed = A requisição falhou ({ $status }).
api-server-problem = O servidor teve um problema. Tente de novo.
api-sign-in = Entre, por favor.
api-too-large = Isso é grande demais para o servidor.
api-too-many-attempts = Tentativas demais da sua rede. Tente de novo em cerca de um minuto.
api-too-many-requests = Requisições demais. Aguarde um momento e tente de novo.
api-upload-cancelled = Envio cancelado.
app-chats-and-search = Chats e pesquisa
app-connecting = Conectando…
app-connection-lost-reconnecting = Conexão perdida — reconectando…
app-dismiss = Fechar
app-mentions = Menções
app-mentions-n-unread = Menções, { $n } não lidas
app-new-group = Novo grupo
app-new-message = Nova mensagem
app-new-message-from-title = Nova mensagem de { $title }
app-online = On-line
app-open = Abrir
app-reminder = Lembrete
app-rooms = Salas
app-sent-a-file = enviou um arquivo
app-that-message-is-not-available = Essa mensagem não está disponível: foi excluída ou você não está no chat dela.
app-who-in-a-thread-in = { $who } em uma conversa em { $chat }
app-who-in-chat = { $who } em { $chat }
attachments-this-kind-cannot-be-played = { $kind ->
    [audio] Este áudio não pode ser reproduzido aqui; baixe-o.
   *[other] Este vídeo não pode ser reproduzido aqui; baixe-o.
  }
attachments-view-name = Ver { $name }
auth-a-username-needs-at-least = Um nome de usuário precisa de pelo menos um caractere que não seja dígito.
auth-code-from-your-authenticator-app = Código do seu app autenticador (ou um código de recuperação)
auth-create-account = Criar conta
auth-create-an-account = Criar uma conta
auth-create-your-account = Crie sua conta
auth-display-name-optional = Nome de exibição (opcional)
auth-email = E-mail
auth-enter-a-valid-email-address = Digite um endereço de e-mail válido.
auth-enter-the-code-from-your = Digite o código do seu app autenticador (ou um código de recuperação) para concluir a entrada.
auth-enter-the-code-your-authenticator = Digite o código que seu app autenticador mostra.
auth-enter-your-password = Digite sua senha.
auth-enter-your-username-or-email = Digite seu nome de usuário ou e-mail.
auth-forgot-password = Esqueceu a senha?
auth-i-already-have-an-account = Já tenho uma conta
auth-invitation-code = Código de convite
auth-new-accounts-come-from-an = As novas contas são criadas por um administrador deste servidor.
auth-new-here = Novo por aqui?{" "}
auth-password = Senha
auth-sign-in = Entrar
auth-sign-in-to-natter = Entrar no natter
auth-that-code-is-wrong-expired = Esse código está errado, expirou ou já foi usado.
auth-this-server-has-no-account = Este servidor ainda não tem nenhuma conta. O primeiro administrador se cadastra pelo link no log do servidor (“the first administrator signs up at …”); todos os outros precisam de um convite dele.
auth-this-server-is-by-invitation = Este servidor é só para convidados: peça um link de convite a um administrador e abra-o para criar sua conta.
auth-use-1-150-letters-digits = Use de 1 a 150 letras, dígitos ou os caracteres @ . + - _.
auth-use-at-least-8-characters = Use pelo menos 8 caracteres.
auth-use-at-most-150-characters = Use no máximo 150 caracteres.
auth-username = Nome de usuário
auth-username-or-email = Nome de usuário ou e-mail
auth-wrong-username-or-password = Nome de usuário ou senha incorretos.
auth-you-were-invited-to-natter = Você foi convidado para o natter. Escolha um nome de usuário e uma senha para criar sua conta.
auth-your-account-was-created-but = Sua conta foi criada, mas a entrada falhou: { $message }
call-call-controls = Controles da chamada
call-call-title = Chamada · { $title }
call-name-you = { $name } (você)
call-camera-off = câmera desligada
call-camera-off-2 = Câmera desligada
call-camera-off-turn-on = Câmera desligada: ligar
call-camera-on-turn-off = Câmera ligada: desligar
call-close = Fechar
call-connecting = conectando…
call-connection-lost = conexão perdida…
call-could-not-connect = não foi possível conectar
call-leave-the-call = Sair da chamada
call-microphone-off = microfone desligado
call-microphone-off-2 = Microfone desligado
call-microphone-off-turn-on = Microfone desligado: ligar
call-microphone-on-turn-off = Microfone ligado: desligar
call-minimise-the-call-it-goes = Minimizar a chamada (ela continua)
call-share-your-screen = Compartilhar sua tela
call-stop-sharing-your-screen = Parar de compartilhar a tela
callbar-call-in-progress-names = Chamada em andamento: { $names }
callbar-join-call = Entrar na chamada
callbar-return-to-call = Voltar à chamada
callbar-you-are-in-a-call = Você está em uma chamada com { $names }
callbar-you-are-in-a-call-2 = Você está em uma chamada, esperando os outros
callbar-you-are-in-this-call = Você está nesta chamada em outra aba, com { $names }
callbar-you-are-in-this-call-2 = Você está nesta chamada em outra aba
callrecord-caller-called-duration-with-names = { $caller } ligou · { $duration } · com { $names }
callrecord-caller-started-a-call-in = { $caller } iniciou uma chamada · em andamento
callrecord-floor-h-value-min = { $floor } h { $value } min
callrecord-missed-call-from-caller = Chamada perdida de { $caller }
callrecord-someone = Alguém
callrecord-you = Você
callrecord-you-mid = você
callrecord-you-called-no-one-answered = Você ligou · ninguém atendeu
calls-could-not-connect-to-someone = Não foi possível conectar a alguém da chamada; este servidor não tem um relay TURN configurado, então pessoas em redes diferentes podem não se alcançar.
calls-could-not-connect-to-someone-2 = Não foi possível conectar a alguém da chamada, nem pelo relay do servidor. Verifique sua rede e tente entrar de novo.
calls-could-not-reach-the-server-that = Não foi possível alcançar o servidor que transmite o som e a imagem desta chamada. Verifique sua rede e tente entrar de novo.
calls-joining-the-call = Entrando na chamada…
calls-reconnecting-to-the-call = Reconectando à chamada…
calls-screen-sharing-was-cancelled-or = O compartilhamento de tela foi cancelado ou não é permitido aqui.
calls-someone = Alguém
calls-starting-your-microphone-and-camera = Ligando seu microfone e sua câmera…
calls-this-call-is-full-it = Esta chamada está cheia: já tem tantas pessoas quanto este servidor permite em uma chamada. Tente de novo quando alguém sair.
calls-value-people-in-the-call = { $value } pessoas na chamada
calls-waiting-for-others-to-join = Esperando os outros entrarem…
calls-waiting-for-the-connection-to = Esperando a conexão com o servidor…
calls-who-declined = { $who } recusou
calls-who-declined-the-call = { $who } recusou a chamada
calls-who-is-calling-you = { $who } está ligando para você
calls-who-started-a-call-in = { $who } iniciou uma chamada em { $chatTitle }
calls-you-are-no-longer-in = Você não está mais neste chat, então saiu da chamada dele.
chat-archived = {" "}· arquivado
chat-are-typing = { $names } e { $last } estão digitando…
chat-back-to-chats = Voltar aos chats
chat-chat-details-and-members = Detalhes e membros do chat
chat-conversation = Conversa
chat-could-not-load-messages-message = Não foi possível carregar as mensagens: { $message }
chat-could-not-load-older-messages = Não foi possível carregar as mensagens anteriores: { $message }
chat-could-not-react-message = Não foi possível reagir: { $message }
chat-delete = Excluir
chat-delete-this-message = Excluir esta mensagem?
chat-direct-message = Mensagem direta
chat-group = Grupo
chat-it-is-deleted-for-everyone = Ela é excluída para todos neste chat. Não é possível desfazer.
chat-kind-members = { $kind } · { $n ->
    [one] { $n } membro
   *[other] { $n } membros
  }
chat-loading-messages = Carregando mensagens…
chat-loading-older-messages = Carregando mensagens anteriores…
chat-messages = Mensagens
chat-name-says = { $name }: { $text }
chat-name-sent-a-file = { $name } enviou um arquivo
chat-no-messages-yet-say-hello = Nenhuma mensagem ainda. Diga oi!
chat-pick-a-chat-find-someone = Escolha um chat, encontre alguém ou entre em uma sala.
chat-remove-for-everyone = Remover para todos
chat-remove-this-message = Remover esta mensagem?
chat-room = Sala
chat-saved-find-it-under-saved = Salva. Você a encontra em Salvos.
chat-several-people-are-typing = Várias pessoas estão digitando…
chat-showing-from = Mostrando a mensagem de { $name }
chat-showing-from-you = Mostrando sua mensagem
chat-start-of-the-conversation = Início da conversa
chat-start-or-join-a-call = Iniciar ou entrar em uma chamada
chat-that-message-is-not-in = Essa mensagem não está mais neste chat, ou é antiga demais para carregar.
chat-the-message-by-username-is = A mensagem de { $userName } é removida para todos neste chat: no lugar dela fica “removida por um administrador”. Não é possível desfazer.
chat-this-chat-is-archived-you = Este chat está arquivado: você pode lê-lo, mas ninguém pode publicar nele.
chat-value-is-typing = { $value } está digitando…
chat-you = Você
chatinfo-add-people = Adicionar pessoas
chatinfo-admin = admin
chatinfo-name-you = { $name } (você)
chatinfo-administrator = Administrador:
chatinfo-archive-kind = Arquivar { $kind ->
    [group] o grupo
    [room] a sala
   *[other] o chat
  }
chatinfo-chattitle-is-deleted-for-all = “{ $chatTitle }” é excluído para todos os { $value } membros: sai das listas deles e ninguém pode abri-lo de novo.
chatinfo-could-not-add-username = Não foi possível adicionar { $userName }: { $message }
chatinfo-could-not-archive = Não foi possível arquivar: { $message }
chatinfo-could-not-leave = Não foi possível sair: { $message }
chatinfo-could-not-load-the-details = Não foi possível carregar os detalhes: { $message }
chatinfo-could-not-remove-username = Não foi possível remover { $userName }: { $message }
chatinfo-could-not-unarchive = Não foi possível desarquivar: { $message }
chatinfo-delete-kind = Excluir { $kind ->
    [group] o grupo
    [room] a sala
   *[other] o chat
  }
chatinfo-delete-kind-for-everyone = Excluir { $kind ->
    [group] o grupo
    [room] a sala
   *[other] o chat
  } para todos
chatinfo-delete-this-kind = Excluir { $kind ->
    [group] este grupo
    [room] esta sala
   *[other] este chat
  }?
chatinfo-give-the-kind-a-name = Dê um nome { $kind ->
    [group] ao grupo
    [room] à sala
   *[other] ao chat
  }.
chatinfo-leave-kind = Sair { $kind ->
    [group] do grupo
    [room] da sala
   *[other] do chat
  }
chatinfo-loading = Carregando…
chatinfo-members-length = Membros ({ $length })
chatinfo-name-of-the-kind = Nome { $kind ->
    [group] do grupo
    [room] da sala
   *[other] do chat
  }
chatinfo-only-admins-can-rename-the = Somente administradores podem renomear { $kind ->
    [group] o grupo
    [room] a sala
   *[other] o chat
  } ou adicionar pessoas.
chatinfo-remove-username = Remover { $userName }
chatinfo-rename = Renomear
chatinfo-stay = Ficar
chatinfo-unarchive-kind = Desarquivar { $kind ->
    [group] o grupo
    [room] a sala
   *[other] o chat
  }
chatinfo-yes-leave = Sim, sair
chatlist-archived = Arquivado
chatlist-archived-read-only = Arquivado: somente leitura
chatlist-chats = Chats
chatlist-could-not-load-chats-message = Não foi possível carregar os chats: { $message }
chatlist-direct = Direto
chatlist-direct-messages = Mensagens diretas
chatlist-file-name = Arquivo: { $name }
chatlist-group = Grupo
chatlist-groups = Grupos
chatlist-loading-chats = Carregando chats…
chatlist-mentions-of-you = { $n ->
    [one] { $n } menção
   *[other] { $n } menções
  } a você
chatlist-muted = Silenciado
chatlist-muted-no-notifications = Silenciado: sem notificações
chatlist-no-chats-yet-find-someone = Nenhum chat ainda. Encontre alguém acima, crie um grupo ou entre em uma sala.
chatlist-no-messages-yet = Nenhuma mensagem ainda
chatlist-picture-name = Imagem: { $name }
chatlist-room = Sala
chatlist-rooms = Salas
chatlist-star-title = Marcar { $title } com estrela
chatlist-star-title-keep-it-at = Marcar { $title } com estrela: manter no topo
chatlist-starred = Com estrela
chatlist-starred-kept-at-the-top = Com estrela: mantido no topo. Tirar a estrela de { $title }
chatlist-unread = { $n ->
    [one] { $n } mensagem não lida
   *[other] { $n } mensagens não lidas
  }
chatlist-unread-natter = ({ $unread }) natter
chatlist-unread-quiet = { $n ->
    [one] { $n } mensagem não lida, sem notificação
   *[other] { $n } mensagens não lidas, sem notificação
  }
chatlist-you = Você
chatlist-you-were-mentioned = Você foi mencionado
chatpresence-it-is-local-time-for = {" "}(lá são { $local_time })
chatpresence-it-is-local-time-for-2 = Para { $name } são { $local_time }.
chatpresence-name-is-in-quiet-hours = { $name } está no horário de silêncio{ $at }: não recebe notificação agora e verá sua mensagem mais tarde.
chatpresence-status-words = Status: { $words }.
combobox-nothing-found = Nada encontrado.
combobox-results = { $n ->
    [one] { $n } resultado
   *[other] { $n } resultados
  }
composer-attach-a-file = Anexar um arquivo
composer-attachments = Anexos
composer-cancel-uploading-name = Cancelar o envio de { $name }
composer-failed-error = (falhou: { $error })
composer-insert-an-emoji = Inserir um emoji
composer-insert-emoji = Inserir emoji
composer-message = Mensagem
composer-not-sent-message = Não enviada: { $message }
composer-remove-name = Remover { $name }
composer-send = Enviar
composer-the-server-gave-the-file = o servidor não deu um id ao arquivo
composer-uploading-name = Enviando { $name }
composer-uploading-pct = (enviando… { $pct }%)
composer-write-a-message = Escreva uma mensagem
confirm-cancel = Cancelar
dom-chat-id = Chat { $id }
dom-close = Fechar
dom-name-deactivated = { $name } (desativado)
dom-n-more = mais { $n }
dom-room-id = Sala { $id }
dom-someone = Alguém
dom-value-kb = { $value } KB
dom-value-mb = { $value } MB
emojicomplete-emoji = Emoji
emojipicker-arrow-keys-move-enter-picks = As setas movem, Enter escolhe, Esc fecha
emojipicker-category = { $category ->
    [Smileys] Carinhas
    [People] Pessoas
    [Nature] Animais e natureza
    [Food] Comidas e bebidas
    [Activities] Atividades
    [Travel] Viagens e lugares
    [Objects] Objetos
    [Symbols] Símbolos
   *[other] { $category }
  }
emojipicker-custom = Personalizados
emojipicker-n-emoji-match = { $n } emojis correspondem
emojipicker-no-emoji-match-that-name = Nenhum emoji corresponde a esse nome.
emojipicker-search-emoji = Pesquisar emoji
emojipicker-search-emoji-by-name = Pesquisar emoji pelo nome
finder-chats = Chats
finder-chats-they-are-in = Chats de que participa
finder-could-not-join-name-message = Não foi possível entrar em { $name }: { $message }
finder-could-not-start-the-chat = Não foi possível iniciar o chat: { $message }
finder-direct = Direto
finder-group = Grupo
finder-members-join = { $n ->
    [one] { $n } membro
   *[other] { $n } membros
  } · entrar
finder-nobody-found = Ninguém encontrado.
finder-people = Pessoas
finder-room = Sala
finder-rooms-to-join = Salas para entrar
finder-search-chats-rooms-and-people = Pesquisar chats, salas e pessoas
finder-search-chats-rooms-people = Pesquisar chats, salas, pessoas
firstday-a-direct-chat-is-just = Um chat direto é só entre você e outra pessoa.{" "}
firstday-browse-the-rooms = Explore as salas
firstday-dismiss = Fechar
firstday-everyone-who-joins-starts-in = Todos que entram começam nas salas marcadas lá com “Quem chega começa aqui”.
firstday-go-to-invitations = Ir para os convites
firstday-groups-are-private-only-the = Grupos são privados: só as pessoas adicionadas os veem.{" "}
firstday-or = {" "}ou{" "}
firstday-rooms-are-open-conversations-anyone = Salas são conversas abertas que qualquer pessoa aqui pode encontrar e entrar, uma por equipe ou assunto.{" "}
firstday-see-who-is-here = veja quem está aqui
firstday-the-shield-at-the-top = (o escudo no canto superior direito), em Convites, e envie o link.{" "}
firstday-to-say-hello = {" "}para dizer oi.
firstday-welcome-you-are-in-no = Boas-vindas! Você ainda não está em nenhum chat.{" "}
firstday-you-run-this-server-to = Você administra este servidor. Para trazer sua equipe, crie um convite na página de Administração{" "}
forgot-back-to-sign-in = Voltar para entrar
forgot-enter-your-username-or-email = Digite seu nome de usuário ou e-mail.
forgot-forgot-your-password = Esqueceu sua senha?
forgot-if-that-account-exists-and = Se essa conta existir e tiver um endereço de e-mail, um e-mail com um link está a caminho.
forgot-send-me-a-link = Enviar um link
forgot-the-link-lets-you-choose = O link permite escolher uma nova senha.
forgot-they-make-one-on-the = ele cria um na página de Administração, em Pessoas, com “Redefinir senha”.{" "}
forgot-this-server-sends-no-mail = Este servidor não envia e-mails. Peça a um administrador deste servidor um link de redefinição:{" "}
forgot-username-or-email = Nome de usuário ou e-mail
forgot-we-mail-a-link-to = Enviamos um link para escolher uma nova senha para o endereço da sua conta.
formathelp-a-block-of-code = um bloco de código
formathelp-a-link = um link
formathelp-a-list = uma lista
formathelp-a-quote = uma citação
formathelp-a-that-stays-a = um * que continua *
formathelp-bold-ctrl-b = negrito (Ctrl+B)
formathelp-bold-syntax = {"*"}*negrito**
formathelp-formatting = Formatação
formathelp-formatting-help = Ajuda de formatação
formathelp-italic-ctrl-i = itálico (Ctrl+I)
formathelp-messages-are-sent-as-typed = As mensagens são enviadas como digitadas; o natter mostra a formatação.
forms-the-two-passwords-differ = As duas senhas são diferentes.
forms-use-at-least-8-characters = Use pelo menos 8 caracteres.
groupdialog-add-at-least-one-person = Adicione pelo menos uma pessoa.
groupdialog-add-people = Adicionar pessoas
groupdialog-create-group = Criar grupo
groupdialog-give-the-group-a-name = Dê um nome ao grupo.
groupdialog-group-name = Nome do grupo
groupdialog-members = Membros
groupdialog-new-group = Novo grupo
groupdialog-remove-username = Remover { $userName }
groupsdirectory-add-people-to-handle = Adicionar pessoas a @{ $handle }
groupsdirectory-design-team = Equipe de design
groupsdirectory-give-the-group-a-handle = Dê um identificador ao grupo.
groupsdirectory-groups = Grupos
groupsdirectory-loading = Carregando…
groupsdirectory-loading-groups = Carregando grupos…
groupsdirectory-make-group = Criar grupo
groupsdirectory-members = Membros
groupsdirectory-mention-a-group-with-and = Mencione um grupo com @ e o identificador: os membros dele nesse chat são notificados.
groupsdirectory-name = Nome
groupsdirectory-no-groups-yet = Nenhum grupo ainda.
groupsdirectory-people = { $n ->
    [one] { $n } pessoa
   *[other] { $n } pessoas
  }
groupsdirectory-remove-handle = Remover @{ $handle }
groupsdirectory-take-username-out-of-handle = Tirar { $userName } de @{ $handle }
groupsdirectory-handle-example = design
history-new-messages = Novas mensagens
inviteemails-email-addresses-separated-by-commas = Endereços de e-mail, separados por vírgulas ou linhas (no máximo { $MAX_EMAILS }); cada um recebe o link de convite por e-mail.
inviteemails-give-at-most-max-emails = Informe no máximo { $MAX_EMAILS } endereços (você informou { $length }).
inviteemails-not-addresses = { $n ->
    [one] Este não é um endereço de e-mail
   *[other] Estes não são endereços de e-mail
  }: { $list }.
inviteemails-send-the-link-to-optional = Enviar o link para (opcional)
inviteemails-example-addresses = ana@example.org, bruno@example.org
levels-all-messages = Todas as mensagens
levels-mentions-only = Só menções
levels-nothing-muted = Nada (silenciado)
linkpreviews-remove-preview = Remover a prévia
main-loading = Carregando…
main-natter-could-not-start-message = O natter não conseguiu iniciar: { $message }
main-sign-in-to-the-account = Entre na conta para confirmar o endereço de e-mail dela.
main-try-again = Tentar de novo
main-you-are-already-signed-in = Você já está conectado, então o convite não foi usado.
main-you-are-offline-natter-cannot = Você está off-line: o natter não alcança o servidor dele. Ele inicia sozinho assim que puder.
main-your-email-address-is-confirmed = Seu endereço de e-mail está confirmado.
main-your-email-address-was-not = Seu endereço de e-mail não foi confirmado: { $message }
main-your-new-password-is-set = Sua nova senha está definida. Entre com ela.
matrixapps-element-fluffychat-nheko = Element (web e desktop), FluffyChat e nheko: digite o endereço exatamente como aparece.
matrixapps-element-x-neochat = Element X e NeoChat: só entram por https, então o natter precisa ser servido atrás de TLS (com certificado próprio ou um proxy na frente), com o nome do servidor Matrix como host. O NeoChat pede seu ID Matrix e encontra o servidor a partir dele.
matrixapps-homeserver-address = Endereço do servidor local
matrixapps-intro = Apps do Matrix abrem os mesmos chats, mensagens diretas e conversas. No app, troque o servidor local para este endereço e entre com seu nome de usuário e senha do natter, ou com login único.
matrixapps-matrix-id = ID Matrix
matrixapps-not-https = Esta página é servida por http simples, então Element X e NeoChat ainda não conseguem entrar aqui: peça a um administrador para servir o natter por https.
matrixapps-use-natter-in-an-app = Usar o natter em um app
matrixapps-what-each-app-needs = Do que cada app precisa
matrixsso-an-app-asks = Um app pede para entrar no natter como { $name } (@{ $username }).
matrixsso-an-app-asks-username = Um app pede para entrar no natter como @{ $username }.
matrixsso-an-app-at-origin-asks = Um app em { $origin } pede para entrar no natter como { $name } (@{ $username }).
matrixsso-an-app-at-origin-asks-username = Um app em { $origin } pede para entrar no natter como @{ $username }.
matrixsso-cancel = Cancelar
matrixsso-continue = Continuar
matrixsso-continue-only-if-you-started = Continue só se foi você quem começou esta entrada, nesse app. O app poderá ler e enviar mensagens em seu nome.
matrixsso-continue-only-if-you-trust = Continue só se foi você quem começou esta entrada, em um app de confiança, e espera voltar para { $place }. Qualquer pessoa pode dar a um app o nome que quiser, inclusive “Element”: o natter não confere nomes. O app poderá ler e enviar mensagens em seu nome.
matrixsso-open-natter = Abrir o natter
matrixsso-registered-here = Registrado aqui
matrixsso-registered-less-than-a-day = Este app foi registrado aqui { $when }, há menos de um dia. Um app que você usa há algum tempo foi registrado bem antes: se você não acabou de adicionar este app, alguém pode estar fazendo o app dele se passar por outro.
matrixsso-sends-you-back-to = Você volta para
matrixsso-sign-in-to-an-app = Entrar em um app
matrixsso-the-name-the-app-gives = O nome que o app dá a si mesmo (não conferido)
matrixsso-the-server-did-not-say = O servidor não disse para onde enviar você. Tente de novo.
matrixsso-the-website-the-app-names = O site que o app informa (não conferido)
matrixsso-this-sign-in-has-ended = Esta entrada terminou ou já foi permitida. Comece de novo pelo app.
matrixsso-you-are-sent-back-to = Voltando ao app, que conclui a sua entrada. Você pode fechar esta página ou abrir o natter aqui.
media-this-browser-cannot-use-a = Este navegador não pode usar microfone ou câmera aqui (é preciso uma conexão segura).
media-your-camera-is-not-available = Sua câmera não está disponível; você está na chamada só com áudio.
media-your-microphone-and-camera-are = Seu microfone e sua câmera não estão disponíveis; os outros não vão ouvir nem ver você.
mentionpicker-group-notifies = Grupo: { $name }, { $n ->
    [one] { $n } pessoa
   *[other] { $n } pessoas
  }; notifica quem está neste chat
mentionpicker-notifies-everyone-in-this-chat = Notifica todos neste chat que estiveram ativos nos últimos 5 minutos
mentionpicker-notifies-everyone-in-this-chat-2 = Notifica todos neste chat
mentionpicker-people-in-this-chat = Pessoas neste chat
mentions-chat-chat-id = Chat { $chat_id }
mentions-could-not-list-more-mentions = Não foi possível listar mais menções: { $message }
mentions-could-not-list-your-mentions = Não foi possível listar suas menções: { $message }
mentions-could-not-mark-them-read = Não foi possível marcá-las como lidas: { $message }
mentions-group-of = { $name }: um grupo de { $n ->
    [one] { $n } pessoa
   *[other] { $n } pessoas
  }
mentions-load-more = Carregar mais
mentions-loading = Carregando…
mentions-mark-all-read = Marcar tudo como lido
mentions-mentions = Menções
mentions-messages-that-mention-you = Mensagens que mencionam você
mentions-n-unread = { $n ->
    [one] { $n } menção não lida
   *[other] { $n } menções não lidas
  }
mentions-nobody-has-mentioned-you-yet = Ninguém mencionou você ainda.
mentions-open-the-thread = Abrir a conversa
mentions-reply = Responder
mentions-reply-in-a-thread = Responder em uma conversa
message-a-bot-its-messages-are = Um bot: as mensagens dele são enviadas por um programa
message-a-message-cannot-be-empty = Uma mensagem não pode ficar vazia. Exclua-a.
message-bot = BOT
message-cancel = Cancelar
message-delete = Excluir
message-delete-as-administrator = Excluir como administrador
message-edit = Editar
message-edit-message = Editar mensagem
message-edited = (editada)
message-escape-closes = Esc fecha
message-heart = coração
message-laughing = risada
message-more = Mais…
message-more-reactions = Mais reações
message-pick-a-reaction = Escolha uma reação
message-react = Reagir
message-react-with-name = Reagir com { $name }
message-reply = Responder
message-reply-in-thread = Responder na conversa
message-sad = triste
message-save = Salvar
message-seen-by = Visto por { $names }
message-seen-by-n-more = mais { $n }
message-sent = Enviada
message-surprised = surpresa
message-thumbs-up = joinha
message-you = Você
message-you-joined = Você entrou
message-name-joined = { $name } entrou
message-party = festa
message-reaction-count = { $emoji } { $count }
message-reaction-count-names = { $emoji } { $count }: { $names }
messagelinks-sent-a-file = enviou um arquivo
missedmail-1-hour = 1 hora
missedmail-10-minutes = 10 minutos
missedmail-after = Depois de{" "}
missedmail-could-not-save-it-message = Não foi possível salvar: { $message }
missedmail-email-me-about-mentions-and = Me avisar por e-mail das menções e mensagens diretas que eu perder
missedmail-hours = { $n ->
    [one] { $n } hora
   *[other] { $n } horas
  }
missedmail-mail-about-what-you-miss = E-mail sobre o que você perde
missedmail-minutes = { $n ->
    [one] { $n } minuto
   *[other] { $n } minutos
  }
missedmail-saved-mail-after-spoken = Salvo: e-mail depois de { $spoken }.
missedmail-saved-no-mail-about-what = Salvo: sem e-mail sobre o que você perde.
missedmail-saved-you-get-a-mail = Salvo: você recebe um e-mail sobre o que perder.
missedmail-seconds = { $n ->
    [one] { $n } segundo
   *[other] { $n } segundos
  }
missedmail-sent-to-your-email-address = Enviado para seu endereço de e-mail quando uma menção ou mensagem direta continua não lida depois de { $after }; no máximo um e-mail a cada { $after }.
missedmail-spoken-the-server-s-setting = { $spoken } (a configuração do servidor)
msgmore-copy-link = Copiar link
msgmore-link-copied = Link copiado
msgmore-link-to-this-message = Link para esta mensagem
msgmore-message-link = link da mensagem
msgmore-more-actions = Mais ações
msgmore-people-in-this-chat-who = As pessoas deste chat que o abrirem veem a mensagem; os outros são avisados de que ela não está disponível.
msgmore-pin-to-this-chat = Fixar neste chat
msgmore-pinned = Fixada
msgmore-save-for-later = Salvar para depois
msgmore-unpin-from-this-chat = Desafixar deste chat
msgsearch-also-after-on = também after:, on:
msgsearch-chat = Chat
msgsearch-image-link-reaction-pin = image, link, reaction, pin
msgsearch-in-a-direct-chat = em um chat direto
msgsearch-in-a-room = em uma sala
msgsearch-messages = Mensagens
msgsearch-no-messages-found = Nenhuma mensagem encontrada
msgsearch-or-is-saved = ou is:saved
msgsearch-people = Pessoas
msgsearch-rooms = Salas
msgsearch-search-messages = Pesquisar mensagens
msgsearch-search-messages-2 = Pesquisar mensagens ( / )
msgsearch-search-operators = Operadores de pesquisa
msgsearch-sent-by = enviada por
msgsearch-without-it = sem ela
msgsearch-you = Você
newmessage-add-at-least-one-person = Adicione pelo menos uma pessoa.
newmessage-could-not-open-the-chat = Não foi possível abrir o chat: { $message }
newmessage-new-message = Nova mensagem
newmessage-one-person-your-direct-chat = Uma pessoa: seu chat direto com ela. Várias: um grupo com todos vocês, com o nome dos membros.
newmessage-open-chat = Abrir chat
newmessage-open-group-of-value = Abrir o grupo de { $value }
newmessage-remove-username = Remover { $userName }
newmessage-to = Para
newmessage-to-a-name-or-username = Para: um nome ou nome de usuário
notice-you-were-signed-out-sign = Você foi desconectado. Entre de novo para continuar.
notify-notifications-are-blocked-for-this = As notificações estão bloqueadas para este site. Para desbloqueá-las, abra as configurações do site{" "}
notify-push-unavailable-in-this-browser = Push indisponível neste navegador: { $missing }.
notify-pushes-arrive-even-with-natter = As notificações push chegam mesmo com o natter fechado.
notify-subscribing-this-browser-to-pushes = Inscrevendo este navegador nas notificações push…
notify-the-icon-left-of-the = (o ícone à esquerda do endereço), permita as notificações e recarregue a página.
notify-this-browser-cannot-show-notifications = Este navegador não pode mostrar notificações.
notifylevel-could-not-change-it-message = Não foi possível alterar: { $message }
notifylevel-default-value = Padrão ({ $value })
notifylevel-notify-me = Notificar sobre
notifylevel-saved-value = Salvo: { $value }.
notifylevel-saving = Salvando…
notifyprompt-get-notified-of-new-messages = Receber notificações de novas mensagens quando o natter estiver em segundo plano? Você pode mudar isso depois com o sino no topo.
notifyprompt-not-now = Agora não
notifyprompt-turn-on-notifications = Ativar notificações
notifysettings-allowed-you-are-notified-of = Permitidas: você é notificado das mensagens nos chats que não está vendo.
notifysettings-blocked-blocked = Bloqueadas. { $BLOCKED }
notifysettings-each-chat-s-details-say = Os detalhes de cada chat dizem do que ele notifica você: todas as mensagens, só menções ou nada.
notifysettings-notifications-on-this-device = Notificações neste dispositivo
notifysettings-off-allowed-by-the-browser = Desativadas (permitidas pelo navegador).
notifysettings-off-turn-them-on-and = Desativadas. Ative-as e o navegador vai pedir sua permissão.
notifysettings-turn-off = Desativar
notifysettings-turn-on = Ativar
notifysettings-unsupported-this-browser-cannot-show = Sem suporte: este navegador não pode mostrar notificações.
page-back-to-chats = Voltar aos chats
page-copied = Copiado.
page-copy = Copiar
page-copy-label = Copiar { $label }
page-could-not-list-more-what = { $what ->
    [people] Não foi possível listar mais pessoas: { $message }
    [chats] Não foi possível listar mais grupos e salas: { $message }
    [audit] Não foi possível listar os registros anteriores: { $message }
   *[other] Não foi possível carregar mais: { $message }
  }
page-could-not-list-what-message = { $what ->
    [people] Não foi possível listar as pessoas: { $message }
    [chats] Não foi possível listar os grupos e salas: { $message }
   *[other] Não foi possível carregar a lista: { $message }
  }
page-link-to-send = Link para enviar
page-search = Pesquisar
page-selected-press-ctrl-c-or = Selecionado: pressione Ctrl+C (ou ⌘C) para copiar.
page-action-on-whom = { $action }: { $whom }
people-administrator = Administrador
people-could-not-open-the-chat = Não foi possível abrir o chat: { $message }
people-everyone-here = Todos aqui
people-everyone-on-this-server-message = Todos neste servidor. “Mensagem” abre seu chat direto com a pessoa.
people-in-quiet-hours-no-notifications = No horário de silêncio: sem notificações agora
people-last-seen-relativetime = visto { $relativeTime }
people-local-time-local-time = { $local_time } no horário local
people-message = Mensagem
people-message-name = Enviar mensagem para { $name }
people-more-people = Mais pessoas
people-name = Nome
people-nobody-matches = Ninguém corresponde.
people-not-seen-yet = ainda não visto
people-people = Pessoas
people-people-everyone-on-this-server = Pessoas: todos neste servidor
people-quiet-hours = Horário de silêncio
people-search-people-by-name = Pesquisar pessoas pelo nome
people-you = Você
pins-could-not-list-the-pinned = Não foi possível listar as mensagens fixadas: { $message }
pins-loading = Carregando…
pins-nothing-is-pinned-here-yet = Nada fixado aqui ainda. Fixe uma mensagem pelo menu dela.
pins-pinned-by-username = fixada por { $userName }
pins-pinned-count = { $n ->
    [one] { $n } mensagem fixada
   *[other] { $n } mensagens fixadas
  }
pins-pinned-messages = Mensagens fixadas
pins-sent-a-file = enviou um arquivo
profile-choose-an-image = Escolher uma imagem
profile-choose-an-image-file-png = Escolha um arquivo de imagem (PNG, JPEG, GIF ou WebP).
profile-could-not-remove-the-picture = Não foi possível remover a foto: { $message }
profile-could-not-save-the-picture = Não foi possível salvar a foto: { $message }
profile-display-name = Nome de exibição
profile-picture = Foto
profile-picture-removed = Foto removida.
profile-picture-saved = Foto salva.
profile-remove-picture = Remover foto
profile-save-name = Salvar nome
profile-saved-others-now-see-you = Salvo. Agora os outros veem você como { $userName }.
profile-shown-to-others-instead-of = Mostrado aos outros no lugar de @{ $username }.
profile-the-server-did-not-name = o servidor não deu nome ao envio
profile-uploading = Enviando…
profile-your-profile = Seu perfil
providers-accounts-elsewhere-that-sign-you = Contas em outros lugares com as quais você entra aqui.
providers-could-not-load-your-sign = Não foi possível carregar seus provedores de login: { $message }
providers-it-cannot-be-reached-right = Não está acessível agora; tente de novo em um minuto.
providers-label-is-unavailable = { $label } está indisponível
providers-label-unlinked = { $label } desvinculado.
providers-link-label = Vincular { $label }
providers-or-with-your-username-and = ou com seu nome de usuário e senha:
providers-set-a-password-or-link = Defina uma senha ou vincule outro provedor primeiro.
providers-sign-in-providers = Provedores de login
providers-sign-in-with-label = Entrar com { $label }
providers-unlink = Desvincular
providers-cancel = Cancelar
providers-code-from-the-app = Código do app (ou um código de recuperação)
providers-confirm-to-link = Para vincular { $label }, confirme que é você.
providers-continue-to-label = Continuar para { $label }
providers-current-password = Senha atual
providers-enter-your-password-or = Digite sua senha ou um código.
providers-or-a-code = Ou um código do app (ou um código de recuperação)
providers-recent-sign-in-links = Sua conta não tem senha: para vincular { $label } é preciso ter entrado há menos de 10 minutos.
pushsub-its-push-service-did-not = o serviço de push dele não respondeu
pushsub-no-notifications = sem notificações
pushsub-no-push-api = sem Push API
pushsub-no-service-workers = sem service workers
pushsub-push-unavailable-in-this-browser = Push indisponível neste navegador: { $missing }.
pushsub-push-unavailable-in-this-browser-2 = Push indisponível neste navegador: o service worker não conseguiu iniciar.
pushsub-push-unavailable-in-this-browser-3 = Push indisponível neste navegador: { $value }.
pushsub-push-unavailable-message = Push indisponível: { $message }
pushsub-push-unavailable-on-this-server = Push indisponível neste servidor.
pushsub-push-unavailable-the-server-refused = Push indisponível: o servidor recusou a inscrição ({ $message })
quietsettings-1-hour = 1 hora
quietsettings-2-hours = 2 horas
quietsettings-24-hours = 24 horas
quietsettings-30-minutes = 30 minutos
quietsettings-8-hours = 8 horas
quietsettings-friday = Sexta-feira
quietsettings-label-quiet-from = { $label }: silêncio a partir de
quietsettings-label-quiet-until = { $label }: silêncio até
quietsettings-monday = Segunda-feira
quietsettings-notifications-are-back-on = As notificações foram retomadas.
quietsettings-notifications-paused-until = Notificações pausadas até { $until }.
quietsettings-pause-for = Pausar por
quietsettings-pause-notifications = Pausar notificações
quietsettings-quiet-hours = Horário de silêncio
quietsettings-quiet-hours-could-not-be = Não foi possível ler o horário de silêncio.
quietsettings-quiet-hours-saved = Horário de silêncio salvo.
quietsettings-quiet-on = Silêncio em
quietsettings-resume-notifications = Retomar notificações
quietsettings-saturday = Sábado
quietsettings-save-quiet-hours = Salvar horário de silêncio
quietsettings-sunday = Domingo
quietsettings-thursday = Quinta-feira
quietsettings-time-zone = Fuso horário
quietsettings-tuesday = Terça-feira
quietsettings-wednesday = Quarta-feira
quietsettings-while-quiet-no-push-mail = Durante o silêncio, nenhum push, e-mail ou toque chega a você. As mensagens continuam chegando e contam como não lidas; os outros veem que você está no horário de silêncio.
quietsettings-you-are-in-quiet-hours = Você está no horário de silêncio agora: nenhum push, e-mail ou toque chega a você.
quietsettings-zone-example = America/Sao_Paulo
readplace-jump-to-first-unread = Ir para a primeira não lida
readplace-new-below = { $n ->
    [one] 1 nova mensagem abaixo
   *[other] { $n } novas mensagens abaixo
  }
replybar-cancel-the-reply-escape = Cancelar a resposta (Esc)
replybar-replying-to = Respondendo a{" "}
replybar-yourself = você mesmo
replyquote-a-message = uma mensagem
replyquote-in-reply-to = Em resposta a { $name }: { $excerpt }. Mostrar a original
replyquote-show-the-original-message = Mostrar a mensagem original
reset-choose-a-new-password = Escolha uma nova senha
reset-new-password = Nova senha
reset-set-password = Definir senha
reset-sign-in-instead = Entrar em vez disso
reset-the-same-password-again = A mesma senha de novo
reset-use-at-least-8-characters = Use pelo menos 8 caracteres. As sessões em todos os outros lugares terminam quando você a definir.
ringing-answer = Atender
ringing-caller-is-calling-you = { $caller } está ligando para você
ringing-caller-started-a-call-in = { $caller } iniciou uma chamada em { $chatTitle }
ringing-decline = Recusar
ringing-incoming-call = Chamada recebida
rooms-could-not-load-rooms-message = Não foi possível carregar as salas: { $message }
rooms-create-room = Criar sala
rooms-description-optional = Descrição (opcional)
rooms-full = Cheia
rooms-give-the-room-a-name = Dê um nome à sala.
rooms-join = Entrar
rooms-join-a-room = Entrar em uma sala
rooms-loading-rooms = Carregando salas…
rooms-members = { $n ->
    [one] { $n } membro
   *[other] { $n } membros
  }
rooms-more-rooms = Mais salas
rooms-new-room-name = Nome da nova sala
rooms-no-public-rooms-yet = Nenhuma sala pública ainda.
rooms-open = Abrir
rooms-or-start-one = Ou crie uma
rooms-private = {" "}· privada
rooms-rooms = Salas
rooms-you-are-in-it = {" "}· você está nela
roomsettings-archive-kind = Arquivar { $kind ->
    [group] o grupo
    [room] a sala
   *[other] o chat
  }
roomsettings-archived-it-is-read-only = Arquivado, fica somente leitura para todos.
roomsettings-archived-read-only-for-everyone = Arquivado: somente leitura para todos.
roomsettings-could-not-archive = Não foi possível arquivar: { $message }
roomsettings-could-not-unarchive = Não foi possível desarquivar: { $message }
roomsettings-purpose = Propósito
roomsettings-save-topic-and-purpose = Salvar tópico e propósito
roomsettings-topic-shown-under-the-name = Tópico (mostrado abaixo do nome; todos são avisados)
roomsettings-unarchive-kind = Desarquivar { $kind ->
    [group] o grupo
    [room] a sala
   *[other] o chat
  }
saved-a-chat = um chat
saved-could-not-list-more = Não foi possível listar mais mensagens salvas: { $message }
saved-more-saved-messages = Mais mensagens salvas
saved-at-a-time-i-choose = Em um horário que eu escolher…
saved-change-reminder = Alterar lembrete
saved-choose-a-day-and-a = Escolha um dia e um horário.
saved-could-not-list-your-saved = Não foi possível listar suas mensagens salvas: { $message }
saved-could-not-remove-it-message = Não foi possível remover: { $message }
saved-in-1-hour = Em 1 hora
saved-in-20-minutes = Em 20 minutos
saved-in-3-hours = Em 3 horas
saved-loading = Carregando…
saved-no-reminder = Sem lembrete
saved-nothing-saved-save-a-message = Nada salvo. Salve uma mensagem pelo menu dela para encontrá-la aqui.
saved-only-you-see-your-saved = Só você vê suas mensagens salvas: encontre-as em Salvos.
saved-remind-me = Lembrar-me
saved-reminded-longtime = Lembrete enviado: { $longTime }
saved-reminder = Lembrete
saved-reminder-longtime = Lembrete: { $longTime }
saved-reminder-of = Lembrete: { $name }: { $words }
saved-reminder-time = Horário do lembrete
saved-remove = Remover
saved-save = Salvar
saved-save-for-later = Salvar para depois
saved-saved = Salvos
saved-saved-messages = Mensagens salvas
saved-sent-a-file = enviou um arquivo
saved-this-message-is-not-available = Esta mensagem não está disponível: você não está mais no chat dela, ou ela foi excluída.
saved-tomorrow-at-9-00 = Amanhã às 9:00
sendlater-a-chat-you-left = um chat de que você saiu
sendlater-dismiss = Dispensar
sendlater-failed-refused = ela foi recusada
sendlater-failed-note = Uma mensagem agendada não foi enviada: { $why }
sendlater-a-direct-chat = um chat direto
sendlater-cancel-sending = Cancelar o envio
sendlater-cancelled = Cancelada
sendlater-date-and-time = Data e hora
sendlater-edit = Editar
sendlater-message = Mensagem
sendlater-monday-at-9-00 = Segunda às 9:00
sendlater-not-scheduled-why = Não agendada: { $why }
sendlater-not-sent = Não enviada: { $why }
sendlater-nothing-scheduled = Nada agendado.
sendlater-refused = recusada
sendlater-save = Salvar
sendlater-schedule-at-this-time = Agendar para este horário
sendlater-scheduled-for-shown = Agendada para { $shown }.
sendlater-scheduled-messages = Mensagens agendadas…
sendlater-scheduled-messages-2 = Mensagens agendadas
sendlater-send-later = Enviar depois
sendlater-sends-shown = Envia { $shown }
sendlater-sent-shown = Enviada { $shown }
sendlater-state-in-where = { $state } · em { $where }
sendlater-tomorrow-at-9-00 = Amanhã às 9:00
sendlater-write-the-message-first-then = Escreva a mensagem primeiro e depois escolha quando enviá-la.
sessions-an-app-or-script-signed = Um app ou script, conectado com uma chave
sessions-matrix-app = Um app Matrix: { $name }
sessions-could-not-end-it-message = Não foi possível encerrar: { $message }
sessions-could-not-list-your-sign = Não foi possível listar suas sessões: { $message }
sessions-end-button = Encerrar
sessions-end-label = Encerrar { $kind ->
    [session] a sessão do navegador
    [token] a sessão do app ou script com chave
   *[other] a sessão
  }, { $when }
sessions-sign-in = Sessão
sessions-sign-in-time-unknown = horário de entrada desconhecido
sessions-signed-in-longtime = conectado { $longTime }
sessions-signed-out-there = Sessão encerrada lá.
sessions-this-browser = Este navegador
sessions-web-browser = Navegador
sessions-where-you-are-signed-in = Onde você está conectado
signinerrors-label-cannot-be-reached-right = { $label } não está acessível agora; tente de novo em um minuto.
signinerrors-label-did-not-accept-the = { $label } não aceitou o código de login (pode ter expirado ou já ter sido usado); comece de novo.
signinerrors-label-refused-the-sign-in = { $label } recusou a entrada.
signinerrors-label-s-answer-could-not = A resposta de { $label } não pôde ser verificada, então o natter não conectou você.
signinerrors-sign-in-again-then-link = Entre de novo e depois vincule o provedor.
signinerrors-sign-in-first-then-link = Entre primeiro e depois vincule o provedor na página da sua conta.
signinerrors-sign-in-with-label-was = A entrada com { $label } foi cancelada.
signinerrors-signing-in-failed-try-again = A entrada falhou; tente de novo.
signinerrors-that-invitation-is-invalid-used = Esse convite é inválido, está esgotado ou expirou.
signinerrors-that-label-account-is-already = Essa conta de { $label } já está vinculada a outra conta aqui.
signinerrors-that-sign-in-link-has = Esse link de login expirou ou não foi iniciado neste navegador; comece de novo.
signinerrors-that-sign-in-provider-is = Esse provedor de login não está configurado aqui.
signinerrors-this-account-is-deactivated = Esta conta está desativada.
signinerrors-too-many-unfinished-sign-ins = Entradas não concluídas demais da sua rede; tente de novo em um minuto.
signinerrors-your-account-already-has-a = Sua conta já tem uma conta de { $label } vinculada; desvincule-a primeiro.
signinerrors-your-label-account-is-not = Sua conta de { $label } não está vinculada a nenhuma conta aqui, e as novas contas são criadas por um administrador.
signinerrors-your-label-account-is-not-2 = Sua conta de { $label } não está vinculada a nenhuma conta aqui. Abra primeiro seu link de convite, ou entre com sua senha e vincule { $label } na página da sua conta.
signinerrors-your-sign-in-provider = seu provedor de login
statuses-in-a-call = em uma chamada
statuses-status-words = Status: { $words }
statuspicker-1-hour = 1 hora
statuspicker-30-minutes = 30 minutos
statuspicker-appear-away = Aparecer como ausente
statuspicker-choose-a-date = Escolher uma data
statuspicker-clear-after = Limpar depois de
statuspicker-clear-on-this-date = Limpar nesta data
statuspicker-clear-status = Limpar status
statuspicker-commuting = No trajeto
statuspicker-don-t-clear = Não limpar
statuspicker-emoji = Emoji
statuspicker-in-a-meeting = Em reunião
statuspicker-on-holiday = De férias
statuspicker-out-sick = Doente
statuspicker-save = Salvar
statuspicker-set-a-status = Definir um status
statuspicker-status = Status
statuspicker-suggestions = Sugestões
statuspicker-this-week = Esta semana
statuspicker-today = Hoje
statuspicker-what-s-your-status = Qual é o seu status?
statuspicker-working-remotely = Trabalhando remotamente
text-file-1 = Arquivo: $1
text-an-encrypted-message-open-it = Uma mensagem criptografada: abra-a em um aplicativo Matrix para lê-la.
text-removed-by-an-administrator = removida por um administrador
thread-also-send = Enviar também para { $title }
thread-also-send-room = Enviar também para #{ $title }
thread-also-send-to-the-chat = Enviar também para o chat
thread-be-told-of-new-replies = Ser avisado de novas respostas nesta conversa
thread-close-the-thread = Fechar a conversa
thread-could-not-change-following-message = Não foi possível alterar o acompanhamento: { $message }
thread-could-not-load-older-replies = Não foi possível carregar as respostas anteriores: { $message }
thread-could-not-load-the-thread = Não foi possível carregar a conversa: { $message }
thread-first-message = Primeira mensagem
thread-follow = Acompanhar
thread-following = Acompanhando
thread-following-this-thread = Acompanhando esta conversa
thread-loading-the-thread = Carregando a conversa…
thread-no-longer-following-this-thread = Você não acompanha mais esta conversa
thread-no-replies-yet-start-the = Nenhuma resposta ainda. Comece a conversa abaixo.
thread-replies = { $n ->
    [one] { $n } resposta
   *[other] { $n } respostas
  }
thread-replies-label = Respostas
thread-reply = Responder…
thread-reply-in-thread = Responder na conversa
thread-show-older-replies = Mostrar respostas anteriores
thread-the-first-message-of-this = A primeira mensagem desta conversa foi excluída.
thread-this-thread-is-not-there = Esta conversa não existe mais.
thread-thread = Conversa
thread-you-are-told-of-new = Você é avisado de novas respostas aqui. Clique para deixar de acompanhar
threads-a-chat = um chat
threads-could-not-list-more-threads = Não foi possível listar mais conversas: { $message }
threads-could-not-list-your-threads = Não foi possível listar suas conversas: { $message }
threads-load-more = Carregar mais
threads-loading = Carregando…
threads-the-first-message-was-deleted = A primeira mensagem foi excluída.
threads-threads = Conversas
threads-threads-you-follow = Conversas que você acompanha
threads-unread-label = Conversas, { $n } { $n ->
    [one] resposta não lida
   *[other] respostas não lidas
  }
threads-unread-replies = { $n } { $n ->
    [one] resposta não lida
   *[other] respostas não lidas
  }
threads-you-follow-no-thread-yet = Você ainda não acompanha nenhuma conversa. Você acompanha as conversas que começa, em que responde ou em que é mencionado, e qualquer uma em que clicar em Acompanhar.
threadsummary-from = {" "}de { $names }
threadsummary-open-the-thread = Abrir a conversa
threadsummary-last-reply-relativetime = Última resposta { $relativeTime }
time-just-now = agora mesmo
time-today = Hoje
time-yesterday = Ontem
topicline-you-set-the-topic = Você definiu o tópico: { $topic }
topicline-name-set-the-topic = { $name } definiu o tópico: { $topic }
topicline-you-cleared-the-topic = Você limpou o tópico
topicline-name-cleared-the-topic = { $name } limpou o tópico
twofactor-administrators-of-this-server-must = Os administradores deste servidor precisam ativar isto antes de usar a página de Administração.
twofactor-after-your-password-natter-also = Depois da sua senha, o natter também pede um código de um app autenticador no seu celular{" "}
twofactor-code-from-the-app = Código do app
twofactor-code-from-the-app-or = Código do app (ou um código de recuperação)
twofactor-copied = Copiado.
twofactor-copy = Copiar
twofactor-could-not-load-two-factor = Não foi possível carregar a autenticação em dois fatores: { $message }
twofactor-current-password = Senha atual
twofactor-download = Baixar
twofactor-downloaded = Baixado.
twofactor-each-code-signs-you-in = Cada código conecta você uma vez, no lugar de um código do seu app autenticador.
twofactor-enter-a-code = Digite um código.
twofactor-enter-the-code-the-app = Digite o código que o app mostra.
twofactor-enter-your-current-password = Digite sua senha atual.
twofactor-google-authenticator-authy-1password-freeotp = (Google Authenticator, Authy, 1Password, FreeOTP…), para que uma senha roubada não baste.
twofactor-i-have-kept-them = Já guardei
twofactor-if-you-lose-your-phone = se você perder o celular. Eles não são mostrados de novo.
twofactor-keep-these-recovery-codes-somewhere = Guarde estes códigos de recuperação em um lugar seguro. Cada um conecta você uma vez, no lugar de um código,{" "}
twofactor-keep-this-file-somewhere-safe = Guarde este arquivo em um lugar seguro, longe do seu celular.
twofactor-key = Chave:{" "}
twofactor-natter-recovery-codes-for-host = Códigos de recuperação do natter para { $host }
twofactor-off = Desativada.
twofactor-on = Ativada.
twofactor-on-codes-left = Ativada. { $n ->
    [one] Resta { $n } código de recuperação
   *[other] Restam { $n } códigos de recuperação
  }.
twofactor-qr-code-for-your-authenticator = Código QR para o seu app autenticador
twofactor-scan-this-with-your-authenticator = Escaneie isto com seu app autenticador, ou digite nele a chave abaixo, e depois digite o código que ele mostrar.
twofactor-selected-press-ctrl-c-or = Selecionado: pressione Ctrl+C (ou ⌘C) para copiar.
twofactor-set-up-two-factor-sign = Configurar a autenticação em dois fatores
twofactor-turn-off = Desativar
twofactor-turn-on = Ativar
twofactor-two-factor-sign-in = Autenticação em dois fatores
viewer-close-escape = Fechar (Esc)
viewer-download = Baixar
viewer-download-2 = {" "}Baixar
viewer-download-label = Baixar { $label }
viewer-full-size = Tamanho original
viewer-image = Imagem
viewer-next-image-right-arrow = Próxima imagem (seta para a direita)
viewer-position-of-count = { $position } de { $count }
viewer-previous-image-left-arrow = Imagem anterior (seta para a esquerda)
viewer-this-image-could-not-be = Não foi possível mostrar esta imagem. Tente o link de download.
whojoins-to-admit-people-by-invitation = Para aceitar pessoas só por convite, inicie o natter com --registration invite (NATTER_REGISTRATION=invite).
whojoins-to-admit-people-by-join = Para aceitar pessoas por link de convite, inicie o natter com --registration invite (NATTER_REGISTRATION=invite).
whojoins-to-let-anyone-in-start = Para deixar qualquer pessoa entrar, inicie o natter com --registration open (NATTER_REGISTRATION=open).
languagesettings-title = Idioma
languagesettings-label = Mostrar o natter em
languagesettings-browser = O idioma do navegador
languagesettings-hint = Os e-mails do natter também são escritos nele. As mensagens ficam como quem as escreveu.
languagesettings-could-not-read = Não foi possível ler seu idioma: { $message }
languagesettings-could-not-save = Não foi possível salvar o idioma: { $message }
accountpage-email-confirmed = Seu endereço de e-mail está confirmado.
accountpage-email-unconfirmed = Seu endereço de e-mail não está confirmado: até você abrir o link enviado para ele, ele não recebe e-mails sobre mensagens e nenhuma importação ou provedor de login o usa.
whojoins-open = Aberto a todos: quem chegar ao endereço deste servidor pode criar uma conta, com ou sem link de convite.
whojoins-invite = Por convite: só pessoas com um link de convite válido podem criar uma conta.
whojoins-closed = Fechado: ninguém pode criar uma conta aqui, nem com links de convite; as contas vêm do natter create-user.
formathelp-italic-syntax = {"*"}itálico* ou _itálico_
formathelp-code = código
formathelp-code-syntax = `código`
formathelp-block-syntax = ```  (linhas no meio)  ```
formathelp-link-syntax = {"["}texto](https://…)
formathelp-list-syntax = - item  ou  1. item
formathelp-quote-syntax = > citação
statuses-away = ausente
dom-user-id = usuário { $id }
dom-value-b = { $value } B
adminaudit-person-id = pessoa { $id }
adminaudit-someone = alguém
adminpeople-stored = { $size } armazenados
attachments-image-id = imagem { $id }
attachments-media-id = { $kind ->
    [audio] áudio { $id }
   *[other] vídeo { $id }
  }
attachments-file-id = arquivo { $id }
attachments-file-kind = ARQUIVO
callrecord-seconds = { $s } s
callrecord-minutes = { $m } min
mentions-to = para { $name }
mentions-to-you = para você
mentions-unread = não lida
mentions-in = em { $where }
threads-unread = { $n } não lidas
