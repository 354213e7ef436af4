# كلمات واجهة الويب، بالعربية (مصطلحات Slack وZulip العربية).

account-account = الحساب
account-account-email-password-and-where = الحساب: البريد الإلكتروني وكلمة المرور وأماكن تسجيل دخولك
account-admin = الإدارة
account-admin-people-invitations-bots-and = الإدارة: الأشخاص والدعوات والبوتات وسجل التدقيق
account-administration = الإدارة
account-could-not-sign-out-message = تعذّر تسجيل الخروج: { $message }
account-desktop-notifications = إشعارات سطح المكتب
account-desktop-notifications-are-on = إشعارات سطح المكتب مفعّلة
account-notifications-are-blocked-in-the = الإشعارات محظورة في المتصفح (تشرح صفحة حسابك كيفية إلغاء حظرها)
account-set-a-status = تعيين حالة
account-sign-out = تسجيل الخروج
account-sound-for-new-messages = صوت للرسائل الجديدة
account-sound-for-new-messages-is = صوت الرسائل الجديدة مفعّل
account-this-browser-cannot-show-notifications = لا يستطيع هذا المتصفح عرض الإشعارات
account-turn-on-a-sound-for = تفعيل صوت للرسائل الجديدة
account-turn-on-desktop-notifications = تفعيل إشعارات سطح المكتب
account-your-account = حسابك
account-your-profile-prefix = ملفك الشخصي:
account-your-profile-username-2 = ملفك الشخصي (@{ $username })
accountpage-a-confirmation-link-is-on = رابط التأكيد في الطريق إليك: افتحه وأنت مسجّل الدخول هنا.
accountpage-change-password = تغيير كلمة المرور
accountpage-changing-it-signs-you-out = تغييرها يسجّل خروجك من كل مكان آخر؛ ويبقى هذا المتصفح مسجّل الدخول.
accountpage-could-not-load-your-account = تعذّر تحميل حسابك: { $message }
accountpage-current-password = كلمة المرور الحالية
accountpage-display-name = الاسم المعروض
accountpage-download-my-data = تنزيل بياناتي
accountpage-email = البريد الإلكتروني
accountpage-enter-a-valid-email-address = أدخل عنوان بريد إلكتروني صالحًا.
accountpage-enter-your-current-password = أدخل كلمة مرورك الحالية.
accountpage-name-and-email = الاسم والبريد الإلكتروني
accountpage-new-password = كلمة المرور الجديدة
accountpage-password = كلمة المرور
accountpage-password-changed = تم تغيير كلمة المرور.
accountpage-password-changed-ended = تم تغيير كلمة المرور. { $n ->
    [zero] لم يُنهَ أي تسجيل دخول آخر
    [one] أُنهي تسجيل دخول آخر واحد
    [two] أُنهي تسجيلا دخول آخران
    [few] أُنهيت { $n } تسجيلات دخول أخرى
    [many] أُنهي { $n } تسجيل دخول آخر
   *[other] أُنهي { $n } تسجيل دخول آخر
  }.
accountpage-save = حفظ
accountpage-saved = تم الحفظ.
accountpage-send-a-new-link = إرسال رابط جديد
accountpage-set-password = تعيين كلمة المرور
accountpage-storage-used-of-filesize-used = التخزين: مُستخدم { $used } من { $fileSize }.
accountpage-storage-used-used-no-limit = التخزين: مُستخدم { $used } (بلا حد).
accountpage-the-new-password-again = كلمة المرور الجديدة مرة أخرى
accountpage-use-at-most-150-characters = استخدم 150 حرفًا على الأكثر.
accountpage-your-account = حسابك
accountpage-your-account-the-chats-you = حسابك والدردشات التي أنت فيها وكل رسالة أرسلتها والملفات التي رفعتها، في ملف مضغوط.
accountpage-your-data = بياناتك
accountpage-your-username-is-username-others = اسم المستخدم الخاص بك هو @{ $username }. يرى الآخرون اسمك المعروض بدلًا منه إن كان لديك واحد.
admin-administration = الإدارة
admin-administration-pages = صفحات الإدارة
admin-bots = البوتات
admin-could-not-load-the-page = تعذّر تحميل الصفحة: { $message }
admin-loading = جارٍ التحميل…
admin-only-administrators-can-see-this = لا يرى هذه الصفحة إلا المسؤولون.
admin-people-chats-invitations-and-audit = الأشخاص والدردشات والدعوات وسجل التدقيق
adminaudit-audit-log = سجل التدقيق
adminaudit-bot-add-to-chat = أضاف { $who } البوت { $person } إلى { $kind ->
    [group] المجموعة «{ $title }»
    [room] الغرفة «{ $title }»
   *[other] الدردشة «{ $title }»
  }
adminaudit-bot-create = أنشأ { $who } البوت { $person }
adminaudit-bot-delete = حذف { $who } البوت { $person }
adminaudit-bot-remove-from-chat = أزال { $who } البوت { $person } من { $kind ->
    [group] المجموعة «{ $title }»
    [room] الغرفة «{ $title }»
   *[other] الدردشة «{ $title }»
  }
adminaudit-bot-rotate-key = أنشأ { $who } مفتاحًا جديدًا للبوت { $person }
adminaudit-bot-update = عدّل { $who } البوت { $person }
adminaudit-chat-archive = أرشف { $who } { $kind ->
    [group] المجموعة «{ $title }»
    [room] الغرفة «{ $title }»
   *[other] الدردشة «{ $title }»
  }
adminaudit-chat-default = علّم { $who } الغرفة «{ $title }»: يبدأ القادمون الجدد هنا
adminaudit-chat-not-default = أزال { $who } علامة الغرفة «{ $title }»: لم يعد القادمون الجدد يبدؤون هنا
adminaudit-chat-remove = حذف { $who } { $kind ->
    [group] المجموعة «{ $title }»
    [room] الغرفة «{ $title }»
   *[other] الدردشة «{ $title }»
  }
adminaudit-chat-remove-member = أزال { $who } العضو { $person } من { $kind ->
    [group] المجموعة «{ $title }»
    [room] الغرفة «{ $title }»
   *[other] الدردشة «{ $title }»
  }
adminaudit-chat-unarchive = ألغى { $who } أرشفة { $kind ->
    [group] المجموعة «{ $title }»
    [room] الغرفة «{ $title }»
   *[other] الدردشة «{ $title }»
  }
adminaudit-could-not-read-the-audit = تعذّرت قراءة سجل التدقيق: { $message }
adminaudit-detail = { $key ->
    [max_uses] الحد الأقصى للاستخدام: { $value }
    [expires_at] تنتهي: { $value }
    [email] البريد الإلكتروني: { $value }
    [first_administrator] لأول مسؤول
   *[other] { $key }: { $value }
  }
adminaudit-invitation-create = أنشأ { $who } رابط الانضمام { $target }
adminaudit-invitation-revoke = ألغى { $who } رابط الانضمام { $target }
adminaudit-message-remove = أزال { $who } رسالة من { $sender } { $kind ->
    [direct] في دردشة مباشرة
    [group] في المجموعة «{ $title }»
    [room] في الغرفة «{ $title }»
   *[other] في الدردشة «{ $title }»
  }
adminaudit-none = لا شيء
adminaudit-nothing-yet = لا شيء بعد.
adminaudit-older-entries = إدخالات أقدم
adminaudit-other = { $who }: { $action } { $target }
adminaudit-the-command-line = سطر الأوامر
adminaudit-user-confirm-email = أكّد { $who } عنوان البريد الإلكتروني للحساب { $person }
adminaudit-user-deactivate = عطّل { $who } حساب { $person }
adminaudit-user-demote = أزال { $who } الحساب { $person } من المسؤولين
adminaudit-user-password-reset = أنشأ { $who } رابط إعادة تعيين كلمة المرور للحساب { $person }
adminaudit-user-promote = جعل { $who } الحساب { $person } مسؤولًا
adminaudit-user-reactivate = أعاد { $who } تفعيل حساب { $person }
adminaudit-user-set-password = عيّن { $who } كلمة مرور الحساب { $person }
adminbots-a-bot-cannot-sign-in = لا يستطيع البوت تسجيل الدخول. تنشر البرامج باسمه عبر روابط الخطّافات الخاصة به (بصيغة خطّافات Slack الواردة).
adminbots-add = إضافة
adminbots-add-username-to-a-group = إضافة @{ $username } إلى مجموعة أو غرفة لك
adminbots-bot-key = مفتاح البوت
adminbots-bots = البوتات
adminbots-cancel = إلغاء
adminbots-could-not-add-it-message = تعذّرت الإضافة: { $message }
adminbots-could-not-list-the-bots = تعذّر عرض البوتات: { $message }
adminbots-could-not-load-the-page = تعذّر تحميل الصفحة: { $message }
adminbots-could-not-remove-it-from = تعذّرت إزالته من { $name }: { $message }
adminbots-delete = حذف
adminbots-delete-label-its-key-and = حذف { $label }؟ يتوقف مفتاحه وروابط خطّافاته عن العمل فورًا ويغادر دردشاته؛ وتبقى رسائله.
adminbots-display-name-optional = الاسم المعروض (اختياري)
adminbots-edit-webhook = تعديل الخطّاف
adminbots-give-the-bot-a-username = أعطِ البوت اسم مستخدم.
adminbots-hook-url-of-the-key = رابط خطّاف المفتاح
adminbots-hook-url-of-username-in = رابط خطّاف @{ $username } في { $name }
adminbots-i-have-copied-it = نسخته
adminbots-in-chats = { $n ->
    [zero] ليس في أي دردشة
    [one] في دردشة واحدة
    [two] في دردشتين
    [few] في { $n } دردشات
    [many] في { $n } دردشة
   *[other] في { $n } دردشة
  }
adminbots-in-no-chat-yet = ليس في أي دردشة بعد
adminbots-it-lets-a-program-post = يتيح لبرنامج أن ينشر باسم البوت. يجب أن تذكر الحمولة المرسلة إلى رابط خطّاف المفتاح قناتها؛ ولا يحتاج رابط خطّاف كل دردشة إلى ذلك.
adminbots-kind = { $kind ->
    [group] مجموعة
    [room] غرفة
    [direct] دردشة مباشرة
   *[other] دردشة
  }
adminbots-kind-id = { $kind ->
    [group] مجموعة { $id }
    [room] غرفة { $id }
    [direct] دردشة مباشرة { $id }
   *[other] دردشة { $id }
  }
