# Bools print as True/False and behave as 0/1.
t = True
f = False
print(t, f, t and f, t or f, not t)
print(t + t + t, t * 5, f * 5, t / 2)
print(t == 1, f == 0, t > f, type(t))
print([t, f], (t,), {t: "yes", f: "no"})
print(sum([True, True, False]), max(False, True))
print(1 < 2 == True)
