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
mail-missed-line = { $sender }（{ $chat }）、{ $when } UTC:
mail-missed-open = 開く
mail-missed-why = 不在中にメンションまたはメッセージを受け取ったため、このメールをお送りしています。
mail-missed-off = このメールはアカウントページで停止できます。またはこちらから: { $url }
mail-missed-off-html = このメールはアカウントページで停止できます。または{ $link }。
mail-missed-unsubscribe = 配信を停止する
