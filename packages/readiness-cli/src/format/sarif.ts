import { createHash } from 'node:crypto';
import type {
  CheckDefinition,
  Evidence,
  Severity,
} from '@prodready/plugin-readiness-common';
import { CATALOG_FILE_NAMES } from '../entity';
import { ReportInput } from './types';

/** The SARIF level of a severity. */
export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

/** GitHub's `security-severity` (0-10) for security rules. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
};

/** A root-relative posix path as a SARIF URI reference. */
export function toUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function fallbackPath(input: ReportInput): string {
  const entityPath = input.scorecard.source.entityPath ?? '';
  const prefix = entityPath ? `${entityPath}/` : '';
  if (
    input.entityFile &&
    !input.entityFile.startsWith('..') &&
    !input.entityFile.startsWith('/')
  ) {
    if (input.paths.includes(input.entityFile)) return input.entityFile;
  }
  const inFolder = input.paths.filter(
    p => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'),
  );
  const preferred = [
    ...CATALOG_FILE_NAMES,
    'README.md',
    'readme.md',
    'README',
    'README.rst',
  ]
    .map(name => `${prefix}${name}`)
    .find(p => inFolder.includes(p));
  return (
    preferred ??
    inFolder[0] ??
    input.paths.find(p => p.startsWith(prefix)) ??
    `${prefix}README.md`
  );
}

function location(e: Pick<Evidence, 'path' | 'line'>) {
  return {
    physicalLocation: {
      artifactLocation: { uri: toUri(e.path), uriBaseId: '%SRCROOT%' },
      region: { startLine: e.line !== undefined && e.line > 0 ? e.line : 1 },
    },
  };
}

function rule(def: CheckDefinition) {
  const tags = ['readiness', def.category];
  if (def.category === 'security') tags.push('security');
  return {
    id: def.id,
    name: def.title,
    shortDescription: { text: def.title },
    fullDescription: { text: def.description },
    help: {
      text: `${def.rationale}\n\nHow to fix: ${def.remediation} (effort ${def.effort})`,
      markdown: `${def.rationale}\n\n**How to fix:** ${def.remediation} (effort ${def.effort})`,
    },
    defaultConfiguration: { level: sarifLevel(def.severity) },
    properties: {
      tags,
      severity: def.severity,
      category: def.category,
      weight: def.weight,
      ...(def.category === 'security'
        ? { 'security-severity': SECURITY_SEVERITY[def.severity] }
        : {}),
    },
  };
}

/**
 * SARIF 2.1.0 with one result per gap: rule = check id, level from the
 * gap's severity, location = the first evidence path and line (the entity's
 * catalog file or README when the gap has no evidence: a missing practice
 * has no file), the other evidence as related locations.
 */
export function formatSarif(input: ReportInput): string {
  const card = input.scorecard;
  const defs = input.definitions;
  const index = new Map(defs.map((d, i) => [d.id, i]));
  const fallback = fallbackPath(input);
  const results = card.gaps.map(gap => {
    const [primary, ...related] = gap.evidence;
    const fingerprint = createHash('sha256')
      .update(`${card.entityRef}\0${gap.checkId}`)
      .digest('hex')
      .slice(0, 32);
    return {
      ruleId: gap.checkId,
      ...(index.has(gap.checkId) ? { ruleIndex: index.get(gap.checkId) } : {}),
      level: sarifLevel(gap.severity),
      message: {
        text: `${gap.title}: ${gap.description} (score ${gap.score}/100). How to fix: ${gap.recommendation}`,
      },
      locations: [location(primary ?? { path: fallback })],
      ...(related.length > 0
        ? {
            relatedLocations: related.slice(0, 20).map((e, id) => ({
              id,
              ...location(e),
              ...(e.note ? { message: { text: e.note } } : {}),
            })),
          }
        : {}),
      partialFingerprints: { 'readinessGap/v1': fingerprint },
      properties: {
        severity: gap.severity,
        checkSeverity: gap.checkSeverity,
        category: gap.category,
        score: gap.score,
        effort: gap.effort,
        entityRef: card.entityRef,
      },
    };
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'readiness',
            semanticVersion: input.toolVersion,
            version: input.toolVersion,
            informationUri:
              'https://www.npmjs.com/package/@prodready/readiness-cli',
            rules: defs.map(rule),
          },
        },
        automationDetails: { id: `readiness/${card.entityRef}/` },
        invocations: [
          {
            executionSuccessful: card.status !== 'source-unavailable',
            ...(card.statusReason
              ? {
                  toolExecutionNotifications: [
                    { level: 'warning', message: { text: card.statusReason } },
                  ],
                }
              : {}),
          },
        ],
        results,
        properties: {
          entityRef: card.entityRef,
          score: card.score,
          level: card.level,
          entityPath: card.source.entityPath ?? '',
        },
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
