//! Test hosts in network namespaces of their own, each joined to this one by one veth
//! pair per link, so that a link fails as a network does: `ip link set ... down` on this
//! side drops everything that crosses it, both ways, without a FIN or an RST (a relay in
//! user space cannot do that: its kernel still acknowledges what it is sent).

use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

/// One veth pair between this namespace and a host's.
pub struct Link {
    /// The interface on this side (what a cut takes down).
    side: String,
    /// This side's address: where the host reaches services that listen here.
    pub here: String,
    /// The host's address on this link: where this side reaches the host.
    pub there: String,
}

/// A namespace with its links; both go when it is dropped.
pub struct Host {
    name: String,
    links: Vec<Link>,
}

/// Runs `ip` with `args`; the error names what failed.
fn ip(args: &[&str]) -> Result<(), String> {
    let out = Command::new("ip")
        .args(args)
        .output()
        .map_err(|e| format!("`ip` cannot run ({e}): install iproute2"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "`ip {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

static MADE: AtomicU32 = AtomicU32::new(0);

impl Host {
    /// A namespace joined by `links` veth pairs, each its own /30 in 10.0.0.0/8 (named
    /// after this process, so that two test binaries never share one).
    pub fn make(links: usize) -> Result<Host, String> {
        let n = MADE.fetch_add(1, Ordering::SeqCst);
        let pid = std::process::id();
        let name = format!("natter-nf-{pid}-{n}");
        ip(&["netns", "add", &name])?;
        let mut host = Host {
            name: name.clone(),
            links: Vec::new(),
        };
        ip(&["-n", &name, "link", "set", "lo", "up"])?;
        for k in 0..links {
            let tag = format!("{:x}", (pid % 0xffff) * 64 + n * 4 + k as u32);
            let (side, inner) = (format!("nfh{tag}"), format!("nfn{tag}"));
            // 10.B.C.0/30, B and C from this process and the link's number.
            let (b, c) = (100 + pid % 100, (n * 4 + k as u32) % 250);
            let (here, there) = (format!("10.{b}.{c}.1"), format!("10.{b}.{c}.2"));
            ip(&["link", "add", &side, "type", "veth", "peer", "name", &inner])?;
            host.links.push(Link {
                side: side.clone(),
                here: here.clone(),
                there: there.clone(),
            });
            ip(&["link", "set", &inner, "netns", &name])?;
            ip(&["addr", "add", &format!("{here}/30"), "dev", &side])?;
            ip(&["link", "set", &side, "up"])?;
            ip(&[
                "-n",
                &name,
                "addr",
                "add",
                &format!("{there}/30"),
                "dev",
                &inner,
            ])?;
            ip(&["-n", &name, "link", "set", &inner, "up"])?;
        }
        Ok(host)
    }

    /// Link `k`.
    pub fn link(&self, k: usize) -> &Link {
        &self.links[k]
    }

    /// Takes link `k` down: nothing crosses it either way, and neither end is told.
    pub fn cut(&self, k: usize) {
        ip(&["link", "set", &self.links[k].side, "down"]).expect("harness: a cut");
    }

    /// Brings link `k` back.
    pub fn heal(&self, k: usize) {
        ip(&["link", "set", &self.links[k].side, "up"]).expect("harness: a heal");
    }

    /// `program` to be run inside the namespace.
    pub fn command(&self, program: &str) -> Command {
        let mut c = Command::new("ip");
        c.args(["netns", "exec", &self.name, program]);
        c
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        for link in &self.links {
            let _ = ip(&["link", "del", &link.side]);
        }
        let _ = ip(&["netns", "del", &self.name]);
    }
}
