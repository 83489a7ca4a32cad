# syntax=docker/dockerfile:1
# Multi-stage build: compile with dev dependencies, ship production dependencies only.
# The default target (`runtime`, the last stage) is the service alone: the production build leaves
# the simulator and the demo out. `--target dev` adds them (the compose stack's simulated tenant).

FROM node:24-bookworm-slim AS sources
WORKDIR /app
COPY package.json package-lock.json ./
# The sources come next: the build (`prepare`) runs explicitly below.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json tsconfig.dev.json ./
COPY src ./src
COPY jobs ./jobs

FROM sources AS build
RUN npm run build && npm prune --omit=dev

FROM sources AS build-dev
RUN npm run build:dev && npm prune --omit=dev

FROM node:24-bookworm-slim AS base
ENV NODE_ENV=production \
    MAPPINGS_DIR=/app/mappings \
    STATE_DIR=/var/lib/stratsys-sync/state \
    REPORT_DIR=/var/lib/stratsys-sync/reports \
    OUTBOX_DIR=/var/lib/stratsys-sync/outbox \
    HTTP_PORT=8080
WORKDIR /app
COPY mappings ./mappings
RUN mkdir -p /var/lib/stratsys-sync && chown node:node /var/lib/stratsys-sync
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "--expose-gc", "dist/src/cli.js"]
CMD ["worker"]

# The service with the simulator and the demo (`stratsys-sync sim`), for evaluation and the compose stack.
FROM base AS dev
COPY --from=build-dev /app/package.json ./package.json
COPY --from=build-dev /app/node_modules ./node_modules
COPY --from=build-dev /app/dist ./dist

# The production image: the service only.
FROM base AS runtime
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
