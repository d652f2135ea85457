# finally runs on return, break and continue; a return in finally overrides.
def f1():
    try:
        return "try"
    finally:
        print("f1 finally")
def f2():
    try:
        return "try"
    finally:
        return "finally"
def f3():
    try:
        1 / 0
    finally:
        return "swallowed"
print(f1(), f2(), f3())
for i in range(5):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("body", i)
    finally:
        print("finally", i)
def f4():
    x = []
    for i in range(3):
        try:
            x.append(i)
            return x
        finally:
            x.append("f")
print(f4())
def f5():
    while True:
        try:
            return 1
        finally:
            break
    return 2
print(f5())
