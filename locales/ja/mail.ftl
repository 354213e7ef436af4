# natter のメール（日本語）。
mail-hello = こんにちは。
mail-hello-name = { $name } さん
mail-reset-subject = natter の新しいパスワードを設定してください
mail-reset-asked = { $site } のあなたのアカウントについて、新しいパスワードの設定が依頼されました（ご本人による依頼であることを願います）。
mail-reset-open = { $hours ->
    [one] { $hours } 時間
   *[other] { $hours } 時間
  }以内にこのリンクを開いてパスワードを選んでください。リンクは一度だけ使えます:
mail-reset-after = 設定すると、ほかのすべての場所からサインアウトします。心当たりがない場合はこのメールを無視してください。パスワードは変わりません。
mail-confirm-subject = natter のメールアドレスを確認してください
mail-confirm-given = このメールアドレスは { $site } のアカウントに登録されました。
mail-confirm-open = そのアカウントがあなたのものなら、サインインしてから { $hours ->
    [one] { $hours } 時間
   *[other] { $hours } 時間
  }以内にこのリンクを開き、アドレスを確認してください。リンクは一度だけ使えます:
mail-confirm-after = アカウントを作成した覚えがない場合は、このメールを無視してください。アドレスは未確認のままで、ほかのメールは届かず、誰にも紐づけられません。
mail-invite-subject = { $inviter } さんから natter への招待
mail-invite-body = { $inviter } さんが { $site } のチームチャットにあなたを招待しています。
mail-invite-open = このリンクを開いてアカウントを作成してください:
mail-missed-subject = natter に未読のメッセージが { $count ->
    [one] { $count } 件
   *[other] { $count } 件
  }あります
mail-missed-intro = { $site } に未読のメッセージが { $count ->
    [one] { $count } 件
   *[other] { $count } 件
  }あります:
mail-missed-line = { $sender }（{ $chat }）、{ $when }（{ $zone }）:
mail-missed-when = { $year }/{ $month }/{ $day } { $hour }:{ $minute }
mail-missed-open = 開く
mail-missed-why = 不在中にメンションまたはメッセージを受け取ったため、このメールをお送りしています。
mail-missed-off = このメールはアカウントページで停止できます。またはこちらから: { $url }
mail-missed-off-html = このメールはアカウントページで停止できます。または{ $link }。
mail-missed-unsubscribe = 配信を停止する
mail-codes-subject = natter アカウントで誤った2要素認証コードが入力されました
mail-codes-typed = 誰かが { $site } のあなたのアカウントにパスワードでサインインし、その後2要素認証コードを { $count } 回続けて誤って入力しました。
mail-codes-held-for-good = リカバリーコードでサインインするか新しいパスワードを設定するまで、あなたのアカウントではコードを確認しません。
mail-codes-held-a-while = しばらくの間、あなたのアカウントではコードを確認しません。誤ったコードが続くたびに、その期間は長くなります。
mail-codes-not-you = 心当たりがない場合、誰かがあなたのパスワードを知っています。新しいパスワードを設定してください（サインインページの「パスワードをお忘れですか？」）。これで制限も解除されます。リカバリーコードでは引き続きサインインできます。
mail-reminder-subject = リマインダー: { $chat } のメッセージ
mail-reminder-asked = { $chat } のこのメッセージについてリマインドを依頼されました:
mail-reminder-a-file = ファイル
mail-test-subject = natter はメールを送信できます
mail-test-body = このメールは、メール設定を確認するために { $site } の natter から送信されました。
mail-page-title = natter: メール
mail-page-ask = 見逃したメッセージに関するメールを停止しますか？
mail-page-stop = これらのメールを停止
mail-page-again = アカウントページでいつでも再開できます。
mail-page-done = 完了
mail-page-stopped = 見逃したメッセージに関するメールは今後届きません。アカウントページでいつでも再開できます。
mail-page-not-ours = このリンクは natter のものではありません
mail-page-not-ours-what = メールに記載されたリンクを開くか、アカウントページでこれらのメールをオフにしてください。
mail-reminder-direct = ダイレクトメッセージ
