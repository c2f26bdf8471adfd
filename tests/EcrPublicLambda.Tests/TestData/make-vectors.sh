#!/usr/bin/env bash
# Regenerates the AWS golden test data. Needs python3 with botocore (for vectors.json) and, for the
# `aws eks get-token` captures, awscli v1 and faketime. The tests themselves need neither.
set -euo pipefail
cd "$(dirname "$0")/aws"
oracle="${AWS_VECTORS_ORACLE:-$(dirname "$PWD")/aws_vectors.py}"
python3 "$oracle" < cases.json > vectors.json

# `aws eks get-token` output, byte for byte, with a frozen clock and no network.
capture() { # file time cluster region access-key secret-key [session-token]
  env -i PATH="$PATH" HOME="$(mktemp -d)" AWS_ACCESS_KEY_ID="$5" AWS_SECRET_ACCESS_KEY="$6" \
    ${7:+AWS_SESSION_TOKEN="$7"} TZ=UTC \
    faketime -f "$2" aws eks get-token --cluster-name "$3" --region "$4" > "$1"
}
capture get-token-eu-west-1.json '2026-11-26 12:00:00' prod-eu eu-west-1 \
  AKIDEXAMPLE 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
capture get-token-session.json '2026-02-28 23:59:59' team-a_staging-2 ap-southeast-4 \
  ASIAQEXAMPLEROLE0002 'Zz9+/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789' \
  'FwoGZXIvYXdzEBYaDEXAMPLESESSION+TOKEN/with+plus/and/slash=='
