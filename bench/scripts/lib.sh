# Shared by the scripts beside it (sourced, not run).

# wait_listening FILE: waits up to 30 s for the "listening on http://ADDR" line natter
# prints first on stdout into FILE, then sets $url and $port from it; exits if it never
# comes.
wait_listening() {
    for _ in $(seq 600); do grep -q "listening on" "$1" && break; sleep 0.05; done
    grep -q "listening on" "$1" || { echo "natter did not start" >&2; exit 1; }
    url=$(grep -o 'http://[0-9.:]*' "$1" | head -1)
    port=${url##*:}
}
