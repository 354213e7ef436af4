# نصوص `detail` لأخطاء واجهة natter البرمجية الخاصة، بالعربية.
error-not-found = غير موجود.
error-server = حدث خطأ في الخادم.
error-unauthenticated = لم تُرسل بيانات الاعتماد.
error-invalid-token = رمز غير صالح.
error-too-large = نص الطلب كبير جدًا.
error-user-missing = المستخدم غير موجود.
error-not-member = المستخدم ليس عضوًا في هذه الدردشة.
error-no-room = لا توجد غرفة تطابق الطلب.
error-no-file = لا يوجد ملف يطابق الطلب.
error-file-content = محتوى الملف مفقود.
error-no-invitation = لا توجد دعوة تطابق الطلب.
error-no-session = لا توجد جلسة لك تطابق الطلب.
error-no-push = لا يوجد اشتراك إشعارات لك يطابق الطلب.
error-no-bot = لا يوجد بوت يطابق الطلب.
error-no-identity = لا يوجد مزوّد تسجيل دخول لك يطابق الطلب.
error-no-emoji = لا يوجد رمز تعبيري مخصص يطابق الطلب.
error-no-group = لا توجد مجموعة مستخدمين تطابق الطلب.
error-not-participant = لست مشاركًا في هذه الغرفة.
error-no-permission = ليست لديك صلاحية تنفيذ هذا الإجراء.
error-registration-closed = التسجيل مغلق على هذا الخادم: ينشئ المسؤول الحسابات.
error-invitation-needed = يتطلب التسجيل هنا دعوة: افتح رابط الانضمام الذي أعطاك إياه المسؤول.
error-invitation-unusable = لا يمكن استخدام هذه الدعوة: فهي غير معروفة أو مستنفدة أو منتهية أو ملغاة.
error-invitation-used-up = لا يمكن استخدام هذه الدعوة: فقد استُنفدت.
error-invitation-expired = لا يمكن استخدام هذه الدعوة: فقد انتهت صلاحيتها.
error-invitation-revoked = لا يمكن استخدام هذه الدعوة: فقد أُلغيت.
error-admins-only = لا يستطيع ذلك إلا المسؤولون.
error-admin-two-factor = فعّل تسجيل الدخول بخطوتين من صفحة حسابك قبل إدارة هذا الخادم.
error-archived = هذه الدردشة مؤرشفة: يمكن قراءتها، لكن لا يمكن لأحد النشر فيها.
error-provider-only = تُنشأ الحسابات هنا بتسجيل الدخول عبر مزوّد مؤسستك، لا بكلمة مرور.
error-add-to-direct = لا يمكن إضافة أعضاء إلى دردشة مباشرة.
error-remove-from-direct = لا يمكن إزالة أعضاء من دردشة مباشرة.
error-last-admin = هذا آخر مسؤول نشط: اجعل شخصًا آخر مسؤولًا أولًا.
error-own-account = لا يمكنك تعطيل حسابك أو تخفيض صلاحياته؛ اطلب ذلك من مسؤول آخر.
error-remove-direct = لا يمكن حذف دردشة مباشرة؛ احذف رسائلها بدلًا من ذلك.
error-archive-direct = لا يمكن أرشفة دردشة مباشرة؛ تُؤرشف المجموعات والغرف فقط.
error-deactivated = هذا الحساب معطّل: أعد تفعيله قبل إضافته إلى دردشة.
error-last-way-in = هذه طريقتك الوحيدة لتسجيل الدخول: عيّن كلمة مرور أو اربط مزوّدًا آخر أولًا.
error-room-full = بلغت الغرفة الحد الأقصى لعدد المشاركين.
error-message-empty = لا يمكن أن تكون الرسالة فارغة.
error-language = اختر واحدة من: en، de، es، pt-BR، ja، ar (أو null لاتباع المتصفح).

