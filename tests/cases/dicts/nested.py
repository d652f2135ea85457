# Dicts of lists and dicts of dicts.
db = {"alice": {"age": 30, "tags": ["admin"]}, "bob": {"age": 25, "tags": []}}
db["bob"]["tags"].append("dev")
db["alice"]["age"] += 1
print(db)
for name, info in db.items():
    print(name, info["age"], len(info["tags"]))
db["carol"] = {"age": 41, "tags": ["ops", "dev"]}
print(len(db), db["carol"]["tags"][-1])
