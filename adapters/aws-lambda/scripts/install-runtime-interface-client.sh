#!/usr/bin/env bash
# Builds aws-lambda-ric (an optional dependency whose native build `npm ci` skips when autoconf,
# automake, libtool or cmake were missing) into node_modules, at exactly the version and
# integrity package-lock.json records, without running npm install: the lockfile and every other
# package stay as they are. The tests run the built bundles under it, the way Lambda does.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
target="$root/node_modules/aws-lambda-ric"

if [ -f "$target/dist/rapid-client.node" ] && [ -f "$target/dist/index.mjs" ]; then
  exit 0
fi

# The version and integrity npm ci would have installed, from the lockfile.
read -r version integrity addon_version addon_integrity < <(node -e '
  const lock = require(process.argv[1]).packages;
  const ric = lock["node_modules/aws-lambda-ric"], addon = lock["node_modules/node-addon-api"];
  if (!ric || !addon) { console.error("package-lock.json records no aws-lambda-ric / node-addon-api"); process.exit(1); }
  console.log(ric.version, ric.integrity, addon.version, addon.integrity);
' "$root/package-lock.json")

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Fetches a tarball through npm (its cache and registry settings) and checks the lockfile's hash.
fetch() {
  local name="$1" version="$2" integrity="$3" tarball
  tarball="$(cd "$work" && npm pack --silent "$name@$version")"
  local actual
  actual="sha512-$(openssl dgst -sha512 -binary "$work/$tarball" | base64 -w0)"
  if [ "$actual" != "$integrity" ]; then
    echo "aws-lambda-ric: $name@$version does not match the integrity in package-lock.json" >&2
    exit 1
  fi
  echo "$work/$tarball"
}

echo "aws-lambda-ric: building $version (native client; about 80 s)"
mkdir -p "$work/aws-lambda-ric/node_modules/node-addon-api"
tar xzf "$(fetch aws-lambda-ric "$version" "$integrity")" -C "$work/aws-lambda-ric" --strip-components=1
tar xzf "$(fetch node-addon-api "$addon_version" "$addon_integrity")" -C "$work/aws-lambda-ric/node_modules/node-addon-api" --strip-components=1

# Node's headers come with the installed Node where npm has no nodedir of its own: no download.
node_prefix="$(dirname "$(dirname "$(command -v node)")")"
if [ -z "${npm_config_nodedir:-}" ] && [ "$(npm config get nodedir)" = "undefined" ] && [ -f "$node_prefix/include/node/node.h" ]; then
  export npm_config_nodedir="$node_prefix"
fi

# The package's own install scripts; `npm run` puts npm's bundled node-gyp on the PATH.
(
  cd "$work/aws-lambda-ric"
  sh ./scripts/preinstall.sh >"$work/build.log" 2>&1 && sh ./scripts/postinstall.sh >>"$work/build.log" 2>&1
) || {
  tail -n 40 "$work/build.log" >&2
  echo "aws-lambda-ric: the native build failed (it needs autoconf automake libtool cmake make g++ python3)" >&2
  exit 1
}

# Build-time only: the runtime loads dist/index.mjs and dist/rapid-client.node. (The package's
# own clean-up globs are bash syntax under sh, and remove the tarballs instead of the sources.)
rm -rf "$work/aws-lambda-ric/node_modules" "$work/aws-lambda-ric/build" "$work/aws-lambda-ric/deps"
rm -rf "$target"
mv "$work/aws-lambda-ric" "$target"
mkdir -p "$root/node_modules/.bin"
ln -sf ../aws-lambda-ric/bin/index.mjs "$root/node_modules/.bin/aws-lambda-ric"
echo "aws-lambda-ric: $version installed in node_modules"
