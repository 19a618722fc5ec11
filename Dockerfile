# syntax=docker/dockerfile:1
# cloudops-bot production image. Node 22 LTS (Node 20 is past end of life; the code runs on 20 and newer).

FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# `npm install` honours package-lock.json (see .ci/run for why not `npm ci`). --ignore-scripts: the
# package's `prepare` script would compile src/, which is not copied yet; better-sqlite3's own install
# script (prebuilt binary or compile) runs through `npm rebuild`.
RUN npm install --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json ./
COPY src ./src
RUN npx tsc -p tsconfig.json && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY playbooks ./playbooks
COPY sandbox ./sandbox
COPY manifests ./manifests
RUN mkdir -p /data && chown node:node /data
USER node
# Approvals, audit trail and caches live in one SQLite file; mount a volume here.
VOLUME ["/data"]
ENV CLOUDOPS_STORE=/data/cloudops.db
# The trained classifier, cached by the catalog's content (start-up skips training): on the same volume.
ENV CLOUDOPS_CACHE_DIR=/data/cache
# /healthz is answered on this port whatever runs: on the chat HTTP server when it listens here (Slack
# HTTP mode's default), otherwise on a server of its own (Slack Socket Mode, Teams on 3978).
ENV CLOUDOPS_HEALTH_PORT=3000
# 3000: Slack HTTP mode and /healthz; 3978: the Teams endpoint (teams.port).
EXPOSE 3000 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "require('http').get('http://127.0.0.1:'+(process.env.CLOUDOPS_HEALTH_PORT||3000)+'/healthz',r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))"
ENTRYPOINT ["node", "bin/cloudops.js"]
CMD ["start"]