# كلمات النماذج والنقل وخانة البحث.
error-invalid-credentials = اسم المستخدم أو كلمة المرور غير صحيحة.
error-invalid-credentials-title = بيانات الدخول غير صحيحة
error-account-deactivated-title = الحساب معطَّل
error-account-inactive = هذا الحساب معطَّل.
error-user-inactive = هذا الحساب غير نشط
error-no-active-account = لا يوجد حساب نشط بهذه البيانات
error-token-expired = الرمز غير صالح أو منتهي الصلاحية
error-token-any-type = الرمز المقدَّم غير صالح لأي نوع من الرموز
error-username-taken = يوجد مستخدم بهذا الاسم بالفعل.
error-email-taken = يوجد مستخدم بهذا البريد الإلكتروني بالفعل.
error-wrong-password = كلمة المرور الحالية التي أدخلتها غير صحيحة.
error-no-mail-reset = لا يرسل هذا الخادم بريدًا: اطلب من أحد المسؤولين رابط إعادة تعيين.
error-no-mail-confirm = لا يرسل هذا الخادم بريدًا: اطلب من أحد المسؤولين تأكيده.
error-no-mail-copy = لا يرسل هذا الخادم بريدًا: انسخ الرابط بدلًا من ذلك.
error-give-login = أدخل اسم المستخدم أو عنوان بريدك الإلكتروني.
error-required = هذا الحقل مطلوب.
error-blank = لا يمكن ترك هذا الحقل فارغًا.
error-null = لا يمكن أن تكون قيمة هذا الحقل null.
error-too-long = يجب ألا يزيد هذا الحقل على { $max ->
        [zero] { $max } حرفًا
        [one] حرف واحد
        [two] حرفين
        [few] { $max } أحرف
       *[other] { $max } حرفًا
    }.
error-too-many-words = يجب ألا يزيد هذا الحقل على { $max ->
        [zero] { $max } كلمة مختلفة
        [one] كلمة واحدة مختلفة
        [two] كلمتين مختلفتين
        [few] { $max } كلمات مختلفة
       *[other] { $max } كلمة مختلفة
    }.
error-too-short = يجب ألا يقل هذا الحقل عن { $min ->
        [zero] { $min } حرفًا
        [one] حرف واحد
        [two] حرفين
        [few] { $min } أحرف
       *[other] { $min } حرفًا
    }.
error-too-small = يجب أن تكون هذه القيمة { $min } أو أكثر.
error-not-a-choice = «{ $value }» ليس خيارًا صالحًا.
error-not-integer = يلزم عدد صحيح صالح.
error-not-boolean = يجب أن تكون قيمة منطقية صالحة.
error-not-string = ليس نصًا صالحًا.
error-bad-username = أدخل اسم مستخدم صالحًا. لا يحتوي إلا على الحروف والأرقام والرموز @/./+/-/_.
error-numeric-username = يجب أن يحتوي اسم المستخدم على حرف واحد على الأقل ليس رقمًا.
error-bad-email = أدخل عنوان بريد إلكتروني صالحًا.
error-bad-image-url = أدخل عنوان URL صالحًا أو مسارًا يبدأ بـ «/».
error-no-such-object = المعرّف «{ $pk }» غير صالح: العنصر غير موجود.
error-no-such-file = لم يُعثر على الملف { $id }.
error-not-your-file = لا يمكنك إرفاق إلا الملفات التي رفعتها بنفسك.
error-empty-file = الملف المُرسَل فارغ.
error-already-participant = هذا المستخدم مشارك في هذه الغرفة بالفعل.
error-wrong-code = الرمز خاطئ أو منتهي الصلاحية أو مستخدَم من قبل.
error-two-factor-on = تسجيل الدخول بخطوتين مفعَّل بالفعل؛ أوقفه أولًا.
error-two-factor-off = تسجيل الدخول بخطوتين غير مفعَّل.
error-codes-held = رموز خاطئة كثيرة متتالية: لم تعد الرموز تُفحص لهذا الحساب. سجّل الدخول برمز استرداد أو عيّن كلمة مرور جديدة.
error-codes-held-seconds = رموز خاطئة كثيرة متتالية: لن تُفحص الرموز مدة { $count ->
        [zero] { $count } ثانية
        [one] ثانية واحدة
        [two] ثانيتين
        [few] { $count } ثوانٍ
       *[other] { $count } ثانية
    }. ما زال رمز الاسترداد يعمل، وتعيين كلمة مرور جديدة يُنهي الانتظار.
error-codes-held-minutes = رموز خاطئة كثيرة متتالية: لن تُفحص الرموز مدة { $count ->
        [zero] { $count } دقيقة
        [one] دقيقة واحدة
        [two] دقيقتين
        [few] { $count } دقائق
       *[other] { $count } دقيقة
    }. ما زال رمز الاسترداد يعمل، وتعيين كلمة مرور جديدة يُنهي الانتظار.
