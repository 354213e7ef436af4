# Web クライアントの文言（日本語）。Slack・Zulip の日本語版の用語に合わせています。

account-account = アカウント
account-account-email-password-and-where = アカウント: メールアドレス、パスワード、サインイン中の場所
account-admin = 管理
account-admin-people-invitations-bots-and = 管理: ユーザー、招待、ボット、監査ログ
account-administration = 管理
account-could-not-sign-out-message = サインアウトできませんでした: { $message }
account-desktop-notifications = デスクトップ通知
account-desktop-notifications-are-on = デスクトップ通知はオンです
account-notifications-are-blocked-in-the = ブラウザーで通知がブロックされています（解除方法はアカウントページにあります）
account-set-a-status = ステータスを設定
account-sign-out = サインアウト
account-sound-for-new-messages = 新着メッセージの通知音
account-sound-for-new-messages-is = 新着メッセージの通知音はオンです
account-this-browser-cannot-show-notifications = このブラウザーは通知を表示できません
account-turn-on-a-sound-for = 新着メッセージの通知音をオンにする
account-turn-on-desktop-notifications = デスクトップ通知をオンにする
account-your-account = あなたのアカウント
account-your-profile-prefix = あなたのプロフィール:
account-your-profile-username-2 = あなたのプロフィール（@{ $username }）
accountpage-a-confirmation-link-is-on = 確認リンクを送信しました。ここでサインインしたまま開いてください。
accountpage-change-password = パスワードを変更
accountpage-changing-it-signs-you-out = 変更すると、ほかのすべての場所からサインアウトします。このブラウザーはサインインしたままです。
accountpage-could-not-load-your-account = アカウントを読み込めませんでした: { $message }
accountpage-current-password = 現在のパスワード
accountpage-display-name = 表示名
accountpage-download-my-data = データをダウンロード
accountpage-email = メールアドレス
accountpage-enter-a-valid-email-address = 有効なメールアドレスを入力してください。
accountpage-enter-your-current-password = 現在のパスワードを入力してください。
accountpage-name-and-email = 名前とメールアドレス
accountpage-new-password = 新しいパスワード
accountpage-password = パスワード
accountpage-password-changed = パスワードを変更しました。
accountpage-password-changed-ended = パスワードを変更しました。{ $n ->
    [one] ほかの { $n } 件のサインイン
   *[other] ほかの { $n } 件のサインイン
  }を終了しました。
accountpage-save = 保存
accountpage-saved = 保存しました。
accountpage-send-a-new-link = 新しいリンクを送信
accountpage-set-password = パスワードを設定
accountpage-storage-used-of-filesize-used = ストレージ: { $fileSize } 中 { $used } 使用。
accountpage-storage-used-used-no-limit = ストレージ: { $used } 使用（上限なし）。
accountpage-the-new-password-again = 新しいパスワード（確認）
accountpage-use-at-most-150-characters = 150 文字以内にしてください。
accountpage-your-account = あなたのアカウント
accountpage-your-account-the-chats-you = アカウント、参加中のチャット、送信したすべてのメッセージ、アップロードしたファイルを ZIP で。
accountpage-your-data = あなたのデータ
accountpage-your-username-is-username-others = ユーザー名は @{ $username } です。表示名があれば、ほかの人にはそちらが表示されます。
admin-administration = 管理
admin-administration-pages = 管理ページ
admin-bots = ボット
admin-could-not-load-the-page = ページを読み込めませんでした: { $message }
admin-loading = 読み込み中…
admin-only-administrators-can-see-this = このページは管理者だけが見られます。
admin-people-chats-invitations-and-audit = ユーザー、チャット、招待、監査ログ
adminaudit-audit-log = 監査ログ
adminaudit-bot-add-to-chat = { $who } がボット { $person } を{ $kind ->
    [group] グループ「{ $title }」
    [room] ルーム「{ $title }」
   *[other] チャット「{ $title }」
  }に追加しました
adminaudit-bot-create = { $who } がボット { $person } を作成しました
adminaudit-bot-delete = { $who } がボット { $person } を削除しました
adminaudit-bot-remove-from-chat = { $who } がボット { $person } を{ $kind ->
    [group] グループ「{ $title }」
    [room] ルーム「{ $title }」
   *[other] チャット「{ $title }」
  }から外しました
adminaudit-bot-rotate-key = { $who } がボット { $person } の新しいキーを作成しました
adminaudit-bot-update = { $who } がボット { $person } を変更しました
adminaudit-chat-archive = { $who } が{ $kind ->
    [group] グループ「{ $title }」
    [room] ルーム「{ $title }」
   *[other] チャット「{ $title }」
  }をアーカイブしました
adminaudit-chat-default = { $who } がルーム「{ $title }」を「新しい人はここから」に設定しました
adminaudit-chat-not-default = { $who } がルーム「{ $title }」の「新しい人はここから」を解除しました
adminaudit-chat-remove = { $who } が{ $kind ->
    [group] グループ「{ $title }」
    [room] ルーム「{ $title }」
   *[other] チャット「{ $title }」
  }を削除しました
adminaudit-chat-remove-member = { $who } が { $person } を{ $kind ->
    [group] グループ「{ $title }」
    [room] ルーム「{ $title }」
   *[other] チャット「{ $title }」
  }から外しました
adminaudit-chat-unarchive = { $who } が{ $kind ->
    [group] グループ「{ $title }」
    [room] ルーム「{ $title }」
   *[other] チャット「{ $title }」
  }のアーカイブを解除しました
adminaudit-could-not-read-the-audit = 監査ログを読み込めませんでした: { $message }
adminaudit-detail = { $key ->
    [max_uses] 使用回数の上限: { $value }
    [expires_at] 有効期限: { $value }
    [email] メール: { $value }
    [first_administrator] 最初の管理者用
   *[other] { $key }: { $value }
  }
adminaudit-invitation-create = { $who } が招待リンク { $target } を作成しました
adminaudit-invitation-revoke = { $who } が招待リンク { $target } を取り消しました
adminaudit-message-remove = { $who } が{ $kind ->
    [direct] ダイレクトチャット
    [group] グループ「{ $title }」
    [room] ルーム「{ $title }」
   *[other] チャット「{ $title }」
  }で { $sender } のメッセージを削除しました
adminaudit-none = なし
adminaudit-nothing-yet = まだ何もありません。
adminaudit-older-entries = 以前の記録
adminaudit-other = { $who }: { $action } { $target }
adminaudit-the-command-line = コマンドライン
adminaudit-user-confirm-email = { $who } が { $person } のメールアドレスを確認済みにしました
adminaudit-user-deactivate = { $who } が { $person } を無効化しました
adminaudit-user-demote = { $who } が { $person } を管理者から外しました
adminaudit-user-password-reset = { $who } が { $person } のパスワード再設定リンクを作成しました
adminaudit-user-promote = { $who } が { $person } を管理者にしました
adminaudit-user-reactivate = { $who } が { $person } を再び有効にしました
adminaudit-user-set-password = { $who } が { $person } のパスワードを設定しました
adminbots-a-bot-cannot-sign-in = ボットはサインインできません。プログラムはボットの Hook URL を通じて投稿します（Slack の Incoming Webhook 形式）。
adminbots-add = 追加
adminbots-add-username-to-a-group = @{ $username } を自分のグループまたはルームに追加
adminbots-bot-key = ボットのキー
adminbots-bots = ボット
adminbots-cancel = キャンセル
adminbots-could-not-add-it-message = 追加できませんでした: { $message }
adminbots-could-not-list-the-bots = ボットを一覧表示できませんでした: { $message }
adminbots-could-not-load-the-page = ページを読み込めませんでした: { $message }
adminbots-could-not-remove-it-from = { $name } から外せませんでした: { $message }
adminbots-delete = 削除
adminbots-delete-label-its-key-and = { $label } を削除しますか？キーと Hook URL はすぐに使えなくなり、チャットからも退出します。メッセージは残ります。
adminbots-display-name-optional = 表示名（任意）
adminbots-edit-webhook = Webhook を編集
adminbots-give-the-bot-a-username = ボットのユーザー名を入力してください。
adminbots-hook-url-of-the-key = キーの Hook URL
adminbots-hook-url-of-username-in = { $name } での @{ $username } の Hook URL
adminbots-i-have-copied-it = コピーしました
adminbots-in-chats = { $n ->
    [one] { $n } 件のチャットに参加
   *[other] { $n } 件のチャットに参加
  }
adminbots-in-no-chat-yet = まだどのチャットにも参加していません
adminbots-it-lets-a-program-post = これを使うとプログラムがボットとして投稿できます。キーの Hook URL に送るペイロードはチャンネルを指定する必要があります。各チャットの Hook URL では不要です。
adminbots-kind = { $kind ->
    [group] グループ
    [room] ルーム
    [direct] ダイレクトチャット
   *[other] チャット
  }
adminbots-kind-id = { $kind ->
    [group] グループ { $id }
    [room] ルーム { $id }
    [direct] ダイレクトチャット { $id }
   *[other] チャット { $id }
  }
