//! HTTPS from the binary: `--tls-cert` and `--tls-key` (PEM files) loaded into rustls,
//! so natter can serve `https://` and `wss://` without a proxy in front. Every problem
//! with the files is a sentence naming the file, at start.

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::path::Path;
use std::sync::Arc;
use tokio_rustls::TlsAcceptor;

/// A TLS acceptor for the certificate chain in `cert` and its private key in `key`.
pub fn acceptor(cert: &Path, key: &Path) -> Result<TlsAcceptor, String> {
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .map_err(|e| format!("--tls-cert {}: cannot read it: {e}", cert.display()))?
        .collect::<Result<_, _>>()
        .map_err(|e| format!("--tls-cert {}: not a PEM certificate: {e}", cert.display()))?;
    if chain.is_empty() {
        return Err(format!(
            "--tls-cert {}: holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
            cert.display()
        ));
    }
    let private_key = PrivateKeyDer::from_pem_file(key).map_err(|e| {
        format!(
            "--tls-key {}: cannot read a PEM private key from it: {e}",
            key.display()
        )
    })?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS: {e}"))?
        .with_no_client_auth()
        .with_single_cert(chain, private_key)
        .map_err(|e| {
            format!(
                "--tls-key {} does not fit --tls-cert {}: {e}",
                key.display(),
                cert.display()
            )
        })?;
    // HTTP/2 for pages and the API (one connection, many requests at once), HTTP/1.1 for
    // clients that want it; a browser opens its WebSockets on an HTTP/1.1 connection of
    // their own, since natter does not offer RFC 8441's extended CONNECT.
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}
