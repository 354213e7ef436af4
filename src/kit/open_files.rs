//! The process's open-file limit. Every socket is a file descriptor, and service managers
//! start processes with a low soft limit (systemd: 1,024) under a high hard one: natter
//! raises its soft limit to the hard limit at start, as Go's runtime and nginx's
//! `worker_rlimit_nofile` do, so that the hard limit (systemd's `LimitNOFILE`) is the
//! one an operator sets.

/// The soft open-file limit before and after [`raise_to_hard`]; `None` where unlimited
/// or unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenFiles {
    pub before: Option<u64>,
    pub now: Option<u64>,
}

/// Raises the soft `RLIMIT_NOFILE` to the hard limit, and says what it was and is. A
/// refusal leaves the limit as it was (`now` then equals `before`).
pub fn raise_to_hard() -> OpenFiles {
    #[cfg(unix)]
    {
        use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
        let limit = getrlimit(Resource::Nofile);
        let before = limit.current;
        if limit.current != limit.maximum {
            let raised = Rlimit {
                current: limit.maximum,
                maximum: limit.maximum,
            };
            if setrlimit(Resource::Nofile, raised).is_ok() {
                return OpenFiles {
                    before,
                    now: limit.maximum,
                };
            }
        }
        OpenFiles {
            before,
            now: before,
        }
    }
    #[cfg(not(unix))]
    OpenFiles {
        before: None,
        now: None,
    }
}
