#!/usr/bin/env bash
# Installs the official SARIF validator (SARIF Multitool, Linux build, pinned by package-lock.json) into
# node_modules here. Idempotent. `.ci/run` calls it before the tests, so a slow registry is paid once
# and outside any test's time limit; the CLI tests call it too when it has not run (a developer's
# `dotnet test`). Each attempt has its own time limit: a download that hangs is retried, not waited for.
set -uo pipefail
cd "$(dirname "$0")"
binary=node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ -f "$binary" ]; then
  chmod u+x "$binary"
  exit 0
fi
command -v npm >/dev/null || { echo "sarif-validator: npm is not on PATH; install Node.js and npm" >&2; exit 1; }

limit="${SARIF_VALIDATOR_INSTALL_TIMEOUT:-600}"
for attempt in 1 2 3; do
  start=$SECONDS
  # --ignore-scripts: the package's only script is `chmod u+x`, done below; http log lines show progress.
  if timeout "$limit" npm ci --no-audit --no-fund --no-progress --prefer-offline --ignore-scripts \
      --fetch-retries=5 --fetch-retry-mintimeout=10000 --fetch-retry-maxtimeout=120000 --loglevel=http \
      && [ -f "$binary" ]; then
    chmod u+x "$binary"
    echo "sarif-validator: installed in $((SECONDS - start)) s (attempt $attempt)"
    exit 0
  fi
  echo "sarif-validator: attempt $attempt failed or timed out after $((SECONDS - start)) s (limit ${limit} s)" >&2
  sleep 5
done
echo "sarif-validator: npm ci failed 3 times; the SARIF validation tests will fail" >&2
exit 1
