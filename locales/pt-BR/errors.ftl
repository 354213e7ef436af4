# Textos `detail` dos erros da API própria do natter, português do Brasil.
error-not-found = Não encontrado.
error-server = Ocorreu um erro no servidor.
error-unauthenticated = As credenciais de autenticação não foram fornecidas.
error-invalid-token = Token inválido.
error-too-large = O corpo da requisição é grande demais.
error-user-missing = O usuário não existe.
error-not-member = O usuário não é membro deste chat.
error-no-room = Nenhuma sala corresponde à consulta.
error-no-file = Nenhum arquivo corresponde à consulta.
error-file-content = O conteúdo do arquivo está faltando.
error-no-invitation = Nenhum convite corresponde à consulta.
error-no-session = Nenhuma das suas sessões corresponde à consulta.
error-no-push = Nenhuma das suas inscrições push corresponde à consulta.
error-no-bot = Nenhum bot corresponde à consulta.
error-no-identity = Nenhum dos seus provedores de login corresponde à consulta.
error-no-emoji = Nenhum emoji personalizado corresponde à consulta.
error-no-group = Nenhum grupo de usuários corresponde à consulta.
error-not-participant = Você não participa desta sala.
error-no-permission = Você não tem permissão para realizar esta ação.
error-registration-closed = O cadastro está fechado neste servidor: as contas são criadas por um administrador.
error-invitation-needed = Para se cadastrar aqui é preciso um convite: abra o link de convite que um administrador lhe deu.
error-invitation-unusable = Este convite não pode ser usado: é desconhecido, já foi usado, expirou ou foi revogado.
error-invitation-used-up = Este convite não pode ser usado: ele já se esgotou.
error-invitation-expired = Este convite não pode ser usado: ele expirou.
error-invitation-revoked = Este convite não pode ser usado: ele foi revogado.
error-admins-only = Somente administradores podem fazer isso.
error-admin-two-factor = Ative a autenticação em dois fatores na página da sua conta antes de administrar este servidor.
error-archived = Este chat está arquivado: pode ser lido, mas ninguém pode publicar nele.
error-provider-only = Aqui as contas são criadas entrando pelo provedor da sua organização, não com uma senha.
error-add-to-direct = Não é possível adicionar membros a um chat direto.
error-remove-from-direct = Não é possível remover membros de um chat direto.
error-last-admin = Este é o último administrador ativo: torne outra pessoa administradora primeiro.
error-own-account = Você não pode desativar nem rebaixar a sua própria conta; peça a outro administrador.
error-remove-direct = Um chat direto não pode ser removido; remova as mensagens dele.
error-archive-direct = Um chat direto não pode ser arquivado; apenas grupos e salas.
error-deactivated = Esta conta está desativada: reative-a antes de adicioná-la a um chat.
error-last-way-in = Esta é a sua única forma de entrar: defina uma senha ou vincule outro provedor primeiro.
error-room-full = A sala atingiu o número máximo de participantes.
error-message-empty = A mensagem não pode estar vazia.
error-language = Escolha um de: en, de, es, pt-BR, ja, ar (ou null para seguir o navegador).

# As palavras dos formulários, do transporte e da caixa de busca.
error-invalid-credentials = Nome de usuário ou senha incorretos.
error-invalid-credentials-title = Credenciais inválidas
error-account-deactivated-title = Conta desativada
error-account-inactive = Esta conta está desativada.
error-user-inactive = A conta está desativada
error-no-active-account = Nenhuma conta ativa encontrada com essas credenciais
error-token-expired = O token é inválido ou expirou
error-token-any-type = O token não é válido para nenhum tipo de token
error-username-taken = Já existe um usuário com esse nome de usuário.
error-email-taken = Já existe um usuário com este e-mail.
error-wrong-password = Sua senha atual foi digitada incorretamente.
error-no-mail-reset = Este servidor não envia e-mails: peça a um administrador um link de redefinição.
error-no-mail-confirm = Este servidor não envia e-mails: peça a um administrador que o confirme.
error-no-mail-copy = Este servidor não envia e-mails: copie o link em vez disso.
error-give-login = Informe seu nome de usuário ou endereço de e-mail.
error-required = Este campo é obrigatório.
error-blank = Este campo não pode ficar em branco.
error-null = Este campo não pode ser nulo.
error-too-long = Este campo não pode ter mais de { $max ->
        [one] { $max } caractere
       *[other] { $max } caracteres
    }.
error-too-many-words = Este campo não pode ter mais de { $max ->
        [one] { $max } palavra distinta
       *[other] { $max } palavras distintas
    }.
error-too-short = Este campo deve ter pelo menos { $min ->
        [one] { $min } caractere
       *[other] { $min } caracteres
    }.