adminbots-label-was-deleted = { $label } を削除しました。
adminbots-leave-it-empty-to-stop = 空にすると、メンションはどこにも送信されなくなります。
adminbots-loading = 読み込み中…
adminbots-made-by-username = 作成者 @{ $username }
adminbots-made-longtime = 作成日時 { $longTime }
adminbots-make-a-new-key-for = { $label } の新しいキーを作成しますか？古いキーとこのボットのすべての Hook URL はすぐに使えなくなります。
adminbots-make-bot = ボットを作成
adminbots-natter-posts-to-it-when = ボットがメンションされたり直接メッセージを受け取ったりすると、natter がここに送信します。その応答がボットの返信になります。
adminbots-new-bot = 新しいボット
adminbots-new-key = 新しいキー
adminbots-no-bots-yet = ボットはまだありません。
adminbots-no-other-group-or-room = ほかに自分のグループやルームはありません
adminbots-no-outgoing-webhook-mentions-are = Outgoing Webhook なし: メンションはどこにも送信されません。
adminbots-only-administrators-can-see-this = このページは管理者だけが見られます。
adminbots-outgoing-webhook = Outgoing Webhook:{" "}
adminbots-outgoing-webhook-url-of-username = @{ $username } の Outgoing Webhook URL
adminbots-outgoing-webhook-url-optional = Outgoing Webhook URL（任意）
adminbots-remove = 外す
adminbots-remove-username-from-name = @{ $username } を { $name } から外す
adminbots-save = 保存
adminbots-the-bot = ボット
adminbots-the-key-of-who-copy = { $who } のキーです。今すぐコピーしてください。二度と表示されません。
adminbots-title-kind = { $title }（{ $kind ->
    [group] グループ
    [room] ルーム
   *[other] チャット
  }）
adminbots-username = ユーザー名
adminbots-yes-delete = 削除する
adminbots-yes-make-a-new-key = 新しいキーを作成する
adminchats-active = 最終アクティブ { $when }
adminchats-archive = アーカイブ
adminchats-archive-kind-title = { $kind ->
    [group] グループ
    [room] ルーム
   *[other] チャット
  }をアーカイブ: { $title }
adminchats-archived = アーカイブ済み
adminchats-delete = 削除
adminchats-delete-kind = { $kind ->
    [group] グループ
    [room] ルーム
   *[other] チャット
  }を削除
adminchats-delete-kind-for-everyone-title = 全員に対して{ $kind ->
    [group] グループ
    [room] ルーム
   *[other] チャット
  }を削除: { $title }
adminchats-delete-this-kind = この{ $kind ->
    [group] グループ
    [room] ルーム
   *[other] チャット
  }を削除しますか？
adminchats-everyone-who-joins-the-server = サーバーに参加した人は全員このルームから始めます
adminchats-group = グループ
adminchats-group-with-no-name = 名前のないグループ
adminchats-groups-and-rooms = グループとルーム
adminchats-members = { $n ->
    [one] メンバー { $n } 人
   *[other] メンバー { $n } 人
  }
adminchats-messages = { $n ->
    [one] メッセージ { $n } 件
   *[other] メッセージ { $n } 件
  }
adminchats-more-chats = さらにチャットを表示
adminchats-newcomers-start-here = 新しい人はここから
adminchats-newcomers-start-here-title = 新しい人はここから: { $title }
adminchats-no-group-or-room-matches = 一致するグループやルームはありません。
adminchats-room = ルーム
adminchats-search-groups-and-rooms = グループとルームを検索
adminchats-title = タイトル
adminchats-title-is-deleted-for-all = 「{ $title }」はメンバー { $member_count } 人全員に対して削除されます。一覧から消え、誰も開けなくなります。
adminchats-unarchive = アーカイブを解除
adminchats-unarchive-kind-title = { $kind ->
    [group] グループ
    [room] ルーム
   *[other] チャット
  }のアーカイブを解除: { $title }
adminemoji-add-emoji = 絵文字を追加
adminemoji-added-name = :{ $name }: を追加しました。
adminemoji-could-not-add-it-message = 追加できませんでした: { $message }
adminemoji-could-not-load-the-emoji = 絵文字を読み込めませんでした: { $message }
adminemoji-could-not-remove-it-message = 削除できませんでした: { $message }
adminemoji-custom-emoji = カスタム絵文字
adminemoji-give-a-name-and-a = 名前と画像を指定してください。
adminemoji-name = 名前
adminemoji-none-yet = まだありません。
adminemoji-on-this-server = このサーバーの絵文字
adminemoji-picture-png-jpeg-gif-or = 画像（PNG、JPEG、GIF、WebP、1 MB まで）
adminemoji-remove = 削除
adminemoji-remove-name = :{ $name }: を削除
adminemoji-removed-name-messages-that-used = :{ $name }: を削除しました。使っていたメッセージには名前が表示されます。
adminemoji-used-as-name-lower-case = :name: として使います — 小文字の英字、数字、_、-、+。
admininvites-1-day = 1 日
admininvites-12-hours = 12 時間
admininvites-30-days = 30 日
admininvites-30-minutes = 30 分
admininvites-7-days = 7 日
admininvites-could-not-list-invitations-message = 招待を一覧表示できませんでした: { $message }
admininvites-could-not-make-the-invitation = 招待を作成できませんでした: { $value }
admininvites-could-not-revoke-it-message = 取り消せませんでした: { $message }
admininvites-enter-a-whole-number-of = 1 以上の整数を入力するか、上限なしなら空にしてください。
admininvites-expired = 期限切れ
admininvites-expires-after = 有効期限
admininvites-expires-longtime = 有効期限 { $longTime }
admininvites-how-many-accounts-it-can = 作成できるアカウント数。空なら上限なし。
admininvites-invitation-made-send-this-link = 招待を作成しました。このリンクを送ってください: { $describe }。
admininvites-invitation-revoked-its-link-no = 招待を取り消しました。リンクはもう使えません。
admininvites-invitations = 招待
admininvites-made-by-username = 作成者 @{ $username }
admininvites-made-so-far = 作成済み
admininvites-make-invitation = 招待を作成
admininvites-never = なし
admininvites-never-expires = 無期限
admininvites-none-yet = まだありません。
admininvites-not-valid = 無効
admininvites-revoke = 取り消す
admininvites-revoke-invitation-code = 招待 { $code } を取り消す
admininvites-revoked = 取り消し済み
admininvites-sent-by-mail = リンクを { $list } にメールで送りました。
admininvites-used-no-limit = { $n ->
    [one] { $n } 回使用
   *[other] { $n } 回使用
  }、上限なし
admininvites-used-up = 使用済み
admininvites-used-used-of-max-uses = { $max_uses } 回中 { $used } 回使用
admininvites-uses = 使用回数
admininvites-valid = 有効
adminpeople-active = 有効
adminpeople-administrator = 管理者
adminpeople-deactivate = 無効化
adminpeople-deactivated = 無効化済み
adminpeople-email-unconfirmed = メール未確認
adminpeople-last-seen-longtime = 最終アクセス { $longTime }
adminpeople-last-seen-shorttime = 最終アクセス { $shortTime }
adminpeople-make-admin = 管理者にする
adminpeople-more-people = さらに表示
adminpeople-name-username-or-email = 名前、ユーザー名、メールアドレス
adminpeople-never-seen = アクセスなし
adminpeople-no-mail-with-messages-goes = このアドレスにはメッセージ付きのメールは送られず、インポートやサインインプロバイダーとも照合されません
adminpeople-nobody-matches = 一致する人はいません。
adminpeople-people = ユーザー
adminpeople-reactivate = 再有効化
adminpeople-remove-admin = 管理者から外す
adminpeople-reset-password = パスワードを再設定
adminpeople-search-people = ユーザーを検索
adminpeople-send-link = このリンクを { $name } さんに送ってください。一度だけ使えます。
adminpeople-send-link-until = このリンクを { $name } さんに送ってください。{ $until } まで、一度だけ使えます。
adminpeople-the-server-sent-no-link = サーバーからリンクが届きませんでした。
adminpeople-you = あなた
api-correct-fields = 下の印の付いた項目を修正してください。
api-forbidden = その操作は許可されていません。
api-not-found = 見つかりません。
api-offline = サーバーに接続できません。接続を確認してください。
api-request-failed = リクエストに失敗しました（{ $status }）。
api-server-problem = サーバーで問題が発生しました。もう一度お試しください。
api-sign-in = サインインしてください。
api-too-large = サーバーには大きすぎます。
api-too-many-attempts = ネットワークからの試行が多すぎます。1 分ほどしてからもう一度お試しください。
api-too-many-requests = リクエストが多すぎます。少し待ってからもう一度お試しください。
api-upload-cancelled = アップロードをキャンセルしました。
app-chats-and-search = チャットと検索
app-connecting = 接続中…
app-connection-lost-reconnecting = 接続が切れました — 再接続中…
app-dismiss = 閉じる
app-mentions = メンション
app-mentions-n-unread = メンション、未読 { $n } 件
app-new-group = 新しいグループ
app-new-message = 新しいメッセージ
app-new-message-from-title = { $title } から新しいメッセージ
app-online = オンライン
app-open = 開く
app-reminder = リマインダー
app-rooms = ルーム
app-sent-a-file = ファイルを送信しました
app-that-message-is-not-available = そのメッセージは表示できません。削除されたか、あなたがそのチャットに参加していません。
app-who-in-a-thread-in = { $who }（{ $chat } のスレッド）
app-who-in-chat = { $who }（{ $chat }）
attachments-this-kind-cannot-be-played = { $kind ->
    [audio] この音声はここでは再生できません。ダウンロードしてください。
   *[other] この動画はここでは再生できません。ダウンロードしてください。
  }
