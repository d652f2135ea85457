# Missing-argument TypeErrors name every parameter, however many and however long the names.
def f(a, b, c, *, d, e=1, g):
    pass
for call in (lambda: f(), lambda: f(1), lambda: f(1, 2, 3), lambda: f(1, 2, 3, d=1)):
    try:
        call()
    except TypeError as ex:
        print(ex)
def h(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10):
    pass
try:
    h()
except TypeError as ex:
    print(ex)
def long_names(first_parameter_name_quite_long, second_parameter_name_quite_long, third_parameter_name_quite_long, fourth_parameter_name_quite_long, fifth_one_here_too):
    pass
try:
    long_names()
except TypeError as ex:
    print(ex)
def kw(*, a, b, c):
    pass
try:
    kw(b=1)
except TypeError as ex:
    print(ex)
try:
    kw()
except TypeError as ex:
    print(ex)
