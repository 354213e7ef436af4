//! The OpenID Connect client (`--oidc`): each provider's discovery document and signing
//! keys, the authorization code flow with PKCE (S256), `state` and `nonce`, and the ID
//! token's checks (signature against the provider's JWKS, `iss`, `aud`, `exp`, `nonce`
//! by the `openidconnect` crate; `azp` and an `iat` in the future here, which the crate
//! leaves to its caller): nothing here reads a JWT or a key by hand. It knows the
//! protocol and no rule; who gets in is `domain::people::sign_in`'s.
//!
//! A provider that cannot be reached at start-up does not stop natter: it is listed as
//! unavailable and [`Providers::keep_discovering`] tries again (1 s, doubling up to a
//! minute), as does a sign-in that asks for it. One discovery of a provider runs at a
//! time: a sign-in that finds one under way waits for it (at most [`DISCOVERY_WAIT`])
//! instead of calling a provider that is merely slow unreachable.

mod amr;

use crate::config::{Config, OidcProvider};
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType,
    CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreProviderMetadata, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret,
    CsrfToken, EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenFields,
    IssuerUrl, JsonWebKeySet, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, Scope, SignatureVerificationError, StandardErrorResponse, StandardTokenResponse,
    TokenResponse,
};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Clock difference tolerated between natter and a provider, on the ID token's `exp` and
/// `iat`.
const CLOCK_SKEW: chrono::Duration = chrono::Duration::seconds(60);

/// Time between two discovery attempts that a sign-in makes for an unavailable provider.
const ON_DEMAND_GAP: Duration = Duration::from_secs(2);

/// How long a sign-in waits for a discovery under way: the discovery's two reads (the
/// document, then its key set) each have the client's 10 s, so a provider answering
/// within a few seconds is waited for, and a browser is answered within this bound even
/// when the provider never answers.
const DISCOVERY_WAIT: Duration = Duration::from_secs(15);

/// The one claim beyond the standard ones that natter reads: Google's `hd`, the
/// Workspace domain of the account (absent for other providers and personal accounts).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct HostedDomain {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hd: Option<String>,
}

impl AdditionalClaims for HostedDomain {}

/// An ID token with [`HostedDomain`].
type IdToken = openidconnect::IdToken<
    HostedDomain,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;

/// Its verified claims.
type IdTokenClaims = openidconnect::IdTokenClaims<HostedDomain, CoreGenderClaim>;

/// A token answer whose ID token may carry [`HostedDomain`].
type Tokens = StandardTokenResponse<
    IdTokenFields<
        HostedDomain,
        EmptyExtraTokenFields,
        CoreGenderClaim,
        CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >,
    CoreTokenType,
>;

/// A client made from a discovery document: its authorization endpoint is known, its
/// token and user info endpoints are if the document names them. `openidconnect`'s
/// `CoreClient` with [`HostedDomain`] in the ID token.
type Client = openidconnect::Client<
    HostedDomain,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    Tokens,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Every configured provider.
pub struct Providers {
    list: Vec<Provider>,
    http: reqwest::Client,
}

/// One provider: its settings, its secret, and its discovery document once fetched.
struct Provider {
    spec: OidcProvider,
    secret: String,
    metadata: RwLock<Option<CoreProviderMetadata>>,
    /// Held by the discovery under way; holds when the last one failed, so sign-ins
    /// that find the provider unavailable ask it at most once every [`ON_DEMAND_GAP`].
    discovering: tokio::sync::Mutex<Option<Instant>>,
}

/// A provider as the sign-in page lists it.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The operator's name (`--oidc NAME=...`), in its paths.
    pub name: String,
    /// What its button says.
    pub label: String,
    /// Whether its discovery document was read (otherwise its button says it is
    /// unavailable, and discovery is retried).
    pub available: bool,
}

/// A sign-in sent to the provider: where the browser goes, and what the callback needs
/// (kept by the caller, found again by `state`).
#[derive(Debug, Clone)]
pub struct Started {
    /// The provider's authorization URL, with the state, nonce and PKCE challenge.
    pub url: String,
    /// The `state` the provider's answer must bring back.
    pub state: String,
    /// What finishing needs.
    pub flow: Flow,
}

/// What finishing a sign-in needs besides the code: the PKCE verifier, the nonce the ID
/// token must carry, and the redirect URL the code was issued for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    /// The PKCE code verifier whose S256 challenge went to the provider.
    pub verifier: String,
    /// The nonce the ID token must carry.
    pub nonce: String,
    /// The redirect URL the code is issued for (sent again with the code).
    pub redirect: String,
}