error-too-small = Este valor deve ser maior ou igual a { $min }.
error-not-a-choice = “{ $value }” não é uma opção válida.
error-not-integer = É necessário um número inteiro válido.
error-not-boolean = Deve ser um valor booleano válido.
error-not-string = Não é um texto válido.
error-bad-username = Informe um nome de usuário válido. Ele pode conter apenas letras, números e os caracteres @/./+/-/_.
error-numeric-username = Um nome de usuário deve conter pelo menos um caractere que não seja dígito.
error-bad-email = Informe um endereço de e-mail válido.
error-bad-image-url = Informe uma URL válida ou um caminho que comece com “/”.
error-no-such-object = Identificador “{ $pk }” inválido: o objeto não existe.
error-no-such-file = O arquivo { $id } não foi encontrado.
error-not-your-file = Você só pode anexar arquivos que você enviou.
error-empty-file = O arquivo enviado está vazio.
error-already-participant = Esta pessoa já participa desta sala.
error-wrong-code = O código está errado, expirou ou já foi usado.
error-two-factor-on = O login em duas etapas já está ativado; desative-o primeiro.
error-two-factor-off = O login em duas etapas não está ativado.
error-codes-held = Códigos errados demais em sequência: os códigos não são mais verificados para esta conta. Entre com um código de recuperação ou defina uma nova senha.
error-codes-held-seconds = Códigos errados demais em sequência: os códigos não serão verificados por { $count ->
        [one] um segundo
       *[other] { $count } segundos
    }. Um código de recuperação ainda funciona, e definir uma nova senha encerra a espera.
error-codes-held-minutes = Códigos errados demais em sequência: os códigos não serão verificados por { $count ->
        [one] um minuto
       *[other] { $count } minutos
    }. Um código de recuperação ainda funciona, e definir uma nova senha encerra a espera.
error-codes-held-hours = Códigos errados demais em sequência: os códigos não serão verificados por { $count ->
        [one] uma hora
       *[other] { $count } horas
    }. Um código de recuperação ainda funciona, e definir uma nova senha encerra a espera.
error-bad-reset-link = Este link de redefinição é inválido, já foi usado ou expirou.
error-bad-confirm-link = Este link de confirmação é inválido, já foi usado, expirou ou é de outra conta ou endereço.
error-confirmed-already = Seu endereço já está confirmado.
error-link-just-sent = Um link foi enviado há menos de um minuto: procure-o primeiro.
error-bad-duration = Informe uma duração: segundos, ou um número seguido de d, h ou m (ex.: 7d).
error-method = Método “{ $method }” não permitido.
error-media-type = O tipo de mídia “{ $type }” não é aceito na requisição.
error-throttled = Requisições demais. Tente de novo em { $seconds ->
        [one] um segundo
       *[other] { $seconds } segundos
    }.
error-body-stopped = O corpo da requisição parou de chegar.
error-sockets = Conexões abertas demais para esta pessoa (no máximo { $max }); feche uma primeiro.
error-busy = O servidor está ocupado; tente de novo em instantes.
error-bus-down = Os eventos ao vivo estão interrompidos neste servidor; tente de novo em instantes.
error-store-down = O servidor não consegue acessar seu banco de dados; tente de novo em instantes.
error-invalid-page = Página inválida.
error-invalid-request = Requisição inválida
error-invalid-request-data = Os dados da requisição são inválidos.
error-internal = Erro interno do servidor
error-edit-own = Você só pode editar suas próprias mensagens.
error-delete-own = Você só pode excluir suas próprias mensagens.
error-search-has = “has:{ $value }” não é uma busca válida: has: aceita file (arquivo), image (imagem), link, reaction (reação) ou pin (fixada).
error-search-is = “is:{ $value }” não é uma busca válida: is: aceita thread (conversa) ou saved (salva).
error-search-from = “from:{ $value }” não é uma busca válida: from: aceita o nome de uma pessoa, como from:@nome.
error-search-in = “in:{ $value }” não é uma busca válida: in: aceita uma sala, como in:#nome, ou uma pessoa, como in:@nome.
error-search-day = “{ $operator }:{ $value }” não é um dia: escreva-o como AAAA-MM-DD.
error-search-twice = { $operator }: só pode aparecer uma vez em uma busca.
# Respostas que não são erros.
answer-forgot-sent = Se essa conta existir e tiver um endereço de e-mail, um e-mail com um link está a caminho.
error-link-in-browser = Vincule um provedor de login pela página da sua conta, em um navegador conectado ao natter.
error-link-sign-in-again = Saia e entre de novo; depois vincule o provedor em até 10 minutos.
error-name-is-a-group = Um grupo de usuários tem este nome como identificador; escolha outro nome de usuário.
error-matrix-not-an-app = Este não é o endereço de um aplicativo: ele deve ser absoluto (https:// ou o esquema próprio do aplicativo).
error-matrix-sign-in-in-the-browser = Um aplicativo Matrix entra pela página de entrada do natter no navegador, não com uma chave.
