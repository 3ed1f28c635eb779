#!/usr/bin/env bash
# contrib/nginx/tilsyn.conf and contrib/apache/tilsyn.conf, as an operator installs them, in a
# real nginx and Apache with a throwaway configuration in a temporary directory (nothing in
# /etc is changed): each passes its server's own check (nginx -t, apache2 -t), and
# started on free ports in front of a stand-in for `tilsyn serve` (proxy_roundtrip.py) each
# strips every client copy of X-Remote-User, passes Host, X-Forwarded-For and
# X-Forwarded-Proto as the server expects, sends HSTS and redirects plain HTTP; nginx refuses
# uploads above 20 MB (Apache cannot limit a body it streams to the server; see its file).
# nginx's commented single sign-on variant is run too, against a stand-in for oauth2-proxy;
# Apache's two (mod_auth_openidc, mod_auth_mellon) are checked with apache2 -t and started,
# with no request (they would need Entra ID or KOMBIT). The certificates are self-signed, made
# here with openssl. Needs nginx, apache2, libapache2-mod-auth-openidc and
# libapache2-mod-auth-mellon (contrib/install-deps). About 4 s.
# Usage: proxy_configs.sh    (KEEP=1 keeps the temporary directory, with the servers' logs)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
contrib=$here/../../contrib
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2> /dev/null || true; done
  [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
for tool in nginx apache2 openssl python3; do
  command -v "$tool" > /dev/null || fail "$tool not found (contrib/install-deps installs it)"
done
modules=/usr/lib/apache2/modules
for m in auth_openidc auth_mellon; do
  [ -f "$modules/mod_$m.so" ] || fail "mod_$m not found (contrib/install-deps installs it)"
done
# nginx's and Apache's workers run as www-data when started as root, and must reach the
# temporary directory.
chmod 755 "$work"
[ "$(id -u)" = 0 ] && as_root=1 || as_root=

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj /CN=tilsyn.kommune.example -addext basicConstraints=critical,CA:FALSE \
  -keyout "$work/tls.key" -out "$work/tls.pem" 2> /dev/null
read -r https http backend auth < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(4)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))')

# The contrib file with this test's certificate, ports and backend: 443 and 80 become free
# ports on 127.0.0.1 (no IPv6 listener, which a container may lack), 8080 the stand-in's port.
localize() {
  sed -e "s|/etc/ssl/certs/tilsyn.kommune.example.pem|$work/tls.pem|" \
      -e "s|/etc/ssl/private/tilsyn.kommune.example.key|$work/tls.key|" \
      -e "s|127.0.0.1:8080|127.0.0.1:$backend|g" -e "s|127.0.0.1:4180|127.0.0.1:$auth|g" \
      -e "s|/etc/apache2/mellon/|$work/mellon/|" \
      -e '/listen \[::\]:/d' -e "s|listen 443 |listen 127.0.0.1:$https |" -e "s|listen 80;|listen 127.0.0.1:$http;|" \
      -e "s|<VirtualHost \*:443>|<VirtualHost *:$https>|" -e "s|<VirtualHost \*:80>|<VirtualHost *:$http>|" "$1"
}
# Waits until something listens on the port, for up to 5 s.
wait_for_port() {
  for _ in $(seq 50); do
    python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), 0.2)" 2> /dev/null && return 0
    sleep 0.1
  done
  return 1
}
# Stops the server started last and waits for it to exit.
stop_last() {
  local pid=${pids[-1]}
  kill "$pid"; wait "$pid" 2> /dev/null || true
  unset 'pids[-1]'
}

# ---- nginx
nginx_run() {
  local name=$1 site=$2 dir=$work/$1
  mkdir -p "$dir/tmp"
  cp "$site" "$dir/tilsyn.conf"
  {
    [ -z "$as_root" ] || echo "user www-data;"
    echo "pid $dir/nginx.pid;"
    echo "error_log $dir/error.log warn;"
    echo "events {}"
    echo "http {"
    echo "  access_log off;"
    for t in client_body proxy fastcgi uwsgi scgi; do echo "  ${t}_temp_path $dir/tmp/$t;"; done
    echo "  include $dir/tilsyn.conf;"
    echo "}"
  } > "$dir/nginx.conf"
  local nginx=(nginx -p "$dir/" -e "$dir/error.log" -c "$dir/nginx.conf")
  "${nginx[@]}" -t -q 2> "$dir/t.out" || fail "$name: nginx -t: $(cat "$dir/t.out")"
  "${nginx[@]}" -g 'daemon off;' 2>> "$dir/error.log" &
  pids+=($!)
  wait_for_port "$https" || fail "$name: nginx did not start: $(cat "$dir/error.log")"
  python3 "$here/proxy_roundtrip.py" "$name" --https "$https" --http "$http" --backend "$backend" "${@:3}" \
    || fail "$name: see above; nginx's log: $(cat "$dir/error.log")"
  stop_last
}
localize "$contrib/nginx/tilsyn.conf" > "$work/nginx-plain.conf"
nginx_run nginx "$work/nginx-plain.conf"
# The single sign-on variant as its comment says: the "Local passwords" block deleted, the
# leading "#" removed from the commented configuration lines of the single sign-on block.
awk '/# ---- Local passwords/ { skip = 1 } /# ---- end of local passwords/ { skip = 0; next } skip { next }
     /# ---- Single sign-on/ { sso = 1 } /# ---- end of single sign-on/ { sso = 0 }
     sso && /^ *#(location|\}|    )/ { sub(/#/, "") } { print }' "$work/nginx-plain.conf" > "$work/nginx-sso.conf"
