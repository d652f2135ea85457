# startswith/endswith with tuples of prefixes and start/end positions.
name = "report_2024.csv"
print(name.startswith("rep"), name.startswith(("x", "report")), name.startswith(("a", "b")))
print(name.endswith(".csv"), name.endswith((".txt", ".csv")), name.endswith(""))
print(name.startswith("2024", 7), name.startswith("2024", 7, 9), name.endswith("report", 0, 6))
print("".startswith(""), "abc".startswith(()), "abc".endswith("abcd"))
try:
    name.startswith(["rep"])
except TypeError as e:
    print("TypeError:", e)
