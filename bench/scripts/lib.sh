# Shared by the scripts beside it (sourced, not run).

# The load comes from one address with many sockets per user: raise natter's resource
# caps (256 connections per address, 32 sockets per user), as natter-bench does.
export NATTER_MAX_CONNECTIONS_PER_IP=1000000 NATTER_MAX_SOCKETS_PER_USER=1000000

# wait_listening FILE: waits up to 30 s for the "listening on http://ADDR" line natter
# prints first on stdout into FILE, then sets $url and $port from it; exits if it never
# comes.
wait_listening() {
    for _ in $(seq 600); do grep -q "listening on" "$1" && break; sleep 0.05; done
    grep -q "listening on" "$1" || { echo "natter did not start" >&2; exit 1; }
    url=$(grep -o 'http://[0-9.:]*' "$1" | head -1)
    port=${url##*:}
}
