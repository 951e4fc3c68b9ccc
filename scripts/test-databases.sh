#!/usr/bin/env bash
# Source this file: it points Backstage's TestDatabases at the PostgreSQL and
# MariaDB servers on this machine when they answer, so store tests run on real
# databases (TestDatabases would otherwise want Docker). SQLite always runs.
export BACKSTAGE_TEST_DISABLE_DOCKER=1

_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if _port_open 5432; then
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://${PGUSER:-postgres}@127.0.0.1:5432"
  echo "test-databases: PostgreSQL on 127.0.0.1:5432" >&2
else
  echo "test-databases: no PostgreSQL on 127.0.0.1:5432, store tests run on SQLite only" >&2
fi

# TestDatabases wants a user with a password: make a throwaway one per run,
# named per run so that concurrent runs do not change each other's password.
# `drop_test_database_user` removes it (scripts/test-all.sh calls it on exit).
if _port_open 3306 && command -v mysql >/dev/null 2>&1; then
  _rand() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }
  READINESS_TEST_MYSQL_USER="rt_$(_rand 4)"
  _pw="t$(_rand 8)"
  if mysql -h 127.0.0.1 -u root -e "CREATE USER '${READINESS_TEST_MYSQL_USER}'@'%' IDENTIFIED BY '${_pw}'; GRANT ALL PRIVILEGES ON *.* TO '${READINESS_TEST_MYSQL_USER}'@'%';" 2>/dev/null; then
    export READINESS_TEST_MYSQL_USER
    export BACKSTAGE_TEST_DATABASE_MYSQL8_CONNECTION_STRING="mysql://${READINESS_TEST_MYSQL_USER}:${_pw}@127.0.0.1:3306/test"
    echo "test-databases: MariaDB/MySQL on 127.0.0.1:3306" >&2
  else
    unset READINESS_TEST_MYSQL_USER
  fi
  unset _pw
  unset -f _rand
fi

drop_test_database_user() {
  if [ -n "${READINESS_TEST_MYSQL_USER:-}" ]; then
    mysql -h 127.0.0.1 -u root -e "DROP USER IF EXISTS '${READINESS_TEST_MYSQL_USER}'@'%';" 2>/dev/null || true
  fi
}
unset -f _port_open
