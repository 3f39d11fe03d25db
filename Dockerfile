# Build: the SDK image publishes the one executable. global.json pins the SDK feature band (10.0.4xx, newest patch);
# when this tag moves to a newer band, move global.json with it. .dockerignore keeps build output, keys, databases and
# appsettings.json out of the context.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Bot/Bot.csproj -c Release -o /app

# Run: the ASP.NET runtime image, as a non-root user, the database on a volume, the App key mounted as a file.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
RUN apt-get update && apt-get install -y --no-install-recommends curl git && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown app:app /data
# Port 8080 on every interface through ASPNETCORE_HTTP_PORTS (which the base image sets too); no ASPNETCORE_URLS beside
# it, which would override it with a warning at every start.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Evidence__DatabasePath=/data/bot.db \
    GitHub__PrivateKeyPath=/run/secrets/github-app.pem
VOLUME /data
EXPOSE 8080
USER app
HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
# Evidence__HmacKey (at least 32 bytes) is a secret: give it when the container starts (docker run -e, or a secret of the
# orchestrator); the service refuses to start without it.
ENTRYPOINT ["dotnet", "bot.dll", "serve"]
