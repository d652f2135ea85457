# replace with counts, find/rfind/index/rindex with ranges, and count.
s = "banana bandana"
print(s.replace("an", "AN"), s.replace("an", "", 2), s.replace("", "-")[:10], s.replace("zz", "y"))
print(s.find("an"), s.find("an", 2), s.find("an", 2, 3), s.find("zz"), s.rfind("an"), s.rfind("an", 0, 5))
print(s.index("ban"), s.rindex("ban"), s.find(""), s.rfind(""), s.find("a", -3))
print(s.count("a"), s.count("an"), s.count(""), s.count("a", 7), "aaaa".count("aa"))
try:
    s.index("xyz")
except ValueError as e:
    print("ValueError:", e)
try:
    s.rindex("xyz")
except ValueError as e:
    print("ValueError:", e)
print("ab" in s, "nab" not in s, "" in s)
