import { Evidence } from '@prodready/plugin-readiness-common';
import { ReadinessCheck, outcome } from '../api/check';
import { isLibrary } from '../facts/classify';
import { workloads } from '../facts/kubernetes';
import { hinted, mayMatch, testHinted } from '../facts/hints';
import { RepoView, TextFile, lineOf } from '../facts/RepoView';
import { parseYamlDocuments } from '../facts/yaml';

const LIBRARY_REASON = 'Libraries run inside their callers: error handling and shutdown are the host service\'s';

const SOURCE_PATTERNS = ['*.js', '*.mjs', '*.cjs', '*.jsx', '*.ts', '*.mts', '*.cts', '*.tsx', '*.py', '*.go', '*.java', '*.kt', '*.cs', '*.rs'];

// Tests register handlers of their own; they say nothing about the service.
const TEST_FILE =
  /(^|\/)(__tests__|__mocks__|tests?|spec|src\/test)\/|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)test_[^/]*\.py$|_test\.(py|go)$|Tests?\.(java|kt|cs)$|\.d\.ts$/;

/** The entity's own source files, tests excluded. */
function sourceFiles(repo: RepoView): Promise<TextFile[]> {
  return repo.memo('errors:sources', () =>
    repo.readAll(repo.find(SOURCE_PATTERNS).filter(p => !TEST_FILE.test(p))),
  );
}

/** A hit of a signal in a file. */
interface Hit {
  path: string;
  line: number;
  signal: string;
}