grep -q 'auth_request /oauth2/auth;' "$work/nginx-sso.conf" && ! grep -q '^ *#location' "$work/nginx-sso.conf" \
  || fail "could not uncomment nginx's single sign-on variant"
nginx_run nginx-oauth2-proxy "$work/nginx-sso.conf" --sso "$auth"

# ---- Apache
# Its single sign-on sections need the files an operator makes: the service provider's key,
# certificate and metadata from mellon_create_metadata, and the identity provider's metadata
# (a made-up one here).
mkdir "$work/mellon"
( cd "$work/mellon" && mellon_create_metadata https://tilsyn.kommune.example/mellon/metadata \
    https://tilsyn.kommune.example/mellon > /dev/null 2>&1 ) || fail "mellon_create_metadata failed"
for ext in xml key cert; do mv "$work"/mellon/*."$ext" "$work/mellon/tilsyn.$ext"; done
cat > "$work/mellon/idp-metadata.xml" <<XML
<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.test.example/">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>$(sed '1d;$d' "$work/mellon/tilsyn.cert" | tr -d '\n')</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.test.example/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
XML
localize "$contrib/apache/tilsyn.conf" > "$work/apache-site.conf"
apache_conf() {
  local dir=$1
  mkdir -p "$dir"
  cat <<CONF
ServerRoot $dir
ServerName localhost
PidFile $dir/httpd.pid
DefaultRuntimeDir $dir
Mutex file:$dir default
ErrorLog $dir/error.log
LogLevel warn
TypesConfig /dev/null
Listen 127.0.0.1:$http
Listen 127.0.0.1:$https https
SSLSessionCache shmcb:$dir/ssl_scache(512000)
$([ -z "$as_root" ] || printf 'User www-data\nGroup www-data')
CONF
  for m in mpm_event authz_core authz_user authn_core alias mime setenvif headers socache_shmcb ssl proxy proxy_http; do
    echo "LoadModule ${m}_module $modules/mod_$m.so"
  done
  printf '<IfDefine TILSYN_SSO_OIDC>\n  LoadModule auth_openidc_module %s\n</IfDefine>\n' "$modules/mod_auth_openidc.so"
  printf '<IfDefine TILSYN_SSO_MELLON>\n  LoadModule auth_mellon_module %s\n</IfDefine>\n' "$modules/mod_auth_mellon.so"
  echo "Include $work/apache-site.conf"
}
apache_run() {
  local name=$1 define=$2 dir=$work/$1
  apache_conf "$dir" > "$dir.conf"
  local apache=(apache2 -d "$dir" -f "$dir.conf")
  [ -z "$define" ] || apache+=(-D "$define")
  "${apache[@]}" -t > "$dir/t.out" 2>&1 || fail "$name: apache2 -t: $(cat "$dir/t.out")"
  grep -qx 'Syntax OK' "$dir/t.out" && [ "$(wc -l < "$dir/t.out")" = 1 ] \
    || fail "$name: apache2 -t warned: $(cat "$dir/t.out")"
  "${apache[@]}" -D FOREGROUND &
  pids+=($!)
  wait_for_port "$https" || fail "$name: Apache did not start: $(cat "$dir/error.log")"
  if [ -z "$define" ]; then
    python3 "$here/proxy_roundtrip.py" "$name" --https "$https" --http "$http" --backend "$backend" \
      --no-body-limit || fail "$name: see above; Apache's log: $(cat "$dir/error.log")"
  else
    kill -0 "${pids[-1]}" 2> /dev/null || fail "$name: Apache stopped: $(cat "$dir/error.log")"
    echo "ok: $name (apache2 -t, started)"
  fi
  stop_last
  # Apache's error log has its start and stop notices, and nothing above them (but mod_ssl's
  # note that OpenSSL was updated since it was built, a fact about this machine).
  ! grep -vE ':(notice|info)\]|AH01882' "$dir/error.log" | grep -q . \
    || fail "$name: Apache logged: $(grep -vE ':(notice|info)\]|AH01882' "$dir/error.log")"
}
apache_run apache ""
apache_run apache-openidc TILSYN_SSO_OIDC
apache_run apache-mellon TILSYN_SSO_MELLON
echo "ok: nginx and Apache strip X-Remote-User, forward Host, X-Forwarded-For and X-Forwarded-Proto, send HSTS, redirect HTTP; nginx limits uploads; every variant passes its server's check"
