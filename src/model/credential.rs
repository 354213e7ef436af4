//! What a request presents as its identity, before anything is looked up.

/// What a request presents as its identity, read from its headers without the database.
#[derive(Clone)]
pub enum Credential {
    /// A DRF `Token` key, as its stored hash.
    Token(Vec<u8>),
    /// A valid access JWT: its user id and the credentials epoch it was minted under
    /// (`users.credentials_epoch`: a password change or deactivation moves it on).
    AccessJwt { user_id: i64, epoch: i64 },
    /// A session cookie, as its stored hash.
    Session(Vec<u8>),
    /// A Matrix app's access token, as its device's stored hash (the Matrix surface's
    /// only credential; it never reads the others).
    Device(Vec<u8>),
}

impl Credential {
    /// The stored hash of a key, session or device (what lists, keeps and signs it out); an
    /// access JWT is stored nowhere.
    pub fn digest(&self) -> Option<&[u8]> {
        match self {
            Credential::Token(hash) | Credential::Session(hash) | Credential::Device(hash) => {
                Some(hash)
            }
            Credential::AccessJwt { .. } => None,
        }
    }
}
