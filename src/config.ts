import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_DATABASE_URL, isPostgresUrl } from './db/database.js';

export const ZConfigSchema = z.object({
  databaseUrl: z.string().min(1).default(DEFAULT_DATABASE_URL),
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  secret: z.string().min(16, 'DESKWOOT_SECRET must be at least 16 characters').optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Public URL of the server, for links and the Host/Origin allow-list; defaults to http://host:port. */
  publicUrl: z.url().optional(),
  /** MCP requests per minute per bot token. */
  mcpRateLimit: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  /**
   * Seconds after which a money action still in flight counts as cut off by a crash and is checked
   * with its store. Far longer than a store call with its retries may take on any node.
   */
  moneyReconcileAfter: z.coerce.number().int().min(1).max(86_400).default(300),
  /** SQLite's page cache per connection, in MiB (bench:api: 16 MiB keeps searches of a million messages under 100 ms). */
  sqliteCacheMb: z.coerce.number().int().min(1).max(4096).default(16),
  /**
   * How far V8 lets the JS heap grow past what the last full collection kept, in per cent; 0 leaves
   * V8's own choice (up to 4×, which under load lets garbage pile up to hundreds of MB).
   */
  heapGrowthPercent: z.coerce.number().int().min(0).max(300).default(30),
  /** The built-in SMTP receiver's port for email inboxes; unset (the default) keeps it off. 0: any free port. */
  smtpPort: z.coerce.number().int().min(0).max(65535).optional(),
  /** The address the SMTP receiver listens on. */
  smtpHost: z.string().min(1).default('127.0.0.1'),
  /**
   * Behind a reverse proxy: the client's address is the last X-Forwarded-For entry (for the chat
   * widget's per-address limits). Off, the connecting address counts, so the header cannot be forged.
   */
  trustProxy: z.union([z.boolean(), z.stringbool()]).default(false),
});

export type Config = z.infer<typeof ZConfigSchema>;

/** Flags win over environment variables, which win over defaults. */
export function loadConfig(flags: Partial<Record<keyof Config, unknown>> = {}, env = process.env): Config {
  const pick = <T>(flag: T | undefined, name: string) => flag ?? env[name];
  return ZConfigSchema.parse({
    databaseUrl: pick(flags.databaseUrl, 'DESKWOOT_DATABASE_URL'),
    port: pick(flags.port, 'DESKWOOT_PORT'),
    host: pick(flags.host, 'DESKWOOT_HOST'),
    secret: pick(flags.secret, 'DESKWOOT_SECRET'),
    logLevel: pick(flags.logLevel, 'DESKWOOT_LOG_LEVEL'),
    publicUrl: pick(flags.publicUrl, 'DESKWOOT_PUBLIC_URL'),
    mcpRateLimit: pick(flags.mcpRateLimit, 'DESKWOOT_MCP_RATE_LIMIT'),
    moneyReconcileAfter: pick(flags.moneyReconcileAfter, 'DESKWOOT_MONEY_RECONCILE_AFTER'),
    sqliteCacheMb: pick(flags.sqliteCacheMb, 'DESKWOOT_SQLITE_CACHE_MB'),
    heapGrowthPercent: pick(flags.heapGrowthPercent, 'DESKWOOT_HEAP_GROWTH_PERCENT'),
    // An empty DESKWOOT_SMTP_PORT leaves the receiver off, as an unset one does.
    smtpPort:
      pick(flags.smtpPort, 'DESKWOOT_SMTP_PORT') === ''
        ? undefined
        : pick(flags.smtpPort, 'DESKWOOT_SMTP_PORT'),
    smtpHost: pick(flags.smtpHost, 'DESKWOOT_SMTP_HOST'),
    trustProxy: pick(flags.trustProxy, 'DESKWOOT_TRUST_PROXY'),
  });
}

/**
 * The key that seals stored secrets. With PostgreSQL it must be given (several nodes share it);
 * with the embedded SQLite default, one is made once and kept beside the database file.
 */
export function resolveSecret(config: Config): string {
  if (config.secret) return config.secret;
  if (isPostgresUrl(config.databaseUrl)) {
    throw new Error(
      'DESKWOOT_SECRET is required with PostgreSQL (at least 16 characters, the same on every node)',
    );
  }
  const file =
    config.databaseUrl === ':memory:'
      ? null
      : join(dirname(config.databaseUrl.replace(/^sqlite:/, '')), 'deskwoot.secret');
  if (!file) return randomBytes(32).toString('base64url');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

/**
 * Host names allowed in Host and Origin headers on /mcp (DNS-rebinding protection): loopback
 * names, the listening host unless it is a wildcard, and the public URL's host.
 */
export function allowedHostnames(config: Config): string[] {
  const names = new Set(['localhost', '127.0.0.1', '[::1]']);
  if (!WILDCARD_HOSTS.has(config.host))
    names.add(config.host.includes(':') ? `[${config.host}]` : config.host);
  if (config.publicUrl) names.add(new URL(config.publicUrl).hostname);
  return [...names].map((n) => n.toLowerCase());
}
