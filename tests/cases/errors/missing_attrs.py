# AttributeError messages for instances, classes, modules and builtins.
import math
class K:
    cls_attr = 1
tries = [
    lambda: K().nope,
    lambda: K.nope,
    lambda: math.nope,
    lambda: (1).real_nope,
    lambda: "s".nope,
    lambda: [].nope,
    lambda: None.nope,
    lambda: (lambda: 0).nope,
    lambda: setattr(1, "x", 2),
    lambda: delattr(K(), "cls_attr"),
]
for t in tries:
    try:
        t()
    except AttributeError as e:
        print(e)
