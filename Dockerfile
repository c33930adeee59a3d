# morelike: multi-stage image. The build stage compiles the native addons (hnswlib-node,
# better-sqlite3) with the toolchain; the runtime stage is slim, runs as a non-root user, ships the
# embedded default model and keeps articles in a volume.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# The toolchain only builds the native addons here; pinning Debian package versions would break
# on every point release of the base image.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# The server compiled into dist/ (what `npm start` runs when it matches the sources), then the
# build tools pruned.
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY scripts/build-server.ts ./scripts/
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    MORELIKE_DATA_DIR=/data \
    MORELIKE_MODELS_DIR=/app/models
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY models ./models
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "bin/start.mjs"]