/// Who the provider says signed in, after every check passed.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The provider's configured name.
    pub provider: String,
    /// The ID token's `iss` and `sub`: who this person is, for good.
    pub issuer: String,
    pub subject: String,
    /// The email the provider gave, if any (verified or not, see `email_verified`).
    pub email: Option<String>,
    /// Whether the provider says it verified `email` (`email_verified`).
    pub email_verified: bool,
    /// `preferred_username` and `name`, from which a new account's username comes.
    pub preferred_username: Option<String>,
    pub name: Option<String>,
    /// Google's `hd`: the Workspace domain the account belongs to, which Google vouches
    /// for (`None` for other providers).
    pub hosted_domain: Option<String>,
    /// Whether the token's `amr` shows the provider asked for a second factor
    /// ([`amr::second_factor`]).
    pub second_factor: bool,
}

/// Why a sign-in through a provider failed, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// No provider of that name is configured.
    UnknownProvider,
    /// The provider's discovery document could not be read.
    Unavailable(String),
    /// The `state` is unknown, used, expired, of another provider or of another browser.
    BadState,
    /// The provider answered with an error (`access_denied` when consent was refused).
    Denied { code: String, description: String },
    /// The code could not be exchanged (expired, used already, or refused).
    Exchange(String),
    /// The ID token failed a check (signature, issuer, audience, expiry, nonce).
    Token(String),
}

impl Failure {
    /// The code the web client is sent back with (`/?sign_in_error=CODE`): it says each
    /// in its own sentence, so no text a provider or a link chose reaches the page. The
    /// provider's own error code and description go to the log only.
    pub fn code(&self) -> &'static str {
        match self {
            Failure::UnknownProvider => "unknown_provider",
            Failure::Unavailable(_) => "unavailable",
            Failure::BadState => "expired",
            Failure::Denied { code, .. } if code == "access_denied" => "cancelled",
            Failure::Denied { .. } => "denied",
            Failure::Exchange(_) => "code_refused",
            Failure::Token(_) => "unverified",
        }
    }
}

/// How a provider's secret is found: `--oidc-secret-file NAME=PATH`, else
/// `NATTER_OIDC_<NAME>_SECRET`.
pub fn secret_variable(name: &str) -> String {
    format!(
        "NATTER_OIDC_{}_SECRET",
        name.to_ascii_uppercase().replace('-', "_")
    )
}

impl Providers {
    /// The providers of `config`, with their secrets read; none discovered yet. Fails
    /// with a sentence for the operator when a secret is missing or a name repeats.
    pub fn from_config(config: &Config) -> Result<Providers, String> {
        if config.password_sign_in == crate::config::PasswordSignIn::Admins
            && config.oidc.is_empty()
        {
            return Err(
                "--password-sign-in admins needs a sign-in provider (--oidc): nobody else could sign in"
                    .into(),
            );
        }
        let mut list: Vec<Provider> = Vec::new();
        for spec in &config.oidc {
            if list.iter().any(|p| p.spec.name == spec.name) {
                return Err(format!("--oidc names the provider {} twice", spec.name));
            }
            let secret = match config.oidc_secret_files.iter().find(|f| f.name == spec.name) {
                Some(file) => std::fs::read_to_string(&file.path).map_err(|e| {
                    format!(
                        "cannot read the client secret of {} from {}: {e}",
                        spec.name,
                        file.path.display()
                    )
                })?,
                None => std::env::var(secret_variable(&spec.name)).map_err(|_| {
                    format!(
                        "the provider {} has no client secret: set {} or give --oidc-secret-file {}=PATH",
                        spec.name,
                        secret_variable(&spec.name),
                        spec.name
                    )
                })?,
            };
            let secret = secret.trim().to_string();
            if secret.is_empty() {
                return Err(format!("the client secret of {} is empty", spec.name));
            }
            list.push(Provider {
                spec: spec.clone(),
                secret,
                metadata: RwLock::new(None),
                discovering: tokio::sync::Mutex::new(None),
            });
        }
        if let Some(file) = config
            .oidc_secret_files
            .iter()
            .find(|f| !list.iter().any(|p| p.spec.name == f.name))
        {
            return Err(format!(
                "--oidc-secret-file names {}, which no --oidc configures",
                file.name
            ));
        }
        Ok(Providers {
            list,
            http: client()?,
        })
    }