adminbots-label-was-deleted = حُذف { $label }.
adminbots-leave-it-empty-to-stop = اتركه فارغًا لإيقاف إرسال الإشارات إلى أي مكان.
adminbots-loading = جارٍ التحميل…
adminbots-made-by-username = أنشأه @{ $username }
adminbots-made-longtime = أُنشئ { $longTime }
adminbots-make-a-new-key-for = إنشاء مفتاح جديد لـ { $label }؟ يتوقف المفتاح القديم وكل روابط خطّافات هذا البوت عن العمل فورًا.
adminbots-make-bot = إنشاء بوت
adminbots-natter-posts-to-it-when = يرسل natter إليه عندما يشير أحد إلى البوت أو يراسله مباشرة؛ ويصبح جوابه رد البوت.
adminbots-new-bot = بوت جديد
adminbots-new-key = مفتاح جديد
adminbots-no-bots-yet = لا توجد بوتات بعد.
adminbots-no-other-group-or-room = لا توجد مجموعة أو غرفة أخرى لك
adminbots-no-outgoing-webhook-mentions-are = لا يوجد خطّاف صادر: لا تُرسل الإشارات إلى أي مكان.
adminbots-only-administrators-can-see-this = لا يرى هذه الصفحة إلا المسؤولون.
adminbots-outgoing-webhook = الخطّاف الصادر:{" "}
adminbots-outgoing-webhook-url-of-username = رابط الخطّاف الصادر لـ @{ $username }
adminbots-outgoing-webhook-url-optional = رابط الخطّاف الصادر (اختياري)
adminbots-remove = إزالة
adminbots-remove-username-from-name = إزالة @{ $username } من { $name }
adminbots-save = حفظ
adminbots-the-bot = البوت
adminbots-the-key-of-who-copy = مفتاح { $who }. انسخه الآن: لن يُعرض مرة أخرى.
adminbots-title-kind = { $title } ({ $kind ->
    [group] مجموعة
    [room] غرفة
   *[other] دردشة
  })
adminbots-username = اسم المستخدم
adminbots-yes-delete = نعم، احذف
adminbots-yes-make-a-new-key = نعم، أنشئ مفتاحًا جديدًا
adminchats-active = نشط { $when }
adminchats-archive = أرشفة
adminchats-archive-kind-title = أرشفة { $kind ->
    [group] المجموعة
    [room] الغرفة
   *[other] الدردشة
  }: { $title }
adminchats-archived = مؤرشفة
adminchats-delete = حذف
adminchats-delete-kind = حذف { $kind ->
    [group] المجموعة
    [room] الغرفة
   *[other] الدردشة
  }
adminchats-delete-kind-for-everyone-title = حذف { $kind ->
    [group] المجموعة
    [room] الغرفة
   *[other] الدردشة
  } للجميع: { $title }
adminchats-delete-this-kind = حذف { $kind ->
    [group] هذه المجموعة
    [room] هذه الغرفة
   *[other] هذه الدردشة
  }؟
adminchats-everyone-who-joins-the-server = يبدأ كل من ينضم إلى الخادم في هذه الغرفة
adminchats-group = مجموعة
adminchats-group-with-no-name = مجموعة بلا اسم
adminchats-groups-and-rooms = المجموعات والغرف
adminchats-members = { $n ->
    [zero] لا أعضاء
    [one] عضو واحد
    [two] عضوان
    [few] { $n } أعضاء
    [many] { $n } عضوًا
   *[other] { $n } عضو
  }
adminchats-messages = { $n ->
    [zero] لا رسائل
    [one] رسالة واحدة
    [two] رسالتان
    [few] { $n } رسائل
    [many] { $n } رسالة
   *[other] { $n } رسالة
  }
adminchats-more-chats = المزيد من الدردشات
adminchats-newcomers-start-here = يبدأ القادمون الجدد هنا
adminchats-newcomers-start-here-title = يبدأ القادمون الجدد هنا: { $title }
adminchats-no-group-or-room-matches = لا توجد مجموعة أو غرفة مطابقة.
adminchats-room = غرفة
adminchats-search-groups-and-rooms = البحث في المجموعات والغرف
adminchats-title = العنوان
adminchats-title-is-deleted-for-all = تُحذف «{ $title }» لجميع أعضائها الـ{ $member_count }: تختفي من قوائمهم ولا يستطيع أحد فتحها مجددًا.
adminchats-unarchive = إلغاء الأرشفة
adminchats-unarchive-kind-title = إلغاء أرشفة { $kind ->
    [group] المجموعة
    [room] الغرفة
   *[other] الدردشة
  }: { $title }
adminemoji-add-emoji = إضافة رمز تعبيري
adminemoji-added-name = أُضيف :{ $name }:.
adminemoji-could-not-add-it-message = تعذّرت الإضافة: { $message }
adminemoji-could-not-load-the-emoji = تعذّر تحميل الرموز التعبيرية: { $message }
adminemoji-could-not-remove-it-message = تعذّرت الإزالة: { $message }
adminemoji-custom-emoji = رموز تعبيرية مخصصة
adminemoji-give-a-name-and-a = أعطِ اسمًا وصورة.
adminemoji-name = الاسم
adminemoji-none-yet = لا شيء بعد.
adminemoji-on-this-server = على هذا الخادم
adminemoji-picture-png-jpeg-gif-or = صورة (PNG أو JPEG أو GIF أو WebP، حتى 1 ميغابايت)
adminemoji-remove = إزالة
adminemoji-remove-name = إزالة :{ $name }:
adminemoji-removed-name-messages-that-used = أُزيل :{ $name }:. تعرض الرسائل التي استخدمته اسمه.
adminemoji-used-as-name-lower-case = يُستخدم بصيغة :name: — أحرف لاتينية صغيرة وأرقام و_ و- و+.
admininvites-1-day = يوم واحد
admininvites-12-hours = 12 ساعة
admininvites-30-days = 30 يومًا
admininvites-30-minutes = 30 دقيقة
admininvites-7-days = 7 أيام
admininvites-could-not-list-invitations-message = تعذّر عرض الدعوات: { $message }
admininvites-could-not-make-the-invitation = تعذّر إنشاء الدعوة: { $value }
admininvites-could-not-revoke-it-message = تعذّر الإلغاء: { $message }
admininvites-enter-a-whole-number-of = أدخل عددًا صحيحًا لا يقل عن 1، أو اتركه فارغًا بلا حد.
admininvites-expired = منتهية
admininvites-expires-after = تنتهي بعد
admininvites-expires-longtime = تنتهي { $longTime }
admininvites-how-many-accounts-it-can = عدد الحسابات التي يمكن إنشاؤها بها؛ فارغ بلا حد.
admininvites-invitation-made-send-this-link = أُنشئت الدعوة. أرسل هذا الرابط: { $describe }.
admininvites-invitation-revoked-its-link-no = أُلغيت الدعوة: لم يعد رابطها يعمل.
admininvites-invitations = الدعوات
admininvites-made-by-username = أنشأها @{ $username }
admininvites-made-so-far = المُنشأة حتى الآن
admininvites-make-invitation = إنشاء دعوة
admininvites-never = أبدًا
admininvites-never-expires = لا تنتهي أبدًا
admininvites-none-yet = لا شيء بعد.
admininvites-not-valid = غير صالحة
admininvites-revoke = إلغاء
admininvites-revoke-invitation-code = إلغاء الدعوة { $code }
admininvites-revoked = ملغاة
admininvites-sent-by-mail = أُرسل الرابط بالبريد إلى { $list }.
admininvites-used-no-limit = { $n ->
    [zero] لم تُستخدم بعد
    [one] استُخدمت مرة واحدة
    [two] استُخدمت مرتين
    [few] استُخدمت { $n } مرات
    [many] استُخدمت { $n } مرة
   *[other] استُخدمت { $n } مرة
  }، بلا حد
admininvites-used-up = مستنفدة
admininvites-used-used-of-max-uses = استُخدمت { $used } من { $max_uses }
admininvites-uses = مرات الاستخدام
admininvites-valid = صالحة
adminpeople-active = نشط
adminpeople-administrator = مسؤول
adminpeople-deactivate = تعطيل
adminpeople-deactivated = معطّل
adminpeople-email-unconfirmed = البريد غير مؤكَّد
adminpeople-last-seen-longtime = آخر ظهور { $longTime }
adminpeople-last-seen-shorttime = آخر ظهور { $shortTime }
adminpeople-make-admin = جعله مسؤولًا
adminpeople-more-people = المزيد من الأشخاص
adminpeople-name-username-or-email = الاسم أو اسم المستخدم أو البريد الإلكتروني
adminpeople-never-seen = لم يظهر قط
adminpeople-no-mail-with-messages-goes = لا تُرسل إلى هذا العنوان رسائل بريد تحوي رسائل؛ ولا يطابقه أي استيراد أو مزوّد تسجيل دخول
adminpeople-nobody-matches = لا أحد مطابق.
adminpeople-people = الأشخاص
adminpeople-reactivate = إعادة التفعيل
adminpeople-remove-admin = إزالة من المسؤولين
adminpeople-reset-password = إعادة تعيين كلمة المرور
adminpeople-search-people = البحث عن أشخاص
adminpeople-send-link = أرسل هذا الرابط إلى { $name }؛ يعمل مرة واحدة.
adminpeople-send-link-until = أرسل هذا الرابط إلى { $name }؛ يعمل مرة واحدة حتى { $until }.
adminpeople-the-server-sent-no-link = لم يرسل الخادم أي رابط.
adminpeople-you = أنت
api-correct-fields = صحّح الحقول المُعلَّمة أدناه.
api-forbidden = غير مسموح لك بذلك.
api-not-found = غير موجود.
api-offline = تعذّر الوصول إلى الخادم. تحقق من اتصالك.
api-request-failed = فشل الطلب ({ $status }).
api-server-problem = واجه الخادم مشكلة. حاول مرة أخرى.
api-sign-in = سجّل الدخول من فضلك.
api-too-large = هذا كبير جدًا على الخادم.
api-too-many-attempts = محاولات كثيرة جدًا من شبكتك. حاول مجددًا بعد دقيقة تقريبًا.
api-too-many-requests = طلبات كثيرة جدًا. انتظر لحظة وحاول مجددًا.
api-upload-cancelled = أُلغي الرفع.
app-chats-and-search = الدردشات والبحث
app-connecting = جارٍ الاتصال…
app-connection-lost-reconnecting = انقطع الاتصال — جارٍ إعادة الاتصال…
app-dismiss = إغلاق
app-mentions = الإشارات
app-mentions-n-unread = الإشارات، { $n } غير مقروءة
app-new-group = مجموعة جديدة
app-new-message = رسالة جديدة
app-new-message-from-title = رسالة جديدة من { $title }
app-online = متصل
app-open = فتح
app-reminder = تذكير
app-rooms = الغرف
app-sent-a-file = أرسل ملفًا
app-that-message-is-not-available = تلك الرسالة غير متاحة: حُذفت، أو لست في دردشتها.
app-who-in-a-thread-in = { $who } في سلسلة في { $chat }
app-who-in-chat = { $who } في { $chat }
attachments-this-kind-cannot-be-played = { $kind ->
    [audio] لا يمكن تشغيل هذا المقطع الصوتي هنا؛ نزّله بدلًا من ذلك.
   *[other] لا يمكن تشغيل هذا الفيديو هنا؛ نزّله بدلًا من ذلك.
  }
