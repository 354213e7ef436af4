//! Which certificates the mail relay may present: one signed by a public authority
//! (Mozilla's roots) or by a certificate in `--smtp-ca-file`, for the relay's name, as
//! rustls checks it; or a certificate in that file itself, byte for byte.
//!
//! The second way exists for the relay that is its own authority: the self-signed
//! certificate `openssl req -x509` makes says `CA:TRUE`, and rustls refuses a
//! certificate authority presented as the server's own (`CaUsedAsEndEntity`), however
//! the operator vouched for it. A certificate the operator put in the file and the relay
//! presents unchanged is what the operator chose to trust; the handshake still proves
//! the relay holds its private key, so nobody else can present it. Its name and dates
//! are the operator's business: such certificates often name no host natter dials (no
//! subject alternative name) and are made once for years.

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, Error, RootCertStore, SignatureScheme};
use std::sync::Arc;

/// The relay's certificate check: exact certificates of the CA file first, then the
/// chain to a public root or to a certificate of that file.
#[derive(Debug)]
pub struct RelayTrust {
    /// Every certificate of `--smtp-ca-file`, as DER.
    pinned: Vec<CertificateDer<'static>>,
    /// rustls's own check, with the file's certificates among its roots.
    chains: Arc<WebPkiServerVerifier>,
}

impl RelayTrust {
    /// Public roots plus `extra` (the CA file's certificates). An error is a sentence
    /// for the operator.
    pub fn new(
        extra: Vec<CertificateDer<'static>>,
        provider: Arc<CryptoProvider>,
    ) -> Result<RelayTrust, String> {
        let mut roots = RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        // A certificate rustls cannot take as a root can still be matched exactly.
        roots.add_parsable_certificates(extra.iter().cloned());
        let chains = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider)
            .build()
            .map_err(|e| format!("the relay's certificate check: {e}"))?;
        Ok(RelayTrust {
            pinned: extra,
            chains,
        })
    }
}

impl ServerCertVerifier for RelayTrust {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        if self
            .pinned
            .iter()
            .any(|c| c.as_ref() == end_entity.as_ref())
        {
            return Ok(ServerCertVerified::assertion());
        }
        self.chains
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    // The handshake's signatures are checked with the presented certificate's key, for
    // a pinned certificate too: that is what proves the relay holds it.
    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.chains.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.chains.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.chains.supported_verify_schemes()
    }
}