    /// No provider: for the commands, which sign nobody in.
    pub fn none() -> Result<Providers, String> {
        Ok(Providers {
            list: Vec::new(),
            http: client()?,
        })
    }

    /// Whether any provider is configured.
    pub fn any(&self) -> bool {
        !self.list.is_empty()
    }

    /// Every provider, in the order configured.
    pub fn listed(&self) -> Vec<Listed> {
        self.list
            .iter()
            .map(|p| Listed {
                name: p.spec.name.clone(),
                label: p.spec.label.clone(),
                available: p.discovered().is_some(),
            })
            .collect()
    }

    /// The button label of provider `name` (the name itself when unknown).
    pub fn label(&self, name: &str) -> String {
        self.find(name)
            .map_or_else(|| name.to_string(), |p| p.spec.label.clone())
    }

    fn find(&self, name: &str) -> Option<&Provider> {
        self.list.iter().find(|p| p.spec.name == name)
    }

    /// Fetches the discovery document of every provider that has none yet, until all
    /// have one; then every hour again, so keys and endpoints follow the provider's.
    pub async fn keep_discovering(self: Arc<Self>) {
        let mut wait = Duration::from_secs(1);
        loop {
            let mut missing = 0;
            for provider in &self.list {
                if provider.discovered().is_none() {
                    if let Err(e) = provider.discover(&self.http).await {
                        missing += 1;
                        tracing::warn!(provider = %provider.spec.name, "OpenID Connect discovery failed, retrying: {e}");
                    } else {
                        tracing::info!(provider = %provider.spec.name, "OpenID Connect provider discovered");
                    }
                }
            }
            if missing == 0 {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                for provider in &self.list {
                    if let Err(e) = provider.discover(&self.http).await {
                        tracing::warn!(provider = %provider.spec.name, "OpenID Connect rediscovery failed, keeping the last document: {e}");
                    }
                }
                wait = Duration::from_secs(1);
            } else {
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(60));
            }
        }
    }

    /// Starts a sign-in at provider `name` whose callback is `redirect`: the URL to
    /// send the browser to, the `state` the callback must bring back, and the flow to keep
    /// until then (`domain::people::sign_in` keeps it in the database, so any node finishes it).
    pub async fn begin(&self, name: &str, redirect: &str) -> Result<Started, Failure> {
        let provider = self.find(name).ok_or(Failure::UnknownProvider)?;
        let metadata = provider.metadata(&self.http).await?;
        let redirect_url =
            RedirectUrl::new(redirect.to_string()).map_err(|e| Failure::Exchange(e.to_string()))?;
        let client = provider.client(metadata).set_redirect_uri(redirect_url);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        Ok(Started {
            url: url.to_string(),
            state: state.secret().clone(),
            flow: Flow {
                verifier: verifier.secret().clone(),
                nonce: nonce.secret().clone(),
                redirect: redirect.to_string(),
            },
        })
    }

    /// Ends a sign-in at provider `name` whose callback brought `code`: exchanges it (with
    /// the flow's PKCE verifier) and checks the ID token against the flow's nonce.
    pub async fn finish(&self, name: &str, flow: &Flow, code: &str) -> Result<Identity, Failure> {
        let provider = self.find(name).ok_or(Failure::UnknownProvider)?;
        let metadata = provider.metadata(&self.http).await?;
        let redirect_url = RedirectUrl::new(flow.redirect.clone())
            .map_err(|e| Failure::Exchange(e.to_string()))?;
        let client = provider.client(metadata).set_redirect_uri(redirect_url);
        let tokens = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|e| Failure::Exchange(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(flow.verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|e| Failure::Exchange(describe(&e)))?;
        let id_token = tokens
            .id_token()
            .ok_or_else(|| Failure::Token("the provider sent no ID token".into()))?;
        let nonce = Nonce::new(flow.nonce.clone());
        let client_id = &provider.spec.client_id;
        let mut identity = match verify(&client, id_token, &nonce, name, client_id) {
            Ok(identity) => identity,
            // A key the set does not hold: the provider may have rotated its keys since
            // natter fetched them. Fetch them again and check once more.
            Err(ClaimsVerificationError::SignatureVerification(
                SignatureVerificationError::NoMatchingKey,
            )) => {
                let rekeyed = provider.client(provider.refresh_keys(&self.http).await?);
                verify(&rekeyed, id_token, &nonce, name, client_id)
                    .map_err(|e| Failure::Token(e.to_string()))?
            }
            Err(e) => return Err(Failure::Token(e.to_string())),
        };
        // Many providers (panva's oidc-provider, Microsoft Entra) put the email in the
        // user info rather than the ID token; its `sub` must be the token's.
        if identity.email.is_none() {
            if let Ok(request) = client.user_info(
                tokens.access_token().clone(),
                Some(openidconnect::SubjectIdentifier::new(
                    identity.subject.clone(),
                )),
            ) {
                let info: Result<openidconnect::core::CoreUserInfoClaims, _> =
                    request.request_async(&self.http).await;
                match info {
                    Ok(info) => {
                        identity.email = info.email().map(|e| e.as_str().to_string());
                        identity.email_verified = info.email_verified().unwrap_or(false);
                        if identity.preferred_username.is_none() {
                            identity.preferred_username =
                                info.preferred_username().map(|u| u.as_str().to_string());
                        }
                        if identity.name.is_none() {
                            identity.name = info
                                .name()
                                .and_then(|n| n.get(None))
                                .map(|n| n.as_str().to_string());
                        }
                    }
                    Err(e) => {
                        tracing::warn!(provider = %name, "OpenID Connect user info failed: {}", describe(&e))
                    }
                }
            }
        }
        Ok(identity)
    }
}

