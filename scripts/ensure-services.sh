#!/usr/bin/env bash
# Makes sure the test suite's real parts are there: PostgreSQL on 127.0.0.1:5432, Redis on
# 127.0.0.1:6379, Debian's chromium and npm. Starts what is installed but stopped; installs what is
# missing (needs root, as on CI and the developer machines).
set -euo pipefail

have_port() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
apt_install() {
  if [ "$(id -u)" != 0 ]; then echo "ensure-services: need root to install $*" >&2; exit 1; fi
  if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! have_port 5432; then
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do have_port 5432 && break; sleep 1; done
fi
have_port 5432 || { echo "ensure-services: PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }
# The tests connect over TCP as their own role, facilitator_test, to its own database,
# facilitator_test (each test makes a schema there), without a password. Made here once; where
# PostgreSQL does not already let that role in, one pg_hba.conf line lets in exactly that role to
# exactly that database from 127.0.0.1, and nothing else (see README, "Test it").
test_pg() { psql -h 127.0.0.1 -U facilitator_test -d facilitator_test -Atc "select 1" >/dev/null 2>&1; }
as_postgres() {  # psql as the server's superuser: over the socket as root, else over TCP if trusted
  if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null; then
    runuser -u postgres -- psql -X -v ON_ERROR_STOP=1 "$@"
  else
    psql -X -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 "$@"
  fi
}
hba_file() { as_postgres -d postgres -Atc 'show hba_file'; }
reload_pg() { as_postgres -d postgres -Atc 'select pg_reload_conf()' >/dev/null; }
# Earlier versions of this script trusted everyone on 127.0.0.1: take that line back.
if [ "$(id -u)" = 0 ] && hba=$(hba_file 2>/dev/null) && grep -q '^host all all .*# facilitator-tests$' "$hba"; then
  sed -i '/# facilitator-tests$/d' "$hba"
  reload_pg
fi
if ! test_pg; then
  as_postgres -d postgres -Atc "select 1 from pg_roles where rolname = 'facilitator_test'" | grep -q 1 ||
    as_postgres -d postgres -qc "create role facilitator_test login"
  as_postgres -d postgres -Atc "select 1 from pg_database where datname = 'facilitator_test'" | grep -q 1 ||
    as_postgres -d postgres -qc "create database facilitator_test owner facilitator_test"
fi
if ! test_pg; then
  if [ "$(id -u)" != 0 ]; then echo "ensure-services: need root to let facilitator_test in (pg_hba.conf)" >&2; exit 1; fi
  hba=$(hba_file)
  sed -i '1i host facilitator_test facilitator_test 127.0.0.1/32 trust # facilitator-tests' "$hba"
  reload_pg
  for _ in $(seq 1 10); do test_pg && break; sleep 0.5; done
fi
test_pg || { echo "ensure-services: cannot connect as facilitator_test to 127.0.0.1:5432" >&2; exit 1; }

if ! have_port 6379; then
  command -v redis-server >/dev/null || apt_install redis-server
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/facilitator-tests.log
  for _ in $(seq 1 20); do have_port 6379 && break; sleep 0.5; done
fi
have_port 6379 || { echo "ensure-services: Redis is not reachable on 127.0.0.1:6379" >&2; exit 1; }

[ -x /usr/bin/chromium ] || apt_install chromium fonts-dejavu-core
# Documents rendered to PNG for people to look at: pdftoppm, and LibreOffice for Word and Excel files.
command -v pdftoppm >/dev/null || apt_install poppler-utils
command -v soffice >/dev/null || apt_install --no-install-recommends libreoffice-writer-nogui \
  libreoffice-calc-nogui
# npm brings axe-core (accessibility checks) and the socket.io client from the npm registry.
command -v npm >/dev/null || apt_install npm
echo "services: postgresql :5432, redis :6379, chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}')"
