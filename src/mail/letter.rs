//! One mail as natter writes it, apart from how it travels: the recipient, a subject,
//! the same words as plain text and as HTML, a `Message-ID` chosen when it was queued
//! (so a mail sent again after a crash is recognisably the same one), and for mail a
//! person may stop, the one-click unsubscribe address (RFC 8058).

use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::Message;

/// A mail ready to be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// The recipient's address.
    pub to: String,
    pub subject: String,
    pub text: String,
    /// The same as HTML, every piece of a person's text escaped (see [`escape_html`]).
    pub html: String,
    /// The `Message-ID`, without its angle brackets.
    pub message_id: String,
    /// Where a one-click unsubscribe posts, for mail a person may turn off.
    pub unsubscribe_url: Option<String>,
}

impl Letter {
    /// The MIME message, from `from`: a plain text and HTML alternative, with `Date`,
    /// `Message-ID` and `Auto-Submitted: auto-generated`. Every header value goes through
    /// lettre's encoder (RFC 2047 encoded words, folded), so no text of anyone's can add
    /// a header; a recipient that is no address is an error.
    pub fn to_message(&self, from: &Mailbox) -> Result<Message, String> {
        let to: Mailbox = self
            .to
            .parse()
            .map_err(|e| format!("not an address ({e})"))?;
        let mut builder = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(self.subject.replace(['\r', '\n'], " "))
            .message_id(Some(format!("<{}>", self.message_id)))
            .date_now()
            .header(AutoSubmitted);
        if let Some(url) = &self.unsubscribe_url {
            builder = builder
                .header(ListUnsubscribe(format!("<{url}>")))
                .header(ListUnsubscribePost);
        }
        builder
            .multipart(MultiPart::alternative_plain_html(
                self.text.clone(),
                self.html.clone(),
            ))
            .map_err(|e| format!("the mail could not be written ({e})"))
    }
}

/// Whether `address` is one a mail can be sent to (`name@domain`, no display name).
pub fn is_address(address: &str) -> bool {
    address.trim() == address && !address.is_empty() && address.parse::<lettre::Address>().is_ok()
}

/// A mail's HTML part around `body`, in the language tagged `lang`: a screen reader reads
/// it in that language's voice, and a mail client lays a right-to-left one (`rtl`) out so,
/// on the body too for clients that keep only the body.
pub fn html_page(lang: &str, rtl: bool, body: &str) -> String {
    let dir = if rtl { "rtl" } else { "ltr" };
    format!(
        "<!DOCTYPE html><html lang=\"{}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"></head>\
         <body dir=\"{dir}\" style=\"font-family:sans-serif;line-height:1.4\">{body}</body></html>",
        escape_html(lang)
    )
}

/// Text made safe inside HTML (`&`, `<`, `>`, `"` and `'` as entities).
pub fn escape_html(text: &str) -> String {
    crate::kit::html::escape(text)
}

/// `Auto-Submitted: auto-generated` (RFC 3834): no vacation responder answers it.
#[derive(Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".into())
    }
}

/// `List-Unsubscribe: <URL>`.
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.to_string()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): a mail program may
/// unsubscribe with one POST, without opening a page.
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_is_an_alternative_with_its_headers_and_no_injected_ones() {
        let letter = Letter {
            to: "ann@example.org".into(),
            subject: "Сброс пароля\r\nBcc: evil@example.org".into(),
            text: "привет".into(),
            html: escape_html("<b>привет</b>"),
            message_id: "m1.natter@example.org".into(),
            unsubscribe_url: Some("https://chat.example.org/api/mail/unsubscribe/?t=x".into()),
        };
        let from: Mailbox = "natter <chat@example.org>".parse().unwrap();
        let raw = String::from_utf8(letter.to_message(&from).unwrap().formatted()).unwrap();
        assert!(raw.contains("Message-ID: <m1.natter@example.org>"), "{raw}");
        assert!(raw.contains("Auto-Submitted: auto-generated"), "{raw}");
        assert!(
            raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
            "{raw}"
        );
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(!raw.contains("\r\nBcc:"), "{raw}");
        assert!(!raw.contains("<b>"), "{raw}");
        assert!(raw.contains("Subject: =?utf-8?"), "{raw}");
        let bad = Letter {
            to: "not an address".into(),
            ..letter
        };
        assert!(bad.to_message(&from).is_err());
    }
}