attachments-view-name = عرض { $name }
auth-a-username-needs-at-least = يحتاج اسم المستخدم إلى حرف واحد على الأقل ليس رقمًا.
auth-code-from-your-authenticator-app = الرمز من تطبيق المصادقة (أو رمز استرداد)
auth-create-account = إنشاء حساب
auth-create-an-account = إنشاء حساب
auth-create-your-account = أنشئ حسابك
auth-display-name-optional = الاسم المعروض (اختياري)
auth-email = البريد الإلكتروني
auth-enter-a-valid-email-address = أدخل عنوان بريد إلكتروني صالحًا.
auth-enter-the-code-from-your = أدخل الرمز من تطبيق المصادقة (أو رمز استرداد) لإكمال تسجيل الدخول.
auth-enter-the-code-your-authenticator = أدخل الرمز الذي يعرضه تطبيق المصادقة.
auth-enter-your-password = أدخل كلمة المرور.
auth-enter-your-username-or-email = أدخل اسم المستخدم أو البريد الإلكتروني.
auth-forgot-password = نسيت كلمة المرور؟
auth-i-already-have-an-account = لدي حساب بالفعل
auth-invitation-code = رمز الدعوة
auth-new-accounts-come-from-an = ينشئ الحسابات الجديدة مسؤول هذا الخادم.
auth-new-here = جديد هنا؟{" "}
auth-password = كلمة المرور
auth-sign-in = تسجيل الدخول
auth-sign-in-to-natter = تسجيل الدخول إلى natter
auth-that-code-is-wrong-expired = هذا الرمز خاطئ أو منتهي الصلاحية أو مستخدم من قبل.
auth-this-server-has-no-account = لا يوجد على هذا الخادم أي حساب بعد. يسجّل مسؤوله الأول عبر الرابط في سجل الخادم («the first administrator signs up at …»)؛ ويحتاج الجميع غيره إلى دعوة منه.
auth-this-server-is-by-invitation = هذا الخادم بالدعوة فقط: اطلب من أحد مسؤوليه رابط انضمام، ثم افتحه لإنشاء حسابك.
auth-use-1-150-letters-digits = استخدم من 1 إلى 150 حرفًا أو رقمًا أو الرموز @ . + - _.
auth-use-at-least-8-characters = استخدم 8 أحرف على الأقل.
auth-use-at-most-150-characters = استخدم 150 حرفًا على الأكثر.
auth-username = اسم المستخدم
auth-username-or-email = اسم المستخدم أو البريد الإلكتروني
auth-wrong-username-or-password = اسم المستخدم أو كلمة المرور غير صحيحة.
auth-you-were-invited-to-natter = تمت دعوتك إلى natter. اختر اسم مستخدم وكلمة مرور لإنشاء حسابك.
auth-your-account-was-created-but = أُنشئ حسابك، لكن تسجيل الدخول فشل: { $message }
call-call-controls = عناصر التحكم في المكالمة
call-call-title = مكالمة · { $title }
call-name-you = { $name } (أنت)
call-camera-off = الكاميرا متوقفة
call-camera-off-2 = الكاميرا متوقفة
call-camera-off-turn-on = الكاميرا متوقفة: تشغيل
call-camera-on-turn-off = الكاميرا تعمل: إيقاف
call-close = إغلاق
call-connecting = جارٍ الاتصال…
call-connection-lost = انقطع الاتصال…
call-could-not-connect = تعذّر الاتصال
call-leave-the-call = مغادرة المكالمة
call-microphone-off = الميكروفون متوقف
call-microphone-off-2 = الميكروفون متوقف
call-microphone-off-turn-on = الميكروفون متوقف: تشغيل
call-microphone-on-turn-off = الميكروفون يعمل: إيقاف
call-minimise-the-call-it-goes = تصغير المكالمة (تستمر)
call-share-your-screen = مشاركة شاشتك
call-stop-sharing-your-screen = إيقاف مشاركة شاشتك
callbar-call-in-progress-names = مكالمة جارية: { $names }
callbar-join-call = الانضمام إلى المكالمة
callbar-return-to-call = العودة إلى المكالمة
callbar-you-are-in-a-call = أنت في مكالمة مع { $names }
callbar-you-are-in-a-call-2 = أنت في مكالمة تنتظر الآخرين
callbar-you-are-in-this-call = أنت في هذه المكالمة في علامة تبويب أخرى، مع { $names }
callbar-you-are-in-this-call-2 = أنت في هذه المكالمة في علامة تبويب أخرى
callrecord-caller-called-duration-with-names = اتصل { $caller } · { $duration } · المشاركون: { $names }
callrecord-caller-started-a-call-in = بدأ { $caller } مكالمة · جارية
callrecord-floor-h-value-min = { $floor } س { $value } د
callrecord-missed-call-from-caller = مكالمة فائتة من { $caller }
callrecord-someone = شخص ما
callrecord-you = أنت
callrecord-you-mid = أنت
callrecord-you-called-no-one-answered = اتصلت · لم يجب أحد
calls-could-not-connect-to-someone = تعذّر الاتصال بأحد المشاركين في المكالمة؛ لا يوجد على هذا الخادم مرحّل TURN، لذا قد لا يصل الأشخاص على شبكات مختلفة إلى بعضهم.
calls-could-not-connect-to-someone-2 = تعذّر الاتصال بأحد المشاركين في المكالمة حتى عبر مرحّل الخادم. تحقق من شبكتك وحاول الانضمام مجددًا.
calls-could-not-reach-the-server-that = تعذّر الوصول إلى الخادم الذي ينقل صوت هذه المكالمة وصورتها. تحقق من شبكتك وحاول الانضمام مجددًا.
calls-joining-the-call = جارٍ الانضمام إلى المكالمة…
calls-reconnecting-to-the-call = جارٍ إعادة الاتصال بالمكالمة…
calls-screen-sharing-was-cancelled-or = أُلغيت مشاركة الشاشة أو أنها غير مسموحة هنا.
calls-someone = شخص ما
calls-starting-your-microphone-and-camera = جارٍ تشغيل الميكروفون والكاميرا…
calls-this-call-is-full-it = هذه المكالمة ممتلئة: فيها أكبر عدد يسمح به هذا الخادم في مكالمة واحدة. حاول مجددًا عندما يغادر أحد.
calls-value-people-in-the-call = { $value } أشخاص في المكالمة
calls-waiting-for-others-to-join = في انتظار انضمام الآخرين…
calls-waiting-for-the-connection-to = في انتظار الاتصال بالخادم…
calls-who-declined = رفض { $who }
calls-who-declined-the-call = رفض { $who } المكالمة
calls-who-is-calling-you = { $who } يتصل بك
calls-who-started-a-call-in = بدأ { $who } مكالمة في { $chatTitle }
calls-you-are-no-longer-in = لم تعد في هذه الدردشة، لذا غادرت مكالمتها.
chat-archived = {" "}· مؤرشفة
chat-are-typing = { $names } و{ $last } يكتبون…
chat-back-to-chats = العودة إلى الدردشات
chat-chat-details-and-members = تفاصيل الدردشة وأعضاؤها
chat-conversation = المحادثة
chat-could-not-load-messages-message = تعذّر تحميل الرسائل: { $message }
chat-could-not-load-older-messages = تعذّر تحميل الرسائل الأقدم: { $message }
chat-could-not-react-message = تعذّر التفاعل: { $message }
chat-delete = حذف
chat-delete-this-message = حذف هذه الرسالة؟
chat-direct-message = رسالة مباشرة
chat-group = مجموعة
chat-it-is-deleted-for-everyone = تُحذف للجميع في هذه الدردشة. لا يمكن التراجع عن ذلك.
chat-kind-members = { $kind } · { $n ->
    [zero] لا أعضاء
    [one] عضو واحد
    [two] عضوان
    [few] { $n } أعضاء
    [many] { $n } عضوًا
   *[other] { $n } عضو
  }
chat-loading-messages = جارٍ تحميل الرسائل…
chat-loading-older-messages = جارٍ تحميل الرسائل الأقدم…
chat-messages = الرسائل
chat-name-says = { $name }: { $text }
chat-name-sent-a-file = أرسل { $name } ملفًا
chat-no-messages-yet-say-hello = لا توجد رسائل بعد. قل مرحبًا!
chat-pick-a-chat-find-someone = اختر دردشة، أو ابحث عن شخص، أو انضم إلى غرفة.
chat-remove-for-everyone = إزالة للجميع
chat-remove-this-message = إزالة هذه الرسالة؟
chat-room = غرفة
chat-saved-find-it-under-saved = حُفظت. تجدها في المحفوظات.
chat-several-people-are-typing = عدة أشخاص يكتبون…
chat-showing-from = عرض الرسالة من { $name }
chat-showing-from-you = عرض رسالتك
chat-start-of-the-conversation = بداية المحادثة
chat-start-or-join-a-call = بدء مكالمة أو الانضمام إليها
chat-that-message-is-not-in = لم تعد تلك الرسالة في هذه الدردشة، أو أنها أبعد من أن تُحمَّل.
chat-the-message-by-username-is = تُزال رسالة { $userName } للجميع في هذه الدردشة: تبقى مكانها عبارة «أُزيلت بواسطة مسؤول». لا يمكن التراجع عن ذلك.
chat-this-chat-is-archived-you = هذه الدردشة مؤرشفة: يمكنك قراءتها، لكن لا يمكن لأحد النشر فيها.
chat-value-is-typing = { $value } يكتب…
chat-you = أنت
chatinfo-add-people = إضافة أشخاص
chatinfo-admin = مشرف
chatinfo-name-you = { $name } (أنت)
chatinfo-administrator = المسؤول:
chatinfo-archive-kind = أرشفة { $kind ->
    [group] المجموعة
    [room] الغرفة
   *[other] الدردشة
  }
chatinfo-chattitle-is-deleted-for-all = تُحذف «{ $chatTitle }» لجميع أعضائها الـ{ $value }: تختفي من قوائمهم ولا يستطيع أحد فتحها مجددًا.
chatinfo-could-not-add-username = تعذّرت إضافة { $userName }: { $message }
chatinfo-could-not-archive = تعذّرت الأرشفة: { $message }
chatinfo-could-not-leave = تعذّرت المغادرة: { $message }
chatinfo-could-not-load-the-details = تعذّر تحميل التفاصيل: { $message }
chatinfo-could-not-remove-username = تعذّرت إزالة { $userName }: { $message }
chatinfo-could-not-unarchive = تعذّر إلغاء الأرشفة: { $message }
chatinfo-delete-kind = حذف { $kind ->
    [group] المجموعة
    [room] الغرفة
   *[other] الدردشة
  }
chatinfo-delete-kind-for-everyone = حذف { $kind ->
    [group] المجموعة
    [room] الغرفة
   *[other] الدردشة
  } للجميع
chatinfo-delete-this-kind = حذف { $kind ->
    [group] هذه المجموعة
    [room] هذه الغرفة
   *[other] هذه الدردشة
  }؟
chatinfo-give-the-kind-a-name = أعطِ { $kind ->
    [group] المجموعة
    [room] الغرفة
   *[other] الدردشة
  } اسمًا.
chatinfo-leave-kind = مغادرة { $kind ->
    [group] المجموعة
    [room] الغرفة
   *[other] الدردشة
  }
chatinfo-loading = جارٍ التحميل…
chatinfo-members-length = الأعضاء ({ $length })
chatinfo-name-of-the-kind = اسم { $kind ->
    [group] المجموعة
    [room] الغرفة
   *[other] الدردشة
  }
chatinfo-only-admins-can-rename-the = لا يستطيع إعادة تسمية { $kind ->
    [group] المجموعة
    [room] الغرفة
   *[other] الدردشة
  } أو إضافة أشخاص إلا المشرفون.
chatinfo-remove-username = إزالة { $userName }
chatinfo-rename = إعادة التسمية
chatinfo-stay = البقاء
chatinfo-unarchive-kind = إلغاء أرشفة { $kind ->
    [group] المجموعة
    [room] الغرفة
   *[other] الدردشة
  }
