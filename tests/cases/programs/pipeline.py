# A generator pipeline over synthetic log records: a seeded generator
# makes the lines, hand-written itertools-style helpers slice and group
# them, a coroutine fed with send() keeps running statistics, and the
# report is formatted with f-strings.

SERVICES = ("auth", "db", "api", "cache")
LEVELS = ("DEBUG", "INFO", "WARN", "ERROR")
# Records are tuples, indexed by these names: far smaller than dicts.
T, SERVICE, LEVEL, ID, MS = range(5)
# The split() pieces are new strings; sharing the constants saves heap.
INTERN = {name: name for name in SERVICES + LEVELS}


def lcg(seed):
    # A tiny linear congruential generator: same numbers on every run.
    state = seed
    while True:
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        yield state >> 16


def log_lines(count, seed=42):
    rand = lcg(seed)
    clock = 1000
    for n in range(count):
        clock += next(rand) % 50
        service = SERVICES[next(rand) % len(SERVICES)]
        roll = next(rand) % 100
        level = LEVELS[0 if roll < 30 else 1 if roll < 75 else 2 if roll < 92 else 3]
        latency = (next(rand) % 4000) / 10
        if level == "ERROR":
            latency *= 3
        yield f"{clock} {service} {level} id={n:04d} took={latency:.1f}ms"
    yield "garbage line"
    yield f"{clock + 1} db INFO id=9999 took=oops"


def parse(lines, rejects):
    for line in lines:
        parts = line.split()
        try:
            stamp, service, level, ident, took = parts
            number = int(ident.split("=")[1])
            record = (int(stamp), INTERN[service], INTERN[level], number, float(took[5:-2]))
        except ValueError as err:
            rejects.append((line, type(err).__name__))
            continue
        yield record


def take(n, iterable):
    for i, item in zip(range(n), iterable):
        yield item


def chunks(iterable, size):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def counted(iterable):
    n = 0
    for item in iterable:
        n += 1
        yield item
    return n


def chain(*iterables):
    # yield from hands back each part's return value: the items it counted.
    total = 0
    for it in iterables:
        total += yield from counted(it)
    return total


def announce(gen, label):
    total = yield from gen
    print(f"  ({label}: {total} items)")


def group_by(items, key):
    groups = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def running_stats():
    # A coroutine: send() a number, get back (count, mean, max) so far.
    count, total, peak = 0, 0.0, None
    value = yield None
    while value is not None:
        count += 1
        total += value
        peak = value if peak is None or value > peak else peak
        value = yield count, total / count, peak
    return count


def tail(iterable, n):
    window = []
    for item in iterable:
        window.append(item)
        if len(window) > n:
            window.pop(0)
    return window


def main():
    rejects = []
    records = list(parse(log_lines(60), rejects))
    print(f"parsed {len(records)} records, rejected {len(rejects)}")
    for line, why in rejects:
        print(f"  reject {line!r:>36} ({why})")

    print("first three:")
    for rec in take(3, records):
        print(f"  t={rec[T]:>5} {rec[SERVICE]:<6}{rec[LEVEL]:^7}#{rec[ID]:04d} {rec[MS]:>8.2f}")

    print("per service:")
    by_service = group_by(records, lambda r: r[SERVICE])
    for name in sorted(by_service, key=lambda s: (-len(by_service[s]), s)):
        times = [r[MS] for r in by_service[name]]
        mean = sum(times) / len(times)
        print(f"  {name:<6} n={len(times):3d} mean={mean:>8.2f} max={max(times):>7.1f} min={min(times):6.1f}")

    levels = group_by(records, lambda r: r[LEVEL])
    print("levels:", ", ".join(f"{lv}={len(levels.get(lv, []))}" for lv in LEVELS))

    stats = running_stats()
    next(stats)
    errors = (r for r in records if r[LEVEL] in ("WARN", "ERROR"))
    for rec in errors:
        count, mean, peak = stats.send(rec[MS])
        if count % 4 == 0:
            print(f"  after {count:2d} warnings/errors: mean {mean:8.3f} peak {peak:7.1f}")
    try:
        stats.send(None)
    except StopIteration as stop:
        print("stats coroutine finished after", stop.value, "values")

    slowest = sorted(records, key=lambda r: r[MS], reverse=True)[:5]
    print("slowest:")
    for rank, rec in enumerate(slowest, 1):
        print(f"  {rank}. {rec[SERVICE]!r:8} {rec[MS]:>8.2f} ms  id={rec[ID]:04d}  {rec[LEVEL]:>5}")

    summary(records, rejects)


def summary(records, rejects):
    print("batches of 16:")
    for i, batch in enumerate(chunks(records, 16)):
        span = batch[-1][T] - batch[0][T]
        slow = sum(1 for r in batch if r[MS] > 200)
        print(f"  batch {i}: {len(batch):2d} records over {span:4d} ticks, {slow} slow, {slow / len(batch):.0%}")

    gaps = [b[T] - a[T] for a, b in zip(records, records[1:])]
    print(f"gaps: min={min(gaps)} max={max(gaps)} mean={sum(gaps) / len(gaps):.2f}")
    bursts = list(filter(lambda g: g < 10, gaps))
    print("burst gaps:", len(bursts), sorted(set(bursts)))

    ids = list(map(lambda r: r[ID], filter(lambda r: r[SERVICE] == "db", records)))
    print("db ids:", ids)
    print("chained:", list(announce(chain(ids[:3], "xy", (n * n for n in range(3)), range(2)), "chain")))
    print("last three ids:", tail((r[ID] for r in records), 3))
    hist = {}
    for rec in records:
        bucket = min(int(rec[MS] // 100), 5)
        hist[bucket] = hist.get(bucket, 0) + 1
    for bucket in sorted(hist):
        label = f"{bucket * 100}-{bucket * 100 + 99}" if bucket < 5 else "500+"
        print(f"  {label:>8} ms | {'#' * hist[bucket]:<24}| {hist[bucket]:3d}")
    total = sum(r[MS] for r in records)
    print(f"total {total:,.1f} ms, {total / len(records):.3e} per record, {len(records) / (len(records) + len(rejects)):.1%} kept")
    print(any(r[MS] > 1000 for r in records), all(r[T] > 1000 for r in records))


main()
