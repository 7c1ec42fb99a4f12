# syntax=docker/dockerfile:1.7
# Ubermench image: one image, three commands (web, worker, migrate) chosen by docker-compose.
#   docker build -t ubermench .
#   docker run --env-file .env ubermench                                    # both roles in one process
#   docker run --env-file .env ubermench node dist/backend/src/main.js --role=web
#   docker run --env-file .env ubermench node dist/scripts/migrate.js latest
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: every dependency (dev included), from the lockfile only, cached separately from the source
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
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

# ---- prod-deps: production dependencies only
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts

# ---- runtime: slim, non-root, no compiler, no dev dependencies, no source
FROM ${NODE_IMAGE} AS runtime
ARG VERSION=dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="ubermench" \
      org.opencontainers.image.description="WhatsApp service-marketplace bot (webhook, workers, migrations)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
ENV NODE_ENV=production \
    PORT=3000 \
    NODE_OPTIONS="--enable-source-maps"
WORKDIR /app
COPY --chown=node:node package.json package-lock.json ./
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
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
# throughput (docs/performance.md, Run 6). A V8 flag, so not allowed in NODE_OPTIONS; the same
# command line is `npm start` and the compose services' commands (a test keeps them equal).
CMD ["node", "--heap-growing-percent=100", "dist/backend/src/main.js"]

# ---- demo: the runtime plus the local Cloud API fake (backend/dev), for `--profile demo` only.
# The production image above never contains it (tsconfig.build.json compiles backend/src only).
FROM build AS demo-build
RUN node scripts/build.mjs dist --with-dev && test -f dist/backend/dev/fake-cloud-api/cli.js

FROM runtime AS demo
COPY --from=demo-build --chown=node:node /app/dist/backend/dev ./dist/backend/dev
