#!/bin/sh
# Regenerates the PEM fixtures of dev.culvert.vpn.pem's tests with OpenSSL 3 (run here; the
# output is committed). Test material only: these keys protect nothing.
set -eu
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-pkcs8.pem
openssl pkey -in rsa-pkcs8.pem -traditional -out rsa-pkcs1.pem
openssl ecparam -name prime256v1 -genkey -out ec-sec1-with-params.pem
openssl ec -in ec-sec1-with-params.pem -out ec-sec1.pem
openssl pkcs8 -topk8 -nocrypt -in ec-sec1.pem -out ec-pkcs8.pem
openssl ec -in ec-sec1.pem -no_public -out ec-sec1-no-public.pem
openssl ec -in ec-sec1.pem -param_enc explicit -out ec-sec1-explicit-curve.pem
openssl genpkey -algorithm ED25519 -out ed25519-pkcs8.pem
openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:test -in rsa-pkcs8.pem -out rsa-encrypted-pkcs8.pem
openssl rsa -in rsa-pkcs8.pem -traditional -aes256 -passout pass:test -out rsa-encrypted-pkcs1.pem
openssl req -x509 -new -key rsa-pkcs8.pem -subj "/CN=Culvert Test CA" -days 36500 -out ca-rsa.crt
openssl req -x509 -new -key ec-sec1.pem -subj "/CN=Culvert Test EC" -days 36500 -out ec.crt
cat ca-rsa.crt ec.crt > two-certs.pem