// A comment line: `//`, `#`, `*`, `/*` or `--` after blanks. Sticky, run from
// the line's start; [^\S\n] keeps it on that line (no slice of the line).
const COMMENT_START = /[^\S\n]*(?:\/\/|#|\*|\/\*|--)/y;

function onCommentLine(text: string, index: number): boolean {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  if (start > index) return false; // a match at a line break that starts the text: an empty line, no comment
  COMMENT_START.lastIndex = start;
  return COMMENT_START.test(text);
}

// The global twin of each pattern, built once: these run on every source file.
const globals = new WeakMap<RegExp, RegExp>();

/** Where the next scan starts: past the match, as matchAll steps over an empty one. */
const after = (m: RegExpExecArray) => m.index + (m[0].length || 1);

/**
 * The first match of `re` at or after `from` that is not on a comment line.
 * Loop with `from = after(m)`: a plain exec loop (no generator, no matchAll
 * clone of the regex) on every source file. The position is the caller's:
 * the shared global regex may be used by another scan in between.
 */
function codeMatch(file: TextFile, re: RegExp, from = 0): RegExpExecArray | undefined {
  if (!mayMatch(re, file.text)) return undefined;
  let global = globals.get(re);
  if (!global) {
    global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    globals.set(re, global);
  }
  for (let at = from; at <= file.text.length; ) {
    global.lastIndex = at;
    const m = global.exec(file.text);
    if (!m) return undefined;
    at = after(m);
    if (!onCommentLine(file.text, m.index)) return m;
  }
  return undefined;
}

function firstHit(file: TextFile, re: RegExp, signal: string): Hit | undefined {
  const m = codeMatch(file, re);
  return m ? { path: file.path, line: lineOf(file.text, m.index), signal } : undefined;
}

/** A signal: the files it applies to, its pattern and its name. */
type Signal = readonly [RegExp, RegExp, string];

/** The first hit of each signal that applies to the file, in table order. */
function signalHits(file: TextFile, signals: readonly Signal[], hits: Hit[]): void {
  // Indexed, without destructuring: this runs for every source file and signal,
  // and a destructured tuple costs an iterator wherever the code is not optimized.
  for (let i = 0; i < signals.length; i++) {
    const s = signals[i];
    const hit = s[0].test(file.path) ? firstHit(file, s[1], s[2]) : undefined;
    if (hit) hits.push(hit);
  }
}

const ERRORISH = /^_?(err|error|e|ex|exc|exception)\w*$/i;
const THREE_COMMAS = /,[^,]*,[^,]*,/;

/** Four parameters, the first named like an error: Express error middleware. */
function isErrorMiddlewareParams(params: string): boolean {
  // Four names need three commas: most declarations stop here, without the split.
  if (!THREE_COMMAS.test(params)) return false;
  const names = params
    .split(',')
    .map(p => p.trim().replace(/[:=][\s\S]*$/, '').trim())
    .filter(Boolean);
  return names.length === 4 && ERRORISH.test(names[0]);
}

const JS = /\.[cm]?[jt]sx?$/;

// `.use(` followed by an optional mount path, then a function literal's parameter list.
const INLINE_MIDDLEWARE = /^\s*(?:['"`][^'"`]*['"`]\s*,\s*)?(?:async\s*)?(?:function\s*[\w$]*\s*)?\(([^()]*)\)/;

const USE_CALL = /\.use\s*\(/;
const HANDLER_DECL =
  /\bfunction\s+([A-Za-z_$][\w$]*)\s*\(([^()]*)\)|\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*[\w.<>]+)?\s*=\s*(?:async\s*)?(?:function\s*[\w$]*\s*)?\(([^()]*)\)/g;

/** Error handlers declared anywhere in the files: function f(err, req, res, next) / const f = (err, ...) => */
function errorHandlerNames(js: TextFile[]): Set<string> {
  const named = new Set<string>();
  for (const f of js) {
    for (let m = codeMatch(f, HANDLER_DECL); m; m = codeMatch(f, HANDLER_DECL, after(m))) {
      if (isErrorMiddlewareParams(m[2] ?? m[4] ?? '')) named.add(m[1] ?? m[3]);
    }
  }
  return named;
}

/** Express error middleware: inline in `.use(`, a named 4-parameter handler passed to `.use(`, or an `errorHandler()` factory. */
function expressHandlers(files: TextFile[]): Hit[] {
  const js = files.filter(f => JS.test(f.path));
  // Only a `.use(` call asks for the names: without one, the declarations are never scanned.
  let named: Set<string> | undefined;
  const isNamedHandler = (id: string) => (named ??= errorHandlerNames(js)).has(id);
  const hits: Hit[] = [];
  for (const f of js) {
    for (let m = codeMatch(f, USE_CALL); m; m = codeMatch(f, USE_CALL, after(m))) {
      const args = f.text.slice(m.index + m[0].length, m.index + m[0].length + 2000);
      const inline = INLINE_MIDDLEWARE.exec(args);
      const callArgs = args.split(/\)\s*;|\n\s*\n/)[0];
      if (
        (inline && isErrorMiddlewareParams(inline[1])) ||
        [...callArgs.matchAll(/[A-Za-z_$][\w$]*/g)].some(id => isNamedHandler(id[0])) ||
        /^\s*[\w$.]*[eE]rrorHandler\s*\(/.test(args)
      ) {
        hits.push({ path: f.path, line: lineOf(f.text, m.index), signal: 'Express error middleware' });
      }
    }
  }
  return hits;
}

const GLOBAL_HANDLER_SIGNALS: Signal[] = [
  [JS, /\bprocess\.(on|once)\s*\(\s*['"`](unhandledRejection|uncaughtException)['"`]/, 'process-level handler'],
  [/\.[cm]?tsx?$/, /@Catch\s*\(/, 'Nest exception filter'],
  [/\.py$/, hinted(/\.(add_)?exception_handler\s*\(/, 'exception_handler'), 'FastAPI exception handler'],
  [/\.py$/, hinted(/\.(app_)?errorhandler\s*\(|\bregister_error_handler\s*\(/, 'errorhandler', 'register_error_handler'), 'Flask error handler'],
  [/\.(java|kt)$/, /@(Rest)?ControllerAdvice\b/, 'Spring @ControllerAdvice'],
  [/\.cs$/, /\bUseExceptionHandler\s*\(|:\s*IExceptionHandler\b/, 'ASP.NET exception handler'],
  [
    /\.go$/,
    hinted(
      /\bmiddleware\.Recover(er\b|\s*\()|\bgin\.(Recovery|CustomRecovery\w*)\s*\(|\bgin\.Default\s*\(|\brecovery\.(Unary|Stream)ServerInterceptor\b/,
      'middleware.Recover',
      'gin.',
      'ServerInterceptor',
    ),
    'Go recovery middleware',
  ],
];

const RECOVER_CALL = /\brecover\(\)/;

/** Go: `recover()` inside a handler wrapper (a func returning http.Handler or a middleware type). */
function goRecoverMiddleware(file: TextFile): Hit | undefined {
  if (!file.path.endsWith('.go')) return undefined;
  for (let m = codeMatch(file, RECOVER_CALL); m; m = codeMatch(file, RECOVER_CALL, after(m))) {
    const before = file.text.slice(0, m.index);
    const fn = before.lastIndexOf('\nfunc ');
    const sig = file.text.slice(fn + 1, file.text.indexOf('{', fn + 1));
    if (/http\.Handler\b|http\.HandlerFunc\b|\w+\.HandlerFunc\b|MiddlewareFunc\b|Interceptor\b|func\s*\(\s*next\b/.test(sig)) {
      return { path: file.path, line: lineOf(file.text, m.index), signal: 'Go recovery middleware' };
    }
  }
  return undefined;
}

const KOA_ERROR = /\bapp\.on\s*\(\s*['"`]error['"`]/;
const KOA_IMPORT = hinted(/(require\(\s*|from\s+)['"]koa['"]/, 'koa');

/** Koa: `app.on('error', ...)` in a file that uses Koa (streams use `.on('error'` too). */
function koaHandler(file: TextFile): Hit | undefined {
  if (!JS.test(file.path) || !testHinted(KOA_IMPORT, file.text)) return undefined;
  return firstHit(file, KOA_ERROR, 'Koa app error handler');
}

const evidenceOf = (repo: RepoView, hits: Hit[]): Evidence[] =>
  hits.slice(0, 5).map(h => repo.evidence(h.path, h.line, h.signal));

const summaryOf = (hits: Hit[]) =>
  `${[...new Set(hits.map(h => h.signal))].join(', ')} (${hits[0].path}:${hits[0].line})`;

/** errors-global-handler: one place where unhandled errors end up. */
export const errorsGlobalHandlerCheck: ReadinessCheck = {
  id: 'errors-global-handler',
  title: 'Central error handler',
  category: 'error-handling',
  severity: 'medium',
  effort: 'S',
  scope: 'repository',
  description:
    'Looks in the service\'s own source (tests excluded) for a central error handler: Express error middleware (a 4-parameter function whose first parameter is the error, inline or by name in `.use(`, or an `errorHandler()` factory), `process.on(\'unhandledRejection\' | \'uncaughtException\')`, Nest `@Catch(`, FastAPI `exception_handler`, Flask `errorhandler`, Spring `@ControllerAdvice` / `@RestControllerAdvice`, Go recovery middleware (`recover()` in a handler wrapper, chi `middleware.Recoverer`, echo `middleware.Recover()`, `gin.Recovery()` / `gin.Default()`, gRPC recovery interceptors), ASP.NET `UseExceptionHandler` / `IExceptionHandler`, and Koa `app.on(\'error\')`. Comment lines do not count. Not applicable to libraries.',
  rationale:
    'Without a central handler an unexpected error leaks a stack trace to the caller, returns an inconsistent response, or kills the process, and it is never logged the same way twice.',
  remediation:
    'Register one error handler for the framework (Express error middleware, @ControllerAdvice, exception_handler, recovery middleware) that logs the error with context and returns a consistent error response.',
  applies: ({ entity }) => (isLibrary(entity) ? { reason: LIBRARY_REASON } : true),
  async run({ repo }) {
    const files = await sourceFiles(repo);
    const hits: Hit[] = [...expressHandlers(files)];
    for (const f of files) {
      signalHits(f, GLOBAL_HANDLER_SIGNALS, hits);
      const extra = goRecoverMiddleware(f) ?? koaHandler(f);
      if (extra) hits.push(extra);
    }
    if (!hits.length) {
      return outcome.fail(`No central error handler in ${files.length} source file(s) (error middleware, exception handler, recovery middleware)`);
    }
    return outcome.pass(summaryOf(hits), evidenceOf(repo, hits));
  },
};

const SHUTDOWN_SIGNALS: Signal[] = [
  [JS, /\bprocess\.(on|once|addListener)\s*\(\s*['"`]SIGTERM['"`]/, "process.on('SIGTERM')"],
  [/\.go$/, /\bsignal\.Notify(Context)?\s*\([^{}]{0,300}?\bSIGTERM\b/, 'signal.Notify SIGTERM'],
  [/\.go$/, /\.Shutdown\s*\(\s*(\w*[cC]tx\w*|context\.)/, 'server.Shutdown(ctx)'],
  [/\.py$/, hinted(/\bgraceful_timeout\b|\btimeout_graceful_shutdown\b/, 'graceful'), 'server graceful timeout'],
  [/\.py$/, /\bsignal\.signal\s*\(\s*signal\.SIGTERM\b|\badd_signal_handler\s*\(\s*signal\.SIGTERM\b/, 'SIGTERM handler'],
  // `for s in (signal.SIGINT, signal.SIGTERM): signal.signal(s, handler)` within a few lines
  [/\.py$/, /\bsignal\.SIGTERM\b[^\n]*(?:\n[^\n]*){0,3}?\b(?:signal\.signal|add_signal_handler)\s*\(\s*[A-Za-z_]\w*\s*,/, 'SIGTERM handler'],
  [/\.(java|kt)$/, /\baddShutdownHook\s*\(/, 'JVM shutdown hook'],
  [/\.cs$/, /\bIHostApplicationLifetime\b|\bApplicationStopping\b/, 'IHostApplicationLifetime'],
  [/\.rs$/, /\bwith_graceful_shutdown\s*\(|SignalKind::terminate\(\)/, 'graceful shutdown'],
];

// Command lines and config files that start a Python server with a grace period.
const LAUNCH_FILES = ['Dockerfile', 'Dockerfile.*', '*.Dockerfile', 'Procfile', '*.sh', 'gunicorn*.py', '*.conf', '*.toml', '*.ini', 'Makefile'];
const LAUNCH_SIGNAL = hinted(
  /--graceful-timeout\b|\bgraceful_timeout\b|--timeout-graceful-shutdown\b|\btimeout_graceful_shutdown\b/,
  'graceful',
);

const SPRING_GRACEFUL = /^\s*server\.shutdown\s*[=:]\s*graceful\b/m;

/** Spring Boot `server.shutdown=graceful` in application properties or YAML. */
async function springGraceful(repo: RepoView): Promise<Hit[]> {
  const hits: Hit[] = [];
  for (const f of await repo.findTexts(['application*.properties', 'application*.yml', 'application*.yaml'])) {
    if (f.path.endsWith('.properties')) {
      const hit = firstHit(f, SPRING_GRACEFUL, 'server.shutdown=graceful');
      if (hit) hits.push(hit);
      continue;
    }
    try {
      for (const doc of parseYamlDocuments(f.text)) {
        // As when each document's toJS() ran in this try: a document whose aliases fail ends the file's scan.
        if (doc.error) break;
        const js = doc.value as { server?: { shutdown?: unknown }; 'server.shutdown'?: unknown } | null;
        if (js?.server?.shutdown === 'graceful' || js?.['server.shutdown'] === 'graceful') {
          const m = /^\s*(server\.)?shutdown\s*:\s*graceful/m.exec(f.text);
          hits.push({ path: f.path, line: m ? lineOf(f.text, m.index) : 1, signal: 'server.shutdown: graceful' });
          break;
        }
      }
    } catch {
      // Not YAML after all: nothing to find.
    }
  }
  return hits;
}

/** errors-graceful-shutdown: in-flight work drains on SIGTERM. */
export const errorsGracefulShutdownCheck: ReadinessCheck = {
  id: 'errors-graceful-shutdown',
  title: 'Graceful shutdown',
  category: 'error-handling',
  severity: 'medium',
  effort: 'S',
  scope: 'repository',
  description:
    'Looks for graceful shutdown on SIGTERM in the service\'s own source (tests excluded) and deployment files: `process.on(\'SIGTERM\')`, Go `signal.Notify` / `signal.NotifyContext` with SIGTERM or `.Shutdown(ctx)`, Spring `server.shutdown=graceful`, gunicorn `graceful_timeout`, uvicorn `timeout_graceful_shutdown`, Python `signal.signal(signal.SIGTERM, ...)` (or over a list of signals that holds SIGTERM), JVM `addShutdownHook`, .NET `IHostApplicationLifetime` / `ApplicationStopping`, Rust `with_graceful_shutdown`, and Kubernetes `preStop` hooks or a `terminationGracePeriodSeconds` above 0. Not applicable to libraries.',
  rationale:
    'On every deploy or scale-down the platform sends SIGTERM; a process that exits at once drops in-flight requests and half-done jobs, which users see as errors during each release.',
  remediation:
    'Handle SIGTERM: stop accepting new work, let in-flight requests finish within a timeout, close connections, then exit; and set a preStop hook or terminationGracePeriodSeconds that leaves time for it.',
  applies: ({ entity }) => (isLibrary(entity) ? { reason: LIBRARY_REASON } : true),
  async run({ repo }) {
    const hits: Hit[] = [];
    for (const f of await sourceFiles(repo)) signalHits(f, SHUTDOWN_SIGNALS, hits);
    for (const f of await repo.findTexts(LAUNCH_FILES)) {
      if (f.path.endsWith('.py')) continue; // gunicorn*.py were read as source already
      const hit = firstHit(f, LAUNCH_SIGNAL, 'server graceful timeout');
      if (hit) hits.push(hit);
    }
    hits.push(...(await springGraceful(repo)));
    for (const w of await workloads(repo)) {
      const grace = w.podSpec.terminationGracePeriodSeconds;
      const preStop = w.containers.some(c => c?.lifecycle?.preStop);
      const text = (await repo.read(w.object.path)) ?? '';
      const at = (re: RegExp) => {
        const m = re.exec(text);
        return m ? lineOf(text, m.index) : w.object.line;
      };
      if (preStop) hits.push({ path: w.object.path, line: at(/\bpreStop\s*:/), signal: 'preStop hook' });
      if (typeof grace === 'number' && grace > 0) {
        hits.push({ path: w.object.path, line: at(/\bterminationGracePeriodSeconds\s*:/), signal: 'terminationGracePeriodSeconds' });
      }
    }
    if (!hits.length) {
      return outcome.fail('No SIGTERM handling, server graceful shutdown setting, preStop hook or termination grace period');
    }
    return outcome.pass(summaryOf(hits), evidenceOf(repo, hits));
  },
};

/** Error-handling checks. */
export const errorHandlingChecks: ReadinessCheck[] = [errorsGlobalHandlerCheck, errorsGracefulShutdownCheck];
