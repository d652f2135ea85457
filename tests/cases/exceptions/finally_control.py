# return, break and continue inside try/finally.
def ret():
    try:
        return "from try"
    finally:
        print("finally after return")

print(ret())

def override():
    try:
        return 1
    finally:
        return 2

print(override())
for i in range(4):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("body", i)
    finally:
        print("finally", i)
