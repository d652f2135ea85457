# A closure over a list and a dict.
def make_log():
    entries = []
    seen = {}
    def log(msg):
        entries.append(msg)
        seen[msg] = seen.get(msg, 0) + 1
        return len(entries)
    def dump():
        return entries, seen
    return log, dump

log, dump = make_log()
log("a")
log("b")
log("a")
print(dump())
