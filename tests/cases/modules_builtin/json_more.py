# json: escapes, nesting, errors, bytes input, and values CPython writes specially.
import json
print(json.dumps({"s": "tab\there", "u": "\u20ac\U0001F600", "n": [None, True, 1.0, -0.5, 10 ** 20]}))
print(json.loads('[1, -2, 3.25e2, "a\\u00e9\\ud83d\\ude00", {"k": {}}, []]'))
print(json.loads(b'{"b": [true, false, null]}'), json.dumps(float("inf")), json.dumps([]), json.dumps({}))
print(json.dumps({"a": {"b": [1, 2]}, "c": 3}, indent=4, sort_keys=True))
for bad in ['{"a" 1}', "[1, 2", '"unterminated', "[1,]", "nul", "{} x"]:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(type(e).__name__, e)
try:
    json.dumps({(1, 2): 3})
except TypeError as e:
    print(e)
try:
    json.dumps(object)
except TypeError as e:
    print(e)
