#!/usr/bin/env bash
# `npm test` runs this first: it installs what the tests need where it is missing (as root, via
# apt-get), or stops with a message that says exactly what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
# README's walkthrough, which apps/orders/test/local/walkthrough.test.ts runs as written.
command -v curl >/dev/null 2>&1 || missing+=(curl)
# The Redis cache's tests (adapters/redis, the order service's contract with the cache on) run Debian's redis-server.
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# The dashboard's and the docs site's browser tests drive Debian's chromium with playwright-core (never its own download).
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# aws-lambda-ric (optional dependency) is built from source; npm ci skips it when tools are missing.
if [ ! -f node_modules/aws-lambda-ric/dist/rapid-client.node ]; then
  for tool in autoconf automake libtool cmake make g++; do
    command -v "$tool" >/dev/null 2>&1 || command -v "${tool}ize" >/dev/null 2>&1 || missing+=("$tool")
  done
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "prerequisites: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "prerequisites: missing ${missing[*]}. Install them, e.g.: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# Builds aws-lambda-ric into node_modules at the lockfile's version if npm ci skipped it.
bash adapters/aws-lambda/scripts/install-runtime-interface-client.sh

# cfn-lint checks deploy/aws/template.yaml (deploy/test/aws-cfn-lint.test.ts). It is on PyPI only, not in
# Debian 12: pipx (a Debian package) installs it into ~/.local/bin, where the test also looks.
if ! command -v cfn-lint >/dev/null 2>&1 && [ ! -x "$HOME/.pyenv/shims/cfn-lint" ] && [ ! -x "$HOME/.local/bin/cfn-lint" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    if ! command -v pipx >/dev/null 2>&1; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pipx >/dev/null
    fi
    echo "prerequisites: installing cfn-lint from PyPI with pipx"
    if ! PIP_DEFAULT_TIMEOUT=20 PIP_RETRIES=1 pipx install cfn-lint >/dev/null 2>&1; then
      echo "prerequisites: cfn-lint is missing and PyPI cannot be reached here: run 'pipx install cfn-lint' where it can" >&2
      exit 1
    fi
  else
    echo "prerequisites: cfn-lint is missing (it is not packaged in Debian 12): sudo apt-get install -y pipx && pipx install cfn-lint" >&2
    exit 1
  fi
fi

if ! command -v gcloud >/dev/null 2>&1; then
  echo "prerequisites: the Google Cloud CLI with the Firestore and Pub/Sub emulators is needed:" >&2
  echo "  apt-get install -y google-cloud-cli google-cloud-cli-firestore-emulator google-cloud-cli-pubsub-emulator" >&2
  exit 1
fi
