//! How the `natter` executable is linked.
//!
//! Relative relocations packed (`-z pack-relative-relocs`): the 1.8 MB table of them
//! that the loader read at every start becomes about 24 KB. Needs glibc 2.36 or newer
//! where the binary runs; taken when the glibc this build links against has it, so a
//! binary never asks for more than the machine that built it offers.

/// Prints the link arguments for the `natter` binary that this toolchain and target take.
pub fn emit() {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "linux" || var("CARGO_CFG_TARGET_ENV") != "gnu" {
        return;
    }
    let native = var("TARGET") == var("HOST");
    if native && glibc_packs_relocations(&var("CARGO_CFG_TARGET_ARCH")) {
        println!("cargo:rustc-link-arg-bin=natter=-Wl,-z,pack-relative-relocs");
    }
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
