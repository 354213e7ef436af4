//! The mail that tells a person their two-factor codes are held: someone typed their
//! password right and then wrong codes, again and again. Only natter's own sentences
//! and its address: nothing a person or a guesser typed goes into it. Queued straight
//! into the mail outbox in the write that counts the wrong code (`domain::mail` leads
//! back here through the password rules, so it is not called).

use crate::mail::letter::escape_html;
use crate::state::App;
use crate::store::{self, mail::NewMail, Conn};

/// The mail's subject and bodies.
pub struct Written {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Queues the mail to `to` in the caller's write (nothing when natter sends no mail).
pub fn queue(c: &Conn, app: &App, to: &str, for_good: bool) -> store::StoreResult<()> {
    let Some(mailer) = &app.mail else {
        return Ok(());
    };
    let kind = "two_factor_held";
    let written = codes_held(&app.webhooks.base_url(), for_good);
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
pub fn codes_held(site: &str, for_good: bool) -> Written {
    let count = if for_good { "100" } else { "10" };
    let hold = if for_good {
        "Codes are no longer checked for your account until you sign in with a recovery code or set a new password."
    } else {
        "Codes are not checked for your account for a while now, and for longer after each further wrong code."
    };
    let text = format!(
        "Hello,\n\nsomeone signed in to your account at {site} with your password, then typed \
         {count} wrong two-factor codes in a row.\n\n{hold}\n\n\
         If this was not you, someone knows your password: set a new one (\"Forgot password?\" \
         on the sign-in page), which also ends the hold. A recovery code still signs you in.\n"
    );
    let html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>\
         <body style=\"font-family:sans-serif;line-height:1.4\"><p>Hello,</p>\
         <p>someone signed in to your account at {} with your password, then typed {count} wrong \
         two-factor codes in a row.</p><p>{hold}</p><p>If this was not you, someone knows your \
         password: set a new one (&quot;Forgot password?&quot; on the sign-in page), which also \
         ends the hold. A recovery code still signs you in.</p></body></html>",
        escape_html(site)
    );
    Written {
        subject: "Wrong two-factor codes for your natter account".into(),
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mail_names_the_site_and_what_ends_the_hold() {
        let w = codes_held("https://chat.example.org", false);
        assert!(w.text.contains("https://chat.example.org"), "{}", w.text);
        assert!(w.text.contains("10 wrong two-factor codes"), "{}", w.text);
        assert!(w.html.contains("recovery code"), "{}", w.html);
        let w = codes_held("<x>", true);
        assert!(w.html.contains("&lt;x&gt;"), "{}", w.html);
        assert!(w.text.contains("100 wrong"), "{}", w.text);
    }
}
