//! What the web client's sign-in screen needs, for the page to carry it (`/`, and the
//! join and reset links' addresses): who may register, whether mail goes out, and the
//! sign-in providers, as `/api/registration/` and `/api/auth/providers/` say them. A
//! returning browser then asks for the page and who is signed in, nothing else.

use crate::own::{account, sign_in};
use crate::state::App;
use serde_json::{json, Value};

/// The sign-in settings the page carries.
pub(crate) async fn sign_in_settings(app: &App) -> Value {
    json!({
        "registration": account::registration_settings(app).await,
        "providers": sign_in::providers_settings(app),
    })
}
