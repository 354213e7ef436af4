//! Whether an ID token's `amr` (authentication methods references, RFC 8176) shows that
//! the provider asked for a second factor. Providers that say so name it `mfa` (Okta,
//! Auth0, Microsoft Entra), or list the methods themselves; a list counts when it holds
//! methods of two kinds among what one knows (`pwd`, `pin`, `kba`), what one has (`otp`,
//! `hwk`, `swk`, `sms`, `tel`, `sc`, `pop`) and what one is (`fpt`, `face`, `iris`,
//! `retina`, `vbm`): `["pwd", "otp"]` or a passkey's `["hwk", "pin"]` do, a code by SMS
//! alone (`["sms"]`) does not. A token without `amr` (Google's) shows none. Values
//! outside RFC 8176 are ignored.

/// The kinds of factor.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Knows,
    Has,
    Is,
}

fn kind(method: &str) -> Option<Kind> {
    match method {
        "pwd" | "pin" | "kba" => Some(Kind::Knows),
        "otp" | "hwk" | "swk" | "sms" | "tel" | "sc" | "pop" => Some(Kind::Has),
        "fpt" | "face" | "iris" | "retina" | "vbm" => Some(Kind::Is),
        _ => None,
    }
}

/// Whether the methods `amr` lists make two factors.
pub fn second_factor<'a>(amr: impl IntoIterator<Item = &'a str>) -> bool {
    let mut kinds: Vec<Kind> = Vec::new();
    for method in amr {
        if method == "mfa" {
            return true;
        }
        if let Some(k) = kind(method) {
            if !kinds.contains(&k) {
                kinds.push(k);
            }
        }
    }
    kinds.len() >= 2
}

#[cfg(test)]
mod tests {
    use super::second_factor;

    #[test]
    fn mfa_or_two_kinds_of_factor_count_and_one_kind_does_not() {
        assert!(second_factor(["mfa"]));
        assert!(second_factor(["pwd", "otp"]));
        assert!(second_factor(["hwk", "pin"]));
        assert!(second_factor(["swk", "fpt"]));
        assert!(!second_factor(["pwd"]));
        assert!(!second_factor(["sms"]));
        assert!(!second_factor(["otp", "hwk"]));
        assert!(!second_factor(["pwd", "kba"]));
        assert!(!second_factor(["pwd", "password", "totp"]));
        assert!(!second_factor([]));
    }
}
