#!/usr/bin/env bash
# Writes the secrets docker-compose.yml mounts from ./secrets, each random, once: the app database's
# and Temporal's database passwords, the owner's DATABASE_URL (migrations, simulators), the
# application login's password and URL (the API and the worker), the API's JWT secret and case-id
# key, the key the audit chain's checkpoints are signed with, the Temporal Web UI's client secret,
# and the key Temporal payloads are encrypted with.
# ./secrets is ignored by git; keep it as you would any key (back it up with the volumes).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
umask 077
mkdir -p secrets
random() { head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | cut -c1-40; }
write_once() { [[ -s "secrets/$1" ]] || printf '%s\n' "$2" >"secrets/$1"; }
write_once app-db-password "$(random)"
write_once temporal-db-password "$(random)"
write_once auth-jwt-secret "$(random)"
write_once case-id-secret "$(random)"
write_once database-url "postgres://lien_thong:$(cat secrets/app-db-password)@db:5432/lien_thong"
write_once app-login-password "$(random)"
write_once app-database-url "postgres://lien_thong_app:$(cat secrets/app-login-password)@db:5432/lien_thong"
# The key the API signs the audit chain's checkpoints with (Ed25519; README: the audit chain).
[[ -s secrets/audit-signing-key.pem ]] || openssl genpkey -algorithm ed25519 -out secrets/audit-signing-key.pem
# The worker's and the API's Temporal payload key (README: Encrypted histories); rotate by editing it.
# The Temporal Web UI's client secret at the identity provider (register it there with the client).
write_once temporal-ui-client-secret "$(random)"
write_once temporal-payload-keys.json "{\"active\":\"k1\",\"keys\":{\"k1\":\"$(head -c 32 /dev/urandom | base64)\"}}"
echo "secrets in $(pwd)/secrets"
