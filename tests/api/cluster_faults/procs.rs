//! Process faults the tests inject and the kernel state they read to prove a fault
//! took hold: signals by pid, and how many bytes a process has queued on its TCP
//! connections to a port (what has left the process but not the kernel).

use std::process::Command;

/// Sends `signal` ("STOP", "CONT", ...) to `pid`; panics if `kill` fails.
pub fn signal(pid: u32, signal: &str) {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -{signal} {pid} failed");
}

/// The socket inodes `pid` holds (`/proc/<pid>/fd/* -> socket:[inode]`).
fn socket_inodes(pid: u32) -> Vec<String> {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return Vec::new();
    };
    fds.filter_map(|fd| std::fs::read_link(fd.ok()?.path()).ok())
        .filter_map(|target| {
            let target = target.to_string_lossy().into_owned();
            let inode = target.strip_prefix("socket:[")?.strip_suffix(']')?;
            Some(inode.to_string())
        })
        .collect()
}

/// Bytes `pid` has written to its TCP connections to `port` on 127.0.0.1 that the other
/// end has not acknowledged (`/proc/net/tcp`'s `tx_queue`); `None` when it has none.
pub fn unacked_bytes_to(pid: u32, port: u16) -> Option<u64> {
    let inodes = socket_inodes(pid);
    let table = std::fs::read_to_string("/proc/net/tcp").ok()?;
    let remote = format!(":{port:04X}");
    let mut found = None;
    for line in table.lines().skip(1) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        // sl local rem st tx_queue:rx_queue tr:when retrnsmt uid timeout inode
        let (Some(rem), Some(queues), Some(inode)) = (cols.get(2), cols.get(4), cols.get(9)) else {
            continue;
        };
        if rem.ends_with(&remote) && inodes.iter().any(|i| i == inode) {
            let tx = queues.split(':').next().unwrap_or("0");
            *found.get_or_insert(0) += u64::from_str_radix(tx, 16).unwrap_or(0);
        }
    }
    found
}
