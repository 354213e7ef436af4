#!/usr/bin/env bash
# Runs every recipe check of docs/deploy.md (one script per recipe in this folder) against
# a real natter (NATTER_BIN, or the debug/release build under CARGO_TARGET_DIR or
# target/). Each prints what it did; a recipe that cannot run here prints a loud
# "*** ...: SKIPPED: ... ***" line and exits 77, counted as skipped, not failed. Exits
# non-zero if any check failed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
failed=()
passed=0
skipped=0
for check in nginx caddy backup upgrade litestream coturn readme; do
  echo "== deploy/tests/$check.sh"
  status=0
  bash "$here/$check.sh" || status=$?
  case $status in
    0) passed=$((passed + 1)) ;;
    77) skipped=$((skipped + 1)) ;;
    *) failed+=("$check") ;;
  esac
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "deploy recipe checks FAILED: ${failed[*]}"
  echo "deploy: $passed passed, ${#failed[@]} failed, $skipped skipped"
  exit 1
fi
echo "deploy: $passed passed, 0 failed, $skipped skipped"