chatinfo-yes-leave = نعم، غادر
chatlist-archived = مؤرشفة
chatlist-archived-read-only = مؤرشفة: للقراءة فقط
chatlist-chats = الدردشات
chatlist-could-not-load-chats-message = تعذّر تحميل الدردشات: { $message }
chatlist-direct = مباشرة
chatlist-direct-messages = الرسائل المباشرة
chatlist-file-name = ملف: { $name }
chatlist-group = مجموعة
chatlist-groups = المجموعات
chatlist-loading-chats = جارٍ تحميل الدردشات…
chatlist-mentions-of-you = { $n ->
    [zero] لا إشارات
    [one] إشارة واحدة
    [two] إشارتان
    [few] { $n } إشارات
    [many] { $n } إشارة
   *[other] { $n } إشارة
  } إليك
chatlist-muted = مكتومة
chatlist-muted-no-notifications = مكتومة: بلا إشعارات
chatlist-no-chats-yet-find-someone = لا توجد دردشات بعد. ابحث عن شخص في الأعلى، أو أنشئ مجموعة، أو انضم إلى غرفة.
chatlist-no-messages-yet = لا توجد رسائل بعد
chatlist-picture-name = صورة: { $name }
chatlist-room = غرفة
chatlist-rooms = الغرف
chatlist-star-title = تمييز { $title } بنجمة
chatlist-star-title-keep-it-at = تمييز { $title } بنجمة: إبقاؤها في الأعلى
chatlist-starred = المميّزة بنجمة
chatlist-starred-kept-at-the-top = مميّزة بنجمة: تبقى في الأعلى. إزالة النجمة عن { $title }
chatlist-unread = { $n ->
    [zero] لا رسائل غير مقروءة
    [one] رسالة واحدة غير مقروءة
    [two] رسالتان غير مقروءتين
    [few] { $n } رسائل غير مقروءة
    [many] { $n } رسالة غير مقروءة
   *[other] { $n } رسالة غير مقروءة
  }
chatlist-unread-natter = ({ $unread }) natter
chatlist-unread-quiet = { $n ->
    [zero] لا رسائل غير مقروءة، بلا إشعار
    [one] رسالة واحدة غير مقروءة، بلا إشعار
    [two] رسالتان غير مقروءتين، بلا إشعار
    [few] { $n } رسائل غير مقروءة، بلا إشعار
    [many] { $n } رسالة غير مقروءة، بلا إشعار
   *[other] { $n } رسالة غير مقروءة، بلا إشعار
  }
chatlist-you = أنت
chatlist-you-were-mentioned = أشار إليك أحدهم
chatpresence-it-is-local-time-for = {" "}(الساعة عندهم { $local_time })
chatpresence-it-is-local-time-for-2 = الساعة عند { $name } الآن { $local_time }.
chatpresence-name-is-in-quiet-hours = { $name } في ساعات الهدوء{ $at }: لا تصله إشعارات الآن وسيرى رسالتك لاحقًا.
chatpresence-status-words = الحالة: { $words }.
combobox-nothing-found = لم يُعثر على شيء.
combobox-results = { $n ->
    [zero] لا نتائج
    [one] نتيجة واحدة
    [two] نتيجتان
    [few] { $n } نتائج
    [many] { $n } نتيجة
   *[other] { $n } نتيجة
  }
composer-attach-a-file = إرفاق ملف
composer-attachments = المرفقات
composer-cancel-uploading-name = إلغاء رفع { $name }
composer-failed-error = (فشل: { $error })
composer-insert-an-emoji = إدراج رمز تعبيري
composer-insert-emoji = إدراج رمز تعبيري
composer-message = الرسالة
composer-not-sent-message = لم تُرسل: { $message }
composer-remove-name = إزالة { $name }
composer-send = إرسال
composer-the-server-gave-the-file = لم يعطِ الخادم الملف معرّفًا
composer-uploading-name = جارٍ رفع { $name }
composer-uploading-pct = (جارٍ الرفع… { $pct }٪)
composer-write-a-message = اكتب رسالة
confirm-cancel = إلغاء
dom-chat-id = دردشة { $id }
dom-close = إغلاق
dom-name-deactivated = { $name } (معطّل)
dom-n-more = { $n ->
    [zero] لا أحد آخر
    [one] شخص آخر
    [two] شخصان آخران
    [few] { $n } أشخاص آخرين
    [many] { $n } شخصًا آخر
   *[other] { $n } شخص آخر
  }
dom-room-id = غرفة { $id }
dom-someone = شخص ما
dom-value-kb = { $value } ك.ب
dom-value-mb = { $value } م.ب
emojicomplete-emoji = الرموز التعبيرية
emojipicker-arrow-keys-move-enter-picks = الأسهم للتنقل، Enter للاختيار، Escape للإغلاق
emojipicker-category = { $category ->
    [Smileys] الوجوه الضاحكة
    [People] الأشخاص
    [Nature] الحيوانات والطبيعة
    [Food] الطعام والشراب
    [Activities] الأنشطة
    [Travel] السفر والأماكن
    [Objects] الأشياء
    [Symbols] الرموز
   *[other] { $category }
  }
emojipicker-custom = مخصصة
emojipicker-n-emoji-match = { $n ->
    [zero] لا رموز مطابقة
    [one] رمز واحد مطابق
    [two] رمزان مطابقان
    [few] { $n } رموز مطابقة
    [many] { $n } رمزًا مطابقًا
   *[other] { $n } رمز مطابق
  }
emojipicker-no-emoji-match-that-name = لا توجد رموز تعبيرية تطابق هذا الاسم.
emojipicker-search-emoji = البحث عن رمز تعبيري
emojipicker-search-emoji-by-name = البحث عن رمز تعبيري بالاسم
finder-chats = الدردشات
finder-chats-they-are-in = الدردشات التي هم فيها
finder-could-not-join-name-message = تعذّر الانضمام إلى { $name }: { $message }
finder-could-not-start-the-chat = تعذّر بدء الدردشة: { $message }
finder-direct = مباشرة
finder-group = مجموعة
finder-members-join = { $n ->
    [zero] لا أعضاء
    [one] عضو واحد
    [two] عضوان
    [few] { $n } أعضاء
    [many] { $n } عضوًا
   *[other] { $n } عضو
  } · انضمام
finder-nobody-found = لم يُعثر على أحد.
finder-people = الأشخاص
finder-room = غرفة
finder-rooms-to-join = غرف للانضمام
finder-search-chats-rooms-and-people = البحث في الدردشات والغرف والأشخاص
finder-search-chats-rooms-people = ابحث في الدردشات والغرف والأشخاص
firstday-a-direct-chat-is-just = الدردشة المباشرة بينك وبين شخص آخر فقط.{" "}
firstday-browse-the-rooms = تصفّح الغرف
firstday-dismiss = إغلاق
firstday-everyone-who-joins-starts-in = يبدأ كل من ينضم في الغرف المعلَّمة هناك بـ«يبدأ القادمون الجدد هنا».
firstday-go-to-invitations = الذهاب إلى الدعوات
firstday-groups-are-private-only-the = المجموعات خاصة: لا يراها إلا من أُضيفوا إليها.{" "}
firstday-or = {" "}أو{" "}
firstday-rooms-are-open-conversations-anyone = الغرف محادثات مفتوحة يستطيع أي شخص هنا إيجادها والانضمام إليها، غرفة لكل فريق أو موضوع.{" "}
firstday-see-who-is-here = شاهد من هنا
firstday-the-shield-at-the-top = (الدرع أعلى الصفحة)، ضمن الدعوات، وأرسل رابطها.{" "}
firstday-to-say-hello = {" "}لتقول مرحبًا.
firstday-welcome-you-are-in-no = أهلًا بك! لست في أي دردشة بعد.{" "}
firstday-you-run-this-server-to = أنت تدير هذا الخادم. لتُدخل فريقك، أنشئ دعوة في صفحة الإدارة{" "}
forgot-back-to-sign-in = العودة إلى تسجيل الدخول
forgot-enter-your-username-or-email = أدخل اسم المستخدم أو البريد الإلكتروني.
forgot-forgot-your-password = هل نسيت كلمة المرور؟
forgot-if-that-account-exists-and = إن كان الحساب موجودًا وله عنوان بريد إلكتروني، فرسالة فيها رابط في الطريق إليه.
forgot-send-me-a-link = أرسل لي رابطًا
forgot-the-link-lets-you-choose = يتيح لك الرابط اختيار كلمة مرور جديدة.
forgot-they-make-one-on-the = ينشئه من صفحة الإدارة، ضمن الأشخاص، عبر «إعادة تعيين كلمة المرور».{" "}
forgot-this-server-sends-no-mail = لا يرسل هذا الخادم بريدًا. اطلب من أحد مسؤوليه رابط إعادة تعيين:{" "}
forgot-username-or-email = اسم المستخدم أو البريد الإلكتروني
forgot-we-mail-a-link-to = نرسل رابطًا لاختيار كلمة مرور جديدة إلى عنوان حسابك.
formathelp-a-block-of-code = كتلة برمجية
formathelp-a-link = رابط
formathelp-a-list = قائمة
formathelp-a-quote = اقتباس
formathelp-a-that-stays-a = علامة * تبقى *
formathelp-bold-ctrl-b = عريض (Ctrl+B)
formathelp-bold-syntax = {"*"}*عريض**
formathelp-formatting = التنسيق
formathelp-formatting-help = مساعدة التنسيق
formathelp-italic-ctrl-i = مائل (Ctrl+I)
formathelp-messages-are-sent-as-typed = تُرسل الرسائل كما كُتبت؛ ويعرض natter التنسيق.
forms-the-two-passwords-differ = كلمتا المرور مختلفتان.
forms-use-at-least-8-characters = استخدم 8 أحرف على الأقل.
groupdialog-add-at-least-one-person = أضف شخصًا واحدًا على الأقل.
groupdialog-add-people = إضافة أشخاص
groupdialog-create-group = إنشاء مجموعة
groupdialog-give-the-group-a-name = أعطِ المجموعة اسمًا.
groupdialog-group-name = اسم المجموعة
groupdialog-members = الأعضاء
groupdialog-new-group = مجموعة جديدة
groupdialog-remove-username = إزالة { $userName }
groupsdirectory-add-people-to-handle = إضافة أشخاص إلى @{ $handle }
groupsdirectory-design-team = فريق التصميم
groupsdirectory-give-the-group-a-handle = أعطِ المجموعة معرّفًا.
groupsdirectory-groups = المجموعات
groupsdirectory-loading = جارٍ التحميل…
groupsdirectory-loading-groups = جارٍ تحميل المجموعات…
groupsdirectory-make-group = إنشاء مجموعة
groupsdirectory-members = الأعضاء
groupsdirectory-mention-a-group-with-and = أشر إلى مجموعة بـ@ ومعرّفها: يُنبَّه أعضاؤها في تلك الدردشة.
groupsdirectory-name = الاسم
groupsdirectory-no-groups-yet = لا توجد مجموعات بعد.
groupsdirectory-people = { $n ->
    [zero] لا أعضاء
    [one] شخص واحد
    [two] شخصان
    [few] { $n } أشخاص
    [many] { $n } شخصًا
   *[other] { $n } شخص
  }
