# Instances tracked through class-level state and a classmethod.
class Node:
    created = 0
    def __init__(self, val, nxt=None):
        self.val = val
        self.nxt = nxt
        Node.created += 1
    @classmethod
    def from_list(cls, xs):
        head = None
        for v in reversed(xs):
            head = cls(v, head)
        return head
    def to_list(self):
        out, n = [], self
        while n is not None:
            out.append(n.val)
            n = n.nxt
        return out

h = Node.from_list([1, 2, 3, 4])
print(h.to_list(), Node.created)
