# Production image: Node 24 from the image (the "node" npm package is not needed there), external PostgreSQL.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY bench ./bench
# `prepare` compiles to dist/ at install time.
RUN npm ci --omit=optional

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4001
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# No install scripts here: the image brings Node 24 (the "node" package's script is for machines without it), the
# embedded PostgreSQL is omitted, and dist/ comes from the build stage.
# The "node" package is dropped too: its binary was never installed (no scripts), and `npm run …` must find the image's
# Node 24 on PATH instead of a dangling node_modules/.bin/node.
RUN npm ci --omit=dev --omit=optional --ignore-scripts && npm cache clean --force \
  && rm -rf node_modules/node node_modules/.bin/node
COPY --from=build /app/dist ./dist
# `npm run fx -- …` (the CLI) runs through these npm scripts' guards.
COPY scripts ./scripts
# FX_DATA_DIR (mail outbox, generated files): a volume the runtime user can write.
RUN mkdir -p /app/.data && chown node:node /app/.data
VOLUME ["/app/.data"]
USER node
EXPOSE 4001
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:4001/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
