//! What makes two usernames, or two email addresses, one ("One person per
//! name"): Django's NFKC normalisation of usernames, the caseless keys that natter's
//! unique indexes hold, and the characters refused because nobody can see them.
//!
//! Pure text with no natter type in it, beside the layers on purpose: the domain
//! validates with it, and the store computes from it the keys it writes, looks up and
//! backfills in schema step 7, so every path that names a user goes through one rule.
//!
//! Unicode data comes from crates, never from tables of our own: `unicode-normalization`
//! (NFKC, NFC) and `caseless` (full case folding, CaseFolding.txt C+F) agree on Unicode
//! 16+; `icu_properties` gives Default_Ignorable_Code_Point; `idna` maps domains (UTS 46).

use caseless::Caseless;
use icu_properties::{props::DefaultIgnorableCodePoint, CodePointSetData};
use unicode_normalization::UnicodeNormalization;

/// Django's `AbstractBaseUser.normalize_username`: NFKC. The username is stored in this
/// form, as Django stores it.
pub fn normalize_username(username: &str) -> String {
    username.nfkc().collect()
}

/// The caseless identity of a username: NFKC, then full case folding, then NFKC again
/// (folding can undo a normal form), as Unicode recommends for caseless matching of
/// identifiers (UAX #31, toNFKC_Casefold without its removal of ignorables, which
/// natter refuses instead). `ａｄｍｉｎ`, `𝐚𝐝𝐦𝐢𝐧`, `ⓐⓓⓜⓘⓝ` and `ADMIN` all key to `admin`.
pub fn name_key(username: &str) -> String {
    username.nfkc().default_case_fold().nfkc().collect()
}

/// Whether `c` is invisible: Unicode's Default_Ignorable_Code_Point, which covers the
/// Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), zero-width characters, the bidi
/// controls, the soft hyphen and variation selectors. Such a character makes a name
/// look like another one, so it is refused wherever a person is named.
pub fn is_invisible(c: char) -> bool {
    CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
}

/// Whether any character of `text` is [`is_invisible`].
pub fn has_invisible(text: &str) -> bool {
    text.chars().any(is_invisible)
}

/// The printable ASCII characters besides letters and digits that an email's local part
/// may hold: RFC 5322's `atext`, as Django's `EmailValidator` accepts them.
const ATEXT: &str = "!#$%&'*+/=?^_`{|}~-";

/// An email address natter accepts, read apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    /// The address as stored: NFC, so canonically equal spellings are one text.
    pub address: String,
    /// The key that makes two addresses one: the local part case-folded, `@`, and the
    /// domain in its ASCII (IDNA) form, lower case.
    pub key: String,
}

/// Reads `email` as natter accepts it, or `None`.
///
/// The local part (before the last `@`) is 1-64 characters in dot-atom form: atoms of
/// ASCII letters, digits and ``!#$%&'*+/=?^_`{|}~-`` (Django's set) or of non-ASCII
/// letters, marks and digits (RFC 6531's internationalised addresses), joined by single
/// dots. It may hold nothing invisible (bidi controls, soft hyphens, zero widths...) and
/// nothing that NFKC would change (fullwidth forms, ligatures, styled letters): those
/// only ever imitate another address. Quoted local parts are refused.
///
/// The domain must map under IDNA (UTS 46) to an ASCII name of at least two labels,
/// each 1-63 of letters, digits and inner hyphens, the last at least two characters;
/// so `ÉXAMPLE.org` and `éxample.org` are one domain (`xn--xample-9ua.org`).
pub fn parse_email(email: &str) -> Option<Email> {
    let address: String = email.nfc().collect();
    if has_invisible(&address) {
        return None;
    }
    let (local, domain) = address.rsplit_once('@')?;
    if !local_part_is_valid(local) {
        return None;
    }
    let ascii_domain = idna::domain_to_ascii(domain).ok()?;
    if !ascii_domain_is_valid(&ascii_domain) {
        return None;
    }
    let key = format!(
        "{}@{ascii_domain}",
        local.chars().default_case_fold().nfkc().collect::<String>()
    );
    Some(Email { address, key })
}

/// The key of an email address for lookups: [`parse_email`]'s, or for text that is not
/// an address natter accepts (one stored before these rules, or a login that is not an
/// address), a space (which no valid key holds) and the text's [`name_key`].
pub fn email_key(email: &str) -> String {
    match parse_email(email) {
        Some(e) => e.key,
        None => format!(" {}", name_key(email)),
    }
}

fn local_part_is_valid(local: &str) -> bool {
    let chars = local.chars().count();
    if chars == 0 || chars > 64 {
        return false;
    }
    if local.nfkc().ne(local.chars()) {
        return false;
    }
    local.split('.').all(|atom| {
        !atom.is_empty()
            && atom.chars().all(|c| {
                c.is_ascii_alphanumeric()
                    || ATEXT.contains(c)
                    || (!c.is_ascii() && (c.is_alphanumeric() || is_mark(c)))
            })
    })
}

/// Whether `c` is a combining mark (the vowel signs of many scripts): NFC leaves those
/// that compose with nothing, and an address may need them.
fn is_mark(c: char) -> bool {
    use unicode_normalization::char::is_combining_mark;
    is_combining_mark(c)
}

