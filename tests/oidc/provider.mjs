// A real OpenID Connect provider for natter's sign-in tests (tests/api/oidc.rs): panva's
// certified `oidc-provider`, with its development login form (`devInteractions`), one
// client for natter, and an RS256 key made at start (so a restart is a key rotation).
//
//   PORT=...             where to listen (the issuer is http://HOST:PORT)
//   HOST=...             the loopback address to listen on (127.0.0.1 unless given)
//   REDIRECT_URIS=a,b    natter's callback URLs the client may use
//   DISCOVERY_DELAY_MS=N the discovery document answered N ms late (a provider that is
//                        up but slow); `GET /test/discoveries` says how many were asked
//
// Accounts: whatever is typed as the login. `alice` is sub `alice` with the verified
// email alice@example.com; `ann@team.org` has that verified email; `unverified.ann@team.org`
// has ann@team.org, not verified.
//
// For the checks a correct provider never fails, `GET /test/tamper?mode=M` makes the
// next token answers' ID token wrong in one way, re-signed with the provider's own key:
// `nonce`, `expired`, `audience`, `issuer`, `azp` (issued to natter's client id in `aud`
// but to another client in `azp`), `future` (`iat` ten minutes ahead); or `unknown-key`
// (signed by a key the provider never published); `mode=` (empty) stops it. `mode=mfa` is
// no fault: the token says the person gave a password and a one-time code
// (`amr: ["pwd", "otp"]`).
import Provider from 'oidc-provider';
import { generateKeyPair, exportJWK, SignJWT, decodeJwt } from 'jose';
import { randomUUID } from 'node:crypto';

const port = Number(process.env.PORT || 0);
const host = process.env.HOST || '127.0.0.1';
const issuer = `http://${host}:${port}`;
const redirectUris = (process.env.REDIRECT_URIS || '').split(',').filter(Boolean);
const discoveryDelay = Number(process.env.DISCOVERY_DELAY_MS || 0);
let discoveries = 0;

const made = await generateKeyPair('RS256', { extractable: true });
const kid = randomUUID();
const jwk = { ...(await exportJWK(made.privateKey)), kid, alg: 'RS256', use: 'sig' };

function account(login) {
  const unverified = login.startsWith('unverified.');
  const bare = unverified ? login.slice('unverified.'.length) : login;
  const email = bare.includes('@') ? bare : `${bare}@example.com`;
  return {
    accountId: login,
    async claims() {
      return {
        sub: login,
        email,
        email_verified: !unverified,
        preferred_username: bare.split('@')[0],
        name: `${bare.split('@')[0]} Tester`,
      };
    },
  };
}

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'natter',
    client_secret: 'natter-test-secret',
    redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  jwks: { keys: [jwk] },
  cookies: { keys: ['natter-test-cookie-key'] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username'],
  },
  features: { devInteractions: { enabled: true } },
  findAccount: async (ctx, id) => account(id),
});
provider.proxy = false;

let tamper = '';
const stranger = await generateKeyPair('RS256', { extractable: true });

async function retoken(idToken) {
  const claims = decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  let key = made.privateKey;
  let keyId = kid;
  if (tamper === 'nonce') claims.nonce = 'not-the-nonce-natter-sent';
  if (tamper === 'expired') { claims.iat = now - 7200; claims.exp = now - 3600; }
  if (tamper === 'audience') claims.aud = 'someone-else';
  if (tamper === 'issuer') claims.iss = 'http://127.0.0.1:1/elsewhere';
  if (tamper === 'azp') claims.azp = 'someone-else';
  if (tamper === 'future') { claims.iat = now + 600; claims.exp = now + 4200; }
  if (tamper === 'mfa') claims.amr = ['pwd', 'otp'];
  if (tamper === 'unknown-key') { key = stranger.privateKey; keyId = 'a-key-nobody-published'; }
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: keyId }).sign(key);
}

provider.use(async (ctx, next) => {
  if (ctx.path === '/test/tamper') {
    tamper = String(ctx.query.mode || '');
    ctx.body = 'ok';
    return;
  }
  if (ctx.path === '/test/discoveries') {
    ctx.body = String(discoveries);
    return;
  }
  if (ctx.path === '/.well-known/openid-configuration') {
    discoveries += 1;
    if (discoveryDelay > 0) await new Promise((done) => { setTimeout(done, discoveryDelay); });
  }
  await next();
  if (tamper && ctx.path === '/token' && ctx.body && typeof ctx.body === 'object' && ctx.body.id_token) {
    ctx.body = { ...ctx.body, id_token: await retoken(ctx.body.id_token) };
  }
});

const server = provider.listen(port, host, () => {
  process.stdout.write(`listening on ${issuer}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
