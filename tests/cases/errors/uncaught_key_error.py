# A missing dict key is uncaught.
config = {"name": "demo"}
print(config["name"])
print(config["version"])