attachments-view-name = { $name } を表示
auth-a-username-needs-at-least = ユーザー名には数字以外の文字が 1 文字以上必要です。
auth-code-from-your-authenticator-app = 認証アプリのコード（またはリカバリーコード）
auth-create-account = アカウントを作成
auth-create-an-account = アカウントを作成
auth-create-your-account = アカウントを作成
auth-display-name-optional = 表示名（任意）
auth-email = メールアドレス
auth-enter-a-valid-email-address = 有効なメールアドレスを入力してください。
auth-enter-the-code-from-your = サインインを完了するには、認証アプリのコード（またはリカバリーコード）を入力してください。
auth-enter-the-code-your-authenticator = 認証アプリに表示されたコードを入力してください。
auth-enter-your-password = パスワードを入力してください。
auth-enter-your-username-or-email = ユーザー名またはメールアドレスを入力してください。
auth-forgot-password = パスワードをお忘れですか？
auth-i-already-have-an-account = すでにアカウントがあります
auth-invitation-code = 招待コード
auth-new-accounts-come-from-an = 新しいアカウントはこのサーバーの管理者が作成します。
auth-new-here = はじめてですか？{" "}
auth-password = パスワード
auth-sign-in = サインイン
auth-sign-in-to-natter = natter にサインイン
auth-that-code-is-wrong-expired = そのコードは間違っているか、期限切れか、使用済みです。
auth-this-server-has-no-account = このサーバーにはまだアカウントがありません。最初の管理者はサーバーのログにあるリンク（「the first administrator signs up at …」）から登録します。ほかの人はその管理者からの招待が必要です。
auth-this-server-is-by-invitation = このサーバーは招待制です。管理者に招待リンクをもらい、それを開いてアカウントを作成してください。
auth-use-1-150-letters-digits = 1〜150 文字の英字、数字、または @ . + - _ を使ってください。
auth-use-at-least-8-characters = 8 文字以上にしてください。
auth-use-at-most-150-characters = 150 文字以内にしてください。
auth-username = ユーザー名
auth-username-or-email = ユーザー名またはメールアドレス
auth-wrong-username-or-password = ユーザー名またはパスワードが違います。
auth-you-were-invited-to-natter = natter に招待されました。ユーザー名とパスワードを決めてアカウントを作成してください。
auth-your-account-was-created-but = アカウントは作成されましたが、サインインに失敗しました: { $message }
call-call-controls = 通話の操作
call-call-title = 通話 · { $title }
call-name-you = { $name }（あなた）
call-camera-off = カメラオフ
call-camera-off-2 = カメラオフ
call-camera-off-turn-on = カメラオフ: オンにする
call-camera-on-turn-off = カメラオン: オフにする
call-close = 閉じる
call-connecting = 接続中…
call-connection-lost = 接続が切れました…
call-could-not-connect = 接続できませんでした
call-leave-the-call = 通話から退出
call-microphone-off = マイクオフ
call-microphone-off-2 = マイクオフ
call-microphone-off-turn-on = マイクオフ: オンにする
call-microphone-on-turn-off = マイクオン: オフにする
call-minimise-the-call-it-goes = 通話を最小化（通話は続きます）
call-share-your-screen = 画面を共有
call-stop-sharing-your-screen = 画面の共有を停止
callbar-call-in-progress-names = 通話中: { $names }
callbar-join-call = 通話に参加
callbar-return-to-call = 通話に戻る
callbar-you-are-in-a-call = { $names } と通話中です
callbar-you-are-in-a-call-2 = 通話中です。ほかの人を待っています
callbar-you-are-in-this-call = 別のタブでこの通話に参加中です（{ $names }）
callbar-you-are-in-this-call-2 = 別のタブでこの通話に参加中です
callrecord-caller-called-duration-with-names = { $caller } が通話 · { $duration } · 参加者 { $names }
callrecord-caller-started-a-call-in = { $caller } が通話を開始 · 通話中
callrecord-floor-h-value-min = { $floor } 時間 { $value } 分
callrecord-missed-call-from-caller = { $caller } からの不在着信
callrecord-someone = 誰か
callrecord-you = あなた
callrecord-you-mid = あなた
callrecord-you-called-no-one-answered = あなたが発信 · 応答なし
calls-could-not-connect-to-someone = 通話中の誰かと接続できませんでした。このサーバーには TURN リレーが設定されていないため、別のネットワークにいる人同士はつながらないことがあります。
calls-could-not-connect-to-someone-2 = サーバーのリレーを使っても、通話中の誰かと接続できませんでした。ネットワークを確認して、もう一度参加してください。
calls-could-not-reach-the-server-that = この通話の音声と映像を中継するサーバーに接続できませんでした。ネットワークを確認して、もう一度参加してください。
calls-joining-the-call = 通話に参加しています…
calls-reconnecting-to-the-call = 通話に再接続しています…
calls-screen-sharing-was-cancelled-or = 画面共有がキャンセルされたか、ここでは許可されていません。
calls-someone = 誰か
calls-starting-your-microphone-and-camera = マイクとカメラを起動しています…
calls-this-call-is-full-it = この通話は満員です。このサーバーで 1 つの通話に参加できる上限に達しています。誰かが退出したらもう一度お試しください。
calls-value-people-in-the-call = 通話中の人数: { $value }
calls-waiting-for-others-to-join = ほかの人の参加を待っています…
calls-waiting-for-the-connection-to = サーバーへの接続を待っています…
calls-who-declined = { $who } が拒否しました
calls-who-declined-the-call = { $who } が通話を拒否しました
calls-who-is-calling-you = { $who } から着信中
calls-who-started-a-call-in = { $who } が { $chatTitle } で通話を開始しました
calls-you-are-no-longer-in = このチャットから外れたため、通話から退出しました。
chat-archived = {" "}· アーカイブ済み
chat-are-typing = { $names } と { $last } が入力中…
chat-back-to-chats = チャット一覧に戻る
chat-chat-details-and-members = チャットの詳細とメンバー
chat-conversation = 会話
chat-could-not-load-messages-message = メッセージを読み込めませんでした: { $message }
chat-could-not-load-older-messages = 以前のメッセージを読み込めませんでした: { $message }
chat-could-not-react-message = リアクションできませんでした: { $message }
chat-delete = 削除
chat-delete-this-message = このメッセージを削除しますか？
chat-direct-message = ダイレクトメッセージ
chat-group = グループ
chat-it-is-deleted-for-everyone = このチャットの全員に対して削除されます。元に戻せません。
chat-kind-members = { $kind } · { $n ->
    [one] メンバー { $n } 人
   *[other] メンバー { $n } 人
  }
chat-loading-messages = メッセージを読み込み中…
chat-loading-older-messages = 以前のメッセージを読み込み中…
chat-messages = メッセージ
chat-name-says = { $name }: { $text }
chat-name-sent-a-file = { $name } がファイルを送信しました
chat-no-messages-yet-say-hello = まだメッセージはありません。あいさつしましょう！
chat-pick-a-chat-find-someone = チャットを選ぶか、人を探すか、ルームに参加してください。
chat-remove-for-everyone = 全員に対して削除
chat-remove-this-message = このメッセージを削除しますか？
chat-room = ルーム
chat-saved-find-it-under-saved = 保存しました。「保存済み」にあります。
chat-several-people-are-typing = 複数の人が入力中…
chat-showing-from = { $name } のメッセージを表示しています
chat-showing-from-you = あなたのメッセージを表示しています
chat-start-of-the-conversation = 会話の始まり
chat-start-or-join-a-call = 通話を開始または参加
chat-that-message-is-not-in = そのメッセージはもうこのチャットにないか、さかのぼれる範囲を超えています。
chat-the-message-by-username-is = { $userName } のメッセージはこのチャットの全員に対して削除され、代わりに「管理者により削除されました」と表示されます。元に戻せません。
chat-this-chat-is-archived-you = このチャットはアーカイブされています。閲覧はできますが、誰も投稿できません。
chat-value-is-typing = { $value } が入力中…
chat-you = あなた
chatinfo-add-people = メンバーを追加
chatinfo-admin = 管理者
chatinfo-name-you = { $name }（あなた）
chatinfo-administrator = 管理者:
chatinfo-archive-kind = { $kind ->
    [group] グループ
    [room] ルーム
   *[other] チャット
  }をアーカイブ
chatinfo-chattitle-is-deleted-for-all = 「{ $chatTitle }」はメンバー { $value } 人全員に対して削除されます。一覧から消え、誰も開けなくなります。
chatinfo-could-not-add-username = { $userName } を追加できませんでした: { $message }
chatinfo-could-not-archive = アーカイブできませんでした: { $message }
chatinfo-could-not-leave = 退出できませんでした: { $message }
chatinfo-could-not-load-the-details = 詳細を読み込めませんでした: { $message }
chatinfo-could-not-remove-username = { $userName } を外せませんでした: { $message }
chatinfo-could-not-unarchive = アーカイブを解除できませんでした: { $message }
chatinfo-delete-kind = { $kind ->
    [group] グループ
    [room] ルーム
   *[other] チャット
  }を削除
chatinfo-delete-kind-for-everyone = 全員に対して{ $kind ->
    [group] グループ
    [room] ルーム
   *[other] チャット
  }を削除
chatinfo-delete-this-kind = この{ $kind ->
    [group] グループ
    [room] ルーム
   *[other] チャット
  }を削除しますか？
chatinfo-give-the-kind-a-name = { $kind ->
    [group] グループ
    [room] ルーム
   *[other] チャット
  }の名前を入力してください。
chatinfo-leave-kind = { $kind ->
    [group] グループ
    [room] ルーム
   *[other] チャット
  }から退出
chatinfo-loading = 読み込み中…
chatinfo-members-length = メンバー（{ $length }）
chatinfo-name-of-the-kind = { $kind ->
    [group] グループ
    [room] ルーム
   *[other] チャット
  }の名前
