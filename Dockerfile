# Images for docker-compose.yml, built once each (no container builds the shared source tree at run time).
#   docker compose build   then   docker compose up
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Silo/Silo.csproj -c Release -o /out/silo \
 && dotnet publish Api/Api.csproj -c Release -o /out/api

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS silo
WORKDIR /app
COPY --from=build /out/silo .
ENTRYPOINT ["dotnet", "Onboarding.Silo.dll"]

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS api
WORKDIR /app
COPY --from=build /out/api .
ENTRYPOINT ["dotnet", "Onboarding.Api.dll"]

# The AWS stand-ins from the lockfile, listening on every interface of their container.
FROM node:20-bookworm-slim AS local-aws
WORKDIR /local-aws
COPY tools/local-aws/ .
RUN npm ci --no-audit --no-fund --loglevel=error
CMD ["bash", "-c", "node node_modules/dynalite/cli.js --host 0.0.0.0 --port 8000 --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 & node sts-server.mjs 4567 0.0.0.0 & exec node fauxqs-server.mjs 4566 0.0.0.0"]
