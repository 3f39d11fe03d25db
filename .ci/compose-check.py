"""Checks deploy/docker-compose.yml without a container engine: it parses, the default services are the one SQLite bot,
and the postgres profile is PostgreSQL, a one-shot `bot migrate` and two replicas of the same image that wait for it."""
import sys

import yaml

with open(sys.argv[1], encoding="utf-8") as file:
    compose = yaml.safe_load(file)
services = compose["services"]
default = sorted(name for name, service in services.items() if not service.get("profiles"))
postgres = sorted(name for name, service in services.items() if "postgres" in service.get("profiles", []))
problems = []
if default != ["bot"]:
    problems.append(f"default services are {default}, expected ['bot']")
if postgres != ["bot-a", "bot-b", "migrate", "postgres"]:
    problems.append(f"postgres profile services are {postgres}")
for name in ("bot-a", "bot-b", "migrate"):
    env = services.get(name, {}).get("environment", {})
    if env.get("Evidence__Provider") != "postgres" or "Host=postgres" not in env.get("Evidence__ConnectionString", ""):
        problems.append(f"{name} is not on the postgres service")
    if services.get(name, {}).get("image") != services["bot"]["image"]:
        problems.append(f"{name} does not run the bot's image")
for name in ("bot-a", "bot-b"):
    if services.get(name, {}).get("depends_on", {}).get("migrate", {}).get("condition") != "service_completed_successfully":
        problems.append(f"{name} does not wait for bot migrate")
if services.get("migrate", {}).get("entrypoint") != ["dotnet", "bot.dll", "migrate"]:
    problems.append("migrate does not run bot migrate")
if "pg-data" not in compose.get("volumes", {}):
    problems.append("no pg-data volume")
for problem in problems:
    print(f"compose check: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
