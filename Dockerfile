# One Dockerfile for every image; docker-compose.yml picks the package (build arg APP) and the stage (target):
#   docker build --build-arg APP=order-worker --target worker .         (also ml-worker)
#   docker build --build-arg APP=agent-worker --target agent-worker .
#   docker build --build-arg APP=gateway --build-arg WITH_CONSOLE=yes --target gateway .
#   docker build --build-arg APP=infra --target provision .
# Build context is the repository root. NODE_IMAGE: any Debian-based Node 20 image (a mirror in your own
# registry, say) with a "node" user.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
# The package to build, by its folder's name: @temporal-ecommerce/${APP}.
ARG APP
# yes: also build the console (apps/console/dist), which the gateway serves at / (CONSOLE_DIR).
ARG WITH_CONSOLE=no
RUN test -n "$APP" || { echo 'build arg APP is required (order-worker, ml-worker, agent-worker, gateway, infra)' >&2; exit 1; }
# better-sqlite3 compiles from source when no prebuilt binary matches the platform.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
RUN npm install -g pnpm@10.34.9
WORKDIR /repo
# Every package in the lockfile into pnpm's store, in a layer that only a lockfile change invalidates.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch
COPY . .
# Only this package and the workspace packages it depends on (and the console's): no test, bench or e2e tooling.
RUN set -e; filters="--filter @temporal-ecommerce/${APP}..."; \
    if [ "$WITH_CONSOLE" = yes ]; then filters="$filters --filter @temporal-ecommerce/console..."; fi; \
    pnpm install --frozen-lockfile --offline $filters; \
    pnpm $filters run build
# Production workers load prebundled workflow code (dist/workflow-bundle.js) instead of bundling at start.
RUN pnpm --filter "@temporal-ecommerce/${APP}" run --if-present bundle
# .gitignore lists dist/, and pnpm deploy honours it unless a package has an .npmignore: ship compiled code, not sources.
RUN for dir in apps/* packages/* infra; do printf 'src\ntest\n*.tsbuildinfo\n' > "$dir/.npmignore"; done
RUN pnpm --filter "@temporal-ecommerce/${APP}" deploy --prod --legacy /out
# The console's static files (empty unless WITH_CONSOLE=yes).
RUN mkdir -p /console && if [ "$WITH_CONSOLE" = yes ]; then cp -r apps/console/dist/. /console/; fi

# What every image shares: the deployed package, production mode, a non-root user.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /out ./

FROM runtime AS worker
ENV TEMPORAL_ECOMMERCE_DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
USER node
CMD ["node", "dist/worker.js"]

FROM worker AS agent-worker
USER root
# bubblewrap confines a repository's test command (docs/security.md). Inside a container it needs user
# namespaces and a /proc it may mount (e.g. --security-opt seccomp=unconfined, systempaths=unconfined);
# the worker logs at start which protection works and, in production, refuses to run tests with none.
RUN apt-get update && apt-get install -y --no-install-recommends bubblewrap && rm -rf /var/lib/apt/lists/*
USER node

FROM runtime AS gateway
ENV TEMPORAL_ECOMMERCE_DATA_DIR=/data \
    CONSOLE_DIR=/app/console
COPY --from=build --chown=node:node /console ./console
RUN test -f console/index.html || { echo 'the gateway image needs the console: --build-arg WITH_CONSOLE=yes' >&2; exit 1; }
RUN mkdir -p /data && chown node:node /data
USER node
CMD ["node", "dist/server.js"]

# Registers the namespace and search attributes on the compose server (infra/src/provision.ts).
FROM runtime AS provision
USER node
CMD ["node", "dist/provision.js"]
