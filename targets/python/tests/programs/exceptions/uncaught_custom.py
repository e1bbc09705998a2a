# An uncaught user exception shows its class name and message.
class ConfigError(Exception):
    pass
def check(v):
    if v > 3:
        raise ConfigError(f"value {v} is too big")
    return v
for i in range(10):
    print(check(i))