chatinfo-only-admins-can-rename-the = { $kind ->
    [group] グループ
    [room] ルーム
   *[other] チャット
  }の名前の変更やメンバーの追加は管理者だけができます。
chatinfo-remove-username = { $userName } を外す
chatinfo-rename = 名前を変更
chatinfo-stay = とどまる
chatinfo-unarchive-kind = { $kind ->
    [group] グループ
    [room] ルーム
   *[other] チャット
  }のアーカイブを解除
chatinfo-yes-leave = 退出する
chatlist-archived = アーカイブ済み
chatlist-archived-read-only = アーカイブ済み: 閲覧のみ
chatlist-chats = チャット
chatlist-could-not-load-chats-message = チャットを読み込めませんでした: { $message }
chatlist-direct = ダイレクト
chatlist-direct-messages = ダイレクトメッセージ
chatlist-file-name = ファイル: { $name }
chatlist-group = グループ
chatlist-groups = グループ
chatlist-loading-chats = チャットを読み込み中…
chatlist-mentions-of-you = あなたへのメンション { $n ->
    [one] { $n } 件
   *[other] { $n } 件
  }
chatlist-muted = ミュート
chatlist-muted-no-notifications = ミュート: 通知なし
chatlist-no-chats-yet-find-someone = まだチャットはありません。上で人を探すか、グループを作成するか、ルームに参加してください。
chatlist-no-messages-yet = まだメッセージはありません
chatlist-picture-name = 画像: { $name }
chatlist-room = ルーム
chatlist-rooms = ルーム
chatlist-star-title = { $title } にスターを付ける
chatlist-star-title-keep-it-at = { $title } にスターを付ける: 一番上に表示
chatlist-starred = スター付き
chatlist-starred-kept-at-the-top = スター付き: 一番上に表示中。{ $title } のスターを外す
chatlist-unread = 未読メッセージ { $n } 件
chatlist-unread-natter = ({ $unread }) natter
chatlist-unread-quiet = 未読メッセージ { $n } 件（通知なし）
chatlist-you = あなた
chatlist-you-were-mentioned = メンションされました
chatpresence-it-is-local-time-for = {" "}（相手の現地時刻は { $local_time }）
chatpresence-it-is-local-time-for-2 = { $name } の現地時刻は { $local_time } です。
chatpresence-name-is-in-quiet-hours = { $name } はおやすみ時間中です{ $at }。今は通知が届かず、メッセージは後で読まれます。
chatpresence-status-words = ステータス: { $words }。
combobox-nothing-found = 見つかりませんでした。
combobox-results = { $n ->
    [one] { $n } 件の結果
   *[other] { $n } 件の結果
  }
composer-attach-a-file = ファイルを添付
composer-attachments = 添付ファイル
composer-cancel-uploading-name = { $name } のアップロードをキャンセル
composer-failed-error = （失敗: { $error }）
composer-insert-an-emoji = 絵文字を挿入
composer-insert-emoji = 絵文字を挿入
composer-message = メッセージ
composer-not-sent-message = 送信されませんでした: { $message }
composer-remove-name = { $name } を削除
composer-send = 送信
composer-the-server-gave-the-file = サーバーがファイルに ID を付けませんでした
composer-uploading-name = { $name } をアップロード中
composer-uploading-pct = （アップロード中… { $pct }%）
composer-write-a-message = メッセージを入力
confirm-cancel = キャンセル
dom-chat-id = チャット { $id }
dom-close = 閉じる
dom-name-deactivated = { $name }（無効）
dom-n-more = ほか { $n } 人
dom-room-id = ルーム { $id }
dom-someone = 誰か
dom-value-kb = { $value } KB
dom-value-mb = { $value } MB
emojicomplete-emoji = 絵文字
emojipicker-arrow-keys-move-enter-picks = 矢印キーで移動、Enter で選択、Escape で閉じる
emojipicker-category = { $category ->
    [Smileys] スマイリー
    [People] 人物
    [Nature] 動物と自然
    [Food] 飲食物
    [Activities] アクティビティ
    [Travel] 旅行と場所
    [Objects] オブジェクト
    [Symbols] 記号
   *[other] { $category }
  }
emojipicker-custom = カスタム
emojipicker-n-emoji-match = { $n } 個の絵文字が一致
emojipicker-no-emoji-match-that-name = その名前に一致する絵文字はありません。
emojipicker-search-emoji = 絵文字を検索
emojipicker-search-emoji-by-name = 名前で絵文字を検索
finder-chats = チャット
finder-chats-they-are-in = 参加しているチャット
finder-could-not-join-name-message = { $name } に参加できませんでした: { $message }
finder-could-not-start-the-chat = チャットを開始できませんでした: { $message }
finder-direct = ダイレクト
finder-group = グループ
finder-members-join = { $n ->
    [one] メンバー { $n } 人
   *[other] メンバー { $n } 人
  } · 参加
finder-nobody-found = 見つかりませんでした。
finder-people = ユーザー
finder-room = ルーム
finder-rooms-to-join = 参加できるルーム
finder-search-chats-rooms-and-people = チャット、ルーム、ユーザーを検索
finder-search-chats-rooms-people = チャット、ルーム、ユーザーを検索
firstday-a-direct-chat-is-just = ダイレクトチャットはあなたともう 1 人だけの会話です。{" "}
firstday-browse-the-rooms = ルームを見る
firstday-dismiss = 閉じる
firstday-everyone-who-joins-starts-in = 参加した人は全員、そこで「新しい人はここから」と印の付いたルームから始めます。
firstday-go-to-invitations = 招待へ
firstday-groups-are-private-only-the = グループは非公開です。追加された人だけが見られます。{" "}
firstday-or = {" "}または{" "}
firstday-rooms-are-open-conversations-anyone = ルームは誰でも見つけて参加できる公開の会話で、チームやトピックごとに 1 つあります。{" "}
firstday-see-who-is-here = 誰がいるか見て
firstday-the-shield-at-the-top = （右上の盾のアイコン）の「招待」で作成し、そのリンクを送ってください。{" "}
firstday-to-say-hello = {" "}あいさつしましょう。
firstday-welcome-you-are-in-no = ようこそ！まだどのチャットにも参加していません。{" "}
firstday-you-run-this-server-to = あなたはこのサーバーの運営者です。チームを招くには、管理ページ{" "}
forgot-back-to-sign-in = サインインに戻る
forgot-enter-your-username-or-email = ユーザー名またはメールアドレスを入力してください。
forgot-forgot-your-password = パスワードをお忘れですか？
forgot-if-that-account-exists-and = そのアカウントが存在し、メールアドレスがあれば、リンク付きのメールを送信しました。
forgot-send-me-a-link = リンクを送信
forgot-the-link-lets-you-choose = リンクから新しいパスワードを選べます。
forgot-they-make-one-on-the = 管理者は管理ページの「ユーザー」で「パスワードを再設定」から作成します。{" "}
forgot-this-server-sends-no-mail = このサーバーはメールを送信しません。サーバーの管理者に再設定リンクを依頼してください。{" "}
forgot-username-or-email = ユーザー名またはメールアドレス
forgot-we-mail-a-link-to = アカウントのメールアドレスに、新しいパスワードを選ぶためのリンクを送ります。
formathelp-a-block-of-code = コードブロック
formathelp-a-link = リンク
formathelp-a-list = リスト
formathelp-a-quote = 引用
formathelp-a-that-stays-a = * のまま表示される *
formathelp-bold-ctrl-b = 太字（Ctrl+B）
formathelp-bold-syntax = {"*"}*太字**
formathelp-formatting = 書式
formathelp-formatting-help = 書式のヘルプ
formathelp-italic-ctrl-i = 斜体（Ctrl+I）
formathelp-messages-are-sent-as-typed = メッセージは入力どおりに送信され、natter が書式を表示します。
forms-the-two-passwords-differ = 2 つのパスワードが一致しません。
forms-use-at-least-8-characters = 8 文字以上にしてください。
groupdialog-add-at-least-one-person = 1 人以上追加してください。
groupdialog-add-people = メンバーを追加
groupdialog-create-group = グループを作成
groupdialog-give-the-group-a-name = グループの名前を入力してください。
groupdialog-group-name = グループ名
groupdialog-members = メンバー
groupdialog-new-group = 新しいグループ
groupdialog-remove-username = { $userName } を外す
groupsdirectory-add-people-to-handle = @{ $handle } にメンバーを追加
groupsdirectory-design-team = デザインチーム
groupsdirectory-give-the-group-a-handle = グループのハンドルを入力してください。
groupsdirectory-groups = グループ
groupsdirectory-loading = 読み込み中…
groupsdirectory-loading-groups = グループを読み込み中…
groupsdirectory-make-group = グループを作成
groupsdirectory-members = メンバー
groupsdirectory-mention-a-group-with-and = @ とハンドルでグループをメンションすると、そのチャットにいるメンバーに通知されます。
groupsdirectory-name = 名前
groupsdirectory-no-groups-yet = まだグループはありません。
groupsdirectory-people = { $n ->
    [one] { $n } 人
   *[other] { $n } 人
  }
groupsdirectory-remove-handle = @{ $handle } を削除
groupsdirectory-take-username-out-of-handle = { $userName } を @{ $handle } から外す
groupsdirectory-handle-example = design
history-new-messages = 新着メッセージ
inviteemails-email-addresses-separated-by-commas = メールアドレス（カンマか改行で区切る、最大 { $MAX_EMAILS } 件）。それぞれに招待リンクがメールで届きます。
inviteemails-give-at-most-max-emails = アドレスは { $MAX_EMAILS } 件までにしてください（{ $length } 件入力されています）。
inviteemails-not-addresses = { $n ->
    [one] 有効なメールアドレスではありません
   *[other] 有効なメールアドレスではありません
  }: { $list }。
