# One image for the api, the worker, the agency simulators and the migration job; the command picks.
FROM node:20.20.2-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# npm ci: exactly package-lock.json's versions, and it fails rather than resolve anew (see the Makefile).
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
# Workers start from the prebuilt bundle instead of running webpack at start-up.
RUN npx tsx worker/bundle.ts build/workflow-bundle.js
RUN npx tsx web/build.ts
ENV WORKFLOW_BUNDLE_PATH=/app/build/workflow-bundle.js
# Where the Temporal cluster's certificates, the services' tokens and the audit chain's checkpoints
# are kept (compose's volumes take this ownership when first mounted).
RUN mkdir -p /var/lib/lien-thong/temporal-pki /var/lib/lien-thong/temporal-tokens /var/lib/lien-thong/audit \
  && chown -R node:node /var/lib/lien-thong
USER node
CMD ["npx", "tsx", "api/server.ts"]