impl Provider {
    /// A client of this provider, as `metadata` describes it.
    fn client(&self, metadata: CoreProviderMetadata) -> Client {
        Client::from_provider_metadata(
            metadata,
            ClientId::new(self.spec.client_id.clone()),
            Some(ClientSecret::new(self.secret.clone())),
        )
    }

    fn discovered(&self) -> Option<CoreProviderMetadata> {
        self.metadata.read().ok().and_then(|m| m.clone())
    }

    /// The discovery document, read now if it never was (see [`Provider::discover_now`]).
    async fn metadata(&self, http: &reqwest::Client) -> Result<CoreProviderMetadata, Failure> {
        match self.discovered() {
            Some(m) => Ok(m),
            None => self.discover_now(http).await,
        }
    }

    /// Reads the discovery document and its key set, and keeps them; one discovery of
    /// this provider at a time (the background loop's and sign-ins' alike).
    async fn discover(&self, http: &reqwest::Client) -> Result<CoreProviderMetadata, String> {
        let mut failed_at = self.discovering.lock().await;
        self.fetch(http, &mut failed_at).await
    }

    /// [`Provider::discover`] with the turn held: `failed_at` is set when it fails.
    async fn fetch(
        &self,
        http: &reqwest::Client,
        failed_at: &mut Option<Instant>,
    ) -> Result<CoreProviderMetadata, String> {
        let issuer = IssuerUrl::new(self.spec.issuer.clone()).map_err(|e| e.to_string())?;
        let metadata = match CoreProviderMetadata::discover_async(issuer, http).await {
            Ok(m) => m,
            Err(e) => {
                *failed_at = Some(Instant::now());
                return Err(describe(&e));
            }
        };
        *failed_at = None;
        if let Ok(mut kept) = self.metadata.write() {
            *kept = Some(metadata.clone());
        }
        Ok(metadata)
    }

    /// The discovery document for a sign-in that found the provider unavailable: the one
    /// a discovery under way brings (waited for, at most [`DISCOVERY_WAIT`]), else one
    /// read now, unless an attempt failed less than [`ON_DEMAND_GAP`] ago.
    async fn discover_now(&self, http: &reqwest::Client) -> Result<CoreProviderMetadata, Failure> {
        let mut failed_at = tokio::time::timeout(DISCOVERY_WAIT, self.discovering.lock())
            .await
            .map_err(|_| Failure::Unavailable("the discovery under way is still waiting".into()))?;
        if let Some(m) = self.discovered() {
            return Ok(m);
        }
        if failed_at.is_some_and(|at| at.elapsed() < ON_DEMAND_GAP) {
            return Err(Failure::Unavailable("tried moments ago".into()));
        }
        tokio::time::timeout(DISCOVERY_WAIT, self.fetch(http, &mut failed_at))
            .await
            .map_err(|_| Failure::Unavailable("no answer in time".into()))?
            .map_err(Failure::Unavailable)
    }

