//! The release's packaging, tried on the debug binary this suite built, so that a change
//! that breaks the archive or the container image fails `cargo test` and not a release:
//!
//! - `packaging/test-archive.sh`: the archive (made by `packaging/make-archive.sh`, as
//!   `packaging/release.sh` makes it) unpacked in an empty folder and run from there with
//!   `PATH=/usr/bin:/bin` (as root in a network namespace of its own): sign-up, a message,
//!   SIGTERM, a restart that still has the message.
//! - `packaging/test-image.sh`: the image (`packaging/stage-image.sh` and
//!   `packaging/Containerfile`, built with buildah) run without a container runtime as one
//!   would run it (its user, environment, working directory and entrypoint, natter as PID
//!   1), three containers on one volume: a previous image (built anew from the same binary:
//!   no earlier release is at hand), the image under test (the upgrade), a restart.
//!
//! No dist build: the scripts take this binary as `NATTER_BIN`, strip a copy and package
//! it; each runs in seconds and removes what it made (folders, containers, images).
//! Without the tools (buildah, busybox-static, root for namespaces) a test prints a loud
//! SKIPPED line and passes, unless `NATTER_REQUIRE_PACKAGING=1` (CI), which makes it fail.

use std::path::Path;
use std::process::Command;

/// Whether a missing tool is a failure (`NATTER_REQUIRE_PACKAGING=1`, as CI sets it).
fn required() -> bool {
    std::env::var("NATTER_REQUIRE_PACKAGING").is_ok_and(|v| v == "1")
}

/// Whether `test` can run: `why_not` is `None` when it can. Otherwise prints a loud
/// SKIPPED line on the real stderr (shown even for a passing test), or panics under
/// `NATTER_REQUIRE_PACKAGING=1`.
fn can_run(test: &str, why_not: Option<String>) -> bool {
    let Some(why) = why_not else { return true };
    if required() {
        panic!("{test} cannot run (NATTER_REQUIRE_PACKAGING=1): {why}");
    }
    let line = format!(
        "\n*** {test} SKIPPED: {why}\n*** (NATTER_REQUIRE_PACKAGING=1 makes this a failure)\n"
    );
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
    false
}

/// The first of `tools` that is not on PATH, as a reason.
fn missing_tool(tools: &[&str]) -> Option<String> {
    tools.iter().find_map(|tool| {
        let found = Command::new("sh")
            .args(["-c", "command -v \"$1\" >/dev/null", "sh", tool])
            .status()
            .is_ok_and(|s| s.success());
        (!found).then(|| format!("{tool} is not on PATH"))
    })
}

/// Whether this process runs as root (namespaces, chroot and buildah need it).
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Why the image test cannot run here, if it cannot: root, its tools, a static busybox
/// (the health check's), and namespaces that can really be made (some containers refuse).
fn image_test_blocked() -> Option<String> {
    if !is_root() {
        return Some("not root (namespaces, chroot and buildah need it)".into());
    }
    let tools = [
        "buildah", "unshare", "nsenter", "ip", "curl", "python3", "readelf", "objcopy",
    ];
    if let Some(why) = missing_tool(&tools) {
        return Some(format!(
            "{why} (apt-get install buildah busybox-static util-linux iproute2 curl binutils)"
        ));
    }
    let busybox = Command::new("readelf")
        .args(["-l", "/bin/busybox"])
        .output();
    let is_static = busybox.is_ok_and(|o| {
        o.status.success() && !String::from_utf8_lossy(&o.stdout).contains("program interpreter")
    });
    if !is_static {
        return Some("no static /bin/busybox (apt-get install busybox-static)".into());
    }
    let namespaces = Command::new("unshare")
        .args(["--mount", "--pid", "--net", "--fork", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !namespaces {
        return Some("unshare --mount --pid --net fails here".into());
    }
    None
}

/// Why the archive test cannot run here, if it cannot (as root it also needs a network
/// namespace of its own).
fn archive_test_blocked() -> Option<String> {
    let tools = [
        "curl",
        "python3",
        "xz",
        "tar",
        "sha256sum",
        "readelf",
        "objcopy",
    ];
    if let Some(why) = missing_tool(&tools) {
        return Some(format!("{why} (apt-get install curl xz-utils binutils)"));
    }
    if is_root() {
        let netns = Command::new("unshare")
            .args(["--net", "true"])
            .status()
            .is_ok_and(|s| s.success());
        if !netns {
            return Some("unshare --net fails here".into());
        }
    }
    None
}

/// Runs `packaging/<script>` on this suite's natter binary; panics with its output if it
/// fails. Returns its last line (the script's "passed in N s").
fn run_script(script: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("bash")
        .arg(root.join("packaging").join(script))
        .env("NATTER_BIN", env!("CARGO_BIN_EXE_natter"))
        .env_remove("NATTER_PREVIOUS")
        .current_dir(root)
        .output()
        .unwrap_or_else(|e| panic!("cannot start bash packaging/{script}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "packaging/{script} failed ({}):\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        out.status
    );
    stdout.lines().last().unwrap_or_default().to_string()
}

#[test]
fn the_release_archive_runs_where_no_rust_is() {
    if !can_run(
        "the_release_archive_runs_where_no_rust_is",
        archive_test_blocked(),
    ) {
        return;
    }
    let last = run_script("test-archive.sh");
    assert!(last.starts_with("test-archive.sh: passed"), "{last}");
}

#[test]
fn the_container_image_keeps_its_data_across_a_restart_and_an_upgrade() {
    let test = "the_container_image_keeps_its_data_across_a_restart_and_an_upgrade";
    if !can_run(test, image_test_blocked()) {
        return;
    }
    let last = run_script("test-image.sh");
    assert!(last.starts_with("test-image.sh: passed"), "{last}");
}

/// natter.env is where an operator puts secrets (a provider's client secret, the relay's
/// password): every command the docs give that installs it makes it root's to write and
/// the natter group's to read, as the package and the archive do.
#[test]
fn the_docs_install_natter_env_readable_by_root_and_natter_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for page in ["README.md", "docs/install.md", "docs/deploy.md"] {
        let text = std::fs::read_to_string(root.join(page)).expect("the page");
        for line in text.lines() {
            let installs = ["install -", "cp ", "chmod ", "chown "]
                .iter()
                .any(|cmd| line.contains(cmd));
            if !(line.contains("natter.env") && installs) {
                continue;
            }
            seen += 1;
            assert!(
                line.contains("-m 640 -o root -g natter"),
                "{page}: `{line}` does not install natter.env 0640 root:natter"
            );
        }
    }
    assert!(
        seen > 0,
        "no page installs natter.env any more: this test lost its object"
    );
}