groupsdirectory-remove-handle = إزالة @{ $handle }
groupsdirectory-take-username-out-of-handle = إخراج { $userName } من @{ $handle }
groupsdirectory-handle-example = design
history-new-messages = رسائل جديدة
inviteemails-email-addresses-separated-by-commas = عناوين البريد الإلكتروني، مفصولة بفواصل أو أسطر جديدة (حتى { $MAX_EMAILS })؛ يتلقى كل منها رابط الانضمام بالبريد.
inviteemails-give-at-most-max-emails = أدخل { $MAX_EMAILS } عناوين على الأكثر (أدخلت { $length }).
inviteemails-not-addresses = { $n ->
    [zero] هذه ليست عناوين بريد إلكتروني
    [one] هذا ليس عنوان بريد إلكتروني
    [two] هذان ليسا عنواني بريد إلكتروني
    [few] هذه ليست عناوين بريد إلكتروني
    [many] هذه ليست عناوين بريد إلكتروني
   *[other] هذه ليست عناوين بريد إلكتروني
  }: { $list }.
inviteemails-send-the-link-to-optional = إرسال الرابط إلى (اختياري)
inviteemails-example-addresses = amal@example.org, omar@example.org
levels-all-messages = كل الرسائل
levels-mentions-only = الإشارات فقط
levels-nothing-muted = لا شيء (مكتومة)
linkpreviews-remove-preview = إزالة المعاينة
main-loading = جارٍ التحميل…
main-natter-could-not-start-message = تعذّر تشغيل natter: { $message }
main-sign-in-to-the-account = سجّل الدخول إلى الحساب لتأكيد عنوان بريده الإلكتروني.
main-try-again = حاول مرة أخرى
main-you-are-already-signed-in = أنت مسجّل الدخول بالفعل، لذا لم تُستخدم الدعوة.
main-you-are-offline-natter-cannot = أنت غير متصل: لا يستطيع natter الوصول إلى خادمه. سيبدأ من تلقاء نفسه حالما يستطيع.
main-your-email-address-is-confirmed = تم تأكيد عنوان بريدك الإلكتروني.
main-your-email-address-was-not = لم يُؤكَّد عنوان بريدك الإلكتروني: { $message }
main-your-new-password-is-set = عُيّنت كلمة مرورك الجديدة. سجّل الدخول بها.
matrixapps-element-fluffychat-nheko = Element (الويب وسطح المكتب) وFluffyChat وnheko: اكتب العنوان تمامًا كما يظهر.
matrixapps-element-x-neochat = Element X وNeoChat: لا يسجّلان الدخول إلا عبر https، لذا يجب تقديم natter خلف TLS (بشهادته الخاصة أو عبر وكيل أمامه) مع اسم خادم Matrix الخاص به اسمًا للمضيف. يطلب NeoChat معرّف Matrix الخاص بك ويجد الخادم من خلاله.
matrixapps-homeserver-address = عنوان الخادم المنزلي
matrixapps-intro = تفتح تطبيقات Matrix الدردشات والرسائل المباشرة والسلاسل نفسها. في التطبيق، غيّر الخادم المنزلي إلى هذا العنوان، ثم سجّل الدخول باسم المستخدم وكلمة المرور في natter، أو بتسجيل الدخول الموحّد.
matrixapps-matrix-id = معرّف Matrix
matrixapps-not-https = تُقدَّم هذه الصفحة عبر http غير مشفّر، لذا لا يستطيع Element X وNeoChat تسجيل الدخول هنا بعد: اطلب من أحد المسؤولين تقديم natter عبر https.
matrixapps-use-natter-in-an-app = استخدام natter في تطبيق
matrixapps-what-each-app-needs = ما يحتاجه كل تطبيق
matrixsso-an-app-asks = يطلب تطبيق تسجيل الدخول إلى natter باسم { $name } (@{ $username }).
matrixsso-an-app-asks-username = يطلب تطبيق تسجيل الدخول إلى natter باسم @{ $username }.
matrixsso-an-app-at-origin-asks = يطلب تطبيق على { $origin } تسجيل الدخول إلى natter باسم { $name } (@{ $username }).
matrixsso-an-app-at-origin-asks-username = يطلب تطبيق على { $origin } تسجيل الدخول إلى natter باسم @{ $username }.
matrixsso-cancel = إلغاء
matrixsso-continue = متابعة
matrixsso-continue-only-if-you-started = لا تتابع إلا إذا كنت أنت من بدأ تسجيل الدخول هذا في ذلك التطبيق. سيتمكن التطبيق بعدها من قراءة الرسائل وإرسالها باسمك.
matrixsso-continue-only-if-you-trust = لا تتابع إلا إذا كنت أنت من بدأ تسجيل الدخول هذا في تطبيق تثق به، وتتوقع أن تُعاد إلى { $place }. يمكن لأي شخص أن يسمّي تطبيقه بأي اسم، حتى «Element»: لا يتحقق natter من الأسماء. سيتمكن التطبيق بعدها من قراءة الرسائل وإرسالها باسمك.
matrixsso-open-natter = افتح natter
matrixsso-registered-here = سُجّل هنا
matrixsso-registered-less-than-a-day = سُجّل هذا التطبيق هنا { $when }، أي قبل أقل من يوم. التطبيق الذي تستخدمه منذ مدة سُجّل قبل ذلك بكثير: إن لم تكن قد أضفت هذا التطبيق بنفسك للتو، فقد يكون أحدهم يحاول تمرير تطبيقه على أنه تطبيق آخر.
matrixsso-sends-you-back-to = تُعاد إلى
matrixsso-sign-in-to-an-app = تسجيل الدخول إلى تطبيق
matrixsso-the-name-the-app-gives = الاسم الذي يطلقه التطبيق على نفسه (لم يُتحقق منه)
matrixsso-the-server-did-not-say = لم يحدّد الخادم إلى أين يرسلك. حاول مرة أخرى.
matrixsso-the-website-the-app-names = الموقع الذي يذكره التطبيق (لم يُتحقق منه)
matrixsso-this-sign-in-has-ended = انتهى تسجيل الدخول هذا أو سبق السماح به. ابدأه من جديد من التطبيق.
matrixsso-you-are-sent-back-to = تجري إعادتك إلى التطبيق ليُكمل تسجيل دخولك. يمكنك إغلاق هذه الصفحة، أو فتح natter هنا.
media-this-browser-cannot-use-a = لا يستطيع هذا المتصفح استخدام الميكروفون أو الكاميرا هنا (يلزم اتصال آمن).
media-your-camera-is-not-available = الكاميرا غير متاحة؛ أنت في المكالمة بالصوت فقط.
media-your-microphone-and-camera-are = الميكروفون والكاميرا غير متاحين؛ لن يسمعك الآخرون أو يروك.
mentionpicker-group-notifies = المجموعة: { $name }، { $n ->
    [zero] لا أعضاء
    [one] شخص واحد
    [two] شخصان
    [few] { $n } أشخاص
    [many] { $n } شخصًا
   *[other] { $n } شخص
  }؛ تنبّه من هم في هذه الدردشة
mentionpicker-notifies-everyone-in-this-chat = تنبّه كل من كان نشطًا في هذه الدردشة خلال آخر 5 دقائق
mentionpicker-notifies-everyone-in-this-chat-2 = تنبّه الجميع في هذه الدردشة
mentionpicker-people-in-this-chat = الأشخاص في هذه الدردشة
mentions-chat-chat-id = دردشة { $chat_id }
mentions-could-not-list-more-mentions = تعذّر عرض المزيد من الإشارات: { $message }
mentions-could-not-list-your-mentions = تعذّر عرض إشاراتك: { $message }
mentions-could-not-mark-them-read = تعذّر وضع علامة مقروءة عليها: { $message }
mentions-group-of = { $name }: { $n ->
    [zero] مجموعة بلا أعضاء
    [one] مجموعة من شخص واحد
    [two] مجموعة من شخصين
    [few] مجموعة من { $n } أشخاص
    [many] مجموعة من { $n } شخصًا
   *[other] مجموعة من { $n } شخص
  }
mentions-load-more = تحميل المزيد
mentions-loading = جارٍ التحميل…
mentions-mark-all-read = وضع علامة مقروءة على الكل
mentions-mentions = الإشارات
mentions-messages-that-mention-you = الرسائل التي تشير إليك
mentions-n-unread = { $n ->
    [zero] لا إشارات غير مقروءة
    [one] إشارة واحدة غير مقروءة
    [two] إشارتان غير مقروءتين
    [few] { $n } إشارات غير مقروءة
    [many] { $n } إشارة غير مقروءة
   *[other] { $n } إشارة غير مقروءة
  }
mentions-nobody-has-mentioned-you-yet = لم يُشر إليك أحد بعد.
mentions-open-the-thread = فتح السلسلة
mentions-reply = رد
mentions-reply-in-a-thread = الرد في سلسلة
message-a-bot-its-messages-are = بوت: يرسل رسائله برنامج
message-a-message-cannot-be-empty = لا يمكن أن تكون الرسالة فارغة. احذفها بدلًا من ذلك.
message-bot = بوت
message-cancel = إلغاء
message-delete = حذف
message-delete-as-administrator = حذف بصفتك مسؤولًا
message-edit = تعديل
message-edit-message = تعديل الرسالة
message-edited = (معدّلة)
message-escape-closes = Escape للإغلاق
message-heart = قلب
message-laughing = ضحك
message-more = المزيد…
message-more-reactions = المزيد من التفاعلات
message-pick-a-reaction = اختر تفاعلًا
message-react = تفاعل
message-react-with-name = التفاعل بـ{ $name }
message-reply = رد
message-reply-in-thread = الرد في سلسلة
message-sad = حزن
message-save = حفظ
message-seen-by = شاهدها { $names }
message-seen-by-n-more = { $n ->
    [zero] لا أحد آخر
    [one] شخص آخر
    [two] شخصان آخران
    [few] { $n } أشخاص آخرين
    [many] { $n } شخصًا آخر
   *[other] { $n } شخص آخر
  }
message-sent = أُرسلت
message-surprised = دهشة
message-thumbs-up = إعجاب
message-you = أنت
message-you-joined = انضممت
message-name-joined = انضم { $name }
message-party = احتفال
message-reaction-count = { $emoji } { $count }
message-reaction-count-names = { $emoji } { $count }: { $names }
messagelinks-sent-a-file = أرسل ملفًا
missedmail-1-hour = ساعة واحدة
missedmail-10-minutes = 10 دقائق
missedmail-after = بعد{" "}
missedmail-could-not-save-it-message = تعذّر الحفظ: { $message }
missedmail-email-me-about-mentions-and = راسلني بالبريد عن الإشارات والرسائل المباشرة التي تفوتني
missedmail-hours = { $n ->
    [zero] { $n } ساعة
    [one] ساعة واحدة
    [two] ساعتين
    [few] { $n } ساعات
    [many] { $n } ساعة
   *[other] { $n } ساعة
  }
missedmail-mail-about-what-you-miss = بريد عمّا يفوتك
missedmail-minutes = { $n ->
    [zero] { $n } دقيقة
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $n } دقائق
    [many] { $n } دقيقة
   *[other] { $n } دقيقة
  }
missedmail-saved-mail-after-spoken = حُفظ: بريد بعد { $spoken }.
missedmail-saved-no-mail-about-what = حُفظ: لا بريد عمّا يفوتك.
missedmail-saved-you-get-a-mail = حُفظ: يصلك بريد عمّا يفوتك.
missedmail-seconds = { $n ->
    [zero] { $n } ثانية
    [one] ثانية واحدة
    [two] ثانيتين
    [few] { $n } ثوانٍ
    [many] { $n } ثانية
   *[other] { $n } ثانية
  }
