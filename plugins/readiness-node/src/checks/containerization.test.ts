import {
  containerBasePinnedCheck,
  containerBuildCheck,
  containerMultistageCheck,
  containerNonRootCheck,
} from './containerization';
import { runCheck, testEntity } from './testUtils';

const library = testEntity({ spec: { type: 'library' } });

describe('container-build', () => {
  it('passes with a Dockerfile and a compose file', async () => {
    const r = await runCheck(containerBuildCheck, {
      Dockerfile: 'FROM node:22\nCMD ["node", "index.js"]\n',
      'compose.yaml': 'services:\n  app:\n    build: .\n',
    });
    expect(r.status).toBe('pass');
    expect(r.score).toBe(100);
    expect(r.evidence.map(e => e.path)).toEqual(['Dockerfile', 'compose.yaml']);
  });

  it('gives 70 for a build without a local stack (Jib)', async () => {
    const r = await runCheck(containerBuildCheck, {
      'pom.xml': '<project><build><plugins><plugin><artifactId>jib-maven-plugin</artifactId></plugin></plugins></build></project>',
    });
    expect(r.status).toBe('partial');
    expect(r.score).toBe(70);
    expect(r.evidence[0]).toMatchObject({ path: 'pom.xml', line: 1 });
  });

  it('gives 30 for a compose file only, and ignores a compose stub', async () => {
    const r = await runCheck(containerBuildCheck, { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n' });
    expect(r.score).toBe(30);
    const stub = await runCheck(containerBuildCheck, { 'docker-compose.yml': '# TODO\n' });
    expect(stub.status).toBe('fail');
  });

  it('fails without any container build, and ignores a Dockerfile in node_modules', async () => {
    const r = await runCheck(containerBuildCheck, {
      'index.js': 'console.log(1)',
      'node_modules/x/Dockerfile': 'FROM node:22\n',
    });
    expect(r.status).toBe('fail');
    expect(r.score).toBe(0);
  });

  it('is N/A for libraries and serverless projects', async () => {
    expect((await runCheck(containerBuildCheck, {}, { entity: library })).status).toBe('not-applicable');
    const sls = await runCheck(containerBuildCheck, { 'serverless.yml': 'service: x\nprovider:\n  name: aws\n' });
    expect(sls.status).toBe('not-applicable');
  });

  it('in a monorepo, reads the entity folder and a root compose that builds it', async () => {
    const r = await runCheck(
      containerBuildCheck,
      {
        'services/api/Dockerfile': 'FROM golang:1.23\n',
        'services/web/Dockerfile': 'FROM node:22\n',
        'docker-compose.yml': 'services:\n  api:\n    build: ./services/api\n',
      },
      { entityPath: 'services/api' },
    );
    expect(r.score).toBe(100);
    expect(r.evidence.map(e => e.path)).toEqual(['services/api/Dockerfile', 'docker-compose.yml']);
  });
});

describe('container-build with a root compose file and a root .env', () => {
  it('counts a root compose service whose dockerfile variable resolves into the entity folder', async () => {
    const files = {
      'apps/orders/Dockerfile': 'FROM golang:1.23\n',
      'apps/billing/Dockerfile': 'FROM golang:1.23\n',
      '.env': '# images\nORDERS_DOCKERFILE=./apps/orders/Dockerfile\nBILLING_DOCKERFILE=./apps/billing/Dockerfile # billing\n',
      'compose.yaml': 'services:\n  orders:\n    build:\n      context: ./\n      dockerfile: ${ORDERS_DOCKERFILE}\n',
    };
    const r = await runCheck(containerBuildCheck, files, { entityPath: 'apps/orders' });
    expect(r.score).toBe(100);
    expect(r.evidence.map(e => e.path)).toEqual(['apps/orders/Dockerfile', 'compose.yaml']);
    // billing is not built by the compose file
    expect((await runCheck(containerBuildCheck, files, { entityPath: 'apps/billing' })).score).toBe(70);
  });
});

describe('container-build with a .NET Aspire AppHost', () => {
  it('takes an Aspire AppHost project for the local stack, not an ordinary web project', async () => {
    const r = await runCheck(containerBuildCheck, {
      'src/Shop.AppHost/Shop.AppHost.csproj': '<Project Sdk="Aspire.AppHost.Sdk/13.0.0">\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n  </PropertyGroup>\n</Project>\n',
      'src/Shop.Api/Shop.Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web">\n</Project>\n',
    });
    expect(r).toMatchObject({ status: 'partial', score: 30, evidence: [{ path: 'src/Shop.AppHost/Shop.AppHost.csproj' }] });
    const web = await runCheck(containerBuildCheck, { 'src/Shop.Api/Shop.Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web">\n</Project>\n' });
    expect(web).toMatchObject({ status: 'fail', score: 0 });
  });
});

describe('container-base-pinned', () => {
  it('passes when every external base is tagged or digested, skipping stages and scratch', async () => {
    const r = await runCheck(containerBasePinnedCheck, {
      Dockerfile: [
        'ARG GO_VERSION=1.23',
        'FROM golang:${GO_VERSION} AS build',
        'FROM build AS test',
        'FROM gcr.io/distroless/static@sha256:abc123 AS runtime',
        'FROM scratch',
        'COPY --from=build /app /app',
      ].join('\n'),
    });
    expect(r.status).toBe('pass');
    expect(r.score).toBe(100);
    expect(r.summary).toBe('All 2 base images are pinned (1 by digest)');
  });

  it('scores pinned / total and names the unpinned image', async () => {
    const r = await runCheck(containerBasePinnedCheck, {
      Dockerfile: 'FROM node:22-alpine AS build\nFROM node:latest\n',
      'worker/Dockerfile': 'FROM python\n',
      'tools/Dockerfile': 'FROM registry.local:5000/team/base:2.1\n',
    });
    expect(r.status).toBe('partial');
    expect(r.score).toBe(50);
    expect(r.summary).toContain('node:latest in Dockerfile');
    expect(r.evidence[0]).toMatchObject({ path: 'Dockerfile', line: 2 });
  });

  it('fails when nothing is pinned; a registry port is not a tag', async () => {
    const r = await runCheck(containerBasePinnedCheck, { Dockerfile: 'FROM registry.local:5000/team/base\n' });
    expect(r.status).toBe('fail');
    expect(r.score).toBe(0);
  });

  it('does not count a base left to a build argument without default', async () => {
    const r = await runCheck(containerBasePinnedCheck, {
      Dockerfile: 'ARG BASE\nARG V\nFROM ${BASE}\nFROM node:${V}-alpine\nFROM --platform=$BUILDPLATFORM node:22\n',
    });
    expect(r.score).toBe(100);
    expect(r.summary).toBe('The base image is pinned');
  });

  it('is N/A without a Dockerfile', async () => {
    const r = await runCheck(containerBasePinnedCheck, { 'index.js': '' });
    expect(r.status).toBe('not-applicable');
    expect(r.summary).toContain('No Dockerfile');
  });
});

describe('container-non-root', () => {
  it.each(['USER 1000', 'USER app:app', 'USER 10001:10001', 'USER ${APP_USER}'])('passes with %s', async user => {
    const r = await runCheck(containerNonRootCheck, {
      Dockerfile: `FROM node:22\nARG APP_USER=node\nUSER root\nRUN apt-get update\n${user}\n`,
    });
    expect(r.status).toBe('pass');
    expect(r.evidence[0]).toMatchObject({ path: 'Dockerfile', line: 5 });
  });

  it.each(['USER root', 'USER 0', 'USER 0:0'])('fails with %s as the last USER', async user => {
    const r = await runCheck(containerNonRootCheck, { Dockerfile: `FROM node:22\nUSER node\n${user}\n` });
    expect(r.status).toBe('fail');
    expect(r.score).toBe(0);
  });

  it('resolves USER from an ARG default', async () => {
    const r = await runCheck(containerNonRootCheck, { Dockerfile: 'FROM node:22\nARG RUN_AS=root\nUSER ${RUN_AS}\n' });
    expect(r.status).toBe('fail');
    expect(r.summary).toContain('USER root');
  });

  it('fails without USER; a USER in the build stage does not count', async () => {
    const r = await runCheck(containerNonRootCheck, {
      Dockerfile: 'FROM golang:1.23 AS build\nUSER 1000\nFROM debian:12\nCOPY --from=build /app /app\n',
    });
    expect(r.status).toBe('fail');
    expect(r.summary).toContain('no USER');
  });

  it('inherits USER through a stage alias and passes a distroless :nonroot base', async () => {
    const chained = await runCheck(containerNonRootCheck, {
      Dockerfile: 'FROM node:22 AS base\nUSER node\nFROM base AS runtime\nCMD ["node"]\n',
    });
    expect(chained.status).toBe('pass');
    const distroless = await runCheck(containerNonRootCheck, {
      Dockerfile: 'FROM golang:1.23 AS build\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n',
    });
    expect(distroless.status).toBe('pass');
  });

  it('passes via k8s runAsNonRoot without a Dockerfile (Jib)', async () => {
    const r = await runCheck(containerNonRootCheck, {
      'k8s/deploy.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: api }',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: api',
        '          image: api',
        '          securityContext:',
        '            runAsNonRoot: true',
      ].join('\n'),
    });
    expect(r.status).toBe('pass');
    expect(r.evidence[0].path).toBe('k8s/deploy.yaml');
  });

  it('scores production Dockerfiles only and ignores a dev image', async () => {
    const r = await runCheck(containerNonRootCheck, {
      Dockerfile: 'FROM node:22\nUSER node\n',
      'Dockerfile.dev': 'FROM node:22\n',
      'worker/Dockerfile': 'FROM node:22\n',
    });
    expect(r.score).toBe(50);
    expect(r.status).toBe('partial');
    expect(r.evidence[0].path).toBe('worker/Dockerfile');
  });

  it('ignores a base/build image without CMD or ENTRYPOINT that another Dockerfile runs', async () => {
    const files = {
      Dockerfile:
        'ARG BASE=acme/app-base\nFROM ${BASE} AS base\nFROM node:22-slim\nCOPY --from=base /app /app\nUSER node\nCMD ["node", "/app/main.js"]\n',
      'Dockerfile.base': 'FROM node:22\nCOPY . /app\nRUN npm ci && npm run build\n',
    };
    const r = await runCheck(containerNonRootCheck, files);
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence.map(e => e.path)).toEqual(['Dockerfile']);
    const m = await runCheck(containerMultistageCheck, files);
    expect(m).toMatchObject({ status: 'pass', score: 100 });

    // a base image that starts a process of its own is still audited
    const runs = await runCheck(containerNonRootCheck, { ...files, 'Dockerfile.base': 'FROM node:22\nCMD ["node"]\n' });
    expect(runs.score).toBe(50);
  });

  it('is N/A without a Dockerfile or runAsNonRoot', async () => {
    const r = await runCheck(containerNonRootCheck, { 'main.go': 'package main' });
    expect(r.status).toBe('not-applicable');
    expect(r.summary).toContain('No Dockerfile');
  });
});

