#!/usr/bin/env node
// Makes sure a PostgreSQL server is reachable for the tests and prints its URL.
// Order: DESKWOOT_TEST_DATABASE_URL if set; else a local Debian cluster (installed with apt-get
// when missing and running as root), with a `deskwoot` role and a `deskwoot_test` database.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEFAULT_URL = 'postgres://deskwoot:deskwoot@127.0.0.1:5432/deskwoot_test';

function run(command, args, options = {}) {
  return spawnSync(command, args, { encoding: 'utf8', ...options });
}

function has(command) {
  return run('sh', ['-c', `command -v ${command}`]).status === 0;
}

function log(message) {
  process.stderr.write(`[ensure-postgres] ${message}\n`);
}

function install() {
  if (process.getuid?.() !== 0 || !has('apt-get')) {
    throw new Error(
      'PostgreSQL is not installed. Install it (e.g. apt-get install postgresql) or set DESKWOOT_TEST_DATABASE_URL.',
    );
  }
  log('installing PostgreSQL from the distribution packages…');
  execFileSync('apt-get', ['update', '-q'], { stdio: 'ignore' });
  execFileSync('apt-get', ['install', '-y', '-q', 'postgresql'], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function startCluster() {
  const clusters = run('pg_lsclusters', ['--no-header']).stdout.trim().split('\n').filter(Boolean);
  if (!clusters.length) throw new Error('No PostgreSQL cluster found (pg_lsclusters is empty).');
  const [version, name, , status] = clusters[0].split(/\s+/);
  if (status !== 'online') {
    log(`starting cluster ${version}/${name}…`);
    // Its output goes to stderr: stdout carries only the URL.
    execFileSync('pg_ctlcluster', [version, name, 'start'], { stdio: ['ignore', 2, 2] });
  }
}

function psql(sql) {
  return run('su', ['postgres', '-c', `psql -q -v ON_ERROR_STOP=1 -c "${sql}"`]);
}

function ensureRoleAndDatabase() {
  if (process.getuid?.() !== 0) return;
  psql(
    "do \\$\\$ begin if not exists (select from pg_roles where rolname = 'deskwoot') then create role deskwoot superuser login password 'deskwoot'; end if; end \\$\\$",
  );
  const exists = run('su', [
    'postgres',
    '-c',
    'psql -tAc "select 1 from pg_database where datname = \'deskwoot_test\'"',
  ]).stdout.trim();
  if (exists !== '1') run('su', ['postgres', '-c', 'createdb -O deskwoot deskwoot_test']);
}

if (process.env.DESKWOOT_TEST_DATABASE_URL) {
  process.stdout.write(process.env.DESKWOOT_TEST_DATABASE_URL);
} else {
  if (!has('pg_ctlcluster') && !existsSync('/usr/bin/pg_ctlcluster')) install();
  startCluster();
  ensureRoleAndDatabase();
  process.stdout.write(DEFAULT_URL);
}
