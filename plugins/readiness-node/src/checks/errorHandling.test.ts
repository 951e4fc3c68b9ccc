import { errorsGlobalHandlerCheck, errorsGracefulShutdownCheck } from './errorHandling';
import { runCheck, testEntity } from './testUtils';

const library = testEntity({ spec: { type: 'library' } });

describe('errors-global-handler', () => {
  it.each([
    ['inline Express middleware', 'src/app.ts', "app.use(express.json());\napp.use((err: Error, req: Request, res: Response, next: NextFunction) => {\n  res.status(500).end();\n});\n", 'Express error middleware', 2],
    ['mounted inline function', 'src/app.js', "app.use('/api', function (error, rq, rs, nxt) { rs.sendStatus(500); });\n", 'Express error middleware', 1],
    ['process handler', 'src/main.js', "process.on('unhandledRejection', e => log(e));\n", 'process-level handler', 1],
    ['Nest filter', 'src/http.filter.ts', '@Catch(HttpException)\nexport class F implements ExceptionFilter {}\n', 'Nest exception filter', 1],
    ['FastAPI', 'app/main.py', '@app.exception_handler(Exception)\nasync def h(request, exc):\n    ...\n', 'FastAPI exception handler', 1],
    ['Flask', 'app/__init__.py', '@app.errorhandler(500)\ndef h(e):\n    return "x", 500\n', 'Flask error handler', 1],
    ['Spring', 'src/main/java/a/Errors.java', '@RestControllerAdvice\npublic class Errors {}\n', 'Spring @ControllerAdvice', 1],
    ['chi Recoverer', 'cmd/server/main.go', 'r := chi.NewRouter()\nr.Use(middleware.Recoverer)\n', 'Go recovery middleware', 2],
    ['gin.Recovery', 'main.go', 'r := gin.New()\nr.Use(gin.Recovery())\n', 'Go recovery middleware', 2],
    ['ASP.NET', 'Program.cs', 'var app = builder.Build();\napp.UseExceptionHandler("/error");\n', 'ASP.NET exception handler', 2],
    ['Koa', 'src/server.ts', "import Koa from 'koa';\nconst app = new Koa();\napp.on('error', err => log(err));\n", 'Koa app error handler', 3],
    // Every alternative of the hinted patterns (see facts/hints.ts)
    ['Koa by require', 'src/server.js', "const Koa = require('koa');\nconst app = new Koa();\napp.on('error', log);\n", 'Koa app error handler', 3],
    ['FastAPI add_exception_handler', 'app/main.py', 'app.add_exception_handler(Exception, h)\n', 'FastAPI exception handler', 1],
    ['Flask app_errorhandler', 'app/errors.py', '@bp.app_errorhandler(404)\ndef h(e):\n    return "x", 404\n', 'Flask error handler', 1],
    ['Flask register_error_handler', 'app/__init__.py', 'app.register_error_handler(500, h)\n', 'Flask error handler', 1],
    ['gin.Default', 'main.go', 'r := gin.Default()\n', 'Go recovery middleware', 1],
    ['gin.CustomRecovery', 'main.go', 'r.Use(gin.CustomRecoveryWithWriter(w, h))\n', 'Go recovery middleware', 1],
    ['echo Recover', 'main.go', 'e.Use(middleware.Recover())\n', 'Go recovery middleware', 1],
    ['gRPC recovery', 'server.go', 'grpc.UnaryInterceptor(recovery.UnaryServerInterceptor())\n', 'Go recovery middleware', 1],
  ])('passes on %s', async (_name, path, text, signal, line) => {
    const r = await runCheck(errorsGlobalHandlerCheck, { [path]: text });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({ path, line, note: signal });
  });

  it('passes on a named error handler passed to app.use in another file', async () => {
    const r = await runCheck(errorsGlobalHandlerCheck, {
      'src/errors.ts': 'export function errorHandler(e, _req, res, _next) { res.status(500).json({}); }\n',
      'src/app.ts': "import { errorHandler } from './errors';\napp.use(cors());\napp.use(errorHandler);\n",
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({ path: 'src/app.ts', line: 3 });
  });

  it('passes on Go recover() inside a middleware', async () => {
    const r = await runCheck(errorsGlobalHandlerCheck, {
      'internal/mw.go':
        'package mw\n\nfunc Recover(next http.Handler) http.Handler {\n\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n\t\tdefer func() {\n\t\t\tif v := recover(); v != nil {\n\t\t\t\tw.WriteHeader(500)\n\t\t\t}\n\t\t}()\n\t\tnext.ServeHTTP(w, r)\n\t})\n}\n',
    });
    expect(r).toMatchObject({ status: 'pass' });
    expect(r.evidence[0]).toMatchObject({ path: 'internal/mw.go', line: 6 });
  });

  it('fails on ordinary 3-argument middleware, stream error listeners and Go recover() in a worker', async () => {
    const r = await runCheck(errorsGlobalHandlerCheck, {
      'src/app.ts': "app.use((req, res, next) => next());\nstream.on('error', err => log(err));\n",
      'src/helper.ts': 'export function wrap(fn, a, b, c) { return fn; }\napp.use(wrap);\n',
      'worker.go': 'package main\n\nfunc work() {\n\tdefer func() { recover() }()\n}\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('looks past a commented-out match in a file, in file after file', async () => {
    const r = await runCheck(errorsGlobalHandlerCheck, {
      'src/a.js': "// process.on('uncaughtException', h)\r\nconst x = 1;\r\nprocess.on('unhandledRejection', h)",
      'src/b.js': "process.on('uncaughtException', h);\n",
    });
    expect(r).toMatchObject({ status: 'pass' });
    expect(r.evidence.map(e => `${e.path}:${e.line}`)).toEqual(['src/a.js:3', 'src/b.js:1']);
  });

  it('ignores tests, comments and node_modules', async () => {
    const r = await runCheck(errorsGlobalHandlerCheck, {
      'src/app.test.ts': "process.on('uncaughtException', () => {});\n",
      'tests/test_app.py': '@app.errorhandler(500)\n',
      'src/app.ts': "// process.on('uncaughtException', handler)\nexport const x = 1;\n",
      'node_modules/express/lib/app.js': 'app.use(function (err, req, res, next) {});\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('is not applicable to libraries', async () => {
    expect((await runCheck(errorsGlobalHandlerCheck, {}, { entity: library })).status).toBe('not-applicable');
  });
});

const deployment = (extra: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
${extra}      containers:
        - name: api
          image: api:1
`;

describe('errors-graceful-shutdown', () => {
  it.each([
    ['Node SIGTERM', 'src/main.ts', "process.on('SIGTERM', () => server.close());\n", 1],
    ['Go signal.Notify', 'main.go', 'signal.Notify(quit, os.Interrupt, syscall.SIGTERM)\n', 1],
    ['Go NotifyContext', 'main.go', 'ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)\n', 1],
    ['Go Shutdown', 'main.go', 'x := 1\nif err := srv.Shutdown(shutdownCtx); err != nil {}\n', 2],
    ['Spring properties', 'src/main/resources/application.properties', 'server.port=8080\nserver.shutdown=graceful\n', 2],
    ['Spring YAML', 'src/main/resources/application.yml', 'server:\n  port: 8080\n  shutdown: graceful\n', 3],
    ['gunicorn config', 'gunicorn.conf.py', 'workers = 4\ngraceful_timeout = 30\n', 2],
    ['gunicorn CLI', 'Dockerfile', 'FROM python:3.12\nCMD ["gunicorn", "--graceful-timeout", "30", "app:app"]\n', 2],
    ['uvicorn', 'app/main.py', 'uvicorn.run(app, timeout_graceful_shutdown=20)\n', 1],
    ['Python handler over a tuple of signals', 'svc/cli.py', 'def run():\n    stops = (signal.SIGINT, signal.SIGTERM)\n    for sig in stops:\n        signal.signal(sig, drain)\n', 2],
    ['.NET', 'Program.cs', 'lifetime.ApplicationStopping.Register(() => Drain());\n', 1],
    ['k8s preStop', 'k8s/deploy.yaml', deployment('').replace('image: api:1\n', 'image: api:1\n          lifecycle:\n            preStop:\n              exec:\n                command: ["sleep", "5"]\n'), 12],
    ['k8s grace period', 'k8s/deploy.yaml', deployment('      terminationGracePeriodSeconds: 60\n'), 8],
  ])('passes on %s', async (_name, path, text, line) => {
    const r = await runCheck(errorsGracefulShutdownCheck, { [path]: text });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({ path, line });
  });

  it('fails without shutdown handling (SIGINT only, grace period 0, SIGTERM in a comment)', async () => {
    const r = await runCheck(errorsGracefulShutdownCheck, {
      'src/main.ts': "process.on('SIGINT', () => process.exit(0));\n// process.on('SIGTERM', drain)\n",
      'k8s/deploy.yaml': deployment('      terminationGracePeriodSeconds: 0\n'),
      'main.go': 'signal.Notify(c, os.Interrupt)\n',
      'app/worker.py': 'print(signal.SIGTERM)\n\n\n\n\n\n\n\n\nsignal.signal(signal.SIGINT, stop)\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('ignores handlers in tests and node_modules', async () => {
    const r = await runCheck(errorsGracefulShutdownCheck, {
      'src/server.spec.ts': "process.on('SIGTERM', () => {});\n",
      'node_modules/x/index.js': "process.on('SIGTERM', () => {});\n",
      'server_test.go': 'srv.Shutdown(ctx)\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('is not applicable to libraries', async () => {
    expect((await runCheck(errorsGracefulShutdownCheck, {}, { entity: library })).status).toBe('not-applicable');
  });
});
