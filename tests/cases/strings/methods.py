# The str methods this milestone supports.
s = "  Hello, World  "
print(s.strip(), s.upper(), s.lower())
print(s.replace("l", "L"), s.find("World"), s.find("xyz"))
t = s.strip()
print(t.startswith("Hello"), t.endswith("World"), t.startswith("World"))
print("-".join(["a", "b", "c"]), "".join(["x", "y"]), ", ".join([]))
print("a,b,,c".split(","), "  many   spaces here ".split())
print("k=v=w".split("=", 1), "1 2 3 4".split(" ", 2), "x".split(","))
