# partition and rpartition with present and missing separators.
print("key=value=more".partition("="), "key=value=more".rpartition("="))
print("novalue".partition("="), "novalue".rpartition("="))
print("a::b::c".partition("::"), "a::b::c".rpartition("::"))
k, _, v = "name: Bob".partition(": ")
print(k, v)
try:
    "x".partition("")
except ValueError as e:
    print("ValueError:", e)
