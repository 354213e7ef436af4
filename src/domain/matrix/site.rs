//! The Matrix server name: the part after the `:` of every user and room id. Ids must
//! never change, so the name is chosen once (`--matrix-server-name`, else the public
//! URL's host, else the listening address) and kept in the database; a later start that
//! names another one is refused rather than giving everyone new ids.

use crate::domain::error::{Error, Result};
use crate::state::App;
use crate::store;
use std::net::SocketAddr;

/// The settings key the server name is kept under.
const SETTING: &str = "matrix_server_name";

/// The server name a first start would choose: `named` (`--matrix-server-name`), else
/// the host and port of `public_url`, else the listening address (`localhost` and its
/// port when that is every interface).
pub fn chosen(named: Option<&str>, public_url: Option<&str>, listening: SocketAddr) -> String {
    if let Some(name) = named {
        return name.to_string();
    }
    if let Some(host) = public_url
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| {
            let host = u.host_str()?.to_string();
            Some(match u.port() {
                Some(port) => format!("{host}:{port}"),
                None => host,
            })
        })
    {
        return host;
    }
    if listening.ip().is_unspecified() {
        return format!("localhost:{}", listening.port());
    }
    listening.to_string()
}

/// The server name kept in the database, written on the first start. A start that
/// names (`named`) another one than the kept one is refused, with the kept one said.
pub async fn pin(app: &App, named: Option<String>, first: String) -> Result<String> {
    let kept = app
        .db
        .write(move |c| store::schema::get_or_insert_setting(c, SETTING, &first))
        .await?;
    match named {
        Some(named) if named != kept => Err(Error::Internal(format!(
            "--matrix-server-name {named}: this database's Matrix server name is {kept}, \
             which every Matrix id it gave out carries; it cannot change"
        ))),
        _ => Ok(kept),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_server_wins_then_the_public_url_then_the_address() {
        let local: SocketAddr = "127.0.0.1:8000".parse().expect("addr");
        let any: SocketAddr = "0.0.0.0:8008".parse().expect("addr");
        assert_eq!(
            chosen(Some("chat.example.org"), None, local),
            "chat.example.org"
        );
        assert_eq!(
            chosen(None, Some("https://chat.example.org/natter"), local),
            "chat.example.org"
        );
        assert_eq!(
            chosen(None, Some("http://chat.example.org:8443"), local),
            "chat.example.org:8443"
        );
        assert_eq!(chosen(None, None, local), "127.0.0.1:8000");
        assert_eq!(chosen(None, None, any), "localhost:8008");
    }
}