inviteemails-send-the-link-to-optional = リンクの送信先（任意）
inviteemails-example-addresses = haruka@example.org, ren@example.org
levels-all-messages = すべてのメッセージ
levels-mentions-only = メンションのみ
levels-nothing-muted = なし（ミュート）
linkpreviews-remove-preview = プレビューを削除
main-loading = 読み込み中…
main-natter-could-not-start-message = natter を起動できませんでした: { $message }
main-sign-in-to-the-account = メールアドレスを確認するには、そのアカウントにサインインしてください。
main-try-again = もう一度試す
main-you-are-already-signed-in = すでにサインインしているため、招待は使われませんでした。
main-you-are-offline-natter-cannot = オフラインです。natter はサーバーに接続できません。接続でき次第、自動的に起動します。
main-your-email-address-is-confirmed = メールアドレスを確認しました。
main-your-email-address-was-not = メールアドレスを確認できませんでした: { $message }
main-your-new-password-is-set = 新しいパスワードを設定しました。そのパスワードでサインインしてください。
matrixapps-element-fluffychat-nheko = Element（Web 版とデスクトップ版）、FluffyChat、nheko：アドレスを表示どおりに入力してください。
matrixapps-element-x-neochat = Element X と NeoChat：https でしかサインインできないため、natter を TLS の背後（独自の証明書、または前段のプロキシ）で、Matrix サーバー名をホスト名として提供する必要があります。NeoChat は Matrix ID を尋ね、そこからサーバーを見つけます。
matrixapps-homeserver-address = ホームサーバーのアドレス
matrixapps-intro = Matrix アプリでも同じチャット、ダイレクトメッセージ、スレッドを開けます。アプリでホームサーバーをこのアドレスに変更し、natter のユーザー名とパスワード、またはシングルサインオンでサインインしてください。
matrixapps-matrix-id = Matrix ID
matrixapps-not-https = このページは暗号化されていない http で提供されているため、Element X と NeoChat はまだここにサインインできません。natter を https で提供するよう管理者に依頼してください。
matrixapps-use-natter-in-an-app = アプリで natter を使う
matrixapps-what-each-app-needs = 各アプリに必要なこと
matrixsso-an-app-asks = アプリが、{ $name }（@{ $username }）として natter にサインインしようとしています。
matrixsso-an-app-asks-username = アプリが、@{ $username } として natter にサインインしようとしています。
matrixsso-an-app-at-origin-asks = { $origin } のアプリが、{ $name }（@{ $username }）として natter にサインインしようとしています。
matrixsso-an-app-at-origin-asks-username = { $origin } のアプリが、@{ $username } として natter にサインインしようとしています。
matrixsso-cancel = キャンセル
matrixsso-continue = 続行
matrixsso-continue-only-if-you-started = このサインインをそのアプリで自分で始めた場合にのみ続行してください。続行すると、そのアプリはあなたとしてメッセージを読んだり送ったりできるようになります。
matrixsso-continue-only-if-you-trust = このサインインを信頼できるアプリで自分で始め、{ $place } に戻ることを想定している場合にのみ続行してください。アプリには誰でも好きな名前（「Element」も）を付けられ、natter は名前を確認しません。続行すると、そのアプリはあなたとしてメッセージを読んだり送ったりできるようになります。
matrixsso-open-natter = natter を開く
matrixsso-registered-here = ここでの登録
matrixsso-registered-less-than-a-day = このアプリがここで登録されたのは { $when } です（1 日以内）。しばらく使っているアプリなら、ずっと前に登録されているはずです。このアプリを今自分で追加したのでなければ、誰かが自分のアプリを別のアプリに見せかけているおそれがあります。
matrixsso-sends-you-back-to = 戻り先
matrixsso-sign-in-to-an-app = アプリにサインイン
matrixsso-the-name-the-app-gives = アプリが名乗っている名前（未確認）
matrixsso-the-server-did-not-say = サーバーから移動先が返されませんでした。もう一度お試しください。
matrixsso-the-website-the-app-names = アプリが示している Web サイト（未確認）
matrixsso-this-sign-in-has-ended = このサインインは終了したか、すでに許可されています。アプリからもう一度始めてください。
matrixsso-you-are-sent-back-to = アプリに戻り、アプリがサインインを完了します。このページは閉じてかまいません。ここで natter を開くこともできます。
media-this-browser-cannot-use-a = このブラウザーではここでマイクやカメラを使えません（安全な接続が必要です）。
media-your-camera-is-not-available = カメラを使えません。音声のみで通話に参加しています。
media-your-microphone-and-camera-are = マイクとカメラを使えません。ほかの人にはあなたの声も姿も届きません。
mentionpicker-group-notifies = グループ: { $name }、{ $n ->
    [one] { $n } 人
   *[other] { $n } 人
  }。このチャットにいるメンバーに通知します
mentionpicker-notifies-everyone-in-this-chat = このチャットで直近 5 分以内にアクティブだった全員に通知します
mentionpicker-notifies-everyone-in-this-chat-2 = このチャットの全員に通知します
mentionpicker-people-in-this-chat = このチャットのメンバー
mentions-chat-chat-id = チャット { $chat_id }
mentions-could-not-list-more-mentions = さらにメンションを表示できませんでした: { $message }
mentions-could-not-list-your-mentions = メンションを一覧表示できませんでした: { $message }
mentions-could-not-mark-them-read = 既読にできませんでした: { $message }
mentions-group-of = { $name }: { $n ->
    [one] { $n } 人
   *[other] { $n } 人
  }のグループ
mentions-load-more = さらに読み込む
mentions-loading = 読み込み中…
mentions-mark-all-read = すべて既読にする
mentions-mentions = メンション
mentions-messages-that-mention-you = あなたへのメンション
mentions-n-unread = 未読のメンション { $n } 件
mentions-nobody-has-mentioned-you-yet = まだ誰からもメンションされていません。
mentions-open-the-thread = スレッドを開く
mentions-reply = 返信
mentions-reply-in-a-thread = スレッドで返信
message-a-bot-its-messages-are = ボット: メッセージはプログラムが送信しています
message-a-message-cannot-be-empty = メッセージを空にはできません。代わりに削除してください。
message-bot = ボット
message-cancel = キャンセル
message-delete = 削除
message-delete-as-administrator = 管理者として削除
message-edit = 編集
message-edit-message = メッセージを編集
message-edited = （編集済み）
message-escape-closes = Escape で閉じる
message-heart = ハート
message-laughing = 笑い
message-more = その他…
message-more-reactions = その他のリアクション
message-pick-a-reaction = リアクションを選ぶ
message-react = リアクション
message-react-with-name = { $name } でリアクション
message-reply = 返信
message-reply-in-thread = スレッドで返信
message-sad = 悲しい
message-save = 保存
message-seen-by = 既読: { $names }
message-seen-by-n-more = ほか { $n } 人
message-sent = 送信済み
message-surprised = びっくり
message-thumbs-up = いいね
message-you = あなた
message-you-joined = 参加しました
message-name-joined = { $name } が参加しました
message-party = お祝い
message-reaction-count = { $emoji } { $count }
message-reaction-count-names = { $emoji } { $count }：{ $names }
messagelinks-sent-a-file = ファイルを送信しました
missedmail-1-hour = 1 時間
missedmail-10-minutes = 10 分
missedmail-after = 次の時間の後:{" "}
missedmail-could-not-save-it-message = 保存できませんでした: { $message }
missedmail-email-me-about-mentions-and = 見逃したメンションとダイレクトメッセージをメールで知らせる
missedmail-hours = { $n ->
    [one] { $n } 時間
   *[other] { $n } 時間
  }
missedmail-mail-about-what-you-miss = 見逃した内容のメール
missedmail-minutes = { $n ->
    [one] { $n } 分
   *[other] { $n } 分
  }
missedmail-saved-mail-after-spoken = 保存しました: { $spoken } 後にメールします。
missedmail-saved-no-mail-about-what = 保存しました: 見逃した内容のメールは送りません。
missedmail-saved-you-get-a-mail = 保存しました: 見逃した内容をメールでお知らせします。
missedmail-seconds = { $n ->
    [one] { $n } 秒
   *[other] { $n } 秒
  }