missedmail-sent-to-your-email-address = يُرسل إلى عنوان بريدك عندما تبقى إشارة أو رسالة مباشرة غير مقروءة بعد { $after }؛ بريد واحد على الأكثر كل { $after }.
missedmail-spoken-the-server-s-setting = { $spoken } (إعداد الخادم)
msgmore-copy-link = نسخ الرابط
msgmore-link-copied = نُسخ الرابط
msgmore-link-to-this-message = رابط هذه الرسالة
msgmore-message-link = رابط الرسالة
msgmore-more-actions = المزيد من الإجراءات
msgmore-people-in-this-chat-who = يرى الرسالة من يفتحه من أعضاء هذه الدردشة؛ ويُبلَّغ غيرهم أنها غير متاحة.
msgmore-pin-to-this-chat = تثبيت في هذه الدردشة
msgmore-pinned = مثبّتة
msgmore-save-for-later = حفظ لوقت لاحق
msgmore-unpin-from-this-chat = إلغاء التثبيت من هذه الدردشة
msgsearch-also-after-on = وأيضًا after: وon:
msgsearch-chat = الدردشة
msgsearch-image-link-reaction-pin = image وlink وreaction وpin
msgsearch-in-a-direct-chat = في دردشة مباشرة
msgsearch-in-a-room = في غرفة
msgsearch-messages = الرسائل
msgsearch-no-messages-found = لم يُعثر على رسائل
msgsearch-or-is-saved = أو is:saved
msgsearch-people = الأشخاص
msgsearch-rooms = الغرف
msgsearch-search-messages = البحث في الرسائل
msgsearch-search-messages-2 = البحث في الرسائل ( / )
msgsearch-search-operators = عوامل البحث
msgsearch-sent-by = أرسلها
msgsearch-without-it = بدونها
msgsearch-you = أنت
newmessage-add-at-least-one-person = أضف شخصًا واحدًا على الأقل.
newmessage-could-not-open-the-chat = تعذّر فتح الدردشة: { $message }
newmessage-new-message = رسالة جديدة
newmessage-one-person-your-direct-chat = شخص واحد: دردشتك المباشرة معه. عدة أشخاص: مجموعة تضمكم جميعًا، مسمّاة بأسماء أعضائها.
newmessage-open-chat = فتح الدردشة
newmessage-open-group-of-value = فتح مجموعة { $value }
newmessage-remove-username = إزالة { $userName }
newmessage-to = إلى
newmessage-to-a-name-or-username = إلى: اسم أو اسم مستخدم
notice-you-were-signed-out-sign = سُجّل خروجك. سجّل الدخول مجددًا للمتابعة.
notify-notifications-are-blocked-for-this = الإشعارات محظورة لهذا الموقع. لإلغاء حظرها، افتح إعدادات الموقع{" "}
notify-push-unavailable-in-this-browser = الإشعارات الفورية غير متاحة في هذا المتصفح: { $missing }.
notify-pushes-arrive-even-with-natter = تصل الإشعارات الفورية حتى وnatter مغلق.
notify-subscribing-this-browser-to-pushes = جارٍ اشتراك هذا المتصفح في الإشعارات الفورية…
notify-the-icon-left-of-the = (الرمز بجانب العنوان)، واسمح بالإشعارات، ثم أعد تحميل الصفحة.
notify-this-browser-cannot-show-notifications = لا يستطيع هذا المتصفح عرض الإشعارات.
notifylevel-could-not-change-it-message = تعذّر التغيير: { $message }
notifylevel-default-value = الافتراضي ({ $value })
notifylevel-notify-me = نبّهني بـ
notifylevel-saved-value = حُفظ: { $value }.
notifylevel-saving = جارٍ الحفظ…
notifyprompt-get-notified-of-new-messages = هل تريد إشعارًا بالرسائل الجديدة حين يكون natter في الخلفية؟ يمكنك تغيير ذلك لاحقًا من الجرس في الأعلى.
notifyprompt-not-now = ليس الآن
notifyprompt-turn-on-notifications = تفعيل الإشعارات
notifysettings-allowed-you-are-notified-of = مسموحة: تصلك إشعارات برسائل الدردشات التي لا تنظر إليها.
notifysettings-blocked-blocked = محظورة. { $BLOCKED }
notifysettings-each-chat-s-details-say = تذكر تفاصيل كل دردشة بماذا تنبّهك: كل الرسائل، أو الإشارات فقط، أو لا شيء.
notifysettings-notifications-on-this-device = الإشعارات على هذا الجهاز
notifysettings-off-allowed-by-the-browser = متوقفة (يسمح بها المتصفح).
notifysettings-off-turn-them-on-and = متوقفة. فعّلها وسيطلب المتصفح إذنك.
notifysettings-turn-off = إيقاف
notifysettings-turn-on = تفعيل
notifysettings-unsupported-this-browser-cannot-show = غير مدعومة: لا يستطيع هذا المتصفح عرض الإشعارات.
page-back-to-chats = العودة إلى الدردشات
page-copied = نُسخ.
page-copy = نسخ
page-copy-label = نسخ { $label }
page-could-not-list-more-what = { $what ->
    [people] تعذّر عرض المزيد من الأشخاص: { $message }
    [chats] تعذّر عرض المزيد من المجموعات والغرف: { $message }
    [audit] تعذّر عرض الإدخالات الأقدم: { $message }
   *[other] تعذّر عرض المزيد: { $message }
  }
page-could-not-list-what-message = { $what ->
    [people] تعذّر عرض الأشخاص: { $message }
    [chats] تعذّر عرض المجموعات والغرف: { $message }
   *[other] تعذّر عرض القائمة: { $message }
  }
page-link-to-send = رابط للإرسال
page-search = بحث
page-selected-press-ctrl-c-or = حُدّد: اضغط Ctrl+C (أو ⌘C) للنسخ.
page-action-on-whom = { $action }: { $whom }
people-administrator = مسؤول
people-could-not-open-the-chat = تعذّر فتح الدردشة: { $message }
people-everyone-here = الجميع هنا
people-everyone-on-this-server-message = كل من على هذا الخادم. «رسالة» تفتح دردشتك المباشرة معه.
people-in-quiet-hours-no-notifications = في ساعات الهدوء: بلا إشعارات الآن
people-last-seen-relativetime = آخر ظهور { $relativeTime }
people-local-time-local-time = { $local_time } بالتوقيت المحلي
people-message = رسالة
people-message-name = مراسلة { $name }
people-more-people = المزيد من الأشخاص
people-name = الاسم
people-nobody-matches = لا أحد مطابق.
people-not-seen-yet = لم يظهر بعد
people-people = الأشخاص
people-people-everyone-on-this-server = الأشخاص: كل من على هذا الخادم
people-quiet-hours = ساعات الهدوء
people-search-people-by-name = البحث عن أشخاص بالاسم
people-you = أنت
pins-could-not-list-the-pinned = تعذّر عرض الرسائل المثبّتة: { $message }
pins-loading = جارٍ التحميل…
pins-nothing-is-pinned-here-yet = لا شيء مثبّت هنا بعد. ثبّت رسالة من قائمتها.
pins-pinned-by-username = ثبّتها { $userName }
# The number stays in every form: the button shows it, and its name must hold it.
pins-pinned-count = الرسائل المثبّتة: { $n }
pins-pinned-messages = الرسائل المثبّتة
pins-sent-a-file = أرسل ملفًا
profile-choose-an-image = اختر صورة
profile-choose-an-image-file-png = اختر ملف صورة (PNG أو JPEG أو GIF أو WebP).
profile-could-not-remove-the-picture = تعذّرت إزالة الصورة: { $message }
profile-could-not-save-the-picture = تعذّر حفظ الصورة: { $message }
profile-display-name = الاسم المعروض
profile-picture = الصورة
profile-picture-removed = أُزيلت الصورة.
profile-picture-saved = حُفظت الصورة.
profile-remove-picture = إزالة الصورة
profile-save-name = حفظ الاسم
profile-saved-others-now-see-you = حُفظ. يراك الآخرون الآن باسم { $userName }.
profile-shown-to-others-instead-of = يُعرض للآخرين بدلًا من @{ $username }.
profile-the-server-did-not-name = لم يسمِّ الخادم الملف المرفوع
profile-uploading = جارٍ الرفع…
profile-your-profile = ملفك الشخصي
providers-accounts-elsewhere-that-sign-you = حسابات في أماكن أخرى تسجّل دخولك هنا.
providers-could-not-load-your-sign = تعذّر تحميل مزوّدي تسجيل الدخول: { $message }
providers-it-cannot-be-reached-right = لا يمكن الوصول إليه الآن؛ حاول مجددًا بعد دقيقة.
providers-label-is-unavailable = { $label } غير متاح
providers-label-unlinked = تم إلغاء ربط { $label }.
providers-link-label = ربط { $label }
providers-or-with-your-username-and = أو باسم المستخدم وكلمة المرور:
providers-set-a-password-or-link = عيّن كلمة مرور أو اربط مزوّدًا آخر أولًا.
providers-sign-in-providers = مزوّدو تسجيل الدخول
providers-sign-in-with-label = تسجيل الدخول عبر { $label }
providers-unlink = إلغاء الربط
providers-cancel = إلغاء
providers-code-from-the-app = رمز من التطبيق (أو رمز استرداد)
providers-confirm-to-link = لربط { $label }، أكّد أنك أنت.
providers-continue-to-label = المتابعة إلى { $label }
providers-current-password = كلمة المرور الحالية
providers-enter-your-password-or = أدخل كلمة مرورك أو رمزًا.
providers-or-a-code = أو رمز من التطبيق (أو رمز استرداد)
providers-recent-sign-in-links = ليس لحسابك كلمة مرور: ربط { $label } يتطلب تسجيل دخول لم يمضِ عليه أكثر من 10 دقائق.
pushsub-its-push-service-did-not = لم تجب خدمة الإشعارات الفورية
pushsub-no-notifications = لا إشعارات
pushsub-no-push-api = لا واجهة Push
pushsub-no-service-workers = لا Service Workers
pushsub-push-unavailable-in-this-browser = الإشعارات الفورية غير متاحة في هذا المتصفح: { $missing }.
pushsub-push-unavailable-in-this-browser-2 = الإشعارات الفورية غير متاحة في هذا المتصفح: تعذّر تشغيل Service Worker.
pushsub-push-unavailable-in-this-browser-3 = الإشعارات الفورية غير متاحة في هذا المتصفح: { $value }.
pushsub-push-unavailable-message = الإشعارات الفورية غير متاحة: { $message }
pushsub-push-unavailable-on-this-server = الإشعارات الفورية غير متاحة على هذا الخادم.
pushsub-push-unavailable-the-server-refused = الإشعارات الفورية غير متاحة: رفض الخادم الاشتراك ({ $message })
quietsettings-1-hour = ساعة واحدة
quietsettings-2-hours = ساعتان
quietsettings-24-hours = 24 ساعة
quietsettings-30-minutes = 30 دقيقة
quietsettings-8-hours = 8 ساعات
quietsettings-friday = الجمعة
quietsettings-label-quiet-from = { $label }: الهدوء من
quietsettings-label-quiet-until = { $label }: الهدوء حتى
quietsettings-monday = الاثنين
quietsettings-notifications-are-back-on = عادت الإشعارات.
quietsettings-notifications-paused-until = الإشعارات موقوفة مؤقتًا حتى { $until }.
quietsettings-pause-for = إيقاف مؤقت لمدة
quietsettings-pause-notifications = إيقاف الإشعارات مؤقتًا
quietsettings-quiet-hours = ساعات الهدوء
quietsettings-quiet-hours-could-not-be = تعذّرت قراءة ساعات الهدوء.
quietsettings-quiet-hours-saved = حُفظت ساعات الهدوء.
quietsettings-quiet-on = الهدوء في
quietsettings-resume-notifications = استئناف الإشعارات
quietsettings-saturday = السبت
quietsettings-save-quiet-hours = حفظ ساعات الهدوء
quietsettings-sunday = الأحد
quietsettings-thursday = الخميس
quietsettings-time-zone = المنطقة الزمنية
quietsettings-tuesday = الثلاثاء
quietsettings-wednesday = الأربعاء
quietsettings-while-quiet-no-push-mail = في ساعات الهدوء لا تصلك إشعارات فورية ولا بريد ولا رنين. تصل الرسائل مع ذلك وتُحسب غير مقروءة؛ ويرى الآخرون أنك في ساعات الهدوء.
quietsettings-you-are-in-quiet-hours = أنت الآن في ساعات الهدوء: لا تصلك إشعارات فورية ولا بريد ولا رنين.
quietsettings-zone-example = Africa/Cairo
readplace-jump-to-first-unread = الانتقال إلى أول غير مقروءة
readplace-new-below = { $n ->
    [zero] لا رسائل جديدة في الأسفل
    [one] رسالة جديدة واحدة في الأسفل
    [two] رسالتان جديدتان في الأسفل
    [few] { $n } رسائل جديدة في الأسفل
    [many] { $n } رسالة جديدة في الأسفل
   *[other] { $n } رسالة جديدة في الأسفل
  }