    /// Fetches the key set again (a key the token names is not in the one kept).
    async fn refresh_keys(&self, http: &reqwest::Client) -> Result<CoreProviderMetadata, Failure> {
        let metadata = self
            .discovered()
            .ok_or_else(|| Failure::Unavailable("not discovered".into()))?;
        let keys = JsonWebKeySet::fetch_async(metadata.jwks_uri(), http)
            .await
            .map_err(|e| Failure::Token(format!("fetching the keys again: {}", describe(&e))))?;
        let metadata = metadata.set_jwks(keys);
        if let Ok(mut kept) = self.metadata.write() {
            *kept = Some(metadata.clone());
        }
        Ok(metadata)
    }
}

/// The HTTP client that talks to providers. No redirects: a discovery document, a key
/// set and a token are read where the provider says they are, never somewhere a redirect
/// sends natter.
fn client() -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .user_agent(concat!("natter/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| format!("the OpenID Connect client: {e}"))
}

/// Checks `id_token` (signature against the client's key set, `iss`, `aud`, `exp` and
/// `iat` with [`CLOCK_SKEW`] of tolerance, `nonce`, `azp`): the identity it names.
fn verify(
    client: &Client,
    id_token: &IdToken,
    nonce: &Nonce,
    provider: &str,
    client_id: &str,
) -> Result<Identity, ClaimsVerificationError> {
    let verifier = client
        .id_token_verifier()
        .set_time_fn(|| chrono::Utc::now() - CLOCK_SKEW)
        .set_issue_time_verifier_fn(|issued| issued_in_time(issued, chrono::Utc::now()));
    let claims = id_token.claims(&verifier, nonce)?;
    authorized_for(claims.authorized_party().map(|p| p.as_str()), client_id)?;
    Ok(identity_of(provider, claims))
}

/// An `iat` later than `now` (beyond [`CLOCK_SKEW`]) is refused: a token dated in the
/// future stays valid longer than its provider meant, or was signed with a clock no one
/// should trust. The crate accepts any `iat` unless told.
fn issued_in_time(
    issued: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), String> {
    if issued > now + CLOCK_SKEW {
        return Err(format!(
            "ID token issued in the future ({issued}, now {now})"
        ));
    }
    Ok(())
}

/// The token's authorized party (`azp`), when present, must be natter's client id
/// (OpenID Connect Core 3.1.3.7, step 5): a token a provider issued to another client
/// that merely lists natter in `aud` is not a sign-in at natter. The crate leaves this
/// check out.
fn authorized_for(azp: Option<&str>, client_id: &str) -> Result<(), ClaimsVerificationError> {
    match azp {
        Some(party) if party != client_id => Err(ClaimsVerificationError::InvalidAudience(
            format!("the token was issued to `{party}`, not to `{client_id}` (azp)"),
        )),
        _ => Ok(()),
    }
}

/// The identity an ID token's verified claims name.
fn identity_of(provider: &str, claims: &IdTokenClaims) -> Identity {
    Identity {
        provider: provider.to_string(),
        issuer: claims.issuer().as_str().to_string(),
        subject: claims.subject().as_str().to_string(),
        email: claims.email().map(|e| e.as_str().to_string()),
        email_verified: claims.email_verified().unwrap_or(false),
        preferred_username: claims.preferred_username().map(|u| u.as_str().to_string()),
        name: claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_string()),
        hosted_domain: claims.additional_claims().hd.clone(),
        second_factor: claims
            .auth_method_refs()
            .is_some_and(|amr| amr::second_factor(amr.iter().map(|m| m.as_str()))),
    }
}

/// An error with its causes, for the log.
fn describe(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::{authorized_for, issued_in_time, CLOCK_SKEW};

    #[test]
    fn a_token_for_another_client_is_refused() {
        assert!(authorized_for(None, "natter").is_ok());
        assert!(authorized_for(Some("natter"), "natter").is_ok());
        assert!(authorized_for(Some("someone-else"), "natter").is_err());
        assert!(authorized_for(Some("Natter"), "natter").is_err());
    }

    #[test]
    fn a_token_from_the_future_is_refused_within_the_skew() {
        let now = chrono::Utc::now();
        assert!(issued_in_time(now, now).is_ok());
        assert!(issued_in_time(now - chrono::Duration::hours(1), now).is_ok());
        assert!(issued_in_time(now + CLOCK_SKEW, now).is_ok());
        assert!(issued_in_time(now + chrono::Duration::minutes(10), now).is_err());
    }
}