missedmail-sent-to-your-email-address = メンションやダイレクトメッセージが { $after } 後も未読のとき、メールアドレスに送信します。メールは { $after } に 1 通までです。
missedmail-spoken-the-server-s-setting = { $spoken }（サーバーの設定）
msgmore-copy-link = リンクをコピー
msgmore-link-copied = リンクをコピーしました
msgmore-link-to-this-message = このメッセージへのリンク
msgmore-message-link = メッセージのリンク
msgmore-more-actions = その他の操作
msgmore-people-in-this-chat-who = このチャットのメンバーが開くとメッセージが表示されます。それ以外の人には表示できないと伝えられます。
msgmore-pin-to-this-chat = このチャットにピン留め
msgmore-pinned = ピン留め済み
msgmore-save-for-later = 後で読むために保存
msgmore-unpin-from-this-chat = このチャットのピン留めを外す
msgsearch-also-after-on = after:、on: も使えます
msgsearch-chat = チャット
msgsearch-image-link-reaction-pin = image、link、reaction、pin
msgsearch-in-a-direct-chat = ダイレクトチャット内
msgsearch-in-a-room = ルーム内
msgsearch-messages = メッセージ
msgsearch-no-messages-found = メッセージは見つかりませんでした
msgsearch-or-is-saved = または is:saved
msgsearch-people = ユーザー
msgsearch-rooms = ルーム
msgsearch-search-messages = メッセージを検索
msgsearch-search-messages-2 = メッセージを検索（ / ）
msgsearch-search-operators = 検索演算子
msgsearch-sent-by = 送信者
msgsearch-without-it = その語を除く
msgsearch-you = あなた
newmessage-add-at-least-one-person = 1 人以上追加してください。
newmessage-could-not-open-the-chat = チャットを開けませんでした: { $message }
newmessage-new-message = 新しいメッセージ
newmessage-one-person-your-direct-chat = 1 人ならその人とのダイレクトチャット、複数ならメンバー名を付けた全員のグループになります。
newmessage-open-chat = チャットを開く
newmessage-open-group-of-value = { $value } のグループを開く
newmessage-remove-username = { $userName } を外す
newmessage-to = 宛先
newmessage-to-a-name-or-username = 宛先: 名前またはユーザー名
notice-you-were-signed-out-sign = サインアウトされました。続けるにはもう一度サインインしてください。
notify-notifications-are-blocked-for-this = このサイトの通知はブロックされています。解除するには、サイトの設定を開き{" "}
notify-push-unavailable-in-this-browser = このブラウザーではプッシュ通知を使えません: { $missing }。
notify-pushes-arrive-even-with-natter = natter を閉じていてもプッシュ通知が届きます。
notify-subscribing-this-browser-to-pushes = このブラウザーをプッシュ通知に登録しています…
notify-the-icon-left-of-the = （アドレスの左のアイコン）、通知を許可してページを再読み込みしてください。
notify-this-browser-cannot-show-notifications = このブラウザーは通知を表示できません。
notifylevel-could-not-change-it-message = 変更できませんでした: { $message }
notifylevel-default-value = デフォルト（{ $value }）
notifylevel-notify-me = 通知する内容
notifylevel-saved-value = 保存しました: { $value }。
notifylevel-saving = 保存中…
notifyprompt-get-notified-of-new-messages = natter がバックグラウンドにあるとき、新着メッセージを通知しますか？あとで上部のベルから変更できます。
notifyprompt-not-now = 今はしない
notifyprompt-turn-on-notifications = 通知をオンにする
notifysettings-allowed-you-are-notified-of = 許可済み: 見ていないチャットのメッセージを通知します。
notifysettings-blocked-blocked = ブロック中。{ $BLOCKED }
notifysettings-each-chat-s-details-say = 各チャットの詳細で、通知する内容（すべてのメッセージ、メンションのみ、なし）を選べます。
notifysettings-notifications-on-this-device = このデバイスの通知
notifysettings-off-allowed-by-the-browser = オフ（ブラウザーでは許可済み）。
notifysettings-off-turn-them-on-and = オフ。オンにすると、ブラウザーが許可を求めます。
notifysettings-turn-off = オフにする
notifysettings-turn-on = オンにする
notifysettings-unsupported-this-browser-cannot-show = 非対応: このブラウザーは通知を表示できません。
page-back-to-chats = チャット一覧に戻る
page-copied = コピーしました。
page-copy = コピー
page-copy-label = { $label } をコピー
page-could-not-list-more-what = { $what ->
    [people] さらにユーザーを表示できませんでした: { $message }
    [chats] さらにグループとルームを表示できませんでした: { $message }
    [audit] 以前の記録を表示できませんでした: { $message }
   *[other] さらに表示できませんでした: { $message }
  }
page-could-not-list-what-message = { $what ->
    [people] ユーザーを一覧表示できませんでした: { $message }
    [chats] グループとルームを一覧表示できませんでした: { $message }
   *[other] 一覧を表示できませんでした: { $message }
  }
page-link-to-send = 送るリンク
page-search = 検索
page-selected-press-ctrl-c-or = 選択しました。Ctrl+C（または ⌘C）でコピーしてください。
page-action-on-whom = { $action }：{ $whom }
people-administrator = 管理者
people-could-not-open-the-chat = チャットを開けませんでした: { $message }
people-everyone-here = 全員
people-everyone-on-this-server-message = このサーバーの全員です。「メッセージ」でその人とのダイレクトチャットを開きます。
people-in-quiet-hours-no-notifications = おやすみ時間中: 今は通知なし
people-last-seen-relativetime = 最終アクセス { $relativeTime }
people-local-time-local-time = 現地時刻 { $local_time }
people-message = メッセージ
people-message-name = { $name } にメッセージ
people-more-people = さらに表示
people-name = 名前
people-nobody-matches = 一致する人はいません。
people-not-seen-yet = まだアクセスなし
people-people = ユーザー
people-people-everyone-on-this-server = ユーザー: このサーバーの全員
people-quiet-hours = おやすみ時間
people-search-people-by-name = 名前でユーザーを検索
people-you = あなた
pins-could-not-list-the-pinned = ピン留めしたメッセージを一覧表示できませんでした: { $message }
pins-loading = 読み込み中…
pins-nothing-is-pinned-here-yet = まだ何もピン留めされていません。メッセージのメニューからピン留めできます。
pins-pinned-by-username = { $userName } がピン留め
pins-pinned-count = { $n ->
    [one] ピン留めしたメッセージ { $n } 件
   *[other] ピン留めしたメッセージ { $n } 件
  }
pins-pinned-messages = ピン留めしたメッセージ
pins-sent-a-file = ファイルを送信しました
profile-choose-an-image = 画像を選ぶ
profile-choose-an-image-file-png = 画像ファイル（PNG、JPEG、GIF、WebP）を選んでください。
profile-could-not-remove-the-picture = 画像を削除できませんでした: { $message }
profile-could-not-save-the-picture = 画像を保存できませんでした: { $message }
profile-display-name = 表示名
profile-picture = 画像
profile-picture-removed = 画像を削除しました。
profile-picture-saved = 画像を保存しました。
profile-remove-picture = 画像を削除
profile-save-name = 名前を保存
profile-saved-others-now-see-you = 保存しました。ほかの人には { $userName } と表示されます。
profile-shown-to-others-instead-of = @{ $username } の代わりにほかの人に表示されます。
profile-the-server-did-not-name = サーバーがアップロードに名前を付けませんでした
profile-uploading = アップロード中…
profile-your-profile = あなたのプロフィール
providers-accounts-elsewhere-that-sign-you = ここへのサインインに使えるほかのサービスのアカウント。
providers-could-not-load-your-sign = サインインプロバイダーを読み込めませんでした: { $message }
providers-it-cannot-be-reached-right = 現在接続できません。1 分ほどしてからもう一度お試しください。
providers-label-is-unavailable = { $label } は利用できません
providers-label-unlinked = { $label } の連携を解除しました。
providers-link-label = { $label } を連携
providers-or-with-your-username-and = またはユーザー名とパスワードで:
providers-set-a-password-or-link = 先にパスワードを設定するか、別のプロバイダーを連携してください。
providers-sign-in-providers = サインインプロバイダー
providers-sign-in-with-label = { $label } でサインイン
providers-unlink = 連携を解除
providers-cancel = キャンセル
providers-code-from-the-app = アプリのコード（またはリカバリーコード）
providers-confirm-to-link = { $label } を連携するには、ご本人であることを確認してください。
providers-continue-to-label = { $label } へ進む
providers-current-password = 現在のパスワード
providers-enter-your-password-or = パスワードかコードを入力してください。
providers-or-a-code = またはアプリのコード（またはリカバリーコード）
providers-recent-sign-in-links = このアカウントにはパスワードがありません。{ $label } を連携するには、10 分以内のサインインが必要です。
pushsub-its-push-service-did-not = プッシュサービスが応答しませんでした
pushsub-no-notifications = 通知に非対応
pushsub-no-push-api = Push API に非対応
pushsub-no-service-workers = Service Worker に非対応
pushsub-push-unavailable-in-this-browser = このブラウザーではプッシュ通知を使えません: { $missing }。
pushsub-push-unavailable-in-this-browser-2 = このブラウザーではプッシュ通知を使えません: Service Worker を起動できませんでした。
pushsub-push-unavailable-in-this-browser-3 = このブラウザーではプッシュ通知を使えません: { $value }。
pushsub-push-unavailable-message = プッシュ通知を使えません: { $message }
pushsub-push-unavailable-on-this-server = このサーバーではプッシュ通知を使えません。
pushsub-push-unavailable-the-server-refused = プッシュ通知を使えません: サーバーが登録を拒否しました（{ $message }）
quietsettings-1-hour = 1 時間
quietsettings-2-hours = 2 時間
quietsettings-24-hours = 24 時間
quietsettings-30-minutes = 30 分
quietsettings-8-hours = 8 時間
quietsettings-friday = 金曜日
quietsettings-label-quiet-from = { $label }: おやすみ開始
quietsettings-label-quiet-until = { $label }: おやすみ終了
quietsettings-monday = 月曜日
quietsettings-notifications-are-back-on = 通知を再開しました。
quietsettings-notifications-paused-until = { $until } まで通知を一時停止中です。
quietsettings-pause-for = 一時停止する時間
quietsettings-pause-notifications = 通知を一時停止
quietsettings-quiet-hours = おやすみ時間
quietsettings-quiet-hours-could-not-be = おやすみ時間を読み込めませんでした。
quietsettings-quiet-hours-saved = おやすみ時間を保存しました。
quietsettings-quiet-on = おやすみする曜日
quietsettings-resume-notifications = 通知を再開
quietsettings-saturday = 土曜日
quietsettings-save-quiet-hours = おやすみ時間を保存
quietsettings-sunday = 日曜日
quietsettings-thursday = 木曜日
quietsettings-time-zone = タイムゾーン
quietsettings-tuesday = 火曜日
quietsettings-wednesday = 水曜日
quietsettings-while-quiet-no-push-mail = おやすみ時間中は、プッシュ通知、メール、着信音が届きません。メッセージは届いて未読として数えられ、ほかの人にはおやすみ時間中であることが表示されます。
quietsettings-you-are-in-quiet-hours = 現在おやすみ時間中です。プッシュ通知、メール、着信音は届きません。
quietsettings-zone-example = Asia/Tokyo
readplace-jump-to-first-unread = 最初の未読へ移動
readplace-new-below = { $n ->
    [one] 下に新着メッセージ 1 件
   *[other] 下に新着メッセージ { $n } 件
  }
