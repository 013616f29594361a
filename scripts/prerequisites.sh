#!/usr/bin/env bash
# `npm test` runs this first: it installs what the tests need where it is missing (as root, via
# apt-get), or stops with a message that says exactly what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
# aws-lambda-ric (optional dependency) is built from source; npm ci skips it when tools are missing.
if [ ! -f node_modules/aws-lambda-ric/dist/rapid-client.node ]; then
  for tool in autoconf automake libtool cmake; do
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

if ! command -v gcloud >/dev/null 2>&1; then
  echo "prerequisites: the Google Cloud CLI with the Firestore and Pub/Sub emulators is needed:" >&2
  echo "  apt-get install -y google-cloud-cli google-cloud-cli-firestore-emulator google-cloud-cli-pubsub-emulator" >&2
  exit 1
fi
