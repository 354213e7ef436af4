# رسائل natter البريدية، بالعربية.
mail-hello = مرحبًا،
mail-hello-name = مرحبًا { $name }،
mail-reset-subject = عيّن كلمة مرور جديدة لـ natter
mail-reset-asked = طلب شخص ما (نأمل أن تكون أنت) تعيين كلمة مرور جديدة لحسابك على { $site }.
mail-reset-open = افتح هذا الرابط خلال { $hours ->
    [zero] { $hours } ساعة
    [one] ساعة واحدة
    [two] ساعتين
    [few] { $hours } ساعات
    [many] { $hours } ساعة
   *[other] { $hours } ساعة
  } لاختيار كلمة مرور؛ يعمل الرابط مرة واحدة فقط:
mail-reset-after = سيؤدي تعيينها إلى تسجيل خروجك من كل مكان آخر. إن لم تطلب ذلك فتجاهل هذه الرسالة: ستبقى كلمة مرورك كما هي.
mail-confirm-subject = أكّد عنوانك لـ natter
mail-confirm-given = أُدخل هذا العنوان لحساب على { $site }.
mail-confirm-open = إن كان هذا الحساب لك، فسجّل الدخول إليه وافتح هذا الرابط خلال { $hours ->
    [zero] { $hours } ساعة
    [one] ساعة واحدة
    [two] ساعتين
    [few] { $hours } ساعات
    [many] { $hours } ساعة
   *[other] { $hours } ساعة
  } لتأكيد العنوان؛ يعمل الرابط مرة واحدة فقط:
mail-confirm-after = إن لم تُنشئ حسابًا هناك، فتجاهل هذه الرسالة: سيبقى العنوان غير مؤكَّد، ولن يتلقى رسائل أخرى من هناك، ولن يُربط بأحد.
mail-invite-subject = { $inviter } يدعوك إلى natter
mail-invite-body = { $inviter } يدعوك إلى دردشة الفريق على { $site }.
mail-invite-open = افتح هذا الرابط لإنشاء حسابك:
mail-missed-subject = فاتتك { $count ->
    [zero] { $count } رسالة
    [one] رسالة واحدة
    [two] رسالتان
    [few] { $count } رسائل
    [many] { $count } رسالة
   *[other] { $count } رسالة
  } على natter
mail-missed-intro = لديك { $count ->
    [zero] { $count } رسالة غير مقروءة
    [one] رسالة واحدة غير مقروءة
    [two] رسالتان غير مقروءتين
    [few] { $count } رسائل غير مقروءة
    [many] { $count } رسالة غير مقروءة
   *[other] { $count } رسالة غير مقروءة
  } على { $site }:
mail-missed-line = { $sender } في { $chat }، { $when } UTC:
mail-missed-open = افتحها
mail-missed-why = تصلك هذه الرسالة لأن أحدًا أشار إليك أو راسلك أثناء غيابك.
mail-missed-off = أوقف هذه الرسائل من صفحة حسابك، أو من هنا: { $url }
mail-missed-off-html = أوقف هذه الرسائل من صفحة حسابك، أو { $link }.
mail-missed-unsubscribe = ألغِ الاشتراك