replybar-cancel-the-reply-escape = 返信をキャンセル（Escape）
replybar-replying-to = 返信先:{" "}
replybar-yourself = 自分
replyquote-a-message = メッセージ
replyquote-in-reply-to = { $name } への返信: { $excerpt }。元のメッセージを表示
replyquote-show-the-original-message = 元のメッセージを表示
reset-choose-a-new-password = 新しいパスワードを選ぶ
reset-new-password = 新しいパスワード
reset-set-password = パスワードを設定
reset-sign-in-instead = サインインする
reset-the-same-password-again = 同じパスワードをもう一度
reset-use-at-least-8-characters = 8 文字以上にしてください。設定すると、ほかの場所でのサインインは終了します。
ringing-answer = 応答
ringing-caller-is-calling-you = { $caller } から着信中
ringing-caller-started-a-call-in = { $caller } が { $chatTitle } で通話を開始しました
ringing-decline = 拒否
ringing-incoming-call = 着信
rooms-could-not-load-rooms-message = ルームを読み込めませんでした: { $message }
rooms-create-room = ルームを作成
rooms-description-optional = 説明（任意）
rooms-full = 満員
rooms-give-the-room-a-name = ルームの名前を入力してください。
rooms-join = 参加
rooms-join-a-room = ルームに参加
rooms-loading-rooms = ルームを読み込み中…
rooms-members = { $n ->
    [one] メンバー { $n } 人
   *[other] メンバー { $n } 人
  }
rooms-more-rooms = さらにルームを表示
rooms-new-room-name = 新しいルームの名前
rooms-no-public-rooms-yet = まだ公開ルームはありません。
rooms-open = 開く
rooms-or-start-one = または新しく作成
rooms-private = {" "}· 非公開
rooms-rooms = ルーム
rooms-you-are-in-it = {" "}· 参加中
roomsettings-archive-kind = { $kind ->
    [group] グループ
    [room] ルーム
   *[other] チャット
  }をアーカイブ
roomsettings-archived-it-is-read-only = アーカイブすると、全員が閲覧のみになります。
roomsettings-archived-read-only-for-everyone = アーカイブ済み: 全員が閲覧のみ。
roomsettings-could-not-archive = アーカイブできませんでした: { $message }
roomsettings-could-not-unarchive = アーカイブを解除できませんでした: { $message }
roomsettings-purpose = 目的
roomsettings-save-topic-and-purpose = トピックと目的を保存
roomsettings-topic-shown-under-the-name = トピック（名前の下に表示され、全員に知らされます）
roomsettings-unarchive-kind = { $kind ->
    [group] グループ
    [room] ルーム
   *[other] チャット
  }のアーカイブを解除
saved-a-chat = チャット
saved-could-not-list-more = 保存したメッセージをこれ以上表示できませんでした: { $message }
saved-more-saved-messages = 保存したメッセージをさらに表示
saved-at-a-time-i-choose = 日時を指定…
saved-change-reminder = リマインダーを変更
saved-choose-a-day-and-a = 日付と時刻を選んでください。
saved-could-not-list-your-saved = 保存したメッセージを一覧表示できませんでした: { $message }
saved-could-not-remove-it-message = 削除できませんでした: { $message }
saved-in-1-hour = 1 時間後
saved-in-20-minutes = 20 分後
saved-in-3-hours = 3 時間後
saved-loading = 読み込み中…
saved-no-reminder = リマインダーなし
saved-nothing-saved-save-a-message = 保存したものはありません。メッセージのメニューから保存すると、ここに表示されます。
saved-only-you-see-your-saved = 保存したメッセージはあなただけに見えます。「保存済み」にあります。
saved-remind-me = リマインド
saved-reminded-longtime = リマインド済み: { $longTime }
saved-reminder = リマインダー
saved-reminder-longtime = リマインダー: { $longTime }
saved-reminder-of = リマインダー: { $name }: { $words }
saved-reminder-time = リマインドする日時
saved-remove = 削除
saved-save = 保存
saved-save-for-later = 後で読むために保存
saved-saved = 保存済み
saved-saved-messages = 保存したメッセージ
saved-sent-a-file = ファイルを送信しました
saved-this-message-is-not-available = このメッセージは表示できません。そのチャットから外れたか、削除されました。
saved-tomorrow-at-9-00 = 明日 9:00
sendlater-a-chat-you-left = 退出したチャット
sendlater-dismiss = 閉じる
sendlater-failed-refused = 拒否されました
sendlater-failed-note = 予約メッセージは送信されませんでした: { $why }
sendlater-a-direct-chat = ダイレクトチャット
sendlater-cancel-sending = 送信をキャンセル
sendlater-cancelled = キャンセル済み
sendlater-date-and-time = 日付と時刻
sendlater-edit = 編集
sendlater-message = メッセージ
sendlater-monday-at-9-00 = 月曜日 9:00
sendlater-not-scheduled-why = 予約できませんでした: { $why }
sendlater-not-sent = 送信されませんでした: { $why }
sendlater-nothing-scheduled = 予約はありません。
sendlater-refused = 拒否されました
sendlater-save = 保存
sendlater-schedule-at-this-time = この日時に予約
sendlater-scheduled-for-shown = { $shown } に予約しました。
sendlater-scheduled-messages = 予約メッセージ…
sendlater-scheduled-messages-2 = 予約メッセージ
sendlater-send-later = 後で送信
sendlater-sends-shown = 送信予定 { $shown }
sendlater-sent-shown = 送信済み { $shown }
sendlater-state-in-where = { $state } · { $where }
sendlater-tomorrow-at-9-00 = 明日 9:00
sendlater-write-the-message-first-then = 先にメッセージを入力してから、送信日時を選んでください。
sessions-an-app-or-script-signed = キーでサインインしたアプリまたはスクリプト
sessions-matrix-app = Matrix アプリ: { $name }
sessions-could-not-end-it-message = 終了できませんでした: { $message }
sessions-could-not-list-your-sign = サインインを一覧表示できませんでした: { $message }
sessions-end-button = 終了
sessions-end-label = { $kind ->
    [session] ウェブブラウザー
    [token] キーでサインインしたアプリまたはスクリプト
   *[other] サインイン
  }を終了、{ $when }
sessions-sign-in = サインイン
sessions-sign-in-time-unknown = サインイン日時不明
sessions-signed-in-longtime = サインイン { $longTime }
sessions-signed-out-there = そこからサインアウトしました。
sessions-this-browser = このブラウザー
sessions-web-browser = ウェブブラウザー
sessions-where-you-are-signed-in = サインイン中の場所
signinerrors-label-cannot-be-reached-right = { $label } に現在接続できません。1 分ほどしてからもう一度お試しください。
signinerrors-label-did-not-accept-the = { $label } がサインインコードを受け付けませんでした（期限切れか使用済みの可能性があります）。最初からやり直してください。
signinerrors-label-refused-the-sign-in = { $label } がサインインを拒否しました。
signinerrors-label-s-answer-could-not = { $label } の応答を検証できなかったため、natter はサインインしませんでした。
signinerrors-sign-in-again-then-link = もう一度サインインしてから、プロバイダーを連携してください。
signinerrors-sign-in-first-then-link = 先にサインインしてから、アカウントページでプロバイダーを連携してください。
signinerrors-sign-in-with-label-was = { $label } でのサインインはキャンセルされました。
signinerrors-signing-in-failed-try-again = サインインに失敗しました。もう一度お試しください。
signinerrors-that-invitation-is-invalid-used = その招待は無効か、使用済みか、期限切れです。
signinerrors-that-label-account-is-already = その { $label } アカウントは、ここの別のアカウントにすでに連携されています。
signinerrors-that-sign-in-link-has = そのサインインリンクは期限切れか、このブラウザーで開始されたものではありません。最初からやり直してください。
signinerrors-that-sign-in-provider-is = そのサインインプロバイダーはここでは設定されていません。
signinerrors-this-account-is-deactivated = このアカウントは無効化されています。
signinerrors-too-many-unfinished-sign-ins = ネットワークからの未完了のサインインが多すぎます。1 分ほどしてからもう一度お試しください。
signinerrors-your-account-already-has-a = あなたのアカウントにはすでに { $label } アカウントが連携されています。先に連携を解除してください。
signinerrors-your-label-account-is-not = あなたの { $label } アカウントはここのアカウントに連携されておらず、新しいアカウントは管理者が作成します。
signinerrors-your-label-account-is-not-2 = あなたの { $label } アカウントはここのアカウントに連携されていません。先に招待リンクを開くか、パスワードでサインインしてアカウントページから { $label } を連携してください。
signinerrors-your-sign-in-provider = サインインプロバイダー
statuses-in-a-call = 通話中
statuses-status-words = ステータス: { $words }
statuspicker-1-hour = 1 時間
statuspicker-30-minutes = 30 分
statuspicker-appear-away = 離席中として表示
statuspicker-choose-a-date = 日付を選ぶ
statuspicker-clear-after = 消去するまで
statuspicker-clear-on-this-date = この日付に消去
statuspicker-clear-status = ステータスを消去
statuspicker-commuting = 移動中
statuspicker-don-t-clear = 消去しない
statuspicker-emoji = 絵文字
statuspicker-in-a-meeting = 会議中
statuspicker-on-holiday = 休暇中
statuspicker-out-sick = 病欠
statuspicker-save = 保存
statuspicker-set-a-status = ステータスを設定
statuspicker-status = ステータス
statuspicker-suggestions = 候補
statuspicker-this-week = 今週
statuspicker-today = 今日
statuspicker-what-s-your-status = 今のステータスは？
statuspicker-working-remotely = リモートワーク中
text-file-1 = ファイル: $1
text-an-encrypted-message-open-it = 暗号化されたメッセージです。読むには Matrix アプリで開いてください。
text-removed-by-an-administrator = 管理者により削除されました
thread-also-send = { $title } にも送信
thread-also-send-room = #{ $title } にも送信
thread-also-send-to-the-chat = チャットにも送信
thread-be-told-of-new-replies = このスレッドの新しい返信を通知
thread-close-the-thread = スレッドを閉じる
thread-could-not-change-following-message = フォローを変更できませんでした: { $message }
thread-could-not-load-older-replies = 以前の返信を読み込めませんでした: { $message }
thread-could-not-load-the-thread = スレッドを読み込めませんでした: { $message }
thread-first-message = 最初のメッセージ
thread-follow = フォロー
thread-following = フォロー中
thread-following-this-thread = このスレッドをフォローしています
thread-loading-the-thread = スレッドを読み込み中…
thread-no-longer-following-this-thread = このスレッドのフォローをやめました
thread-no-replies-yet-start-the = まだ返信はありません。下からスレッドを始めましょう。
thread-replies = { $n ->
    [one] { $n } 件の返信
   *[other] { $n } 件の返信
  }
