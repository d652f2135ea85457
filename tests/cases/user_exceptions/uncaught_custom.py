# A user exception that nobody catches ends the program with exit status 1 (uncaught).
class ConfigError(Exception): pass
def load():
    raise ConfigError("missing key: port")
print("loading")
load()
