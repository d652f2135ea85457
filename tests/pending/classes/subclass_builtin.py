# Subclassing dict and list with overridden methods.
class DefaultDict(dict):
    def __missing__(self, key):
        return "no " + key

class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]

d = DefaultDict(a="A")
print(d["a"], d["b"], len(d))
s = Stack()
s.push(1); s.push(2)
print(s.peek(), s, len(s))
s.pop()
print(s)