thread-replies-label = 返信
thread-reply = 返信…
thread-reply-in-thread = スレッドで返信
thread-show-older-replies = 以前の返信を表示
thread-the-first-message-of-this = このスレッドの最初のメッセージは削除されました。
thread-this-thread-is-not-there = このスレッドはもうありません。
thread-thread = スレッド
thread-you-are-told-of-new = ここの新しい返信が通知されます。押すとフォローをやめます
threads-a-chat = チャット
threads-could-not-list-more-threads = さらにスレッドを表示できませんでした: { $message }
threads-could-not-list-your-threads = スレッドを一覧表示できませんでした: { $message }
threads-load-more = さらに読み込む
threads-loading = 読み込み中…
threads-the-first-message-was-deleted = 最初のメッセージは削除されました。
threads-threads = スレッド
threads-threads-you-follow = フォロー中のスレッド
threads-unread-label = スレッド、未読の返信 { $n } 件{ $n ->
    [one] {""}
   *[other] {""}
  }
threads-unread-replies = 未読の返信 { $n } 件{ $n ->
    [one] {""}
   *[other] {""}
  }
threads-you-follow-no-thread-yet = まだフォロー中のスレッドはありません。自分で始めたスレッド、返信したスレッド、メンションされたスレッドは自動でフォローされ、「フォロー」を押したものもフォローされます。
threadsummary-from = {" "}（{ $names }）
threadsummary-open-the-thread = スレッドを開く
threadsummary-last-reply-relativetime = 最後の返信 { $relativeTime }
time-just-now = たった今
time-today = 今日
time-yesterday = 昨日
topicline-you-set-the-topic = トピックを「{ $topic }」に設定しました
topicline-name-set-the-topic = { $name } がトピックを「{ $topic }」に設定しました
topicline-you-cleared-the-topic = トピックを消去しました
topicline-name-cleared-the-topic = { $name } がトピックを消去しました
twofactor-administrators-of-this-server-must = このサーバーの管理者は、管理ページを使う前にこれをオンにする必要があります。
twofactor-after-your-password-natter-also = パスワードの後に、スマートフォンの認証アプリのコードも求めます{" "}
twofactor-code-from-the-app = アプリのコード
twofactor-code-from-the-app-or = アプリのコード（またはリカバリーコード）
twofactor-copied = コピーしました。
twofactor-copy = コピー
twofactor-could-not-load-two-factor = 二要素サインインを読み込めませんでした: { $message }
twofactor-current-password = 現在のパスワード
twofactor-download = ダウンロード
twofactor-downloaded = ダウンロードしました。
twofactor-each-code-signs-you-in = 各コードは、認証アプリのコードの代わりに 1 回だけサインインに使えます。
twofactor-enter-a-code = コードを入力してください。
twofactor-enter-the-code-the-app = アプリに表示されたコードを入力してください。
twofactor-enter-your-current-password = 現在のパスワードを入力してください。
twofactor-google-authenticator-authy-1password-freeotp = （Google Authenticator、Authy、1Password、FreeOTP など）。パスワードが盗まれても、それだけではサインインできません。
twofactor-i-have-kept-them = 保管しました
twofactor-if-you-lose-your-phone = スマートフォンをなくしたときのために。二度と表示されません。
twofactor-keep-these-recovery-codes-somewhere = これらのリカバリーコードを安全な場所に保管してください。各コードはコードの代わりに 1 回サインインに使えます。{" "}
twofactor-keep-this-file-somewhere-safe = このファイルはスマートフォンとは別の安全な場所に保管してください。
twofactor-key = キー:{" "}
twofactor-natter-recovery-codes-for-host = { $host } の natter リカバリーコード
twofactor-off = オフ。
twofactor-on = オン。
twofactor-on-codes-left = オン。{ $n ->
    [one] リカバリーコード残り { $n } 個
   *[other] リカバリーコード残り { $n } 個
  }。
twofactor-qr-code-for-your-authenticator = 認証アプリ用の QR コード
twofactor-scan-this-with-your-authenticator = 認証アプリでこれをスキャンするか、下のキーを入力して、表示されたコードを入力してください。
twofactor-selected-press-ctrl-c-or = 選択しました。Ctrl+C（または ⌘C）でコピーしてください。
twofactor-set-up-two-factor-sign = 二要素サインインを設定
twofactor-turn-off = オフにする
twofactor-turn-on = オンにする
twofactor-two-factor-sign-in = 二要素サインイン
viewer-close-escape = 閉じる（Escape）
viewer-download = ダウンロード
viewer-download-2 = {" "}ダウンロード
viewer-download-label = { $label } をダウンロード
viewer-full-size = 原寸大
viewer-image = 画像
viewer-next-image-right-arrow = 次の画像（右矢印）
viewer-position-of-count = { $position } / { $count }
viewer-previous-image-left-arrow = 前の画像（左矢印）
viewer-this-image-could-not-be = この画像は表示できませんでした。ダウンロードのリンクをお試しください。
whojoins-to-admit-people-by-invitation = 招待した人だけを受け入れるには、natter を --registration invite（NATTER_REGISTRATION=invite）で起動してください。
whojoins-to-admit-people-by-join = 招待リンクで人を受け入れるには、natter を --registration invite（NATTER_REGISTRATION=invite）で起動してください。
whojoins-to-let-anyone-in-start = 誰でも参加できるようにするには、natter を --registration open（NATTER_REGISTRATION=open）で起動してください。
languagesettings-title = 言語
languagesettings-label = natter の表示言語
languagesettings-browser = ブラウザーの言語
languagesettings-hint = natter からのメールもこの言語で書かれます。メッセージは書いた人のままです。
languagesettings-could-not-read = 言語を読み込めませんでした: { $message }
languagesettings-could-not-save = 言語を保存できませんでした: { $message }
accountpage-email-confirmed = メールアドレスは確認済みです。
accountpage-email-unconfirmed = メールアドレスは未確認です。送信されたリンクを開くまで、メッセージに関するメールは届かず、インポートやサインインプロバイダーとも照合されません。
whojoins-open = 誰でも参加可: このサーバーのアドレスにアクセスできる人は、招待リンクの有無にかかわらずアカウントを作成できます。
whojoins-invite = 招待制: 有効な招待リンクを持つ人だけがアカウントを作成できます。
whojoins-closed = 参加不可: 招待リンクがあっても、ここでは誰もアカウントを作成できません。アカウントは natter create-user で作成します。
formathelp-italic-syntax = {"*"}斜体* または _斜体_
formathelp-code = コード
formathelp-code-syntax = `コード`
formathelp-block-syntax = ```  （間に行）  ```
formathelp-link-syntax = {"["}テキスト](https://…)
formathelp-list-syntax = - 項目  または  1. 項目
formathelp-quote-syntax = > 引用
statuses-away = 離席中
dom-user-id = ユーザー { $id }
dom-value-b = { $value } B
adminaudit-person-id = ユーザー { $id }
adminaudit-someone = 誰か
adminpeople-stored = { $size } 使用
attachments-image-id = 画像 { $id }
attachments-media-id = { $kind ->
    [audio] 音声 { $id }
   *[other] 動画 { $id }
  }
attachments-file-id = ファイル { $id }
attachments-file-kind = ファイル
callrecord-seconds = { $s } 秒
callrecord-minutes = { $m } 分
mentions-to = { $name } へ
mentions-to-you = あなたへ
mentions-unread = 未読
mentions-in = { $where } 内
threads-unread = 未読 { $n } 件