replybar-cancel-the-reply-escape = إلغاء الرد (Escape)
replybar-replying-to = ردًا على{" "}
replybar-yourself = نفسك
replyquote-a-message = رسالة
replyquote-in-reply-to = ردًا على { $name }: { $excerpt }. عرض الأصل
replyquote-show-the-original-message = عرض الرسالة الأصلية
reset-choose-a-new-password = اختر كلمة مرور جديدة
reset-new-password = كلمة المرور الجديدة
reset-set-password = تعيين كلمة المرور
reset-sign-in-instead = تسجيل الدخول بدلًا من ذلك
reset-the-same-password-again = كلمة المرور نفسها مرة أخرى
reset-use-at-least-8-characters = استخدم 8 أحرف على الأقل. تنتهي جلساتك في كل مكان آخر عند تعيينها.
ringing-answer = رد
ringing-caller-is-calling-you = { $caller } يتصل بك
ringing-caller-started-a-call-in = بدأ { $caller } مكالمة في { $chatTitle }
ringing-decline = رفض
ringing-incoming-call = مكالمة واردة
rooms-could-not-load-rooms-message = تعذّر تحميل الغرف: { $message }
rooms-create-room = إنشاء غرفة
rooms-description-optional = الوصف (اختياري)
rooms-full = ممتلئة
rooms-give-the-room-a-name = أعطِ الغرفة اسمًا.
rooms-join = انضمام
rooms-join-a-room = الانضمام إلى غرفة
rooms-loading-rooms = جارٍ تحميل الغرف…
rooms-members = { $n ->
    [zero] لا أعضاء
    [one] عضو واحد
    [two] عضوان
    [few] { $n } أعضاء
    [many] { $n } عضوًا
   *[other] { $n } عضو
  }
rooms-more-rooms = المزيد من الغرف
rooms-new-room-name = اسم الغرفة الجديدة
rooms-no-public-rooms-yet = لا توجد غرف عامة بعد.
rooms-open = فتح
rooms-or-start-one = أو أنشئ واحدة
rooms-private = {" "}· خاصة
rooms-rooms = الغرف
rooms-you-are-in-it = {" "}· أنت فيها
roomsettings-archive-kind = أرشفة { $kind ->
    [group] المجموعة
    [room] الغرفة
   *[other] الدردشة
  }
roomsettings-archived-it-is-read-only = بعد الأرشفة تصبح للقراءة فقط للجميع.
roomsettings-archived-read-only-for-everyone = مؤرشفة: للقراءة فقط للجميع.
roomsettings-could-not-archive = تعذّرت الأرشفة: { $message }
roomsettings-could-not-unarchive = تعذّر إلغاء الأرشفة: { $message }
roomsettings-purpose = الغرض
roomsettings-save-topic-and-purpose = حفظ الموضوع والغرض
roomsettings-topic-shown-under-the-name = الموضوع (يظهر تحت الاسم؛ ويُبلَّغ الجميع)
roomsettings-unarchive-kind = إلغاء أرشفة { $kind ->
    [group] المجموعة
    [room] الغرفة
   *[other] الدردشة
  }
saved-a-chat = دردشة
saved-could-not-list-more = تعذّر عرض المزيد من الرسائل المحفوظة: { $message }
saved-more-saved-messages = المزيد من الرسائل المحفوظة
saved-at-a-time-i-choose = في وقت أختاره…
saved-change-reminder = تغيير التذكير
saved-choose-a-day-and-a = اختر يومًا ووقتًا.
saved-could-not-list-your-saved = تعذّر عرض رسائلك المحفوظة: { $message }
saved-could-not-remove-it-message = تعذّرت الإزالة: { $message }
saved-in-1-hour = بعد ساعة
saved-in-20-minutes = بعد 20 دقيقة
saved-in-3-hours = بعد 3 ساعات
saved-loading = جارٍ التحميل…
saved-no-reminder = بلا تذكير
saved-nothing-saved-save-a-message = لا شيء محفوظ. احفظ رسالة من قائمتها لتجدها هنا.
saved-only-you-see-your-saved = لا يرى رسائلك المحفوظة غيرك: تجدها في المحفوظات.
saved-remind-me = ذكّرني
saved-reminded-longtime = أُرسل التذكير: { $longTime }
saved-reminder = تذكير
saved-reminder-longtime = تذكير: { $longTime }
saved-reminder-of = تذكير: { $name }: { $words }
saved-reminder-time = وقت التذكير
saved-remove = إزالة
saved-save = حفظ
saved-save-for-later = حفظ لوقت لاحق
saved-saved = المحفوظات
saved-saved-messages = الرسائل المحفوظة
saved-sent-a-file = أرسل ملفًا
saved-this-message-is-not-available = هذه الرسالة غير متاحة: لم تعد في دردشتها، أو حُذفت.
saved-tomorrow-at-9-00 = غدًا الساعة 9:00
sendlater-a-chat-you-left = دردشة غادرتها
sendlater-dismiss = تجاهل
sendlater-failed-refused = رُفضت
sendlater-failed-note = لم تُرسل رسالة مجدولة: { $why }
sendlater-a-direct-chat = دردشة مباشرة
sendlater-cancel-sending = إلغاء الإرسال
sendlater-cancelled = أُلغيت
sendlater-date-and-time = التاريخ والوقت
sendlater-edit = تعديل
sendlater-message = الرسالة
sendlater-monday-at-9-00 = الاثنين الساعة 9:00
sendlater-not-scheduled-why = لم تُجدول: { $why }
sendlater-not-sent = لم تُرسل: { $why }
sendlater-nothing-scheduled = لا شيء مجدول.
sendlater-refused = رُفضت
sendlater-save = حفظ
sendlater-schedule-at-this-time = الجدولة في هذا الوقت
sendlater-scheduled-for-shown = جُدولت في { $shown }.
sendlater-scheduled-messages = الرسائل المجدولة…
sendlater-scheduled-messages-2 = الرسائل المجدولة
sendlater-send-later = إرسال لاحقًا
sendlater-sends-shown = تُرسل { $shown }
sendlater-sent-shown = أُرسلت { $shown }
sendlater-state-in-where = { $state } · في { $where }
sendlater-tomorrow-at-9-00 = غدًا الساعة 9:00
sendlater-write-the-message-first-then = اكتب الرسالة أولًا، ثم اختر متى تُرسل.
sessions-an-app-or-script-signed = تطبيق أو برنامج نصي، مسجّل الدخول بمفتاح
sessions-matrix-app = تطبيق Matrix: { $name }
sessions-could-not-end-it-message = تعذّر الإنهاء: { $message }
sessions-could-not-list-your-sign = تعذّر عرض تسجيلات دخولك: { $message }
sessions-end-button = إنهاء
sessions-end-label = إنهاء { $kind ->
    [session] جلسة متصفح الويب
    [token] جلسة التطبيق أو البرنامج النصي المسجّل بمفتاح
   *[other] تسجيل الدخول
  }، { $when }
sessions-sign-in = تسجيل الدخول
sessions-sign-in-time-unknown = وقت تسجيل الدخول غير معروف
sessions-signed-in-longtime = سجّل الدخول { $longTime }
sessions-signed-out-there = سُجّل الخروج هناك.
sessions-this-browser = هذا المتصفح
sessions-web-browser = متصفح ويب
sessions-where-you-are-signed-in = أين سجّلت الدخول
signinerrors-label-cannot-be-reached-right = لا يمكن الوصول إلى { $label } الآن؛ حاول مجددًا بعد دقيقة.
signinerrors-label-did-not-accept-the = لم يقبل { $label } رمز تسجيل الدخول (ربما انتهت صلاحيته أو استُخدم)؛ ابدأ من جديد.
signinerrors-label-refused-the-sign-in = رفض { $label } تسجيل الدخول.
signinerrors-label-s-answer-could-not = تعذّر التحقق من رد { $label }، لذا لم يسجّل natter دخولك.
signinerrors-sign-in-again-then-link = سجّل الدخول مجددًا، ثم اربط المزوّد.
signinerrors-sign-in-first-then-link = سجّل الدخول أولًا، ثم اربط المزوّد من صفحة حسابك.
signinerrors-sign-in-with-label-was = أُلغي تسجيل الدخول عبر { $label }.
signinerrors-signing-in-failed-try-again = فشل تسجيل الدخول؛ حاول مجددًا.
signinerrors-that-invitation-is-invalid-used = تلك الدعوة غير صالحة أو مستنفدة أو منتهية.
signinerrors-that-label-account-is-already = حساب { $label } ذلك مرتبط بالفعل بحساب آخر هنا.
signinerrors-that-sign-in-link-has = انتهت صلاحية رابط تسجيل الدخول ذلك أو لم يبدأ في هذا المتصفح؛ ابدأ من جديد.
signinerrors-that-sign-in-provider-is = مزوّد تسجيل الدخول ذلك غير مُعدّ هنا.
signinerrors-this-account-is-deactivated = هذا الحساب معطّل.
signinerrors-too-many-unfinished-sign-ins = تسجيلات دخول غير مكتملة كثيرة جدًا من شبكتك؛ حاول مجددًا بعد دقيقة.
signinerrors-your-account-already-has-a = حسابك مرتبط بالفعل بحساب { $label }؛ ألغِ ربطه أولًا.
signinerrors-your-label-account-is-not = حساب { $label } الخاص بك غير مرتبط بحساب هنا، وينشئ الحسابات الجديدة مسؤول.
signinerrors-your-label-account-is-not-2 = حساب { $label } الخاص بك غير مرتبط بحساب هنا. افتح رابط دعوتك أولًا، أو سجّل الدخول بكلمة مرورك واربط { $label } من صفحة حسابك.
signinerrors-your-sign-in-provider = مزوّد تسجيل الدخول الخاص بك
statuses-in-a-call = في مكالمة
statuses-status-words = الحالة: { $words }
statuspicker-1-hour = ساعة واحدة
statuspicker-30-minutes = 30 دقيقة
statuspicker-appear-away = الظهور بمظهر الغائب
statuspicker-choose-a-date = اختر تاريخًا
statuspicker-clear-after = المسح بعد
statuspicker-clear-on-this-date = المسح في هذا التاريخ
statuspicker-clear-status = مسح الحالة
statuspicker-commuting = في الطريق
statuspicker-don-t-clear = عدم المسح
statuspicker-emoji = رمز تعبيري
statuspicker-in-a-meeting = في اجتماع
statuspicker-on-holiday = في إجازة
statuspicker-out-sick = في إجازة مرضية
statuspicker-save = حفظ
statuspicker-set-a-status = تعيين حالة
statuspicker-status = الحالة
statuspicker-suggestions = اقتراحات
statuspicker-this-week = هذا الأسبوع
statuspicker-today = اليوم
statuspicker-what-s-your-status = ما حالتك؟
statuspicker-working-remotely = أعمل عن بُعد
text-file-1 = ملف: $1
text-an-encrypted-message-open-it = رسالة مشفّرة: افتحها في تطبيق Matrix لقراءتها.
text-removed-by-an-administrator = أُزيلت بواسطة مسؤول
thread-also-send = الإرسال أيضًا إلى { $title }
thread-also-send-room = الإرسال أيضًا إلى #{ $title }
thread-also-send-to-the-chat = الإرسال أيضًا إلى الدردشة
thread-be-told-of-new-replies = إبلاغي بالردود الجديدة في هذه السلسلة
thread-close-the-thread = إغلاق السلسلة
thread-could-not-change-following-message = تعذّر تغيير المتابعة: { $message }
thread-could-not-load-older-replies = تعذّر تحميل الردود الأقدم: { $message }
thread-could-not-load-the-thread = تعذّر تحميل السلسلة: { $message }
thread-first-message = الرسالة الأولى
thread-follow = متابعة
thread-following = متابَعة
thread-following-this-thread = تتابع هذه السلسلة
thread-loading-the-thread = جارٍ تحميل السلسلة…
thread-no-longer-following-this-thread = لم تعد تتابع هذه السلسلة
thread-no-replies-yet-start-the = لا ردود بعد. ابدأ السلسلة في الأسفل.
thread-replies = { $n ->
    [zero] لا ردود
    [one] رد واحد
    [two] ردّان
    [few] { $n } ردود
    [many] { $n } ردًا
   *[other] { $n } رد
  }
