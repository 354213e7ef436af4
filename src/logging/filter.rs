//! The `--log` value: a level or a tracing filter, refused when it is a slip.

/// A `--log` value that tracing accepts and that is not a slip: a bare word must be a
/// level, since tracing would read `verbose` as "everything from a module named verbose"
/// and log nothing else.
pub fn log_filter(value: &str) -> Result<tracing_subscriber::EnvFilter, String> {
    const LEVELS: [&str; 6] = ["off", "error", "warn", "info", "debug", "trace"];
    let refused = || {
        format!(
            "--log {value:?} is not a log filter: expected error, warn, info, debug or trace, \
             or a tracing filter such as warn,natter=debug"
        )
    };
    let slip = value.split(',').map(str::trim).any(|directive| {
        directive.is_empty()
            || (!directive.contains(['=', '[', ':'])
                && !LEVELS.contains(&directive.to_ascii_lowercase().as_str()))
    });
    if slip {
        return Err(refused());
    }
    tracing_subscriber::EnvFilter::try_new(value).map_err(|_| refused())
}

#[cfg(test)]
mod tests {
    use super::log_filter;

    #[test]
    fn a_log_filter_is_a_level_or_a_directive() {
        for good in [
            "info",
            "WARN",
            "warn,natter=debug",
            "natter::access=info",
            "off",
        ] {
            assert!(log_filter(good).is_ok(), "{good}");
        }
        for bad in ["verbose", "", "info,", "natter=loud"] {
            let e = log_filter(bad).expect_err(bad);
            assert!(e.contains("is not a log filter"), "{e}");
        }
    }
}
