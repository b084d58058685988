# modelwatch: multi-stage build on Node LTS slim, non-root, database on the /data volume.
FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json tsconfig.demo.json ./
COPY scripts ./scripts
COPY src ./src
COPY demo/world ./demo/world
# Compiles src/ and the demo world (demo/world/ → dist/world/) and copies the data files of src/
# (the licence knowledge base) into dist/.
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
# A font for the digest chart's labels (resvg draws text with the system's fonts).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    MODELWATCH_DB=/data/modelwatch.db \
    MODELWATCH_FEEDS=/app/feeds \
    MODELWATCH_HTTP_PORT=8080 \
    MODELWATCH_HTTP_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY migrations ./migrations
COPY feeds ./feeds
# The recorded responses `modelwatch demo` replays (its world is compiled into dist/world/).
COPY demo ./demo
# The seed of dated releases loaded at the first start (a gap with a past from day one).
COPY seed ./seed
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=1m --timeout=5s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:8080/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/modelwatch.js"]
CMD ["run"]
