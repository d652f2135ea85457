# __iter__ written as a generator method in a user container class.
class Tree:
    def __init__(self, v, *kids):
        self.v, self.kids = v, kids
    def __iter__(self):
        yield self.v
        for k in self.kids:
            yield from k
t = Tree(1, Tree(2, Tree(3)), Tree(4, Tree(5), Tree(6)))
print(list(t))
print(sum(t), 5 in t, 9 in t)
for v in Tree("x", Tree("y")):
    print(v)
