# plinkd in a container (docs/deploy.md). Two stages: the first compiles TypeScript with
# the dev dependencies, the second holds only Node, dist/ and the runtime dependencies,
# and runs as an unprivileged user.
#
#   docker build -t plinkd .
#   docker run -p 8080:8080 -p 5300:5300/udp -p 5300:5300/tcp -v plinkd-data:/var/lib/plinkd plinkd
#
# NODE_IMAGE: any Debian-based image with Node 20 and npm; deploy/local-node-image.sh
# builds one from this machine's Node where no container registry is reachable.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /build
COPY package.json package-lock.json ./
# --ignore-scripts: no dependency needs its install script to build or run plinkd.
# Behind a TLS-inspecting proxy, pass its CA: --secret id=npm_ca,src=/path/to/ca.pem (optional).
RUN --mount=type=secret,id=npm_ca \
    if [ -s /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca; fi; \
    npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/copy-static.mjs scripts/
COPY src src
RUN --mount=type=secret,id=npm_ca \
    if [ -s /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca; fi; \
    npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE}
# A fixed numeric user, so a volume's owner is known without a passwd entry on the host.
ARG PLINKD_UID=10001
RUN mkdir -p /var/lib/plinkd && chown ${PLINKD_UID}:${PLINKD_UID} /var/lib/plinkd
WORKDIR /opt/plinkd
COPY --from=build /build/package.json ./
COPY --from=build /build/node_modules node_modules
COPY --from=build /build/dist dist
COPY policies policies
# Inside a container plinkd listens on every address (the port mapping decides what is reachable).
ENV NODE_ENV=production \
    PLINKD_API=0.0.0.0:8080 \
    PLINKD_DNS=0.0.0.0:5300
VOLUME /var/lib/plinkd
EXPOSE 8080 5300/udp 5300/tcp
USER ${PLINKD_UID}:${PLINKD_UID}
# /healthz answers 200 while the process can do its job (docs/reliability.md); PLINKD_API's
# port is read at check time, so a changed --api is still checked where it listens.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const p=(process.env.PLINKD_API||'').split(':').pop()||'8080';fetch('http://127.0.0.1:'+p+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM stops plinkd cleanly (node is PID 1 here and handles it itself).
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/main.js"]
# The memory store, generated operator key and API token are kept in the volume. With
# --store redis://… give another command (compose.yaml): --data-dir is for the memory store only.
CMD ["serve", "--data-dir", "/var/lib/plinkd"]
