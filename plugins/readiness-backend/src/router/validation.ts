import { InputError } from '@backstage/errors';
import { LEVELS, LeaderboardQuery } from '@prodready/plugin-readiness-common';
import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../database/DatabaseReadinessStore';

// Repeated (`?level=a&level=b`) or comma-separated (`?level=a,b`) values.
const list = z
  .union([z.string(), z.array(z.string())])
  .transform(v => (Array.isArray(v) ? v : [v]).flatMap(s => s.split(',')).map(s => s.trim()).filter(Boolean));

const lowerList = list.transform(v => v.map(s => s.toLocaleLowerCase('en-US')));

const leaderboardSchema = z
  .object({
    groupBy: z.enum(['entity', 'owner', 'system']).optional(),
    kind: lowerList.optional(),
    owner: lowerList.optional(),
    system: lowerList.optional(),
    lifecycle: list.optional(),
    level: list.pipe(z.array(z.enum(LEVELS as [string, ...string[]]))).optional(),
    q: z.string().max(200).optional(),
    sort: z.enum(['score', 'name', 'gaps', 'auditedAt']).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  })
  .strict();

const historySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(1000).optional() })
  .strict();

function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.length ? String(issue.path[0]) : 'query';
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown parameter(s) ${(issue as { keys: string[] }).keys.join(', ')}`
      : issue.message;
  throw new InputError(`Invalid ${what} '${field}': ${message}`);
}

/** Parses the leaderboard query; throws InputError naming the field. */
export function parseLeaderboardQuery(query: unknown): LeaderboardQuery {
  return parse(leaderboardSchema, query, 'query parameter') as LeaderboardQuery;
}

/** Parses the history query. */
export function parseHistoryQuery(query: unknown): { limit: number } {
  return { limit: parse(historySchema, query, 'query parameter').limit ?? 100 };
}

const segment = /^[^\s:/]{1,253}$/;

/** The entity ref from route parameters, lower case. */
export function entityRefFromParams(params: { kind: string; namespace: string; name: string }): string {
  for (const key of ['kind', 'namespace', 'name'] as const) {
    if (!segment.test(params[key])) {
      throw new InputError(`Invalid path parameter '${key}': '${params[key]}' is not an entity ref part`);
    }
  }
  return `${params.kind}:${params.namespace}/${params.name}`.toLocaleLowerCase('en-US');
}