describe('container-multistage', () => {
  it('passes with two stages and a COPY --from into the final one', async () => {
    const r = await runCheck(containerMultistageCheck, {
      Dockerfile: 'FROM node:22 AS build\nRUN npm ci\nFROM node:22-slim\nCOPY --from=build /app/dist /app\n',
    });
    expect(r.status).toBe('pass');
    expect(r.evidence[0]).toMatchObject({ path: 'Dockerfile', line: 4 });
  });

  it('fails a single stage and two stages without COPY --from into the final one', async () => {
    const single = await runCheck(containerMultistageCheck, { Dockerfile: 'FROM node:22\nRUN npm ci\n' });
    expect(single.status).toBe('fail');
    const noCopy = await runCheck(containerMultistageCheck, {
      Dockerfile: 'FROM node:22 AS build\nFROM node:22-slim\nCOPY . /app\n',
    });
    expect(noCopy.status).toBe('fail');
    expect(noCopy.summary).toContain('no COPY --from=');
  });

  it('gives partial credit over several Dockerfiles and passes a minimal single-stage runtime', async () => {
    const r = await runCheck(containerMultistageCheck, {
      'api/Dockerfile': 'FROM gcr.io/distroless/static:nonroot\nCOPY bin/api /api\n',
      'worker/Dockerfile': 'FROM python:3.12\n',
    });
    expect(r.score).toBe(50);
    expect(r.evidence[0].path).toBe('worker/Dockerfile');
  });

  it('is N/A without a Dockerfile', async () => {
    expect((await runCheck(containerMultistageCheck, {})).status).toBe('not-applicable');
  });
});
