import { terraformFiles } from './datastore';
import { k8sObjects, yamlFiles } from './kubernetes';
import { hinted, testHinted } from './hints';
import { lineOf, RepoView, TextFile } from './RepoView';

/** A file that defines alerts or SLOs as code. @public */
export interface AlertDefinition {
  path: string;
  line: number;
  /** What it is, e.g. "Prometheus alert rules" or "Terraform datadog_monitor". */
  what: string;
  /** Line of a non-empty `runbook_url` in the file, when there is one. */
  runbookLine?: number;
}

// A non-empty runbook_url key (YAML `runbook_url: x`, HCL `runbook_url = "x"`), not commented out.
const RUNBOOK_URL = /^[^#\n]*?["']?\brunbook_url["']?\s*[:=]\s*["']?[^\s"'#]/m;

// A Prometheus alerting rule inside a rule group: `- alert: Name` with an `expr:`.
// (Each starts at every line with blanks: the hints pass over files without the key.)
const ALERT_RULE = hinted(/^\s*-?\s*alert\s*:\s*["']?[\w{]/m, 'alert');
const RULE_EXPR = hinted(/^\s*-?\s*expr\s*:/m, 'expr');
const RULE_GROUPS = hinted(/^\s*-?\s*groups\s*:/m, 'groups');
const SLOTH_VERSION = hinted(/^version\s*:\s*["']?prometheus\/v1/m, 'prometheus/v1');

const TF_MONITORS =
  /^[ \t]*resource\s+"(datadog_monitor|aws_cloudwatch_metric_alarm|aws_cloudwatch_composite_alarm|google_monitoring_alert_policy|azurerm_monitor_metric_alert|grafana_rule_group)"/m;

function runbookLine(text: string): number | undefined {
  const m = RUNBOOK_URL.exec(text);
  return m ? lineOf(text, m.index) : undefined;
}

function firstLine(file: TextFile, pattern: RegExp): number | undefined {
  const m = pattern.exec(file.text);
  if (!m) return undefined;
  return lineOf(file.text, m.index + (m[0].length - m[0].trimStart().length));
}

/**
 * Alerts and SLOs as code (observability-alerts of CHECKS.md): Prometheus rule
 * groups with `alert:` and `expr:` (plain rule files, ConfigMaps and
 * `PrometheusRule` objects), Sloth, Pyrra and OpenSLO specs, and Terraform
 * monitors. A `PrometheusRule` with only recording rules is not an alert.
 * @public
 */
export function alertDefinitions(repo: RepoView): Promise<AlertDefinition[]> {
  return repo.memo('observability:alerts', async () => {
    const out: AlertDefinition[] = [];
    const seen = new Set<string>();
    const add = (def: AlertDefinition) => {
      if (seen.has(def.path)) return;
      seen.add(def.path);
      out.push(def);
    };
    const texts = new Map((await yamlFiles(repo)).map(f => [f.path, f.text]));

    for (const o of await k8sObjects(repo)) {
      const text = texts.get(o.path) ?? '';
      const kinds: [boolean, string][] = [
        [o.kind === 'PrometheusServiceLevel' && o.apiVersion.startsWith('sloth.slok.dev/'), 'Sloth SLO'],
        [o.kind === 'ServiceLevelObjective' && o.apiVersion.startsWith('pyrra.dev/'), 'Pyrra SLO'],
        [/^openslo\/v1/i.test(o.apiVersion), `OpenSLO ${o.kind}`],
        // A PrometheusRule of recording rules only is not an alert.
        [o.kind === 'PrometheusRule' && !(/^\s*-?\s*record\s*:/m.test(text) && !ALERT_RULE.test(text)), 'PrometheusRule'],
      ];
      const what = kinds.find(([is]) => is)?.[1];
      if (what) add({ path: o.path, line: o.line, what, runbookLine: runbookLine(text) });
    }

    for (const [path, text] of texts) {
      const file = { path, text };
      if (testHinted(RULE_GROUPS, text) && testHinted(ALERT_RULE, text) && testHinted(RULE_EXPR, text)) {
        add({ path, line: firstLine(file, ALERT_RULE) ?? 1, what: 'Prometheus alert rules', runbookLine: runbookLine(text) });
      } else if (testHinted(SLOTH_VERSION, text) && /^slos\s*:/m.test(text)) {
        add({ path, line: firstLine(file, /^slos\s*:/m) ?? 1, what: 'Sloth SLO spec', runbookLine: runbookLine(text) });
      }
    }

    for (const f of await terraformFiles(repo)) {
      const m = TF_MONITORS.exec(f.text);
      if (m) add({ path: f.path, line: firstLine(f, TF_MONITORS) ?? 1, what: `Terraform ${m[1]}`, runbookLine: runbookLine(f.text) });
    }
    return out;
  });
}