thread-replies-label = الردود
thread-reply = رد…
thread-reply-in-thread = الرد في السلسلة
thread-show-older-replies = عرض الردود الأقدم
thread-the-first-message-of-this = حُذفت الرسالة الأولى في هذه السلسلة.
thread-this-thread-is-not-there = لم تعد هذه السلسلة موجودة.
thread-thread = السلسلة
thread-you-are-told-of-new = تُبلَّغ بالردود الجديدة هنا. اضغط لإيقاف المتابعة
threads-a-chat = دردشة
threads-could-not-list-more-threads = تعذّر عرض المزيد من السلاسل: { $message }
threads-could-not-list-your-threads = تعذّر عرض سلاسلك: { $message }
threads-load-more = تحميل المزيد
threads-loading = جارٍ التحميل…
threads-the-first-message-was-deleted = حُذفت الرسالة الأولى.
threads-threads = السلاسل
threads-threads-you-follow = السلاسل التي تتابعها
threads-unread-label = السلاسل، { $n ->
    [zero] لا ردود غير مقروءة
    [one] رد واحد غير مقروء
    [two] ردّان غير مقروءين
    [few] { $n } ردود غير مقروءة
    [many] { $n } ردًا غير مقروء
   *[other] { $n } رد غير مقروء
  }
threads-unread-replies = { $n ->
    [zero] لا ردود غير مقروءة
    [one] رد واحد غير مقروء
    [two] ردّان غير مقروءين
    [few] { $n } ردود غير مقروءة
    [many] { $n } ردًا غير مقروء
   *[other] { $n } رد غير مقروء
  }
threads-you-follow-no-thread-yet = لا تتابع أي سلسلة بعد. تُتابَع تلقائيًا السلاسل التي تبدؤها أو ترد فيها أو يُشار إليك فيها، وكل سلسلة تضغط فيها «متابعة».
threadsummary-from = {" "}من { $names }
threadsummary-open-the-thread = افتح سلسلة الرسائل
threadsummary-last-reply-relativetime = آخر رد { $relativeTime }
time-just-now = الآن
time-today = اليوم
time-yesterday = أمس
topicline-you-set-the-topic = عيّنت الموضوع: { $topic }
topicline-name-set-the-topic = عيّن { $name } الموضوع: { $topic }
topicline-you-cleared-the-topic = مسحت الموضوع
topicline-name-cleared-the-topic = مسح { $name } الموضوع
twofactor-administrators-of-this-server-must = يجب على مسؤولي هذا الخادم تفعيل ذلك قبل استخدام صفحة الإدارة.
twofactor-after-your-password-natter-also = بعد كلمة المرور، يطلب natter أيضًا رمزًا من تطبيق مصادقة على هاتفك{" "}
twofactor-code-from-the-app = الرمز من التطبيق
twofactor-code-from-the-app-or = الرمز من التطبيق (أو رمز استرداد)
twofactor-copied = نُسخ.
twofactor-copy = نسخ
twofactor-could-not-load-two-factor = تعذّر تحميل تسجيل الدخول بخطوتين: { $message }
twofactor-current-password = كلمة المرور الحالية
twofactor-download = تنزيل
twofactor-downloaded = نُزّل.
twofactor-each-code-signs-you-in = يسجّل كل رمز دخولك مرة واحدة، بدلًا من رمز تطبيق المصادقة.
twofactor-enter-a-code = أدخل رمزًا.
twofactor-enter-the-code-the-app = أدخل الرمز الذي يعرضه التطبيق.
twofactor-enter-your-current-password = أدخل كلمة مرورك الحالية.
twofactor-google-authenticator-authy-1password-freeotp = (Google Authenticator أو Authy أو 1Password أو FreeOTP…)، فلا تكفي كلمة مرور مسروقة.
twofactor-i-have-kept-them = احتفظت بها
twofactor-if-you-lose-your-phone = إذا فقدت هاتفك. لن تُعرض مرة أخرى.
twofactor-keep-these-recovery-codes-somewhere = احفظ رموز الاسترداد هذه في مكان آمن. يسجّل كل منها دخولك مرة واحدة بدلًا من رمز،{" "}
twofactor-keep-this-file-somewhere-safe = احفظ هذا الملف في مكان آمن بعيدًا عن هاتفك.
twofactor-key = المفتاح:{" "}
twofactor-natter-recovery-codes-for-host = رموز استرداد natter لـ { $host }
twofactor-off = متوقف.
twofactor-on = مفعّل.
twofactor-on-codes-left = مفعّل. { $n ->
    [zero] لم يبقَ أي رمز استرداد
    [one] بقي رمز استرداد واحد
    [two] بقي رمزا استرداد
    [few] بقيت { $n } رموز استرداد
    [many] بقي { $n } رمز استرداد
   *[other] بقي { $n } رمز استرداد
  }.
twofactor-qr-code-for-your-authenticator = رمز QR لتطبيق المصادقة
twofactor-scan-this-with-your-authenticator = امسح هذا بتطبيق المصادقة، أو اكتب المفتاح أدناه فيه، ثم أدخل الرمز الذي يعرضه.
twofactor-selected-press-ctrl-c-or = حُدّد: اضغط Ctrl+C (أو ⌘C) للنسخ.
twofactor-set-up-two-factor-sign = إعداد تسجيل الدخول بخطوتين
twofactor-turn-off = إيقاف
twofactor-turn-on = تفعيل
twofactor-two-factor-sign-in = تسجيل الدخول بخطوتين
viewer-close-escape = إغلاق (Escape)
viewer-download = تنزيل
viewer-download-2 = {" "}تنزيل
viewer-download-label = تنزيل { $label }
viewer-full-size = الحجم الكامل
viewer-image = صورة
viewer-next-image-right-arrow = الصورة التالية (السهم الأيمن)
viewer-position-of-count = { $position } من { $count }
viewer-previous-image-left-arrow = الصورة السابقة (السهم الأيسر)
viewer-this-image-could-not-be = تعذّر عرض هذه الصورة. جرّب رابط التنزيل.
whojoins-to-admit-people-by-invitation = لقبول الأشخاص بالدعوة فقط، شغّل natter مع ‎--registration invite (NATTER_REGISTRATION=invite).
whojoins-to-admit-people-by-join = لقبول الأشخاص برابط انضمام، شغّل natter مع ‎--registration invite (NATTER_REGISTRATION=invite).
whojoins-to-let-anyone-in-start = للسماح لأي شخص بالدخول، شغّل natter مع ‎--registration open (NATTER_REGISTRATION=open).
languagesettings-title = اللغة
languagesettings-label = عرض natter بـ
languagesettings-browser = لغة المتصفح
languagesettings-hint = يُكتب بريد natter بها أيضًا. تبقى الرسائل كما كتبها أصحابها.
languagesettings-could-not-read = تعذّرت قراءة لغتك: { $message }
languagesettings-could-not-save = تعذّر حفظ اللغة: { $message }
accountpage-email-confirmed = تم تأكيد عنوان بريدك الإلكتروني.
accountpage-email-unconfirmed = عنوان بريدك الإلكتروني غير مؤكَّد: إلى أن تفتح الرابط المرسل إليه، لا يتلقى بريدًا عن الرسائل، ولا يطابقه أي استيراد أو مزوّد تسجيل دخول.
whojoins-open = مفتوح للجميع: يستطيع كل من يصل إلى عنوان هذا الخادم إنشاء حساب، برابط انضمام أو بدونه.
whojoins-invite = بالدعوة: لا يستطيع إنشاء حساب إلا من لديه رابط انضمام صالح.
whojoins-closed = مغلق: لا يستطيع أحد إنشاء حساب هنا، ولا حتى بروابط الانضمام؛ تُنشأ الحسابات عبر natter create-user.
formathelp-italic-syntax = {"*"}مائل* أو _مائل_
formathelp-code = شيفرة
formathelp-code-syntax = `شيفرة`
formathelp-block-syntax = ```  (الأسطر بينها)  ```
formathelp-link-syntax = {"["}نص](https://…)
formathelp-list-syntax = - عنصر  أو  1. عنصر
formathelp-quote-syntax = > اقتباس
statuses-away = غائب
dom-user-id = المستخدم { $id }
dom-value-b = { $value } بايت
adminaudit-person-id = الشخص { $id }
adminaudit-someone = شخص ما
adminpeople-stored = { $size } مخزّنة
attachments-image-id = صورة { $id }
attachments-media-id = { $kind ->
    [audio] مقطع صوتي { $id }
   *[other] فيديو { $id }
  }
attachments-file-id = ملف { $id }
attachments-file-kind = ملف
callrecord-seconds = { $s } ث
callrecord-minutes = { $m } د
mentions-to = إلى { $name }
mentions-to-you = إليك
mentions-unread = غير مقروءة
mentions-in = في { $where }
threads-unread = { $n } غير مقروءة
