# A small image for `posetrail worker` (and any other CLI command): Node, ffmpeg and the CLI's
# runtime dependencies, without the desktop app's. Build it with
#   docker build -t posetrail .
# and see the README's "Many machines" section and docker-compose.yml.
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: they would fetch binaries (Electron, ffmpeg-static, CUDA) the worker does not use.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY bin ./bin
COPY core ./core
COPY hosts ./hosts
COPY models ./models
COPY tsconfig.json ./
# Downloaded models live in a volume, fetched once by the first job that needs them.
ENV POSETRAIL_MODELS_DIR=/models
RUN mkdir -p /models && chown node:node /models
USER node
ENTRYPOINT ["node", "bin/posetrail.js"]
CMD ["worker"]