error-codes-held-hours = رموز خاطئة كثيرة متتالية: لن تُفحص الرموز مدة { $count ->
        [zero] { $count } ساعة
        [one] ساعة واحدة
        [two] ساعتين
        [few] { $count } ساعات
       *[other] { $count } ساعة
    }. ما زال رمز الاسترداد يعمل، وتعيين كلمة مرور جديدة يُنهي الانتظار.
error-bad-reset-link = رابط إعادة التعيين هذا غير صالح أو مستخدَم أو منتهي الصلاحية.
error-bad-confirm-link = رابط التأكيد هذا غير صالح أو مستخدَم أو منتهي الصلاحية أو يخص حسابًا أو عنوانًا آخر.
error-confirmed-already = عنوانك مؤكَّد بالفعل.
error-link-just-sent = أُرسل رابط قبل أقل من دقيقة: ابحث عنه أولًا.
error-bad-duration = أدخل مدة: عددًا من الثواني، أو رقمًا يليه d أو h أو m (مثل 7d).
error-method = الطريقة «{ $method }» غير مسموح بها.
error-media-type = نوع الوسائط «{ $type }» غير مدعوم في الطلب.
error-throttled = طلبات كثيرة جدًا. حاول مرة أخرى بعد { $seconds ->
        [zero] { $seconds } ثانية
        [one] ثانية واحدة
        [two] ثانيتين
        [few] { $seconds } ثوانٍ
       *[other] { $seconds } ثانية
    }.
error-body-stopped = توقّف وصول محتوى الطلب.
error-sockets = اتصالات مفتوحة كثيرة لهذا المستخدم (الحد الأقصى { $max })؛ أغلق واحدًا أولًا.
error-busy = الخادم مشغول؛ حاول مرة أخرى بعد قليل.
error-bus-down = الأحداث المباشرة متوقفة على هذا الخادم؛ حاول مرة أخرى بعد قليل.
error-store-down = لا يستطيع الخادم الوصول إلى قاعدة بياناته؛ حاول مرة أخرى بعد قليل.
error-invalid-page = صفحة غير صالحة.
error-invalid-request = طلب غير صالح
error-invalid-request-data = بيانات الطلب غير صالحة.
error-internal = خطأ داخلي في الخادم
error-edit-own = لا يمكنك تعديل إلا رسائلك.
error-delete-own = لا يمكنك حذف إلا رسائلك.
error-search-has = «has:{ $value }» ليس بحثًا صالحًا: يقبل has: القيم file (ملف) أو image (صورة) أو link (رابط) أو reaction (تفاعل) أو pin (مثبَّتة).
error-search-is = «is:{ $value }» ليس بحثًا صالحًا: يقبل is: القيمتين thread (سلسلة) أو saved (محفوظة).
error-search-from = «from:{ $value }» ليس بحثًا صالحًا: يقبل from: اسم شخص، مثل from:@name.
error-search-in = «in:{ $value }» ليس بحثًا صالحًا: يقبل in: غرفة مثل in:#name أو شخصًا مثل in:@name.
error-search-day = «{ $operator }:{ $value }» ليس يومًا: اكتبه بالشكل YYYY-MM-DD.
error-search-twice = لا يُستخدم { $operator }: إلا مرة واحدة في البحث.
# ردود ليست أخطاء.
answer-forgot-sent = إن كان الحساب موجودًا وله عنوان بريد إلكتروني، فرسالة فيها رابط في الطريق إليه.
error-link-in-browser = اربط مزوّد تسجيل الدخول من صفحة حسابك في متصفح مسجَّل الدخول إلى natter.
error-link-sign-in-again = سجّل الخروج ثم سجّل الدخول مجددًا، ثم اربط المزوّد خلال 10 دقائق.
error-name-is-a-group = تستخدم مجموعة مستخدمين هذا الاسم معرّفًا لها؛ اختر اسم مستخدم آخر.
error-matrix-not-an-app = هذا ليس عنوان تطبيق: يجب أن يكون عنوانًا مطلقًا (https:// أو مخطط التطبيق الخاص).
error-matrix-sign-in-in-the-browser = يسجّل تطبيق Matrix الدخول من صفحة تسجيل الدخول في natter داخل المتصفح، لا بمفتاح.