fn ascii_domain_is_valid(domain: &str) -> bool {
    if domain.len() > 253 {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let Some(tld) = labels.last() else {
        return false;
    };
    labels.len() >= 2
        && tld.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::{email_key, has_invisible, name_key, normalize_username, parse_email};

    /// Each pair of the look-alike table (docs/api.md, "One person per name") is one name;
    /// different names stay different.
    #[test]
    fn look_alike_spellings_share_one_key() {
        let same = [
            ("ａｄｍｉｎ", "admin"),
            ("𝐚𝐝𝐦𝐢𝐧", "admin"),
            ("ⓐⓓⓜⓘⓝ", "admin"),
            ("ⒶⒹⓂⒾⓃ", "admin"),
            ("ﬁona", "fiona"),
            ("e\u{301}mile", "\u{e9}mile"),
            ("ÉMILE", "émile"),
            ("ДИМА", "дима"),
            ("Straße", "STRASSE"),
            ("ΣΊΣΥΦΟΣ", "σίσυφος"),
            ("\u{212a}elvin", "kelvin"),
        ];
        for (a, b) in same {
            assert_eq!(name_key(a), name_key(b), "{a} / {b}");
        }
        assert_ne!(name_key("admin"), name_key("admins"));
        assert_ne!(name_key("emile"), name_key("émile"));
        assert_eq!(name_key("ADMIN"), "admin");
    }

    /// The stored form is NFKC, with its case kept (Django's normalize_username).
    #[test]
    fn usernames_are_stored_nfkc_with_their_case() {
        assert_eq!(normalize_username("ａｄｍｉｎ"), "admin");
        assert_eq!(normalize_username("ﬁona"), "fiona");
        assert_eq!(normalize_username("E\u{301}mile"), "\u{c9}mile");
        assert_eq!(normalize_username("ДИМА"), "ДИМА");
    }

    #[test]
    fn hangul_fillers_zero_widths_bidi_and_soft_hyphens_are_invisible() {
        for c in [
            '\u{115f}', '\u{1160}', '\u{3164}', '\u{ffa0}', '\u{200b}', '\u{200d}', '\u{202e}',
            '\u{2066}', '\u{ad}', '\u{feff}', '\u{fe0f}', '\u{180e}', '\u{34f}',
        ] {
            assert!(has_invisible(&format!("ad{c}min")), "U+{:04X}", c as u32);
        }
        assert!(!has_invisible("admin_Дима.é+1"));
    }

    /// What natter accepts as an address, and what it refuses.
    #[test]
    fn emails_accept_dot_atoms_and_idna_domains_and_refuse_disguises() {
        for ok in [
            "u@example.org",
            "first.last+tag@mail.example.co",
            "o'neil!#$%&*/=?^_`{|}~-@example.org",
            "дима@example.org",
            "émile@éxample.org",
            "u@xn--xample-9ua.org",
            "u@ＥＸＡＭＰＬＥ.org",
        ] {
            assert!(parse_email(ok).is_some(), "{ok}");
        }
        for bad in [
            "",
            "u",
            "@example.org",
            "u@",
            "u@example",
            "u@.example.org",
            "u@example.org.",
            "u@-example.org",
            "u@exa mple.org",
            ".u@example.org",
            "u.@example.org",
            "u..v@example.org",
            "\"u v\"@example.org",
            "u v@example.org",
            "u\u{200b}@example.org",
            "u\u{202e}@example.org",
            "u\u{ad}v@example.org",
            "ｕ@example.org",
            "ﬁ@example.org",
            "u@exa\u{ad}mple.org",
            "u@exa\u{202e}mple.org",
            &format!("{}@example.org", "u".repeat(65)),
        ] {
            assert!(parse_email(bad).is_none(), "{bad:?}");
        }
    }

    /// The domain compares in Unicode case and by its IDNA form; the local part ignores
    /// case; an NFD spelling is the NFC one.
    #[test]
    fn email_keys_fold_the_domain_through_idna_and_the_local_part_by_case() {
        let key = |e: &str| parse_email(e).map(|e| e.key);
        assert_eq!(key("u@ÉXAMPLE.org"), key("u@éxample.org"));
        assert_eq!(
            key("u@éxample.org").as_deref(),
            Some("u@xn--xample-9ua.org")
        );
        assert_eq!(key("u@xn--xample-9ua.org"), key("u@éxample.org"));
        assert_eq!(key("Ann@Example.COM"), key("ann@example.com"));
        assert_eq!(key("ДИМА@example.org"), key("дима@example.org"));
        assert_eq!(key("e\u{301}@example.org"), key("\u{e9}@example.org"));
        assert_eq!(
            parse_email("e\u{301}@example.org").map(|e| e.address),
            Some("\u{e9}@example.org".to_string())
        );
        assert_ne!(key("u@example.org"), key("v@example.org"));
        // Text that is no address still has a key, which no address has.
        assert_eq!(email_key("not an address"), " not an address");
        assert_eq!(email_key("u@ÉXAMPLE.org"), "u@xn--xample-9ua.org");
    }
}
