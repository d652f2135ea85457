# Class bodies run once at definition; names inside are class attributes, not method scope.
print("before")
class K:
    print("in class body")
    a = 1
    b = a + 1
    def get_b(self):
        return self.b
    c = [a * i for i in range(3)] if False else [1, 2]
print("after")
print(K.a, K.b, K().get_b(), K.c)
x = "global"
class L:
    x = "class"
    def m(self):
        return x
print(L().m())
