# Gateway image for docker-compose.yml: builds the workspace and serves API + web app.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*
COPY . .
RUN npx -y pnpm@12.4.2 install --frozen-lockfile && npx -y pnpm@12.4.2 -r run build

FROM build AS run
ENV HOST=0.0.0.0 PORT=8080 DATA_DIR=/data
EXPOSE 8080
WORKDIR /app/apps/gateway
CMD ["node", "dist/server.js"]
