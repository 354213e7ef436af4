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
mail-missed-line = { $sender } في { $chat }، { $when } ({ $zone }):
mail-missed-when = { $day }/{ $month }/{ $year }، { $hour }:{ $minute }
mail-missed-open = افتحها
mail-missed-why = تصلك هذه الرسالة لأن أحدًا أشار إليك أو راسلك أثناء غيابك.
mail-missed-off = أوقف هذه الرسائل من صفحة حسابك، أو من هنا: { $url }
mail-missed-off-html = أوقف هذه الرسائل من صفحة حسابك، أو { $link }.
mail-missed-unsubscribe = ألغِ الاشتراك
mail-codes-subject = رموز تحقق بخطوتين خاطئة لحسابك في natter
mail-codes-typed = سجّل شخص ما الدخول إلى حسابك على { $site } بكلمة مرورك، ثم كتب { $count } من رموز التحقق بخطوتين الخاطئة على التوالي.
mail-codes-held-for-good = لم تعد الرموز تُفحص لحسابك حتى تسجّل الدخول برمز استرداد أو تعيّن كلمة مرور جديدة.
mail-codes-held-a-while = لا تُفحص الرموز لحسابك لبعض الوقت الآن، ولمدة أطول بعد كل رمز خاطئ آخر.
mail-codes-not-you = إن لم تكن أنت، فهناك من يعرف كلمة مرورك: عيّن كلمة مرور جديدة («نسيت كلمة المرور؟» في صفحة تسجيل الدخول)، وهذا ينهي الإيقاف أيضًا. ما زال رمز الاسترداد يتيح لك تسجيل الدخول.
mail-reminder-subject = تذكير: رسالة في { $chat }
mail-reminder-asked = طلبت تذكيرك بهذه الرسالة في { $chat }:
mail-reminder-a-file = ملف
mail-test-subject = يستطيع natter إرسال البريد
mail-test-body = أرسل natter هذه الرسالة من { $site } للتحقق من إعدادات البريد.
mail-page-title = natter: البريد
mail-page-ask = إيقاف رسائل البريد عن الرسائل الفائتة؟
mail-page-stop = أوقف هذه الرسائل
mail-page-again = يمكنك تشغيلها مجددًا من صفحة حسابك.
mail-page-done = تم
mail-page-stopped = لن تصلك بعد الآن رسائل بريد عن الرسائل الفائتة. يمكنك تشغيلها مجددًا من صفحة حسابك.
mail-page-not-ours = هذا الرابط ليس من natter
mail-page-not-ours-what = افتح الرابط من الرسالة نفسها، أو أوقف هذه الرسائل من صفحة حسابك.
mail-reminder-direct = رسالة مباشرة
