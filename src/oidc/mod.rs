//! The OpenID Connect client (`--oidc`): each provider's discovery document and signing
//! keys, the authorization code flow with PKCE (S256), `state` and `nonce`, and the ID
//! token's checks (signature against the provider's JWKS, `iss`, `aud`, `exp`, `nonce`),
//! all done by the `openidconnect` crate: nothing here reads a JWT or a key by hand. It
//! knows the protocol and no rule; who gets in is `domain::sign_in`'s.
//!
//! A provider that cannot be reached at start-up does not stop natter: it is listed as
//! unavailable and [`Providers::keep_discovering`] tries again (1 s, doubling up to a
//! minute), as does a sign-in that asks for it.

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
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// Clock difference tolerated between natter and a provider, on the ID token's `exp`.
const CLOCK_SKEW: chrono::Duration = chrono::Duration::seconds(60);

/// Time between two discovery attempts that a sign-in makes for an unavailable provider.
const ON_DEMAND_GAP: Duration = Duration::from_secs(2);

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
    last_attempt: Mutex<Option<Instant>>,
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
    /// What the web client shows.
    pub fn sentence(&self, label: &str) -> String {
        match self {
            Failure::UnknownProvider => "That sign-in provider is not configured here.".into(),
            Failure::Unavailable(_) => format!(
                "{label} cannot be reached right now; try again in a minute."
            ),
            Failure::BadState => "That sign-in link has expired or was not started in this browser; start again.".into(),
            Failure::Denied { code, .. } if code == "access_denied" => {
                format!("Sign-in with {label} was cancelled.")
            }
            Failure::Denied { code, description } if description.is_empty() => {
                format!("{label} refused the sign-in ({code}).")
            }
            Failure::Denied { description, .. } => {
                format!("{label} refused the sign-in: {description}")
            }
            Failure::Exchange(_) => format!(
                "{label} did not accept the sign-in code (it may have expired or been used already); start again."
            ),
            Failure::Token(_) => format!(
                "{label}'s answer could not be verified, so natter did not sign you in."
            ),
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
                last_attempt: Mutex::new(None),
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
    /// until then (`domain::sign_in` keeps it in the database, so any node finishes it).
    pub async fn begin(&self, name: &str, redirect: &str) -> Result<Started, Failure> {
        let provider = self.find(name).ok_or(Failure::UnknownProvider)?;
        let metadata = match provider.discovered() {
            Some(m) => m,
            None => provider.discover_now(&self.http).await?,
        };
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
        let metadata = provider
            .discovered()
            .ok_or_else(|| Failure::Unavailable("not discovered".into()))?;
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
        let mut identity = match verify(&client, id_token, &nonce, name) {
            Ok(identity) => identity,
            // A key the set does not hold: the provider may have rotated its keys since
            // natter fetched them. Fetch them again and check once more.
            Err(ClaimsVerificationError::SignatureVerification(
                SignatureVerificationError::NoMatchingKey,
            )) => {
                let rekeyed = provider.client(provider.refresh_keys(&self.http).await?);
                verify(&rekeyed, id_token, &nonce, name)
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

    /// Reads the discovery document and its key set, and keeps them.
    async fn discover(&self, http: &reqwest::Client) -> Result<CoreProviderMetadata, String> {
        if let Ok(mut last) = self.last_attempt.lock() {
            *last = Some(Instant::now());
        }
        let issuer = IssuerUrl::new(self.spec.issuer.clone()).map_err(|e| e.to_string())?;
        let metadata = CoreProviderMetadata::discover_async(issuer, http)
            .await
            .map_err(|e| describe(&e))?;
        if let Ok(mut kept) = self.metadata.write() {
            *kept = Some(metadata.clone());
        }
        Ok(metadata)
    }

    /// [`Provider::discover`] for a sign-in that found the provider unavailable, at most
    /// once every [`ON_DEMAND_GAP`].
    async fn discover_now(&self, http: &reqwest::Client) -> Result<CoreProviderMetadata, Failure> {
        let recent = self
            .last_attempt
            .lock()
            .ok()
            .and_then(|l| *l)
            .is_some_and(|at| at.elapsed() < ON_DEMAND_GAP);
        if recent {
            return Err(Failure::Unavailable("tried moments ago".into()));
        }
        self.discover(http).await.map_err(Failure::Unavailable)
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

/// Checks `id_token` (signature against the client's key set, `iss`, `aud`, `exp` with
/// [`CLOCK_SKEW`] of tolerance, `nonce`): the identity it names.
fn verify(
    client: &Client,
    id_token: &IdToken,
    nonce: &Nonce,
    provider: &str,
) -> Result<Identity, ClaimsVerificationError> {
    let verifier = client
        .id_token_verifier()
        .set_time_fn(|| chrono::Utc::now() - CLOCK_SKEW);
    id_token
        .claims(&verifier, nonce)
        .map(|c| identity_of(provider, c))
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
