#!/usr/bin/env bash
# Regenerates standard-webhooks-signatures.json from independent implementations, none of them the
# kit's: the npm package standardwebhooks@1.1.1 and Node's crypto (standard-webhooks/vectors.js), and
# the official Java library com.standardwebhooks:standardwebhooks:1.2.0
# (standard-webhooks/JavaLibrarySigner.java). Run from anywhere: ./standard-webhooks-signatures.sh
# Needs node, npm and java 17; the Java library's jar is taken from the local Maven repository (the
# core tests resolve it) or from STANDARD_WEBHOOKS_JAR; the npm package is installed into a scratch
# directory (or taken from STANDARD_WEBHOOKS_NPM_DIR).
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

jar=${STANDARD_WEBHOOKS_JAR:-$HOME/.m2/repository/com/standardwebhooks/standardwebhooks/1.2.0/standardwebhooks-1.2.0.jar}
[ -f "$jar" ] || { echo "no $jar: run 'mvn -pl core dependency:resolve' first or set STANDARD_WEBHOOKS_JAR" >&2; exit 1; }
npm_dir=${STANDARD_WEBHOOKS_NPM_DIR:-$work/npm}
if [ ! -d "$npm_dir/node_modules/standardwebhooks" ]; then
  mkdir -p "$npm_dir"
  (cd "$npm_dir" && npm init -y >/dev/null && npm install --no-audit --no-fund standardwebhooks@1.1.1 >/dev/null)
fi

java -cp "$jar" "$here/standard-webhooks/JavaLibrarySigner.java" >"$work/java.jsonl"
NODE_PATH="$npm_dir/node_modules" node "$here/standard-webhooks/vectors.js" "$work/java.jsonl" \
  >"$here/standard-webhooks-signatures.json"
echo "wrote $(node -e 'console.log(require(process.argv[1]).cases.length)' "$here/standard-webhooks-signatures.json") cases"
