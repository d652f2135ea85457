# json.dumps/loads round trips with default separators, nesting, and unicode escaping.
import json
obj = {"name": "Ann", "age": 30, "tags": ["a", "b"], "ok": True, "none": None, "pi": 3.5, "nested": {"x": [1, {"y": 2}]}}
s = json.dumps(obj)
print(s)
print(json.loads(s) == obj, json.loads(s)["nested"]["x"][1]["y"])
print(json.dumps([1, "two", 3.0, False]), json.dumps("caf\u00e9"), json.dumps("q\"uote\n"))
print(json.dumps({"b": 1, "a": 2}, sort_keys=True), json.dumps([1, 2], separators=(",", ":")))
print(json.dumps({1: "int key"}), json.dumps((1, 2)), json.dumps(2 ** 70), json.dumps(1e20))
print(json.loads('{"a": [1, 2.5, "x", null, true, false]}'), json.loads("  42 "), json.loads('"\\u00e9"'))
print(json.dumps({"a": [1, 2]}, indent=2))
try:
    json.loads("{bad json}")
except ValueError as e:
    print("ValueError", type(e).__name__)
