//! The page (`index.html`) and the service worker (`sw.js`) as natter serves them: every
//! file they name under its content's version (`?v=`), the modules the page needs listed
//! up front (an import map and `modulepreload` links), and the service worker's list of
//! the shell's files written from what `static/` holds.

/// `url?v=version`.
pub fn versioned(url: &str, version: &str) -> String {
    format!("{url}?v={version}")
}

/// The import map: every module of the client at its versioned address, so the
/// modules' own relative imports (`./api.js`) fetch the current version.
pub fn import_map(modules: &[(String, String)]) -> String {
    let entries: Vec<String> = modules
        .iter()
        .map(|(url, version)| format!("\"{url}\":\"{}\"", versioned(url, version)))
        .collect();
    format!("{{\"imports\":{{{}}}}}", entries.join(","))
}

/// The page's second inline script, run before any module: when a module of the page
/// cannot be loaded (the server was upgraded since the page was fetched, and answers
/// another build's versions with 404), the page reloads, whole, from the new build; at
/// most once in ten seconds, so a server that keeps failing is not asked in a loop.
/// The app's modules preloaded under the sign-in form (`data-later`) are left out: a
/// reload then would wipe what someone is typing, and main.js reloads when signing in
/// finds them gone.
pub const RELOAD_GUARD: &str = "addEventListener('error',function(e){var t=e.target;if(!t||t.hasAttribute&&t.hasAttribute('data-later')||!(t.localName==='script'&&t.type==='module'||t.localName==='link'&&t.rel==='modulepreload'))return;var k='natter.reloaded-at',n=Date.now(),l=0;try{l=+sessionStorage.getItem(k)||0;sessionStorage.setItem(k,n)}catch(x){}if(n-l>1e4)location.reload()},true)";

/// `index.html` with the import map (whose script's sha256, base64, `map_hash` lets
/// through the page's policy, as `guard_hash` lets [`RELOAD_GUARD`]), the preloads, the app's modules for later (`app`, a JSON
/// list main.js reads: data, never run), and the versioned addresses of `assets`
/// (`(url, version)`: the style sheets, the icons, the manifest, the entry module).
pub fn page(
    html: &str,
    map: &str,
    map_hash: &str,
    guard_hash: &str,
    preload: &[String],
    app: &[String],
    assets: &[(String, String)],
) -> Result<String, String> {
    let mut out = html.to_string();
    for (url, version) in assets {
        let quoted = format!("\"{url}\"");
        if !out.contains(&quoted) {
            return Err(format!("index.html does not name {url}"));
        }
        out = out.replace(&quoted, &format!("\"{}\"", versioned(url, version)));
    }
    let policy = "content=\"default-src 'self';";
    if !out.contains(policy) {
        return Err("index.html has no Content-Security-Policy starting with default-src".into());
    }
    out = out.replacen(
        policy,
        &format!(
            "content=\"default-src 'self'; script-src 'self' 'sha256-{map_hash}' 'sha256-{guard_hash}';"
        ),
        1,
    );
    let mut head =
        format!("<script>{RELOAD_GUARD}</script>\n  <script type=\"importmap\">{map}</script>\n");
    for url in preload {
        head.push_str(&format!("  <link rel=\"modulepreload\" href=\"{url}\">\n"));
    }
    let listed: Vec<String> = app.iter().map(|u| format!("\"{u}\"")).collect();
    head.push_str(&format!(
        "  <script type=\"application/json\" id=\"app-modules\">[{}]</script>\n",
        listed.join(",")
    ));
    let anchor = "<link rel=\"stylesheet\"";
    let at = out.find(anchor).ok_or_else(|| {
        "index.html has no style sheet link to put the modules before".to_string()
    })?;
    out.insert_str(at, &format!("{head}  "));
    Ok(out)
}

/// `page` (as [`page`] wrote it) with the client's catalogs, `(language, versioned
/// address)`, as a JSON object i18n.js reads: data, never run.
pub fn with_catalogs(page: &str, catalogs: &[(String, String)]) -> Result<String, String> {
    let anchor = "<script type=\"application/json\" id=\"app-modules\">";
    let at = page
        .find(anchor)
        .ok_or_else(|| "the page has no app-modules list to put the catalogs before".to_string())?;
    let entries: Vec<String> = catalogs
        .iter()
        .map(|(lang, url)| format!("\"{lang}\":\"{url}\""))
        .collect();
    let mut out = page.to_string();
    out.insert_str(
        at,
        &format!(
            "<script type=\"application/json\" id=\"catalogs\">{{{}}}</script>\n  ",
            entries.join(",")
        ),
    );
    Ok(out)
}

/// `sw.js` with its cache named after this build and `MODULES` listing every module.
pub fn service_worker(js: &str, build: &str, modules: &[String]) -> Result<String, String> {
    let cache_line = js
        .lines()
        .find(|l| l.starts_with("const CACHE = "))
        .ok_or("sw.js has no `const CACHE = ` line")?;
    let modules_line = js
        .lines()
        .find(|l| l.starts_with("const MODULES = "))
        .ok_or("sw.js has no `const MODULES = ` line")?;
    let list: Vec<String> = modules.iter().map(|m| format!("'{m}'")).collect();
    Ok(js
        .replacen(
            cache_line,
            &format!("const CACHE = 'natter-shell-{build}';"),
            1,
        )
        .replacen(
            modules_line,
            &format!("const MODULES = [{}];", list.join(", ")),
            1,
        ))
}
