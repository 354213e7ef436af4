//! The mail that tells a person their two-factor codes are held: someone typed their
//! password right and then wrong codes, again and again. Only natter's own sentences
//! and its address: nothing a person or a guesser typed goes into it. It goes to a
//! confirmed address only: an unconfirmed one is mailed nothing but its confirmation and
//! reset links (docs/security.md), and may be a stranger's. Queued straight
//! into the mail outbox in the write that counts the wrong code (`domain::mail` leads
//! back here through the password rules, so it is not called).

use crate::i18n::{self, Arg, Lang};
use crate::mail::letter::{escape_html, html_page};
use crate::state::App;
use crate::store::{self, mail::NewMail, Conn};

/// The mail's subject and bodies.
pub struct Written {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Queues the mail to `to`, the address of `user_id`, in the caller's write, in the
/// language they chose (nothing when natter sends no mail, or the address is not
/// confirmed).
pub fn queue(
    c: &Conn,
    app: &App,
    user_id: i64,
    to: &str,
    for_good: bool,
) -> store::StoreResult<()> {
    let Some(mailer) = &app.mail else {
        return Ok(());
    };
    if !store::people::confirmed_emails::is_confirmed(c, user_id)? {
        return Ok(());
    }
    let lang = store::people::language::of(c, user_id)?
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or(Lang::En);
    let kind = "two_factor_held";
    let written = codes_held(lang, &app.webhooks.base_url(), for_good);
    let message_id = mailer.message_id(kind);
    store::mail::queue(
        c,
        &NewMail {
            message_id: &message_id,
            kind,
            recipient: to,
            subject: &written.subject,
            text_body: &written.text,
            html_body: &written.html,
            unsubscribe: None,
        },
        crate::kit::clock::now_ms(),
        &store::clock::now(),
    )
}

/// The mail, for a hold that time ends (`for_good` false) or one only a recovery code or
/// a new password ends; `site` is where natter is reached.
pub fn codes_held(lang: Lang, site: &str, for_good: bool) -> Written {
    let count: i64 = if for_good { 100 } else { 10 };
    let hello = i18n::text(lang, "mail-hello", &[]);
    let typed = |site: &str| {
        i18n::text(
            lang,
            "mail-codes-typed",
            &[("site", Arg::Str(site)), ("count", Arg::Num(count))],
        )
    };
    let hold = i18n::text(
        lang,
        if for_good {
            "mail-codes-held-for-good"
        } else {
            "mail-codes-held-a-while"
        },
        &[],
    );
    let not_you = i18n::text(lang, "mail-codes-not-you", &[]);
    let text = format!("{hello}\n\n{}\n\n{hold}\n\n{not_you}\n", typed(site));
    let html = html_page(
        lang.code(),
        lang.is_rtl(),
        &format!(
            "<p>{}</p><p>{}</p><p>{}</p><p>{}</p>",
            escape_html(&hello),
            typed(&escape_html(site)),
            escape_html(&hold),
            escape_html(&not_you),
        ),
    );
    Written {
        subject: i18n::text(lang, "mail-codes-subject", &[]),
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mail_names_the_site_and_what_ends_the_hold() {
        let w = codes_held(Lang::En, "https://chat.example.org", false);
        assert!(w.text.contains("https://chat.example.org"), "{}", w.text);
        assert!(w.text.contains("10 wrong two-factor codes"), "{}", w.text);
        assert!(w.html.contains("recovery code"), "{}", w.html);
        let w = codes_held(Lang::En, "<x>", true);
        assert!(w.html.contains("&lt;x&gt;"), "{}", w.html);
        assert!(w.text.contains("100 wrong"), "{}", w.text);
        let w = codes_held(Lang::De, "https://chat.example.org", true);
        assert!(
            w.subject.starts_with("Falsche Zwei-Faktor-Codes"),
            "{}",
            w.subject
        );
        assert!(w.text.contains("100 falsche"), "{}", w.text);
    }
}
