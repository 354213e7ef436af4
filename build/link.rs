//! How the `natter` executable is linked, so that a fresh start maps less of it.
//!
//! A start runs a few thousand functions (argument parsing, the schema, the runtime,
//! the HTTP clients' set-up) scattered over 21 MB of machine code; the kernel maps 64 KB
//! around each one it touches, so 13 MB of code stayed mapped in an idle server. Two
//! linker options, each only where the toolchain takes it:
//!
//! - `build/startup-order.txt` and `build/startup-order-dist.txt` (written by
//!   `bench/scripts/startup-order.sh`, for the release and dist profiles, which name
//!   their functions differently) list the functions a start and a first visit run; a
//!   linker script made from them puts those first, together, in the lists' order, and
//!   a start then maps about 3 MB of code. A function no list names (new since the list
//!   was made) is placed as usual: a stale list costs memory, never correctness. Needs
//!   LLD, Rust's linker on x86_64 Linux since 1.90.
//! - Relative relocations packed (`-z pack-relative-relocs`): 1.8 MB of them that the
//!   loader read at every start become about 24 KB. Needs glibc 2.36 or newer where the
//!   binary runs; taken when the glibc it links against has it.

use std::path::Path;

/// Prints the link arguments for the `natter` binary that this toolchain and target take.
pub fn emit(manifest: &Path, out_dir: &Path) {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "linux" || var("CARGO_CFG_TARGET_ENV") != "gnu" {
        return;
    }
    let native = var("TARGET") == var("HOST");
    if native && glibc_packs_relocations(&var("CARGO_CFG_TARGET_ARCH")) {
        println!("cargo:rustc-link-arg-bin=natter=-Wl,-z,pack-relative-relocs");
    }
    let optimised = var("PROFILE") == "release";
    if !optimised || !links_with_lld() {
        return;
    }
    // The release profile's list and the dist profile's: each build finds its own names
    // (the other's name no function of it).
    let list: String = ["build/startup-order.txt", "build/startup-order-dist.txt"]
        .iter()
        .filter_map(|file| std::fs::read_to_string(manifest.join(file)).ok())
        .collect::<Vec<_>>()
        .join("\n");
    let script = out_dir.join("startup-order.ld");
    let path = script.to_string_lossy();
    if !path.contains(',') && std::fs::write(&script, startup_script(&list)).is_ok() {
        println!("cargo:rustc-link-arg-bin=natter=-Wl,-T,{path}");
    }
    // Where each function landed, for `bench/scripts/startup-order.sh dist`: the dist
    // build is stripped, so only the linker's map names what callgrind saw run.
    println!("cargo:rerun-if-env-changed=NATTER_LINK_MAP");
    if let Ok(map) = std::env::var("NATTER_LINK_MAP") {
        if !map.is_empty() && !map.contains(',') {
            println!("cargo:rustc-link-arg-bin=natter=-Wl,-Map={map}");
        }
    }
}

/// The linker script that puts the listed functions, in the list's order, in a section
/// of their own before the rest of the code. Each function is its own input section,
/// `.text.<symbol>` (`.text.unlikely.<symbol>` for a cold one); a name may carry the
/// `.llvm.<hash>` suffix of a local function another part of its crate calls. `INSERT`
/// keeps the linker's own layout for the rest.
fn startup_script(list: &str) -> String {
    let mut script = String::from("SECTIONS\n{\n  .text.startup_order : {\n");
    for name in list.lines().map(str::trim) {
        // Only what a symbol may hold; nothing a pattern would read as a wildcard.
        let plain = name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.$".contains(&b));
        if !name.is_empty() && plain {
            script.push_str(&format!(
                "    *(.text.{name} .text.{name}.llvm.* \
                 .text.unlikely.{name} .text.unlikely.{name}.llvm.*)\n"
            ));
        }
    }
    script.push_str("  }\n}\nINSERT BEFORE .text;\n");
    script
}

/// Whether the C library this build links against reads packed relocations: glibc
/// marks it with the `GLIBC_ABI_DT_RELR` version, which a packed binary then requires.
fn glibc_packs_relocations(arch: &str) -> bool {
    [
        format!("/lib/{arch}-linux-gnu/libc.so.6"),
        format!("/usr/lib/{arch}-linux-gnu/libc.so.6"),
        "/lib64/libc.so.6".to_string(),
        "/usr/lib64/libc.so.6".to_string(),
    ]
    .iter()
    .find_map(|p| std::fs::read(p).ok())
    .is_some_and(|bytes| {
        bytes
            .windows(b"GLIBC_ABI_DT_RELR".len())
            .any(|w| w == b"GLIBC_ABI_DT_RELR")
    })
}

/// Whether rustc links this build with its own LLD: its default for x86_64 Linux since
/// Rust 1.90, unless the build's flags choose the linker themselves.
fn links_with_lld() -> bool {
    if std::env::var("TARGET").as_deref() != Ok("x86_64-unknown-linux-gnu") {
        return false;
    }
    let flags = std::env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    if ["linker", "link-self-contained", "fuse-ld"]
        .iter()
        .any(|f| flags.contains(f))
    {
        return false;
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let Ok(out) = std::process::Command::new(rustc).arg("--version").output() else {
        return false;
    };
    // "rustc 1.95.0 (59807616e 2026-04-14)"
    let text = String::from_utf8_lossy(&out.stdout);
    let mut version = text
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .split(['.', '-'])
        .map(|n| n.parse::<u32>().unwrap_or(0));
    let (major, minor) = (version.next().unwrap_or(0), version.next().unwrap_or(0));
    (major, minor) >= (1, 90)
}
