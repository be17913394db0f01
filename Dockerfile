# syntax=docker/dockerfile:1
#
# One image, three commands (see docker-compose.yml):
#   web      node app/server/main.ts          (the default)
#   worker   node worker/index.ts
#   migrate  node prisma/migrate.ts deploy    (migrations + job queues, then exits)
# Node 24 runs our TypeScript directly (type stripping), so the runtime needs the
# sources it executes, the production build of the web app, the generated Prisma
# client and production dependencies only.

# The same Node.js as the `node` dev dependency in package.json, which every npm script
# runs on outside Docker (tests/integration/compose.test.ts holds the two together).
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

# ---- build: every dependency, the Prisma client, the production build ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
# The postinstall script (`prisma generate`) needs only these; copying them alone
# keeps the `npm ci` layer cached until the lockfile or the schema changes.
COPY package.json package-lock.json ./
COPY scripts/prisma-generate.ts scripts/
COPY prisma/schema.prisma prisma/
# scripts/prisma-generate.ts points PRISMA_SCHEMA_ENGINE_BINARY at an existing file,
# so `prisma generate` never downloads the native schema engine (ADR 0002); the
# package.json `allowScripts` block keeps Prisma's own download script from running.
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN NODE_ENV=production npm run build

# ---- prod-deps: production dependencies only, no install scripts ----
# --omit=optional as well: @prisma/client lists the Prisma CLI and TypeScript as optional
# peers, so `--omit=dev` alone would keep them (and ~240 MB of their dependencies).
# Nothing the runtime imports is optional (tests/integration/compose.test.ts checks the imports).
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 NPM_CONFIG_UPDATE_NOTIFIER=false
# Owned by root and read-only for the app user: the processes write nothing to disk.
COPY package.json package-lock.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
# app/ with the generated Prisma client (app/generated/, made in the build stage).
COPY --from=build /app/app ./app
COPY --from=build /app/build ./build
# Schema, migrations (also read by /readyz) and the migrate/seed scripts.
COPY prisma ./prisma
COPY worker ./worker
# Only for a clear message when DATABASE_URL is missing (the embedded Postgres is dev-only).
COPY scripts/lib ./scripts/lib

# The official image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
# No curl in slim images: Node's own fetch. Only the web command serves HTTP;
# docker-compose.yml disables this check for the worker and migrate containers.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "app/server/main.ts"]
